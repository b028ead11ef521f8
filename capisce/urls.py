import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from capisce import views
from capisce.media import serve_media

# Outside the languages: what has no words of its own (media, health) and the admin, which
# speaks each user's admin language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", include("modules.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve_media,
        )
    ]

# Wagtail's front-end URLs, its pages served with their remembered route (capisce.routing).
wagtail_front_urls = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
]

# What learners read, in their language: English at /, French at /fr/, Dutch at /nl/. The
# address decides the language, so a link, a bookmark or a mail opens the page as it was sent.
urlpatterns += i18n_patterns(
    path("", include("modules.progress.urls")),
    path("", include("modules.certificates.urls")),
    path("", include("modules.practice.urls")),
    path("accounts/", include("capisce.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include(wagtail_front_urls)),
    prefix_default_language=False,
)
