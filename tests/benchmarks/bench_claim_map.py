"""Benchmark: the claim map's pages, in-process, as a ratio to a bare endpoint measured in the same run.

Every claim map request parses the sources and builds the suggester afresh; this shows what that costs.
Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_claim_map [--repeat 20]
"""

import argparse

from tests.benchmarks.teacher_app import bench_app, median_ms

PAIR = "/teach/claims/d2-cost-of-blood-vs-lost-nothing"
SUGGEST = "/teach/claims/suggest"
PAGES = {
    "list of pairs": "/teach/claims",
    "one pair (both sides, questions, ranked counterparts, history)": PAIR,
    "edit form (every sentence of both sources)": f"{PAIR}/edit",
    "suggest a counterpart (a DPRK sentence)": f"{SUGGEST}?source=dprk&sentence=dprk:21:1",
    "suggest a counterpart (a paper sentence)": f"{SUGGEST}?source=weathersby&sentence=weathersby:4:2",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with bench_app("Ms Rivera", "teacher", bare_route=True) as (_app, client):
        bare = median_ms(client, "/bench-bare", args.repeat)
        print(f"median of {args.repeat} requests each, in-process test client")
        print(f"  bare endpoint: {bare:.2f} ms")
        for name, url in PAGES.items():
            took = median_ms(client, url, args.repeat)
            print(f"  {name}: {took:.1f} ms ({took / bare:.0f}x the bare endpoint)")


if __name__ == "__main__":
    main()
