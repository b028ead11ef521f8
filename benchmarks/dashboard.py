"""A learner's dashboard with 10 courses of 8 modules against a bare Wagtail page.

Both sides are served the way the learner gets them: `django.test.Client().get(url)`
by the same signed-in learner, through every middleware and a real template, and
both are timed by the same harness, interleaved, in the same run.

- Dashboard: `/dashboard/`, for a learner enrolled in 10 courses of 8 modules each
  (made with `tests.factories`, not in order), with progress recorded by the
  site's own services (`course_enrol`, `module_open`, `module_complete`): the
  first course is only enrolled in; in the k-th, the first (k - 1) mod 9 modules
  are done and the next one is started, so the 9th course is complete and the
  10th just begun. The third has quiz attempts (stored directly, no quiz behind
  them), one passed and two not, so that best scores show. Rendered with the
  site's own `modules/dashboard.html` (base layout, header, footer, a card, a
  progress bar and a table of modules per course).
- Bare page: a plain `wagtail.models.Page` under the catalogue, as in the
  `module_page` benchmark, served by Wagtail's own serve view (`bench/wagtail/…`,
  benchmarks/urls.py), which walks the page tree on every request: what Wagtail costs
  to serve a page. The same page served by the site's serve view, which remembers
  routes (capisce.routing), is timed too and its ratio shown. Its rich text is kept
  in `search_description` and rendered by `benchmarks/templates/wagtailcore/page.html`.
  It is the dashboard's content written out as paragraphs: per course, its title, how
  many modules are done and the next one, then per module its title, status and best
  score (not the dates of last activity, nor the table's headings, repeated per course).

The ratio of the medians (dashboard / bare) is what the dashboard's queries,
progress and layout cost over Wagtail serving the same words. Query counts are
taken on warm requests; the dashboard's count must not grow with the courses, so
it is also taken for a second learner enrolled in one course only (the third,
with the same progress and attempts). Both dashboards are checked before timing:
every course's title and modules done, every module's status and best score.
"""

import re
from decimal import Decimal

from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page

from benchmarks.common import (
    check_same_words,
    count_queries,
    environment,
    flag,
    getter,
    measure_many,
    page_results,
    page_rows,
    paragraph,
    quiz_attempt,
    ratio,
    results_head,
    signed_in,
    site_catalogue,
    timing_cells,
    wagtail_served,
)
from modules.progress import services as progress_services
from tests.factories import make_course, make_module, make_user

NAME = "dashboard"
COURSES = 10
MODULES = 8
URL = "/dashboard/"
COURSE_TOPICS = [
    "Interpreting for children",
    "Trafficking in human beings",
    "The child's interview",
    "Working with guardians",
    "Trauma and memory",
    "Cultural mediation",
    "Ethics of the interpreter",
    "Remote interpreting",
    "Self-care for interpreters",
    "Working with the police",
]
MODULE_TOPICS = [
    "Introduction",
    "Roles in the room",
    "Before the interview",
    "Opening the interview",
    "Free recall",
    "Questions that mislead",
    "Closing the interview",
    "After the interview",
]
STATUS_TEXT = {
    "done": "Done",
    "in_progress": "In progress",
    "not_started": "Not started",
}
# (course number, module number, percent) of the stored quiz attempts.
ATTEMPTS = [(3, 1, Decimal(80)), (3, 2, Decimal(40)), (3, 2, Decimal(55))]


def build():
    """Two learners, their courses and progress, and the bare page.

    Returns (learner of COURSES courses, learner of one course, bare page, expected),
    where expected holds per course (title, modules done, [(module title, status,
    best score or None)]) for the first learner.
    """
    catalogue = site_catalogue()
    learner = make_user(email="dashboard-bench@example.test", full_name="Dashboard Learner")
    few = make_user(email="dashboard-one@example.test", full_name="One-course Learner")
    expected = []
    for number, topic in enumerate(COURSE_TOPICS[:COURSES], start=1):
        course = make_course(
            catalogue, title=f"{number}. {topic}", slug=f"dashboard-course-{number}"
        )
        modules = [
            make_module(course, title=f"{number}.{n} {title}", slug=f"module-{n}")
            for n, title in enumerate(MODULE_TOPICS[:MODULES], start=1)
        ]
        learners = [learner, few] if number == 3 else [learner]
        # The first course is only enrolled in; the k-th has k - 1 modules done (modulo
        # MODULES + 1) and the next one started.
        done = (number - 1) % (MODULES + 1)
        started = number > 1 and done < MODULES
        for who in learners:
            _progress(who, course, modules, done, started)
        best = {}
        for course_number, module_number, percent in ATTEMPTS:
            if course_number == number:
                module = modules[module_number - 1]
                for who in learners:
                    quiz_attempt(who, module, percent, timezone.now()).save(force_insert=True)
                best[module.pk] = max(percent, best.get(module.pk, percent))
        statuses = [
            "done" if n < done else "in_progress" if n == done and started else "not_started"
            for n in range(MODULES)
        ]
        lines = [
            (module.title, status, best.get(module.pk))
            for module, status in zip(modules, statuses, strict=True)
        ]
        expected.append((course.title, done, lines))
    bare = catalogue.add_child(
        instance=Page(
            title="My learning", slug="dashboard-bare-page", search_description=rich_text(expected)
        )
    )
    return learner, few, bare, expected


def _progress(learner, course, modules, done, started):
    """The learner enrols, completes the first `done` modules and maybe opens the next one."""
    progress_services.course_enrol(learner=learner, course=course)
    for module in modules[:done]:
        progress_services.module_open(learner=learner, module=module, course=course)
        progress_services.module_complete(learner=learner, module=module, course=course)
    if started:
        progress_services.module_open(learner=learner, module=modules[done], course=course)


def rich_text(expected):
    """The dashboard's content as one piece of rich text."""
    paragraphs = []
    for title, done, lines in expected:
        paragraphs += [title, f"{done} of {len(lines)} modules done"]
        paragraphs.append(f"Continue with “{lines[done][0]}”" if done < len(lines) else "Completed")
        for module_title, status, best in lines:
            score = f"{best:.0f}%" if best is not None else "—"
            paragraphs.append(f"{module_title} {STATUS_TEXT[status]} {score}")
    return "\n".join(paragraph(text) for text in paragraphs)


def check_dashboard(html, expected):
    """Every course with its progress, every module with its status and best score."""
    for title, done, lines in expected:
        if f">{escape(title)}</a></h2>" not in html:
            raise RuntimeError(f"The dashboard shows no course {title!r}")
        if f"{done} of {len(lines)} modules done" not in html:
            raise RuntimeError(f"The dashboard does not show {done} modules done in {title!r}")
        for module_title, status, best in lines:
            score = f"{best:.0f}%" if best is not None else "—"
            row = (
                rf"{re.escape(escape(module_title))}</a></th>\s*"
                rf'<td><span class="status status--{status}">{STATUS_TEXT[status]}</span></td>'
                rf"\s*<td>{re.escape(score)}"
            )
            if not re.search(row, html):
                raise RuntimeError(f"The dashboard shows no {status} {module_title!r} ({score})")
    if "Continue with" not in html or "· passed" not in html:
        raise RuntimeError("The dashboard shows no next module or no passed quiz")


def run(repeat=50, warmup=5):
    learner, few, bare, expected = build()
    sides = {
        "dashboard": getter(signed_in(learner), URL),
        "bare_page": getter(signed_in(learner), wagtail_served(bare.get_url())),
        "bare_page_site": getter(signed_in(learner), bare.get_url()),
    }
    one_course = getter(signed_in(few), URL)

    # Check that both serve what they should, with the same words, before timing them.
    responses = {name: get() for name, get in sides.items()}
    check_dashboard(responses["dashboard"].content.decode(), expected)
    if "Completed on" not in responses["dashboard"].content.decode():
        raise RuntimeError("The dashboard shows no completed course")
    html_one = one_course().content.decode()
    check_dashboard(html_one, expected[2:3])
    if f">{escape(expected[0][0])}</a></h2>" in html_one:
        raise RuntimeError("The dashboard of one course shows another course")
    check_same_words(responses["bare_page"], responses["dashboard"], "the dashboard")
    check_same_words(responses["bare_page_site"], responses["bare_page"], "the bare page")

    timed = measure_many(sides, repeat=repeat, warmup=warmup)
    queries = {name: count_queries(get) for name, get in sides.items()}
    queries_one = count_queries(one_course)
    ratios = ratio(timed, "dashboard", "bare_page")
    site_ratios = ratio(timed, "dashboard", "bare_page_site")

    query_counts = {
        f"dashboard_{COURSES}_courses": queries["dashboard"],
        "dashboard_1_course": queries_one,
        "bare_page": queries["bare_page"],
        "bare_page_site": queries["bare_page_site"],
        "dashboard_constant": queries["dashboard"] == queries_one,
    }
    data = results_head(NAME, repeat, warmup, ratios, query_counts)
    data["dashboard_over_site_bare_ratio"] = site_ratios.as_dict()
    data.update(page_results(timed, queries, responses))
    data["dashboard"].update(courses=COURSES, modules_per_course=MODULES)
    data.update(environment())

    labels = [
        ("dashboard", f"dashboard ({COURSES} courses × {MODULES})"),
        ("bare_page", "bare Page (Wagtail's serve)"),
        ("bare_page_site", "bare Page (the site's serve)"),
    ]
    rows = page_rows(labels, timed, data)
    rows.append([f"dashboard (1 course × {MODULES})", *timing_cells(None), queries_one, None, None])
    notes = [
        ratios.note("dashboard/bare (Wagtail's serve)", repeat, warmup),
        site_ratios.note("dashboard/bare (the site's serve)", repeat, warmup),
        f"dashboard queries, 1 vs {COURSES} courses: {queries_one} vs {queries['dashboard']}"
        + flag(not data["queries"]["dashboard_constant"], "NOT CONSTANT"),
    ]
    return rows, notes, data
