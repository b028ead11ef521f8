"""A course's glossary: its page and downloads (routes of the course page), and the links.

`GlossaryPageMixin` gives a RoutablePageMixin page (the course) its glossary routes:
``glossary/`` (searchable, filtered by language, without script), and its downloads
``glossary/csv/`` and ``glossary/tbx/`` (Wagtail's page paths take no file extension).
`glossary_linker` reads the terms of one language once, for a module page to link their
first mentions.
"""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.contrib.routable_page.models import path

from modules.glossary import entries, exchange
from modules.glossary.forms import GlossarySearchForm
from modules.glossary.languages import site_languages
from modules.glossary.links import LinkedTerm, TermLinker
from modules.models.glossary import GlossaryTerm


class GlossaryPageMixin:
    """The glossary routes of a course page (use with RoutablePageMixin)."""

    def glossary_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("glossary")

    def glossary_concepts(self):
        """Every concept of the course's glossary, with all its languages (two queries)."""
        languages = list(site_languages())
        rows = (
            GlossaryTerm.objects.for_course(self)
            .filter(locale__language_code__in=languages)
            .select_related("locale")
            .prefetch_related("avoided_terms")
        )
        return entries.concepts_from_rows(rows, languages, self.locale.language_code)

    def glossary_linker(self, locale_id, request=None):
        """Links to the glossary for one page in the locale `locale_id`: its terms are read
        here, in one query, and nowhere else while the page renders."""
        rows = (
            GlossaryTerm.objects.for_course(self)
            .filter(locale_id=locale_id)
            .select_related("locale")
            .only("term", "variants", "definition", "translation_key", "locale__language_code")
        )
        terms = [
            LinkedTerm(
                key=str(row.translation_key),
                language=row.locale.language_code,
                term=row.term,
                definition=row.definition,
                forms=(row.term, *row.variant_list),
            )
            for row in rows
        ]
        return TermLinker(terms, self.glossary_url(request))

    @path("glossary/", name="glossary")
    def glossary(self, request):
        languages = site_languages()
        form = GlossarySearchForm(request.GET or None, languages=languages.items())
        query, chosen = "", None
        if form.is_valid():
            query = form.cleaned_data["q"]
            chosen = form.cleaned_data["lang"] or None
        concepts = self.glossary_concepts()
        found = entries.search(concepts, query, chosen)
        reading = self.locale.language_code
        shown = [
            {
                "concept": c,
                "heading": c.heading_side(reading),
                "sides": [(languages[code], side) for code, side in c.sides.items()],
            }
            for c in found
        ]
        return TemplateResponse(
            request,
            "modules/glossary_page.html",
            {
                "page": self,
                "self": self,
                "form": form,
                "query": query,
                "entries": shown,
                "total": len(concepts),
                "filtered": bool(query or chosen),
            },
        )

    def _glossary_filename(self, extension):
        return f"{slugify(self.title)}-glossary.{extension}"

    @path("glossary/csv/", name="glossary_csv")
    def glossary_csv(self, request):
        languages = list(site_languages())
        text = exchange.write_csv(self.glossary_concepts(), languages)
        response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self._glossary_filename("csv")}"'
        return response

    @path("glossary/tbx/", name="glossary_tbx")
    def glossary_tbx(self, request):
        title = gettext("%(course)s: glossary") % {"course": self.title}
        data = exchange.write_tbx(
            self.glossary_concepts(),
            title=title,
            source_language=self.locale.language_code,
            subject=self.title,
        )
        response = HttpResponse(data, content_type="application/x-tbx+xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self._glossary_filename("tbx")}"'
        return response
