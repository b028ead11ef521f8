"""100 learners through a course at once, on the production shape: `make bench-load`.

    python -m benchmarks.load                        # PostgreSQL, then SQLite
    python -m benchmarks.load --phase postgres       # one of them
    python -m benchmarks.load --learners 40 --phase sqlite
    python -m benchmarks.load --phase sqlite --servers 2   # two app servers on one file

Phase "postgres", the production shape on one machine: two app servers (each
`gunicorn capisce.wsgi` with 2 sync workers, on ports of their own) and one task worker
(`manage.py db_worker`, django-tasks-db) against PostgreSQL (127.0.0.1:5432, user postgres,
a throwaway database made and dropped by the run) and Redis (127.0.0.1:6379) as the cache.
Every request of a learner goes to the next app server in turn, as a proxy would send it.

Phase "sqlite", the embedded default: one app server (2 workers) and the task worker on one
SQLite file (WAL, immediate transactions), the database as the cache.

In each phase the learners (benchmarks/load/learner.py) start at the same moment, one thread
each, from loopback addresses of their own: half sign up (and confirm their address from the
mail the worker delivers), half sign in; each enrols, opens the course's three modules in
order (benchmarks/load/fixture.py), answers their quizzes from the form (the right choices
known from the database, not the page), records a take through the upload API (a 3-second
Opus file made with ffmpeg, two turn marks) and submits it with a self-assessment, and
completes the course; some double-submit, re-send an upload, or post stale tokens, and must
be refused as expected. Then the run waits for the worker's queue to drain (PDFs and mail)
and checks the database and the storage (benchmarks/load/checks.py) and the servers' logs
(no 5xx, no "database is locked", no deadlock, no traceback).

Printed per phase: requests, errors (5xx or no answer), learners who finished, latency
p50/p95/p99 over all requests and per kind of request, how long the queue took to drain,
and each check. Results go to benchmarks/results/bench_load_<phase>.json. The run fails
(exit 1) when the PostgreSQL phase does not pass every check; the SQLite phase reports
what breaks, if anything, and does not fail the run.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

from benchmarks import common, loadgen

REPO = Path(__file__).resolve().parent.parent.parent
VENV_BIN = REPO / ".venv" / "bin"
PHASES = {"postgres": 2, "sqlite": 1}  # app servers
LOG_PROBLEMS = {
    "database is locked": "database is locked",
    "deadlock": "deadlock detected",
    "tracebacks": "Traceback (most recent call last)",
    "server errors logged": "Internal Server Error",
}
POSTGRES = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"  # the run's keys carry a prefix of their own


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--phase", choices=list(PHASES), help="one phase only")
    parser.add_argument("--learners", type=int, default=100, help="learners at once (100)")
    parser.add_argument("--time-limit", type=float, default=600, help="seconds for the learners")
    parser.add_argument(
        "--servers", type=int, help="app servers (default: 2 on PostgreSQL, 1 on SQLite)"
    )
    args = parser.parse_args(argv)
    if args.learners < 2:
        parser.error("at least two learners: one signs up, one signs in")
    if args.phase:
        args.servers = args.servers or PHASES[args.phase]
        return phase(args)
    failed = False
    for name in PHASES:
        command = [sys.executable, "-m", "benchmarks.load", "--phase", name]
        command += ["--learners", str(args.learners), "--time-limit", str(args.time_limit)]
        command += ["--servers", str(args.servers)] if args.servers else []
        code = subprocess.run(command, cwd=REPO, check=False).returncode
        if name == "postgres" and code:
            failed = True
    return 1 if failed else 0


def phase(args):
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=f"capisce-load-{args.phase}-"))
    database = []
    try:
        return run_phase(args, tmp, database, started)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        for name in database:
            drop_database(name)
        shutil.rmtree(tmp, ignore_errors=True)


def run_phase(args, tmp, database, started):
    """The phase in `tmp`; the PostgreSQL database it makes is appended to `database`."""
    processes, servers = [], []
    try:
        env, name = environment(args.phase, tmp)
        database += [name] if name else []
        os.environ.update(env)
        for variable in ("DATABASE_URL", "REDIS_URL") if args.phase == "sqlite" else ():
            os.environ.pop(variable, None)
        plan, emails, newcomers, wrong_first = prepare(args.learners)
        audio = recording(tmp)
        servers = [
            loadgen.Server.gunicorn(
                f"app{number + 1}",
                VENV_BIN / "gunicorn",
                "capisce.wsgi",
                cwd=REPO,
                env=os.environ.copy(),
                folder=tmp,
                ready="/healthz",
            )
            for number in range(args.servers)
        ]
        processes += servers
        worker = loadgen.Server(
            "worker",
            [str(VENV_BIN / "python"), "manage.py", "db_worker", "--no-reload"]
            + ["--interval", "0.5"],
            cwd=REPO,
            env=os.environ.copy(),
            log=tmp / "worker.log",
        )
        processes.append(worker)
        for server in servers:
            server.wait()
        recorder = loadgen.Recorder()
        outcomes, load_seconds = learners_at_once(
            plan,
            emails,
            newcomers,
            os.environ["SITE_URL"],
            [server.base for server in servers],
            recorder,
            audio,
            tmp,
            args,
        )
        drained = drain(seconds=300)
        checks = run_checks(plan, emails, newcomers, wrong_first)
    finally:
        for process in processes:
            process.stop()
    logs = "\n".join(process.output() for process in processes)
    access = "\n".join(s.access_log.read_text(errors="replace") for s in servers)
    data = report(args, recorder, outcomes, load_seconds, drained, checks, logs, access, started)
    return 0 if data["passed"] else 1


def environment(name, tmp):
    """The environment every process of the phase shares, and the PostgreSQL database."""
    for folder in ("media", "private", "mail"):
        (tmp / folder).mkdir()
    env = {
        "DJANGO_SETTINGS_MODULE": "benchmarks.load.settings",
        "MEDIA_ROOT": str(tmp / "media"),
        "PRIVATE_ROOT": str(tmp / "private"),
        "LOAD_MAIL_DIR": str(tmp / "mail"),
        "SITE_URL": f"http://127.0.0.1:{loadgen.free_port()}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOAD_CACHE_PREFIX": f"bench-load-{uuid.uuid4().hex[:8]}",
        "PRIVATE_FILES_SERVE": "django",
        "TMPDIR": str(tmp),
    }
    if name == "sqlite":
        env["SQLITE_PATH"] = str(tmp / "load.sqlite3")
        return env, None
    database = f"capisce_load_{uuid.uuid4().hex[:8]}"
    import psycopg
    import redis

    try:
        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'CREATE DATABASE "{database}"')
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"PostgreSQL must answer on 127.0.0.1:5432 to user postgres without a password: {error}"
        ) from None
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=5).ping()
    except redis.RedisError as error:
        drop_database(database)
        raise SystemExit(f"Redis must answer on {REDIS_URL}: {error}") from None
    env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{database}"
    env["REDIS_URL"] = REDIS_URL
    return env, database


def drop_database(database):
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def prepare(learners):
    """Migrate, build the course and the accounts of those who sign in; the plan."""
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    call_command("createcachetable", verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)
    from benchmarks.load import fixture

    half = learners // 2
    plan = fixture.build(learners=learners - half)
    newcomers = {fixture.account(n, signs_up=True) for n in range(half)}
    emails = [fixture.account(n, signs_up=True) for n in range(half)]
    emails += [fixture.account(n, signs_up=False) for n in range(learners - half)]
    wrong_first = sum(1 for n in range(learners) if n % 5 == 0)
    connections.close_all()  # the servers take over the database
    return plan, emails, newcomers, wrong_first


def recording(tmp):
    """A 3-second take as a browser's MediaRecorder makes it: Opus in WebM."""
    path = tmp / "take.webm"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=3"]
        + ["-c:a", "libopus", str(path)],
        check=True,
    )
    return path.read_bytes()


def learners_at_once(plan, emails, newcomers, site, servers, recorder, audio, tmp, args):
    from benchmarks.load.learner import Learner, Mailbox

    mailbox = Mailbox(tmp / "mail")
    people = [
        Learner(
            number,
            plan=plan,
            base=site,
            servers=servers,
            recorder=recorder,
            mailbox=mailbox,
            signs_up=email in newcomers,
            email=email,
        )
        for number, email in enumerate(emails)
    ]
    outcomes = [None] * len(people)
    barrier = threading.Barrier(len(people))

    def one(index):
        barrier.wait()
        outcome = people[index].run(audio)
        outcome["expected_refusals"] = people[index].expected_refusals
        outcomes[index] = outcome

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(len(people))]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    deadline = start + args.time_limit
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.perf_counter()))
    seconds = time.perf_counter() - start
    for index, outcome in enumerate(outcomes):
        if outcome is None:
            outcomes[index] = {
                "learner": emails[index],
                "done": False,
                "problem": f"still going after the time limit of {args.time_limit:.0f} s",
                "expected_refusals": people[index].expected_refusals,
            }
    return outcomes, seconds


def drain(*, seconds):
    """Seconds until the task queue is empty (PDFs, mail), or None after `seconds`."""
    from benchmarks.load.checks import queue_length

    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if queue_length() == 0:
            return time.perf_counter() - start
        time.sleep(1)
    return None


def run_checks(plan, emails, newcomers, wrong_first):
    from benchmarks.load import checks

    return checks.run(plan=plan, emails=emails, newcomers=newcomers, wrong_first=wrong_first)


def report(args, recorder, outcomes, load_seconds, drained, checks, logs, access, started):
    requests = recorder.requests
    errors = recorder.server_errors()
    statuses = recorder.statuses()
    done = sum(1 for o in outcomes if o["done"])
    refusals = sum(o["expected_refusals"] for o in outcomes)
    log_counts = {name: logs.count(text) for name, text in LOG_PROBLEMS.items()}
    access_5xx = sum(1 for line in access.splitlines() if _status(line) >= 500)
    p50, p95, p99 = loadgen.percentiles([s for _l, _s, s in requests])
    servers = f"{args.servers} app server{'s' * (args.servers > 1)} × 2 gunicorn workers"
    shape = (
        f"{servers}, 1 db_worker, PostgreSQL, Redis cache"
        if args.phase == "postgres"
        else f"{servers}, 1 db_worker, SQLite (WAL), database cache"
    )
    print(f"\nbench-load {args.phase}  ({time.perf_counter() - started:.1f} s)  {shape}\n")
    summary = [
        ["measure", "value"],
        ["learners at once", len(outcomes)],
        ["learners who completed the course", done],
        ["requests", len(requests)],
        ["seconds under load", round(load_seconds, 1)],
        ["requests per second", round(len(requests) / load_seconds, 1)],
        ["errors (5xx or no answer)", len(errors)],
        ["5xx in the servers' access logs", access_5xx],
        ["refusals expected and given (403, 400)", refusals],
        ["p50 ms", round(p50, 1)],
        ["p95 ms", round(p95, 1)],
        ["p99 ms", round(p99, 1)],
        [
            "queue drained after the load (s)",
            "not in 300 s" if drained is None else round(drained, 1),
        ],
        *[[f"'{text}' in the logs", count] for text, count in log_counts.items()],
    ]
    print(common.table(summary))
    print("\nby request\n")
    print(common.table(by_label(requests)))
    print("\nchecks\n")
    rows = [["check", "expected", "found", "result"]]
    for what, expected, found in checks:
        rows.append([what, expected, found, "ok" if expected == found else "FAILED"])
    print(common.table(rows))
    problems = [o for o in outcomes if not o["done"]]
    if problems:
        print(f"\nlearners who did not finish: {len(problems)}")
        seen = Counter(o["problem"] for o in problems)
        for problem, count in seen.most_common(10):
            print(f"  {count} × {problem}")
    passed = (
        not errors
        and not access_5xx
        and done == len(outcomes)
        and all(expected == found for _w, expected, found in checks)
        and not any(log_counts.values())
    )
    print(f"\n{args.phase}: {'every check passed' if passed else 'NOT every check passed'}")
    data = {
        "benchmark": f"bench_load_{args.phase}",
        "shape": shape,
        "app_servers": args.servers,
        "learners": len(outcomes),
        "completed": done,
        "requests": len(requests),
        "seconds": round(load_seconds, 2),
        "requests_per_second": round(len(requests) / load_seconds, 1),
        "errors": len(errors),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "access_log_5xx": access_5xx,
        "expected_refusals": refusals,
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "p99_ms": round(p99, 2),
        "queue_drained_seconds": None if drained is None else round(drained, 1),
        "log_problems": log_counts,
        "checks": [{"check": w, "expected": e, "found": f, "ok": e == f} for w, e, f in checks],
        "problems": [o["problem"] for o in problems],
        "passed": passed,
        **common.environment(),
    }
    name = f"bench_load_{args.phase}"
    if args.servers != PHASES[args.phase]:
        name += f"_{args.servers}_servers"
    path = common.write_json(name, data)
    print(f"written to {path.relative_to(REPO)}")
    return data


def by_label(requests):
    groups = {}
    for label, status, seconds in requests:
        groups.setdefault(label, []).append((status, seconds))
    rows = [["request", "count", "5xx", "p50 ms", "p95 ms", "p99 ms"]]
    for label, items in sorted(groups.items(), key=lambda item: -len(item[1])):
        p50, p95, p99 = loadgen.percentiles([s for _status, s in items])
        bad = sum(1 for status, _s in items if status == 0 or status >= 500)
        rows.append([label, len(items), bad, round(p50, 1), round(p95, 1), round(p99, 1)])
    return rows


def _status(line):
    """The status in a line of gunicorn's access log ('... "GET / HTTP/1.1" 200 ...')."""
    parts = line.split('" ', 1)
    try:
        return int(parts[1].split()[0]) if len(parts) == 2 else 0
    except (IndexError, ValueError):
        return 0


if __name__ == "__main__":
    sys.exit(main())
