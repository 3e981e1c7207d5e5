"""Keyboard use: skip links first, then the language switcher; a visible focus; skip to main."""

import pytest

pytestmark = pytest.mark.parametrize("path", ["/fr/", "/en/"])


def focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, href: e.getAttribute('href'), id: e.id,"
        " inSkip: !!e.closest('.skip-links'), inSwitcher: !!e.closest('.language-switcher')}; }"
    )


def test_tab_reaches_the_skip_link_first_then_the_language_switcher(page, path):
    page.goto(path)
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["inSkip"] and first["href"] == "#main", first
    # Past the skip links, the next stop is the language switcher.
    current = first
    while current["inSkip"]:
        page.keyboard.press("Tab")
        current = focused(page)
    assert current["inSwitcher"], current


def test_focus_is_visible(page, path):
    page.goto(path)
    style = (
        "(e) => { const s = getComputedStyle(e);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|'); }"
    )
    link = page.locator(".language-switcher a").first
    unfocused = link.evaluate(style)
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # a keyboard focus, so that :focus-visible applies
    assert page.evaluate("() => !!document.activeElement.closest('.language-switcher')")
    focused_style = link.evaluate(style)
    assert focused_style != unfocused
    outline_style, outline_width = focused_style.split("|")[:2]
    assert outline_style != "none" and float(outline_width.removesuffix("px")) >= 2


def test_the_skip_link_moves_focus_to_main(page, path):
    page.goto(path)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")
