"""StreamField blocks shared by every page of the section."""

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from clermont_intl.editorial.constants import LANGUAGE_FEATURES
from clermont_intl.images import descriptions
from clermont_intl.images.models import ALT_TEXT_MAX_LENGTH

LANGUAGE_CHOICES = [
    ("", _("Same as the page")),
    ("fr", _("French")),
    ("en", _("English")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("it", _("Italian")),
]


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page's outline coherent for screen readers."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Une ville ouverte sur le monde", "level": "h2"}
        description = _("A heading that opens a section of the page")


class ImageBlock(blocks.StructBlock):
    """An image with the text alternative that screen-reader users hear: the one typed here, or
    else the image's description from the library (clermont_intl.images), in the page's
    language. Choosing an image fills the empty field with that description, still editable
    (static/js/admin/image-alt-text.js)."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=ALT_TEXT_MAX_LENGTH,
        help_text=_(
            "Describe what the image shows. Left empty, the image's description from the "
            "library is used; leave both empty only if the image is decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative image"),
        required=False,
        help_text=_(
            "Tick only if the image adds nothing to the text "
            "(it will be hidden from screen readers)."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("An image with its text alternative and an optional caption")

    def bulk_to_python(self, values):
        """The images' descriptions with the images, in one query per StreamField."""
        structs = super().bulk_to_python(values)
        # Only the images whose block leaves the alternative text to the description.
        images = [
            struct["image"]
            for struct in structs
            if struct.get("image") is not None
            and not struct.get("alt_text")
            and not struct.get("decorative")
        ]
        if images:
            prefetch_related_objects(images, "translated_descriptions")
        return structs

    def clean(self, value):
        value = super().clean(value)
        if (
            not value.get("alt_text")
            and not value.get("decorative")
            and not (value.get("image") and descriptions(value["image"]))
        ):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _(
                            "Give an alternative text (or a description of the image in the "
                            "library), or mark the image as decorative."
                        )
                    )
                }
            )
        return value


class QuoteBlock(blocks.StructBlock):
    """A quotation, possibly in another language than the page (marked with its own lang)."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)
    language = blocks.ChoiceBlock(
        label=_("Language of the quote"),
        choices=LANGUAGE_CHOICES,
        required=False,
        help_text=_("Set it when the quote is not in the language of the page."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {"quote": "Ville ouverte sur le monde.", "attribution": "", "language": ""}
        description = _("A quotation with its author")


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to a page of the site or to another website."""

    label = blocks.CharBlock(label=_("Link text"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page of the site"), required=False)
    url = blocks.URLBlock(label=_("Or external address"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "label": "Demander un soutien à un projet",
            "page": None,
            "url": "https://clermont-ferrand.fr/",
        }
        description = _("A button-like link to a page or another website")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose either a page of the site or an address."))
                }
            )
        return value


class KeyFactBlock(blocks.StructBlock):
    """A highlighted figure, such as the number of cities in the network."""

    figure = blocks.CharBlock(label=_("Figure"), max_length=40)
    label = blocks.CharBlock(label=_("What it counts"), max_length=200)

    class Meta:
        icon = "pick"
        label = _("Highlighted fact")
        template = "blocks/key_fact_block.html"
        preview_value = {"figure": "40+", "label": "villes partenaires"}
        description = _("A figure in large type with a short explanation")


class KeyFigureBlock(KeyFactBlock):
    """A key figure of the home page, which may lead to the page that tells more."""

    page = blocks.PageChooserBlock(label=_("Page that tells more"), required=False)

    class Meta:
        icon = "pick"
        label = _("Key figure")
        template = "blocks/key_figure_block.html"
        preview_value = {"figure": "7", "label": "villes jumelles depuis 1966", "page": None}
        description = _("A figure in large type, what it counts, and a page that tells more")


class KeyFactsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFactBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Highlighted facts")
        template = "blocks/key_facts_block.html"
        preview_value = [
            {"figure": "40+", "label": "villes partenaires"},
            {"figure": "1966", "label": "premier jumelage"},
        ]
        description = _("Two to four figures in large type, side by side")


class BodyBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul", *LANGUAGE_FEATURES],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_facts = KeyFactsBlock()

    class Meta:
        block_counts = {}
