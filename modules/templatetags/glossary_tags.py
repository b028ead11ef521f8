"""`glossary_links`: where a module shows rich text or a transcript, the first mention of each
glossary term links to its definition (modules.glossary.links does the work)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def glossary_links(value, linker):
    """HTML (or text, escaped first) with its first mentions of the page's glossary terms
    linked; unchanged where the page has no glossary (a block preview, say)."""
    html = str(conditional_escape(value))
    if not linker:
        return mark_safe(html)  # noqa: S308 - escaped above, or already safe HTML
    return mark_safe(linker.link(html))  # noqa: S308 - built by a parser that escapes text
