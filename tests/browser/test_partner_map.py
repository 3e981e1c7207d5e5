"""The partner map with a keyboard: every marker of the layout shown is reached by Tab, in the
list's order, and shows a visible focus."""

import pytest

INDEX = "/fr/relations-internationales/villes-partenaires/"
MAX_TABS = 150

ACTIVE_MARKER = """() => {
    const a = document.activeElement;
    if (!a || !a.classList.contains('partner-map__marker')) return null;
    const shape = a.querySelector('.partner-map__pill');
    const style = getComputedStyle(shape);
    return {href: a.getAttribute('href'), label: a.getAttribute('aria-label'),
            stroke: style.stroke, width: parseFloat(style.strokeWidth)};
}"""

RESTING_STYLE = """(href) => {
    const shape = [...document.querySelectorAll(`.partner-map__marker[href="${href}"]`)]
        .find(a => a.getClientRects().length).querySelector('.partner-map__pill');
    const style = getComputedStyle(shape);
    return {stroke: style.stroke, width: parseFloat(style.strokeWidth)};
}"""


@pytest.mark.parametrize("query", ["", "?relationship=twin_city"])
def test_tab_reaches_every_marker_with_a_visible_focus(page, query):
    page.goto(INDEX + query)
    # The layout for this screen; the other one is display: none.
    expected = page.eval_on_selector_all(
        ".partner-map__marker",
        "links => links.filter(a => a.getClientRects().length).map(a => a.getAttribute('href'))",
    )
    listed = page.eval_on_selector_all(
        ".card__title a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert expected and sorted(expected) == sorted(listed)

    focused = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        marker = page.evaluate(ACTIVE_MARKER)
        if marker:
            focused.append(marker)
        elif focused:
            break  # past the map
    assert [m["href"] for m in focused] == expected
    for marker in focused:
        assert marker["label"].strip()
        # The focus ring: a thick dark edge, where the resting pill has a thin coloured one.
        assert marker["stroke"] == "rgb(26, 26, 26)", marker
        resting = page.evaluate(RESTING_STYLE, marker["href"])
        assert resting["stroke"] != marker["stroke"]
        assert marker["width"] >= 2 * resting["width"]

    # Enter on a marker opens the city's page.
    page.goto(INDEX + query)
    page.focus(f'.partner-map__marker[href="{expected[0]}"]:visible')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{expected[0]}")
