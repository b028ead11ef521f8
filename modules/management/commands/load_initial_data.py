"""Build the demo course, its excerpts and the demo accounts; safe to run again.

What exists already (found by slug, title or email) is left as it is, so a
second run changes nothing and never touches what learners or trainers did.
"""

import json
from decimal import Decimal
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site
from wagtailmedia.models import get_media_model

from modules.captions import parse_webvtt
from modules.demo import content
from modules.demo.quizzes import QUIZZES
from modules.models import (
    CertificateSignatory,
    CertificateTemplate,
    CourseIndexPage,
    CourseOutcome,
    CoursePage,
    ExcerptSegment,
    InterviewExcerpt,
    ModulePage,
)
from quizzes.models import Quiz, question_stream

MEDIA_DIR = Path(content.__file__).resolve().parent / "media"

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

    def handle(self, *args, **options):
        with transaction.atomic():
            catalogue = self.catalogue()
            excerpts = {key: self.excerpt(data) for key, data in content.EXCERPTS.items()}
            course = self.course(catalogue)
            for data in content.MODULES:
                quiz = self.quiz(QUIZZES[data["slug"]], excerpts)
                self.module(course, data, excerpts, quiz)
            self.accounts()
            self.certificate_template()
        self.stdout.write(self.style.SUCCESS(f"Demo course ready at {course.get_url()}"))
        self.stdout.write("Demo accounts (email / password):")
        for account in DEMO_ACCOUNTS:
            role = "trainer" if account["group"] else "learner"
            self.stdout.write(f"  {role:8} {account['email']} / {account['password']}")

    def catalogue(self):
        catalogue = CourseIndexPage.objects.first()
        if catalogue is None:
            root = Page.get_first_root_node()
            catalogue = root.add_child(
                instance=CourseIndexPage(
                    title="Courses for interpreters",
                    slug="courses",
                    introduction=(
                        "<p>Training for interpreters who work with child victims of "
                        "trafficking, in police and therapeutic interviews.</p>"
                    ),
                )
            )
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
        excerpt = InterviewExcerpt.objects.filter(title=data["title"]).first()
        if excerpt is not None:
            return excerpt
        excerpt = InterviewExcerpt(
            title=data["title"],
            speaker=data["speaker"],
            role=data["role"],
            organisation=data["organisation"],
            setting=data["setting"],
        )
        excerpt.segments = [
            ExcerptSegment(start=Decimal(str(start)), speaker_label=label, text=text)
            for start, label, text in data["segments"]
        ]
        if data.get("audio"):
            audio_path = MEDIA_DIR / data["audio"]
            captions_path = audio_path.with_suffix(".vtt")
            cues = parse_webvtt(captions_path.read_text(encoding="utf-8"))
            with audio_path.open("rb") as handle:
                media = get_media_model().objects.create(
                    title=data["title"],
                    type="audio",
                    duration=cues[-1][1],
                    file=File(handle, name=audio_path.name),
                )
            excerpt.media = media
            with captions_path.open("rb") as handle:
                excerpt.captions.save(captions_path.name, File(handle), save=False)
        excerpt.save()
        return excerpt

    def course(self, catalogue):
        course = CoursePage.objects.child_of(catalogue).filter(slug=content.COURSE["slug"]).first()
        if course is not None:
            return course
        data = content.COURSE
        course = CoursePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            introduction=data["introduction"],
            hours=Decimal(str(data["hours"])),
            audience=data["audience"],
            modules_in_order=data["modules_in_order"],
        )
        course.outcomes = [CourseOutcome(text=text) for text in data["outcomes"]]
        catalogue.add_child(instance=course)
        course.save_revision().publish()
        return course

    def quiz(self, data, excerpts):
        quiz = Quiz.objects.filter(title=data["title"]).first()
        if quiz is not None:
            return quiz
        questions = [
            {
                "type": q["type"],
                "value": {
                    **q["value"],
                    "excerpt": excerpts[q["value"]["excerpt"]].pk
                    if q["value"].get("excerpt")
                    else None,
                },
            }
            for q in data["questions"]
        ]
        return Quiz.objects.create(
            title=data["title"],
            introduction=data["introduction"],
            pass_mark=data["pass_mark"],
            attempts_allowed=data["attempts_allowed"],
            shuffle_questions=data["shuffle_questions"],
            shuffle_choices=data["shuffle_choices"],
            review_policy=data["review_policy"],
            questions=json.dumps(question_stream(questions)),
        )

    def module(self, course, data, excerpts, quiz):
        page = ModulePage.objects.child_of(course).filter(slug=data["slug"]).first()
        if page is None:
            page = ModulePage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                body=json.dumps(
                    [
                        *stream_data(data["body"], excerpts),
                        {"type": "quiz", "value": {"quiz": quiz.pk}},
                    ]
                ),
            )
            course.add_child(instance=page)
            page.save_revision().publish()
        elif not page.quizzes():
            # A module loaded before quizzes existed gets its quiz, once.
            page.body.append(("quiz", {"quiz": quiz}))
            page.save_revision().publish()

    def certificate_template(self):
        if CertificateTemplate.objects.filter(course__isnull=True).exists():
            return
        template = CertificateTemplate()
        template.signatories = [
            CertificateSignatory(name="Dr. Nadia Verbeke", role="Programme coordinator (demo)"),
            CertificateSignatory(name="Marc Dubois", role="Lead trainer (demo)"),
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


def stream_data(blocks, excerpts):
    """Turn the demo's (kind, value) pairs into a module body's stream data.

    A content note holds what it warns about: the blocks that follow it, up to and
    including the next interview excerpt.
    """
    stream = []
    open_note = None
    for kind, value in blocks:
        item = block_data(kind, value, excerpts)
        if kind == "content_note":
            open_note = item
            stream.append(item)
        elif open_note is not None:
            open_note["value"]["content"].append(item)
            if kind == "interview_excerpt":
                open_note = None
        else:
            stream.append(item)
    return stream


def block_data(kind, value, excerpts):
    if kind == "heading":
        return {"type": "heading", "value": value}
    if kind == "paragraph":
        return {"type": "paragraph", "value": value}
    if kind == "key_points":
        return {"type": "key_points", "value": {"title": "Key points", "points": list(value)}}
    if kind == "content_note":
        return {"type": "content_note", "value": {"note": value["summary"], "content": []}}
    if kind == "interview_excerpt":
        return {
            "type": "interview_excerpt",
            "value": {
                "excerpt": excerpts[value["excerpt"]].pk,
                "caption": value.get("caption", ""),
                "first_segment": None,
                "last_segment": None,
            },
        }
    if kind == "reflection":
        return {"type": "reflection", "value": {"prompt": value["prompt"]}}
    raise ValueError(f"Unknown demo block kind: {kind}")
