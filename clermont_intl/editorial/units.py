"""A page's translatable text, cut into the units a translator works on.

A unit is one field of the page (``intro``), one block of a StreamField (``body.<block id>``) or
one field of an inline entry (``history_entries.<entry id>.text``), with its French and its
English as a reader sees them (editorial.reading). Units are what "what changed" lists, what an
XLIFF file carries, and what the word counts count; their keys stay the same from one revision
to the next (block ids and entry ids are kept by the admin), so a change is shown where it was
made.

Fields come in the model's own order (the order of their declaration), never in the order of a
set or of a dictionary filled from one: hashes and keys must be the same in every process.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.fields import StreamField

from modeltranslation.translator import NotRegistered, translator

from .constants import HEADING_FIELDS, IGNORED_FIELDS, SEARCH_FIELDS, FieldGroup
from .reading import block_text, field_text, raw_stream

LANGUAGES = ("fr", "en")


def group_of(field_name):
    if field_name in HEADING_FIELDS:
        return FieldGroup.HEADING
    if field_name in SEARCH_FIELDS:
        return FieldGroup.SEARCH
    return FieldGroup.CONTENT


def translated_fields(model):
    """The model's translated fields, in the order the model declares them.

    modeltranslation's options give them in an order that can come from a set (wagtail-
    modeltranslation adds the page's own fields that way), which differs between processes.
    """
    try:
        registered = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    return [
        field.name
        for field in model._meta.get_fields()
        if field.name in registered and field.name not in IGNORED_FIELDS
    ]


@dataclass(frozen=True)
class Unit:
    """One piece of translatable text of a page, in both languages as a reader sees them."""

    key: str
    group: str
    label: str
    fr: str
    en: str
    # The model field the unit belongs to ("body", "history_entries"), and for a block its
    # type name and its position (from 1) in the French stream.
    field: str
    block_type: str = ""
    position: int = 0

    @property
    def is_block(self):
        return bool(self.block_type)

    @property
    def is_entry(self):
        return self.key.count(".") == 2


def _field_label(model, name):
    return str(capfirst(model._meta.get_field(name).verbose_name))


def _stream_units(model, name, content):
    field = model._meta.get_field(name)
    stream_block = field.stream_block
    fr_blocks = [b for b in raw_stream(content.get(f"{name}_fr")) if _is_block(b, stream_block)]
    en_blocks = [b for b in raw_stream(content.get(f"{name}_en")) if _is_block(b, stream_block)]
    pairs = pair_blocks(fr_blocks, en_blocks)
    label = _field_label(model, name)
    group = group_of(name)
    units = []
    for position, block in enumerate(fr_blocks, start=1):
        child = stream_block.child_blocks[block["type"]]
        english = pairs.get(position - 1)
        units.append(
            Unit(
                key=f"{name}.{block.get('id') or position}",
                group=group,
                label=_("%(field)s – block %(position)s (%(type)s)")
                % {"field": label, "position": position, "type": child.label},
                fr=block_text(child, block.get("value")),
                en=block_text(child, english.get("value")) if english else "",
                field=name,
                block_type=block["type"],
                position=position,
            )
        )
    paired = {id(block) for block in pairs.values()}
    for position, block in enumerate(en_blocks, start=1):
        if id(block) in paired:
            continue
        child = stream_block.child_blocks[block["type"]]
        units.append(
            Unit(
                key=f"{name}.en-{block.get('id') or position}",
                group=group,
                label=_("%(field)s – English block %(position)s (%(type)s)")
                % {"field": label, "position": position, "type": child.label},
                fr="",
                en=block_text(child, block.get("value")),
                field=name,
                block_type=block["type"],
            )
        )
    return units


def _is_block(block, stream_block):
    return isinstance(block, dict) and block.get("type") in stream_block.child_blocks


def pair_blocks(fr_blocks, en_blocks):
    """{index of a French block: its English block}: the block with the same id (a block copied
    from the French keeps it), else the block at the same place if it is of the same type."""
    en_by_id = {b.get("id"): b for b in en_blocks if b.get("id")}
    pairs, used = {}, set()
    for index, block in enumerate(fr_blocks):
        english = en_by_id.get(block.get("id")) if block.get("id") else None
        if english is not None:
            pairs[index] = english
            used.add(id(english))
    for index, block in enumerate(fr_blocks):
        if index in pairs or index >= len(en_blocks):
            continue
        english = en_blocks[index]
        if id(english) not in used and english.get("type") == block.get("type"):
            if english.get("id") and any(english.get("id") == b.get("id") for b in fr_blocks):
                continue  # the English of another French block, moved
            pairs[index] = english
            used.add(id(english))
    return pairs


def shown_order(item):
    """Children in the order visitors see them: by sort order, then by creation. (Children made
    in code have no sort order until an editor saves the page; PostgreSQL returns them in any
    order.)"""
    sort_order, pk = item.get("sort_order"), item.get("pk")
    return (sort_order is None, sort_order or 0, pk is None, pk or 0)


def inline_relations(model, content):
    """[(relation name, child model, [children's serialised data in shown order])]."""
    relations = []
    for key, value in content.items():
        if not (isinstance(value, list) and value and isinstance(value[0], dict)):
            continue
        try:
            child_model = model._meta.get_field(key).related_model
        except FieldDoesNotExist:
            continue
        if child_model is None or not translated_fields(child_model):
            continue
        relations.append((key, child_model, sorted(value, key=shown_order)))
    return relations


def entry_id(item, position):
    """An inline entry's id in unit keys: its database id, or "new<position>" for an entry added
    in a draft and not saved yet."""
    return str(item["pk"]) if item.get("pk") else f"new{position}"


def _entry_units(model, content):
    for relation, child_model, items in inline_relations(model, content):
        names = translated_fields(child_model)
        kind = capfirst(child_model._meta.verbose_name)
        for position, item in enumerate(items, start=1):
            for name in names:
                field = child_model._meta.get_field(name)
                fr, en = (field_text(field, item.get(f"{name}_{lang}")) for lang in LANGUAGES)
                yield Unit(
                    key=f"{relation}.{entry_id(item, position)}.{name}",
                    group=FieldGroup.CONTENT,
                    label=f"{kind} {position} – {capfirst(field.verbose_name)}",
                    fr=fr,
                    en=en,
                    field=relation,
                    position=position,
                )


def page_units(model, content):
    """Every unit of a page's serialised content (a revision's or a row's), in the order of the
    editor's form: the page's fields (a StreamField block by block), then the inline entries."""
    units = []
    for name in translated_fields(model):
        field = model._meta.get_field(name)
        if isinstance(field, StreamField):
            units.extend(_stream_units(model, name, content))
            continue
        fr, en = (field_text(field, content.get(f"{name}_{lang}")) for lang in LANGUAGES)
        units.append(Unit(name, group_of(name), _field_label(model, name), fr, en, name))
    units.extend(_entry_units(model, content))
    return units


# Reading marks (editorial.reading) that show structure, not words: a link's target, an image
# or embed, a block's type, a struct block's child name, a chosen object's id.
_MARKS = re.compile(
    r"\]\([^)]*\)|\[image [^\]]*\]|\[[a-z]+ https?://[^\]]*\]"
    r"|^\[[a-z_]+\]$|^\s*(?:- )?[a-z_]+: |#\d+",
    re.MULTILINE,
)
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def words(text):
    """Words of a unit's text as an agency counts them (``l’entrée`` is one), without the
    reading marks that only show structure."""
    return len(_WORD.findall(_MARKS.sub(" ", text or "")))
