"""The site's URLs, plus the baselines of the quiz submission and review page benchmarks.

`bench/csrf-only/` goes through the same middleware as any page, checks the CSRF
token and answers 200 "ok": what a POST costs before the site does any work.
`bench/admin-bare/` is a Wagtail admin page with nothing in it, for a signed-in user who
may use the admin: the frame (sidebar, header) every admin page pays for.
"""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from capisce import urls as site_urls


@require_POST
@csrf_protect
def csrf_only(request):
    return HttpResponse("ok")


class BareAdminPage(WagtailAdminTemplateMixin, TemplateView):
    """The admin's frame around an empty page, titled as a review page is."""

    template_name = "wagtailadmin/generic/base.html"
    page_title = "Review: an empty page"
    header_icon = "comment"


urlpatterns = [
    path("bench/csrf-only/", csrf_only, name="bench_csrf_only"),
    path("bench/admin-bare/", require_admin_access(BareAdminPage.as_view()), name="bench_admin"),
    # The site's own patterns as they are: its i18n_patterns cannot be include()d.
    *site_urls.urlpatterns,
]
