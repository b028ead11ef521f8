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


def goals_rows(results):
    """The goals table: a row per goal whose benchmark ran, measured against the goal."""
    rows = [["measure", "measured", "goal", "met"]]

    def add(label, measured, goal, met):
        rows.append([label, measured, goal, "yes" if met else "NO"])

    module = results.get("module_page")
    if module:
        q = module["queries"]
        add(
            "module page vs bare page (Wagtail's serve)",
            f"{module['ratio_median']:.2f}x",
            "<= 1.5x",
            module["ratio_median"] <= 1.5,
        )
        over_site = module["module_page_over_site_bare_ratio"]["ratio_median"]
        rows.append(
            ["module page vs bare page (the site's serve)", f"{over_site:.2f}x", "(shown)", "-"]
        )
        most = max(q[key] for key in q if key.startswith("module_page_") and key[-1] == "s")
        constant = (
            q["module_page_constant"]
            and q["french_module_page"]
            <= q[next(k for k in q if k.startswith("module_page_") and k.endswith("blocks"))] + 1
        )
        add(
            "module page queries (blocks; English/French)",
            f"{most}; {q['french_module_page']}",
            "<= 12, constant",
            most <= 12 and constant,
        )
        course = module["course_page_ratio"]["ratio_median"]
        add("course page vs bare page", f"{course:.2f}x", "<= 2x", course <= 2)
    quiz = results.get("quiz_submit")
    if quiz:
        add(
            "quiz submission (20 questions) vs CSRF-only",
            f"{quiz['ratio_median']:.2f}x",
            "<= 3x",
            quiz["ratio_median"] <= 3,
        )
    dashboard = results.get("dashboard")
    if dashboard:
        add(
            "dashboard (10 courses x 8) vs bare page (Wagtail's serve)",
            f"{dashboard['ratio_median']:.2f}x",
            "<= 2x",
            dashboard["ratio_median"] <= 2,
        )
        over_site = dashboard["dashboard_over_site_bare_ratio"]["ratio_median"]
        rows.append(
            ["dashboard vs bare page (the site's serve)", f"{over_site:.2f}x", "(shown)", "-"]
        )
    review = results.get("review_page")
    if review:
        constant = review["queries"]["review_constant"]
        add(
            "review page queries in remarks",
            "constant" if constant else "NOT constant",
            "constant",
            constant,
        )
    return rows


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
    results = {}
    for name in args.names or BENCHMARKS:
        module = importlib.import_module(f"benchmarks.{name}")
        begun = time.perf_counter()
        rows, notes, data = module.run(repeat=args.repeat, warmup=args.warmup)
        results[name] = data
        path = common.write_json(name, data)
        print(f"\n{name}  ({time.perf_counter() - begun:.1f} s)\n")
        print(common.table(rows))
        print()
        for note in notes:
            print(note)
        print(f"written to {path.relative_to(common.RESULTS_DIR.parent.parent)}")
    print("\ngoals (issue 12), measured in this run\n")
    print(common.table(goals_rows(results)))
    print(f"\ndone in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
