"""Build the demo course, its excerpts, exercises and the demo accounts; safe to run again.

The course, its excerpts, interpreting exercises and quizzes, and the demo learner's reviewed
rendition, come from the data files in modules/demo/data/en/ (see modules/demo/README.md), the
course's glossary in English, French and Dutch from modules/demo/data/glossary.json, all read
and checked by `modules.demo.loader` before anything is written. The rendition goes
through practice's own services (consent, upload, submit, review, remarks), as a learner's
and a trainer's would. What exists already (found by slug, title, email or take) is left as
it is, so a second run changes nothing and never touches what learners or trainers did. A
mistake in a file stops the command with the file, the place and the reason, and changes
nothing.
"""

import json
import uuid
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtailmedia.models import get_media_model

from modules.certificates.models import CertificateSignatory, CertificateTemplate
from modules.demo.loader import (
    DEMO_DATA,
    DemoDataError,
    RenditionData,
    body_block,
    grid_scores,
    questions_block,
    read_demo,
    read_glossary,
    stream_data,
    with_ids,
)
from modules.demo.translations import translate
from modules.glossary.services import GlossaryImportRefused, glossary_import
from modules.models import (
    CourseIndexPage,
    CourseOutcome,
    CoursePage,
    ExcerptSegment,
    InterviewExcerpt,
    ModulePage,
    PrivacyPage,
)
from modules.practice import services as practice
from modules.practice.models import ExerciseTurn, HardMoment, InterpretingExercise, Rendition
from quizzes.models import Quiz, question_stream

DEMO_ACCOUNTS = [
    {
        "email": "trainer@example.org",
        "password": "capisce-trainer-demo",
        "full_name": "Tess Trainer",
        "group": "Trainers",
    },
    {
        "email": "learner@example.org",
        "password": "capisce-learner-demo",
        "full_name": "Lea Learner",
        "group": None,
    },
]
# A demo rendition's take is the same from one run to the next: the loader finds it again.
DEMO_TAKES = uuid.uuid5(uuid.NAMESPACE_URL, "capisce:demo/renditions")


@dataclass(frozen=True)
class RenditionPlan:
    """A demo rendition with its rows found and its scores checked, ready to be stored."""

    data: RenditionData
    learner: object  # the demo accounts
    trainer: object
    exercise: InterpretingExercise
    module: ModulePage
    take_id: uuid.UUID
    self_scores: dict
    scores: dict


@dataclass
class Built:
    """What the English data files made, by slug (modules by file name): what translations
    translate."""

    catalogue: CourseIndexPage
    course: CoursePage
    excerpts: dict
    exercises: dict
    quizzes: dict
    modules: dict
    references: dict = field(default_factory=dict)


class Command(BaseCommand):
    help = "Load the demo course and the demo trainer and learner accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            type=Path,
            default=DEMO_DATA,
            help=(
                "The folder of demo data files to load (default: modules/demo/data/en). The "
                "folders beside it named after the site's other languages (fr, nl) are its "
                "translations."
            ),
        )

    def handle(self, *args, **options):
        root = Path(options["data"])
        try:
            demo = read_demo(root)
            translations = {
                code: read_demo(root.parent / code, sounds=root / "media")
                for code, _name in settings.LANGUAGES
                if code != settings.LANGUAGE_CODE and (root.parent / code).is_dir()
            }
            glossary = read_glossary()
            with transaction.atomic():
                built = self.build(demo)
                for code, translated in translations.items():
                    self.translation(built, demo, translated, code)
                self.glossary(glossary, built.course)
            course = built.course
        except DemoDataError as error:
            raise CommandError(f"{str(error).rstrip('.')}. Nothing was changed.") from error
        self.stdout.write(self.style.SUCCESS(f"Demo course ready at {course.get_url()}"))
        self.stdout.write("Demo accounts (email / password):")
        for account in DEMO_ACCOUNTS:
            role = "trainer" if account["group"] else "learner"
            self.stdout.write(f"  {role:8} {account['email']} / {account['password']}")

    def build(self, demo):
        """Everything in one transaction; audio and captions are stored last, once all is valid,
        and the demo renditions after them (their upload stores the recording)."""
        catalogue = self.catalogue(demo.catalogue)
        excerpts, new_excerpts = {}, []
        for slug, data in demo.excerpts.items():
            excerpts[slug], created = self.excerpt(data)
            if created and data.audio:
                new_excerpts.append((excerpts[slug], data))
        exercises, new_exercises = {}, []
        for slug, data in demo.exercises.items():
            exercises[slug], created = self.exercise(data, excerpts[data.excerpt])
            if created and data.model_audio:
                new_exercises.append((exercises[slug], data))
        references = {
            InterviewExcerpt: {slug: e.pk for slug, e in excerpts.items()},
            InterpretingExercise: {slug: e.pk for slug, e in exercises.items()},
        }
        quizzes = {slug: self.quiz(data, references) for slug, data in demo.quizzes.items()}
        references[Quiz] = {slug: quiz.pk for slug, quiz in quizzes.items()}
        bodies = [
            with_ids(
                body_block(),
                stream_data(module.file, "body", body_block(), module.body, references),
            )
            for module in demo.modules
        ]
        course = self.course(catalogue, demo.course)
        if demo.privacy is not None:
            self.privacy(catalogue, demo.privacy)
        modules = {
            module.fields["slug"]: self.module(course, module, body)
            for module, body in zip(demo.modules, bodies, strict=True)
        }
        self.accounts()
        self.certificate_template()
        plans = [self.rendition_plan(data, exercises, modules) for data in demo.renditions]
        for excerpt, data in new_excerpts:
            self.excerpt_media(excerpt, data)
        for exercise, data in new_exercises:
            self.model_media(exercise, data)
        for plan in plans:
            if plan is not None:
                self.rendition(plan)
        return Built(
            catalogue=catalogue,
            course=course,
            excerpts=excerpts,
            exercises=exercises,
            quizzes=quizzes,
            modules={
                Path(data.file).name: page
                for data, page in zip(demo.modules, modules.values(), strict=True)
            },
            references=references,
        )

    def translation(self, built, demo, translated, code):
        """The course in another language, from its folder, as wagtail-localize translations
        of what the English files made (those already made are left as they are)."""
        locale, _created = Locale.objects.get_or_create(language_code=code)

        def source(kind, found, name, file):
            if name not in found:
                raise DemoDataError(file, "", f"no English {kind} “{name}” to translate")
            return found[name]

        for slug, data in translated.excerpts.items():
            english = source("excerpt", built.excerpts, slug, data.file)
            excerpt = InterviewExcerpt(**data.fields)
            excerpt.segments = [
                ExcerptSegment(sort_order=number, **segment)
                for number, segment in enumerate(data.segments)
            ]
            made = translate(english, excerpt, locale, data.file)
            if data.captions and english.captions and made.captions.name == english.captions.name:
                # Captions of its own language: the words spoken stay the English excerpt's.
                with data.captions.open("rb") as handle:
                    made.captions.save(data.captions.name, File(handle), save=False)
                made.save(update_fields=["captions"])
        for slug, data in translated.exercises.items():
            english = source("exercise", built.exercises, slug, data.file)
            translate(
                english,
                InterpretingExercise(**data.fields, excerpt=english.excerpt),
                locale,
                data.file,
            )
        for slug, data in translated.quizzes.items():
            english = source("quiz", built.quizzes, slug, data.file)
            questions = stream_data(
                data.file, "questions", questions_block(), data.questions, built.references
            )
            quiz = Quiz(**data.fields, questions=json.dumps(question_stream(questions)))
            translate(english, quiz, locale, data.file)
        catalogue = translated.catalogue
        translate(built.catalogue, CourseIndexPage(**catalogue.fields), locale, catalogue.file)
        course = CoursePage(**translated.course.fields)
        course.outcomes = [
            CourseOutcome(sort_order=number, text=text)
            for number, text in enumerate(translated.course.outcomes)
        ]
        translate(built.course, course, locale, translated.course.file)
        for data in translated.modules:
            name = Path(data.file).name
            english = source("module", built.modules, name, data.file)
            body = with_ids(
                body_block(),
                stream_data(data.file, "body", body_block(), data.body, built.references),
            )
            translate(english, ModulePage(**data.fields, body=json.dumps(body)), locale, data.file)

    def glossary(self, concepts, course):
        """The course's glossary: English terms first, French and Dutch as their translations.
        A concept there already (found again by its key or its English term) keeps its text
        and only gets the languages it lacks."""
        try:
            glossary_import(concepts=concepts, course=course, keep_existing=True)
        except GlossaryImportRefused as refusal:
            problems = "; ".join(refusal.problems)
            raise DemoDataError("modules/demo/data/glossary.json", "", problems) from None

    def catalogue(self, data):
        catalogue = CourseIndexPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if catalogue is None:
            root = Page.get_first_root_node()
            catalogue = root.add_child(instance=CourseIndexPage(**data.fields))
            catalogue.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=catalogue, is_default_site=True
            )
        elif site.root_page_id != catalogue.pk:
            old_root = site.root_page
            site.root_page = catalogue
            site.site_name = "CAPISCE Academy"
            site.save()
            # Wagtail's placeholder welcome page has no place in the tree any more.
            if type(old_root.specific) is Page and old_root.is_leaf():
                old_root.delete()
        return catalogue

    def excerpt(self, data):
        """The excerpt and its transcript (found by title, or made): (excerpt, created)."""
        excerpt = InterviewExcerpt.objects.filter(
            title=data.fields["title"], locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if excerpt is not None:
            return excerpt, False
        excerpt = InterviewExcerpt(**data.fields)
        # In order: sort_order is what keeps a transcript in order (only admin forms set it).
        excerpt.segments = [
            ExcerptSegment(sort_order=number, **segment)
            for number, segment in enumerate(data.segments)
        ]
        excerpt.save()
        return excerpt, True

    def excerpt_media(self, excerpt, data):
        with data.audio.open("rb") as handle:
            excerpt.media = get_media_model().objects.create(
                title=excerpt.title,
                type="audio",
                duration=data.duration,
                file=File(handle, name=data.audio.name),
            )
        with data.captions.open("rb") as handle:
            excerpt.captions.save(data.captions.name, File(handle), save=False)
        excerpt.save()

    def exercise(self, data, excerpt):
        """The exercise, its turns and hard moments (found by title, or made): (exercise, created).

        It names no grid of its own: the site's default grid assesses it.
        """
        exercise = InterpretingExercise.objects.filter(
            title=data.fields["title"], locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if exercise is not None:
            return exercise, False
        exercise = InterpretingExercise(**data.fields, excerpt=excerpt)
        exercise.turns = [ExerciseTurn(end=end, sort_order=n) for n, end in enumerate(data.turns)]
        exercise.hard_moments = [
            HardMoment(**moment, sort_order=n) for n, moment in enumerate(data.hard_moments)
        ]
        exercise.save()
        return exercise, True

    def model_media(self, exercise, data):
        """The model rendition's audio, in the private storage as an excerpt's audio is."""
        with data.model_audio.open("rb") as handle:
            exercise.model_media = get_media_model().objects.create(
                title=exercise.title,
                type="audio",
                duration=round(data.model_duration, 2),
                file=File(handle, name=data.model_audio.name),
            )
        exercise.save(update_fields=["model_media"])

    def demo_account(self, file, place, email):
        emails = [account["email"] for account in DEMO_ACCOUNTS]
        if email not in emails:
            raise DemoDataError(
                file, place, f"no demo account “{email}” (there are: {', '.join(emails)})"
            )
        return get_user_model().objects.get(email=email)

    def rendition_plan(self, data, exercises, modules):
        """The rows a demo rendition needs, checked before any file is stored; None when the
        rendition is there already (its take is found again)."""
        learner = self.demo_account(data.file, "learner", data.learner)
        trainer = self.demo_account(data.file, "review, trainer", data.review.trainer)
        if not trainer.has_perm("practice.view_rendition"):
            raise DemoDataError(data.file, "review, trainer", f"“{trainer.email}” is not a trainer")
        take_id = uuid.uuid5(DEMO_TAKES, data.name)
        if Rendition.objects.for_learner(learner).filter(take_id=take_id).exists():
            return None
        exercise = exercises[data.exercise]
        grid = exercise.assessment_grid()
        if grid is None:
            raise DemoDataError(
                data.file,
                "self_assessment",
                "the site has no default assessment grid: make one the default in the admin",
            )
        criteria = list(grid.criteria.all())
        return RenditionPlan(
            data=data,
            learner=learner,
            trainer=trainer,
            exercise=exercise,
            module=modules[data.module],
            take_id=take_id,
            self_scores=grid_scores(data.file, "self_assessment", data.self_scores, criteria),
            scores=grid_scores(data.file, "review, scores", data.review.scores, criteria),
        )

    def rendition(self, plan):
        """The learner records and submits, the trainer reviews: through practice's services."""
        data = plan.data
        rendition = None
        try:
            practice.consent_record(learner=plan.learner)
            with data.audio.open("rb") as handle:
                rendition = practice.rendition_upload(
                    learner=plan.learner,
                    exercise=plan.exercise,
                    module=plan.module,
                    upload=File(handle, name=data.audio.name),
                    take_id=plan.take_id,
                    turn_marks=data.turn_marks,
                )
            practice.rendition_submit(
                rendition=rendition, self_scores=plan.self_scores, note=data.note
            )
            practice.review_save(
                rendition=rendition,
                trainer=plan.trainer,
                scores=plan.scores,
                summary=data.review.summary,
                publish=True,
            )
            for remark in data.review.remarks:
                practice.remark_add(rendition=rendition, trainer=plan.trainer, **remark)
        except practice.RenditionRefused as refusal:
            self.forget(rendition)
            raise DemoDataError(data.file, "", refusal.message) from refusal
        except Exception:
            self.forget(rendition)
            raise

    @staticmethod
    def forget(rendition):
        """The transaction rolls back; the recording the upload stored goes with it."""
        if rendition is not None:
            rendition.audio.delete(save=False)

    def course(self, catalogue, data):
        slug = data.fields["slug"]
        course = CoursePage.objects.child_of(catalogue).filter(slug=slug).first()
        if course is not None:
            return course
        course = CoursePage(**data.fields)
        course.outcomes = [
            CourseOutcome(sort_order=number, text=text) for number, text in enumerate(data.outcomes)
        ]
        catalogue.add_child(instance=course)
        course.save_revision().publish()
        return course

    def privacy(self, catalogue, data):
        """The privacy notice, beside the course (found as the catalogue's one, or made)."""
        page = PrivacyPage.objects.child_of(catalogue).first()
        if page is not None:
            return page
        page = PrivacyPage(**data.fields)
        catalogue.add_child(instance=page)
        page.save_revision().publish()
        return page

    def quiz(self, data, references):
        questions = stream_data(
            data.file, "questions", questions_block(), data.questions, references
        )
        quiz = Quiz.objects.filter(
            title=data.fields["title"], locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if quiz is not None:
            return quiz
        return Quiz.objects.create(**data.fields, questions=json.dumps(question_stream(questions)))

    def module(self, course, data, body):
        page = ModulePage.objects.child_of(course).filter(slug=data.fields["slug"]).first()
        if page is None:
            page = ModulePage(**data.fields, body=json.dumps(body))
            course.add_child(instance=page)
            page.save_revision().publish()
            return page
        stored = [dict(block) for block in page.body.raw_data]
        added = False
        if not page.quizzes():
            # A module loaded before quizzes existed gets its quiz, once.
            quizzes = [block for block in body if block["type"] == "quiz"]
            stored += quizzes
            added = bool(quizzes)
        if not page.exercises():
            # A module loaded before exercises existed gets them, once, where its file places
            # them among the blocks it has.
            with_exercises = self.exercises_placed(stored, body)
            added = added or len(with_exercises) > len(stored)
            stored = with_exercises
        if added:
            page.body = json.dumps(stored)
            page.save_revision().publish()
        return page

    @staticmethod
    def exercises_placed(stored, body):
        """`stored` with the runs of `body`'s blocks that it lacks and that hold an exercise
        (the exercise and the blocks that introduce it), each where `body` has it."""

        def outline(blocks):
            return [
                (b["type"], b["value"] if isinstance(b["value"], str) else None) for b in blocks
            ]

        matcher = SequenceMatcher(None, outline(stored), outline(body), autojunk=False)
        placed = list(stored)
        for tag, i1, _i2, j1, j2 in reversed(matcher.get_opcodes()):
            run = body[j1:j2]
            if tag == "insert" and any(b["type"] == "interpreting_exercise" for b in run):
                placed[i1:i1] = run
        return placed

    def certificate_template(self):
        if CertificateTemplate.objects.filter(course__isnull=True).exists():
            return
        template = CertificateTemplate()
        template.signatories = [
            CertificateSignatory(
                sort_order=0, name="Dr. Nadia Verbeke", role="Programme coordinator (demo)"
            ),
            CertificateSignatory(sort_order=1, name="Marc Dubois", role="Lead trainer (demo)"),
        ]
        template.save()

    def accounts(self):
        User = get_user_model()
        for account in DEMO_ACCOUNTS:
            user = User.objects.filter(email=account["email"]).first()
            if user is None:
                user = User.objects.create_user(
                    email=account["email"],
                    password=account["password"],
                    full_name=account["full_name"],
                )
                if account["group"]:
                    user.groups.add(Group.objects.get(name=account["group"]))
            # Signing in needs a confirmed address; the demo's have nobody to confirm them.
            EmailAddress.objects.get_or_create(
                user=user, email=account["email"], defaults={"verified": True, "primary": True}
            )
