"""A learner's renditions after the upload: who may hear and see them, self-assessment and
submission, the model rendition, reviews and remarks, progress, deletion and expiry."""

import datetime
import io
import os
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from modules.practice import services
from modules.practice.models import AssessmentGrid, Remark, Rendition
from modules.progress.models import ModuleProgress
from tests import factories
from tests.practice.conftest import upload_url


def page_url(rendition):
    return f"/practice/renditions/{rendition.pk}/"


def audio_url(rendition):
    return f"/practice/renditions/{rendition.pk}/audio/"


def scores_form(rendition, score=3, note="Hard at the end."):
    criteria = rendition.exercise.assessment_grid().criteria.all()
    return {**{f"score_{c.pk}": str(score) for c in criteria}, "note": note}


def full_scores(rendition, score=3):
    return {str(c.pk): score for c in rendition.exercise.assessment_grid().criteria.all()}


def test_the_site_has_a_default_grid_for_interpreting_for_a_child(db):
    grid = AssessmentGrid.site_default()
    assert grid.name == "Interpreting for a child"
    assert [(c.label, c.scale_max) for c in grid.criteria.all()] == [
        ("Accuracy and completeness", 4),
        ("Form of the questions kept", 4),
        ("The child's own words and register", 4),
        ("First person and transparency", 4),
        ("Delivery (pace, voice)", 4),
    ]


def test_nobody_else_hears_or_sees_a_rendition(client, draft, trainer):
    other = factories.make_user(email="other@example.test", full_name="Other Learner")
    assert client.get(page_url(draft)).status_code == 200
    assert client.get(audio_url(draft)).status_code == 200
    guessed = (
        f"/practice/renditions/{draft.pk + 1000}/",
        f"/practice/renditions/{draft.pk + 1000}/audio/",
    )
    for url in guessed:
        assert client.get(url).status_code == 404

    client.force_login(other)
    for url in (page_url(draft), audio_url(draft), f"/practice/renditions/{draft.pk}/model/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/practice/renditions/{draft.pk}/delete/").status_code == 404
    assert client.post(page_url(draft), scores_form(draft)).status_code == 404
    assert Rendition.objects.filter(pk=draft.pk, status="draft").exists()

    # A signed-out visitor gets a 404 for the recordings, real or guessed. The rendition's
    # page (the address a feedback mail links to) sends them to sign in, for a rendition that
    # exists and a guessed one alike: the answer tells nothing of which renditions exist.
    client.logout()
    model_url = f"/practice/renditions/{draft.pk}/model/"
    for url in (audio_url(draft), model_url, guessed[1]):
        assert client.get(url).status_code == 404
    for url in (page_url(draft), guessed[0]):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    # Trainers hear it (to review it); the learner's page stays the learner's.
    client.force_login(trainer)
    assert client.get(audio_url(draft)).status_code == 200
    assert client.get(page_url(draft)).status_code == 404


def test_a_self_assessment_out_of_range_is_refused(client, draft):
    form = scores_form(draft)
    first = next(key for key in form if key.startswith("score_"))
    for bad in ("5", "0", "two"):
        response = client.post(page_url(draft), {**form, first: bad})
        assert response.status_code == 400
        assert "Each score goes from 1 to 4" in response.content.decode()
    missing = {key: value for key, value in form.items() if key != first}
    response = client.post(page_url(draft), missing)
    assert response.status_code == 400
    assert "Give a score for this criterion" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.self_scores == {}
    with pytest.raises(services.RenditionRefused, match="1 to 4"):
        services.rendition_submit(rendition=draft, self_scores=full_scores(draft, 7))
    with pytest.raises(services.RenditionRefused, match="every criterion"):
        services.rendition_submit(rendition=draft, self_scores={})


def test_submitting_flips_the_status_and_opens_the_model_rendition(client, draft, model_media):
    page = client.get(page_url(draft)).content.decode()
    assert "Assess your rendition" in page
    assert "Accuracy and completeness" in page
    assert "Bonjour, je suis l&#x27;agent B." not in page
    assert f"/practice/renditions/{draft.pk}/model/" not in page
    assert client.get(f"/practice/renditions/{draft.pk}/model/").status_code == 404

    response = client.post(page_url(draft), scores_form(draft, 2))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert draft.submitted_at is not None
    assert set(draft.self_scores.values()) == {2}
    assert draft.note == "Hard at the end."

    page = client.get(page_url(draft)).content.decode()
    assert "Compare with the model" in page
    assert "Bonjour, je suis l&#x27;agent B." in page
    assert "Hello, I am Officer B." in page  # the source transcript beside it
    assert "Assess your rendition" not in page
    assert "Delete this rendition" not in page  # waiting for review
    model = client.get(f"/practice/renditions/{draft.pk}/model/")
    assert model.status_code == 200
    assert b"".join(model.streaming_content) == b"model"


def test_a_remark_outside_the_recording_is_refused(draft, trainer):
    services.rendition_submit(rendition=draft, self_scores=full_scores(draft))
    for at in ("-1", "3.5", "nonsense", "inf"):
        with pytest.raises(services.RenditionRefused):
            services.remark_add(rendition=draft, trainer=trainer, at=at, category="omission")
    with pytest.raises(services.RenditionRefused, match="categories"):
        services.remark_add(rendition=draft, trainer=trainer, at="1", category="typo")
    assert not Remark.objects.exists()
    remark = services.remark_add(
        rendition=draft, trainer=trainer, at="2.5", category="omission", comment="A hedge lost."
    )
    assert str(remark.at) == "2.50"
    with pytest.raises(services.RenditionRefused, match="1 to 4"):
        services.review_save(
            rendition=draft,
            trainer=trainer,
            scores=full_scores(draft, 9),
            summary="",
            publish=True,
        )


def test_the_learner_reads_the_feedback_once_published(
    client, draft, trainer, mailoutbox, django_capture_on_commit_callbacks
):
    services.rendition_submit(rendition=draft, self_scores=full_scores(draft, 2))
    services.remark_add(rendition=draft, trainer=trainer, at="2.5", category="good_solution")
    services.remark_add(rendition=draft, trainer=trainer, at="0.5", category="person")
    services.review_save(
        rendition=draft, trainer=trainer, scores=full_scores(draft, 4), summary="", publish=False
    )
    page = client.get(page_url(draft)).content.decode()
    assert "Good solution" not in page  # not published yet
    with django_capture_on_commit_callbacks(execute=True):
        services.review_save(
            rendition=draft,
            trainer=trainer,
            scores=full_scores(draft, 4),
            summary="Clear and faithful.",
            publish=True,
        )
    draft.refresh_from_db()
    assert draft.status == "reviewed" and draft.reviewed_at is not None
    page = client.get(page_url(draft)).content.decode()
    assert "Clear and faithful." in page
    assert page.index('data-at="0.50"') < page.index('data-at="2.50"')  # in time order
    assert "2 / 4" in page and "4 / 4" in page  # self beside trainer
    # The review completes the course's one module: the certificate's mail goes too.
    feedback = [mail for mail in mailoutbox if mail.subject == "Feedback on your rendition"]
    assert len(feedback) == 1
    assert feedback[0].to == [draft.learner.email]
    assert f"http://testserver/practice/renditions/{draft.pk}/" in feedback[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.review_save(
            rendition=draft, trainer=trainer, scores=full_scores(draft), summary="", publish=True
        )
    assert len([m for m in mailoutbox if m.subject == feedback[0].subject]) == 1  # told once


@pytest.mark.parametrize("review_required", [False, True])
def test_a_module_with_an_exercise_is_done_when_the_rendition_counts(
    client, draft, module, trainer, review_required
):
    exercise = draft.exercise
    exercise.review_required = review_required
    exercise.save()
    client.get(module.url)  # opened: in progress
    assert "Mark this module as done" not in client.get(module.url).content.decode()
    client.post(module.url + "done/")
    assert ModuleProgress.objects.get(module=module).completed_at is None

    client.post(page_url(draft), scores_form(draft))
    draft.refresh_from_db()
    done = ModuleProgress.objects.get(module=module).completed_at is not None
    assert done is (not review_required)
    services.review_save(
        rendition=draft, trainer=trainer, scores=full_scores(draft), summary="", publish=True
    )
    assert ModuleProgress.objects.get(module=module).completed_at is not None


def test_a_rendition_is_deleted_by_its_learner_but_not_while_under_review(
    client, draft, stored_renditions, trainer, django_capture_on_commit_callbacks
):
    path = draft.audio.path
    services.rendition_submit(rendition=draft, self_scores=full_scores(draft))
    response = client.post(f"/practice/renditions/{draft.pk}/delete/", follow=True)
    assert "waiting for a trainer" in response.content.decode()
    assert Rendition.objects.filter(pk=draft.pk).exists()
    services.review_save(
        rendition=draft, trainer=trainer, scores=full_scores(draft), summary="", publish=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/practice/renditions/{draft.pk}/delete/")
    assert response.status_code == 302
    assert not Rendition.objects.filter(pk=draft.pk).exists()
    assert stored_renditions() == []
    assert not os.path.exists(path)


def test_reviewed_renditions_expire_after_the_retention(
    draft, trainer, settings, stored_renditions, django_capture_on_commit_callbacks
):
    settings.RETENTION_RENDITION_DAYS = 30
    services.rendition_submit(rendition=draft, self_scores=full_scores(draft))
    services.review_save(
        rendition=draft, trainer=trainer, scores=full_scores(draft), summary="", publish=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_expired", stdout=io.StringIO())
    assert Rendition.objects.filter(pk=draft.pk).exists()
    Rendition.objects.filter(pk=draft.pk).update(
        reviewed_at=timezone.now() - datetime.timedelta(days=31)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.renditions_expire() == 1
    assert not Rendition.objects.exists()
    assert stored_renditions() == []


def test_drafts_never_submitted_expire_after_the_retention_from_their_recording(
    draft, settings, stored_renditions, django_capture_on_commit_callbacks
):
    settings.RETENTION_RENDITION_DAYS = 30
    Rendition.objects.filter(pk=draft.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=29)
    )
    assert services.renditions_expire() == 0
    Rendition.objects.filter(pk=draft.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.renditions_expire() == 1
    assert stored_renditions() == []


def test_the_module_page_shows_the_exercise_and_asks_for_consent_first(
    client, module, exercise, learner
):
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    assert exercise.title in html
    assert "A police interview; the child is nine." in html
    assert f'data-upload-url="{upload_url(exercise, module)}"' in html
    assert 'data-mode="consecutive"' in html
    assert 'data-turn-ends="[4.0, 8.0]"' in html
    assert 'data-max-seconds="60"' in html
    assert f'data-source-url="/excerpts/{exercise.excerpt.pk}/media/"' in html
    assert "I understand: let me record" in html
    assert 'enctype="multipart/form-data"' not in html
    # The source plays for a learner of the module, though no excerpt block shows it.
    assert client.get(f"/excerpts/{exercise.excerpt.pk}/media/").status_code == 200

    response = client.post("/practice/consent/", {"next": f"{module.url}#exercise-{exercise.pk}"})
    assert response.status_code == 302
    assert response["Location"] == f"{module.url}#exercise-{exercise.pk}"
    html = client.get(module.url).content.decode()
    assert "I understand: let me record" not in html
    assert 'enctype="multipart/form-data"' in html
    # Another site is never where consent sends the learner.
    response = client.post("/practice/consent/", {"next": "https://elsewhere.example/"})
    assert response["Location"] == "/"


def test_the_module_page_reads_exercises_in_bulk(client, course, excerpt, learner):
    def queries_for(count, slug):
        exercises = [factories.make_exercise(excerpt, title=f"E{i}") for i in range(count)]
        module = factories.make_module(
            course, title=slug, slug=slug, body=[factories.exercise_block(e) for e in exercises]
        )
        client.get(module.url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(module.url).status_code == 200
        return len(context)

    client.force_login(learner)
    assert queries_for(1, "one") == queries_for(4, "four")


def test_the_module_page_costs_the_same_with_one_rendition_or_five_of_ten_remarks(
    client, module, exercise, trainer
):
    """The exercise lists the learner's renditions of it: no rendition, and no remark of a
    trainer's on one, costs a query of its own."""

    def learner_with(renditions, remarks):
        learner = factories.make_user(email=f"takes-{renditions}@example.test")
        services.consent_record(learner=learner)
        for _ in range(renditions):
            rendition = Rendition.objects.create(
                learner=learner,
                exercise=exercise,
                exercise_title=exercise.title,
                module=module,
                take_id=uuid.uuid4(),
                duration=10,
                size=1,
                status=Rendition.Status.SUBMITTED,
            )
            for number in range(remarks):
                services.remark_add(
                    rendition=rendition, trainer=trainer, at=str(number), category="omission"
                )
        return learner

    def page_for(learner):
        client.force_login(learner)
        client.get(module.url)
        with CaptureQueriesContext(connection) as context:
            html = client.get(module.url).content.decode()
        return len(context), html.count('href="/practice/renditions/')

    few, many = learner_with(1, 1), learner_with(5, 10)
    assert Remark.objects.filter(rendition__learner=many).count() == 50
    (one, listed_one), (five, listed_five) = page_for(few), page_for(many)
    assert (listed_one, listed_five) == (1, 5)
    assert five == one


def test_trainers_write_exercises_and_grids_in_the_admin(client, trainer, exercise):
    client.force_login(trainer)
    for url in (
        "/admin/snippets/practice/interpretingexercise/",
        f"/admin/snippets/practice/interpretingexercise/edit/{exercise.pk}/",
        "/admin/snippets/practice/interpretingexercise/add/",
        "/admin/snippets/practice/assessmentgrid/",
        "/admin/snippets/practice/assessmentgrid/add/",
    ):
        assert client.get(url).status_code == 200, url
    for permission in (
        "practice.view_rendition",
        "practice.add_remark",
        "practice.change_remark",
        "practice.add_review",
        "practice.change_review",
        "practice.add_interpretingexercise",
        "practice.change_interpretingexercise",
        "practice.delete_interpretingexercise",
        "practice.add_assessmentgrid",
        "practice.change_assessmentgrid",
        "practice.delete_assessmentgrid",
    ):
        assert trainer.has_perm(permission), permission
    assert not trainer.has_perm("practice.change_rendition")


def test_a_trainer_makes_a_grid_and_only_one_is_the_default(client, trainer):
    client.force_login(trainer)

    def grid(name, is_default):
        data = nested_form_data(
            {
                "name": name,
                "criteria": inline_formset(
                    [{"label": "Accuracy", "description": "", "scale_max": "5"}]
                ),
            }
        )
        if is_default:
            data["is_default"] = "on"
        return client.post("/admin/snippets/practice/assessmentgrid/add/", data)

    assert grid("Second default", True).status_code == 200  # the form again, with the error
    assert not AssessmentGrid.objects.filter(name="Second default").exists()
    assert grid("For simultaneous", False).status_code == 302
    made = AssessmentGrid.objects.get(name="For simultaneous")
    assert [(c.label, c.scale_max) for c in made.criteria.all()] == [("Accuracy", 5)]
