"""Benchmark: the order of new flashcards on the shipped bank, and what building the deck costs.

Prints, for the first new cards a learner meets, how many follow a card on the same passage, with the same
answer or from the same source, and the longest run from one passage; then the median time of the card page
and of a bare endpoint in the same run,
and of building the deck alone. Passages are found with the feedback page's own lookup, so the
figures do not depend on the code they measure. Asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_card_order [--first 20] [--repeat 20]
"""

import argparse
import statistics
import time
from datetime import UTC, datetime
from itertools import pairwise

from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.learner.cards import deck_for
from app.sources.highlight import find_quote
from tests.benchmarks.teacher_app import bench_app, median_ms


def _longest_run(keys: list[object]) -> int:
    longest = run = 1 if keys else 0
    for before, after in pairwise(keys):
        run = run + 1 if before == after else 1
        longest = max(longest, run)
    return longest


def _order_figures(revisions: list, label: str) -> None:
    passages, answers, sources = [], [], []
    for revision in revisions:
        found = find_quote(db.session, revision.support_source_id, revision.support_quote)
        passages.append(found.passage.id if found else revision.support_quote)
        answers.append(str(revision.answer).casefold())
        sources.append(revision.support_source_id)
    steps = max(len(revisions) - 1, 1)

    def repeats(keys: list[object]) -> str:
        count = sum(1 for before, after in pairwise(keys) if before == after)
        return f"{count}/{steps}"

    print(
        f"  {label}: same passage as the card before {repeats(passages)}, same answer {repeats(answers)}, "
        f"same source {repeats(sources)}; longest run on one passage {_longest_run(passages)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, default=20, help="how many new cards to look at")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with bench_app("Ana", "learner", bare_route=True) as (app, client), app.app_context():
        learner = db.session.scalar(select(User).where(User.username == "Ana"))
        deck = deck_for(db.session, learner, datetime.now(UTC), new_per_day=20)
        print(f"{len(deck.new)} new cards on the shipped bank; figures for the first {args.first}")
        _order_figures(deck.new[: args.first], "first new cards")
        _order_figures(deck.new, "all new cards")
        deck_times = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            deck_for(db.session, learner, datetime.now(UTC), new_per_day=20)
            deck_times.append(time.perf_counter() - began)
        bare = median_ms(client, "/bench-bare", args.repeat)
        page = median_ms(client, "/cards/review", args.repeat)
        print(f"median of {args.repeat} requests each, in-process test client")
        print(f"  bare endpoint: {bare:.2f} ms")
        print(f"  card page (/cards/review): {page:.2f} ms ({page / bare:.0f}x bare)")
        print(f"  building the deck alone (deck_for): {statistics.median(deck_times) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
