"""Benchmark: the claim map's pages, in-process, as a ratio to a bare endpoint measured in the same run.

Every claim map request parses the sources and builds the suggester afresh; this shows what that costs.
Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_claim_map [--repeat 20]
"""

import argparse
import logging
import statistics
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from app import create_app
from app.auth.services import create_user
from app.bank.services import load_bank
from app.config import DEFAULT_BANK_DIR
from app.extensions import db

PASSWORD = "correct horse battery"
PAIR = "/teach/claims/d2-cost-of-blood-vs-lost-nothing"
SUGGEST = "/teach/claims/suggest"
PAGES = {
    "list of pairs": "/teach/claims",
    "one pair (both sides, questions, ranked counterparts, history)": PAIR,
    "edit form (every sentence of both sources)": f"{PAIR}/edit",
    "suggest a counterpart (a DPRK sentence)": f"{SUGGEST}?source=dprk&sentence=dprk:21:1",
    "suggest a counterpart (a paper sentence)": f"{SUGGEST}?source=weathersby&sentence=weathersby:4:2",
}


def _median_ms(client, url: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    logging.disable(logging.INFO)  # one log line a request would bury the figures
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                "BANK_DIR": str(DEFAULT_BANK_DIR),
                "WTF_CSRF_ENABLED": False,
            }
        )
        app.add_url_rule("/bench-bare", "bench_bare", lambda: "ok")
        with app.app_context():
            upgrade()
            load_bank(db.session, DEFAULT_BANK_DIR)
            create_user(db.session, "Ms Rivera", PASSWORD, "teacher")
            db.session.commit()
            client = app.test_client()
            client.post("/login", data={"username": "Ms Rivera", "password": PASSWORD})
            bare = _median_ms(client, "/bench-bare", args.repeat)
            print(f"median of {args.repeat} requests each, in-process test client")
            print(f"  bare endpoint: {bare:.2f} ms")
            for name, url in PAGES.items():
                took = _median_ms(client, url, args.repeat)
                print(f"  {name}: {took:.1f} ms ({took / bare:.0f}x the bare endpoint)")


if __name__ == "__main__":
    main()
