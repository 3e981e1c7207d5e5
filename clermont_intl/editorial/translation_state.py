"""Which English texts are complete, missing or outdated, from the revisions' own content.

A page's revision holds the values of both languages (``title_fr``, ``title_en``…). Each time a
revision is saved (draft, submission, publication, scheduling, revert), the French and English
values of every field group are hashed; a hash that differs from the stored one means that
language changed at that moment.
"""

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

from modeltranslation.translator import NotRegistered, translator

from .constants import HEADING_FIELDS, IGNORED_FIELDS, SEARCH_FIELDS, FieldGroup, TranslationStatus
from .models import TranslationState

LANGUAGES = ("fr", "en")


def _group_of(field_name):
    if field_name in HEADING_FIELDS:
        return FieldGroup.HEADING
    if field_name in SEARCH_FIELDS:
        return FieldGroup.SEARCH
    return FieldGroup.CONTENT


def _is_empty(value):
    return normalise(value) in ("", [], {})


def _translated_fields(model):
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    return [name for name in fields if name not in IGNORED_FIELDS]


def _child_pairs(items):
    """(French, English) value pairs of translated fields in inline children (gallery, form
    fields…), recognised by their ``_fr``/``_en`` column pairs."""
    for item in items:
        if not isinstance(item, dict):
            continue
        for key, value in sorted(item.items()):
            if key.endswith("_fr") and f"{key[:-3]}_en" in item:
                yield value, item[f"{key[:-3]}_en"]


def field_groups(model, content):
    """{group: [(fr value, en value), …]} from a page's serialised content."""
    groups = {group: [] for group in FieldGroup}
    for name in _translated_fields(model):
        groups[_group_of(name)].append((content.get(f"{name}_fr"), content.get(f"{name}_en")))
    for value in content.values():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            groups[FieldGroup.CONTENT].extend(_child_pairs(value))
    return groups


BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
# What the rich-text editor saves for a field left empty: one or more empty paragraphs.
EMPTY_RICH_TEXT = re.compile(r"^(\s*<p>\s*</p>)*\s*$")


def normalise(value):
    """The value as an editor sees it: without the block ids and rich-text keys that the
    editor regenerates on a save, and with "no value" spelt one way (an untouched empty rich
    text field comes back from the editor as an empty paragraph)."""
    if value is None:
        return ""
    if isinstance(value, str):
        if value.startswith("[") and value.endswith("]"):
            try:
                return normalise(json.loads(value))
            except ValueError:
                pass
        value = BLOCK_KEY.sub("", value)
        return "" if EMPTY_RICH_TEXT.match(value) else value
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if isinstance(value, dict):
        return {key: normalise(item) for key, item in value.items() if key != "id"}
    return value


def _hash(values):
    values = [normalise(value) for value in values]
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def summarise(pairs):
    """Hashes of each language, and whether some French text lacks its English."""
    fr = [fr for fr, _ in pairs]
    en = [en for _, en in pairs]
    missing = any(not _is_empty(f) and _is_empty(e) for f, e in pairs)
    return _hash(fr), _hash(en), missing


def record(page_id, model, content, when=None):
    """Compare a page's new content with the stored hashes, and move the change times on."""
    when = when or timezone.now()
    existing = {
        state.field_group: state for state in TranslationState.objects.filter(page_id=page_id)
    }
    with transaction.atomic():
        for group, pairs in field_groups(model, content).items():
            fr_hash, en_hash, missing = summarise(pairs)
            state = existing.get(group)
            if state is None:
                # First sight of the page: both languages are taken as written together.
                TranslationState.objects.create(
                    page_id=page_id,
                    field_group=group,
                    fr_hash=fr_hash,
                    en_hash=en_hash,
                    fr_changed_at=when,
                    en_changed_at=when,
                    en_missing=missing,
                )
                continue
            if state.fr_hash != fr_hash:
                state.fr_hash, state.fr_changed_at = fr_hash, when
            if state.en_hash != en_hash:
                state.en_hash, state.en_changed_at = en_hash, when
            state.en_missing = missing
            state.save()


def record_revision(revision):
    model = revision.content_type.model_class()
    if model is None:
        return
    record(int(revision.object_id), model, revision.content, when=revision.created_at)


def backfill(pages):
    """States for pages that never had a revision saved since this app was installed.

    ``pages`` are specific pages; their current draft (latest revision) or database row is used.
    """
    for page in pages:
        record(page.pk, type(page), page.serializable_data())


def record_new_page(page):
    """A page created in code (seed, factories) is seen before it has any revision."""
    record(page.pk, type(page), page.serializable_data())


def _overall(statuses):
    for status in (TranslationStatus.MISSING, TranslationStatus.OUTDATED):
        if status in statuses:
            return status
    return TranslationStatus.COMPLETE


@dataclass
class PageRow:
    page: object
    page_type: str
    states: dict

    @property
    def status(self):
        return _overall(set(self.states.values()))


def section_rows():
    """One row per page of the section with its state per field group, in tree order.

    Two queries whatever the number of pages (pages with their types, then states), plus a
    one-off catch-up for pages saved before this app existed.
    """
    pages = list(Page.objects.filter(depth__gt=1).select_related("content_type").order_by("path"))
    states = _states_by_page(pages)
    unseen = [page.pk for page in pages if page.pk not in states]
    if unseen:
        backfill(Page.objects.filter(pk__in=unseen).specific())
        states = _states_by_page(pages)
    rows = []
    for page in pages:
        model = page.content_type.model_class()
        page_type = model._meta.verbose_name if model else page.content_type.model
        rows.append(PageRow(page, page_type, states.get(page.pk, {})))
    return rows


def _states_by_page(pages):
    states = defaultdict(dict)
    queryset = TranslationState.objects.filter(page__depth__gt=1).only(
        "page_id", "field_group", "fr_changed_at", "en_changed_at", "en_missing"
    )
    for state in queryset:
        states[state.page_id][state.field_group] = state.status
    return states
