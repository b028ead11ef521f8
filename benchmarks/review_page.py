"""The trainer's review page with 1, 10 and 50 remarks, against a bare admin page.

All four are served the way a trainer gets them: `django.test.Client().get(url)` by the
same signed-in member of the Trainers group, through every middleware and Wagtail's admin
(its sidebar, header and breadcrumbs), and timed by the same harness, interleaved, in the
same run.

- Review page: `/admin/practice/renditions/<id>/review/` of a submitted rendition of a
  consecutive exercise: 60 seconds of recording, six turns (the timeline and the turn list),
  the learner's self-assessment and note, the site's default grid of five criteria as the
  scoring form, two hard moments, the source's transcript of three turns and the briefing.
  Three such renditions, by three learners, differ only in their remarks: 1, 10 or 50,
  spread over the recording, of every category, each with a comment, added by
  `practice.services.remark_add` as the review page's own requests add them. The rendition
  has no audio file: the page links to it and never reads it.
- Bare admin page: `bench/admin-bare/` in benchmarks/urls.py, a Wagtail admin view of its
  own (`WagtailAdminTemplateMixin`, behind `require_admin_access`) that renders
  `wagtailadmin/generic/base.html` with the review page's title and nothing in it: what
  the admin's frame costs before the review page does anything.

The ratios of the medians: the review page with 1 remark over the bare admin page (what
the review costs over the admin's frame) and with 50 remarks over 1 (what each remark's
row, form and button add). Query counts are taken on warm requests: the review page's must
be the same with 1, 10 and 50 remarks (a query per remark would show there), and is
flagged when it is not. Every review page is checked before timing: its title, the
learner, every remark's comment, the scoring form and the turns.
"""

import re
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from benchmarks.common import (
    count_queries,
    environment,
    flag,
    getter,
    measure_many,
    page_results,
    page_rows,
    ratio,
    results_head,
    signed_in,
    site_catalogue,
)
from modules.models import ExcerptMedia
from modules.practice import services as practice_services
from modules.practice.models import AssessmentGrid, HardMoment, Remark, Rendition
from tests.factories import (
    exercise_block,
    make_course,
    make_excerpt,
    make_exercise,
    make_module,
    make_user,
)

NAME = "review_page"
REMARKS = (1, 10, 50)
SECONDS = 60
TURNS = 6
BARE_URL = "/bench/admin-bare/"
REMARK_ITEM = re.compile(r'<li [^>]*data-remark [^>]*id="remark-\d+"')
COMMENTS = [
    "The question became a statement: keep it open.",
    "Her own word for the place is gone.",
    "Third person here: stay in the first.",
    "Well kept, pauses and all.",
    "The officer's aside to the social worker was interpreted to the child.",
]


def turn_marks():
    """TURNS consecutive turns sharing the SECONDS of the recording."""
    span = SECONDS / TURNS
    return [
        {
            "turn": number,
            "source_end": round(number * 12.0, 1),
            "rendition_start": round((number - 1) * span, 1),
            "rendition_end": round(number * span - 0.5, 1),
        }
        for number in range(1, TURNS + 1)
    ]


def build():
    """A trainer and a submitted rendition per count of REMARKS: (trainer, {count: rendition},
    the source media, whose file is removed at the end)."""
    course = make_course(site_catalogue(), title="Review page", slug="review-page-bench")
    media = ExcerptMedia.objects.create(
        title="Source", type="audio", duration=72, file=ContentFile(b"\0" * 64, name="src.ogg")
    )
    excerpt = make_excerpt(title="Where she slept", media=media)
    exercise = make_exercise(
        excerpt,
        title="Interpret where she slept",
        turns=[12 * number for number in range(1, TURNS)],
        max_seconds=120,
        review_required=True,
    )
    exercise.hard_moments = [
        HardMoment(at=Decimal("14.5"), label="The child's own word"),
        HardMoment(at=Decimal("40"), label="A question that leads"),
    ]
    exercise.save()
    module = make_module(course, body=[exercise_block(exercise)])
    trainer = make_user(email="review-bench-trainer@example.test", full_name="Bench Trainer")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    criteria = [criterion.pk for criterion in AssessmentGrid.site_default().criteria.all()]
    categories = [value for value, _label in Remark.Category.choices]
    renditions = {}
    for count in REMARKS:
        learner = make_user(
            email=f"review-bench-{count}@example.test", full_name=f"Learner of {count}"
        )
        rendition = Rendition.objects.create(
            learner=learner,
            exercise=exercise,
            exercise_title=exercise.title,
            module=module,
            take_id=f"00000000-0000-4000-8000-{count:012d}",
            content_type="audio/webm",
            duration=Decimal(SECONDS),
            size=1,
            turn_marks=turn_marks(),
        )
        practice_services.rendition_submit(
            rendition=rendition,
            self_scores=dict.fromkeys(criteria, 2),
            note="Turn 3 was hard: she spoke fast.",
        )
        for number in range(count):
            practice_services.remark_add(
                rendition=rendition,
                trainer=trainer,
                at=Decimal(SECONDS * (number + 0.5) / count).quantize(Decimal("0.01")),
                category=categories[number % len(categories)],
                comment=f"{COMMENTS[number % len(COMMENTS)]} (remark {number + 1})",
            )
        renditions[count] = rendition
    return trainer, renditions, media


def review_url(rendition):
    return reverse("practice_renditions:review", args=(rendition.pk,))


def check_review(html, rendition, count):
    """The review page shows the rendition, its remarks (every one), the form and the turns."""
    needed = [
        f"Review: {rendition.exercise_title}",
        rendition.learner.full_name,
        "Publish to the learner",
        "Play the session, turn by turn",
        f"Turn {TURNS}: the source",
    ]
    for text in needed:
        if text not in html:
            raise RuntimeError(f"The review page with {count} remarks does not show {text!r}")
    shown = len(REMARK_ITEM.findall(html))
    if shown != count:
        raise RuntimeError(f"The review page with {count} remarks lists {shown}")
    for number in range(count):
        if f"(remark {number + 1})</p>" not in html:
            raise RuntimeError(f"The review page with {count} remarks misses remark {number + 1}")


def side(count):
    return f"review_{count}_remarks"


def run(repeat=50, warmup=5):
    trainer, renditions, media = build()
    try:
        return _run(repeat, warmup, trainer, renditions)
    finally:
        media.file.delete(save=False)


def _run(repeat, warmup, trainer, renditions):
    client = signed_in(trainer)
    sides = {side(count): getter(client, review_url(renditions[count])) for count in REMARKS}
    sides["bare_admin"] = getter(client, BARE_URL)

    # Check that every side serves what it should before timing them.
    responses = {name: get() for name, get in sides.items()}
    for count in REMARKS:
        check_review(responses[side(count)].content.decode(), renditions[count], count)
    bare = responses["bare_admin"].content.decode()
    if "Review:" not in bare or REMARK_ITEM.search(bare):
        raise RuntimeError("The bare admin page is not the empty frame of a review page")

    timed = measure_many(sides, repeat=repeat, warmup=warmup)
    queries = {name: count_queries(get) for name, get in sides.items()}
    first, most = side(REMARKS[0]), side(REMARKS[-1])
    over_bare = ratio(timed, first, "bare_admin")
    per_remark = ratio(timed, most, first)
    constant = len({queries[side(count)] for count in REMARKS}) == 1

    query_counts = {
        **{side(count): queries[side(count)] for count in REMARKS},
        "bare_admin": queries["bare_admin"],
        "review_constant": constant,
    }
    data = results_head(NAME, repeat, warmup, over_bare, query_counts)
    data[f"ratio_{REMARKS[-1]}_over_{REMARKS[0]}_remarks"] = per_remark.as_dict()
    data.update(page_results(timed, queries, responses))
    data.update(environment())

    labels = [(side(count), f"review ({count} remark{'s' * (count > 1)})") for count in REMARKS]
    rows = page_rows([*labels, ("bare_admin", "bare admin page")], timed, data)
    counts = ", ".join(str(queries[side(count)]) for count in REMARKS)
    notes = [
        over_bare.note(f"review ({REMARKS[0]} remark)/bare admin", repeat, warmup),
        per_remark.note(f"review ({REMARKS[-1]} remarks)/({REMARKS[0]} remark)", repeat, warmup),
        f"review page queries, {', '.join(map(str, REMARKS))} remarks: {counts}"
        + flag(not constant, "NOT CONSTANT"),
    ]
    return rows, notes, data
