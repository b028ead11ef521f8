"""Simultaneous submissions: one attempt per token, never more attempts than the quiz allows.

The threaded tests post through the real view from 20 threads at once, each with
its own client and its own database connection. They need a database that lets
several connections write at the same time, so they run on PostgreSQL only
(`make test-postgres`); on SQLite, which takes one writer at a time, they are
skipped. The last test checks the same rule without threads, on every database.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from quizzes.forms import quiz_form
from quizzes.models import QuizAttempt
from quizzes.services import quiz_attempt_submit
from quizzes.tokens import make_token, read_token
from tests import factories
from tests.quizzes.test_taking import right_answers, submit_url

THREADS = 20
TIMEOUT = 60  # seconds; far more than 20 submissions take, so a hang fails instead of waiting

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (make test-postgres): SQLite runs one writer at a time, "
    "so threads cannot submit simultaneously",
)


@pytest.fixture
def quiz_module(catalogue):
    course = factories.make_course(catalogue)
    quiz = factories.make_quiz()
    module = factories.make_module(
        course, body=[factories.paragraph("<p>Read this.</p>"), factories.quiz_block(quiz)]
    )
    learner = factories.make_user()
    return module, quiz, learner


def _token(module, quiz, learner):
    return make_token(quiz_id=quiz.pk, learner_id=learner.pk, module_id=module.pk)


def post_together(url, learner, bodies):
    """POST each body from its own thread, all released at once; the responses, in order.

    Each thread has its own client (signed in as the learner) and closes its
    database connection when done. An exception in a thread fails the test.
    """
    clients = []
    for _ in bodies:
        client = Client()
        client.force_login(learner)
        clients.append(client)
    barrier = threading.Barrier(len(bodies))
    responses = [None] * len(bodies)
    errors = []

    def post(index):
        try:
            barrier.wait(timeout=TIMEOUT)
            responses[index] = clients[index].post(url, bodies[index])
        except Exception as error:  # reported by the main thread
            errors.append(f"thread {index}: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    assert not errors, errors
    return clients, responses


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_posts_of_one_token_store_one_attempt(quiz_module):
    module, quiz, learner = quiz_module
    body = right_answers(quiz, _token(module, quiz, learner))

    _clients, responses = post_together(submit_url(module, quiz), learner, [body] * THREADS)

    assert [r.status_code for r in responses] == [302] * THREADS
    locations = {r["Location"] for r in responses}
    assert QuizAttempt.objects.count() == 1
    attempt = QuizAttempt.objects.get()
    assert locations == {module.url + f"quiz/attempts/{attempt.pk}/"}
    assert attempt.passed and attempt.percent == 100


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_simultaneous_posts_against_a_limit_of_three_store_three(quiz_module):
    module, quiz, learner = quiz_module
    quiz.attempts_allowed = 3
    quiz.save()
    bodies = [right_answers(quiz, _token(module, quiz, learner)) for _ in range(THREADS)]

    clients, responses = post_together(submit_url(module, quiz), learner, bodies)

    assert [r.status_code for r in responses] == [302] * THREADS
    attempts = list(QuizAttempt.objects.filter(learner=learner, quiz=quiz))
    assert len(attempts) == 3
    results = {module.url + f"quiz/attempts/{a.pk}/" for a in attempts}
    stored = [r["Location"] for r in responses if r["Location"] in results]
    assert sorted(stored) == sorted(results)  # three responses, one per attempt's result page
    refused = [
        (client, r["Location"])
        for client, r in zip(clients, responses, strict=True)
        if r["Location"] not in results
    ]
    assert [location for _client, location in refused] == [module.url + f"#quiz-{quiz.pk}"] * 17
    for client, _location in refused:
        page = client.get(module.url).content.decode()
        assert "You have used every attempt this quiz allows" in page
        assert 'name="token"' not in page


@pytest.mark.django_db
def test_the_service_given_one_token_twice_stores_one_attempt(quiz_module):
    module, quiz, learner = quiz_module
    token = _token(module, quiz, learner)
    nonce, started_at = read_token(
        token, quiz_id=quiz.pk, learner_id=learner.pk, module_id=module.pk
    )
    form = quiz_form(quiz, token, right_answers(quiz, token))
    assert form.is_valid(), form.errors

    def submit():
        return quiz_attempt_submit(
            learner=learner,
            quiz=quiz,
            module=module,
            token=nonce,
            started_at=started_at,
            questions=form.questions,
            answers=form.answers(),
        )

    first, first_created = submit()
    second, second_created = submit()

    assert (first_created, second_created) == (True, False)
    assert first.pk == second.pk
    assert QuizAttempt.objects.count() == 1
    assert first.passed and first.percent == 100
