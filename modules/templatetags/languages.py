"""The page in the site's other languages, for the switcher and the hreflang links."""

from django import template

from capisce.translation import alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context):
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    return alternates(request, page if getattr(page, "pk", None) else None)
