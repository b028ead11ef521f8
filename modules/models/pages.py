from collections import Counter

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from capisce.content_cache import CACHE_SECONDS, generation, remembered
from capisce.routing import RememberedViewRestrictions
from capisce.translation import localized, source_of
from modules import services as excerpt_services
from modules.blocks import (
    PARAGRAPH_FEATURES,
    ModuleStreamBlock,
    excerpt_blocks,
    excerpt_ids,
    exercise_ids,
    exercise_values,
    quiz_ids,
    quiz_values,
)
from modules.body_parts import body_parts
from modules.glossary.pages import GlossaryPageMixin
from modules.models.excerpts import InterviewExcerpt, excerpt_editor
from modules.models.openings import ExcerptOpening
from modules.practice.models import InterpretingExercise
from modules.practice.panels import exercise_panels
from modules.progress import services
from modules.progress.models import Enrolment
from modules.progress.rules import LOCKED, NOT_STARTED
from quizzes.pages import QuizPageMixin
from quizzes.rules import before_reset


def course_modules(course):
    """(the course's source, its live modules, the same modules as the reader's language has
    them): what learners do is recorded on the source; pages show the translation, or the
    source where a module is not translated yet.

    The same for every reader, so kept in the shared cache until content changes
    (capisce.content_cache): three queries on the first read, none after.
    """

    def read():
        source = source_of(course)
        modules = list(source.get_modules())
        shown = localized(modules)
        return source, modules, [shown.get(module.translation_key, module) for module in modules]

    return remembered(f"course-modules:{course.pk}:{get_language()}", read)


# What a caller passes when it has not read the learner's enrolment (None: not enrolled).
UNREAD = object()


class SpecificChildRouting:
    """Routing to a child page of one known type in one query, not two (the page, then its
    specific row): `routed_child_model` names it; any other child is routed as Wagtail does."""

    routed_child_model = None

    def route(self, request, path_components):
        if path_components:
            model = apps.get_model(self.routed_child_model)
            child = model.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                # As Wagtail's Page.route does: the parent is known, get_parent() is free.
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class CourseIndexPage(RememberedViewRestrictions, SpecificChildRouting, Page):
    """The site's root: the catalogue of live courses."""

    introduction = RichTextField(_("introduction"), blank=True, features=PARAGRAPH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["modules.CoursePage", "modules.PrivacyPage"]
    routed_child_model = "modules.CoursePage"
    # One catalogue per language: the site's root and its translations.
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = list(CoursePage.objects.child_of(self).live().public().order_by("path"))
        counts = Counter(
            path[: self.depth * Page.steplen + Page.steplen]
            for path in ModulePage.objects.descendant_of(self)
            .live()
            .public()
            .values_list("path", flat=True)
        )
        for course in courses:
            course.module_count = counts.get(course.path, 0)
        context["courses"] = courses
        return context


class CoursePage(
    RememberedViewRestrictions, GlossaryPageMixin, RoutablePageMixin, SpecificChildRouting, Page
):
    """A course: its modules are its children, in the order trainers give them in the tree."""

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for the catalogue.")
    )
    introduction = RichTextField(_("introduction"), features=PARAGRAPH_FEATURES)
    hours = models.DecimalField(
        _("estimated hours"),
        max_digits=5,
        decimal_places=1,
        help_text=_("Printed on certificates."),
    )
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    modules_in_order = models.BooleanField(
        _("modules must be taken in order"),
        default=True,
        help_text=_("A module opens once the one before it is complete."),
    )
    learners_may_restart = models.BooleanField(
        _("learners may restart the course"),
        default=False,
        help_text=_(
            "A learner can start the course again from its page: their modules go back to "
            "“not started” and their quiz attempts are given back. A certificate already "
            "earned stays valid."
        ),
    )
    trainer_contact = models.CharField(
        _("whom learners ask"),
        max_length=200,
        blank=True,
        help_text=_(
            "A name, an email address: shown to a learner who has used all their attempts "
            "at a quiz. Left blank, they are told to ask their trainer."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("introduction"),
        InlinePanel("outcomes", heading=_("Learning outcomes"), label=_("Outcome")),
        MultiFieldPanel(
            [FieldPanel("hours"), FieldPanel("audience"), FieldPanel("modules_in_order")],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [FieldPanel("learners_may_restart"), FieldPanel("trainer_contact")],
            heading=_("When a learner is stuck"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["modules.CourseIndexPage"]
    subpage_types = ["modules.ModulePage"]
    routed_child_model = "modules.ModulePage"

    class Meta:
        verbose_name = _("course")

    @property
    def hours_label(self):
        hours = self.hours.normalize() if self.hours % 1 else int(self.hours)
        return ngettext("%(hours)s hour", "%(hours)s hours", hours) % {
            "hours": number_format(hours)
        }

    def get_modules(self):
        return ModulePage.objects.child_of(self).live().public().order_by("path")

    @path("")
    def course(self, request):
        return self.render(request)

    @path("enrol/", name="enrol")
    def enrol(self, request):
        if request.method != "POST":
            return redirect(self.url)
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        services.course_enrol(learner=request.user, course=source_of(self))
        messages.success(request, gettext("You are enrolled. Welcome to the course."))
        return redirect(self.url)

    def restart_url(self):
        """Where a learner starts the course again; empty when the course does not allow it."""
        return self.url + self.reverse_subpage("restart") if self.learners_may_restart else ""

    @path("restart/", name="restart")
    def restart(self, request):
        """A learner starts the course again (confirm, then POST): the same reset a trainer does."""
        if not self.learners_may_restart:
            raise Http404("This course cannot be restarted by its learners")
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        source = source_of(self)
        enrolment = Enrolment.objects.for_learner(request.user).filter(course=source).first()
        if enrolment is None:
            raise Http404("Not enrolled in this course")
        if request.method == "POST":
            services.progress_reset(learner=request.user, course=source)
            messages.success(
                request,
                gettext(
                    "You have started the course again: every module is open to you anew and "
                    "your quiz attempts are given back."
                ),
            )
            return redirect(self.url)
        certificate = (
            source.certificates.current()
            .filter(learner=request.user, revoked_at__isnull=True)
            .first()
        )
        return TemplateResponse(
            request,
            "progress/course_restart_confirm.html",
            {"page": self, "self": self, "enrolment": enrolment, "certificate": certificate},
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        source, modules, shown = course_modules(self)
        context["modules"] = shown
        context["outcomes"] = list(self.outcomes.all())
        if request.user.is_authenticated:
            enrolment, progress = services.course_progress_for(
                learner=request.user, course=source, modules=modules
            )
            context["enrolment"] = enrolment
            context["progress"] = progress
            context["certificate"] = (
                source.certificates.current()
                .filter(learner=request.user, revoked_at__isnull=True)
                .first()
            )
            context["languages"] = settings.LANGUAGES
            for module, page in zip(modules, shown, strict=True):
                page.status = progress.statuses[module.pk]
            context["next_module"] = next(
                (
                    page
                    for module, page in zip(modules, shown, strict=True)
                    if module.pk == progress.next_module_id
                ),
                None,
            )
            context["restart_url"] = self.restart_url() if enrolment else ""
        return context


class CourseOutcome(TranslatableMixin, Orderable):
    """One learning outcome of a course, in the order the trainer gives."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="outcomes")
    text = models.CharField(_("outcome"), max_length=300)

    panels = [FieldPanel("text")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("learning outcome")

    def __str__(self):
        return self.text


class ModulePage(RememberedViewRestrictions, QuizPageMixin, RoutablePageMixin, Page):
    """One module of a course: text, interview excerpts, reflection prompts and quizzes.

    Like Wagtail's form pages, it serves its quizzes' forms and takes their
    submissions (QuizPageMixin); the hooks below tell the quizzes what the course
    decides: a locked module refuses, a reset starts the attempts again, a recorded
    attempt may complete the module.
    """

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(ModuleStreamBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["modules.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("module")

    def quizzes(self):
        """The quizzes the module places, in order, the same for every reader: kept in the
        shared cache until content changes, under the ids the body names (so that a draft's
        preview has its own), and read once per request."""
        if getattr(self, "_quizzes", None) is None:
            ids = [pk for pk in quiz_ids(self.body) if pk]
            self._quizzes = (
                remembered(
                    f"module-quizzes:{','.join(map(str, ids))}",
                    lambda: [value["quiz"] for value in quiz_values(self.body) if value["quiz"]],
                )
                if ids
                else []
            )
        return self._quizzes

    def get_quizzes(self):
        return self.quizzes()

    def exercises(self):
        """The interpreting exercises the module places, in order."""
        return [value["exercise"] for value in exercise_values(self.body) if value["exercise"]]

    def course_page(self):
        """The course this module belongs to, in the module's language (read once per
        request)."""
        if not hasattr(self, "_course_page"):
            self._course_page = self.get_parent().specific
        return self._course_page

    def course_modules(self):
        """(the course's source, its live modules, as the reader's language has them), read
        once per request: records point at the source, pages show the translation."""
        if not hasattr(self, "_course_modules"):
            self._course_modules = course_modules(self.course_page())
        return self._course_modules

    def get_cache_key_components(self):
        """Wagtail's (the page, its address, when it was published) and the content's
        generation: a snippet the body shows (an excerpt, a glossary term), or a sibling
        module, changes the key too. Read once per request."""
        if getattr(self, "_content_generation", None) is None:
            self._content_generation = generation()
        return [*super().get_cache_key_components(), self._content_generation]

    def source(self):
        """The module's translation source, from the course's module list (no query); a
        module that is not among them (a draft, a page out of its course) is looked up."""
        _course, modules, _shown = self.course_modules()
        for module in modules:
            if module.translation_key == self.translation_key:
                return self if module.pk == self.pk else module
        return source_of(self)

    _learner_state = None

    def learner_state(self, request):
        """(course, enrolment, the learner's progress, the locked page if this module is locked).

        Read once per request: the page's routes and the quiz hooks share it.
        """
        if getattr(self, "_learner_state", None) is None:
            self._learner_state = self._read_learner_state(request)
        return self._learner_state

    def _read_learner_state(self, request):
        course, modules, shown = self.course_modules()
        enrolment, progress = services.course_progress_for(
            learner=request.user, course=course, modules=modules
        )
        if progress.statuses.get(self.source().pk) != LOCKED:
            return course, enrolment, progress, None
        next_module = next(
            (
                page
                for module, page in zip(modules, shown, strict=True)
                if module.pk == progress.next_module_id
            ),
            None,
        )
        locked = TemplateResponse(
            request,
            "modules/module_locked.html",
            {"page": self, "course": self.course_page(), "next_module": next_module},
            status=403,
        )
        return course, enrolment, progress, locked

    @staticmethod
    def attempts_since(enrolment):
        """Quiz attempts before the learner's last reset of the course are history."""
        return enrolment.reset_at if enrolment is not None else None

    @path("")
    def module(self, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        course, enrolment, progress, locked = self.learner_state(request)
        if locked:
            return locked
        source = self.source()
        services.module_open(
            learner=request.user,
            module=source,
            course=course,
            enrolment=enrolment,
            opened=progress.statuses.get(source.pk, NOT_STARTED) != NOT_STARTED,
        )
        if enrolment is None:  # opening the module has just enrolled them: read it once
            enrolment = services.course_enrol(learner=request.user, course=course)
            self._learner_state = (course, enrolment, progress, locked)
        self.sensitive_excerpts_opened(request.user, enrolment)
        return self.render(request, progress=progress)

    @path("done/", name="mark_done")
    def mark_done(self, request):
        if request.method != "POST":
            return redirect(self.url)
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        course, enrolment, _progress, locked = self.learner_state(request)
        if enrolment is None:
            raise Http404("Not enrolled in this course")
        if locked:
            return locked
        try:
            services.module_mark_done(learner=request.user, module=self.source(), course=course)
        except services.NotDoneYet:
            messages.error(
                request,
                gettext(
                    "Pass this module's quiz and submit its exercise first; then the module "
                    "is done by itself."
                ),
            )
            return redirect(self.url)
        messages.success(request, gettext("Module done. Well done!"))
        return redirect(self.url)

    def serve_preview(self, request, mode_name):
        """Trainers preview the draft as learners will read it: no lock, no visit recorded."""
        return self.render(request)

    # QuizPageMixin's hooks ------------------------------------------------------------

    def quiz_refusal(self, request):
        return self.learner_state(request)[3]

    def quiz_attempts_since(self, request):
        return self.attempts_since(self.learner_state(request)[1])

    def quiz_help(self):
        course = self.course_page()
        return course.trainer_contact, course.restart_url()

    def quiz_sources(self):
        """The sources of the quizzes the module places, the same for every reader: kept in
        the shared cache until content changes (saving a quiz is a change)."""
        if getattr(self, "_quiz_sources", None) is None:
            ids = sorted(quiz.pk for quiz in self.get_quizzes())
            self._quiz_sources = remembered(
                f"quiz-sources:{','.join(map(str, ids))}", super().quiz_sources
            )
        return self._quiz_sources

    def quiz_record_page(self):
        """Attempts belong to the source module, whatever language the learner reads."""
        return self.source()

    def quiz_attempt_recorded(self, request, attempt):
        """The module may now be complete (and with it the course): from what the request
        has read already (the enrolment, the progress, the attempt if it passed since the
        last reset: a form sent again may give back an attempt from before it)."""
        course, enrolment, progress, _locked = self.learner_state(request)
        counts = attempt.passed and not before_reset(
            attempt.submitted_at, self.attempts_since(enrolment)
        )
        services.module_update(
            learner=request.user,
            module=self.source(),
            course=course,
            enrolment=enrolment,
            progress=progress,
            passed=[attempt.quiz_id] if counts else [],
        )

    # Practice's hooks ---------------------------------------------------------------------

    def exercise_open_to(self, user, exercise) -> bool:
        """May this learner record the exercise here: it is placed in this live module of a
        live course, and the module is not locked for them?"""
        if not user.is_authenticated or not self.live:
            return False
        if exercise.pk not in {placed.pk for placed in self.exercises()}:
            return False
        return self.open_to(user)

    def open_to(self, user, *, enrolled=False) -> bool:
        """Is this live module of a live course open to the learner (not locked), and, when
        `enrolled` is asked, are they enrolled in the course?"""
        if not self.course_page().live:
            return False
        course, modules, _shown = self.course_modules()
        source = self.source()
        if not course.live or source.pk not in {module.pk for module in modules}:
            return False
        enrolment, progress = services.course_progress_for(
            learner=user, course=course, modules=modules
        )
        if enrolled and enrolment is None:
            return False
        return progress.statuses.get(source.pk) != LOCKED

    def excerpt_open_to(self, user, excerpt, exercises=None) -> bool:
        """May `user` hear and read `excerpt` here: trainers always; a learner when this live
        module of a live course shows it (or an exercise on it) and is not locked for them,
        and, for a sensitive excerpt, when they are enrolled in the course.

        `exercises` is the ids of the exercises on the excerpt (in every language), when the
        caller knows them.
        """
        if not user.is_authenticated:
            return False
        if excerpt_editor(user):
            return True
        if exercises is None:
            exercises = set(
                InterpretingExercise.objects.filter(
                    excerpt__translation_key=excerpt.translation_key
                ).values_list("pk", flat=True)
            )
        shown = excerpt.pk in excerpt_ids(self.body)
        if not self.live or not (shown or exercises.intersection(exercise_ids(self.body))):
            return False
        return self.open_to(user, enrolled=excerpt.sensitive)

    def sensitive_excerpts_open_to(self, user, enrolment=UNREAD) -> bool:
        """May `user` see the sensitive excerpts this module shows: a trainer, or a learner
        enrolled in its course (the module's own lock is the page's to decide). A caller that
        has read the learner's `enrolment` (or None) passes it."""
        if not user.is_authenticated:
            return False
        if excerpt_editor(user):
            return True
        if enrolment is not UNREAD:
            return enrolment is not None
        source = self.course_modules()[0]
        return Enrolment.objects.for_learner(user).filter(course=source).exists()

    def sensitive_excerpts(self):
        """The sensitive excerpts the live module shows (pk, title and the flag only), the
        same for every reader: kept in the shared cache until content changes."""
        ids = [pk for pk in excerpt_ids(self.body) if pk]
        if not ids:
            return []

        def read():
            return [
                (excerpt.pk, excerpt.title)
                for excerpt in InterviewExcerpt.objects.filter(pk__in=ids, sensitive=True).only(
                    "pk", "title", "sensitive"
                )
            ]

        if getattr(self, "_sensitive_excerpts", None) is None:
            rows = remembered(f"module-sensitive:{self.pk}:{self.cache_key}", read)
            self._sensitive_excerpts = [
                InterviewExcerpt(pk=pk, title=title, sensitive=True) for pk, title in rows
            ]
        return self._sensitive_excerpts

    def sensitive_excerpts_opened(self, user, enrolment=UNREAD):
        """The learner has opened this module: log the sensitive excerpts it shows them."""
        excerpts = self.sensitive_excerpts()
        if excerpts and self.sensitive_excerpts_open_to(user, enrolment):
            self.excerpts_opened(user, excerpts)

    def excerpts_opened(self, user, excerpts):
        """`user` has read these excerpts' transcripts on a page: log the sensitive ones.
        Trainers open excerpts as their work; their openings are not logged."""
        if excerpt_editor(user):
            return
        excerpt_services.excerpt_openings_record(
            learner=user, excerpts=excerpts, what=ExcerptOpening.What.PAGE
        )

    def practice_recorded(self, learner):
        """A rendition was submitted or reviewed: the module may now be complete."""
        services.module_update(
            learner=learner, module=self.source(), course=self.course_modules()[0]
        )

    def quiz_result_context(self, request):
        return {**super().quiz_result_context(request), "course": self.course_page()}

    def _prepare_body(self, withheld):
        """Before the body's blocks render: their excerpts' transcripts and media in bulk (the
        templates run no queries), and which sensitive excerpts are withheld."""
        values = [value for value in excerpt_blocks(self.body) if value["excerpt"]]
        excerpts = [value["excerpt"] for value in values]
        prefetch_related_objects(excerpts, "segments", "media", "locale")
        for value in values:
            value.withheld = withheld and value["excerpt"].sensitive

    def get_context(self, request, *args, submitted=None, progress=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.course_page()
        statuses = progress.statuses if progress else {}
        _source, modules, siblings = self.course_modules()
        by_key = {module.translation_key: statuses.get(module.pk) for module in modules}
        context["module_status"] = by_key.get(self.translation_key)
        context["has_quiz"] = bool(self.quizzes())
        exercises = self.exercises()
        context["has_exercise"] = bool(exercises)
        for sibling in siblings:
            sibling.status = by_key.get(sibling.translation_key)
        context["course"] = course
        context["course_modules"] = siblings
        # The first mention of each glossary term links to its definition: the terms are read
        # once, when a part of the body is rendered (a cached part needs none).
        context["glossary"] = SimpleLazyObject(
            lambda: course.glossary_linker(self.locale_id, request)
        )
        context["glossary_url"] = course.glossary_url(request)
        index_ = next(
            (i for i, m in enumerate(siblings) if m.translation_key == self.translation_key),
            None,
        )
        if index_ is not None:
            context["module_number"] = index_ + 1
            context["previous_module"] = siblings[index_ - 1] if index_ > 0 else None
            context["next_module"] = siblings[index_ + 1] if index_ + 1 < len(siblings) else None
        # A sensitive excerpt is for trainers and the course's enrolled learners only: the
        # body's static parts are cached once for each.
        withheld = bool(self.sensitive_excerpts()) and not self.sensitive_excerpts_open_to(
            request.user, self._learner_state[1] if self._learner_state else UNREAD
        )
        context["sensitive_withheld"] = withheld
        context["body_parts"] = body_parts(self.body, lambda: self._prepare_body(withheld))
        context["body_cache_seconds"] = CACHE_SECONDS
        panels = self.quiz_panels(request, submitted=submitted)
        for value in quiz_values(self.body):
            if value["quiz"]:
                value.panel = panels[value["quiz"].pk]
        practice = exercise_panels(user=request.user, module=self, exercises=exercises)
        for value in exercise_values(self.body):
            if value["exercise"]:
                value.panel = practice[value["exercise"].pk]
        return context
