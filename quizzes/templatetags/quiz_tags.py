import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from quizzes import forms

register = template.Library()


@register.filter
def inline_richtext(html):
    """A question prompt inside a legend: rich text with its paragraphs as line breaks."""
    expanded = expand_db_html(html or "")
    expanded = re.sub(r"</p>\s*<p[^>]*>", "<br>", expanded)
    return mark_safe(re.sub(r"</?p[^>]*>", "", expanded))  # noqa: S308 - trusted editor HTML


@register.filter
def widget_context(field):
    """The context Django's widget template would get for a quiz field (see
    `quizzes.forms.widget_context`)."""
    return forms.widget_context(field)


@register.filter
def question_errors_id(question):
    return forms.question_errors_id(question["id"])


@register.filter
def html_attrs(attrs):
    """A widget's attributes, written as Django's ``django/forms/widgets/attrs.html`` writes
    them: in their order, True as a bare name, False left out, values escaped."""
    return mark_safe(  # noqa: S308 - every part is escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )
