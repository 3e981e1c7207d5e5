"""The checkers find what they are meant to find: a clean report means something."""

from .checkers import check_html, run_axe, serious_violations


def test_the_html_checker_reports_errors():
    errors = check_html(
        "<!DOCTYPE html><html lang=en><head><title>x</title></head>"
        "<body><ul><p>not a list item</p></ul></body></html>"
    )
    assert any("not allowed as child" in error for error in errors), errors


def test_axe_reports_serious_violations(page):
    page.goto("/fr/")
    page.set_content(
        '<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body><main>'
        '<img src="data:,"><a href="/"></a><p style="color:#ccc;background:#fff">pâle</p>'
        "</main></body></html>"
    )
    found = " ".join(serious_violations(run_axe(page)))
    for rule in ("image-alt", "link-name", "color-contrast"):
        assert rule in found, found
