"""The hostile-input corpus: every public URL, bad query strings and form bodies.

URLs are found at run time (every live page in both languages, the sub-routes of routable pages,
every named URL outside the admin), so pages, filters, feeds and exports added later are covered
without touching this file. Each answer must be below 500, and must never echo the attack
unescaped in HTML.
"""

import re
from urllib.parse import quote, urlencode

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.site_urls import public_urls

pytestmark = pytest.mark.django_db

# Parameter names tried on every URL, on top of those its own GET forms use.
COMMON_PARAMS = [
    "q",
    "page",
    "country",
    "theme",
    "programme",
    "status",
    "year",
    "month",
    "date",
    "start",
    "end",
    "kind",
    "format",
    "sort",
    "order",
    "lang",
    "tag",
    "file",
]
# Attacks whose unescaped echo would be a cross-site script; searched for verbatim in the answer.
ECHO_MARKERS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(2)>",
    "javascript:alert(3)//'\"><b>",
]
CLASSIC_VALUES = ECHO_MARKERS + [
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page;--",
    "1 UNION SELECT password FROM auth_user",
    "\x00",
    "%00",
    "A" * 10_000,
    "-1",
    "99999999999999999999999",
    "NaN",
    "abc",
    "2024-13-45",
    "31/02/2025",
    "9999-99-99T99:99",
    "../../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "\u202e\u200b\ufeff",
    "\r\nSet-Cookie: hacked=1",
    "𝕏🎉",
]
# For the other pages of a kind already attacked in full.
SHORT_CORPUS = ECHO_MARKERS[:2] + ["\x00", "A" * 10_000, "2024-13-45", "../../../../etc/passwd"]
PATH_ATTACKS = [
    "..%2f..%2fetc%2fpasswd/",
    "%00/",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
    "A" * 300 + "/",
    "..;/",
    "%c0%ae%c0%ae/",
]
# Hypothesis: printable and unprintable text, but no lone surrogates (not encodable in a URL).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
PARAM_VALUE = st.one_of(TEXT, st.sampled_from(CLASSIC_VALUES), st.integers().map(str))


def get_form_params(html):
    """Names of the fields of the page's GET forms (filters, search)."""
    soup = BeautifulSoup(html, "html.parser")
    names = set()
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() == "get":
            for field in form.find_all(["input", "select", "textarea"]):
                if field.get("name"):
                    names.add(field["name"])
    return sorted(names)


def post_form_fields(html):
    soup = BeautifulSoup(html, "html.parser")
    names = set()
    for form in soup.find_all("form"):
        if (form.get("method") or "").lower() == "post":
            for field in form.find_all(["input", "select", "textarea"]):
                if field.get("name") and field["name"] != "csrfmiddlewaretoken":
                    names.add(field["name"])
    return sorted(names)


def check(response, url):
    assert response.status_code < 500, f"{response.status_code} for {url}"
    content_type = response.get("Content-Type", "")
    if "html" in content_type and not getattr(response, "streaming", False):
        body = response.content.decode("utf-8", "replace")
        for marker in ECHO_MARKERS:
            assert marker not in body, f"unescaped echo of {marker!r} in {url}"
        assert not re.search(r"<script>alert", body, re.I), url
    # A header injection never turns into a header.
    assert "hacked" not in response.cookies


def fetch(client, url, query):
    response = client.get(f"{url}?{query}" if query else url)
    check(response, f"{url}?{query}")
    return response


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def urls(site_pages):
    found = public_urls()
    # The discovery is itself checked: the seeded site has its pages in both languages.
    paths = [url for url, _ in found]
    assert any(url.startswith("/fr/") for url in paths)
    assert any(url.startswith("/en/") for url in paths)
    assert reverse("search") in paths
    return found


def params_of(response):
    html = ""
    if "html" in response.get("Content-Type", ""):
        html = response.content.decode("utf-8", "replace")
    return sorted(set(COMMON_PARAMS) | set(get_form_params(html)))


@pytest.mark.slow
def test_classic_attacks_on_every_public_url(urls):
    client = Client(raise_request_exception=False)
    for url, representative in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        names = params_of(response)
        for value in CLASSIC_VALUES if representative else SHORT_CORPUS:
            fetch(client, url, urlencode({name: value for name in names}))
        # Repeated parameters, raw bytes and broken encodings.
        fetch(client, url, "q=a&q=b&page=1&page=2&page=x")
        fetch(client, url, "q=%00%ff%fe&page=%00")
        fetch(client, url, "q=%E2%82&page=%")
        fetch(client, url, "&&==&q")
        for attack in PATH_ATTACKS if representative else PATH_ATTACKS[:2]:
            response = client.get(url.rstrip("/") + "/" + attack)
            check(response, url + attack)


def hypothesis_attack(client, url, names, examples):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(params=st.lists(st.tuples(st.sampled_from(names), PARAM_VALUE), max_size=6))
    def attack(params):
        fetch(client, url, urlencode(params))

    attack()


@pytest.mark.slow
def test_generated_query_strings_on_every_public_url(urls):
    client = Client(raise_request_exception=False)
    for url, representative in urls:
        names = params_of(client.get(url))
        hypothesis_attack(client, url, names, 30 if representative else 3)


def test_form_bodies_on_the_support_form(site_pages):
    client = Client(raise_request_exception=False)
    url = site_pages["support_form"].url
    fields = post_form_fields(client.get(url).content.decode())
    assert "association" in fields and "email" in fields

    for value in CLASSIC_VALUES:
        response = client.post(url, {name: value for name in fields})
        check(response, url)
    response = client.post(
        url, "garbage=%00%ff&&=", content_type="application/x-www-form-urlencoded"
    )
    check(response, url)
    response = client.post(url, b"\x00\xff" * 100, content_type="multipart/form-data; boundary=x")
    check(response, url)

    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(
        body=st.dictionaries(
            st.sampled_from(fields), st.one_of(PARAM_VALUE, st.lists(PARAM_VALUE, max_size=3))
        )
    )
    def attack(body):
        cache.clear()  # the rate limit is tested elsewhere; here every body must be looked at
        check(client.post(url, body), url)

    attack()


def test_path_traversal_on_documents_and_media_is_refused():
    client = Client(raise_request_exception=False)
    for path in [
        "/documents/1/..%2f..%2fsettings.py",
        "/documents/99999/x.pdf",
        "/documents/abc/x.pdf",
        "/media/../clermont_intl/settings/base.py",
        "/static/..%2f..%2fclermont_intl%2fsettings%2fbase.py",
        "/" + quote("../../etc/passwd"),
    ]:
        response = client.get(path)
        assert response.status_code in (301, 302, 400, 404), path
        assert b"SECRET_KEY" not in response.content and b"root:" not in response.content


# Text search syntax (tsquery operators, prefixes, phrases), with and without a real word, and
# misspellings that reach the suggestion (pg_trgm on PostgreSQL).
SEARCH_VALUES = [
    "&|!:*()",
    "Regensburg & !Gomel | (Aberdeen",
    "Ratisbonne:*",
    "Homiel <-> Gomel",
    "'Regensburg'",
    '"Regensburg',
    "Regens\x00bourg",
    "Abredeen <script>alert('xss')</script>",
    "Salfrod" * 100,
    "\ue000Regensburg\ue001",
    "%_\\",
]


def test_text_search_syntax_on_the_search_page():
    client = Client(raise_request_exception=False)
    for language, url in (("fr", "/fr/recherche/"), ("en", "/en/search/")):
        for value in SEARCH_VALUES:
            response = fetch(client, url, urlencode({"q": value, "page": "2"}))
            assert response.status_code == 200, (language, value)
            body = response.content.decode()
            assert 'role="status"' in body and "\x00" not in body, (language, value)
