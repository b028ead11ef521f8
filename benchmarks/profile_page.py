"""Where one page's time goes: `make profile PAGE=module`, or `python -m benchmarks.profile_page`.

    python -m benchmarks.profile_page module         # the module page of `make bench`
    python -m benchmarks.profile_page course         # its course page
    python -m benchmarks.profile_page dashboard      # 10 courses × 8 modules
    python -m benchmarks.profile_page quiz_submit    # posting a 20-question quiz
    python -m benchmarks.profile_page review         # the trainer's review page, 10 remarks
    python -m benchmarks.profile_page /dashboard/    # any URL of those fixtures
    python -m benchmarks.profile_page module --requests 100 --top 40

Each page is built with the very fixtures of `make bench` (benchmarks/module_page.py,
dashboard.py, quiz_submit.py, review_page.py) in a throwaway SQLite database and
requested through `django.test.Client`, through every middleware, warm (after 5
untimed requests). Three passes over the same number of requests:

1. timed, with nothing watching: the wall time per request;
2. with Django's query capture: the queries per request and the time the database
   calls took, as a share of the wall time of that pass;
3. under cProfile: the functions sorted by cumulative time and by own time (top 30
   each), and own time summed by where the code lives (Django's ORM, templates,
   Wagtail, the site's code, the database driver...).

The profile is written to benchmarks/results/profile-<page>.prof (gitignored), for
`python -m pstats` or any viewer. A URL is requested by the module benchmark's learner
with every fixture built (module, course, dashboard, quiz and review pages); give
`--as trainer` to request it as the review benchmark's trainer.
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import sysconfig
import time
from pathlib import Path

from benchmarks import common

PAGES = ["module", "course", "dashboard", "quiz_submit", "review"]
REPO = Path(__file__).resolve().parent.parent
LIBRARIES = Path(sysconfig.get_paths()["purelib"])
STDLIB = Path(sysconfig.get_paths()["stdlib"])


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.profile_page", description=__doc__.split("\n")[0]
    )
    parser.add_argument("page", help=f"one of {', '.join(PAGES)}, or a URL starting with /")
    parser.add_argument("--requests", type=int, default=50, help="requests per pass (50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first (5)")
    parser.add_argument("--top", type=int, default=30, help="functions listed per sort (30)")
    parser.add_argument(
        "--as", dest="who", choices=["learner", "trainer"], default="learner", help="for a URL"
    )
    args = parser.parse_args(argv)
    if args.page not in PAGES and not args.page.startswith("/"):
        parser.error(f"PAGE must be one of {', '.join(PAGES)}, or a URL starting with /")
    if args.requests < 2:
        parser.error("--requests must be at least 2")

    common.setup()
    label, request = fixture(args.page, args.who, args.requests + args.warmup)
    for _ in range(args.warmup):
        request()

    timings = []
    for _ in range(args.requests):
        start = time.perf_counter()
        request()
        timings.append(time.perf_counter() - start)

    queries, sql_seconds, wall = captured(request, args.requests)

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        request()
    profiler.disable()
    common.RESULTS_DIR.mkdir(exist_ok=True)
    slug = args.page if args.page in PAGES else "url"
    path = common.RESULTS_DIR / f"profile-{slug}.prof"
    profiler.dump_stats(path)
    stats = pstats.Stats(profiler)

    n = args.requests
    print(f"\nprofile of {label}: {n} requests after {args.warmup} warm-up\n")
    print(
        common.table(
            [
                ["measure", "value"],
                [
                    "median ms per request (nothing watching)",
                    f"{1000 * statistics.median(timings):.2f}",
                ],
                ["queries per request", f"{queries / n:g}"],
                ["ms per request in the database's calls", f"{1000 * sql_seconds / n:.2f}"],
                ["their share of the wall time", f"{100 * sql_seconds / wall:.1f} %"],
                ["profiled ms per request (cProfile slows it)", f"{1000 * stats.total_tt / n:.2f}"],
            ]
        )
    )
    print(f"\nown time by where the code lives (cProfile, {n} requests)\n")
    print(common.table(by_area(stats)))
    for key, title in (("cumulative", "cumulative time"), ("tottime", "own time")):
        print(f"\ntop {args.top} functions by {title} (ms per request)\n")
        print(common.table(top(stats, key, args.top, n)))
    print(f"\nwritten to {path.relative_to(REPO)} (python -m pstats {path.relative_to(REPO)})")
    return 0


def fixture(page, who, calls):
    """(what is profiled, a function that makes one request of it and checks its status)."""
    from benchmarks import dashboard, module_page, quiz_submit, review_page
    from benchmarks.common import getter, signed_in

    if page == "module":
        module = module_page.build().module
        get = getter(signed_in(module_page._learner()), module.get_url())
        get()  # the first visit records the module as started: profile a later one
        return f"the module page ({module_page.BLOCKS} blocks, {module.get_url()})", get
    if page == "course":
        course = module_page.build().course
        get = getter(signed_in(module_page._learner()), course.get_url())
        return f"the course page ({course.get_url()})", get
    if page == "dashboard":
        learner, _few, _bare, _expected = dashboard.build()
        return (
            f"the dashboard ({dashboard.COURSES} courses × {dashboard.MODULES} modules)",
            getter(signed_in(learner), dashboard.URL),
        )
    if page == "quiz_submit":
        learner, modules = quiz_submit.build()
        submitter = quiz_submit.Submitter(learner, *modules[quiz_submit.QUESTIONS])
        bodies = iter([submitter.body() for _ in range(3 * calls)])  # three passes

        def submit():
            response = submitter.post(submitter.url, next(bodies))
            if response.status_code != 302:
                raise RuntimeError(f"POST {submitter.url} answered {response.status_code}")
            return response

        return f"a quiz submission ({quiz_submit.QUESTIONS} questions, {submitter.url})", submit
    if page == "review":
        trainer, renditions, _media = review_page.build()
        url = review_page.review_url(renditions[10])
        return f"the trainer's review page (10 remarks, {url})", getter(signed_in(trainer), url)
    # A URL: every fixture is there, as the learner or the trainer of the benchmarks.
    module_page.build()
    dashboard.build()
    quiz_submit.build()
    trainer, _renditions, _media = review_page.build()
    user = trainer if who == "trainer" else module_page._learner()
    get = getter(signed_in(user), page)
    get()
    return f"{page} (as the {who})", get


def captured(request, n):
    """(queries, seconds in database calls, wall seconds) over `n` requests.

    Each call to the database is timed around the driver's execute, so the SQL time is
    the database's work plus the driver's, not the ORM's building of the SQL.
    """
    from django.db import connection

    calls = []

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            calls.append(time.perf_counter() - start)

    start = time.perf_counter()
    with connection.execute_wrapper(timed):
        for _ in range(n):
            request()
    wall = time.perf_counter() - start
    return len(calls), sum(calls), wall


AREAS = [
    ("django/db/", "Django ORM (building SQL, reading rows)"),
    ("django/template/", "Django templates"),
    ("django/forms/", "Django forms and widgets"),
    ("wagtail/", "Wagtail"),
    ("django/", "Django, the rest (middleware, URLs, sessions...)"),
]


def area(filename, function):
    """Where a function's code lives, for `by_area`."""
    if filename == "~":  # a built-in: the database driver's calls are its own area
        if "sqlite3" in function or "psycopg" in function or "CursorWrapper.execute" in function:
            return "the database (driver calls)"
        return "built-ins (str, dict, re...)"
    path = Path(filename)
    if path.is_relative_to(REPO) and not path.is_relative_to(REPO / ".venv"):
        top_folder = path.relative_to(REPO).parts[0]
        return f"the site's code ({top_folder}/)" if top_folder != "benchmarks" else "benchmarks"
    text = path.as_posix()
    for marker, name in AREAS:
        if f"/{marker}" in text:
            return name
    return "other libraries and the standard library"


def by_area(stats):
    totals = {}
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        key = area(filename, function)
        totals[key] = totals.get(key, 0.0) + tottime
    whole = sum(totals.values()) or 1.0
    rows = [["where", "own time %"]]
    for key, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        if seconds / whole >= 0.0005:
            rows.append([key, round(100 * seconds / whole, 1)])
    return rows


def short(filename, line, function):
    """A function's place, with the site's and libraries' folders cut off."""
    if filename == "~":
        return function
    path = Path(filename)
    for root in (LIBRARIES, REPO, STDLIB):
        if path.is_relative_to(root):
            path = path.relative_to(root)
            break
    return f"{path.as_posix()}:{line}({function})"


def top(stats, key, count, requests):
    index = {"cumulative": 3, "tottime": 2}[key]
    # The harness's own frames (the test client, benchmarks/) only wrap the request.
    entries = [
        entry
        for entry in sorted(stats.stats.items(), key=lambda item: -item[1][index])
        if not any(part in entry[0][0] for part in ("/django/test/", "/benchmarks/"))
    ][:count]
    rows = [["calls/request", "own ms", "cumulative ms", "function"]]
    for (filename, line, function), (_cc, calls, tottime, cumtime, _callers) in entries:
        per_request = round(calls / requests, 1)
        rows.append(
            [
                int(per_request) if per_request.is_integer() else per_request,
                common.ms(tottime / requests),
                common.ms(cumtime / requests),
                short(filename, line, function),
            ]
        )
    return rows


if __name__ == "__main__":
    sys.exit(main())
