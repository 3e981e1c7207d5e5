"""Where each marker of the partner map goes, so that every one is a touch target of its own.

A marker is a pill of a fixed size in CSS px (its relationship's shape and its city's name)
whose centre is placed in % of the map, joined to its city's exact spot by a leader line when
it had to move away from it. Pills that do not overlap on a map W px wide do not overlap on any
wider one: their centres move apart with the map while they keep their size. So each layout is
computed for the narrowest map of a range of screen widths (TIERS), and the stylesheet shows
the one for the current screen: a phone's pills are spread further apart than a desktop's.

Placement is greedy, from the top of the map down: each pill takes the free place nearest to
its city, if possible one that hides no other city's spot. When the names do not fit (many
cities close together), the layout is done again with the shapes alone, then in a grid.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

HEIGHT = 26  # px: above the 24 x 24 px of WCAG 2.5.8, with room for the focus ring
ICON_BOX = 26  # px: the square at the pill's left that holds the shape
FONT_SIZE = 12  # px
# An average glyph width, in em, generous for a sans-serif name (the browser tests check that
# every name stays inside its pill): the pill must hold its name without measuring it.
CHAR_WIDTH = 0.64
END_PADDING = 8  # px after the name
GAP = 3  # px between two pills
SPOT_CLEARANCE = 4  # px around another city's spot, kept clear when a place allows it
STEP = 4  # px between the places tried
# How much further (px) to look for a place that hides no spot, past the first free one.
SPOT_SEARCH = 48


@dataclass(frozen=True)
class Tier:
    """A range of screen widths, named for the stylesheet, and its narrowest map in px."""

    name: str
    min_width: int


# The map spans its column, 2 × 16 px narrower than the screen: 288 px on a 320 px phone;
# 608 px from 40em (640 px) up, where the stylesheet switches layouts.
TIERS = (Tier("narrow", 288), Tier("wide", 608))


def pill_width(name):
    return ICON_BOX + math.ceil(len(name) * CHAR_WIDTH * FONT_SIZE) + END_PADDING


@dataclass
class Pill:
    """One marker of one layout: its city (a worldmap.Marker) and where its pill goes."""

    city: object
    x: float  # the pill's centre, in % of the map's width
    y: float  # in % of its height
    width: float  # px
    named: bool  # the name is shown, not only the shape
    moved: bool  # away from its city's spot: a leader line joins them

    @property
    def left(self):
        return -self.width / 2

    @property
    def top(self):
        return -HEIGHT / 2

    @property
    def height(self):
        return HEIGHT

    @property
    def radius(self):
        return HEIGHT / 2

    @property
    def icon_x(self):
        return self.left + ICON_BOX / 2

    @property
    def text_x(self):
        return self.left + ICON_BOX - 2

    @property
    def font_size(self):
        return FONT_SIZE

    def square(self):
        side = 11.5
        return {"x": self.icon_x - side / 2, "y": -side / 2, "side": side}

    def triangle(self):
        """The triangle's corners, for <polygon points>."""
        x = self.icon_x
        return f"{x:.1f},-7.0 {x + 7.5:.1f},5.5 {x - 7.5:.1f},5.5"


@dataclass
class Layout:
    tier: Tier
    pills: list


def lay_out(cities, obstacles=()):
    """One Layout per tier, for cities (worldmap.Marker, with x_percent and y_percent) and
    obstacles, spots in % (x, y) that pills avoid covering (Clermont-Ferrand)."""
    return [lay_out_tier(cities, tier, obstacles) for tier in TIERS]


def lay_out_tier(cities, tier, obstacles=()):
    for named in (True, False):
        pills = _place_all(cities, tier, obstacles, named)
        if pills is not None:
            return Layout(tier, pills)
    return Layout(tier, _place_in_grid(cities, tier))


def _place_all(cities, tier, obstacles, named):
    width, height = tier.min_width, tier.min_width / 2
    spots = [(c.x_percent * width / 100, c.y_percent * height / 100) for c in cities]
    others = [(x * width / 100, y * height / 100) for x, y in obstacles]
    placed = {}  # index: (cx, cy, w)
    naturals = {}
    order = sorted(range(len(cities)), key=lambda i: (spots[i][1], spots[i][0], i))
    for i in order:
        w = pill_width(cities[i].name) if named else ICON_BOX
        # Natural place: the shape right on the city's spot, the name to its right.
        natural = (spots[i][0] + w / 2 - ICON_BOX / 2, spots[i][1])
        avoid = [s for j, s in enumerate(spots) if j != i] + others
        found = _free_place(natural, w, width, height, placed.values(), avoid)
        if found is None:
            return None
        placed[i] = (*found, w)
        naturals[i] = natural
    return [
        Pill(
            city,
            x=placed[i][0] * 100 / width,
            y=placed[i][1] * 100 / height,
            width=placed[i][2],
            named=named,
            moved=math.dist(placed[i][:2], naturals[i]) > 1,
        )
        for i, city in enumerate(cities)
    ]


def _place_in_grid(cities, tier):
    """Shapes alone in the cells of a grid, each city in the free cell nearest to it: for more
    cities close together than the nearest free places can hold. Past the grid's cells, the
    last ones overlap (the list of cities still leads to each)."""
    width, height = tier.min_width, tier.min_width / 2
    pitch = ICON_BOX + GAP
    columns, rows = int(width // pitch), int(height // pitch)
    # Centred in the map, so that the margins are even.
    x0, y0 = (width - columns * pitch + pitch) / 2, (height - rows * pitch + pitch) / 2
    free = {(x0 + c * pitch, y0 + r * pitch) for c in range(columns) for r in range(rows)}
    pills = []
    for city in cities:
        spot = (city.x_percent * width / 100, city.y_percent * height / 100)
        cell = min(free or [spot], key=lambda cell: (math.dist(cell, spot), cell))
        free.discard(cell)
        x, y = _clamp(cell, ICON_BOX, width, height)
        moved = math.dist((x, y), spot) > 1
        pills.append(Pill(city, x * 100 / width, y * 100 / height, ICON_BOX, False, moved))
    return pills


def _free_place(natural, w, width, height, placed, avoid):
    """The nearest centre to natural where a pill w px wide fits in the map without touching
    another pill; if possible one that covers no spot of avoid."""
    fallback = None
    for dx, dy, distance in _offsets(width):
        if fallback and distance > fallback[1] + SPOT_SEARCH:
            break
        cx, cy = natural[0] + dx, natural[1] + dy
        if cx - w / 2 < 0 or cx + w / 2 > width or cy - HEIGHT / 2 < 0 or cy + HEIGHT / 2 > height:
            continue
        if any(
            abs(cx - px) < (w + pw) / 2 + GAP and abs(cy - py) < HEIGHT + GAP
            for px, py, pw in placed
        ):
            continue
        if not any(_covers((cx, cy), w, spot) for spot in avoid):
            return cx, cy
        if fallback is None:
            fallback = ((cx, cy), distance)
    return fallback[0] if fallback else None


def _covers(centre, w, spot):
    return (
        abs(spot[0] - centre[0]) < w / 2 + SPOT_CLEARANCE
        and abs(spot[1] - centre[1]) < HEIGHT / 2 + SPOT_CLEARANCE
    )


def _clamp(centre, w, width, height):
    x = min(max(centre[0], w / 2), width - w / 2)
    y = min(max(centre[1], HEIGHT / 2), height - HEIGHT / 2)
    return x, y


@lru_cache(maxsize=len(TIERS))
def _offsets(width):
    """Every move (dx, dy, distance) within a map this wide, the shortest first."""
    height = width // 2
    moves = [
        (dx, dy, math.hypot(dx, dy))
        for dx in range(-width, width + 1, STEP)
        for dy in range(-height, height + 1, STEP)
    ]
    moves.sort(key=lambda move: (move[2], move[1], move[0]))
    return tuple(moves)
