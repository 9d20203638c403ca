"""Benchmark: where a served quiz cycle's time goes, in a gunicorn worker under cProfile.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_served_profile [--learners 8] [--seconds 10] [--sort tottime]
    .venv/bin/python -m tests.benchmarks.bench_served_profile --split [--learners 50] [--workers 4]

One gunicorn worker with the production settings (tests/benchmarks/gunicorn_profiled.conf.py wraps
deploy/gunicorn.conf.py) serves a fresh SQLite database with the shipped bank while ``--learners`` repeat
the quiz cycle of ``bench_load``; the worker's profile, from its first cycle to its exit, is printed, so
gunicorn's parsing and writing, the request log, cookies and login are seen beside the pages' own work,
which the in-process benchmark (``bench_cycle``) cannot show. ``--split`` profiles nothing: it reads the
workers' CPU clocks (tests/benchmarks/gunicorn_request_cpu.conf.py) and prints each request kind's CPU from
its parsed headers to its written response, and the CPU the workers spend between requests (accepting,
reading, parsing, closing), under a load of any size. cProfile slows Python code down unevenly and
times by the wall clock: read shares and call counts, not absolute times.
"""

import argparse
import json
import logging
import pstats
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from app.config import PROJECT_ROOT
from tests.benchmarks.bench_load import Learner, Unexpected, prepare_counterpoint
from tests.benchmarks.gunicorn_serving import gunicorn_server

PROFILED_CONFIG = "tests/benchmarks/gunicorn_profiled.conf.py"
SPLIT_CONFIG = "tests/benchmarks/gunicorn_request_cpu.conf.py"


def drive(base: str, names: list[str], seconds: float) -> int:
    """Every learner repeats the cycle for ``seconds``; the number of cycles done."""
    class_of = [Learner(base, name) for name in names]
    for learner in class_of:
        learner.log_in()
    done = [0] * len(class_of)
    ends = time.perf_counter() + seconds

    def work(index: int) -> None:
        while time.perf_counter() < ends:
            try:
                class_of[index].cycle()
            except Unexpected as error:
                raise SystemExit(f"the cycle failed: {error}") from error
            done[index] += 1

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(class_of))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers (--split only)")
    parser.add_argument("--split", action="store_true", help="CPU inside and between requests, no profile")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative, …)")
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()
    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{Path(folder) / 'counterpoint.sqlite3'}"
        names = prepare_counterpoint(database_url, args.learners)
        profiles = Path(folder) / "profiles"
        profiles.mkdir()
        environment = {"COUNTERPOINT_PROFILE_DIR": str(profiles)}
        config, workers = (SPLIT_CONFIG, args.workers) if args.split else (PROFILED_CONFIG, 1)
        served = gunicorn_server(database_url, workers, config=config, extra_environment=environment)
        with served as server:
            cycles = drive(server.base, names, args.seconds)
        if args.split:
            print_split([json.loads(path.read_text()) for path in profiles.glob("cpu-*.json")], cycles)
            return
        dumps = sorted(profiles.glob("worker-*.prof"))
        if not dumps:
            raise SystemExit("the worker wrote no profile")
        stats = pstats.Stats(*map(str, dumps))
    print(f"{cycles} cycles by {args.learners} learners in {args.seconds:g} s, one worker under cProfile")
    per_cycle = stats.total_tt / max(cycles, 1) * 1000
    print(f"profiled time per cycle (waiting in select included): {per_cycle:.1f} ms; own time by package:")
    for package, seconds in by_package(stats).most_common():
        print(f"  {package:<14} {seconds / max(cycles, 1) * 1000:6.2f} ms  {seconds / stats.total_tt:6.1%}")
    stats.sort_stats(args.sort).print_stats(args.lines)


def print_split(workers: list[dict], cycles: int) -> None:
    """Each kind's CPU per request inside the app and gunicorn's writing, and the rest per request."""
    total = sum(worker["total"] for worker in workers)
    inside: Counter = Counter()
    counts: Counter = Counter()
    for worker in workers:
        for kind, (seconds, count) in worker["inside"].items():
            inside[kind] += seconds
            counts[kind] += count
    requests = sum(counts.values())
    print(f"{cycles} cycles, {requests} requests, {len(workers)} workers; workers' CPU per cycle (ms):")
    for kind, seconds in inside.items():
        print(f"  {kind:<10} {seconds / max(counts[kind], 1) * 1000:6.2f} a request, {counts[kind]} requests")
    between = total - sum(inside.values())
    print(f"  between requests {between / max(requests, 1) * 1000:6.2f} a request")
    print(f"  all       {total / max(cycles, 1) * 1000:6.2f} a cycle")
    collecting = sum(worker.get("collecting", 0.0) for worker in workers)
    print(f"  of which garbage collection {collecting / max(cycles, 1) * 1000:6.2f} a cycle")


def by_package(stats: pstats.Stats) -> Counter:
    """Own CPU time summed by the package a function lives in (the project's packages named as such)."""
    totals: Counter = Counter()
    for (filename, _line, function), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        totals[package_of(filename, function)] += own
    return totals


def package_of(filename: str, function: str) -> str:
    if filename == "~":  # a built-in: C code such as a socket call or sqlite3's execute
        kinds = ("socket", "select", "sqlite3")
        return "built-in " + next((kind for kind in kinds if kind in function), "other")
    path = Path(filename)
    if "site-packages" in path.parts:
        return path.parts[path.parts.index("site-packages") + 1].split(".")[0]
    if PROJECT_ROOT in path.parents:
        relative = path.relative_to(PROJECT_ROOT)
        return "/".join(relative.parts[:2]) if relative.parts[0] == "app" else relative.parts[0]
    return "stdlib"


if __name__ == "__main__":
    main()
