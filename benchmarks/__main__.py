"""Run the benchmarks: print a table for each, write its JSON to benchmarks/results/<name>.json.

    python -m benchmarks                  # all of them
    python -m benchmarks module_page      # some of them
    python -m benchmarks --repeat 50      # more timed runs

All benchmarks share one throwaway database, so each builds its own pages.
"""

import argparse
import importlib
import sys
import time

from benchmarks import common

BENCHMARKS = [
    "module_page",
    "quiz_submit",
    "report_export",
    "dashboard",
    "certificate_pdf",
    "rendition_upload",
    "review_page",
]


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("names", nargs="*", metavar="name", help=f"any of {', '.join(BENCHMARKS)}")
    parser.add_argument("--repeat", type=int, default=50, help="timed runs (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed runs first (default 5)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)}")

    started = time.perf_counter()
    common.setup()
    for name in args.names or BENCHMARKS:
        module = importlib.import_module(f"benchmarks.{name}")
        begun = time.perf_counter()
        rows, notes, data = module.run(repeat=args.repeat, warmup=args.warmup)
        path = common.write_json(name, data)
        print(f"\n{name}  ({time.perf_counter() - begun:.1f} s)\n")
        print(common.table(rows))
        print()
        for note in notes:
            print(note)
        print(f"written to {path.relative_to(common.RESULTS_DIR.parent.parent)}")
    print(f"\ndone in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
