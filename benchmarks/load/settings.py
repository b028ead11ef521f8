"""The settings `make bench-load` serves with: the base settings, as production runs them.

Everything that differs from production is here, and only what a load test on one machine
needs: no TLS (the servers listen on 127.0.0.1 with no proxy), a fixed key, mail written to
files in LOAD_MAIL_DIR (by the task worker, which delivers it) so that learners can follow
their confirmation links, a fast password hasher (100 sign-ins at once measure the site, not
PBKDF2's deliberate cost of about a third of a second of CPU each), and a cache key prefix
per run. DATABASE_URL, REDIS_URL, TASKS_BACKEND, MEDIA_ROOT, PRIVATE_ROOT and SITE_URL come
from the environment, as in production (capisce/settings/base.py).
"""

import os

from capisce.settings.base import *  # noqa: F403
from capisce.settings.base import CACHES, LOGGING

DEBUG = False
SECRET_KEY = "bench-load-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("LOAD_MAIL_DIR", "")
CACHES["default"]["KEY_PREFIX"] = os.environ.get("LOAD_CACHE_PREFIX", "bench-load")
# No collectstatic: the load asks for pages, not for static files.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
LOGGING["root"]["level"] = "WARNING"
