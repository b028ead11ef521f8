import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from modules.progress import services as progress_services
from modules.progress.models import Enrolment, ModuleProgress
from modules.progress.rules import DONE, IN_PROGRESS, LOCKED, NOT_STARTED, course_progress
from quizzes import services as quiz_services
from quizzes.models import QuizAttempt
from tests import factories
from tests.quizzes.test_taking import fields_of, right_answers, submit_url, token_from


def test_course_progress_rules():
    progress = course_progress([1, 2, 3, 4], started_ids={1, 2}, completed_ids={1}, in_order=True)
    assert progress.statuses == {1: DONE, 2: IN_PROGRESS, 3: LOCKED, 4: LOCKED}
    assert (progress.done, progress.total, progress.percent) == (1, 4, 25)
    assert progress.next_module_id == 2
    free = course_progress([1, 2, 3], started_ids=set(), completed_ids={2}, in_order=False)
    assert free.statuses == {1: NOT_STARTED, 2: DONE, 3: NOT_STARTED}
    assert free.next_module_id == 1
    done = course_progress([1, 2], started_ids={1, 2}, completed_ids={1, 2, 99}, in_order=True)
    assert done.complete and done.done == 2 and done.next_module_id is None
    assert course_progress([], started_ids=set(), completed_ids=set(), in_order=True).percent == 0


@pytest.fixture
def ordered_course(catalogue):
    course = factories.make_course(catalogue, modules_in_order=True)
    quiz = factories.make_quiz()
    first = factories.make_module(course, title="Reading", slug="reading")
    second = factories.make_module(
        course, title="With a quiz", slug="with-quiz", body=[factories.quiz_block(quiz)]
    )
    third = factories.make_module(course, title="Last", slug="last")
    return course, quiz, [first, second, third]


def pass_quiz(client, module, quiz):
    token = token_from(client.get(module.url).content.decode())
    return client.post(submit_url(module, quiz), right_answers(quiz, token))


def test_a_learner_goes_through_a_course_in_order(client, ordered_course, learner):
    course, quiz, (first, second, third) = ordered_course
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert "Enrol in this course" in html
    client.post(course.url + "enrol/")
    assert Enrolment.objects.filter(learner=learner, course=course).count() == 1

    locked = client.get(second.url)
    assert locked.status_code == 403
    assert "This module is not open yet" in locked.content.decode()
    assert f'href="{first.url}"' in locked.content.decode()
    assert not ModuleProgress.objects.filter(module=second).exists()

    assert client.get(first.url).status_code == 200
    assert ModuleProgress.objects.get(module=first).completed_at is None
    assert "In progress" in client.get(course.url).content.decode()
    client.post(first.url + "done/")
    assert ModuleProgress.objects.get(module=first).completed_at is not None

    refused = client.post(second.url + "done/", follow=True)
    assert "Pass this module" in refused.content.decode()
    assert ModuleProgress.objects.get(module=second).completed_at is None
    pass_quiz(client, second, quiz)
    assert ModuleProgress.objects.get(module=second).completed_at is not None

    course_html = client.get(course.url).content.decode()
    assert "Continue with “Last”" in course_html
    assert "2 of 3 modules done" in course_html
    client.get(third.url)
    client.post(third.url + "done/")
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    finished = enrolment.completed_at
    assert finished is not None
    client.post(third.url + "done/")
    enrolment.refresh_from_db()
    assert enrolment.completed_at == finished  # recorded once
    assert "You completed this course" in client.get(course.url).content.decode()


def test_marking_done_without_enrolment_or_for_a_draft_is_404(client, ordered_course, learner):
    course, _quiz, (first, _second, third) = ordered_course
    client.force_login(learner)
    assert client.post(first.url + "done/").status_code == 404
    assert not ModuleProgress.objects.exists()
    client.get(first.url)
    third.unpublish()
    assert client.post(third.url + "done/").status_code == 404
    assert not ModuleProgress.objects.filter(module=third).exists()


def test_deleting_a_module_keeps_the_learners_history(client, ordered_course, learner):
    _course, _quiz, (first, _second, _third) = ordered_course
    client.force_login(learner)
    client.get(first.url)
    client.post(first.url + "done/")
    first.delete()
    row = ModuleProgress.objects.get(learner=learner)
    assert row.module is None and row.module_title == "Reading" and row.completed_at


def test_reset_starts_again_but_keeps_attempts(client, ordered_course, learner):
    course, quiz, (first, second, _third) = ordered_course
    client.force_login(learner)
    client.get(first.url)
    client.post(first.url + "done/")
    pass_quiz(client, second, quiz)
    progress_services.progress_reset(learner=learner, course=course)
    assert not ModuleProgress.objects.filter(learner=learner).exists()
    assert QuizAttempt.objects.filter(learner=learner).count() == 1
    client.get(first.url)
    client.post(first.url + "done/")
    client.get(second.url)
    progress_services.module_update(learner=learner, module=second, course=course)
    # the attempt from before the reset no longer completes the module
    assert ModuleProgress.objects.get(module=second).completed_at is None


def test_the_dashboard_shows_courses_progress_and_next_step(client, ordered_course, learner):
    course, quiz, (first, second, _third) = ordered_course
    client.force_login(learner)
    empty = client.get("/dashboard/").content.decode()
    assert "You are not taking any course yet." in empty
    client.get(first.url)
    client.post(first.url + "done/")
    pass_quiz(client, second, quiz)
    html = client.get("/dashboard/").content.decode()
    assert course.title in html
    assert 'max="100" value="67"' in html
    assert "2 of 3 modules done" in html
    assert "Continue with “Last”" in html
    assert "100%" in html  # the quiz result


def _card(html, title):
    """The dashboard's card of the course with this title."""
    return next(
        card
        for card in html.split('<section class="course-card"')[1:]
        if f">{title}</a></h2>" in card
    )


def test_the_dashboard_shows_trainers_replies_under_their_course(
    client, ordered_course, catalogue, learner, trainer
):
    course, quiz, (first, second, _third) = ordered_course
    other = factories.make_course(catalogue, title="Another course", slug="another")
    factories.make_module(other, title="Elsewhere", slug="elsewhere")
    progress_services.course_enrol(learner=learner, course=other)
    client.force_login(learner)
    client.get(first.url)
    client.post(first.url + "done/")

    def reply_to_a_new_attempt(text):
        pass_quiz(client, second, quiz)
        attempt = QuizAttempt.objects.latest("pk")
        reflection = next(q["id"] for q in attempt.questions if q["type"] == "reflection")
        quiz_services.reflection_reply(
            attempt=attempt, question_id=reflection, trainer=trainer, text=text
        )
        return _queries(client, "/dashboard/")

    one = reply_to_a_new_attempt("Ask for the briefing first.")
    html = client.get("/dashboard/").content.decode()
    card = _card(html, course.title)
    assert "Replies from your trainers" in card and "Ask for the briefing first." in card
    assert quiz.title in card
    assert "Replies from your trainers" not in _card(html, other.title)
    # Another reply costs the dashboard no query.
    assert reply_to_a_new_attempt("Well done.") == one
    assert "Well done." in _card(client.get("/dashboard/").content.decode(), course.title)


def test_the_dashboard_shows_a_trainers_publishing_at_once(client, ordered_course, learner):
    """The courses' titles and modules are kept between requests: publishing, unpublishing
    and adding a module change what the dashboard shows on the next one."""
    course, _quiz, (first, second, _third) = ordered_course
    client.force_login(learner)
    client.get(first.url)
    assert f'<a href="{first.url}">Reading</a>' in client.get("/dashboard/").content.decode()
    first.title = "Reading, revised"
    first.save_revision().publish()
    second.unpublish()
    factories.make_module(course, title="Added later", slug="added")
    html = client.get("/dashboard/").content.decode()
    assert f'<a href="{first.url}">Reading, revised</a>' in html
    assert "With a quiz" not in html
    assert "Added later" in html and "0 of 3 modules done" in html


def test_nobody_sees_another_learners_dashboard(client, ordered_course, learner):
    course, _quiz, (first, _second, _third) = ordered_course
    client.force_login(learner)
    client.get(first.url)
    client.force_login(factories.make_user(email="other@example.test"))
    assert course.title not in client.get("/dashboard/").content.decode()
    client.logout()
    assert client.get("/dashboard/").status_code == 302


def _courses(catalogue, count, modules_each):
    for n in range(count):
        course = factories.make_course(catalogue, title=f"Course {n}", slug=f"course-{n}")
        for m in range(modules_each):
            factories.make_module(course, title=f"M{m}", slug=f"m{m}")
        yield course


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_dashboard_costs_the_same_for_1_or_10_courses(client, catalogue):
    one_learner = factories.make_user(email="one@example.test")
    ten_learner = factories.make_user(email="ten@example.test")
    courses = list(_courses(catalogue, 10, 8))
    progress_services.course_enrol(learner=one_learner, course=courses[0])
    for course in courses:
        progress_services.course_enrol(learner=ten_learner, course=course)
        module = course.get_modules().first()
        progress_services.module_open(learner=ten_learner, module=module, course=course)
    client.force_login(one_learner)
    one = _queries(client, "/dashboard/")
    client.force_login(ten_learner)
    assert _queries(client, "/dashboard/") == one


def test_the_dashboard_costs_the_same_in_every_language(client, catalogue):
    """A learner reading the dashboard in French or Dutch, with courses translated into
    both, costs what the English dashboard costs, for one course as for three."""
    one_learner = factories.make_user(email="one@example.test")
    three_learner = factories.make_user(email="three@example.test")
    courses = list(_courses(catalogue, 3, 2))
    for course in courses:
        for module in course.get_modules():
            for language in ("fr", "nl"):
                factories.translated(module, language)
        progress_services.course_enrol(learner=three_learner, course=course)
        first = course.get_modules().first()
        progress_services.module_open(learner=three_learner, module=first, course=course)
    progress_services.course_enrol(learner=one_learner, course=courses[0])
    client.force_login(three_learner)
    english = _queries(client, "/dashboard/")
    for language in ("fr", "nl"):
        assert _queries(client, f"/{language}/dashboard/") == english
        html = client.get(f"/{language}/dashboard/").content.decode()
        assert html.count('max="100" value="0"') == 3
    client.force_login(one_learner)
    assert _queries(client, "/fr/dashboard/") == english


def test_the_dashboard_names_and_links_courses_in_the_readers_language(client, catalogue, learner):
    course = factories.make_course(catalogue, title="Interpreting for children")
    first = factories.make_module(course, title="The child", slug="the-child")
    factories.make_module(course, title="Not translated yet", slug="later")
    french_course = factories.translated(course, "fr")
    french_course.title = "Interpréter pour les enfants"
    french_course.save_revision().publish()
    french_first = factories.translated(first, "fr")
    french_first.title = "L'enfant"
    french_first.save_revision().publish()
    progress_services.module_open(learner=learner, module=first, course=course)
    client.force_login(learner)
    french = client.get("/fr/dashboard/").content.decode()
    assert "Interpréter pour les enfants" in french and "L&#x27;enfant" in french
    assert 'href="/fr/interpreting/the-child/"' in french
    # A module not translated yet is listed as it is, and opens in English.
    assert "Not translated yet" in french and 'href="/interpreting/later/"' in french
    english = client.get("/dashboard/").content.decode()
    assert "Interpreting for children" in english and "Interpréter" not in english


def test_course_page_costs_the_same_for_2_or_20_modules(client, catalogue, learner):
    small, large = (
        factories.make_course(catalogue, slug="small"),
        factories.make_course(catalogue, title="Large", slug="large"),
    )
    for n in range(2):
        factories.make_module(small, title=f"S{n}", slug=f"s{n}")
    for n in range(20):
        factories.make_module(large, title=f"L{n}", slug=f"l{n}")
    client.force_login(learner)
    assert _queries(client, small.url) == _queries(client, large.url)


def test_a_locked_module_takes_no_quiz_and_no_mark_as_done(client, ordered_course, learner):
    from quizzes.models import QuizAttempt
    from quizzes.tokens import make_token

    course, quiz, (first, second, third) = ordered_course
    client.force_login(learner)
    client.get(first.url)  # enrolled, module 1 started, module 2 still locked
    token = make_token(quiz_id=quiz.pk, learner_id=learner.pk, module_id=second.pk)
    response = client.post(submit_url(second, quiz), right_answers(quiz, token))
    assert response.status_code == 403
    assert QuizAttempt.objects.count() == 0
    assert client.post(third.url + "done/").status_code == 403
    assert not ModuleProgress.objects.filter(module__in=[second, third]).exists()


def _course_done_but_the_quiz(catalogue, learner, done, slug):
    """A course of `done` modules the learner has completed, then one with a quiz they have
    opened: passing it completes the course."""
    course = factories.make_course(catalogue, title=f"Course {slug}", slug=slug)
    modules = [
        factories.make_module(course, title=f"Done {n}", slug=f"done-{n}") for n in range(done)
    ]
    quiz = factories.make_quiz(title=f"Quiz {slug}")
    last = factories.make_module(
        course, title="With a quiz", slug="with-quiz", body=[factories.quiz_block(quiz)]
    )
    for module in modules:
        progress_services.module_complete(learner=learner, module=module, course=course)
    assert not Enrolment.objects.get(learner=learner, course=course).completed_at
    return course, quiz, last


def test_completing_a_course_by_a_quiz_costs_the_same_for_1_or_8_modules_done(
    client, catalogue, learner
):
    """Whether the course is now complete is seen in a fixed number of queries, however
    many modules the learner has done before."""
    client.force_login(learner)
    counts = {}
    for done in (1, 8):
        course, quiz, last = _course_done_but_the_quiz(catalogue, learner, done, f"c{done}")
        token = token_from(client.get(last.url).content.decode())
        data = right_answers(quiz, token)
        with CaptureQueriesContext(connection) as queries:
            assert client.post(submit_url(last, quiz), data).status_code == 302
        counts[done] = len(queries)
        assert ModuleProgress.objects.get(learner=learner, module=last).completed_at
        assert Enrolment.objects.get(learner=learner, course=course).completed_at
    assert counts[1] == counts[8]


def test_a_quiz_taken_again_after_the_course_keeps_module_and_course_done(
    client, ordered_course, learner
):
    """Once module and course are done, other attempts (a right one, a worse one) leave them
    done and change none of their dates."""
    course, quiz, (first, second, third) = ordered_course
    client.force_login(learner)
    for module in (first, third):
        progress_services.module_complete(learner=learner, module=module, course=course)
    assert pass_quiz(client, second, quiz).status_code == 302
    enrolment = Enrolment.objects.get(learner=learner, course=course)
    row = ModuleProgress.objects.get(learner=learner, module=second)
    assert enrolment.completed_at and row.completed_at
    assert pass_quiz(client, second, quiz).status_code == 302
    token = token_from(client.get(second.url).content.decode())
    worse = right_answers(quiz, token)
    field = fields_of(quiz, token, "true_false")[0]
    worse[field.html_name] = next(
        value for value, _ in field.field.choices if value != worse[field.html_name]
    )
    assert client.post(submit_url(second, quiz), worse).status_code == 302
    assert QuizAttempt.objects.filter(learner=learner, percent__lt=100).count() == 1
    again = Enrolment.objects.get(learner=learner, course=course)
    assert again.completed_at == enrolment.completed_at
    assert ModuleProgress.objects.get(pk=row.pk).completed_at == row.completed_at


def test_a_form_from_before_a_reset_sent_again_does_not_complete_the_module(
    client, ordered_course, learner
):
    """Sending again, after a reset, the form of an attempt passed before it gives that
    attempt back; it no longer counts, so the module stays to be done."""
    course, quiz, (first, second, _third) = ordered_course
    client.force_login(learner)
    client.get(first.url)
    client.post(first.url + "done/")
    token = token_from(client.get(second.url).content.decode())
    sheet = right_answers(quiz, token)
    assert client.post(submit_url(second, quiz), sheet).status_code == 302
    assert ModuleProgress.objects.get(module=second).completed_at
    progress_services.progress_reset(learner=learner, course=course)
    client.get(first.url)
    client.post(first.url + "done/")
    client.get(second.url)
    assert client.post(submit_url(second, quiz), sheet).status_code == 302
    assert QuizAttempt.objects.filter(learner=learner).count() == 1
    assert ModuleProgress.objects.get(module=second).completed_at is None
