"""XLIFF for agencies: every export read by an independent parser (translate-toolkit), the round
trip on the seeded pages through the admin, and clear refusals that apply nothing."""

import re

from django.urls import reverse

from wagtail.models import Page, WorkflowState

import pytest
from translate.storage import xliff2

from clermont_intl.editorial import xliff
from partners.models import PartnerCityPage

pytestmark = pytest.mark.django_db

EXPORT_URL = "/admin/translations/export/"
IMPORT_URL = "/admin/translations/import/"


@pytest.fixture
def translator(translator):
    """The translator of tests/conftest.py, with the admin in English."""
    set_admin_language(translator, "en")
    return translator


def set_admin_language(user, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def download(client, **params):
    response = client.get(EXPORT_URL, {**params, "download": "1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xliff+xml")
    return response.content


def read(data):
    """The units as translate-toolkit reads them: {id: (source, target)}."""
    store = xliff2.Xliff2File(data)
    return {unit.getid(): (unit.source, unit.target) for unit in store.units}


def translated(data, translate):
    """The file as an agency returns it: each <target> is its <source> with every text run
    translated by ``translate`` and every inline code kept."""
    import copy
    import xml.etree.ElementTree as ET

    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    ET.register_namespace("", ns[1:-1])
    root = ET.fromstring(data)
    for segment in root.iter(f"{ns}segment"):
        for old in segment.findall(f"{ns}target"):
            segment.remove(old)
        target = copy.deepcopy(segment.find(f"{ns}source"))
        target.tag = f"{ns}target"
        for element in target.iter():
            element.text = translate(element.text) if element.text else element.text
            if element is not target and element.tail:
                element.tail = translate(element.tail)
        segment.append(target)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def upper(text):
    return text.upper() if text.strip() else text


def import_file(client, data, page=None, submit="0"):
    url = reverse("editorial_translation_import_page", args=[page.pk]) if page else IMPORT_URL
    preview = client.post(url, {"file": _upload(data)})
    assert preview.status_code == 200
    return preview, url


def _upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("retour.xlf", data, content_type="application/xliff+xml")


PAGE_TYPES = ["mission", "home", "partners", "support_form", "cied", "events", "partner"]


def seeded(site_pages, name):
    if name == "partner":
        return PartnerCityPage.objects.get(slug_fr="aberdeen")
    return site_pages[name]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_export_is_read_by_translate_toolkit(client, translator, site_pages, name):
    page = seeded(site_pages, name)
    client.force_login(translator)
    data = download(client, scope="page", page=page.pk)
    units = read(data)
    ours = xliff.page_xunits(page.specific.get_latest_revision_as_object())
    assert list(units) == [unit.id for unit in ours]
    assert len(set(units)) == len(units), "unit ids are unique"
    # Only translatable texts: no slug, no image id, no date.
    assert not any(key.startswith(("slug", "url_path")) for key in units)
    summary = client.get(EXPORT_URL, {"scope": "page", "page": page.pk})
    assert summary.context["count"]["words"] == sum(unit.words for unit in ours) > 0


def test_block_and_entry_units_have_stable_ids_and_rich_text_keeps_its_codes(
    client, translator, site_pages
):
    client.force_login(translator)
    mission = site_pages["mission"]
    data = download(client, scope="page", page=mission.pk)
    block_ids = [b.id for b in mission.body_fr]
    units = read(data)
    assert any(key.startswith(f"body.{block_ids[0]}:") or key == f"body.{block_ids[0]}:value"
               for key in units)  # fmt: skip
    assert data == download(client, scope="page", page=mission.pk), "the same file every time"
    # A link is a paired code CAT tools keep, its target not in the text to translate.
    assert b'<pc id="' in data and b'type="link"' in data
    partner = PartnerCityPage.objects.get(slug_fr="aberdeen")
    entry = partner.history_entries.first()
    assert f"history_entries.{entry.pk}.text" in read(
        download(client, scope="page", page=partner.pk)
    )


def test_section_and_pending_exports(client, translator, site_pages):
    client.force_login(translator)
    partners = site_pages["partners"]
    section = read(download(client, scope="section", page=partners.pk))
    assert section
    data = download(client, scope="section", page=partners.pk).decode()
    files = xliff2.Xliff2File(data.encode())
    assert len(files.units) == data.count("<unit ")
    children = partners.get_children().count()
    assert data.count("<file ") == children + 1
    # Pending: only pages whose English is missing or outdated, only their texts to translate.
    mission = site_pages["mission"].get_latest_revision_as_object()
    mission.intro_fr = "Une introduction à traduire."
    mission.save_revision()
    pending = download(client, scope="pending").decode()
    assert f'id="page-{mission.pk}"' in pending
    mission_file = pending.split(f'id="page-{mission.pk}"')[1].split("</file>")[0]
    assert re.findall(r'<unit id="([^"]+)"', mission_file) == ["intro"]


def test_round_trip_on_a_seeded_page_as_a_draft_french_untouched(client, translator, site_pages):
    client.force_login(translator)
    mission = site_pages["mission"]
    before = mission.specific.get_latest_revision_as_object()
    data = download(client, scope="page", page=mission.pk)
    back = translated(data, upper)
    assert read(back)  # translate-toolkit reads the returned file too
    preview, url = import_file(client, back, page=mission)
    assert not preview.context["problems"]
    (plan,) = preview.context["plans"]
    assert {change.unit_id for change in plan.changes} >= {"intro", "lead"}
    assert mission.get_latest_revision().pk == before.latest_revision_id, "a preview saves nothing"
    response = client.post(url, {"confirm": "1", "document": back.decode(), "submit": "0"})
    assert response.status_code == 302
    after = Page.objects.get(pk=mission.pk).specific.get_latest_revision_as_object()
    assert after.intro_en == before.intro_fr.upper()
    # The French is untouched, blocks and links included; the English has the same structure.
    assert after.intro_fr == before.intro_fr
    assert list(after.body_fr.raw_data) == list(before.body_fr.raw_data)
    links_fr = re.findall(r"<a [^>]*>", str(before.body_fr.raw_data))
    assert links_fr and links_fr == re.findall(r"<a [^>]*>", str(after.body_en.raw_data))
    assert Page.objects.get(pk=mission.pk).specific.intro_en == before.intro_en, "a draft only"


def test_a_translator_submits_the_import_for_moderation(client, translator, site_pages):
    client.force_login(translator)
    partner = PartnerCityPage.objects.get(slug_fr="aberdeen")
    back = translated(download(client, scope="page", page=partner.pk), upper)
    preview, url = import_file(client, back, page=partner)
    assert not preview.context["problems"]
    client.post(url, {"confirm": "1", "document": back.decode(), "submit": "1"})
    assert WorkflowState.objects.filter(object_id=str(partner.pk), status="in_progress").exists()
    draft = Page.objects.get(pk=partner.pk).specific.get_latest_revision_as_object()
    entry = draft.history_entries.first()
    assert entry.text_en == entry.text_fr.upper()


def refused(client, data, page, *expected):
    before = Page.objects.get(pk=page.pk).latest_revision_id
    preview, url = import_file(client, data, page=page)
    problems = [f"{p.unit_id}: {p.message}" for p in preview.context.get("problems") or []]
    assert problems, "refused"
    for part in expected:
        assert any(part in problem for problem in problems), problems
    assert "Nothing was imported" in preview.content.decode() or "Rien n" in (
        preview.content.decode()
    )
    # Even a forced confirmation applies nothing.
    client.post(url, {"confirm": "1", "document": data.decode(errors="replace")})
    assert Page.objects.get(pk=page.pk).latest_revision_id == before
    return problems


def test_malformed_file_another_pages_file_and_changed_french_are_refused(
    client, translator, site_pages
):
    client.force_login(translator)
    mission, home = site_pages["mission"], site_pages["home"]
    refused(client, b"<xliff version='2.0'><file>", mission, "not well-formed")
    refused(client, b"<html>not xliff</html>", mission, "not an XLIFF 2.0")
    home_file = translated(download(client, scope="page", page=home.pk), upper)
    refused(client, home_file, mission, f"page-{home.pk}")
    back = translated(download(client, scope="page", page=mission.pk), upper)
    draft = mission.specific.get_latest_revision_as_object()
    draft.intro_fr = "Une introduction changée après l’export."
    draft.save_revision()
    problems = refused(client, back, mission, "intro")
    assert all(problem.startswith("intro") for problem in problems), "only that unit is named"


def test_unknown_inline_codes_are_refused(client, translator, site_pages):
    client.force_login(translator)
    mission = site_pages["mission"]
    import xml.etree.ElementTree as ET

    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    root = ET.fromstring(translated(download(client, scope="page", page=mission.pk), upper))
    target = next(t for t in root.iter(f"{ns}target") if len(t))  # a rich text
    target.insert(0, ET.Element(f"{ns}ph", {"id": "999"}))
    problems = refused(client, ET.tostring(root), mission, "unknown inline code")
    assert len(problems) == 1


@pytest.mark.parametrize(
    "payload",
    [
        # Billion laughs: entities expanding into entities.
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;'
        b'&a;&a;&a;&a;&a;">]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"'
        b' srcLang="fr" trgLang="en"><file id="page-3">&b;</file></xliff>',
        # XXE: an external entity reading a local file.
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fr"'
        b' trgLang="en"><file id="page-3">&e;</file></xliff>',
    ],
)
def test_entities_and_external_references_are_refused(client, translator, site_pages, payload):
    client.force_login(translator)
    problems = refused(client, payload, site_pages["mission"], "document type or entities")
    assert not any("root:" in problem for problem in problems)


def test_the_refusal_is_said_in_the_french_admin_too(client, translator, site_pages):
    set_admin_language(translator, "fr")
    client.force_login(translator)
    refused(client, b"<xliff", site_pages["mission"], "pas du XML bien formé")


def test_a_file_too_large_is_refused_next_to_the_field(client, translator, site_pages):
    client.force_login(translator)
    mission = site_pages["mission"]
    big = b"<xliff>" + b" " * (2 * 1024 * 1024) + b"</xliff>"
    url = reverse("editorial_translation_import_page", args=[mission.pk])
    response = client.post(url, {"file": _upload(big)})
    assert response.status_code == 200
    assert "larger than 2 MB" in response.content.decode()
    assert Page.objects.get(pk=mission.pk).latest_revision_id == mission.latest_revision_id
