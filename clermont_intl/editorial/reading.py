"""What a reader sees of a field's value, written one way whatever the storage spelt.

The translation status compares languages by this text, not by the stored value: the rich-text
editor re-serialises the seed's HTML (attribute order, ``<strong>`` for ``<b>``, block keys), a
browser sends text areas with CRLF line ends, the admin saves list blocks in a newer JSON format
with ids. None of that is a change a reader could see; a word, a link target, an image or the
order of blocks is.

The result is also what the translators read in the "what changed" view, so it stays legible:
headings as ``## …``, list items as ``- …``, links as ``[text](target)``, images as
``[image 12]``.
"""

import json
import re
from html.parser import HTMLParser

from django.db import models

from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

# HTML collapses these; a no-break space (U+00A0, French typography) is kept as a character.
HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
BLOCK_TAGS = {"p", "div", "blockquote", "pre", "ul", "ol", "table", "tr", "figure"}
HEADING = re.compile(r"^h([1-6])$")
INLINE_MARKS = {"b": "**", "strong": "**", "i": "_", "em": "_"}
LINK_TARGETS = {"page": "page", "document": "document"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.links = []
        self.langs = []

    def _break(self, prefix=""):
        self.out.append("\n" + prefix)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        heading = HEADING.match(tag)
        if heading:
            self._break("#" * int(heading.group(1)) + " ")
        elif tag == "li":
            self._break("- ")
        elif tag in BLOCK_TAGS:
            self._break()
        elif tag == "br":
            self.out.append("\n")
        elif tag in INLINE_MARKS:
            self.out.append(INLINE_MARKS[tag])
        elif tag == "a":
            self.links.append(_link_target(attrs))
            self.out.append("[")
        elif tag == "embed":
            self.out.append(_embed(attrs))
        elif tag == "img":
            self.out.append(f"[image {attrs.get('src', '')} {attrs.get('alt', '')}]")
        elif tag == "span" and attrs.get("lang"):
            self.langs.append(True)
            self.out.append(f"{{{attrs['lang']}: ")
        elif tag == "span":
            self.langs.append(False)

    def handle_endtag(self, tag):
        if HEADING.match(tag) or tag in BLOCK_TAGS or tag == "li":
            self._break()
        elif tag in INLINE_MARKS:
            self.out.append(INLINE_MARKS[tag])
        elif tag == "a":
            target = self.links.pop() if self.links else ""
            self.out.append(f"]({target})")
        elif tag == "span" and self.langs and self.langs.pop():
            self.out.append("}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.out.append(HTML_SPACE.sub(" ", data))

    def text(self):
        lines = (line.strip(" ") for line in "".join(self.out).split("\n"))
        return "\n".join(line for line in lines if line and line not in ("-", "#"))


def _link_target(attrs):
    kind = attrs.get("linktype")
    if kind in LINK_TARGETS and attrs.get("id"):
        return f"{LINK_TARGETS[kind]} {attrs['id']}"
    return (attrs.get("href") or "").strip()


def _embed(attrs):
    if attrs.get("embedtype") == "image":
        return f"[image {attrs.get('id', '')} {attrs.get('format', '')} {attrs.get('alt', '')}]"
    return f"[{attrs.get('embedtype', 'embed')} {attrs.get('url', '')}]"


def html_text(html):
    """Rich text as a reader sees it: text, emphasis, links, images, paragraphs, in order."""
    if not html:
        return ""
    reader = _Reader()
    reader.feed(str(html))
    reader.close()
    return reader.text()


def plain_text(value):
    """A text field: line ends and trailing spaces are how it was typed, not what it says."""
    if value is None:
        return ""
    lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def raw_stream(value):
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except ValueError:
            return []
    if hasattr(value, "raw_data"):  # a StreamValue
        value = list(value.raw_data)
    return value if isinstance(value, list) else []


def block_text(block, raw):
    """The raw JSON value of a block, read through its definition (no query: choosers give
    the chosen object's id)."""
    if isinstance(block, blocks.StreamBlock):
        parts = []
        for child in raw_stream(raw):
            if not isinstance(child, dict) or child.get("type") not in block.child_blocks:
                continue
            text = block_text(block.child_blocks[child["type"]], child.get("value"))
            parts.append(f"[{child['type']}]\n{text}" if text else f"[{child['type']}]")
        return "\n".join(parts)
    if isinstance(block, blocks.ListBlock):
        items = raw if isinstance(raw, list) else []
        texts = []
        for item in items:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            texts.append("- " + block_text(block.child_block, item).replace("\n", "\n  "))
        return "\n".join(texts)
    if isinstance(block, blocks.StructBlock):
        raw = raw if isinstance(raw, dict) else {}
        parts = []
        for name, child in block.child_blocks.items():
            text = block_text(child, raw.get(name))
            if text:
                parts.append(f"{name}: {text}")
        return "\n".join(parts)
    if isinstance(block, blocks.RichTextBlock):
        return html_text(raw)
    if isinstance(block, blocks.ChooserBlock):
        return f"#{raw}" if raw not in (None, "") else ""
    if raw is None:
        return ""
    if isinstance(block, blocks.TextBlock):
        return plain_text(raw)
    return HTML_SPACE.sub(" ", str(raw)).strip()


def field_text(field, value):
    """What a reader sees of ``value``, stored (or serialised in a revision) for ``field``."""
    if isinstance(field, StreamField):
        return block_text(field.stream_block, value)
    if isinstance(field, RichTextField):
        return html_text(value)
    if isinstance(field, (models.TextField, models.CharField)):
        return plain_text(value)
    return "" if value is None else str(value)
