from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views

from capisce.routing import use_remembered_route


@never_cache
@require_GET
def healthz(request):
    """200 when the application can reach its database, 503 when it cannot."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def serve(request, path):
    """Wagtail's serve view (hooks, view restrictions, the page's serve), given the route
    remembered for the address instead of walking the page tree (capisce.routing)."""
    use_remembered_route(request, path)
    return wagtail_views.serve(request, path)
