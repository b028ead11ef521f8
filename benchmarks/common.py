"""What every benchmark shares: Django on a throwaway database, timing, query counts, output.

And what several build or check: the catalogue, quiz attempts, signed-in GETs, page text.
"""

import atexit
import gc
import json
import os
import platform
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
import warnings
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.utils.html import escape, strip_tags

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def setup():
    """Start Django on the test settings with a fresh SQLite file, migrated, removed at exit.

    Call it once, before importing anything that touches models.
    """
    tmp = Path(tempfile.mkdtemp(prefix="capisce-bench-"))
    os.environ["SQLITE_PATH"] = str(tmp / "bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    # No collected static files here; whitenoise says so once per process.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    atexit.register(_cleanup, tmp, Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_ROOT))
    call_command("migrate", verbosity=0, interactive=False)


def _cleanup(tmp, *roots):
    from django.db import connections

    connections.close_all()
    shutil.rmtree(tmp, ignore_errors=True)
    # The test settings make an uploads folder and a private one per process; each
    # benchmark removes the files it stored, which leaves them empty.
    for root in roots:
        try:
            root.rmdir()
        except OSError:
            pass


class Measurement(NamedTuple):
    """Wall-clock timings of one function, in seconds."""

    median: float
    timings: list[float]

    @property
    def p90(self):
        return statistics.quantiles(self.timings, n=10, method="inclusive")[-1]

    @property
    def min(self):
        return min(self.timings)

    @property
    def max(self):
        return max(self.timings)

    def as_dict(self):
        """Milliseconds, rounded to the microsecond, for JSON."""
        return {
            "median_ms": ms(self.median),
            "p90_ms": ms(self.p90),
            "min_ms": ms(self.min),
            "max_ms": ms(self.max),
            "timings_ms": [ms(t) for t in self.timings],
        }


def measure(fn, repeat=50, warmup=5):
    """Call `fn` `warmup` times untimed, then `repeat` times timed: (median, timings)."""
    return measure_many({"fn": fn}, repeat=repeat, warmup=warmup)["fn"]


def measure_many(fns, repeat=50, warmup=5):
    """Time several functions interleaved, so that a slow spell of the machine hits all alike.

    Each timed round calls every function once, in alternating order. Returns a
    Measurement per name of `fns`.
    """
    if repeat < 2:
        raise ValueError("repeat must be at least 2")
    names = list(fns)
    for _ in range(warmup):
        for name in names:
            fns[name]()
    timings = {name: [] for name in names}
    gc.collect()
    for i in range(repeat):
        for name in names if i % 2 == 0 else reversed(names):
            start = time.perf_counter()
            fns[name]()
            timings[name].append(time.perf_counter() - start)
    return {name: Measurement(statistics.median(t), t) for name, t in timings.items()}


def count_queries(fn):
    """How many database queries one call of `fn` runs."""
    return run_counting_queries(fn)[1]


def run_counting_queries(fn):
    """The result of one call of `fn` and the number of database queries it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        result = fn()
    return result, len(captured.captured_queries)


def ms(seconds):
    return round(seconds * 1000, 3)


TIMING_HEADINGS = ["median ms", "p90 ms", "min ms", "max ms"]


def timing_cells(m):
    """A table row's cells under TIMING_HEADINGS: Measurement `m` in ms, or blanks for None."""
    if m is None:
        return [None] * len(TIMING_HEADINGS)
    return [ms(m.median), ms(m.p90), ms(m.min), ms(m.max)]


MB = 1024 * 1024


def traced(fn):
    """Call `fn` once under tracemalloc: (its result, traced peak bytes, traced kept bytes).

    The peak is the Python memory the call needed at most; what it still holds after a
    garbage collection is what it kept (a leak would show there, call after call).
    """
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak, kept


def rss_kb():
    """The process's resident memory now, in KiB (Linux), or None."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * resource.getpagesize() // 1024


def peak_rss_kb():
    """The process's peak resident memory, in KiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB elsewhere


def reset_peak_rss():
    """Reset the process's peak resident memory to its current one, where Linux allows it."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def mb(kib):
    """KiB as MB with one decimal, or None."""
    return None if kib is None else round(kib / 1024, 1)


def growth_of(last, first):
    """`last` - `first`, or None if either is unknown."""
    return None if last is None or first is None else last - first


class Ratio(NamedTuple):
    """How many times slower one side is than its baseline."""

    median: float
    # The fastest runs are the least disturbed by the rest of the machine: a second opinion.
    min: float

    def as_dict(self):
        return {"ratio_median": round(self.median, 3), "ratio_min": round(self.min, 3)}

    def note(self, sides, runs, warmup):
        """The note's line for `sides` ("side/baseline")."""
        return (
            f"ratio {sides}: {self.median:.2f}x of medians, {self.min:.2f}x of minimums,"
            f" over {runs} runs each after {warmup} warm-up"
        )


def ratio(timed, side, baseline):
    """The Ratio of the measurements `timed[side]` to `timed[baseline]`."""
    return Ratio(timed[side].median / timed[baseline].median, timed[side].min / timed[baseline].min)


def results_head(name, runs, warmup, ratios, queries, **more):
    """The JSON's first keys: the benchmark, its runs, `more`, the Ratio and the query counts."""
    return {
        "benchmark": name,
        "runs": runs,
        "warmup": warmup,
        **more,
        **ratios.as_dict(),
        "queries": queries,
    }


def flag(raised, text):
    """What a note line ends with: a warning if `raised`, else nothing."""
    return f"  << {text}" if raised else ""


def table(rows):
    """Rows (the first is the header) as aligned text: text to the left, numbers to the right."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    numeric = [
        all(isinstance(row[i], int | float) for row in rows[1:] if row[i] is not None)
        for i in range(len(widths))
    ]

    def line(row):
        return "  ".join(
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _cell(value):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def site_catalogue():
    """The site's catalogue: the one another benchmark made in this database, or a new one."""
    from wagtail.models import Site

    from modules.models import CourseIndexPage
    from tests.factories import make_catalogue

    root = Site.objects.get(is_default_site=True).root_page.specific
    return root if isinstance(root, CourseIndexPage) else make_catalogue()


def quiz_attempt(learner, module, percent, now):
    """An attempt, not saved, with no quiz left and nothing in it but its result."""
    from quizzes.models import Quiz, QuizAttempt

    return QuizAttempt(
        learner=learner,
        module=module,
        token=uuid.uuid4(),
        quiz_title="Check your understanding",
        review_policy=Quiz.ReviewPolicy.SCORE,
        pass_mark=60,
        started_at=now,
        score=Decimal(percent),
        max_score=Decimal(100),
        percent=Decimal(percent),
        passed=percent >= 60,
        questions=[],
        answers={},
        results=[],
    )


def signed_in(user):
    """A `django.test.Client` signed in as `user`."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# benchmarks/urls.py: Wagtail's own serve view, which walks the page tree for every request.
WAGTAIL_SERVE_PREFIX = "/bench/wagtail"


def wagtail_served(url):
    """`url` (a page's address) as Wagtail's own serve view answers it, not the site's."""
    return WAGTAIL_SERVE_PREFIX + url


def getter(client, url):
    """A function that GETs `url` with `client` and returns the response, which must be a 200."""

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response

    return get


def streamed_getter(client, url, size=None):
    """A function that GETs `url` with `client` and reads the whole streamed body.

    It returns (response, body): a streamed 200, and a body of `size` bytes if given.
    """

    def get():
        response = client.get(url)
        if response.status_code != 200 or not response.streaming:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        body = b"".join(response.streaming_content)
        if size is not None and len(body) != size:
            raise RuntimeError(f"GET {url} answered {response.status_code}, {len(body)} bytes")
        return response, body

    return get


def paragraph(text):
    """`text` as a paragraph of rich text."""
    return f"<p>{escape(text)}</p>"


def page_text(response):
    """The page's text as a reader gets it: no tags, every run of white space one space."""
    return " ".join(strip_tags(re.sub(r"<", " <", response.content.decode())).split())


def words(text):
    return set(re.findall(r"\w+", text))


def check_same_words(bare, page, where):
    """Every word of the `bare` response is on the `page` response too, which is `where`."""
    missing = sorted(words(page_text(bare)) - words(page_text(page)))
    if missing:
        raise RuntimeError(f"Text on the bare page but not on {where}: {missing[:10]}")


def page_results(timed, queries, responses):
    """Per side of `responses`, its timings, queries, response bytes and text, for JSON."""
    return {
        name: {
            **timed[name].as_dict(),
            "queries": queries[name],
            "response_bytes": len(response.content),
            "text_chars": len(page_text(response)),
        }
        for name, response in responses.items()
    }


PAGE_HEADINGS = ["page", *TIMING_HEADINGS, "queries", "bytes", "text chars"]


def page_rows(labels, timed, results):
    """The table of `page_results`: PAGE_HEADINGS, then a row per (name, label) of `labels`."""
    rows = [list(PAGE_HEADINGS)]
    for name, label in labels:
        side = results[name]
        rows.append(
            [
                label,
                *timing_cells(timed[name]),
                side["queries"],
                side["response_bytes"],
                side["text_chars"],
            ]
        )
    return rows


def environment():
    """Versions that make results comparable, or not."""
    import django
    import wagtail

    return {
        "python": platform.python_version(),
        "django": django.__version__,
        "wagtail": wagtail.__version__,
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


def write_json(name, data):
    """Write `data` to benchmarks/results/<name>.json (gitignored) and return the path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path
