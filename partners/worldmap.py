"""The partner map, drawn on the server: projection, country outlines and markers.

Equirectangular projection (x from longitude, y from latitude, both linear): simple, and at the
scale of a world map of a few cities its distortion does not matter. Units: SCALE per degree.
"""

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .constants import Relationship

SCALE = 4  # map units per degree
OUTLINE_FILE = Path(__file__).resolve().parent / "data" / "world-110m.path"

# The visible world: Antarctica and the far north hold no partner and waste the map's height.
NORTH, SOUTH = 84, -58
# A map zoomed to a single city would show no context: never narrower than this (degrees).
MIN_SPAN = 70
MARGIN = 8
# Width / height of the drawn map, fixed so that the page layout does not jump, and so that a
# marker's place in % of the map is the same point of the world whatever the screen.
ASPECT = 2

# One shape per relationship, so that the legend does not rely on colour alone (the diamond is
# Clermont-Ferrand's). A city with several relationships is drawn with the first of this order
# it has, the legend's order; its name lists them all.
SHAPES = {
    Relationship.TWIN_CITY: "circle",
    Relationship.FRIENDSHIP_AGREEMENT: "star",
    Relationship.COOPERATION_AGREEMENT: "cross",
    Relationship.MICHELIN_NETWORK: "square",
    Relationship.SOLIDARITY: "triangle",
}
CLERMONT_FERRAND = (3.0863, 45.7797)  # longitude, latitude
EARTH_RADIUS_KM = 6371.0


def project(longitude, latitude):
    """Map coordinates (x, y) of a point; y grows southwards, as in SVG."""
    return (float(longitude) + 180) * SCALE, (90 - float(latitude)) * SCALE


@lru_cache(maxsize=1)
def world_outline():
    """SVG path data of the countries (built by ``manage.py build_world_outline``)."""
    return OUTLINE_FILE.read_text(encoding="ascii").strip()


def great_circle_km(a, b):
    """Distance in km between two (latitude, longitude) points (haversine formula)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*map(float, a), *map(float, b)))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def main_relationship(kinds):
    for kind in SHAPES:
        if kind in kinds:
            return kind
    return Relationship.TWIN_CITY


@dataclass
class Marker:
    """A partner city on the map: where it is (map units, and % of the view box) and what it
    is called."""

    x: float
    y: float
    url: str
    label: str
    kind: str
    shape: str
    name: str
    x_percent: float = 0
    y_percent: float = 0


def diamond(x, y, size):
    corners = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
    return " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners)


@dataclass
class ViewBox:
    x: float
    y: float
    width: float
    height: float

    def __str__(self):
        return f"{self.x:.1f} {self.y:.1f} {self.width:.1f} {self.height:.1f}"


def view_box(points):
    """The part of the world that shows every point with a margin, at a fixed aspect ratio."""
    top, bottom = project(0, NORTH)[1], project(0, SOUTH)[1]
    world_width = 360 * SCALE
    if not points:
        return view_box([(0, top), (world_width, bottom)])  # the whole world
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    margin, minimum = MARGIN * SCALE, MIN_SPAN * SCALE
    width = max(max(xs) - min(xs) + 2 * margin, minimum)
    height = max(max(ys) - min(ys) + 2 * margin, minimum / ASPECT)
    width, height = max(width, height * ASPECT), max(height, width / ASPECT)
    width, height = min(width, world_width), min(height, bottom - top)
    # Cut to the world, the box may have lost its aspect: the sea above or below makes it up.
    width, height = max(width, height * ASPECT), max(height, width / ASPECT)
    x = min(max((max(xs) + min(xs) - width) / 2, 0), world_width - width)
    y = min(max((max(ys) + min(ys) - height) / 2, top), bottom - height)
    if height > bottom - top:
        y = (top + bottom - height) / 2  # the sea shared above and below
    return ViewBox(x, y, width, height)


def build_map(partners, request, label_for):
    """Everything the map template draws, for partner pages whose relationships are prefetched.

    ``label_for(partner)`` gives the marker's accessible name.
    """
    from .map_layout import lay_out

    located = [p for p in partners if p.latitude is not None and p.longitude is not None]
    points = [project(p.longitude, p.latitude) for p in located]
    box = view_box(points)
    markers = []
    for partner, (x, y) in zip(located, points, strict=True):
        kind = main_relationship({r.kind for r in partner.relationships.all()})
        markers.append(
            Marker(
                x,
                y,
                partner.get_url(request),
                label_for(partner),
                kind,
                SHAPES[kind],
                name=partner.title,
                x_percent=(x - box.x) * 100 / box.width,
                y_percent=(y - box.y) * 100 / box.height,
            )
        )
    home = project(*CLERMONT_FERRAND)
    home_percent = ((home[0] - box.x) * 100 / box.width, (home[1] - box.y) * 100 / box.height)
    return {
        "view_box": box,
        "outline": world_outline(),
        "markers": markers,
        # One layout of the markers per range of screen widths; the stylesheet shows one.
        "layouts": lay_out(markers, obstacles=[home_percent]),
        "home": diamond(*home, box.width / 80),
        "stroke": f"{box.width / 440:.2f}",
    }
