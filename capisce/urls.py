import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from capisce import views
from capisce.media import serve_media

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", include("modules.progress.urls")),
    path("", include("modules.certificates.urls")),
    path("", include("modules.urls")),
    path("", include("modules.practice.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("capisce.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve_media,
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
