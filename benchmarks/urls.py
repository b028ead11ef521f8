"""The site's URLs, plus the baselines of the page, quiz submission and review benchmarks.

`bench/wagtail/<page's path>` is Wagtail's own serve view (`wagtail.views.serve`), which
walks the page tree on every request: a bare Wagtail page as Wagtail serves it, where the
site's serve view (capisce.views.serve) uses the route it remembered.

`bench/csrf-only/` goes through the same middleware as any page, checks the CSRF
token and answers 200 "ok": what a POST costs before the site does any work.
`bench/submission-floor/` does only what no quiz submission can skip (benchmarks/quiz_submit.py).
`bench/admin-bare/` is a Wagtail admin page with nothing in it, for a signed-in user who
may use the admin: the frame (sidebar, header) every admin page pays for.
"""

from django.http import HttpResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from benchmarks.quiz_submit import submission_floor
from capisce.urls import urlpatterns as site_urlpatterns


@require_POST
@csrf_protect
def csrf_only(request):
    return HttpResponse("ok")


class BareAdminPage(WagtailAdminTemplateMixin, TemplateView):
    """The admin's frame around an empty page, titled as a review page is."""

    template_name = "wagtailadmin/generic/base.html"
    page_title = "Review: an empty page"
    header_icon = "comment"


# The site's patterns are added as they are, not include()d: Django refuses i18n_patterns
# (the /fr/ and /nl/ prefixes) in an included URLconf.
urlpatterns = [
    path("bench/csrf-only/", csrf_only, name="bench_csrf_only"),
    path("bench/submission-floor/", submission_floor, name="bench_submission_floor"),
    re_path(
        r"^bench/wagtail/" + wagtail_urls.serve_pattern.lstrip("^"),
        wagtail_views.serve,
        name="bench_wagtail_serve",
    ),
    path("bench/admin-bare/", require_admin_access(BareAdminPage.as_view()), name="bench_admin"),
    *site_urlpatterns,
]
