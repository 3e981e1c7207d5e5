"""Turn Natural Earth country outlines (TopoJSON) into the SVG path data the partner map draws.

The map is drawn on the server from a file kept in the repository, so that no page ever asks a
tile or map server for anything. Run this only to refresh that file:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python manage.py build_world_outline package/countries-110m.json

world-atlas (ISC licence) packages Natural Earth's 1:110m countries, which are in the public
domain; see partners/data/README.md.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from partners.worldmap import OUTLINE_FILE, SOUTH, project


def decode_arcs(topology):
    """The topology's arcs as lists of (longitude, latitude), undoing the delta encoding."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for dx, dy in arc:
            if transform:
                x, y = x + dx, y + dy
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    """A closed ring from its arc indexes (a negative index ~i means arc i reversed)."""
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point.
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def unwrap(points):
    """Longitudes made continuous where a ring crosses the antimeridian (Fiji, Chukotka), so that
    no line is drawn across the whole map; the part beyond 180 degrees is clipped by the SVG."""
    unwrapped = []
    for longitude, latitude in points:
        if unwrapped:
            previous = unwrapped[-1][0]
            while longitude - previous > 180:
                longitude -= 360
            while previous - longitude > 180:
                longitude += 360
        unwrapped.append((longitude, latitude))
    return unwrapped


def ring_path(points, precision):
    """Compact SVG path data for one ring: rounded, relative moves, merged points dropped."""
    if all(latitude < SOUTH for _, latitude in points):
        return ""  # Antarctica lies outside the drawn map
    factor = 10**precision
    coordinates = []
    for longitude, latitude in unwrap(points):
        x, y = project(longitude, latitude)
        point = (round(x * factor), round(y * factor))
        if not coordinates or point != coordinates[-1]:
            coordinates.append(point)
    if len(coordinates) < 3:
        return ""  # an island smaller than the map's resolution

    def number(value):
        return f"{value / factor:g}"

    (x0, y0), path = coordinates[0], []
    previous = coordinates[0]
    for x, y in coordinates[1:]:
        dx, dy = x - previous[0], y - previous[1]
        path.append(number(dx) + ("" if dy < 0 else " ") + number(dy))
        previous = (x, y)
    # "l" then implicit repetitions; a minus sign separates numbers by itself.
    body = "".join(part if part.startswith("-") else " " + part for part in path).lstrip()
    return f"M{number(x0)} {number(y0)}l{body}z"


class Command(BaseCommand):
    help = "Build partners/data/world-110m.path from Natural Earth TopoJSON (world-atlas)."

    def add_arguments(self, parser):
        parser.add_argument("topojson", help="countries-110m.json from the world-atlas package")
        parser.add_argument("--object", default="countries", help="TopoJSON object to draw")
        parser.add_argument("--precision", type=int, default=0, help="decimals kept")
        parser.add_argument("--output", default=str(OUTLINE_FILE))

    def handle(self, *args, **options):
        try:
            topology = json.loads(Path(options["topojson"]).read_text(encoding="utf-8"))
            collection = topology["objects"][options["object"]]
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Not a usable TopoJSON file: {error}") from error
        arcs = decode_arcs(topology)
        parts = []
        for geometry in collection.get("geometries", [collection]):
            for polygon in polygons(geometry):
                for ring in polygon:
                    parts.append(ring_path(ring_points(ring, arcs), options["precision"]))
        data = "".join(parts)
        Path(options["output"]).write_text(data + "\n", encoding="ascii")
        self.stdout.write(f"Wrote {len(data)} characters of path data to {options['output']}")
