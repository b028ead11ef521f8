import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from modules.progress import services as progress_services
from modules.progress.models import Cohort, Enrolment, ModuleProgress
from tests import factories
from tests.quizzes.test_taking import right_answers, submit_url, token_from


@pytest.fixture
def course_with_learners(catalogue):
    course = factories.make_course(catalogue, title="Interpreting", slug="interpreting")
    quiz = factories.make_quiz()
    reading = factories.make_module(course, title="Reading", slug="reading")
    quizzed = factories.make_module(
        course, title="Quizzed", slug="quizzed", body=[factories.quiz_block(quiz)]
    )
    ana = factories.make_user(email="ana@example.test", full_name="Ana Done")
    ben = factories.make_user(email="ben@example.test", full_name="Ben Started")
    for learner in (ana, ben):
        progress_services.module_open(learner=learner, module=reading, course=course)
    progress_services.module_complete(learner=ana, module=reading, course=course)
    return course, quiz, reading, quizzed, ana, ben


def test_course_progress_report_and_its_exports(client, trainer, course_with_learners):
    course, quiz, reading, quizzed, ana, ben = course_with_learners
    client.force_login(ana)
    token = token_from(client.get(quizzed.url).content.decode())
    client.post(submit_url(quizzed, quiz), right_answers(quiz, token))
    client.force_login(trainer)
    html = client.get(f"/admin/reports/course-progress/?course={course.pk}").content.decode()
    assert "Ana Done" in html and "Ben Started" in html
    assert "1. Reading" in html and "2. Quizzed" in html
    response = client.get(f"/admin/reports/course-progress/?course={course.pk}&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["Learner", "Email", "Enrolled", "Completed", "Modules done"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Ana Done"][4] == "2/2"
    assert by_name["Ana Done"][5:] == ["done", "", "done", "100%"]
    assert by_name["Ben Started"][5:7] == ["in progress", ""]
    response = client.get(f"/admin/reports/course-progress/?course={course.pk}&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]][:2] == ["Learner", "Email"]
    assert sheet.max_row == 3


def test_exports_write_times_in_the_sites_zone(client, trainer, course_with_learners):
    course, _quiz, _reading, _quizzed, ana, _ben = course_with_learners
    utc = datetime.UTC
    Enrolment.objects.filter(learner=ana, course=course).update(
        enrolled_at=datetime.datetime(2026, 6, 30, 22, 30, tzinfo=utc),  # summer: +02:00
        completed_at=datetime.datetime(2026, 11, 28, 13, 5, tzinfo=utc),  # winter: +01:00
    )
    client.force_login(trainer)
    url = f"/admin/reports/course-progress/?course={course.pk}&export="
    rows = list(
        csv.reader(io.StringIO(b"".join(client.get(url + "csv").streaming_content).decode()))
    )
    ana_row = next(row for row in rows if row[0] == "Ana Done")
    assert ana_row[2:4] == ["2026-07-01T00:30:00+02:00", "2026-11-28T14:05:00+01:00"]
    sheet = load_workbook(io.BytesIO(b"".join(client.get(url + "xlsx").streaming_content))).active
    ana_cells = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Ana Done")
    assert ana_cells[2:4] == (
        datetime.datetime(2026, 7, 1, 0, 30),
        datetime.datetime(2026, 11, 28, 14, 5),
    )


def test_bad_filter_values_are_ignored_with_a_message(client, trainer, course_with_learners):
    client.force_login(trainer)
    response = client.get("/admin/reports/course-progress/?course=abc&cohort=999999")
    assert response.status_code == 200
    assert "not understood" in response.content.decode()


def test_cohort_filter_and_cohort_enrolment(client, trainer, course_with_learners, catalogue):
    course, _quiz, _reading, _quizzed, ana, ben = course_with_learners
    other = factories.make_course(catalogue, title="Other course", slug="other")
    newcomer = factories.make_user(email="cleo@example.test", full_name="Cleo New")
    client.force_login(trainer)
    response = client.post(
        "/admin/cohorts/new/",
        {"name": "Brussels 2026", "learners": [ana.pk, newcomer.pk], "courses": [other.pk]},
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get(name="Brussels 2026")
    assert set(Enrolment.objects.filter(course=other).values_list("learner", flat=True)) == {
        ana.pk,
        newcomer.pk,
    }
    html = client.get(
        f"/admin/reports/course-progress/?course={course.pk}&cohort={cohort.pk}"
    ).content.decode()
    assert "Ana Done" in html and "Ben Started" not in html


def test_course_summary_counts_rates_and_hard_questions(client, trainer, course_with_learners):
    course, quiz, _reading, quizzed, ana, ben = course_with_learners
    client.force_login(ana)
    token = token_from(client.get(quizzed.url).content.decode())
    client.post(submit_url(quizzed, quiz), right_answers(quiz, token))
    client.force_login(trainer)
    html = client.get(f"/admin/reports/course-summary/{course.pk}/").content.decode()
    assert "<dt>Enrolled</dt><dd>2</dd>" in html
    assert "<dt>Completed</dt><dd>1</dd>" in html
    assert "<dt>In progress</dt><dd>1</dd>" in html
    assert "100%" in html and "Which element need not be proven" in html


def test_learner_detail_and_reset_with_a_confirm_step(client, trainer, course_with_learners):
    course, _quiz, reading, _quizzed, ana, _ben = course_with_learners
    client.force_login(trainer)
    html = client.get(f"/admin/reports/learners/{ana.pk}/").content.decode()
    assert "Reading" in html and "done" in html
    confirm = client.get(f"/admin/reports/learners/{ana.pk}/reset/{course.pk}/")
    assert "Yes, reset the progress" in confirm.content.decode()
    assert ModuleProgress.objects.filter(learner=ana).exists()  # nothing happened on GET
    client.post(f"/admin/reports/learners/{ana.pk}/reset/{course.pk}/")
    assert not ModuleProgress.objects.filter(learner=ana).exists()


def test_learners_get_no_report_data(client, course_with_learners):
    course, _quiz, _reading, _quizzed, ana, ben = course_with_learners
    client.force_login(ben)
    for url in (
        f"/admin/reports/course-progress/?course={course.pk}",
        f"/admin/reports/course-progress/?course={course.pk}&export=csv",
        f"/admin/reports/course-summary/{course.pk}/",
        f"/admin/reports/learners/{ana.pk}/",
        "/admin/cohorts/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"Ana Done" not in response.content


def _export_queries(client, course):
    url = f"/admin/reports/course-progress/?course={course.pk}&export=csv"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = b"".join(response.streaming_content)
    return len(queries), body.count(b"\n")


@pytest.mark.parametrize("size", [10, 200])
def test_report_export_costs_the_same_for_10_or_200_learners(client, trainer, catalogue, size):
    small = factories.make_course(catalogue, title="Small", slug="small")
    large = factories.make_course(catalogue, title="Large", slug="large")
    modules = {c.pk: [] for c in (small, large)}
    for course in (small, large):
        for n in range(8):
            modules[course.pk].append(factories.make_module(course, title=f"M{n}", slug=f"m{n}"))
    for n in range(size):
        learner = factories.make_user(email=f"l{n}@example.test", full_name=f"L{n}")
        course = large
        progress_services.module_open(learner=learner, module=modules[course.pk][0], course=course)
    progress_services.module_open(learner=trainer, module=modules[small.pk][0], course=small)
    client.force_login(trainer)
    _export_queries(client, small)  # the first request keeps the trainer's permissions
    small_queries, small_rows = _export_queries(client, small)
    large_queries, large_rows = _export_queries(client, large)
    assert (small_rows, large_rows) == (2, size + 1)
    assert large_queries == small_queries


def test_exports_never_start_a_formula_from_a_learners_name(client, trainer, catalogue):
    course = factories.make_course(catalogue, title="Safe", slug="safe")
    module = factories.make_module(course)
    sly = factories.make_user(email="sly@example.test", full_name='=HYPERLINK("http://x")')
    progress_services.module_open(learner=sly, module=module, course=course)
    client.force_login(trainer)
    response = client.get(f"/admin/reports/course-progress/?course={course.pk}&export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    response = client.get(f"/admin/reports/course-progress/?course={course.pk}&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(row=2, column=1).value == '\'=HYPERLINK("http://x")'
    assert sheet.cell(row=2, column=1).data_type == "s"
