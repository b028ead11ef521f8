"""Serving a page without walking the page tree: its route is remembered until content changes.

Wagtail finds the page of an address by walking the tree from the site's root: the site of
the host, the root in the reader's language, its specific page, then one query per level
(catalogue, course, module), and after that the view restrictions of the page and its
ancestors: nine queries, most of a module page's time. Where an address leads is the same
for every reader until content changes, so the first request remembers it in the shared
cache for the content's generation (capisce.content_cache): the site, the page as routing
found it (with its parents, so that `get_parent()` stays free) and the restrictions on its
way, under the page's own path. A later request for the page finds it with one read of the
cache and no query, one for an address below it with a read more per part below the page;
the page routes the rest of the address itself (a routable page's sub-routes, e.g. a quiz's
result, or a child page not remembered yet), and Wagtail's own serve view does the rest
(capisce.views.serve): its hooks (view restrictions, checked against each request as
always) and the page's `serve`.

Routing must not depend on who asks (Wagtail's does not, nor do the site's pages): who may
see a page is decided after routing, by the restrictions and the page's own checks. Only
pages are remembered, once each, never an address that leads nowhere or a sub-route, so no
address can fill the cache.

Nothing here knows one of the site's models; pages opt in to the remembered restrictions with
`RememberedViewRestrictions`.
"""

import hashlib

from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page, Site

from capisce.content_cache import generation, keep, kept


class RememberedViewRestrictions:
    """Pages whose view restrictions, read with the route, are not read again when served.

    Only the serve view sets them, on the page it serves; anywhere else (the admin's privacy
    dialog, copying a page) the restrictions are Wagtail's queryset as always.
    """

    remembered_view_restrictions = None

    def get_view_restrictions(self):
        if self.remembered_view_restrictions is not None:
            return self.remembered_view_restrictions
        return super().get_view_restrictions()


def route_key(request, page_path: tuple) -> str:
    """Where a page's route is kept: the host and port decide the site, the language the
    root's translation, the path's parts the page. Hashed, so that any path makes a key."""
    address = "|".join([request._get_raw_host(), str(request.get_port()), get_language()])
    address += "|" + "/".join(page_path)
    return "route:" + hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


def remember(request, components: tuple, route, current: str) -> None:
    """Keep the page `route` leads to (a RouteResult), with its site and view restrictions,
    under the page's own path: the leading parts of `components` that lead to it."""
    if route is None:
        return
    site = Site.find_for_request(request)
    page = route[0]
    restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
    depth = page.depth - site.root_page.depth
    keep(route_key(request, components[:depth]), (site, page, restrictions), current)


def use_remembered_route(request, path: str) -> None:
    """Give Wagtail the route of this address (`Page.route_for_request` reads it from the
    request), from the nearest page on its path that is remembered; or walk the tree, as
    Wagtail does, and remember the page found."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    current = generation()
    components = tuple(component for component in path.split("/") if component)
    # The page itself first (most addresses are a page's), then the nearest ancestor kept:
    # one read of the cache for a page, one more for each part of a sub-route.
    for depth in range(len(components), -1, -1):
        key = route_key(request, components[:depth])
        found = kept([key], current)
        if found:
            break
    else:
        # Wagtail walks the tree and keeps what it found on the request.
        remember(request, components, Page.route_for_request(request, path), current)
        return
    site, page, restrictions = found[key]
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site
    if isinstance(page, RememberedViewRestrictions):
        page.remembered_view_restrictions = restrictions
    try:
        # `route` checks the page is live and routes what is left of the path, as it does
        # when Wagtail walks the tree: a sub-route of the page, or a page below it.
        route = page.route(request, list(components[depth:]))
    except Http404:
        route = None
    request._wagtail_route_for_request = route
    if route is not None and route[0] is not page:
        remember(request, components, route, current)
