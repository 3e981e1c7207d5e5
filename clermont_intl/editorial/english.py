"""Write a page's English from the translators' tools (copy from French, an agency's file).

Every change is made on the page's latest content (its draft if it has one) and saved as a new
revision, as the editor's own form would: the French is never touched, the live page changes
only when the revision is published (by an editor, or by a moderator for a translator).
"""

import copy
import uuid

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction

from wagtail.fields import StreamField

from .models import TranslationState
from .reading import raw_stream
from .units import entry_id, group_of, pair_blocks, shown_order


class UnknownUnit(KeyError):
    """A unit key that the page's latest content does not have."""


def _stream(page, name, language):
    value = getattr(page, f"{name}_{language}")
    if value is None:
        return []
    if hasattr(value, "get_prep_value"):
        return copy.deepcopy(value.get_prep_value())
    return copy.deepcopy(raw_stream(value))


def _french_block(page, name, block_id):
    for position, block in enumerate(_stream(page, name, "fr")):
        if str(block.get("id")) == block_id:
            return position, block
    raise UnknownUnit(f"{name}.{block_id}")


def set_block(page, name, block_id, build):
    """Replace the English block paired with French block ``block_id`` by ``build(french block,
    english block or None)``, or insert it where the French has it. The new block keeps the
    French block's id, so that the two stay paired."""
    fr_blocks, en_blocks = _stream(page, name, "fr"), _stream(page, name, "en")
    index, french = _french_block(page, name, block_id)
    pairs = pair_blocks(fr_blocks, en_blocks)
    english = pairs.get(index)
    new = build(copy.deepcopy(french), english)
    new["id"] = french.get("id") or str(uuid.uuid4())
    if english is not None:
        en_blocks[en_blocks.index(english)] = new
    else:
        # After the English of the French block before it, or first.
        place = 0
        for earlier in range(index - 1, -1, -1):
            if earlier in pairs:
                place = en_blocks.index(pairs[earlier]) + 1
                break
        en_blocks.insert(place, new)
    setattr(page, f"{name}_en", en_blocks)


def set_entry(page, relation, entry_key, name, value=None, from_french=False):
    """Set the English of field ``name`` of the inline entry whose unit id is ``entry_key`` (its
    database id). The entries are set back on the page: modelcluster hands out copies."""
    children = list(getattr(page, relation).all())
    ordered = sorted(
        children,
        key=lambda c: shown_order({"sort_order": getattr(c, "sort_order", None), "pk": c.pk}),
    )
    for position, child in enumerate(ordered, start=1):
        if entry_id({"pk": child.pk}, position) == entry_key:
            if from_french:
                value = getattr(child, f"{name}_fr")
            setattr(child, f"{name}_en", value)
            setattr(page, relation, children)
            return
    raise UnknownUnit(f"{relation}.{entry_key}")


def copy_from_french(page, key):
    """Fill the English of one unit with its French, as a starting point for the translator."""
    parts = key.split(".")
    if len(parts) == 3:
        relation, entry_key, name = parts
        set_entry(page, relation, entry_key, name, from_french=True)
        return
    name = parts[0]
    try:
        field = page._meta.get_field(name)
    except Exception as error:
        raise UnknownUnit(key) from error
    if isinstance(field, StreamField):
        if len(parts) != 2:
            raise UnknownUnit(key)
        set_block(page, name, parts[1], lambda french, english: french)
    elif len(parts) == 1 and hasattr(page, f"{name}_fr"):
        setattr(page, f"{name}_en", getattr(page, f"{name}_fr"))
    else:
        raise UnknownUnit(key)


def mark_copied(page, keys):
    """Remember units copied from the French: they stay to translate until their English
    differs (translation_state keeps only those still equal to the French)."""
    for state in TranslationState.objects.select_for_update().filter(page=page):
        group_keys = [k for k in keys if group_of(k.split(".")[0]) == state.field_group]
        if group_keys:
            state.copied = sorted(set(state.copied or []) | set(group_keys))
            state.save(update_fields=["copied"])


def save_english(page, user, submit=False, copied=()):
    """Save the page (its English changed) as a new revision; for a translator who asks it,
    submitted to the moderation workflow. Returns the revision."""
    with transaction.atomic():
        if copied:
            mark_copied(page, copied)
        revision = page.save_revision(user=user, log_action=True)
        if submit:
            workflow = page.get_workflow()
            if workflow is None:
                raise PermissionDenied("no moderation workflow for this page")
            current = page.current_workflow_state
            if current is None or not current.is_active:
                workflow.start(page, user)
    return revision


def _copied_keys(request):
    """{page id: keys of units copied from the French}, read once per request (one query, made
    only when a page shows an English text equal to its French)."""
    if request is None:
        return {}
    if not hasattr(request, "editorial_copied_units"):
        request.editorial_copied_units = {
            page_id: set(keys)
            for page_id, keys in TranslationState.objects.exclude(copied=[]).values_list(
                "page_id", "copied"
            )
        }
    return request.editorial_copied_units


def _unit_of(instance, field_name):
    """(page id, unit key) of a field of a page or of an inline entry, or (None, None)."""
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page

    if isinstance(instance, Page):
        return instance.pk, field_name
    for model_field in instance._meta.fields:
        if isinstance(model_field, ParentalKey):
            relation = model_field.remote_field.related_name
            page_id = getattr(instance, model_field.attname)
            return page_id, f"{relation}.{instance.pk}.{field_name}"
    return None, None


def still_french(request, instance, field_name, english, french):
    """Whether a field's English is its French copied as a starting point and not translated
    yet: the public page then marks it as French (RGAA 8.7), as it does a fallback.

    Passages only: text and rich text fields (a StreamField's blocks: ``block_still_french``).
    A short field (a title, a name, a label) the same in both languages is most often a proper
    name, and is not looked up: the lookup's one query is made only for a passage equal to its
    French, never for a page's titles and menus."""
    try:
        model_field = instance._meta.get_field(field_name)
    except FieldDoesNotExist:
        return False
    if not isinstance(model_field, models.TextField):
        return False
    if english is None or french is None or str(english).strip() != str(french).strip():
        return False
    if not str(english).strip():
        return False
    page_id, key = _unit_of(instance, field_name)
    return page_id is not None and key in _copied_keys(request).get(page_id, ())


def block_still_french(request, page, field_name, block):
    """Whether a StreamField block of the English is the French block copied and not
    translated yet (same id, same value)."""
    if page is None or not getattr(block, "id", None):
        return False
    for french in getattr(page, f"{field_name}_fr", None) or []:
        if french.id == block.id and french.block_type == block.block_type:
            same = french.block.get_prep_value(french.value) == block.block.get_prep_value(
                block.value
            )
            return same and f"{field_name}.{block.id}" in _copied_keys(request).get(page.pk, ())
    return False
