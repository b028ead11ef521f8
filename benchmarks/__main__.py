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

    def ratio_goal(label, measured, limit):
        add(label, f"{measured:.2f}x", f"<= {limit:g}x", measured <= limit)

    def shown(label, measured):
        rows.append([label, f"{measured:.2f}x", "(shown)", "-"])

    module = results.get("module_page")
    if module:
        q = module["queries"]
        ratio_goal("module page vs bare page (Wagtail's serve)", module["ratio_median"], 1.5)
        shown(
            "module page vs bare page (the site's serve)",
            module["module_page_over_site_bare_ratio"]["ratio_median"],
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
        ratio_goal("course page vs bare page", module["course_page_ratio"]["ratio_median"], 2)
    quiz = results.get("quiz_submit")
    if quiz:
        ratio_goal("quiz submission (20 questions) vs CSRF-only", quiz["ratio_median"], 3)
        shown(
            "floor (user, token, attempt) vs CSRF-only",
            quiz["floor_ratio"]["ratio_median"],
        )
        shown("quiz submission vs floor", quiz["submission_over_floor_ratio"]["ratio_median"])
        multipart = quiz["multipart_ratio"]["ratio_median"]
        shown("quiz submission vs CSRF-only, both multipart", multipart)
    dashboard = results.get("dashboard")
    if dashboard:
        ratio_goal(
            "dashboard (10 courses x 8) vs bare page (Wagtail's serve)",
            dashboard["ratio_median"],
            2,
        )
        shown(
            "dashboard vs bare page (the site's serve)",
            dashboard["dashboard_over_site_bare_ratio"]["ratio_median"],
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
