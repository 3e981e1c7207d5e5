from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from . import routing, views
from .security import privacy
from .security.password_reset import RateLimitedPasswordResetView

# 503 and the "temporarily unavailable" page when the database is the cause of the error.
handler500 = "clermont_intl.db.unavailable.server_error"

# The site map's address in each language, fixed here rather than left to the translators: RGAA
# and the city's communication name these addresses (/fr/plan-du-site/, /en/site-map/).
SITE_MAP_PATH = lazy(lambda: {"fr": "plan-du-site/"}.get(get_language(), "site-map/"), str)()

urlpatterns = [
    # Before Wagtail's admin URLs, so that this view answers the admin's own reset address.
    path(
        "admin/password_reset/",
        RateLimitedPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    # The privacy dialogs of pages and collections, whose shared passwords must resist guessing
    # (clermont_intl.security.privacy), at the admin's own addresses and behind its login.
    path(
        "admin/pages/<int:page_id>/privacy/",
        require_admin_access(privacy.PagePrivacyView.as_view()),
        name="clermont_page_privacy",
    ),
    path(
        "admin/collections/<int:collection_id>/privacy/",
        require_admin_access(privacy.set_collection_privacy),
        name="clermont_collection_privacy",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # A private document's password: a few tries per address (before Wagtail's own URL).
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        privacy.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz/", views.healthz, name="healthz"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap_xml"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's front-end URLs (a page's password, the login of private pages), with pages served
# by this project's view: Wagtail's, finding the page in one query (clermont_intl.routing), and
# a page's password tried a few times per address (clermont_intl.security.privacy).
REPLACED = {"wagtail_serve", "wagtailcore_authenticate_with_password"}
page_patterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        privacy.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name not in REPLACED),
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

# Every public page lives under /fr/ or /en/; "/" is redirected by LocaleMiddleware according to
# the browser's language, French by default.
urlpatterns += i18n_patterns(
    path(_("search/"), views.search, name="search"),
    path(SITE_MAP_PATH, views.site_map, name="site_map"),
    path("", include(page_patterns)),
    prefix_default_language=True,
)
