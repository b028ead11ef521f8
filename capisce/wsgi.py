"""WSGI entry point. Production must say which settings it runs with."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "capisce.settings.production")

application = get_wsgi_application()
