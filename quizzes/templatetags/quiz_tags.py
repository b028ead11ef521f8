import re

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

register = template.Library()


@register.filter
def inline_richtext(html):
    """A question prompt inside a legend: rich text with its paragraphs as line breaks."""
    expanded = expand_db_html(html or "")
    expanded = re.sub(r"</p>\s*<p[^>]*>", "<br>", expanded)
    return mark_safe(re.sub(r"</?p[^>]*>", "", expanded))  # noqa: S308 - trusted editor HTML
