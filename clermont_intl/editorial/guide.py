"""The editors' guide (docs/guide-editeurs.md) inside the admin, under the Help menu.

Staff cannot read the repository: the admin serves the guide, as HTML, and its screenshots
(docs/img/). The guide is Markdown written by the project; this module reads the part of
Markdown it uses (headings, paragraphs, lists, nested or numbered, tables, fenced code, code
spans, bold, italics, links and images) and writes HTML with every character of the text
escaped first, so that nothing in the file becomes markup the converter did not write. A link
to a page outside the guide (another file of docs/, which staff cannot open) keeps its text only.
"""

import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

GUIDE_FILE = "guide-editeurs.md"
IMAGES_FOLDER = "img"
# The language the guide is written in (it exists in French only).
GUIDE_LANGUAGE = "fr"
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def docs_dir():
    return Path(settings.BASE_DIR) / "docs"


# --- Inline text ---------------------------------------------------------------------------

_CODE_SPAN = re.compile(r"`([^`]+)`")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_PLACEHOLDER = "\x00{}\x00"


def _image_url(src, image_url):
    name = src.removeprefix(f"{IMAGES_FOLDER}/")
    if name != src and "/" not in name:
        return image_url(name)
    return None


def _link_url(href):
    if href.startswith(("https://", "http://", "mailto:")):
        return href
    if href.startswith("#"):
        return href
    if href.split("#")[0] == GUIDE_FILE:
        return "#" + href.split("#", 1)[1] if "#" in href else "#"
    return None  # another file of the repository: not served


def render_inline(text, image_url):
    """One line of text as HTML: escaped, then the Markdown marks turned into tags."""
    kept = []

    def keep(html):
        kept.append(html)
        return _PLACEHOLDER.format(len(kept) - 1)

    text = _CODE_SPAN.sub(lambda m: keep(f"<code>{escape(m.group(1))}</code>"), text)

    def image(match):
        url = _image_url(match.group(2), image_url)
        if url is None:
            return keep(escape(match.group(1)))
        return keep(f'<img src="{escape(url)}" alt="{escape(match.group(1))}">')

    text = _IMAGE.sub(image, text)

    def link(match):
        label = _emphasis(escape(match.group(1)))
        url = _link_url(match.group(2))
        if url is None:
            return keep(label)
        outside = url.startswith(("https://", "http://"))
        extra = ' rel="noreferrer"' if outside else ""
        return keep(f'<a href="{escape(url)}"{extra}>{label}</a>')

    text = _LINK.sub(link, text)
    html = _emphasis(escape(text))
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], html)


def _emphasis(html):
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return _ITALIC.sub(r"<em>\1</em>", html)


# --- Blocks ----------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def _cells(line):
    line = line.strip()
    line = line.removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)]


class _Renderer:
    def __init__(self, image_url):
        self.image_url = image_url
        self.ids = set()

    def inline(self, text):
        return render_inline(text, self.image_url)

    def heading_id(self, text):
        base = slugify(re.sub(r"[`*]", "", text)) or "section"
        candidate, number = base, 1
        while candidate in self.ids:
            number += 1
            candidate = f"{base}-{number}"
        self.ids.add(candidate)
        return candidate

    def blocks(self, lines, tight=False):
        out, i = [], 0
        while i < len(lines):
            line = lines[i]
            stripped = line.strip()
            if not stripped:
                i += 1
            elif stripped.startswith("```"):
                i = self.code(lines, i, out)
            elif heading := _HEADING.match(stripped):
                level, text = len(heading.group(1)), heading.group(2)
                out.append(f'<h{level} id="{self.heading_id(text)}">{self.inline(text)}</h{level}>')
                i += 1
            elif (
                stripped.startswith("|")
                and i + 1 < len(lines)
                and _TABLE_RULE.match(lines[i + 1].strip())
            ):
                i = self.table(lines, i, out)
            elif _LIST_ITEM.match(line):
                i = self.list(lines, i, out)
            else:
                i = self.paragraph(lines, i, out, tight)
        return out

    def code(self, lines, i, out):
        body, i = [], i + 1
        while i < len(lines) and not lines[i].strip().startswith("```"):
            body.append(lines[i])
            i += 1
        out.append(f"<pre><code>{escape(chr(10).join(body))}</code></pre>")
        return i + 1

    def table(self, lines, i, out):
        head = _cells(lines[i])
        rows, i = [], i + 2
        while i < len(lines) and lines[i].strip().startswith("|"):
            rows.append(_cells(lines[i]))
            i += 1
        html = ["<table><thead><tr>"]
        html += [f'<th scope="col">{self.inline(cell)}</th>' for cell in head]
        html.append("</tr></thead><tbody>")
        for row in rows:
            html.append("<tr>" + "".join(f"<td>{self.inline(c)}</td>" for c in row) + "</tr>")
        html.append("</tbody></table>")
        out.append("".join(html))
        return i

    def paragraph(self, lines, i, out, tight):
        text = []
        while i < len(lines) and lines[i].strip():
            line = lines[i]
            if text and (
                _LIST_ITEM.match(line)
                or _HEADING.match(line.strip())
                or line.strip().startswith(("```", "|"))
            ):
                break
            text.append(line.strip())
            i += 1
        html = self.inline(" ".join(text))
        out.append(html if tight else f"<p>{html}</p>")
        return i

    def list(self, lines, i, out):
        first = _LIST_ITEM.match(lines[i])
        base = len(first.group(1))
        ordered = first.group(2)[0].isdigit()
        items, loose = [], False
        while i < len(lines):
            line = lines[i]
            item = _LIST_ITEM.match(line)
            if item and len(item.group(1)) == base:
                items.append([" " * (base + 2) + item.group(3)])
                i += 1
                continue
            if not line.strip():
                following = lines[i + 1] if i + 1 < len(lines) else ""
                if following.strip() and _indent(following) > base:
                    loose = True
                    items[-1].append("")
                    i += 1
                    continue
                following_item = _LIST_ITEM.match(following)
                if following_item and len(following_item.group(1)) == base:
                    loose = True
                    i += 1
                    continue
                break
            if _indent(line) <= base and not item:
                # A line that carries on the item's text without indentation ("lazy").
                if _HEADING.match(line.strip()) or line.strip().startswith(("|", "```")):
                    break
            if _indent(line) < base:
                break
            items[-1].append(line)
            i += 1
        tag = "ol" if ordered else "ul"
        html = [f"<{tag}>"]
        for item_lines in items:
            content_indent = min(_indent(line) for line in item_lines if line.strip())
            dedented = [line[content_indent:] if line.strip() else "" for line in item_lines]
            html.append("<li>" + "\n".join(self.blocks(dedented, tight=not loose)) + "</li>")
        html.append(f"</{tag}>")
        out.append("".join(html))
        return i


def render_markdown(text, image_url):
    """The guide's Markdown as safe HTML; image_url(name) gives the address of docs/img/name."""
    return mark_safe("\n".join(_Renderer(image_url).blocks(text.splitlines())))


# --- Views -----------------------------------------------------------------------------------


def editors_guide(request):
    """The editors' guide, in the admin (every role that can open the admin can read it)."""
    from django.urls import reverse

    path = docs_dir() / GUIDE_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as missing:
        raise Http404(_("The editors' guide is not installed.")) from missing
    template = reverse("clermont_intl_editors_guide_image", args=["__name__"])
    html = render_markdown(text, lambda name: template.replace("__name__", name))
    return render(
        request,
        "editorial/editors_guide.html",
        {"guide": html, "guide_language": GUIDE_LANGUAGE},
    )


_IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.(png|jpe?g)$")


def editors_guide_image(request, name):
    """A screenshot of the guide, from docs/img/: a plain file name, of an image type only."""
    if not _IMAGE_NAME.match(name):
        raise Http404
    path = docs_dir() / IMAGES_FOLDER / name
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type=IMAGE_TYPES[path.suffix])
    response["Cache-Control"] = "private, max-age=3600"
    return response
