"""Settings shared by every environment.

Safe by default: DEBUG is off and the secret key comes from the environment.
``dev`` relaxes these for a local checkout, ``production`` tightens them, ``test`` speeds them up.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

from clermont_intl.caching.release import fingerprint

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin apps it patches.
    "wagtail_modeltranslation",
    # Ignores the translated columns modeltranslation adds to Wagtail's own Page model.
    "wagtail_modeltranslation.makemigrations",
    "modeltranslation",
    "clermont_intl",
    "partners",
    "projects",
    "cied",
    "clermont_intl.news",
    "clermont_intl.editorial",
    # E-mails sent by the scheduler after the answer, never during a request.
    "clermont_intl.outbox",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # Not "wagtail.contrib.frontend_cache" as an app: its signal handlers purge one page, before
    # the change is committed, while a title shows on every page's menu.
    # clermont_intl.caching.invalidation purges the site with its PurgeBatch after the commit.
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_countries",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Counts failed logins per user and address, and locks them out (see SECURITY below).
    "axes",
]

MIDDLEWARE = [
    # While the database is unreachable, a 503 and the "temporarily unavailable" page instead of
    # a 500 (with clermont_intl.urls' handler500 for what the middlewares below raise).
    "clermont_intl.db.unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the middlewares that set cookies or Vary: Cookie, so that it sees them: who may
    # keep each answer, the caching proxy or nobody (clermont_intl.caching.proxy).
    "clermont_intl.caching.proxy.SharedCacheControlMiddleware",
    # Content-Security-Policy per area (public site, admin, documents) and Permissions-Policy.
    "clermont_intl.security.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Picks /fr/ or /en/ from the URL, and redirects "/" by Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The site version of the cached fragments, read before the view reads any content.
    "clermont_intl.caching.fragments.SiteVersionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clermont_intl.urls"
WSGI_APPLICATION = "clermont_intl.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "clermont_intl.caching.fragments.fragment_context",
            ],
        },
    },
]

# Database: PostgreSQL through psycopg 3 when DATABASE_URL is set, a local SQLite file otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A database that does not answer costs a request this long, not the operating system's own
# timeout (minutes): the visitor gets the "temporarily unavailable" page (clermont_intl.db) and
# the worker is free again. psycopg counts whole seconds, at least 2.
DB_CONNECT_TIMEOUT_SECONDS = int(os.environ.get("DB_CONNECT_TIMEOUT_SECONDS", "2"))
# Same backend, but a restarting PostgreSQL (connections refused for a moment) gets one more
# attempt after this pause, once per request (clermont_intl/db/postgresql/base.py).
DB_CONNECT_RETRY_DELAY_SECONDS = float(os.environ.get("DB_CONNECT_RETRY_DELAY_SECONDS", "1"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "clermont_intl.db.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = DB_CONNECT_TIMEOUT_SECONDS
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out user+address, or an address locked out across accounts, before the
    # password is even checked.
    "clermont_intl.security.login.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Passwords after OWASP ASVS 5.0 V6: length and a common-password list, no composition rules.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Languages: French first (default, required), English complete (falls back to French).
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates in British form (clermont_intl/formats/en): 7 December 2026, not Dec. 7, 2026.
FORMAT_MODULE_PATH = ["clermont_intl.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
# Slugs are translated too: /fr/relations-internationales/, /en/international-relations/.
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
# The page editor's language toggles show the languages an editor last chose, after a reload
# too (a save with errors); the default language alone the first time.
WAGTAILMODELTRANSLATION_LOCALE_PICKER_RESTORE = True

# Text search configuration per language, used by clermont_intl.search on PostgreSQL.
SEARCH_CONFIGS = {"fr": "french", "en": "english"}

# How long the caching proxy keeps the pages that list upcoming events (cied.models): an event
# that ends leaves them within this time, though nobody publishes anything.
EVENTS_CACHE_SECONDS = int(os.environ.get("EVENTS_CACHE_SECONDS", "300"))

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Page editors with long StreamFields exceed Django's default of 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: where project-support requests are notified.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# How long the sending of one e-mail may wait for the mail server. Only `send_queued_mail` (the
# scheduler) waits on it: requests queue their e-mails in the database (clermont_intl.outbox).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVICE_EMAIL = os.environ.get("SERVICE_EMAIL", "relations-internationales@example.org")

# Wagtail
WAGTAIL_SITE_NAME = "Clermont-Ferrand — Relations internationales"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAIL_I18N_ENABLED = False  # translation is field-based, through modeltranslation
# Dates typed in the admin as the French write them, 15/01/2027 18:30, in the French and the
# English admin alike: one format for the widgets and their picker, in the DATE_INPUT_FORMATS,
# DATETIME_INPUT_FORMATS and TIME_INPUT_FORMATS of both languages (Django's fr, the project's
# en: clermont_intl/formats/en). The ISO form (2027-01-15 18:30) is still accepted.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# An approval publishes on the workflow's word: moderators hold no page permission of their own.
WAGTAIL_FINISH_WORKFLOW_ACTION = "clermont_intl.editorial.workflows.publish_approved"
# Page addresses in ASCII ("Café européen" -> cafe-europeen): the admin's automatic slug follows
# this; SectionPage.full_clean does the same on the server, in both languages.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No request may leave the city's site from an editor's browser: no gravatar (it would send
# a hash of the editor's e-mail address) and no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "odp", "txt", "xlsx"]
# The library's image form has the description in every language (clermont_intl.images).
# The admin's password reset stores the request; the scheduler sends the e-mail (the answer's
# timing tells nothing about which accounts exist).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "clermont_intl.outbox.forms.QueuedPasswordResetForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "clermont_intl.images.forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Refused by the admin's upload form with a clear message, whatever the front server allows.
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024))
WAGTAILDOCS_DOCUMENT_FORM_BASE = "clermont_intl.security.documents.DocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document is downloaded as an attachment, never rendered on the site's domain.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# A private document's password form: a page of its own, in the visitor's language, that posts
# under the document area's policy (clermont_intl.security.headers.DOCUMENT_FORM_POLICY).
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "clermont_intl/document_password_required.html"
WAGTAILEMBEDS_FINDERS = []  # embeds would call third-party oEmbed providers

COUNTRIES_FIRST = ["FR"]

# --- SECURITY (docs/security.md lists each protection and its test) ------------------------

# The application's cache: the few fragments that are the same for every visitor (menu, footer,
# map, card lists), keyed by the site version (clermont_intl.caching.fragments), and Wagtail's
# own entries. Redis in production (REDIS_URL), shared by every worker; when Redis is down or
# slow, django-redis answers "not in the cache" (IGNORE_EXCEPTIONS) and pages are rendered from
# the database. Without Redis, files under var/cache: still shared by the processes of one
# machine (the server and the scheduler of `make run`). Nothing that decides anything is kept
# there: login failures and rate limits live in the database (below).
# KEY_PREFIX: the release (clermont_intl.caching.release), so that a release never reads what
# the previous one rendered.
CACHE_RELEASE = os.environ.get("CACHE_RELEASE") or fingerprint(BASE_DIR)
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # django-redis's backend, that stops asking Redis for a few seconds once it has
            # not answered (clermont_intl.caching.redis).
            "BACKEND": "clermont_intl.caching.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": CACHE_RELEASE,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # An unreachable Redis costs this much per cache call, no more: a page makes a
                # few (the site version, the sites' root paths); a Redis that is up answers in
                # well under a millisecond.
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.1")),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.1")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "KEY_PREFIX": CACHE_RELEASE,
        }
    }
# Where the fragments of a page with a view restriction go: nowhere (clermont_intl.caching).
CACHES["nowhere"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
# While Redis does not answer, each process asks it again this often, not at every cache call;
# the outage is logged once each time (clermont_intl.caching.redis).
CACHE_OUTAGE_RETRY_SECONDS = float(os.environ.get("CACHE_OUTAGE_RETRY_SECONDS", "5"))
# How long the caching proxy keeps a public page (s-maxage) when nothing purges it before.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(24 * 3600)))
# How long a cached fragment lives at most: a new site version makes it unread before that.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "3600"))

# Addresses (or networks) of the reverse proxies whose X-Forwarded-For is believed.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Failures in the database: a cache flush, a restore or Redis eviction cannot lift a lockout, and
# logins keep working while Redis is down. Expired attempts are deleted by axes as it goes.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Axes would otherwise store a row for every successful login as well.
AXES_DISABLE_ACCESS_LOG = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# The pair, not the user alone: an attacker cannot lock an editor out from every address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "clermont_intl.security.login.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A page in the visitor's language rather than axes' plain-text answer.
AXES_LOCKOUT_CALLABLE = "clermont_intl.security.login.login_locked"
# One address failing across accounts (password spraying) is stopped too, with the same answer
# (clermont_intl.security.login, counted in the database by clermont_intl.security.rate_limits).
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "20"))
LOGIN_ADDRESS_WINDOW_SECONDS = int(os.environ.get("LOGIN_ADDRESS_WINDOW_SECONDS", "900"))
# Password reset requests: per client address, and per account (the answer never tells whether
# the account exists).
PASSWORD_RESET_ADDRESS_LIMIT = int(os.environ.get("PASSWORD_RESET_ADDRESS_LIMIT", "5"))
PASSWORD_RESET_ACCOUNT_LIMIT = int(os.environ.get("PASSWORD_RESET_ACCOUNT_LIMIT", "3"))
PASSWORD_RESET_WINDOW_SECONDS = int(os.environ.get("PASSWORD_RESET_WINDOW_SECONDS", "3600"))
# Shared passwords of private pages and document collections (clermont_intl.security.privacy):
# how long editors must make them, and how many one client address may try per restriction.
PRIVACY_PASSWORD_MIN_LENGTH = int(os.environ.get("PRIVACY_PASSWORD_MIN_LENGTH", "10"))
PRIVACY_PASSWORD_ATTEMPT_LIMIT = int(os.environ.get("PRIVACY_PASSWORD_ATTEMPT_LIMIT", "10"))
PRIVACY_PASSWORD_WINDOW_SECONDS = int(os.environ.get("PRIVACY_PASSWORD_WINDOW_SECONDS", "900"))
# Support-form notifications carry applicants' personal data: they may only go to addresses of
# these domains (subdomains included), checked when an editor saves the form page.
NOTIFICATION_EMAIL_DOMAINS = env_list("NOTIFICATION_EMAIL_DOMAINS", "clermont-ferrand.fr")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# The public forms: how often one address may send one. No minimum filling time: a person whose
# browser fills the form in sends it within a second (clermont_intl.forms).
FORM_RATE_LIMIT = int(os.environ.get("FORM_RATE_LIMIT", "5"))  # accepted requests per window
FORM_RATE_WINDOW_SECONDS = int(os.environ.get("FORM_RATE_WINDOW_SECONDS", "3600"))
# How many times `manage.py send_queued_mail` tries an e-mail the mail server refuses before it
# leaves it for a human (an unreachable server does not count).
FORM_NOTIFICATION_MAX_ATTEMPTS = int(os.environ.get("FORM_NOTIFICATION_MAX_ATTEMPTS", "20"))
# Form submissions (and their notifications) older than this are deleted by
# `manage.py purge_personal_data`, run daily by the scheduler; the privacy notice states it.
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "365"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail runs its background tasks inline; their start/stop lines are noise.
    # django-axes logs every login at INFO; failures and lockouts, at WARNING, are what matter.
    "loggers": {"django_tasks": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- Caching proxy (docs/deployment.md) -------------------------------------------------------
# Varnish in front of the site: publishing sends it PURGE requests for the changed pages.
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }
