"""Production: everything comes from the environment; missing essentials stop the start."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list, os

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY (a long random string) for production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names) for production.")
if not os.environ.get("SITE_URL"):
    raise ImproperlyConfigured(
        "Set SITE_URL (the site's public address, e.g. https://academy.example.org) for "
        "production: certificates' QR codes and links in mails are built from it."
    )

# Private files (certificate PDFs, interview media) go out through the proxy by default:
# X-Accel-Redirect to its internal location (README, "Private files").
PRIVATE_FILES_SERVE = os.environ.get("PRIVATE_FILES_SERVE", "accel")
if PRIVATE_FILES_SERVE not in ("django", "accel", "redirect"):
    raise ImproperlyConfigured("Set PRIVATE_FILES_SERVE to django, accel or redirect.")

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself
