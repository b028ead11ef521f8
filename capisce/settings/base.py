"""Settings shared by every environment, read from the environment.

Nothing here is a secret or a development convenience: `dev.py` and `test.py`
add those, and `production.py` refuses to start without what it needs.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def env_count(name: str, default: int = 0) -> int:
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number of 0 or more, not {value!r}.")
    return int(value)


def site_url(value: str) -> str:
    """The site's public address, scheme and host (and port), without a trailing slash."""
    url = value.strip().rstrip("/")
    parts = urlsplit(url)
    try:
        port_ok = parts.port != 0
    except ValueError:  # a port that is not a number, or out of range
        port_ok = False
    address_only = not (parts.path or parts.query or parts.fragment)
    if not (port_ok and address_only and parts.scheme in {"http", "https"} and parts.hostname):
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's address, such as https://academy.example.org, "
            f"not {value!r}."
        )
    return url


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The one public address of the site: QR codes and links in PDFs and mails, the admin's
# links. `make run` sets it from HOST and PORT; production requires it.
SITE_URL = site_url(os.environ.get("SITE_URL") or "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "capisce.accounts",
    "modules",
    "modules.progress",
    "modules.certificates",
    "modules.practice",
    "quizzes",
    "wagtailmedia",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "capisce.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "capisce.urls"

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
                "csp.context_processors.nonce",
                # The privacy notice's address, for the footer (cached, looked up lazily).
                "modules.context_processors.privacy",
            ],
        },
    },
]

WSGI_APPLICATION = "capisce.wsgi.application"

# Database: SQLite by default (WAL, and IMMEDIATE transactions so that several
# processes writing at once wait for the lock instead of failing with
# "database is locked"); DATABASE_URL selects PostgreSQL.
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            # Kept open between requests of a thread: each new connection would run the
            # PRAGMAs below again. PostgreSQL keeps its own for 60 s (above).
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache counts things (allauth's rate limits), so it must be shared by
# every process: the database by default, Redis when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "capisce_cache",
        }
    }
# Sessions are read from the cache (Redis in production) and written through to the
# database, so a signed-in request costs no session query and a restart loses no session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, the permissions kept in the shared cache.
    "capisce.accounts.backends.CachedPermissionsBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: sign-in by email, a full name at sign-up, rate limits on
# and counted in the shared cache above. Our adapter sends its mail from a task with
# retries (capisce/mail.py) and reads the client address behind trusted proxies.
ACCOUNT_ADAPTER = "capisce.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_FORM_CLASS = "capisce.accounts.forms.SignupForm"
# Nobody learns from us whether an address has an account: the reset form answers the
# same for any address, and a sign-up with an address in use mails its owner and shows
# the same "check your mail" page as any other. allauth can hide it at sign-up only when
# every new account confirms its address first ("mandatory"); with "optional" a new
# account is signed in at once, so a sign-up with a taken address is told so.
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # in the browser that signed up
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",  # per client and per address, known or not
}
# The public certificate check: generous for people, slow for guessing.
CERTIFICATE_VERIFY_RATE = {
    "verify_certificate": os.environ.get("CERTIFICATE_VERIFY_RATE", "30/m/ip")
}
# Whose address a limit counts (allauth's reading, used by our limits too). By default the
# connection's: X-Forwarded-For is never believed. Behind proxies that you run, say how
# many append to X-Forwarded-For, or name the header your proxy sets to the client's
# address; a request whose header is missing, malformed or too short counts under the
# connection's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_count("ALLAUTH_TRUSTED_PROXY_COUNT")
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = (
    os.environ.get("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", "").strip() or None
)

LANGUAGE_CODE = "en"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
# Let Django serve uploads (with range requests) where nothing else does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
# Files for some eyes only (certificate PDFs, interview media and captions): outside
# MEDIA_ROOT, with no URL; capisce.media.serve_private_file serves them after a view's check,
# itself (PRIVATE_FILES_SERVE=django), through the proxy (accel: X-Accel-Redirect to
# PRIVATE_FILES_ACCEL_REDIRECT + name) or by redirecting to the storage's short-lived signed
# URL (redirect, for object storage whose url() signs).
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / "var" / "private"))
PRIVATE_FILES_SERVE = os.environ.get("PRIVATE_FILES_SERVE", "django")
PRIVATE_FILES_ACCEL_REDIRECT = os.environ.get("PRIVATE_FILES_ACCEL_REDIRECT", "/_private/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "capisce.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Content-Security-Policy (django-csp). Pages show text typed by learners and trainers,
# so the public site runs no script and applies no style but our own files, or an inline
# one that carries the request's nonce (nonce="{{ CSP_NONCE }}"); style="..." attributes
# and on...= handlers never run. Nothing loads from another origin but, when media and
# images are served from object storage, the origins listed in MEDIA_ORIGINS.
MEDIA_ORIGINS = env_list("MEDIA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin runs inline scripts and styles of its own (panels, widgets, the
# editor) and frames its page preview: these directives replace the public ones under
# /admin/ and in previews (capisce/content_security.py). Learners' pages never get them.
CONTENT_SECURITY_POLICY_ADMIN = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
    "media-src": [SELF, "blob:", *MEDIA_ORIGINS],
    "font-src": [SELF, "data:"],
    "frame-ancestors": [SELF],
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CAPISCE Academy <academy@localhost>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# Wagtail
WAGTAIL_SITE_NAME = "CAPISCE Academy"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# No avatars fetched from a third party: nothing about our users leaves the site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_USER_CUSTOM_FIELDS = ["full_name", "preferred_language"]
# One page tree per language (English at /, French at /fr/, Dutch at /nl/), translated in
# the admin with wagtail-localize and synchronised from the English source.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Interview audio and video: wagtailmedia's model, its files in the private storage.
WAGTAILMEDIA = {"MEDIA_MODEL": "modules.ExcerptMedia"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "vtt", "xlsx"]

# Quizzes: the snippet a question's "listen again" points at.
QUIZZES_EXCERPT_MODEL = "modules.InterviewExcerpt"
# The attempts list in the admin, with the course filter that only the courses app knows.
QUIZZES_ATTEMPT_FILTERSET = "modules.filters.CourseAttemptFilterSet"
# The trainers' queue of renditions, with the course and cohort filters of the courses app.
PRACTICE_RENDITION_FILTERSET = "modules.filters.CourseRenditionFilterSet"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Every page save runs two small tasks; their bookkeeping is noise.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Background work (certificate PDFs, mail): run at once by default; in production set
# TASKS_BACKEND=django_tasks_db.DatabaseBackend and run `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Certificate signatures (pyHanko): PEM files; unsigned when unset.
CERTIFICATE_SIGNING_KEY = os.environ.get("CERTIFICATE_SIGNING_KEY", "")
CERTIFICATE_SIGNING_CERT = os.environ.get("CERTIFICATE_SIGNING_CERT", "")
CERTIFICATE_SIGNING_PASSPHRASE = os.environ.get("CERTIFICATE_SIGNING_PASSPHRASE", "")

# Interpreting practice: the largest recording a learner may upload (bytes).
PRACTICE_MAX_UPLOAD_BYTES = env_count("PRACTICE_MAX_UPLOAD_BYTES", 25 * 1024 * 1024)

# Retention: how many days personal data is kept before `manage.py erase_expired`, run daily,
# erases it (docs/operators.md). The privacy notice prints these numbers, so what it says is
# what the site does.
# Renditions (recording, self-assessment, remarks), counted from their review; the older
# PRACTICE_RENDITION_RETENTION_DAYS variable is still read. A draft never submitted counts
# from when it was recorded.
RETENTION_RENDITION_DAYS = env_count(
    "RETENTION_RENDITION_DAYS", env_count("PRACTICE_RENDITION_RETENTION_DAYS", 365)
)
# The free text of quiz attempts (answers, reflections), counted from the attempt; scores stay.
RETENTION_ATTEMPT_TEXT_DAYS = env_count("RETENTION_ATTEMPT_TEXT_DAYS", 730)
# Accounts nobody has signed in to, counted from the last sign-in; their holder is mailed
# INACTIVE_ACCOUNT_WARNING_DAYS before; certificates stay verifiable. 0 never erases.
RETENTION_INACTIVE_ACCOUNT_DAYS = env_count("RETENTION_INACTIVE_ACCOUNT_DAYS", 1095)
INACTIVE_ACCOUNT_WARNING_DAYS = env_count("INACTIVE_ACCOUNT_WARNING_DAYS", 30)
# The log of who opened a sensitive excerpt, counted from the opening.
RETENTION_EXCERPT_OPENING_DAYS = env_count("RETENTION_EXCERPT_OPENING_DAYS", 365)
# How long a learner's "Download my data" zip can be downloaded before it is deleted.
DATA_EXPORT_EXPIRY_DAYS = env_count("DATA_EXPORT_EXPIRY_DAYS", 7)
