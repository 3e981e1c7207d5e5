"""Template helpers for a bilingual page: language links and fallback-language marking."""

from itertools import chain

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html

from wagtail.models import Page, Site

from modeltranslation.utils import build_localized_fieldname

from clermont_intl.editorial.english import block_still_french, still_french
from clermont_intl.images import Alternative, alternative, description_candidates
from clermont_intl.models import all_pages
from clermont_intl.public_urls import absolute

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in each language: a list of dicts with code, name, url and current.

    For a Wagtail page the URL is built from the page's own slug in that language, so that
    /fr/relations-internationales/ leads to /en/international-relations/.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    page_urls = _page_urls(request, page) if isinstance(page, Page) else {}
    # What the visitor chose on this page (filters, sort, page number, a sub-page of a routable
    # page) is kept by the switcher: the values are codes, the same in both languages.
    sub_path = _sub_path(request, page_urls.get(current)) if isinstance(page, Page) else ""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    versions = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = page_urls[code]
        else:
            # Resolves the path in the current language, then reverses it in the other one.
            url = translate_url(request.path, code)
        chosen = f"{url}{sub_path}{query}" if url else url
        with translation.override(code):
            versions.append(
                {
                    "code": code,
                    "name": str(name),
                    "native_name": translation.get_language_info(code)["name_local"],
                    "url": chosen,
                    # A page's canonical address is without the visitor's filters but with
                    # its route (an archive); other views (search) are what the query makes them.
                    "absolute_url": absolute(
                        (url and url + sub_path) if isinstance(page, Page) else chosen, request
                    ),
                    "current": code == current,
                }
            )
    return versions


def _page_urls(request, page):
    """{language: the page's URL in it}: no query (the sites' root paths are Wagtail's, kept
    on the request for the page's language and on the page for the others).

    wagtail-modeltranslation keeps the sites' root paths of one language at a time on the
    request: asking with the request in another language would make every later link of the
    page fetch its own language's again (a cache read, a query while Redis is down).
    ``relative_url(site)`` is ``get_url(request)`` for the request's site, without the request.
    """
    current = translation.get_language()
    site = Site.find_for_request(request)
    urls = {}
    for code, _name in settings.LANGUAGES:
        if code == current:
            urls[code] = page.get_url(request)
            continue
        with translation.override(code):
            urls[code] = page.relative_url(site)
    return urls


def _sub_path(request, own):
    """The part of the address past the page's own (own: its URL; a route of a routable
    page)."""
    own = own or ""
    path = request.path
    if own and path.startswith(own) and len(path) > len(own):
        return path[len(own) :]
    return ""


@register.filter
def page_links(page_obj):
    """The page numbers a pagination shows (the first, the last, two on each side of the current
    one), None for each gap: Paginator.get_elided_page_range, without walking every page."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    ]


@register.filter
def is_ancestor_of(item, page):
    """Whether a menu item is an ancestor of the page, from their tree paths (no query)."""
    return isinstance(page, Page) and page.path.startswith(item.path) and item.depth < page.depth


@register.simple_tag
def main_menu(site):
    """The site's two-level menu: [(section, [subsections])], in one query whatever its size
    (base.html keeps it in a cached fragment)."""
    if site is None:
        return []
    home = site.root_page
    pages = (
        all_pages()
        .descendant_of(home)
        .filter(depth__lte=home.depth + 2)
        .live()
        .public()
        .in_menu()
        .order_by("path")
    )
    sections = {}
    for item in pages:
        if item.depth == home.depth + 1:
            sections[item.path] = (item, [])
        elif item.path[: -Page.steplen] in sections:
            sections[item.path[: -Page.steplen]][1].append(item)
    return list(sections.values())


@register.simple_tag
def menu_key(page, site):
    """What the menu shows of the current page, for its cached fragment's key: the menu marks
    the item that is the page (aria-current="page") and the items above it ("true"). The page's
    path down to the menu's deepest level, and whether the page lies deeper."""
    if not isinstance(page, Page) or site is None:
        return ""
    deepest = site.root_page.depth + 2
    return f"{page.path[: deepest * Page.steplen]}:{page.depth > deepest}"


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page):
    """The page's ancestors from the site's home page, shallowest first: those the router
    found with the page (clermont_intl.routing: no query), else from the database."""
    site = context.get("current_site")
    if site is None:
        return []
    trail = getattr(context.get("request"), "page_trail", None)
    parent_path = page.path[: -Page.steplen]
    if not trail or trail[-1].path != parent_path:
        trail = page.get_ancestors()
    return [ancestor for ancestor in trail if ancestor.depth >= site.root_page.depth]


@register.simple_tag(takes_context=True)
def fallback_lang(context, instance, field_name):
    """` lang="fr"` when the field is shown in French because its translation is empty, or
    because its English is the French copied as a translator's starting point and not translated
    yet (clermont_intl.editorial: Copy from French).

    Screen readers then read the passage with French pronunciation (RGAA criterion 8.7).
    """
    current = translation.get_language()
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if current == default:
        return ""
    own = getattr(instance, build_localized_fieldname(field_name, current), None)
    french = getattr(instance, build_localized_fieldname(field_name, default), None)
    if _is_empty(own) and not _is_empty(french):
        return format_html(' lang="{}"', default)
    if not hasattr(own, "raw_data") and still_french(
        context.get("request"), instance, field_name, own, french
    ):
        return format_html(' lang="{}"', default)
    return ""


@register.simple_tag(takes_context=True)
def shown_language(context, instance, field_name):
    """The language of the text a field shows: the page's, or the default language when the
    translation is empty and the default language's text stands in (as fallback_lang marks)."""
    if fallback_lang(context, instance, field_name):
        return settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return translation.get_language()


@register.simple_tag(takes_context=True)
def block_lang(context, page, field_name, block):
    """` lang="fr"` for a StreamField block of the English copied from the French block and
    not translated yet."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if translation.get_language() == default:
        return ""
    if block_still_french(context.get("request"), page, field_name, block):
        return format_html(' lang="{}"', default)
    return ""


@register.simple_tag(takes_context=True)
def block_image_alt(context, value):
    """The alternative text of an image block (clermont_intl.blocks.ImageBlock): the one typed
    in the block, else the image's description in the page's language, else in another one.
    ``.lang`` is set when it is not in the language of the passage around it
    (``passage_language``, set by includes/stream_body.html), for RGAA criterion 8.7."""
    passage = context.get("passage_language") or translation.get_language()
    typed = [(value.get("alt_text") or "", passage)]
    return alternative(chain(typed, description_candidates(value.get("image"))), passage)


@register.simple_tag(takes_context=True)
def field_alt(context, instance, field_name):
    """The alternative text typed in a field (a news item's image, an exhibition's photo), as
    block_image_alt gives a block's: ``.lang`` is set when the French stands in for the page's
    language, as fallback_lang marks it."""
    text = getattr(instance, field_name, None) or ""
    language = shown_language(context, instance, field_name)
    return Alternative(str(text), language, translation.get_language())


def _is_empty(value):
    if value is None:
        return True
    if hasattr(value, "raw_data"):  # StreamValue
        return len(value) == 0
    return str(value).strip() == ""


@register.simple_tag(takes_context=True)
def editor_userbar(context, position="bottom-right"):
    """Wagtail's userbar (edit this page, the accessibility checker) for signed-in editors.

    Only a visitor with a session can be signed in: for anyone else ``request.user`` is not even
    read, since reading it marks the answer as varying on the cookie and the caching proxy would
    then keep no page at all (clermont_intl.caching.proxy). An answer with the userbar is always
    for a visitor with a session, so it is marked ``private, no-store`` and never kept. The
    admin's previews get it too: the editor's checks panel reads its figures from it.
    """
    from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

    request = context.get("request")
    if request is None:
        return ""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and not getattr(
        request, "is_preview", False
    ):
        return ""
    return wagtailuserbar(context, position)
