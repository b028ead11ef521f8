"""The glossary: one concept per entry, its preferred term and definition in each language.

A `GlossaryTerm` is one language's side of a concept, the way Wagtail translates a snippet:
the rows of the same concept share a `translation_key`, each in its own `locale`. The
English row is the source; the French and Dutch rows are its translations (created with
`copy_for_translation`, or by wagtail-localize's editor once it is registered). The terms to
avoid are child rows that are translatable themselves, so that a translation carries its own
wording of them and a translation tool keeps them matched to the source's, one by one.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index

from modules.glossary.languages import site_languages


class GlossaryTermQuerySet(models.QuerySet):
    def for_course(self, course):
        """The terms of `course` (in any of its languages) and those shared by every course.

        A term points at the course it was written for; its translations point at the same
        page, and a translated course shares that page's translation key.
        """
        return self.filter(
            Q(course__isnull=True) | Q(course__translation_key=course.translation_key)
        )

    def in_language(self, language_code):
        return self.filter(locale__language_code=language_code)


class GlossaryTerm(TranslatableMixin, index.Indexed, ClusterableModel):
    """One concept of the glossary in one language: what interpreters should say, what it means,
    and what to avoid saying."""

    term = models.CharField(
        _("preferred term"),
        max_length=200,
        help_text=_("The term to use, as it is written in running text (e.g. “guardian”)."),
    )
    variants = models.TextField(
        _("other accepted forms"),
        blank=True,
        help_text=_(
            "One per line: an abbreviation, a synonym, a plural. They are found in the text "
            "and linked like the preferred term."
        ),
    )
    definition = models.TextField(
        _("definition"), help_text=_("What the term means, in a sentence or two.")
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Usage, context, a difference from a neighbouring term."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the term or definition comes from (a law, a guideline, a body)."),
    )
    course = models.ForeignKey(
        "modules.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="glossary_terms",
        help_text=_("The course whose glossary lists this term. Left blank: every course."),
    )

    objects = GlossaryTermQuerySet.as_manager()

    panels = [
        FieldPanel("term"),
        FieldPanel("variants"),
        FieldPanel("definition"),
        FieldPanel("notes"),
        InlinePanel(
            "avoided_terms",
            heading=_("Terms to avoid"),
            label=_("Term to avoid"),
            help_text=_("Words people use for this that interpreters should not, and why."),
        ),
        MultiFieldPanel([FieldPanel("source"), FieldPanel("course")], heading=_("Where from")),
    ]
    search_fields = [
        index.SearchField("term"),
        index.AutocompleteField("term"),
        index.SearchField("variants"),
        index.SearchField("definition"),
        index.RelatedFields("avoided_terms", [index.SearchField("term")]),
        index.FilterField("locale_id"),
        index.FilterField("course_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(
                Lower("term"), "locale", name="glossary_term_unique_per_language"
            ),
        ]

    def __str__(self):
        return self.term

    @property
    def variant_list(self):
        return [line.strip() for line in self.variants.splitlines() if line.strip()]

    def clean(self):
        """A term is in a language the site has, and no other concept has it in that language."""
        super().clean()
        locale = self.locale if self.locale_id else Locale.get_default()
        languages = site_languages()
        if locale.language_code not in languages:
            raise ValidationError(
                _(
                    "This term is in “%(code)s”, a language the site does not have "
                    "(it has: %(languages)s)."
                )
                % {"code": locale.language_code, "languages": ", ".join(languages)}
            )
        if not self.term:
            return
        same = (
            GlossaryTerm.objects.filter(locale=locale, term__iexact=self.term.strip())
            .exclude(pk=self.pk)
            .first()
        )
        if same is None and not self.term.isascii():
            # SQLite's iexact folds ASCII letters only: compare the others here.
            folded = self.term.strip().casefold()
            same = next(
                (
                    other
                    for other in GlossaryTerm.objects.filter(locale=locale).exclude(pk=self.pk)
                    if other.term.strip().casefold() == folded
                ),
                None,
            )
        if same is not None:
            raise ValidationError(
                {
                    "term": _(
                        "“%(term)s” is already in the glossary in this language: edit that "
                        "entry rather than add it twice."
                    )
                    % {"term": same.term}
                }
            )


class AvoidedTerm(TranslatableMixin, Orderable):
    """A word for the concept that interpreters should not use, and why (e.g. “child
    prostitute”: it blames the child)."""

    glossary_term = ParentalKey(
        GlossaryTerm, on_delete=models.CASCADE, related_name="avoided_terms"
    )
    term = models.CharField(_("term to avoid"), max_length=200)
    reason = models.CharField(
        _("why"), max_length=300, help_text=_("e.g. It blames the child for their exploitation.")
    )

    panels = [FieldPanel("term"), FieldPanel("reason")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("term to avoid")
        verbose_name_plural = _("terms to avoid")

    def __str__(self):
        return self.term
