import pytest

from quizzes.models import QuizAttempt, ReflectionReply
from tests import factories
from tests.quizzes.test_taking import open_quiz, right_answers, submit_url, token_from


@pytest.fixture
def attempt(client, catalogue):
    course = factories.make_course(catalogue)
    quiz = factories.make_quiz()
    module = factories.make_module(course, body=[factories.quiz_block(quiz)])
    learner = factories.make_user(full_name="Rosa Learner")
    token = token_from(open_quiz(client, module, learner))
    location = client.post(submit_url(module, quiz), right_answers(quiz, token))["Location"]
    client.logout()
    return QuizAttempt.objects.get(), module, location, learner


def test_trainer_lists_filters_and_inspects_attempts(client, attempt, trainer, catalogue):
    the_attempt, module, _location, _learner = attempt
    client.force_login(trainer)
    listing = client.get("/admin/quiz_attempts/")
    assert listing.status_code == 200
    assert "Rosa Learner" in listing.content.decode()
    course = module.get_parent()
    filtered = client.get(f"/admin/quiz_attempts/?course={course.pk}&passed=true")
    assert "Rosa Learner" in filtered.content.decode()
    other = factories.make_course(catalogue, title="Other", slug="other")
    assert (
        "Rosa Learner"
        not in client.get(f"/admin/quiz_attempts/?course={other.pk}").content.decode()
    )
    assert client.get("/admin/quiz_attempts/?passed=maybe").status_code == 200
    # The learner filter: part of the name or email, in any case; blank filters nothing.
    for query, shown in (("rosa", True), ("LEARNER@example", True), ("Bea", False), ("  ", True)):
        html = client.get("/admin/quiz_attempts/", {"learner": query}).content.decode()
        assert ("Rosa Learner" in html) is shown, query
    inspect = client.get(f"/admin/quiz_attempts/inspect/{the_attempt.pk}/")
    assert inspect.status_code == 200
    assert "I would ask for a briefing." in inspect.content.decode()
    assert client.get("/admin/quiz_attempts/new/").status_code in (302, 403)


def test_trainer_answers_a_reflection_and_the_learner_reads_it(client, attempt, trainer):
    the_attempt, module, location, learner = attempt
    client.force_login(trainer)
    queue = client.get("/admin/reflections/").content.decode()
    assert "I would ask for a briefing." in queue
    reflection_id = next(q["id"] for q in the_attempt.questions if q["type"] == "reflection")
    empty = client.post(f"/admin/reflections/{the_attempt.pk}/{reflection_id}/", {"reply": " "})
    assert empty.status_code == 302
    assert ReflectionReply.objects.count() == 0
    client.post(
        f"/admin/reflections/{the_attempt.pk}/{reflection_id}/",
        {"reply": "Good instinct: ask for the briefing before you start."},
    )
    assert ReflectionReply.objects.get().trainer == trainer
    assert "I would ask for a briefing." not in client.get("/admin/reflections/").content.decode()
    client.force_login(learner)
    assert "Good instinct" in client.get(location).content.decode()
    assert "Good instinct" in client.get(module.url).content.decode()


def test_learners_get_no_attempt_data_from_the_admin(client, attempt):
    _the_attempt, _module, _location, learner = attempt
    client.force_login(learner)
    for url in ("/admin/quiz_attempts/", "/admin/reflections/", "/admin/snippets/quizzes/quiz/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "I would ask" not in response.content.decode()
