"""Tests: fast hashing, a local cache, plain static storage, mail in memory."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
SERVE_MEDIA = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Uploads made by tests go to a throwaway folder, never into the project.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="capisce-test-media-"))
