"""Development: debug on, a throwaway key, mail printed to the console."""

from .base import *  # noqa: F403
from .base import os

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
SERVE_MEDIA = True
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405

# `make run` creates a self-signed development key; PDFs are signed with it.
_dev_signing = BASE_DIR / "var" / "dev-signing"  # noqa: F405
if not CERTIFICATE_SIGNING_KEY and (_dev_signing / "signing-key.pem").exists():  # noqa: F405
    CERTIFICATE_SIGNING_KEY = str(_dev_signing / "signing-key.pem")
    CERTIFICATE_SIGNING_CERT = str(_dev_signing / "signing-cert.pem")
