"""Build the demo course, its excerpts and the demo accounts; safe to run again.

The course, its excerpts and quizzes come from the data files in
modules/demo/data/en/ (see modules/demo/README.md), read and checked by
`modules.demo.loader` before anything is written. What exists already (found
by slug, title or email) is left as it is, so a second run changes nothing and
never touches what learners or trainers did. A mistake in a file stops the
command with the file, the place and the reason, and changes nothing.
"""

import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site
from wagtailmedia.models import get_media_model

from modules.certificates.models import CertificateSignatory, CertificateTemplate
from modules.demo.loader import (
    DEMO_DATA,
    DemoDataError,
    body_block,
    questions_block,
    read_demo,
    stream_data,
)
from modules.models import (
    CourseIndexPage,
    CourseOutcome,
    CoursePage,
    ExcerptSegment,
    InterviewExcerpt,
    ModulePage,
)
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


class Command(BaseCommand):
    help = "Load the demo course and the demo trainer and learner accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            type=Path,
            default=DEMO_DATA,
            help="The folder of demo data files to load (default: modules/demo/data/en).",
        )

    def handle(self, *args, **options):
        try:
            demo = read_demo(options["data"])
            with transaction.atomic():
                course = self.build(demo)
        except DemoDataError as error:
            raise CommandError(f"{str(error).rstrip('.')}. Nothing was changed.") from error
        self.stdout.write(self.style.SUCCESS(f"Demo course ready at {course.get_url()}"))
        self.stdout.write("Demo accounts (email / password):")
        for account in DEMO_ACCOUNTS:
            role = "trainer" if account["group"] else "learner"
            self.stdout.write(f"  {role:8} {account['email']} / {account['password']}")

    def build(self, demo):
        """Everything in one transaction; audio and captions are stored last, once all is valid."""
        catalogue = self.catalogue(demo.catalogue)
        excerpts, new_excerpts = {}, []
        for slug, data in demo.excerpts.items():
            excerpts[slug], created = self.excerpt(data)
            if created and data.audio:
                new_excerpts.append((excerpts[slug], data))
        references = {InterviewExcerpt: {slug: e.pk for slug, e in excerpts.items()}}
        quizzes = {slug: self.quiz(data, references) for slug, data in demo.quizzes.items()}
        references[Quiz] = {slug: quiz.pk for slug, quiz in quizzes.items()}
        bodies = [
            stream_data(module.file, "body", body_block(), module.body, references)
            for module in demo.modules
        ]
        course = self.course(catalogue, demo.course)
        for module, body in zip(demo.modules, bodies, strict=True):
            self.module(course, module, body)
        self.accounts()
        self.certificate_template()
        for excerpt, data in new_excerpts:
            self.excerpt_media(excerpt, data)
        return course

    def catalogue(self, data):
        catalogue = CourseIndexPage.objects.first()
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
        excerpt = InterviewExcerpt.objects.filter(title=data.fields["title"]).first()
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

    def quiz(self, data, references):
        questions = stream_data(
            data.file, "questions", questions_block(), data.questions, references
        )
        quiz = Quiz.objects.filter(title=data.fields["title"]).first()
        if quiz is not None:
            return quiz
        return Quiz.objects.create(**data.fields, questions=json.dumps(question_stream(questions)))

    def module(self, course, data, body):
        page = ModulePage.objects.child_of(course).filter(slug=data.fields["slug"]).first()
        if page is None:
            page = ModulePage(**data.fields, body=json.dumps(body))
            course.add_child(instance=page)
            page.save_revision().publish()
        elif not page.quizzes():
            # A module loaded before quizzes existed gets its quiz, once.
            for block in body:
                if block["type"] == "quiz":
                    page.body.append(
                        ("quiz", {"quiz": Quiz.objects.get(pk=block["value"]["quiz"])})
                    )
            page.save_revision().publish()

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
