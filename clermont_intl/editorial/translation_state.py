"""Which English texts are complete, missing or outdated, from the revisions' own content.

A page's revision holds the values of both languages (``title_fr``, ``title_en``…). Each time a
revision is saved (draft, submission, publication, scheduling, revert), the French and English
of every field group are read as a reader sees them (editorial.reading) and hashed; a hash that
differs from the stored one means that language changed at that moment.
"""

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from wagtail.models import Page, Revision

from modeltranslation.translator import NotRegistered, translator

from .constants import HEADING_FIELDS, IGNORED_FIELDS, SEARCH_FIELDS, FieldGroup, TranslationStatus
from .models import TranslationState
from .reading import field_text

LANGUAGES = ("fr", "en")
# Version of the comparison: states hashed by an older one are rehashed before use (scheme 1
# hashed the stored values, so a re-serialised English looked like an English edit).
SCHEME = 2


def _group_of(field_name):
    if field_name in HEADING_FIELDS:
        return FieldGroup.HEADING
    if field_name in SEARCH_FIELDS:
        return FieldGroup.SEARCH
    return FieldGroup.CONTENT


def _translated_fields(model):
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    return [name for name in fields if name not in IGNORED_FIELDS]


@dataclass(frozen=True)
class FieldText:
    """One translated field of a page, both languages as a reader sees them."""

    key: str  # "intro", or "form_fields.2.label" for an inline child's field
    label: str
    fr: str
    en: str


def _texts(model, name, values, key, label_prefix=""):
    field = model._meta.get_field(name)
    fr, en = (field_text(field, values.get(f"{name}_{lang}")) for lang in LANGUAGES)
    return FieldText(key, f"{label_prefix}{capfirst(field.verbose_name)}", fr, en)


def _child_texts(model, content):
    """Translated fields of inline children (gallery, links, form fields…), by position."""
    for key, value in content.items():
        if not (isinstance(value, list) and value and isinstance(value[0], dict)):
            continue
        try:
            child_model = model._meta.get_field(key).related_model
        except FieldDoesNotExist:
            continue
        if child_model is None:  # a stream field's blocks, not inline children
            continue
        names = _translated_fields(child_model)
        for position, item in enumerate(sorted(value, key=_shown_order), start=1):
            prefix = f"{capfirst(child_model._meta.verbose_name)} {position} – "
            for name in names:
                yield _texts(child_model, name, item, f"{key}.{position}.{name}", prefix)


def _shown_order(item):
    """Children in the order visitors see them: by sort order, then by creation. (Children made
    in code have no sort order until an editor saves the page; PostgreSQL returns them in any
    order.)"""
    sort_order, pk = item.get("sort_order"), item.get("pk")
    return (sort_order is None, sort_order or 0, pk is None, pk or 0)


def field_groups(model, content):
    """{group: [FieldText, …]} from a page's serialised content (a revision's or a row's)."""
    groups = {group: [] for group in FieldGroup}
    for name in _translated_fields(model):
        groups[_group_of(name)].append(_texts(model, name, content, name))
    groups[FieldGroup.CONTENT].extend(_child_texts(model, content))
    return groups


def _hash(texts):
    text = json.dumps(texts, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _language_texts(fields, language):
    """The page's own fields in order; inline children's as a sorted list, so that moving a
    child (or the database returning unsorted children in another order) is no language
    change, while any word changed in one child is."""
    own, children = [], []
    for field in fields:
        text = getattr(field, language)
        if "." in field.key:
            relation, _position, name = field.key.split(".")
            children.append((relation, name, text))
        else:
            own.append((field.key, text))
    return own + sorted(children)


def summarise(fields):
    """Hashes of each language, and whether some French text lacks its English."""
    fr_hash = _hash(_language_texts(fields, "fr"))
    en_hash = _hash(_language_texts(fields, "en"))
    missing = any(field.fr and not field.en for field in fields)
    return fr_hash, en_hash, missing


def french_of(fields):
    return {field.key: field.fr for field in fields}


def _set_baseline(states, page_id, model, content, when):
    """Hashes of the content as it was before this change, with the times kept when known."""
    for group, fields in field_groups(model, content).items():
        fr_hash, en_hash, missing = summarise(fields)
        state = states.get(group)
        if state is None:
            state = TranslationState(
                page_id=page_id, field_group=group, fr_changed_at=when, en_changed_at=when
            )
            state.fr_reference = french_of(fields)
            states[group] = state
        elif not state.fr_reference:
            state.fr_reference = french_of(fields)
        state.fr_hash, state.en_hash, state.en_missing = fr_hash, en_hash, missing
        state.scheme = SCHEME
        state.save()


def record(page_id, model, content, when=None, previous=None):
    """Compare a page's new content with the stored hashes, and move the change times on.

    ``previous`` gives the content before this change, (content, time): used when the page has
    no state yet (pages made in bulk, without signals) or states of an older scheme.
    """
    when = when or timezone.now()
    with transaction.atomic():
        states = {
            state.field_group: state
            for state in TranslationState.objects.select_for_update().filter(page_id=page_id)
        }
        stale = len(states) < len(FieldGroup) or any(s.scheme != SCHEME for s in states.values())
        if stale and previous is not None:
            base = previous()
            if base is not None:
                base_content, base_time = base
                _set_baseline(states, page_id, model, base_content, min(base_time or when, when))
        if states and when < max(max(s.fr_changed_at, s.en_changed_at) for s in states.values()):
            # An older revision saved now is history copied with a page, not an edit.
            return
        for group, fields in field_groups(model, content).items():
            _record_group(states.get(group), page_id, group, fields, when)


def _record_group(state, page_id, group, fields, when):
    fr_hash, en_hash, missing = summarise(fields)
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
            fr_reference=french_of(fields),
            scheme=SCHEME,
        )
        return
    if state.fr_hash != fr_hash:
        state.fr_hash, state.fr_changed_at = fr_hash, when
    if state.en_hash != en_hash:
        # The English was written against the French as it is now.
        state.en_hash, state.en_changed_at = en_hash, when
        state.fr_reference = french_of(fields)
        state.checked_by, state.checked_at = None, None
    state.en_missing, state.scheme = missing, SCHEME
    state.save()


def _previous_content(page_id, model, revision):
    """The page's content before ``revision``: the revision saved before it, or the page's row
    (which a publication updates only after saving its revision)."""
    earlier = (
        Revision.objects.filter(
            base_content_type_id=revision.base_content_type_id,
            object_id=str(page_id),
            created_at__lte=revision.created_at,
        )
        .exclude(pk=revision.pk)
        .order_by("-created_at", "-pk")
        .only("content", "created_at")
        .first()
    )
    if earlier is not None:
        return earlier.content, earlier.created_at
    page = model.objects.filter(pk=page_id).first()
    if page is None:
        return None
    return page.serializable_data(), page.last_published_at or page.latest_revision_created_at


def record_revision(revision):
    model = revision.content_type.model_class()
    if model is None:
        return
    page_id = int(revision.object_id)
    record(
        page_id,
        model,
        revision.content,
        when=revision.created_at,
        previous=lambda: _previous_content(page_id, model, revision),
    )


def backfill(pages):
    """States for pages that never had a revision saved since this app was installed.

    ``pages`` are specific pages; their current draft (latest revision) or database row is used.
    """
    for page in pages:
        record(page.pk, type(page), page.serializable_data())


def record_new_page(page):
    """A page created in code (seed, factories) is seen before it has any revision."""
    record(page.pk, type(page), page.serializable_data())


def copy_states(source, copy):
    """A copied page starts with its original's translation status, not as freshly written."""
    originals = {s.field_group: s for s in TranslationState.objects.filter(page=source)}
    for state in TranslationState.objects.filter(page=copy):
        original = originals.get(state.field_group)
        if original is None:
            continue
        state.fr_changed_at, state.en_changed_at = original.fr_changed_at, original.en_changed_at
        state.fr_reference = original.fr_reference
        state.save(update_fields=["fr_changed_at", "en_changed_at", "fr_reference"])


def mark_english_checked(page, user, when=None):
    """A translator found the English still valid after a French change (a typo fix…)."""
    when = when or timezone.now()
    content = page.get_latest_revision_as_object().serializable_data()
    groups = field_groups(type(page), content)
    checked = 0
    with transaction.atomic():
        for state in TranslationState.objects.select_for_update().filter(page=page):
            if state.status != TranslationStatus.OUTDATED:
                continue
            state.en_changed_at = when
            state.fr_reference = french_of(groups.get(state.field_group, []))
            state.checked_by, state.checked_at = user, when
            state.save()
            checked += 1
    return checked


@dataclass
class ChangedField:
    label: str
    fr_before: str
    fr_now: str
    en_now: str

    @property
    def fr_diff(self):
        """The French now, with the words removed since before in <del> and the new in <ins>."""
        return word_diff(self.fr_before, self.fr_now)


def word_diff(before, now):
    tokens = re.compile(r"\S+|\s+")
    old, new = tokens.findall(before), tokens.findall(now)
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
        if op == "equal":
            parts.append(escape("".join(new[j1:j2])))
    return mark_safe("".join(parts).replace("\n", "<br>"))


def changes_since_english(page):
    """Per field, the French before and now and the English now, for each outdated group."""
    content = page.get_latest_revision_as_object().serializable_data()
    groups = field_groups(type(page), content)
    changes = []
    for state in TranslationState.objects.filter(page=page).order_by("field_group"):
        if state.status != TranslationStatus.OUTDATED:
            continue
        known = set(state.fr_reference.values())
        for field in groups.get(state.field_group, []):
            before = state.fr_reference.get(field.key, "")
            if before == field.fr or ("." in field.key and field.fr in known):
                continue  # unchanged, or an inline child's text that only moved
            changes.append(ChangedField(field.label, before, field.fr, field.en))
    return changes


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
    # (time, user) of the last "translation still valid", if any
    checked: tuple = None

    @property
    def status(self):
        return _overall(set(self.states.values()))


def section_rows():
    """One row per page of the section with its state per field group, in tree order.

    Two queries whatever the number of pages (pages with their types, then states), plus a
    one-off catch-up for pages saved before this app existed.
    """
    pages = list(Page.objects.filter(depth__gt=1).select_related("content_type").order_by("path"))
    states, checked = _states_by_page()
    unseen = [page.pk for page in pages if page.pk not in states]
    if unseen:
        backfill(Page.objects.filter(pk__in=unseen).specific())
        states, checked = _states_by_page()
    rows = []
    for page in pages:
        model = page.content_type.model_class()
        page_type = model._meta.verbose_name if model else page.content_type.model
        rows.append(PageRow(page, page_type, states.get(page.pk, {}), checked.get(page.pk)))
    return rows


def _states_by_page():
    states = defaultdict(dict)
    checked = {}
    queryset = (
        TranslationState.objects.filter(page__depth__gt=1)
        .select_related("checked_by")
        .only(
            "page_id",
            "field_group",
            "fr_changed_at",
            "en_changed_at",
            "en_missing",
            "checked_at",
            "checked_by",
        )
    )
    for state in queryset:
        states[state.page_id][state.field_group] = state.status
        if state.checked_at and (
            state.page_id not in checked or checked[state.page_id][0] < state.checked_at
        ):
            checked[state.page_id] = (state.checked_at, state.checked_by)
    return states, checked
