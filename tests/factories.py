"""Small builders for the suite: real pages in a real tree, no fixtures, no magic ids."""

import json
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from modules.glossary.entries import Avoided, Concept, Side
from modules.glossary.services import glossary_import
from modules.models import CourseIndexPage, CoursePage, ExcerptSegment, InterviewExcerpt, ModulePage

PASSWORD = "a-long-test-password-42"


def make_user(email="learner@example.test", full_name="Ana Learner", **extra):
    """A learner who signed up and confirmed their address, as every account must."""
    user = get_user_model().objects.create_user(
        email=email, password=PASSWORD, full_name=full_name, **extra
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def make_catalogue():
    """The catalogue as the site's root page, in place of Wagtail's welcome page."""
    root = Page.get_first_root_node()
    catalogue = root.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = catalogue
    site.save()
    return catalogue


def make_course(catalogue, title="Interpreting for children", slug="interpreting", **extra):
    course = CoursePage(
        title=title,
        slug=slug,
        summary=extra.pop("summary", "A course for interpreters."),
        introduction=extra.pop("introduction", "<p>Why interpreters matter.</p>"),
        hours=extra.pop("hours", Decimal("6")),
        modules_in_order=extra.pop("modules_in_order", False),
        **extra,
    )
    catalogue.add_child(instance=course)
    course.save_revision().publish()
    return course


def make_excerpt(title="First contact", segments=None, **extra):
    excerpt = InterviewExcerpt(
        title=title,
        speaker=extra.pop("speaker", "Officer B"),
        role=extra.pop("role", "Police interviewer"),
        organisation=extra.pop("organisation", "Police"),
        **extra,
    )
    segments = segments or [
        (0, "Interviewer", "Hello, I am Officer B."),
        (4, "Interpreter", "Hello, I am Officer B."),
        (8, "Child", "Hello."),
    ]
    excerpt.segments = [
        ExcerptSegment(sort_order=number, start=Decimal(str(start)), speaker_label=label, text=text)
        for number, (start, label, text) in enumerate(segments)
    ]
    excerpt.save()
    return excerpt


def make_module(course, title="Module one", slug="module-one", body=None, **extra):
    module = ModulePage(
        title=title,
        slug=slug,
        body=json.dumps(body if body is not None else [paragraph("<p>Welcome.</p>")]),
        **extra,
    )
    course.add_child(instance=module)
    module.save_revision().publish()
    return module


def paragraph(html):
    return {"type": "paragraph", "value": html}


def excerpt_block(excerpt, **extra):
    return {
        "type": "interview_excerpt",
        "value": {
            "excerpt": excerpt.pk,
            "caption": extra.get("caption", ""),
            "first_segment": extra.get("first_segment"),
            "last_segment": extra.get("last_segment"),
        },
    }


def mixed_body(excerpts, size):
    """A body of `size` blocks of every kind, cycling through the given excerpts."""
    kinds = [
        lambda i: excerpt_block(excerpts[i % len(excerpts)]),
        lambda i: {
            "type": "content_note",
            "value": {
                "note": "This part describes exploitation in general terms.",
                "content": [excerpt_block(excerpts[(i + 1) % len(excerpts)])],
            },
        },
        lambda i: {"type": "heading", "value": f"Section {i}"},
        lambda i: paragraph(f"<p>Paragraph {i} with <strong>bold</strong> text.</p>"),
        lambda i: {"type": "key_points", "value": {"title": "Key points", "points": ["a", "b"]}},
        lambda i: {"type": "reflection", "value": {"prompt": f"Question {i}?"}},
    ]
    return [kinds[i % len(kinds)](i) for i in range(size)]


def choice(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


def question(kind, prompt="<p>Question?</p>", points=1, **value):
    base = {"title": "", "prompt": prompt, "points": points, "feedback": "", "excerpt": None}
    base["segment"] = None
    return {"type": kind, "value": {**base, **value}}


def every_kind_of_question():
    """One question of each kind, with feedback on every choice."""
    return [
        question(
            "single_choice",
            "<p>Which element need not be proven for a child?</p>",
            choices=[
                choice("The act", feedback="The act must be shown."),
                choice("The means", True, "Right: for children the means are not needed."),
                choice("The purpose", feedback="The purpose of exploitation must be shown."),
            ],
        ),
        question(
            "multiple_choice",
            "<p>Which are forms of exploitation?</p>",
            points=2,
            scoring="proportional",
            choices=[
                choice("Forced begging", True, "Yes."),
                choice("Forced criminality", True, "Yes."),
                choice("Crossing a border", False, "That alone is smuggling."),
                choice("Illegal adoption", True, "Yes, since 2024."),
            ],
        ),
        question(
            "true_false",
            "<p>A child's consent makes exploitation lawful.</p>",
            answer=False,
            feedback_true="No: consent is irrelevant for children.",
            feedback_false="Right: consent is irrelevant.",
        ),
        question(
            "ordering",
            "<p>Put the phases in order.</p>",
            scoring="per_item",
            items=["Introduction", "Rapport", "Free recall", "Closing"],
        ),
        question(
            "matching",
            "<p>Match the terms.</p>",
            pairs=[
                {"left": "voogd", "right": "guardian"},
                {"left": "tolk", "right": "interpreter"},
                {"left": "verhoor", "right": "interview"},
            ],
        ),
        question("reflection", "<p>What would you tell the officer?</p>", points=0),
    ]


def make_quiz(title="Check your understanding", questions=None, **extra):
    from quizzes.models import Quiz, question_stream

    questions = questions if questions is not None else every_kind_of_question()
    quiz = Quiz(title=title, questions=json.dumps(question_stream(questions)), **extra)
    quiz.save()
    return quiz


def quiz_block(quiz):
    return {"type": "quiz", "value": {"quiz": quiz.pk}}


def make_exercise(excerpt, title="Interpret the first contact", turns=(4, 8), **extra):
    """An interpreting exercise on `excerpt` (which should have media), with its turn ends."""
    from modules.practice.models import ExerciseTurn, InterpretingExercise

    exercise = InterpretingExercise(
        title=title,
        excerpt=excerpt,
        briefing=extra.pop("briefing", "<p>A police interview; the child is nine.</p>"),
        mode=extra.pop("mode", InterpretingExercise.Mode.CONSECUTIVE),
        source_language=extra.pop("source_language", "Romanian"),
        target_language=extra.pop("target_language", "French"),
        **extra,
    )
    exercise.turns = [ExerciseTurn(end=Decimal(str(end))) for end in turns]
    exercise.save()
    return exercise


def exercise_block(exercise):
    return {"type": "interpreting_exercise", "value": {"exercise": exercise.pk}}


def glossary_side(language, term, definition="A definition.", **extra):
    avoided = tuple(Avoided(t, r) for t, r in extra.pop("avoid", ()))
    return Side(
        language=language,
        term=term,
        definition=definition,
        variants=tuple(extra.pop("variants", ())),
        avoided=avoided,
        **extra,
    )


def glossary_concept(key=None, **sides):
    """A glossary concept as plain data: glossary_concept(en="guardian", fr=("tuteur", "…")).

    A side is a term, or (term, definition), or a Side."""
    built = {}
    for language, side in sides.items():
        if isinstance(side, str):
            side = glossary_side(language, side)
        elif isinstance(side, tuple):
            side = glossary_side(language, *side)
        built[language] = side
    return Concept(key=key, sides=built)


def make_glossary(course, *concepts):
    """Store concepts in `course`'s glossary through the import's own service."""
    return glossary_import(concepts=list(concepts), course=course)


def preview_html(page, body, *, by):
    """The HTML of the page's preview with `body` saved as a draft by `by`, as the admin's
    preview panel shows it."""
    page.body = body
    page.save_revision(user=by)
    response = page.get_latest_revision_as_object().make_preview_request()
    assert response.status_code == 200
    if hasattr(response, "render"):
        response.render()
    return response.content.decode()


def translated(page, language):
    """The page in another language, as a trainer's translation makes it (a copy, published),
    its ancestors translated first where they are not yet."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    for ancestor in page.get_ancestors(inclusive=True).filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(locale) is None:
            ancestor.copy_for_translation(locale).save_revision().publish()
    return page.get_translation(locale).specific
