"""Benchmark: the claim map's "Suggest a counterpart" by meaning, cold (nothing stored) and warm.

The first request encodes both sources' sentences and keeps their vectors in the database; later requests
read them. Prints milliseconds per request (median) and how much of it a bare endpoint costs in the same
run; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_suggest [--repeat 20]
"""

import argparse
import statistics
import time

from sqlalchemy import func, select

from app.bank.generator import semantic
from app.bank.generator.suggesters import choose
from app.extensions import db
from app.sources.models import SentenceVector
from tests.benchmarks.teacher_app import teacher_app

SUGGEST = "/teach/claims/suggest"
CLAIMS = {
    "a DPRK sentence": f"{SUGGEST}?source=dprk&sentence=dprk:6:1",
    "a paper sentence": f"{SUGGEST}?source=weathersby&sentence=weathersby:4:2",
    "a pasted part of a sentence": f"{SUGGEST}?source=dprk&quote=Kim+Il+Sung+refused+to+blindly+follow",
}


def _timed_ms(client, url: str) -> float:
    began = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - began) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"ranking: {choose().name} {choose().note}")
    semantic.encoder.cache_clear()  # cold: the model is loaded by the first request, as in a new server
    with teacher_app() as (app, client):
        bare = statistics.median(_timed_ms(client, "/healthz") for _ in range(args.repeat))
        first_url = next(iter(CLAIMS.values()))
        cold = _timed_ms(client, first_url)
        with app.app_context():
            stored = db.session.scalar(select(func.count()).select_from(SentenceVector))
        print(f"cold (load the model, encode and store {stored} sentences): {cold:.0f} ms")
        print(f"bare endpoint: {bare:.2f} ms")
        for name, url in CLAIMS.items():
            # Warm, and without the in-process encoder cache: every vector comes from the database.
            semantic.encoder.cache_clear()
            times = [_timed_ms(client, url) for _ in range(args.repeat)]
            print(f"warm, {name}: median {statistics.median(times):.0f} ms, worst {max(times):.0f} ms")


if __name__ == "__main__":
    main()
