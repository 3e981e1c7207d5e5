"""The partner map's markers (partners.map_layout), without a database or a browser: each is
a touch target of 24 × 24 px at least, inside the map, apart from every other, on the
narrowest map of its layout and on every wider one."""

import itertools
from types import SimpleNamespace

import pytest

from partners.map_layout import HEIGHT, TIERS, lay_out, lay_out_tier
from partners.worldmap import CLERMONT_FERRAND, project, view_box

# The seed's partner cities (clermont_intl/content/seed_text.py): six of them in a corner of
# Europe a phone draws a hundred pixels wide.
SEEDED = {
    "Salford": (53.4875, -2.2901),
    "Regensburg": (49.0134, 12.1016),
    "Gomel": (52.4345, 30.9754),
    "Aberdeen": (57.1497, -2.0943),
    "Oviedo": (43.3614, -5.8493),
    "Norman": (35.2226, -97.4395),
    "Braga": (41.5454, -8.4265),
    "Oyem": (1.5993, 11.5793),
}


def cities(places):
    """Markers as worldmap.build_map makes them, for {name: (latitude, longitude)}."""
    points = {name: project(lon, lat) for name, (lat, lon) in places.items()}
    box = view_box(list(points.values()))
    markers = [
        SimpleNamespace(
            name=name,
            x_percent=(x - box.x) * 100 / box.width,
            y_percent=(y - box.y) * 100 / box.height,
        )
        for name, (x, y) in points.items()
    ]
    home = project(*CLERMONT_FERRAND)
    home = ((home[0] - box.x) * 100 / box.width, (home[1] - box.y) * 100 / box.height)
    return markers, [home]


def boxes(layout, width):
    """[(left, top, right, bottom)] of every pill, in px, on a map this wide."""
    height = width / 2
    return [
        (
            pill.x * width / 100 + pill.left,
            pill.y * height / 100 + pill.top,
            pill.x * width / 100 + pill.left + pill.width,
            pill.y * height / 100 + pill.top + pill.height,
        )
        for pill in layout.pills
    ]


def assert_touch_targets(layout, width):
    found = boxes(layout, width)
    for left, top, right, bottom in found:
        assert right - left >= 24 and bottom - top >= 24
        # Inside the map (to a rounding error of the percentages).
        assert min(left, top) > -1e-6 and right < width + 1e-6 and bottom < width / 2 + 1e-6
    for a, b in itertools.combinations(found, 2):
        apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert apart, (a, b)


@pytest.mark.parametrize("tier", TIERS, ids=lambda tier: tier.name)
@pytest.mark.parametrize("scale", [1, 1.3, 2, 3.9])
def test_seeded_cities_are_apart_and_named_on_every_map_width(tier, scale):
    markers, home = cities(SEEDED)
    layout = lay_out_tier(markers, tier, home)
    assert all(pill.named for pill in layout.pills), "every name fits"
    assert [pill.city.name for pill in layout.pills] == list(SEEDED)
    assert_touch_targets(layout, tier.min_width * scale)


def test_on_a_phone_the_close_cities_move_aside_with_a_leader_line():
    markers, home = cities(SEEDED)
    narrow = {pill.city.name: pill for pill in lay_out(markers, home)[0].pills}
    # Aberdeen and Salford are 8 px apart on a phone: one of them at least moves aside.
    assert narrow["Aberdeen"].moved or narrow["Salford"].moved
    # Norman is alone in America: its marker stays on its spot, whatever the map's width.
    norman = narrow["Norman"]
    assert not norman.moved
    assert (norman.x, norman.y) == (norman.city.x_percent, norman.city.y_percent)
    # Moved or not, each pill holds its anchor: anchors apart keep pills apart.
    for pill in narrow.values():
        assert pill.left <= 0 <= pill.left + pill.width and pill.top <= 0 <= pill.top + HEIGHT


def test_many_cities_in_one_place_keep_their_own_targets():
    """The same coordinates for thirty cities (tests.factories.add_partner's): shapes alone
    when the names no longer fit, but still one target each."""
    places = {f"Carte{n:02d}": (45.1, 9.2) for n in range(30)}
    markers, home = cities(places)
    for layout in lay_out(markers, home):
        assert len(layout.pills) == 30
        assert_touch_targets(layout, layout.tier.min_width)


def test_a_lone_city_and_no_city():
    markers, home = cities({"Oyem": SEEDED["Oyem"]})
    for layout in lay_out(markers, home):
        (pill,) = layout.pills
        assert pill.named and not pill.moved and pill.height == HEIGHT >= 24
    assert all(layout.pills == [] for layout in lay_out([], home))


def test_the_large_demo_site_keeps_a_target_per_city_on_a_wide_screen():
    """partners.demo's eighty cities spread over Europe and Asia, with the seed's: a desktop
    holds a target for each. A phone's map (288 × 144 px at least) cannot hold 88 targets of
    24 × 24 px: its grid takes as many as it has cells, the list of cities leads to all."""
    places = {f"Grand ville {n:04d}": (45.77 + n % 40, 3.08 + n % 90) for n in range(80)}
    markers, home = cities({**places, **SEEDED})
    narrow, wide = lay_out(markers, home)
    assert len(wide.pills) == 88
    assert_touch_targets(wide, wide.tier.min_width)
    assert_touch_targets(wide, wide.tier.min_width * 1.7)
    assert len(narrow.pills) == 88 and not any(pill.named for pill in narrow.pills)


@pytest.mark.parametrize(
    "places",
    [[], [(45.1, 9.2)], list(SEEDED.values()), [(35.2, -97.4), (-33.9, 151.2), (64.1, -21.9)]],
    ids=["none", "one", "seeded", "world"],
)
def test_the_drawn_world_is_always_twice_as_wide_as_high(places):
    """The markers' % are of a 2:1 box, the map's shape on every screen (partners.css)."""
    box = view_box([project(lon, lat) for lat, lon in places])
    assert box.width == pytest.approx(2 * box.height)
    for lat, lon in places:
        x, y = project(lon, lat)
        assert box.x < x < box.x + box.width and box.y < y < box.y + box.height


def test_the_same_cities_are_laid_out_once_per_process(monkeypatch):
    """Rendering the map again (every request while Redis, which keeps its fragment, does not
    answer) reuses the places found for the same cities; other cities are laid out anew."""
    from partners import map_layout

    tries = []
    place_in_order = map_layout._place_in_order

    def counted(*args):
        tries.append(args)
        return place_in_order(*args)

    monkeypatch.setattr(map_layout, "_place_in_order", counted)
    markers, obstacles = cities(SEEDED)
    map_layout._best_places.cache_clear()
    first = lay_out(markers, obstacles)
    laid_out = len(tries)
    assert laid_out > 0
    again = lay_out(*cities(SEEDED))
    assert len(tries) == laid_out
    assert [vars(pill) for layout in again for pill in layout.pills] == [
        vars(pill) for layout in first for pill in layout.pills
    ]
    renamed = {
        ("Saint-" + name if name == "Braga" else name): spot for name, spot in SEEDED.items()
    }
    lay_out(*cities(renamed))
    assert len(tries) > laid_out
