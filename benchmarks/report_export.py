"""The course progress report of 10,000 learners × 8 modules as CSV, against one query to CSV.

Both sides run in the same process, on the same rows, timed by the same harness,
interleaved, in the same run.

- Export: a trainer (a superuser) GETs the report's CSV export,
  `/admin/reports/course-progress/?course=<pk>&export=csv`, with a signed-in
  `django.test.Client`, through every middleware and Wagtail's `ReportView`, and
  reads the whole `streaming_content`.
- Baseline: one `values_list` query over the same data, written out with
  `csv.writer` to an `io.StringIO`: each enrolment joined to its learner and,
  with a LEFT JOIN (a `FilteredRelation`), to the learner's progress rows in the
  course's modules, each carrying its best quiz score (a correlated subquery);
  grouped per learner in Python. The course's modules (ids and titles, for the
  header) are read once before the timing: the baseline runs that one query only.
  Its statuses are the plain ones (done, in progress, not started): the course
  does not ask for its modules in order, so none is locked.

Before timing, the two CSV files are checked to be the same, byte for byte: a
header and one line per learner, 10,001 lines.

The data is made with `bulk_create`, in one transaction: 10,000 learners, each
enrolled; learner i has completed its first i % 9 modules and started the next
one (so ~49,000 progress rows, and every ninth learner has completed the course);
every other learner who completed a module has a quiz attempt in the first one,
and every fourth a second, better one (~6,700 attempts).

The database is then ANALYZEd, as one that has taken in this much data would be
(PostgreSQL does it by itself): without statistics SQLite reads the best scores
through the index on the module alone, every attempt in the module for each
learner, and the baseline's query takes some 10 s instead of well under one.

The export of 10,000 learners takes a while, so this benchmark makes a tenth of
the timed runs asked for (5 for the default 50, at least 2) after at most one
warm-up. The ratio of the medians (export / baseline) is what the report costs
over writing the same rows straight from the database.
"""

import csv
import io
import math
import time
from itertools import groupby

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import FilteredRelation, OuterRef, Q, Subquery
from django.utils import timezone

from benchmarks.common import (
    TIMING_HEADINGS,
    environment,
    measure_many,
    quiz_attempt,
    ratio,
    results_head,
    run_counting_queries,
    signed_in,
    site_catalogue,
    streamed_getter,
    timing_cells,
)
from modules.progress.models import Enrolment, ModuleProgress
from quizzes.models import QuizAttempt
from tests.factories import make_course, make_module

NAME = "report_export"
LEARNERS = 10_000
MODULES = 8
BATCH = 2_000
RUNS_SHARE = 10  # a tenth of the timed runs asked for
HEADINGS = ["Learner", "Email", "Enrolled", "Completed", "Modules done"]
STATUS = {"done": "done", "started": "in progress", None: "not started"}


def build():
    """The course, its modules and learners, and a trainer: (course, modules, trainer)."""
    course = make_course(site_catalogue(), title="Report export", slug="report-export")
    modules = [
        make_module(course, title=f"Module {n}", slug=f"module-{n}") for n in range(1, MODULES + 1)
    ]
    now = timezone.now()
    with transaction.atomic():
        # Names in another order than the ids, so that sorting by name does some work.
        learners = get_user_model().objects.bulk_create(
            [
                get_user_model()(
                    email=f"learner{i:05d}@report.example.test",
                    full_name=f"Learner {i * 7919 % LEARNERS:05d}",
                    password="!",  # unusable
                )
                for i in range(LEARNERS)
            ],
            batch_size=BATCH,
        )
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    learner=learner,
                    course=course,
                    course_title=course.title,
                    completed_at=now if i % 9 == MODULES else None,
                )
                for i, learner in enumerate(learners)
            ],
            batch_size=BATCH,
        )
        ModuleProgress.objects.bulk_create(
            [
                ModuleProgress(
                    learner=learner,
                    module=module,
                    course=course,
                    module_title=module.title,
                    completed_at=now if n < i % 9 else None,
                )
                for i, learner in enumerate(learners)
                for n, module in enumerate(modules[: i % 9 + 1])
            ],
            batch_size=BATCH,
        )
        QuizAttempt.objects.bulk_create(
            [
                quiz_attempt(learner, modules[0], percent, now)
                for i, learner in enumerate(learners)
                if i % 2 == 0 and i % 9 >= 1
                for percent in ([40 + i % 50, 100] if i % 4 == 0 else [40 + i % 50])
            ],
            batch_size=BATCH,
        )
    # Statistics, as a database that has taken in this much data keeps them (PostgreSQL
    # gathers them by itself). Without them SQLite looks the best scores up through the
    # index on the module alone, reading every attempt in the module for each learner.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    trainer = get_user_model().objects.create_superuser(
        email="report-trainer@example.test", password=None, full_name="Bench Trainer"
    )
    return course, modules, trainer


def baseline_rows(course, module_ids):
    """The one query: (learner, name, email, enrolled, completed, module, done, best) rows."""
    best = QuizAttempt.objects.filter(
        learner_id=OuterRef("learner_id"), module_id=OuterRef("progress__module_id")
    ).order_by("-percent")
    return (
        Enrolment.objects.filter(course=course)
        .annotate(
            progress=FilteredRelation(
                "learner__module_progress",
                condition=Q(learner__module_progress__module_id__in=module_ids),
            ),
            best=Subquery(best.values("percent")[:1]),
        )
        .order_by("learner__full_name", "learner_id")
        .values_list(
            "learner_id",
            "learner__full_name",
            "learner__email",
            "enrolled_at",
            "completed_at",
            "progress__module_id",
            "progress__completed_at",
            "best",
        )
    )


def stamp(moment):
    """A time as the report writes it: the site's time zone, ISO 8601 with its offset."""
    return "" if moment is None else timezone.localtime(moment).isoformat(timespec="seconds")


def baseline_csv(course, modules):
    """Returns a function writing the report's CSV from `baseline_rows`, as bytes."""
    module_ids = [module.pk for module in modules]
    header = list(HEADINGS)
    for number, module in enumerate(modules, start=1):
        header += [f"{number}. {module.title}", f"{number}. best score"]

    def write():
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for _learner, rows in groupby(baseline_rows(course, module_ids), key=lambda r: r[0]):
            rows = list(rows)
            _id, name, email, enrolled, completed = rows[0][:5]
            status, best = {}, {}
            for *_, module_id, done_at, score in rows:
                if module_id is not None:
                    status[module_id] = "done" if done_at else "started"
                    best[module_id] = score
            done = sum(1 for s in status.values() if s == "done")
            line = [name, email, stamp(enrolled), stamp(completed), f"{done}/{len(module_ids)}"]
            for module_id in module_ids:
                score = best.get(module_id)
                line += [
                    STATUS[status.get(module_id)],
                    f"{score:.0f}%" if score is not None else "",
                ]
            writer.writerow(line)
        return out.getvalue().encode()

    return write


def run(repeat=50, warmup=5):
    begun = time.perf_counter()
    course, modules, trainer = build()
    setup_seconds = time.perf_counter() - begun
    if course.modules_in_order:
        raise RuntimeError("The baseline knows no locked modules: the course must not be in order")
    sides = {
        "export": streamed_getter(
            signed_in(trainer), f"/admin/reports/course-progress/?course={course.pk}&export=csv"
        ),
        "baseline": baseline_csv(course, modules),
    }

    # Check that both write the same file, a line per learner, before timing them.
    (_response, exported), export_queries = run_counting_queries(sides["export"])
    written, baseline_queries = run_counting_queries(sides["baseline"])
    lines = len(list(csv.reader(io.StringIO(exported.decode()))))
    if lines != LEARNERS + 1 or exported.count(b"\r\n") != LEARNERS + 1:
        raise RuntimeError(f"The export has {lines} lines, not {LEARNERS + 1}")
    if written != exported:
        differ = next(
            (
                (a, b)
                for a, b in zip(exported.splitlines(), written.splitlines(), strict=False)
                if a != b
            ),
            f"{len(written)} bytes, not {len(exported)}",
        )
        raise RuntimeError(f"The baseline writes another file: {differ}")
    if baseline_queries != 1:
        raise RuntimeError(f"The baseline ran {baseline_queries} queries, not 1")
    statuses = {s: exported.count(f",{s},".encode()) for s in ("done", "in progress")}
    if not all(statuses.values()) or b",100%" not in exported:
        raise RuntimeError(f"The export shows no variety of progress: {statuses}")

    runs = max(2, math.ceil(repeat / RUNS_SHARE))
    warmups = min(warmup, 1)
    timed = measure_many(sides, repeat=runs, warmup=warmups)
    ratios = ratio(timed, "export", "baseline")
    queries = {"export": export_queries, "baseline": baseline_queries}
    counts = {
        "learners": LEARNERS,
        "modules": MODULES,
        "progress_rows": ModuleProgress.objects.filter(course=course).count(),
        "quiz_attempts": QuizAttempt.objects.filter(module__in=modules).count(),
    }

    data = results_head(
        NAME, runs, warmups, ratios, queries, **counts, setup_s=round(setup_seconds, 3)
    )
    for name in sides:
        data[name] = {
            **timed[name].as_dict(),
            "queries": queries[name],
            "csv_lines": lines,
            "csv_bytes": len(exported),
        }
    data.update(environment())

    rows = [["CSV", *TIMING_HEADINGS, "queries", "lines", "bytes"]]
    labels = [
        ("export", f"report export ({LEARNERS:,} × {MODULES})"),
        ("baseline", "one values_list query"),
    ]
    for name, label in labels:
        rows.append([label, *timing_cells(timed[name]), queries[name], lines, len(exported)])
    notes = [
        ratios.note("export/baseline", runs, warmups),
        f"data: {LEARNERS:,} learners, {MODULES} modules, {counts['progress_rows']:,} progress"
        f" rows, {counts['quiz_attempts']:,} quiz attempts, made in {setup_seconds:.1f} s",
        f"queries per export: {export_queries} (baseline: {baseline_queries})",
    ]
    return rows, notes, data
