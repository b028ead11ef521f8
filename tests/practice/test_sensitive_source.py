"""An exercise whose source excerpt is sensitive: the source plays without a download control,
and the learner's rendition page shows it only while its module is open to them, enrolled."""

from modules.models import ExcerptOpening, InterviewExcerpt
from modules.practice import services
from modules.progress.models import Enrolment
from tests.practice.test_renditions import full_scores, page_url

SOURCE_TURN = "Hello, I am Officer B."


def tag_with(html, marker):
    """The HTML tag that carries `marker`."""
    at = html.index(marker)
    return html[html.rindex("<", 0, at) : html.index(">", at) + 1]


def make_sensitive(excerpt):
    InterviewExcerpt.objects.filter(pk=excerpt.pk).update(sensitive=True)


def test_the_exercise_plays_a_sensitive_source_without_a_download_control(
    client, module, exercise, learner
):
    make_sensitive(exercise.excerpt)
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    source = tag_with(html, 'class="exercise__media"')
    assert 'controlslist="nodownload"' in source and "data-sensitive-media" in source
    assert "The source is sensitive" in html
    assert client.get(f"/excerpts/{exercise.excerpt.pk}/media/").status_code == 200
    assert ExcerptOpening.objects.filter(learner=learner, what=ExcerptOpening.What.MEDIA).exists()


def test_the_rendition_page_shows_a_sensitive_source_to_the_enrolled_only(
    client, draft, module, exercise
):
    services.rendition_submit(rendition=draft, self_scores=full_scores(draft))
    make_sensitive(exercise.excerpt)
    learner = draft.learner

    # No longer enrolled in the course: a note, no source, no transcript.
    Enrolment.objects.filter(learner=learner).delete()
    html = client.get(page_url(draft)).content.decode()
    assert "The source of this exercise is sensitive" in html
    assert SOURCE_TURN not in html
    assert f"/excerpts/{exercise.excerpt.pk}/media/" not in html
    assert client.get(f"/excerpts/{exercise.excerpt.pk}/media/").status_code == 404

    client.get(module.url)  # opening the module enrols them
    html = client.get(page_url(draft)).content.decode()
    assert SOURCE_TURN in html
    assert "The source of this exercise is sensitive" not in html
    assert 'controlslist="nodownload"' in tag_with(html, "data-source-audio")
    assert ExcerptOpening.objects.filter(learner=learner, what=ExcerptOpening.What.PAGE).exists()

    # The exercise taken out of its module: the source is no longer theirs to open.
    module.body = "[]"
    module.save_revision().publish()
    html = client.get(page_url(draft)).content.decode()
    assert SOURCE_TURN not in html
    assert client.get(f"/excerpts/{exercise.excerpt.pk}/media/").status_code == 404


def test_a_source_that_is_not_sensitive_stays_on_the_rendition_page(client, draft, exercise):
    services.rendition_submit(rendition=draft, self_scores=full_scores(draft))
    html = client.get(page_url(draft)).content.decode()
    assert SOURCE_TURN in html
    assert "controlslist" not in html
    assert not ExcerptOpening.objects.exists()
