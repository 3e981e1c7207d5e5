"""XLIFF 2.0 files for translation agencies: export the French, import the English.

One ``<file>`` per page (``id="page-12"``), one ``<unit>`` per piece of translatable text: a
page's field (``intro``), a text inside a StreamField block (``body.<block id>:heading``, the
block id being the one the admin keeps), an inline entry's field (``history_entries.7.text``).
Rich text is carried with its tags as XLIFF inline codes, which CAT tools keep: ``<pc>`` for an
element around text (paragraph, link, bold, a passage marked in another language), ``<ph>`` for
an element without text (a line break, an image); the import rebuilds each code from the French
element of the same id, so links, their targets and marked passages survive.

Uploads are parsed with defusedxml: a document type, an entity or an external reference is
refused (no XXE, no "billion laughs").
"""

import copy
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from .english import UnknownUnit, set_block, set_entry
from .reading import field_text, html_text, plain_text, raw_stream
from .units import entry_id, inline_relations, pair_blocks, translated_fields, words

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
VOID = {"br", "embed", "img", "hr"}
# XLIFF's type of an inline code, by tag (the rest are "fmt": formatting).
CODE_TYPES = {"a": "link", "embed": "image", "img": "image", "span": "other"}

ET.register_namespace("", NS)


def q(tag):
    return f"{{{NS}}}{tag}"


# Rich text as a tree, and back ---------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: list
    children: list = field(default_factory=list)

    def start(self):
        attrs = "".join(
            f' {name}="{escape(value, quote=True)}"' if value is not None else f" {name}"
            for name, value in self.attrs
        )
        return f"<{self.tag}{attrs}/>" if self.tag in VOID else f"<{self.tag}{attrs}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("", [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def html_tree(html):
    builder = _TreeBuilder()
    builder.feed(html or "")
    builder.close()
    return builder.root


def _elements(node):
    """The elements of a tree in document order: their position (from 1) is their code id."""
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from _elements(child)


def _append_text(parent, text):
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def fill_with_html(target, html):
    """Write rich text into an XLIFF <source> or <target>, its tags as inline codes."""
    tree = html_tree(html)
    ids = {id(node): str(n) for n, node in enumerate(_elements(tree), start=1)}

    def write(parent, node):
        for child in node.children:
            if isinstance(child, str):
                _append_text(parent, child)
                continue
            code_type = CODE_TYPES.get(child.tag, "fmt")
            if child.tag in VOID:
                attributes = {"id": ids[id(child)], "type": code_type, "disp": child.start()}
                ET.SubElement(parent, q("ph"), attributes)
            else:
                element = ET.SubElement(
                    parent,
                    q("pc"),
                    {
                        "id": ids[id(child)],
                        "type": code_type,
                        "dispStart": child.start(),
                        "dispEnd": f"</{child.tag}>",
                    },
                )
                write(element, child)

    write(target, tree)


def html_from(element, source_html, unit_id):
    """Rich text from an XLIFF <target>, each code rebuilt from the French element of its id."""
    codes = {str(n): node for n, node in enumerate(_elements(html_tree(source_html)), start=1)}
    parts = []

    def read(node):
        parts.append(escape(node.text or "", quote=False))
        for child in node:
            name = child.tag.split("}")[-1]
            code = codes.get(child.get("id", ""))
            if name not in ("pc", "ph") or code is None:
                raise ImportProblem(
                    unit_id,
                    _("unknown inline code “%(code)s”") % {"code": child.get("id") or name},
                )
            if name == "ph":
                parts.append(code.start())
            else:
                parts.append(code.start())
                read(child)
                parts.append(f"</{code.tag}>")
            parts.append(escape(child.tail or "", quote=False))

    read(element)
    return "".join(parts)


def segment_text(element):
    """What an XLIFF <source> or <target> says, its codes by id: what is compared to tell
    whether the French changed since the export."""
    parts = [element.text or ""]
    for child in element:
        name = child.tag.split("}")[-1]
        parts.append(f"<{name} {child.get('id')}>")
        parts.append(segment_text(child))
        if name == "pc":
            parts.append(f"</pc {child.get('id')}>")
        parts.append(child.tail or "")
    return "".join(parts)


# A page's units ------------------------------------------------------------------------------


@dataclass
class XUnit:
    """One unit of an XLIFF file: its id, whether it is rich text, the French and English
    values as stored (HTML for rich text), and a label for the translator."""

    id: str
    label: str
    rich: bool
    source: str
    target: str

    @property
    def words(self):
        return words(html_text(self.source) if self.rich else self.source)

    def source_element(self):
        element = ET.Element(q("source"))
        self._fill(element, self.source)
        return element

    def _fill(self, element, value):
        element.set(f"{{{XML_NS}}}space", "preserve")
        if self.rich:
            fill_with_html(element, value)
        else:
            element.text = value


def _leaves(block, raw, path=()):
    """(path, rich) of each translatable text inside a block's raw value."""
    if isinstance(block, blocks.StructBlock):
        raw = raw if isinstance(raw, dict) else {}
        for name, child in block.child_blocks.items():
            yield from _leaves(child, raw.get(name), (*path, name))
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            yield from _leaves(block.child_block, item, (*path, str(index)))
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(raw if isinstance(raw, list) else []):
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                inner = block.child_blocks[child["type"]]
                yield from _leaves(inner, child.get("value"), (*path, str(index), "value"))
    elif isinstance(block, blocks.RichTextBlock):
        yield path, True
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield path, False


def _get(raw, path):
    for step in path:
        if isinstance(raw, list):
            index = int(step)
            if index >= len(raw):
                return None
            raw = raw[index]
            if isinstance(raw, dict) and raw.get("type") == "item" and "value" in raw:
                raw = raw["value"]
        elif isinstance(raw, dict):
            raw = raw.get(step)
        else:
            return None
    return raw


def _put(block, path, value):
    """Set the text at ``path`` in a block's raw data (the whole value for a path of none)."""
    if not path:
        block["value"] = value
    else:
        _set(block["value"], path, value)


def _set(raw, path, value):
    *parents, last = path
    for step in parents:
        raw = raw[int(step)] if isinstance(raw, list) else raw[step]
        if isinstance(raw, dict) and raw.get("type") == "item" and "value" in raw:
            raw = raw["value"]
    if isinstance(raw, list):
        item = raw[int(last)]
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            item["value"] = value
        else:
            raw[int(last)] = value
    else:
        raw[last] = value


def _as_text(value):
    if value is None:
        return ""
    return value.source if hasattr(value, "source") else str(value)


def page_xunits(page):
    """The XLIFF units of a page's latest content, in the order of the editor's form."""
    content = page.serializable_data()
    model = type(page)
    units = []
    for name in translated_fields(model):
        model_field = model._meta.get_field(name)
        label = str(model_field.verbose_name).capitalize()
        if isinstance(model_field, StreamField):
            units.extend(_stream_xunits(model_field, name, label, content))
            continue
        if name in ("slug",):
            continue  # addresses are made from the title by the editors, not translated
        source = _as_text(content.get(f"{name}_fr"))
        if not source.strip():
            continue
        target = _as_text(content.get(f"{name}_en"))
        units.append(XUnit(name, label, isinstance(model_field, RichTextField), source, target))
    for relation, child_model, items in inline_relations(model, content):
        kind = str(child_model._meta.verbose_name).capitalize()
        for position, item in enumerate(items, start=1):
            for name in translated_fields(child_model):
                child_field = child_model._meta.get_field(name)
                source = _as_text(item.get(f"{name}_fr"))
                if not source.strip():
                    continue
                units.append(
                    XUnit(
                        f"{relation}.{entry_id(item, position)}.{name}",
                        f"{kind} {position} – {str(child_field.verbose_name).capitalize()}",
                        isinstance(child_field, RichTextField),
                        source,
                        _as_text(item.get(f"{name}_en")),
                    )
                )
    return units


def _stream_xunits(model_field, name, label, content):
    stream_block = model_field.stream_block
    known = stream_block.child_blocks
    fr_blocks = [b for b in raw_blocks(content.get(f"{name}_fr")) if b.get("type") in known]
    en_blocks = [b for b in raw_blocks(content.get(f"{name}_en")) if b.get("type") in known]
    pairs = pair_blocks(fr_blocks, en_blocks)
    units = []
    for index, block in enumerate(fr_blocks):
        child = stream_block.child_blocks[block["type"]]
        english = pairs.get(index)
        for path, rich in _leaves(child, block.get("value")):
            source = _as_text(_get(block.get("value"), path))
            if not source.strip():
                continue
            target = ""
            if english is not None and english.get("type") == block["type"]:
                target = _as_text(_get(english.get("value"), path))
            suffix = ":".join(path) or "value"
            units.append(
                XUnit(
                    f"{name}.{block.get('id')}:{suffix}",
                    f"{label} – {index + 1} ({child.label}) {' '.join(path)}".strip(),
                    rich,
                    source,
                    target,
                )
            )
    return units


def raw_blocks(value):
    return [b for b in raw_stream(value) if isinstance(b, dict)]


# Export --------------------------------------------------------------------------------------


def export(pages, only=None):
    """An XLIFF 2.0 document (bytes) with the units of each page (specific, latest content).

    ``only``: {page id: set of unit keys} to export only some units (what is to translate);
    a StreamField leaf belongs to the unit key of its block."""
    root = ET.Element(q("xliff"), {"version": "2.0", "srcLang": "fr", "trgLang": "en"})
    count = {"pages": 0, "units": 0, "words": 0}
    for page in pages:
        units = page_xunits(page)
        if only is not None:
            keys = only.get(page.pk, set())
            units = [u for u in units if u.id.split(":")[0] in keys]
        if not units:
            continue
        count["pages"] += 1
        file = ET.SubElement(root, q("file"), {"id": f"page-{page.pk}", "original": page.url_path})
        notes = ET.SubElement(file, q("notes"))
        ET.SubElement(notes, q("note"), {"category": "title"}).text = page.title
        for unit in units:
            element = ET.SubElement(file, q("unit"), {"id": unit.id, "name": unit.label})
            segment = ET.SubElement(element, q("segment"))
            segment.append(unit.source_element())
            if unit.target:
                target = ET.SubElement(segment, q("target"))
                unit._fill(target, unit.target)
            count["units"] += 1
            count["words"] += unit.words
    _indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data, count


def _indent(element, level=0):
    """Line breaks and indentation between the structural elements only: inside a <source> or
    <target>, white space is text (ElementTree's own indent() would add some)."""
    if element.tag in (q("source"), q("target"), q("note")):
        return
    children = list(element)
    if not children:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in children:
        _indent(child, level + 1)
        child.tail = inner
    children[-1].tail = "\n" + "  " * level


# Import --------------------------------------------------------------------------------------


class ImportProblem(Exception):
    def __init__(self, unit_id, message):
        super().__init__(f"{unit_id}: {message}" if unit_id else message)
        self.unit_id = unit_id
        self.message = message


@dataclass
class FieldChange:
    unit_id: str
    label: str
    english_before: str
    english_after: str


@dataclass
class PagePlan:
    page: object
    changes: list


def parse(data):
    """The XLIFF document's root element; a clear error for anything else."""
    try:
        root = safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        message = _("the file declares a document type or entities (refused)")
        raise ImportProblem("", message) from error
    except ET.ParseError as error:
        message = _("the file is not well-formed XML (%(error)s)") % {"error": error}
        raise ImportProblem("", message) from error
    if root.tag != q("xliff") or root.get("version") != "2.0":
        raise ImportProblem("", _("the file is not an XLIFF 2.0 document"))
    if root.get("srcLang") != "fr" or root.get("trgLang") != "en":
        raise ImportProblem("", _("the file does not translate French into English"))
    return root


def plan(data, pages_by_id, expected=None):
    """What importing ``data`` would change, per page and per field; every problem found, with
    the units concerned. ``pages_by_id``: a function giving a page's latest content (specific)
    from its id, or None. ``expected``: the only page ids the file may be for."""
    root = parse(data)
    plans, problems = [], []
    for file in root.findall(q("file")):
        file_id = file.get("id", "")
        page_id = file_id.removeprefix("page-")
        if not page_id.isdigit():
            problems.append(ImportProblem(file_id, _("not a page of this site")))
            continue
        if expected is not None and int(page_id) not in expected:
            problems.append(ImportProblem(file_id, _("this file is for another page")))
            continue
        page = pages_by_id(int(page_id))
        if page is None:
            problems.append(ImportProblem(file_id, _("no such page")))
            continue
        changes = _plan_page(page, file, problems)
        if changes:
            plans.append(PagePlan(page, changes))
    if not root.findall(q("file")):
        problems.append(ImportProblem("", _("the file has no page")))
    return plans, problems


def _plan_page(page, file, problems):
    units = {unit.id: unit for unit in page_xunits(page)}
    changes = []
    for element in file.iter(q("unit")):
        unit_id = element.get("id", "")
        unit = units.get(unit_id)
        if unit is None:
            problems.append(ImportProblem(unit_id, _("no such text on the page any more")))
            continue
        source = element.find(f"{q('segment')}/{q('source')}")
        target = element.find(f"{q('segment')}/{q('target')}")
        if source is None or segment_text(source) != segment_text(unit.source_element()):
            problems.append(ImportProblem(unit_id, _("the French changed since the export")))
            continue
        if target is None:
            continue
        try:
            value = html_from(target, unit.source, unit_id) if unit.rich else segment_text(target)
        except ImportProblem as problem:
            problems.append(problem)
            continue
        if not unit.rich and len(target):
            problems.append(ImportProblem(unit_id, _("inline codes in a plain text")))
            continue
        if _reads(unit, value) != _reads(unit, unit.target):
            changes.append(FieldChange(unit_id, unit.label, unit.target, value))
    return changes


def _reads(unit, value):
    return html_text(value) if unit.rich else plain_text(value)


def apply(page, changes):
    """Write the planned English values into the page object (not saved)."""
    by_block = {}
    for change in changes:
        key, _sep, path = change.unit_id.partition(":")
        parts = key.split(".")
        if len(parts) == 3:
            relation, entry_key, name = parts
            set_entry(page, relation, entry_key, name, change.english_after)
        elif len(parts) == 2:
            by_block.setdefault((parts[0], parts[1]), []).append((path, change.english_after))
        else:
            setattr(page, f"{parts[0]}_en", change.english_after)
    for (name, block_id), values in by_block.items():

        def build(french, english, values=values, name=name):
            """The French block's structure; texts from the English block where it has the
            same structure, else still French; then the imported ones."""
            new = copy.deepcopy(french)
            for path, _rich in _leaves(_child_block(page, name, french), french.get("value")):
                kept = _get(english.get("value"), path) if english else None
                if english and english.get("type") == french.get("type") and kept is not None:
                    _put(new, path, kept)
            for path, value in values:
                _put(new, tuple(path.split(":")) if path != "value" else (), value)
            return new

        try:
            set_block(page, name, block_id, build)
        except UnknownUnit as error:
            raise ImportProblem(f"{name}.{block_id}", _("no such block")) from error


def _child_block(page, name, block):
    return page._meta.get_field(name).stream_block.child_blocks[block["type"]]


def field_value(page, name):
    return field_text(page._meta.get_field(name), getattr(page, name))
