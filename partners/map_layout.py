"""Where each marker of the partner map goes, so that every one is a touch target of its own.

A marker is a pill of a fixed size in CSS px (its relationship's shape and its city's name)
anchored in % of the map at one of its own points, joined to its city's exact spot by a leader
line when it had to move away from it. Pills that do not overlap on a map W px wide do not
overlap on any wider one: their anchors move apart with the map while they keep their size, and
two pills apart along an axis have their anchors in the same order along it. So each layout is
computed for the narrowest map of a range of screen widths (TIERS), and the stylesheet shows
the one for the current screen: a phone's pills are spread further apart than a desktop's.

Placement is greedy, from the top of the map down: each pill takes the free place nearest to
its city, if possible one that hides no other city's spot. When the names do not fit (many
cities close together), the layout is done again with the shapes alone, then in a grid.
"""

import itertools
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
SPOT_SEARCH = 24
# What a leader line crossing another, or passing under another pill, costs (in px²).
CROSSING_COST = 10_000
# From this many cities, a single order of placement, so that the map's layout stays quick.
MANY = 12
# The share of the map's area the pills may take at most; beyond, they go in a grid.
MAX_SHARE = 0.6


@dataclass(frozen=True)
class Tier:
    """A range of screen widths, named for the stylesheet, and its narrowest map in px."""

    name: str
    min_width: int


# The map spans its column, 2 × 16 px narrower than the screen: 288 px on a 320 px phone;
# 608 px from 40em (640 px) up, where the stylesheet switches layouts.
TIERS = (Tier("narrow", 288), Tier("wide", 608))


def pill_width(name):
    # Rounded up to 4 px: fewer widths, fewer lists of places to sort (_offsets).
    return 4 * math.ceil((ICON_BOX + len(name) * CHAR_WIDTH * FONT_SIZE + END_PADDING) / 4)


@dataclass
class Pill:
    """One marker of one layout: its city (a worldmap.Marker) and where its pill goes.

    The pill is anchored, in % of the map, at its point nearest to its city's spot (the spot
    itself when the pill covers it) and drawn around it in px: on a wider map than its
    layout's it stays on its city, or as near as it was. An anchor inside each pill keeps
    them apart on wider maps (module docstring)."""

    city: object
    x: float  # the anchor, in % of the map's width
    y: float  # in % of its height
    width: float  # px
    named: bool  # the name is shown, not only the shape
    moved: bool  # away from its city's spot: a leader line joins them
    dx: float = 0  # px from the anchor to the pill's centre
    dy: float = 0

    @property
    def left(self):
        return self.dx - self.width / 2

    @property
    def top(self):
        return self.dy - HEIGHT / 2

    @property
    def middle(self):
        """Where the shape and the name sit, vertically."""
        return self.dy

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
        return {"x": self.icon_x - side / 2, "y": self.dy - side / 2, "side": side}

    def triangle(self):
        """The triangle's corners, for <polygon points>."""
        x, y = self.icon_x, self.dy
        return f"{x:.1f},{y - 7:.1f} {x + 7.5:.1f},{y + 5.5:.1f} {x - 7.5:.1f},{y + 5.5:.1f}"

    def star(self):
        """A five-pointed star's corners, for <polygon points>."""
        return star_points(self.icon_x, self.dy + 0.5, outer=7.5, inner=3.2)

    def cross(self):
        """A plus sign's corners, for <polygon points>."""
        return cross_points(self.icon_x, self.dy, half=6.5, arm=2.5)


def star_points(x, y, outer, inner):
    """The corners of a five-pointed star centred on (x, y), its first point upwards."""
    corners = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi * i / 5
        corners.append((x + radius * math.sin(angle), y - radius * math.cos(angle)))
    return " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners)


def cross_points(x, y, half, arm):
    """The corners of a plus sign centred on (x, y), half wide and high, its arms 2 × arm thick."""
    steps = [(-arm, -half), (arm, -half), (arm, -arm), (half, -arm), (half, arm), (arm, arm)]
    steps += [(arm, half), (-arm, half), (-arm, arm), (-half, arm), (-half, -arm), (-arm, -arm)]
    return " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in steps)


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
        pills = _best_layout(cities, tier, obstacles, named)
        if pills is not None:
            return Layout(tier, pills)
    return Layout(tier, _place_in_grid(cities, tier))


def _best_layout(cities, tier, obstacles, named):
    """The pills of the best of the greedy layouts in a few orders (who chooses first decides
    where the others go): the least moved from their cities, the fewest crossing lines."""
    width, height = tier.min_width, tier.min_width / 2
    spots = tuple((c.x_percent * width / 100, c.y_percent * height / 100) for c in cities)
    widths = tuple(pill_width(c.name) if named else ICON_BOX for c in cities)
    others = tuple((x * width / 100, y * height / 100) for x, y in obstacles)
    placed = _best_places(spots, widths, width, height, others)
    if placed is None:
        return None
    return [
        _anchored(city, placed[i], widths[i], spots[i], named, width)
        for i, city in enumerate(cities)
    ]


@lru_cache(maxsize=32)
def _best_places(spots, widths, width, height, others):
    """{index: (cx, cy)} of the best layout of pills this wide at these spots, or None.

    Kept per process for each set of arguments, which are all it depends on (numbers): the
    same partner cities give the same places, computed once instead of at every render of the
    map (every request while Redis, which keeps the map's fragment, does not answer). Nothing
    to invalidate: other cities, names or obstacles are other arguments."""
    # Greedy placement leaves holes: past this share of the map, it is not worth trying.
    if sum((w + GAP) * (HEIGHT + GAP) for w in widths) > MAX_SHARE * width * height:
        return None
    best = None
    orders = _orders(spots)
    for order in orders:
        placed = _place_in_order(order, spots, widths, width, others)
        if placed is None:
            continue
        score = _score(placed, spots, widths) if len(orders) > 1 else 0
        if best is None or score < best[0]:
            best = (score, placed)
    return None if best is None else best[1]


def _anchored(city, centre, w, spot, named, width):
    """The Pill centred there (px, on a map this wide), anchored at its point nearest to the
    city's spot."""
    anchor = (
        min(max(spot[0], centre[0] - w / 2), centre[0] + w / 2),
        min(max(spot[1], centre[1] - HEIGHT / 2), centre[1] + HEIGHT / 2),
    )
    return Pill(
        city,
        x=anchor[0] * 100 / width,
        y=anchor[1] * 200 / width,
        width=w,
        named=named,
        moved=anchor != spot,
        dx=centre[0] - anchor[0],
        dy=centre[1] - anchor[1],
    )


def _orders(spots):
    """The orders of placement tried: from each side of the map, the most crowded first."""
    indexes = range(len(spots))

    def neighbours(i):
        return sum(math.dist(spots[i], spot) < 4 * HEIGHT for spot in spots)

    keys = (
        lambda i: (spots[i][1], spots[i][0]),
        lambda i: (-spots[i][1], spots[i][0]),
        lambda i: (spots[i][0], spots[i][1]),
        lambda i: (-spots[i][0], spots[i][1]),
        lambda i: (-neighbours(i), spots[i][1], spots[i][0]),
    )
    # Each order costs a layout: many cities get only the first.
    keys = keys if len(spots) <= MANY else keys[:1]
    return [sorted(indexes, key=lambda i, key=key: (key(i), i)) for key in keys]


def _place_in_order(order, spots, widths, width, others):
    """{index: (cx, cy)} of every pill placed in this order, or None if one finds no place."""
    placed, occupied = {}, _Occupied()
    for i in order:
        avoid = [s for j, s in enumerate(spots) if j != i] + list(others)
        found = _free_place(spots[i], widths[i], width, occupied, avoid)
        if found is None:
            return None
        placed[i] = found
        occupied.add(*found, widths[i])
    return placed


class _Occupied:
    """The pills placed so far, filed by the squares of the map they cover, so that a place
    is compared with its neighbours only (a map may have a hundred cities)."""

    SIDE = 32  # px

    def __init__(self):
        self.squares = {}

    def _squares(self, cx, cy, w):
        reach_x, reach_y = w / 2 + GAP, HEIGHT / 2 + GAP
        xs = range(int((cx - reach_x) // self.SIDE), int((cx + reach_x) // self.SIDE) + 1)
        ys = range(int((cy - reach_y) // self.SIDE), int((cy + reach_y) // self.SIDE) + 1)
        return itertools.product(xs, ys)

    def add(self, cx, cy, w):
        for square in self._squares(cx, cy, w):
            self.squares.setdefault(square, []).append((cx, cy, w))

    def touches(self, cx, cy, w):
        """Whether a pill w px wide centred there would touch one placed."""
        for square in self._squares(cx, cy, w):
            for px, py, pw in self.squares.get(square, ()):
                if abs(cx - px) < (w + pw) / 2 + GAP and abs(cy - py) < HEIGHT + GAP:
                    return True
        return False


def _score(placed, spots, widths):
    """Lower is better: the squared gaps between pills and their cities, and a heavy cost for
    each leader line crossing another or passing under another pill."""
    score = sum(_gap(placed[i], widths[i], spots[i]) ** 2 for i in placed)
    leaders = [(spots[i], placed[i]) for i in placed if _gap(placed[i], widths[i], spots[i])]
    for (a, b), (c, d) in itertools.combinations(leaders, 2):
        score += CROSSING_COST * _segments_cross(a, b, c, d)
    for start, end in leaders:
        for j in placed:
            if placed[j] != end and _segment_under_pill(start, end, placed[j], widths[j]):
                score += CROSSING_COST
    return score


def _gap(centre, w, spot):
    """How far (px) a pill centred there is from its city's spot: 0 when it covers it."""
    dx = max(abs(spot[0] - centre[0]) - w / 2, 0)
    dy = max(abs(spot[1] - centre[1]) - HEIGHT / 2, 0)
    return math.hypot(dx, dy)


def _segments_cross(a, b, c, d):
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _segment_under_pill(start, end, centre, w, samples=16):
    return any(
        _gap(centre, w, (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t))
        == 0
        for t in (n / samples for n in range(1, samples))
    )


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
        centre = _clamp(cell, ICON_BOX, width, height)
        pills.append(_anchored(city, centre, ICON_BOX, spot, False, width))
    return pills


def _free_place(spot, w, width, occupied, avoid):
    """The centre nearest to the city's spot where a pill w px wide fits in the map without
    touching another pill (occupied: _Occupied); if possible one that covers no spot of
    avoid."""
    height = width / 2
    # Natural place: the shape right on the city's spot, the name to its right.
    natural = (spot[0] + w / 2 - ICON_BOX / 2, spot[1])
    fallback = None
    for dx, dy, cost in _offsets(width, w):
        if fallback and cost > fallback[1] + SPOT_SEARCH:
            break
        cx, cy = natural[0] + dx, natural[1] + dy
        if cx - w / 2 < 0 or cx + w / 2 > width or cy - HEIGHT / 2 < 0 or cy + HEIGHT / 2 > height:
            continue
        if occupied.touches(cx, cy, w):
            continue
        if not any(_covers((cx, cy), w, spot) for spot in avoid):
            return cx, cy
        if fallback is None:
            fallback = ((cx, cy), cost)
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


@lru_cache(maxsize=64)
def _offsets(width, w):
    """The moves (dx, dy, cost) from the natural place of a pill w px wide, on a map this wide
    (up to half its width sideways), the cheapest first: the ones that keep the city's spot
    under the pill, the nearest to the natural place first; then the others, by their gap."""
    height = width // 2
    # The spot, seen from the pill's centre, is (-shift - dx, -dy); its gap as in _gap.
    shift, half = w / 2 - ICON_BOX / 2, w / 2
    moves = [
        (
            math.hypot(max(abs(shift + dx) - half, 0), max(abs(dy) - HEIGHT / 2, 0)),
            math.hypot(dx, dy),
            dy,
            dx,
        )
        for dx in range(-width // 2, width // 2 + 1, STEP)
        for dy in range(-height, height + 1, STEP)
    ]
    moves.sort()
    return tuple((dx, dy, gap) for gap, _distance, dy, dx in moves)
