"""Benchmark: one learner's quiz cycle in process, per request: median time and SQL statements.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_cycle [--cycles 300] [--profile next]

CPU time (this process's, which includes SQLite's work) is printed beside wall time: on a shared, busy
machine it moves much less. The first cycle, which fills the caches, is not counted.

The cycle is choose the next question (the "Next question" button of a 10-question quiz session, or
POST /quiz/next to start one), show it, answer it, show the feedback, on a
fresh SQLite database with the shipped bank. ``--profile STEP`` prints cProfile's top functions for
that step, to see where its time goes.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import time
from collections import defaultdict

from tests.benchmarks.cycle import CYCLE_STEPS, LearnerCycle, counting_statements
from tests.benchmarks.teacher_app import bench_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=300)
    parser.add_argument("--profile", choices=CYCLE_STEPS, help="print where this step's time goes")
    args = parser.parse_args()
    with bench_app("bench-learner", "learner") as (app, client):
        seconds: dict[str, list[float]] = defaultdict(list)
        cpu_seconds: dict[str, list[float]] = defaultdict(list)
        statements: dict[str, list[int]] = defaultdict(list)
        profile = cProfile.Profile()
        cycle = LearnerCycle(client)
        with counting_statements(app) as counter:
            for cycle_number in range(args.cycles + 1):
                for name in CYCLE_STEPS:
                    counter.count = 0
                    profiling = args.profile == name and cycle_number > 0
                    began, cpu_began = time.perf_counter(), time.process_time()
                    if profiling:
                        profile.enable()
                    status = cycle.step(name)
                    if profiling:
                        profile.disable()
                    if cycle_number > 0:
                        seconds[name].append(time.perf_counter() - began)
                        cpu_seconds[name].append(time.process_time() - cpu_began)
                        statements[name].append(counter.count)
                    if status >= 400:
                        raise SystemExit(f"{name} answered {status}")
    print(f"cycles: {args.cycles} (in process, SQLite, shipped bank)")
    print(f"{'request':<10} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>8} {'statements (max)':>17}")
    for name in CYCLE_STEPS:
        ordered = sorted(seconds[name])
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(
            f"{name:<10} {statistics.median(ordered) * 1000:>10.2f} {p95 * 1000:>8.2f} "
            f"{statistics.median(cpu_seconds[name]) * 1000:>8.2f} "
            f"{statistics.median(statements[name]):>10g} ({max(statements[name])})"
        )
    if args.profile:
        pstats.Stats(profile).sort_stats(os.environ.get("BENCH_PROFILE_SORT", "cumulative")).print_stats(25)


if __name__ == "__main__":
    main()
