"""The course the simulated learners complete, and the accounts of those who sign in.

A course of three modules that must be taken in order, built with `tests.factories`:

1. "Before the interview": text and a quiz of three questions;
2. "Interpreting the first contact": text, an interpreting exercise (consecutive, two turns,
   no review needed, so that submitting the rendition is enough) and a quiz;
3. "After the interview": text and a quiz.

Every question has one right choice; the load generator learns which from here (from the
database), never from the page, which does not tell. Choice texts are unique within a quiz,
so a learner picks each right one by the label the form shows for it.
"""

from decimal import Decimal

from django.core.files.base import ContentFile

from modules.models import ExcerptMedia
from tests.factories import (
    PASSWORD,
    choice,
    exercise_block,
    make_catalogue,
    make_course,
    make_excerpt,
    make_exercise,
    make_module,
    make_quiz,
    make_user,
    paragraph,
    question,
    quiz_block,
)

QUIZZES = {
    "before": [
        ("Who may the interpreter speak with alone before the interview?", "Nobody", "The child"),
        ("What does the interpreter render?", "Everything that is said", "What matters"),
        ("Whom does the interpreter work for?", "The interview, impartially", "The police"),
    ],
    "practice": [
        ("The child uses a slang word: what do you do?", "Keep its register", "Tidy it up"),
        ("An officer speaks aside to a colleague: what do you do?", "Interpret it", "Keep quiet"),
        ("The child falls silent: what do you do?", "Wait, as the child does", "Fill the gap"),
    ],
    "after": [
        ("Who debriefs the interpreter?", "The team that called them", "No one at all"),
        ("May the interpreter tell a friend about the case?", "Never", "Without the names"),
        ("What does the interpreter keep of the interview?", "Nothing written", "Their notes"),
    ],
}
TEXT = (
    "<p>An interpreter who works with a child victim of trafficking renders everything that "
    "is said, in the first person, and keeps the child's own words.</p>"
)


def build(*, learners):
    """The course and `learners` accounts who sign in; returns the plan the load follows."""
    catalogue = make_catalogue()
    course = make_course(
        catalogue, title="Interpreting under load", slug="load-course", modules_in_order=True
    )
    quizzes = {
        key: make_quiz(
            title=f"Check: {key}",
            questions=[
                question(
                    "single_choice",
                    f"<p>{prompt}</p>",
                    choices=[choice(right, True), choice(wrong)],
                )
                for prompt, right, wrong in rows
            ],
            pass_mark=100,
            attempts_allowed=0,
        )
        for key, rows in QUIZZES.items()
    }
    source = make_excerpt(
        title="First contact at the station",
        media=_media("Station source", 12),
    )
    exercise = make_exercise(
        source,
        title="Interpret the first contact",
        turns=(4, 8),
        max_seconds=60,
        review_required=False,
    )
    modules = [
        make_module(
            course,
            title="Before the interview",
            slug="before",
            body=[paragraph(TEXT), quiz_block(quizzes["before"])],
        ),
        make_module(
            course,
            title="Interpreting the first contact",
            slug="practice",
            body=[paragraph(TEXT), exercise_block(exercise), quiz_block(quizzes["practice"])],
        ),
        make_module(
            course,
            title="After the interview",
            slug="after",
            body=[paragraph(TEXT), quiz_block(quizzes["after"])],
        ),
    ]
    keys = ["before", "practice", "after"]
    for number in range(learners):
        make_user(email=account(number, signs_up=False), full_name=f"Load Learner {number}")
    return {
        "course_url": course.url,
        "password": PASSWORD,
        "modules": [
            {
                "url": module.url,
                "quiz_id": quizzes[key].pk,
                "right": [right for _prompt, right, _wrong in QUIZZES[key]],
                "wrong": [wrong for _prompt, _right, wrong in QUIZZES[key]],
                "exercise_id": exercise.pk if key == "practice" else None,
            }
            for module, key in zip(modules, keys, strict=True)
        ],
    }


def account(number, *, signs_up):
    """The address of learner `number`: one who signs up, or one who has an account."""
    return f"load-{'newcomer' if signs_up else 'learner'}-{number}@example.test"


def _media(title, seconds):
    return ExcerptMedia.objects.create(
        title=title,
        type="audio",
        duration=Decimal(seconds),
        file=ContentFile(b"\0" * 64, name="source.ogg"),
    )
