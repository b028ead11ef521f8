"""The trainer's review of a rendition, over HTTP: the queue, remarks at moments of the
recording, the grid, publishing (the learner is told, the module is done), hard moments
compared across learners, who may reach these pages, and what they cost in queries."""

import json
import re
import subprocess
import uuid
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files import File
from django.db import connection
from django.test.utils import CaptureQueriesContext

from modules.models import ExcerptMedia
from modules.practice.models import (
    AssessmentGrid,
    ExerciseTurn,
    HardMoment,
    InterpretingExercise,
    Remark,
    Rendition,
    Review,
)
from modules.progress.models import Cohort, ModuleProgress
from tests import factories

# The session of a consecutive exercise of three source turns, as the recorder marks it.
TURN_ENDS = [4, 8, 12]
TURN_MARKS = [
    {"turn": 1, "source_end": 4.0, "rendition_start": 0.0, "rendition_end": 3.0},
    {"turn": 2, "source_end": 8.0, "rendition_start": 3.5, "rendition_end": 6.5},
    {"turn": 3, "source_end": 12.0, "rendition_start": 7.0, "rendition_end": 10.0},
]


def sound(tmp_path, seconds, name="take.wav"):
    """A real recording of the given length (a tone), as a learner's take would be."""
    path = tmp_path / name
    subprocess.run(  # noqa: S603
        [
            "/usr/bin/ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=330:duration={seconds}",
            "-ar",
            "8000",
            "-ac",
            "1",
            str(path),
        ],
        check=True,
    )
    return path


def exercise_block(exercise):
    return {"type": "interpreting_exercise", "value": {"exercise": exercise.pk}}


def make_exercise(
    tmp_path, title="First contact at the police station", mode="consecutive", **extra
):
    """An exercise on an excerpt with real source audio, three turns and one hard moment."""
    with open(sound(tmp_path, 12, f"{uuid.uuid4()}.wav"), "rb") as audio:
        media = ExcerptMedia.objects.create(
            title=f"{title} (audio)", type="audio", duration=12, file=File(audio, "source.wav")
        )
    exercise = InterpretingExercise(
        title=title,
        excerpt=factories.make_excerpt(title=f"{title} (source)", media=media),
        briefing="<p>A police interview; the child is twelve and speaks Romanian.</p>",
        mode=mode,
        source_language="Romanian",
        target_language="English",
        **extra,
    )
    exercise.turns = [ExerciseTurn(end=end) for end in TURN_ENDS]
    exercise.hard_moments = [HardMoment(at="6.00", label="The child's own word")]
    exercise.save()
    return exercise


def record(client, learner, module, exercise, tmp_path, *, seconds=10, marks=TURN_MARKS):
    """The learner accepts the notice, uploads a take and submits it with a self-assessment."""
    client.force_login(learner)
    client.post("/practice/consent/", {"next": module.url})
    with open(sound(tmp_path, seconds, f"{uuid.uuid4()}.wav"), "rb") as audio:
        response = client.post(
            f"/practice/exercises/{exercise.pk}/in/{module.pk}/renditions/",
            {"audio": audio, "take_id": str(uuid.uuid4()), "turn_marks": json.dumps(marks)},
        )
    assert response.status_code == 201, response.content
    rendition = Rendition.objects.get(pk=response.json()["id"])
    scores = {f"score_{c.pk}": 3 for c in exercise.assessment_grid().criteria.all()}
    response = client.post(f"/practice/renditions/{rendition.pk}/", {**scores, "note": "Hard."})
    assert response.status_code == 302
    rendition.refresh_from_db()
    assert rendition.status == Rendition.Status.SUBMITTED
    return rendition


@pytest.fixture
def practice(client, course, learner, trainer, tmp_path):
    exercise = make_exercise(tmp_path)
    module = factories.make_module(
        course,
        title="Interpreting a first contact",
        slug="first-contact",
        body=[exercise_block(exercise)],
    )
    rendition = record(client, learner, module, exercise, tmp_path)
    client.force_login(trainer)
    return SimpleNamespace(
        course=course,
        module=module,
        exercise=exercise,
        rendition=rendition,
        learner=learner,
        trainer=trainer,
        criteria=list(AssessmentGrid.site_default().criteria.all()),
    )


def review_url(rendition):
    return f"/admin/practice/renditions/{rendition.pk}/review/"


def remarks_url(rendition):
    return f"/admin/practice/renditions/{rendition.pk}/remarks/"


def add_remark(client, rendition, **data):
    return client.post(
        remarks_url(rendition),
        json.dumps(data),
        content_type="application/json",
        headers={"accept": "application/json"},
    )


def all_scores(criteria, value=3):
    return {f"score_{criterion.pk}": value for criterion in criteria}


def test_the_review_page_plays_the_session_with_the_source_turns(client, practice):
    response = client.get(review_url(practice.rendition))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/practice/renditions/{practice.rendition.pk}/audio/" in html
    assert "Play the session, turn by turn" in html
    # The timeline of the consecutive session: each source turn and where it was rendered.
    assert 'data-source-start="4.0" data-source-end="8.0"' in html
    assert 'data-rendition-start="3.5" data-rendition-end="6.5"' in html
    assert "Turn 2: the source from 4.0 s to 8.0 s, rendered from 3.5 s to 6.5 s" in html
    # The fixed list of what goes wrong or right when interpreting for a child.
    for _value, label in Remark.Category.choices:
        assert str(label) in html
    assert "The learner's note" in html and "Hard." in html
    assert "The learner's self-assessment: 3" in html
    assert "js/review.js" in html


def test_remarks_at_moments_of_the_recording_and_bad_ones_refused(client, practice):
    rendition = practice.rendition
    for at, category, comment in [
        (1.2, "question_type", "The open invitation became a yes/no question."),
        ("4.5", "tidying_up", "The child's word for it was replaced."),
        (8, "good_solution", "First person kept under pressure."),
    ]:
        response = add_remark(client, rendition, at=at, category=category, comment=comment)
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["comment"] == comment and body["delete_url"].endswith("/delete/")
    assert [(float(r.at), r.category) for r in rendition.remarks.all()] == [
        (1.2, "question_type"),
        (4.5, "tidying_up"),
        (8.0, "good_solution"),
    ]
    assert {r.trainer for r in rendition.remarks.all()} == {practice.trainer}

    outside = add_remark(client, rendition, at=99, category="omission", comment="Too late.")
    assert outside.status_code == 400
    assert "within the recording" in outside.json()["error"]
    unknown = add_remark(client, rendition, at=2, category="mumbling", comment="No such kind.")
    assert unknown.status_code == 400
    assert "Choose one of the remark categories" in unknown.json()["error"]
    nonsense = add_remark(client, rendition, at="soon", category="omission")
    assert nonsense.status_code == 400 and "number of seconds" in nonsense.json()["error"]
    unreadable = client.post(remarks_url(rendition), "{not json", content_type="application/json")
    assert unreadable.status_code == 400
    assert rendition.remarks.count() == 3

    html = client.get(review_url(rendition)).content.decode()
    assert html.index("yes/no question") < html.index("replaced") < html.index("First person")


def test_without_a_script_the_remark_form_posts_and_comes_back(client, practice):
    rendition = practice.rendition
    response = client.post(
        remarks_url(rendition), {"at": "2.5", "category": "omission", "comment": "A hedge lost."}
    )
    assert response.status_code == 302 and response["Location"].endswith("/review/#remarks")
    page = client.get(response["Location"]).content.decode()
    assert "Remark added at 2.50 s: Omission." in page and "A hedge lost." in page
    refused = client.post(remarks_url(rendition), {"at": "-1", "category": "omission"}, follow=True)
    assert "within the recording" in refused.content.decode()
    assert rendition.remarks.count() == 1


def test_a_remark_is_deleted(client, practice):
    rendition = practice.rendition
    kept = add_remark(client, rendition, at=1, category="addition").json()
    gone = add_remark(client, rendition, at=2, category="omission").json()
    response = client.post(gone["delete_url"], headers={"accept": "application/json"})
    assert response.status_code == 200 and response.json() == {"deleted": gone["id"]}
    assert list(rendition.remarks.values_list("pk", flat=True)) == [kept["id"]]
    # A remark of another rendition is not reached through this one.
    other = Rendition.objects.create(
        learner=practice.learner,
        exercise=practice.exercise,
        exercise_title="Other",
        take_id=uuid.uuid4(),
        duration=5,
        size=1,
        status=Rendition.Status.SUBMITTED,
    )
    forged = f"/admin/practice/renditions/{other.pk}/remarks/{kept['id']}/delete/"
    assert client.post(forged).status_code == 404
    assert rendition.remarks.count() == 1


def test_a_grid_score_out_of_range_is_refused_and_nothing_stored(client, practice):
    rendition = practice.rendition
    scores = all_scores(practice.criteria)
    scores[f"score_{practice.criteria[0].pk}"] = 9
    response = client.post(
        review_url(rendition), {**scores, "summary": "Good work.", "action": "publish"}
    )
    assert response.status_code == 400
    assert "Each score goes from 1 to 4." in response.content.decode()
    assert not Review.objects.filter(rendition=rendition).exists()
    missing = all_scores(practice.criteria)
    del missing[f"score_{practice.criteria[-1].pk}"]
    response = client.post(review_url(rendition), {**missing, "action": "publish"})
    assert response.status_code == 400
    assert "Give a score for every criterion." in response.content.decode()
    assert not Review.objects.filter(rendition=rendition).exists()
    rendition.refresh_from_db()
    assert rendition.status == Rendition.Status.SUBMITTED
    assert len(mail.outbox) == 0


def test_a_draft_review_stays_with_the_trainer(
    client, practice, django_capture_on_commit_callbacks
):
    rendition = practice.rendition
    add_remark(client, rendition, at=1, category="addition", comment="Reassurance added.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            review_url(rendition), {"summary": "Half written.", "action": "draft"}
        )
    assert response.status_code == 302
    rendition.refresh_from_db()
    assert rendition.status == Rendition.Status.SUBMITTED
    assert Review.objects.get(rendition=rendition).summary == "Half written."
    assert len(mail.outbox) == 0
    client.force_login(practice.learner)
    page = client.get(f"/practice/renditions/{rendition.pk}/").content.decode()
    assert "Half written." not in page and "Reassurance added." not in page


def test_publishing_tells_the_learner_and_completes_the_module(
    client, practice, django_capture_on_commit_callbacks
):
    rendition, learner = practice.rendition, practice.learner
    assert practice.exercise.review_required
    assert not ModuleProgress.objects.filter(
        learner=learner, module=practice.module, completed_at__isnull=False
    ).exists()
    for at, category, comment in [
        (1, "question_type", "Options were added to the question."),
        (4, "person", "Third person: 'she says that'."),
        (8, "good_solution", "The hesitation came through."),
    ]:
        assert (
            add_remark(client, rendition, at=at, category=category, comment=comment).status_code
            == 201
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            review_url(rendition),
            {
                **all_scores(practice.criteria),
                "summary": "Keep the questions open.",
                "action": "publish",
            },
        )
    assert response.status_code == 302
    rendition.refresh_from_db()
    assert rendition.status == Rendition.Status.REVIEWED and rendition.reviewed_at
    review = Review.objects.get(rendition=rendition)
    assert review.trainer == practice.trainer
    assert review.scores == {str(c.pk): 3 for c in practice.criteria}
    # The learner is told by mail, with the link to the feedback (and, the course being
    # complete, gets their certificate's mail too).
    told = [m for m in mail.outbox if m.subject == "Feedback on your rendition"]
    assert len(told) == 1
    message = told[0]
    assert message.to == [learner.email]
    assert f"http://testserver/practice/renditions/{rendition.pk}/" in message.body
    # The exercise asks for a review: the module is done now.
    assert ModuleProgress.objects.get(learner=learner, module=practice.module).completed_at
    # Saving again changes the review without telling the learner twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            review_url(rendition),
            {**all_scores(practice.criteria, 4), "summary": "Better.", "action": "publish"},
        )
    assert len([m for m in mail.outbox if m.subject == "Feedback on your rendition"]) == 1
    assert Review.objects.get(rendition=rendition).summary == "Better."

    client.force_login(learner)
    dashboard = client.get("/dashboard/").content.decode()
    assert "Feedback waiting" in dashboard
    assert f"/practice/renditions/{rendition.pk}/" in dashboard
    page = client.get(f"/practice/renditions/{rendition.pk}/").content.decode()
    for text in ["Options were added to the question.", "Third person", "hesitation came through"]:
        assert text in page.replace("&#x27;", "'")
    assert "Better." in page
    # Read once, the feedback no longer waits.
    assert "Feedback waiting" not in client.get("/dashboard/").content.decode()


def test_a_review_of_an_exercise_without_required_review_keeps_the_module_done(
    client, course, learner, trainer, tmp_path
):
    exercise = make_exercise(tmp_path, title="Simultaneous practice", review_required=False)
    module = factories.make_module(course, body=[exercise_block(exercise)])
    rendition = record(client, learner, module, exercise, tmp_path)
    assert ModuleProgress.objects.get(learner=learner, module=module).completed_at
    client.force_login(trainer)
    criteria = exercise.assessment_grid().criteria.all()
    client.post(review_url(rendition), {**all_scores(criteria), "action": "publish"})
    assert ModuleProgress.objects.get(learner=learner, module=module).completed_at


def test_the_queue_lists_submitted_renditions_with_filters(client, practice, tmp_path):
    other_course = factories.make_course(practice.course.get_parent(), title="Other", slug="other")
    # A second learner, in a cohort, in another course; and a draft nobody sees.
    ben = factories.make_user(email="ben@example.test", full_name="Ben Second")
    cohort = Cohort.objects.create(name="Spring group")
    cohort.learners.add(ben)
    exercise = make_exercise(tmp_path, title="Therapeutic interview")
    module = factories.make_module(other_course, body=[exercise_block(exercise)])
    bens = record(client, ben, module, exercise, tmp_path)
    draft = Rendition.objects.create(
        learner=ben,
        exercise=exercise,
        exercise_title="A draft",
        module=module,
        take_id=uuid.uuid4(),
        duration=3,
        size=1,
    )
    client.force_login(practice.trainer)
    html = client.get("/admin/practice/renditions/").content.decode()
    assert "Ana Learner" in html and "Ben Second" in html
    assert review_url(practice.rendition) in html and review_url(bens) in html
    assert "A draft" not in html and review_url(draft) not in html
    assert "Interpreting a first contact" in html  # the module

    def names(query):
        page = client.get(f"/admin/practice/renditions/?{query}").content.decode()
        return {name for name in ("Ana Learner", "Ben Second") if name in page}

    assert names(f"exercise={exercise.pk}") == {"Ben Second"}
    assert names(f"course={other_course.pk}") == {"Ben Second"}
    assert names(f"course={practice.course.pk}") == {"Ana Learner"}
    assert names(f"cohort={cohort.pk}") == {"Ben Second"}
    assert names("learner=ben%40example") == {"Ben Second"}
    assert names("learner=SECOND") == {"Ben Second"}
    assert names("learner=%20%20") == {"Ana Learner", "Ben Second"}
    assert names("q=Therapeutic") == {"Ben Second"}
    published = client.post(
        review_url(bens), {**all_scores(practice.criteria), "action": "publish"}, follow=True
    )
    assert "The review is published: Ben Second has been told." in published.content.decode()
    assert names("status=submitted") == {"Ana Learner"}
    assert names("status=reviewed") == {"Ben Second"}
    # The review page of a draft does not exist for trainers.
    assert client.get(review_url(draft)).status_code == 404


def test_hard_moments_heard_across_learners(client, practice, tmp_path):
    ben = factories.make_user(email="ben@example.test", full_name="Ben Second")
    marks = [
        {"turn": 1, "source_end": 4.0, "rendition_start": 0.0, "rendition_end": 2.0},
        {"turn": 2, "source_end": 8.0, "rendition_start": 2.5, "rendition_end": 5.25},
    ]
    record(client, ben, practice.module, practice.exercise, tmp_path, seconds=6, marks=marks)
    client.force_login(practice.trainer)
    url = f"/admin/practice/exercises/{practice.exercise.pk}/moments/1/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The child&#x27;s own word" in html
    # The moment at 6 s falls in the second source turn: each learner's rendition of it.
    ana_audio = f"/practice/renditions/{practice.rendition.pk}/audio/#t=3.5,6.5"
    assert ana_audio in html
    assert re.search(r"/practice/renditions/\d+/audio/#t=2\.5,5\.25", html)
    assert html.index("Ana Learner") < html.index("Ben Second")
    assert "2 renditions" in html
    assert (
        client.get(f"/admin/practice/exercises/{practice.exercise.pk}/moments/2/").status_code
        == 404
    )
    # Linked from the review page and from the exercises list.
    assert url in client.get(review_url(practice.rendition)).content.decode()
    assert url in client.get("/admin/snippets/practice/interpretingexercise/").content.decode()


def test_hard_moments_of_a_simultaneous_exercise(client, course, learner, trainer, tmp_path):
    exercise = make_exercise(tmp_path, title="Simultaneous", mode="simultaneous")
    module = factories.make_module(course, body=[exercise_block(exercise)])
    rendition = record(client, learner, module, exercise, tmp_path, seconds=12, marks=[])
    client.force_login(trainer)
    html = client.get(f"/admin/practice/exercises/{exercise.pk}/moments/1/").content.decode()
    # From two seconds before the moment (6 s), for ten seconds, within the recording.
    assert f"/practice/renditions/{rendition.pk}/audio/#t=4.0,12.0" in html
    assert "Play both together" in client.get(review_url(rendition)).content.decode()


def admin_access():  # noqa: N802
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def trainer_pages(practice):
    rendition = practice.rendition
    remark = Remark.objects.create(rendition=rendition, at=1, category="addition")
    return {
        "get": [
            "/admin/practice/renditions/",
            review_url(rendition),
            f"/admin/practice/exercises/{practice.exercise.pk}/moments/1/",
        ],
        "post": [
            (remarks_url(rendition), {"at": "1", "category": "omission"}),
            (f"/admin/practice/renditions/{rendition.pk}/remarks/{remark.pk}/delete/", {}),
            (review_url(rendition), {**all_scores(practice.criteria), "action": "publish"}),
        ],
    }


def assert_nothing_changed(practice):
    rendition = practice.rendition
    rendition.refresh_from_db()
    assert rendition.status == Rendition.Status.SUBMITTED
    assert rendition.remarks.count() == 1
    assert not Review.objects.filter(rendition=rendition).exists()


def test_learners_and_visitors_never_reach_the_review(client, practice):
    pages = trainer_pages(practice)
    client.logout()
    for url in pages["get"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    for url, data in pages["post"]:
        response = client.post(url, data)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(practice.learner)
    for url in pages["get"]:
        response = client.get(url)
        assert response.status_code in (302, 403) and practice.learner.email not in str(
            response.content
        )
        assert response.status_code == 403 or "/admin/login/" in response["Location"]
    for url, data in pages["post"]:
        assert client.post(url, data).status_code in (302, 403)
    assert_nothing_changed(practice)


def refused(response):
    """The admin refuses a signed-in user without the permission: 403, or back to the
    dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def test_an_editor_without_the_review_permissions_is_refused(client, practice):
    pages = trainer_pages(practice)
    editor = factories.make_user(email="ed@example.test", full_name="Ed Editor")
    editor.user_permissions.add(admin_access())
    client.force_login(editor)
    for url in pages["get"]:
        assert refused(client.get(url)), url
    for url, data in pages["post"]:
        assert refused(client.post(url, data)), url
    assert_nothing_changed(practice)


def test_a_trainer_who_may_only_listen_cannot_review(client, practice):
    pages = trainer_pages(practice)
    listener = factories.make_user(email="li@example.test", full_name="Li Listener")
    listener.user_permissions.add(
        admin_access(),
        Permission.objects.get(content_type__app_label="practice", codename="view_rendition"),
    )
    client.force_login(listener)
    for url in pages["get"]:
        assert client.get(url).status_code == 200, url
    for url, data in pages["post"]:
        assert refused(client.post(url, data)), url
    assert_nothing_changed(practice)
    assert "Add the remark" not in client.get(review_url(practice.rendition)).content.decode()


def test_trainers_may_remark_review_and_delete_remarks_by_their_group(db):
    trainers = Group.objects.get(name="Trainers")
    codenames = set(
        trainers.permissions.filter(content_type__app_label="practice").values_list(
            "codename", flat=True
        )
    )
    assert {
        "view_rendition",
        "add_remark",
        "delete_remark",
        "add_review",
        "change_review",
    } <= codenames
    assert not {"add_rendition", "change_rendition", "delete_rendition"} & codenames


def queries_for(client, url):
    """Counted on a repeat request: the first keeps the trainer's permissions in the cache."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_review_page_costs_the_same_with_one_remark_or_ten(client, practice):
    rendition = practice.rendition
    add_remark(client, rendition, at=1, category="addition")
    one = queries_for(client, review_url(rendition))
    for second in range(2, 11):
        add_remark(client, rendition, at=second * 0.9, category="omission", comment=f"n{second}")
    assert rendition.remarks.count() == 10
    assert queries_for(client, review_url(rendition)) == one


def waiting_rendition(practice, learner):
    """A rendition of the practice exercise submitted by `learner`, waiting in the queue (with
    no recording: the queue and the review page link to it and never read it)."""
    return Rendition.objects.create(
        learner=learner,
        exercise=practice.exercise,
        exercise_title=practice.exercise.title,
        module=practice.module,
        take_id=uuid.uuid4(),
        duration=10,
        size=1,
        turn_marks=TURN_MARKS,
        status=Rendition.Status.SUBMITTED,
    )


def test_the_review_page_costs_the_same_with_one_rendition_or_ten_before_it(client, practice):
    """The learner's earlier takes and the others waiting in the queue are not the page's:
    none of them costs the review of one rendition a query."""
    rendition = practice.rendition
    add_remark(client, rendition, at=1, category="addition")
    one = queries_for(client, review_url(rendition))
    others = [practice.learner] * 9 + [
        factories.make_user(email=f"queue{number}@example.test") for number in range(9)
    ]
    for learner in others:
        waiting_rendition(practice, learner)
    assert Rendition.objects.filter(learner=practice.learner).count() == 10
    assert Rendition.objects.filter(status=Rendition.Status.SUBMITTED).count() == 19
    assert queries_for(client, review_url(rendition)) == one


def test_the_queue_and_hard_moments_cost_the_same_with_one_rendition_or_ten(client, practice):
    exercise = practice.exercise
    queue = "/admin/practice/renditions/"
    moment = f"/admin/practice/exercises/{exercise.pk}/moments/1/"
    one = (queries_for(client, queue), queries_for(client, moment))
    for number in range(9):
        learner = factories.make_user(
            email=f"l{number}@example.test", full_name=f"Learner {number}"
        )
        waiting_rendition(practice, learner)
    assert Rendition.objects.count() == 10
    assert (queries_for(client, queue), queries_for(client, moment)) == one


def test_reports_show_renditions_reviews_and_median_scores(client, practice, tmp_path):
    ben = factories.make_user(email="ben@example.test", full_name="Ben Second")
    bens = record(client, ben, practice.module, practice.exercise, tmp_path)
    client.force_login(practice.trainer)
    first, *others = practice.criteria
    for rendition, score in [(practice.rendition, 2), (bens, 3)]:
        scores = {**all_scores(others, 4), f"score_{first.pk}": score}
        client.post(review_url(rendition), {**scores, "summary": "Fine.", "action": "publish"})
    add_remark(client, practice.rendition, at=1, category="omission")
    summary = client.get(f"/admin/reports/course-summary/{practice.course.pk}/").content.decode()
    assert "Interpreting exercises" in summary
    row = re.search(rf'<tr[^>]*data-exercise="{practice.exercise.pk}".*?</tr>', summary, re.S)
    assert row, summary
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    assert cells[:2] == ["2", "2"]  # submitted, reviewed
    assert f"{first.label}: 2.5 / 4" in summary.replace("&#x27;", "'")
    detail = client.get(f"/admin/reports/learners/{practice.learner.pk}/").content.decode()
    assert "Renditions" in detail and practice.exercise.title in detail
    assert review_url(practice.rendition) in detail
    assert "Reviewed" in detail and "Tess Trainer" in detail
    assert f"{first.label}: 2 / 4".replace("'", "&#x27;") in detail
