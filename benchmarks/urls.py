"""The site's URLs, plus the baseline of the quiz submission benchmark.

`bench/csrf-only/` goes through the same middleware as any page, checks the CSRF
token and answers 200 "ok": what a POST costs before the site does any work.
"""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST


@require_POST
@csrf_protect
def csrf_only(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/csrf-only/", csrf_only, name="bench_csrf_only"),
    path("", include("capisce.urls")),
]
