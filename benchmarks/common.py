"""What every benchmark shares: Django on a throwaway database, timing, query counts, output."""

import atexit
import gc
import json
import os
import platform
import shutil
import statistics
import tempfile
import time
import warnings
from pathlib import Path
from typing import NamedTuple

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
    atexit.register(_cleanup, tmp, Path(settings.MEDIA_ROOT))
    call_command("migrate", verbosity=0, interactive=False)


def _cleanup(tmp, media_root):
    from django.db import connections

    connections.close_all()
    shutil.rmtree(tmp, ignore_errors=True)
    # The test settings make an empty uploads folder per process; benchmarks upload nothing.
    try:
        media_root.rmdir()
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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def ms(seconds):
    return round(seconds * 1000, 3)


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
