"""A large section built on top of the seed: many partners, projects and events, with images.

Used by the benchmark (`manage.py build_large_site`, run by `make bench`) and by the query-count
tests, which check that a page costs the same number of queries at ten times the content. The
pages are clearly fictitious ("Grand ville 0001"). Each domain app adds its own kind of page
through the hook "register_demo_content" (a function returning DemoSection objects), run in
their order: projects link to the partner cities made before them.

Pages are created live and then go through what publishing does for them (search index and
image renditions), without a revision each: building 1,000 pages stays under a minute.
"""

import io
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.functional import cached_property

from wagtail import hooks
from wagtail.images import get_image_model

from PIL import Image as PILImage

from ..renditions import prepare_renditions
from ..search import index_page

HOOK = "register_demo_content"


@dataclass(frozen=True)
class DemoSection:
    """Fictitious pages of one kind: build(demo, count) adds them and returns them."""

    name: str  # the keyword of build_large_site and the option of the command: "partners"
    order: int
    default_count: int
    build: Callable


def demo_sections():
    sections = [section for register in hooks.get_hooks(HOOK) for section in register()]
    return sorted(sections, key=lambda section: section.order)


def make_image(title, seed):
    """A small generated picture (a plain colour), stored like an editor's upload."""
    colour = random.Random(seed).choices(range(256), k=3)
    buffer = io.BytesIO()
    PILImage.new("RGB", (960, 640), tuple(colour)).save(buffer, format="JPEG", quality=80)
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"bench-{seed}.jpg")
    )


class Demo:
    """What the sections share while they build: the prefix, the pages made so far, helpers."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.made = {}

    @property
    def title_prefix(self):
        return self.prefix.capitalize()

    @cached_property
    def themes(self):
        from ..models import Theme

        return list(Theme.objects.all())

    def title(self, words, number):
        """A fictitious page's French title: "Grand ville 0001"."""
        return f"{self.title_prefix} {words} {number}"

    def page(self, model, number, *, title, slug, intro=None, body=None, **fields):
        """An unsaved page of ``model``, number ``number`` (a string, "0001") of its kind:
        title (French, English words), the same address in both languages, and the
        introduction and body (French, English) when given."""
        title_fr, title_en = title
        address = f"{self.prefix}-{slug}-{number}"
        if intro:
            fields.update(intro_fr=intro[0], intro_en=intro[1])
        if body:
            fields.update(body_fr=self.body(body[0]), body_en=self.body(body[1]))
        return model(
            title=self.title(title_fr, number),
            title_fr=self.title(title_fr, number),
            title_en=self.title(title_en, number),
            slug=address,
            slug_fr=address,
            slug_en=address,
            **fields,
        )

    def published(self, parent, page):
        """Add a live page and do what publishing would: index it, prepare its renditions."""
        page.live = True
        parent.add_child(instance=page)
        index_page(page)
        prepare_renditions(page)
        return page

    image = staticmethod(make_image)

    @staticmethod
    def body(text):
        return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@transaction.atomic
def build_large_site(prefix="grand", **counts):
    """Add pages of each registered kind under the seeded indexes (counts by kind, else each
    kind's default); returns the numbers added."""
    demo = Demo(prefix)
    for section in demo_sections():
        count = counts.get(section.name, section.default_count)
        demo.made[section.name] = section.build(demo, count)
    return {name: len(pages) for name, pages in demo.made.items()}
