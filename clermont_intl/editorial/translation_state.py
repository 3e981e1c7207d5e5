"""Which English texts are complete, missing or outdated, from the revisions' own content.

A page's revision holds the values of both languages (``title_fr``, ``title_en``…). Each time a
revision is saved (draft, submission, publication, scheduling, revert), the French and English
of every field group are read as a reader sees them (editorial.reading) and hashed; a hash that
differs from the stored one means that language changed at that moment. The French of every
unit (editorial.units: a field, a StreamField block, an inline entry's field) is kept as it was
when the English was last written: the "before" of "what changed".

Hashes are of texts in the model's declared field order: the same content gives the same hash
in every process, whatever its PYTHONHASHSEED (scheme 3; scheme 2 took the fields in the order
of a set, so an edit recorded by another process looked like both languages had changed).
"""

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from wagtail.models import Page, Revision, WorkflowState

from .constants import FieldGroup, TranslationStatus
from .models import TranslationState
from .reading import field_text
from .units import LANGUAGES, group_of, inline_relations, page_units, translated_fields, words

# Version of the comparison: states hashed by an older one are rehashed before use (scheme 1
# hashed the stored values; scheme 2 took the fields in a set's order, which differs between
# processes; scheme 3 takes them in the model's order and keeps the French per unit).
SCHEME = 3

# A page never published has no live English; one published without revisions (built in code)
# has everything live.
ALWAYS = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class FieldText:
    """One translated field of a page (or of an inline entry), both languages as read."""

    key: str
    fr: str
    en: str


def _field_texts(model, content):
    """{group: [FieldText]}: each field whole (a StreamField as one text, so that a block moved
    is a change), inline entries as (relation, field) pairs, for the hashes."""
    groups = {group: [] for group in FieldGroup}
    for name in translated_fields(model):
        model_field = model._meta.get_field(name)
        fr, en = (field_text(model_field, content.get(f"{name}_{lang}")) for lang in LANGUAGES)
        groups[group_of(name)].append(FieldText(name, fr, en))
    for relation, child_model, items in inline_relations(model, content):
        names = translated_fields(child_model)
        for item in items:
            for name in names:
                model_field = child_model._meta.get_field(name)
                fr, en = (field_text(model_field, item.get(f"{name}_{lang}")) for lang in LANGUAGES)
                groups[FieldGroup.CONTENT].append(FieldText(f"{relation}.{name}", fr, en))
    return groups


def _hash(texts):
    text = json.dumps(texts, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _language_hash(fields, language):
    """The page's own fields in their declared order; inline entries' as a sorted list, so that
    moving an entry (or the database returning unsorted entries in another order) is no language
    change, while any word changed in one entry is."""
    own = [(f.key, getattr(f, language)) for f in fields if "." not in f.key]
    children = sorted((f.key, getattr(f, language)) for f in fields if "." in f.key)
    return _hash(own + children)


@dataclass
class GroupContent:
    fields: list
    units: list

    @property
    def hashes(self):
        return _language_hash(self.fields, "fr"), _language_hash(self.fields, "en")


def page_content(model, content):
    """{group: GroupContent} of a page's serialised content (a revision's or a row's)."""
    texts = _field_texts(model, content)
    units = defaultdict(list)
    for unit in page_units(model, content):
        units[unit.group].append(unit)
    return {group: GroupContent(texts[group], units[group]) for group in FieldGroup}


def to_translate(unit, copied=()):
    """A unit whose French has no English yet, or whose English is the French copied as a
    starting point and not translated yet."""
    return bool(unit.fr) and (not unit.en or (unit.key in copied and unit.en == unit.fr))


def reference_of(units):
    """The French of each unit, to compare later ones with: texts, labels, and each
    StreamField's order of blocks."""
    orders = defaultdict(list)
    for unit in units:
        if unit.is_block and unit.fr:
            orders[unit.field].append(unit.key)
    return {
        "texts": {unit.key: unit.fr for unit in units if unit.fr},
        "labels": {unit.key: str(unit.label) for unit in units if unit.fr},
        "orders": dict(orders),
    }


def _reference_texts(reference):
    return (reference or {}).get("texts", {})


def _word_counts(units, reference, copied):
    """French words of the group, and of the units to translate or changed since the English."""
    texts = _reference_texts(reference)
    total = pending = 0
    for unit in units:
        count = words(unit.fr)
        total += count
        if to_translate(unit, copied) or texts.get(unit.key, unit.fr) != unit.fr:
            pending += count
    return total, pending


def _still_copied(units, copied):
    """Copied units whose English is still the French: the others were translated since."""
    by_key = {unit.key: unit for unit in units}
    return sorted(k for k in copied if k in by_key and by_key[k].en == by_key[k].fr)


def _apply(state, group_content, when):
    """Compare a group's content with its state, and move the change times on."""
    fr_hash, en_hash = group_content.hashes
    units = group_content.units
    if state.fr_hash != fr_hash:
        state.fr_hash, state.fr_changed_at = fr_hash, when
    if state.en_hash != en_hash:
        # The English was written against the French as it is now.
        state.en_hash, state.en_changed_at = en_hash, when
        state.fr_reference = reference_of(units)
        state.checked_by, state.checked_at = None, None
    state.copied = _still_copied(units, state.copied or [])
    state.en_missing = any(to_translate(unit, state.copied) for unit in units)
    state.fr_words, state.pending_words = _word_counts(units, state.fr_reference, state.copied)
    state.scheme = SCHEME


def _new_state(page_id, group, group_content, when):
    fr_hash, en_hash = group_content.hashes
    state = TranslationState(
        page_id=page_id,
        field_group=group,
        fr_hash=fr_hash,
        en_hash=en_hash,
        fr_changed_at=when,
        en_changed_at=when,
        fr_reference=reference_of(group_content.units),
        copied=[],
    )
    _apply(state, group_content, when)
    return state


def _set_baseline(states, page_id, model, content, when):
    """States as of the content before this change: stale ones rehashed (their times kept),
    missing ones created with the time of that content."""
    stale = [state for state in states.values() if state.scheme != SCHEME]
    if stale:
        rehash(page_id, model, content, stale)
    for group, group_content in page_content(model, content).items():
        if group not in states:
            states[group] = _new_state(page_id, group, group_content, when)
            states[group].save()


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
        for group, group_content in page_content(model, content).items():
            state = states.get(group)
            if state is None:
                # First sight of the page: both languages are taken as written together.
                _new_state(page_id, group, group_content, when).save()
            else:
                _apply(state, group_content, when)
                state.save()


def _revision_before(page_id, model, when):
    """The page's content in its latest revision saved at or before ``when``; for a page made
    in code (seen before its first revision was saved), its first revision."""
    revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id=str(page_id)
    ).only("content")
    revision = (
        revisions.filter(created_at__lte=when).order_by("-created_at", "-pk").first()
        or revisions.order_by("created_at", "pk").first()
    )
    return None if revision is None else revision.content


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


def rehash(page_id, model, content, states, when=None):
    """Recompute stored states of an older scheme from the content they describe (the page's
    latest revision), keeping their times: what changed stays changed, nothing new is.

    The French "before" of an outdated group is read from the revision of the time the English
    was last written, when there is one. Used by migration 0007 and by ``record``."""
    groups = page_content(model, content)
    for state in states:
        group_content = groups[state.field_group]
        if state.fr_changed_at > state.en_changed_at:
            before = _revision_before(page_id, model, state.en_changed_at)
            units = page_content(model, before)[state.field_group].units if before else []
            state.fr_reference = reference_of(units) if units else _legacy_reference(state)
        else:
            state.fr_reference = reference_of(group_content.units)
        state.fr_hash, state.en_hash = group_content.hashes
        state.copied = state.copied or []
        _apply(state, group_content, when or state.fr_changed_at)
        state.save()


def _legacy_reference(state):
    """A scheme-2 reference ({field key: text}) kept where its keys are still unit keys (a
    page's own text fields); a StreamField's whole text cannot be cut back into blocks."""
    old = state.fr_reference or {}
    if "texts" in old:
        return old
    return {"texts": {k: v for k, v in old.items() if "." not in k}, "labels": {}, "orders": {}}


def copy_states(source, copy):
    """A copied page starts with its original's translation status, not as freshly written."""
    originals = {s.field_group: s for s in TranslationState.objects.filter(page=source)}
    for state in TranslationState.objects.filter(page=copy):
        original = originals.get(state.field_group)
        if original is None:
            continue
        state.fr_changed_at, state.en_changed_at = original.fr_changed_at, original.en_changed_at
        state.fr_reference = original.fr_reference
        state.pending_words = original.pending_words
        state.save(
            update_fields=["fr_changed_at", "en_changed_at", "fr_reference", "pending_words"]
        )


def latest_content(page):
    """The page's latest content (its draft, if it has one) as a serialised dict."""
    return page.get_latest_revision_as_object().serializable_data()


def mark_english_checked(page, user, when=None):
    """A translator found the English still valid after a French change (a typo fix…), or a
    copied French text right as English (a proper name)."""
    when = when or timezone.now()
    groups = page_content(type(page), latest_content(page))
    written = (
        Page.objects.filter(pk=page.pk).values_list("latest_revision_created_at", flat=True).first()
        or when
    )
    checked = 0
    with transaction.atomic():
        for state in TranslationState.objects.select_for_update().filter(page=page):
            copied = state.copied and state.status == TranslationStatus.MISSING
            if state.status != TranslationStatus.OUTDATED and not copied:
                continue
            group_content = groups[state.field_group]
            # The English is valid as of the page's latest revision: no English revision was
            # made (a later time would read as English waiting for publication).
            state.en_changed_at = max(written, state.fr_changed_at)
            state.fr_reference = reference_of(group_content.units)
            state.copied = []
            state.checked_by, state.checked_at = user, when
            _apply(state, group_content, when)
            state.save()
            checked += 1
    return checked


@dataclass
class Change:
    """One unit whose French changed since the English was last written."""

    ADDED, CHANGED, REMOVED, MOVED = "added", "changed", "removed", "moved"

    key: str
    label: str
    kind: str
    fr_before: str
    fr_now: str
    en_now: str
    position_before: int = 0
    position_now: int = 0

    @property
    def fr_diff(self):
        """The French now, with the words removed since before in <del> and the new in <ins>."""
        return word_diff(self.fr_before, self.fr_now)

    @property
    def words(self):
        """Words of the unit's French now: what has to be translated again."""
        return 0 if self.kind in (self.REMOVED, self.MOVED) else words(self.fr_now)

    @property
    def new_words(self):
        """Words that are new in the French (inserted or replacing others)."""
        old, new = _TOKENS.findall(self.fr_before), _TOKENS.findall(self.fr_now)
        added = []
        for op, _i1, _i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op in ("insert", "replace"):
                added.append("".join(new[j1:j2]))
        return words(" ".join(added))


_TOKENS = re.compile(r"\S+|\s+")


def word_diff(before, now):
    old, new = _TOKENS.findall(before), _TOKENS.findall(now)
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
        if op == "equal":
            parts.append(escape("".join(new[j1:j2])))
    return mark_safe("".join(parts).replace("\n", "<br>"))


def _moved_blocks(before_order, now_order):
    """Blocks kept in both orders but not in their longest common run: those that moved."""
    kept = set(before_order) & set(now_order)
    old = [key for key in before_order if key in kept]
    new = [key for key in now_order if key in kept]
    in_place = set()
    for block in SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks():
        in_place.update(new[block.b : block.b + block.size])
    return {key: (old.index(key) + 1, new.index(key) + 1) for key in kept - in_place}


def group_changes(reference, units):
    """The changes between the French of ``reference`` and the French of ``units``: one per
    unit (a field, a block, an inline entry's field), in the order of the form."""
    texts = _reference_texts(reference)
    labels = (reference or {}).get("labels", {})
    orders = (reference or {}).get("orders", {})
    now_orders = defaultdict(list)
    for unit in units:
        if unit.is_block and unit.fr:
            now_orders[unit.field].append(unit.key)
    moved = {}
    for stream, order in now_orders.items():
        moved.update(_moved_blocks(orders.get(stream, []), order))
    changes = []
    consumed = set()
    for unit in units:
        before = texts.get(unit.key)
        if before is None and unit.is_entry:
            # An entry first seen with its page, before the database gave it an id.
            relation, _entry, name = unit.key.split(".")
            unsaved = f"{relation}.new{unit.position}.{name}"
            if unsaved in texts and unsaved not in present_keys(units):
                before = texts[unsaved]
                consumed.add(unsaved)
        if before is None and unit.fr:
            changes.append(Change(unit.key, unit.label, Change.ADDED, "", unit.fr, unit.en))
        elif before is not None and before != unit.fr:
            kind = Change.CHANGED if unit.fr else Change.REMOVED
            changes.append(Change(unit.key, unit.label, kind, before, unit.fr, unit.en))
        elif unit.key in moved:
            was, now = moved[unit.key]
            changes.append(
                Change(unit.key, unit.label, Change.MOVED, before, unit.fr, unit.en, was, now)
            )
    present = present_keys(units) | consumed
    for key, before in texts.items():
        if key not in present and not any(c.key == key for c in changes):
            label = labels.get(key, key)
            changes.append(Change(key, label, Change.REMOVED, before, "", ""))
    return _without_renumbered_entries(changes)


def present_keys(units):
    return {unit.key for unit in units if unit.fr}


def _entry_field(key):
    relation, _entry, name = key.split(".")
    return relation, name


def _without_renumbered_entries(changes):
    """An inline entry removed and one added with the same text is the same entry given its
    database id (entries made with a new page have none when the page is first seen) or
    deleted and made again: no change a reader sees."""
    removed = defaultdict(list)
    for change in changes:
        if change.kind == Change.REMOVED and change.key.count(".") == 2:
            removed[(*_entry_field(change.key), change.fr_before)].append(change)
    dropped = set()
    for change in changes:
        if change.kind != Change.ADDED or change.key.count(".") != 2:
            continue
        twins = removed.get((*_entry_field(change.key), change.fr_now))
        if twins:
            dropped.update({id(change), id(twins.pop())})
    return [change for change in changes if id(change) not in dropped]


def changes_since_english(page):
    """Per unit, the French before and now and the English now, for each group whose French
    changed after its English was last written (outdated, or missing some English too)."""
    groups = page_content(type(page), latest_content(page))
    changes = []
    for state in TranslationState.objects.filter(page=page).order_by("field_group"):
        if state.fr_changed_at <= state.en_changed_at:
            continue
        changes.extend(group_changes(state.fr_reference, groups[state.field_group].units))
    return changes


# The state of a page's English, the worst first: what a translator has to do comes before
# what waits for someone else.
STATUS_ORDER = (
    TranslationStatus.MISSING,
    TranslationStatus.OUTDATED,
    TranslationStatus.SENT_BACK,
    TranslationStatus.IN_MODERATION,
    TranslationStatus.DRAFT,
    TranslationStatus.COMPLETE,
)


def _overall(statuses):
    for status in STATUS_ORDER:
        if status in statuses:
            return status
    return TranslationStatus.COMPLETE


@dataclass
class Publication:
    """Where a page's latest content stands: when its live version was saved, and whether a
    newer one waits in moderation or was sent back."""

    live_at: datetime | None
    pending: str = TranslationStatus.DRAFT

    def status(self, state):
        """A group's status: missing and outdated as the latest content says; complete only if
        the English in that content is live, else where it waits."""
        status = state.status
        if status != TranslationStatus.COMPLETE:
            return status
        if self.live_at is None:
            return self.pending
        # English written after the live revision waits; English checked as still valid was
        # not rewritten (a later English edit clears the check).
        if state.en_changed_at > self.live_at and state.checked_at is None:
            return self.pending
        return status


@dataclass
class PageRow:
    page: object
    page_type: str
    states: dict  # {group: status}
    # (time, user) of the last "translation still valid", if any
    checked: tuple = None
    words: int = 0
    pending_words: int = 0
    publication: Publication = field(default=None, repr=False)
    # Some French changed after the English was last written ("what changed" has something).
    french_changed: bool = False

    @property
    def status(self):
        return _overall(set(self.states.values()))


def _publications(pages):
    """{page id: Publication}, with one query for the workflows whatever the number of pages."""
    workflows = dict(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        ).values_list("object_id", "status")
    )
    pending = {
        WorkflowState.STATUS_IN_PROGRESS: TranslationStatus.IN_MODERATION,
        WorkflowState.STATUS_NEEDS_CHANGES: TranslationStatus.SENT_BACK,
    }
    publications = {}
    for page in pages:
        if not page.live:
            live_at = None
        elif page.live_at is None:
            live_at = ALWAYS
        else:
            live_at = page.live_at
        status = pending.get(workflows.get(str(page.pk)), TranslationStatus.DRAFT)
        publications[page.pk] = Publication(live_at, status)
    return publications


def section_rows(only_in_moderation=False):
    """One row per page of the section with its state per field group, in tree order.

    Three queries whatever the number of pages (pages with their types and live revision's
    time, workflows, states), plus a one-off catch-up for pages saved before this app existed.
    ``only_in_moderation``: the pages waiting in the moderation workflow (what moderators see).
    """
    pages = list(
        Page.objects.filter(depth__gt=1)
        .select_related("content_type")
        .annotate(live_at=F("live_revision__created_at"))
        .order_by("path")
    )
    states, checked = _states_by_page()
    unseen = [page.pk for page in pages if page.pk not in states]
    if unseen:
        backfill(Page.objects.filter(pk__in=unseen).specific())
        states, checked = _states_by_page()
    publications = _publications(pages)
    rows = []
    for page in pages:
        publication = publications[page.pk]
        if only_in_moderation and publication.pending != TranslationStatus.IN_MODERATION:
            continue
        model = page.content_type.model_class()
        page_type = model._meta.verbose_name if model else page.content_type.model
        page_states = states.get(page.pk, {})
        rows.append(
            PageRow(
                page,
                page_type,
                {group: publication.status(s) for group, s in page_states.items()},
                checked.get(page.pk),
                words=sum(s.fr_words for s in page_states.values()),
                pending_words=sum(s.pending_words for s in page_states.values()),
                publication=publication,
                french_changed=any(s.fr_changed_at > s.en_changed_at for s in page_states.values()),
            )
        )
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
            "fr_words",
            "pending_words",
            "checked_at",
            "checked_by",
        )
    )
    for state in queryset:
        states[state.page_id][state.field_group] = state
        if state.checked_at and (
            state.page_id not in checked or checked[state.page_id][0] < state.checked_at
        ):
            checked[state.page_id] = (state.checked_at, state.checked_by)
    return states, checked
