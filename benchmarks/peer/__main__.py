"""Our module page against a wagtail-lms lesson with the same text: `make bench-peer`.

    python -m benchmarks.peer                    # 6 rounds of 400 requests per site
    python -m benchmarks.peer --rounds 10 --requests 1000 --concurrency 4

- Ours: the module page of `make bench` (benchmarks/module_page.py: 20 blocks of every
  kind, three excerpts of eight turns), in a throwaway SQLite database with the
  benchmarks' settings (the test settings: DEBUG off, a local-memory cache).
- The peer: an `H5PLessonPage` of wagtail-lms 0.11.1 whose body is 20 paragraph blocks, one
  per block of our module, holding that block's text as the `module_page` benchmark's bare
  page writes it out: the same words. It is served by a host project of our own
  (benchmarks/peer/host: `wagtail start`'s settings plus wagtail-lms, a minimal base
  template), in benchmarks/peer/.venv, where wagtail-lms is installed from PyPI with the
  same Wagtail, Django and gunicorn as ours (benchmarks/peer/requirements.txt). None of the
  peer's code is in this repository.

Both are served by gunicorn with 2 sync workers on free ports of 127.0.0.1, each to a
learner signed in through its sign-in form (ours: allauth; the peer: Django's LoginView),
enrolled in the course. After a warm-up, the two are loaded in alternating rounds
(ours first in odd rounds, the peer first in even ones), each round the same number of
GETs of the page by the same number of threads (`benchmarks/loadgen.py`: http.client, a
new connection per request, as gunicorn's sync workers close them). Printed per site and
round: requests, errors, requests per second, p50/p95/p99 latency; then the ratio
ours/peer of requests per second per round and overall. The load generator runs on the
same two cores as both servers: it costs both sides alike, so the ratio holds, not the
absolute numbers. Results go to benchmarks/results/bench_peer.json.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import common, loadgen

HERE = Path(__file__).resolve().parent
HOST = HERE / "host"
VENV = HERE / ".venv"
REQUIREMENTS = HERE / "requirements.txt"
REPO = HERE.parent.parent
PASSWORD = "peer-bench-password-42"
PEER_USERNAME = "bench-learner"
WORKERS = 2


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.peer", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--rounds", type=int, default=6, help="rounds per site (6)")
    parser.add_argument("--requests", type=int, default=400, help="GETs per site per round")
    parser.add_argument("--concurrency", type=int, default=4, help="threads at once (4)")
    parser.add_argument("--warmup", type=int, default=100, help="untimed GETs per site (100)")
    parser.add_argument("--time-limit", type=float, default=120, help="seconds per run at most")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.requests < 2:
        parser.error("at least one round of two requests")

    started = time.perf_counter()
    peer_python = peer_environment()
    common.setup()
    tmp = Path(os.environ["SQLITE_PATH"]).parent
    ours_url, paragraphs, email = build_ours()
    text_file = tmp / "paragraphs.json"
    text_file.write_text(json.dumps(paragraphs), encoding="utf-8")
    peer_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "peer_host.settings",
        "PEER_SQLITE_PATH": str(tmp / "peer.sqlite3"),
        "PEER_MEDIA_ROOT": str(tmp / "peer-media"),
        "TMPDIR": str(tmp),
    }
    run_peer = [str(peer_python), "manage.py"]
    subprocess.run(
        [*run_peer, "migrate", "--noinput", "-v", "0"], cwd=HOST, env=peer_env, check=True
    )
    peer_url = subprocess.run(
        [*run_peer, "build_peer_lesson", "--text", str(text_file), "--username", PEER_USERNAME]
        + ["--password", PASSWORD],
        cwd=HOST,
        env=peer_env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()

    # Our workers make temporary folders of their own (the test settings): under `tmp`,
    # which goes at the end.
    ours_env = {**os.environ, "TMPDIR": str(tmp)}
    servers = {}
    try:
        servers["ours"] = loadgen.Server.gunicorn(
            "ours",
            REPO / ".venv" / "bin" / "gunicorn",
            "capisce.wsgi",
            cwd=REPO,
            env=ours_env,
            folder=tmp,
            workers=WORKERS,
            ready="/accounts/login/",
        )
        servers["peer"] = loadgen.Server.gunicorn(
            "peer",
            VENV / "bin" / "gunicorn",
            "peer_host.wsgi",
            cwd=HOST,
            env=peer_env,
            folder=tmp,
            workers=WORKERS,
            ready="/accounts/login/",
        )
        for server in servers.values():
            server.wait()
        browsers = {
            "ours": sign_in_ours(servers["ours"].base, email),
            "peer": sign_in_peer(servers["peer"].base),
        }
        urls = {"ours": ours_url, "peer": peer_url}
        sizes = check_pages(browsers, urls, paragraphs)
        result = compare(browsers, urls, args)
    finally:
        for server in servers.values():
            server.stop()
    report(result, sizes, args, time.perf_counter() - started)
    return 0 if not any(r["errors"] for r in result["runs"]) else 1


def peer_environment():
    """benchmarks/peer/.venv with wagtail-lms from PyPI, made or brought up to date."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".installed"
    if stamp.exists() and stamp.stat().st_mtime >= REQUIREMENTS.stat().st_mtime:
        return python
    if not python.exists():
        print(f"Making {VENV.relative_to(REPO)} for the peer (wagtail-lms from PyPI)...")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)],
        capture_output=True,
        text=True,
    )
    if installed.returncode:
        print(installed.stdout, installed.stderr, file=sys.stderr)
        raise SystemExit("Installing the peer from PyPI failed (see above).")
    stamp.touch()
    return python


def build_ours():
    """Our module page (the `module_page` benchmark's), its text per block, the learner."""
    from allauth.account.models import EmailAddress

    from benchmarks import module_page

    module = module_page.build().module
    learner = module_page._learner()
    learner.set_password(PASSWORD)
    learner.save()
    EmailAddress.objects.get_or_create(
        user=learner, email=learner.email, defaults={"verified": True, "primary": True}
    )
    paragraphs = [module_page._block_html(child) for child in module.body]
    return module.get_url(), paragraphs, learner.email


def sign_in(base, fields):
    browser = loadgen.Browser(base)
    form = browser.get("/accounts/login/")
    token = loadgen.hidden(form.text, "csrfmiddlewaretoken")
    answer = browser.post("/accounts/login/", {**fields, "csrfmiddlewaretoken": token})
    if answer.status != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"Signing in on {base} answered {answer.status}")
    return browser


def sign_in_ours(base, email):
    return sign_in(base, {"login": email, "password": PASSWORD})


def sign_in_peer(base):
    return sign_in(base, {"username": PEER_USERNAME, "password": PASSWORD})


def words(html):
    from django.utils.html import strip_tags

    return set(re.findall(r"\w+", strip_tags(re.sub(r"<", " <", html))))


def check_pages(browsers, urls, paragraphs):
    """Both pages answer 200 to the signed-in learner and show every word of the text."""
    expected = words("\n".join(paragraphs))
    sizes = {}
    for name, browser in browsers.items():
        page = browser.get(urls[name])
        if page.status != 200:
            raise RuntimeError(f"{name}: GET {urls[name]} answered {page.status}")
        missing = sorted(expected - words(page.text))
        if missing:
            raise RuntimeError(f"{name}: the page lacks words of the text: {missing[:10]}")
        sizes[name] = len(page.body)
    return sizes


def load(browsers, url, count, args):
    """`count` GETs of `url` by `args.concurrency` threads, each with a copy of the browser."""
    recorder = loadgen.Recorder()
    copies = []
    for _ in range(args.concurrency):
        copy = loadgen.Browser(browsers.base, recorder=recorder)
        copy.cookies = dict(browsers.cookies)
        copies.append(copy)
    made, seconds = loadgen.hammer(
        lambda number: copies[number].get(url),
        total=count,
        concurrency=args.concurrency,
        time_limit=args.time_limit,
    )
    ok = [s for _label, status, s in recorder.requests if status == 200]
    p50, p95, p99 = loadgen.percentiles(ok)
    return {
        "requests": made,
        "errors": made - len(ok),
        "seconds": round(seconds, 3),
        "requests_per_second": round(len(ok) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "p99_ms": round(p99, 2),
        "latencies": ok,
    }


def compare(browsers, urls, args):
    for name in browsers:
        load(browsers[name], urls[name], args.warmup, args)
    runs = []
    for number in range(1, args.rounds + 1):
        order = ["ours", "peer"] if number % 2 else ["peer", "ours"]
        for name in order:
            runs.append(
                {
                    "round": number,
                    "site": name,
                    **load(browsers[name], urls[name], args.requests, args),
                }
            )
    return {"runs": runs}


def report(result, sizes, args, elapsed):
    runs = result["runs"]
    rows = [["round", "site", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms"]]
    ratios = []
    for number in range(1, args.rounds + 1):
        pair = {r["site"]: r for r in runs if r["round"] == number}
        for name in ("ours", "peer"):
            r = pair[name]
            rows.append(
                [number, name, r["requests"], r["errors"], r["requests_per_second"]]
                + [r["p50_ms"], r["p95_ms"], r["p99_ms"]]
            )
        ratios.append(pair["ours"]["requests_per_second"] / pair["peer"]["requests_per_second"])
    overall = {}
    for name in ("ours", "peer"):
        mine = [r for r in runs if r["site"] == name]
        latencies = [s for r in mine for s in r["latencies"]]
        seconds = sum(r["seconds"] for r in mine)
        p50, p95, p99 = loadgen.percentiles(latencies)
        overall[name] = {
            "requests": sum(r["requests"] for r in mine),
            "errors": sum(r["errors"] for r in mine),
            "requests_per_second": round(len(latencies) / seconds, 1),
            "p50_ms": round(p50, 2),
            "p95_ms": round(p95, 2),
            "p99_ms": round(p99, 2),
        }
        o = overall[name]
        rows.append(
            ["all", name, o["requests"], o["errors"], o["requests_per_second"]]
            + [o["p50_ms"], o["p95_ms"], o["p99_ms"]]
        )
    ratio_all = overall["ours"]["requests_per_second"] / overall["peer"]["requests_per_second"]
    print(f"\nbench-peer  ({elapsed:.1f} s)\n")
    print(common.table(rows))
    print()
    print(
        "ratio ours/peer, requests per second: "
        + ", ".join(f"round {n}: {r:.2f}x" for n, r in enumerate(ratios, start=1))
        + f"; overall {ratio_all:.2f}x (median of rounds {statistics.median(ratios):.2f}x)"
    )
    print(
        f"gunicorn, {WORKERS} sync workers per site; {args.concurrency} threads, "
        f"{args.requests} GETs per site per round after {args.warmup} warm-up; page bytes: "
        f"ours {sizes['ours']}, peer {sizes['peer']}"
    )
    for run in runs:
        del run["latencies"]
    data = {
        "benchmark": "bench_peer",
        "rounds": args.rounds,
        "requests_per_round": args.requests,
        "concurrency": args.concurrency,
        "workers": WORKERS,
        "ratio_per_round": [round(r, 3) for r in ratios],
        "ratio_overall": round(ratio_all, 3),
        "overall": overall,
        "runs": runs,
        "page_bytes": sizes,
        **common.environment(),
    }
    path = common.write_json("bench_peer", data)
    print(f"written to {path.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main())
