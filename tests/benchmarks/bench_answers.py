"""Benchmark: a class answering at the same moment, round after round, on the default SQLite database.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_answers [--learners 30] [--rounds 10]

Each learner has its own cookie jar and logs in; each round every learner opens a new question
(POST /quiz/next), then all of them submit their answers at once. Answers must come back as the
feedback page; anything else (a 500 from "database is locked", say) is counted as a failure.
"""

import argparse
import re
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from flask_migrate import upgrade

from app import create_app
from app.auth.services import create_user
from app.bank.services import load_bank
from app.config import DEFAULT_BANK_DIR
from app.extensions import db
from tests.benchmarks.gunicorn_serving import served_by_gunicorn
from tests.benchmarks.serving import served

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Learner:
    def __init__(self, base: str, name: str):
        self.base, self.name = base, name
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def post(self, path: str, fields: dict[str, str], token_page: str) -> tuple[int, str]:
        page = self.opener.open(self.base + token_page, timeout=60).read().decode()
        fields = {"csrf_token": CSRF.search(page).group(1), **fields}
        try:
            response = self.opener.open(
                self.base + path, data=urllib.parse.urlencode(fields).encode(), timeout=60
            )
            return response.status, response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, path

    def log_in(self) -> None:
        self.post("/login", {"username": self.name, "password": PASSWORD}, "/login")

    def open_question(self) -> str:
        _status, url = self.post("/quiz/next", {"type": "true_false"}, "/quiz")
        return url.removeprefix(self.base)

    def answer(self, question_path: str) -> tuple[int, str, float]:
        page = self.opener.open(self.base + question_path, timeout=60).read().decode()
        fields = {"csrf_token": CSRF.search(page).group(1), "response": "0"}
        began = time.perf_counter()
        try:
            response = self.opener.open(
                self.base + question_path, data=urllib.parse.urlencode(fields).encode(), timeout=60
            )
            status, url = response.status, response.geturl()
        except urllib.error.HTTPError as error:
            status, url = error.code, question_path
        return status, url, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--gunicorn", type=int, metavar="WORKERS", help="serve with gunicorn, not threads")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
                "SECRET_KEY": "bench",
                "LOG_LEVEL": "WARNING",
            }
        )
        with app.app_context():
            upgrade()
            load_bank(db.session, DEFAULT_BANK_DIR)
            for i in range(args.learners):
                create_user(db.session, f"learner{i:02d}", PASSWORD, "learner")
            db.session.commit()
        server = served_by_gunicorn(database, args.gunicorn) if args.gunicorn else served(app)
        with server as base:
            learners = [Learner(base, f"learner{i:02d}") for i in range(args.learners)]
            for learner in learners:
                learner.log_in()
            latencies, failures, answered = [], 0, 0
            began = time.perf_counter()
            for _round in range(args.rounds):
                paths = [learner.open_question() for learner in learners]
                results: list[tuple[int, str, float]] = []
                start = threading.Barrier(len(learners))

                def submit(
                    learner: Learner, path: str, results: list = results, start: threading.Barrier = start
                ) -> None:
                    start.wait()
                    results.append(learner.answer(path))

                threads = [
                    threading.Thread(target=submit, args=pair) for pair in zip(learners, paths, strict=True)
                ]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                for status, url, seconds in results:
                    latencies.append(seconds)
                    if status == 200 and url.endswith("/feedback"):
                        answered += 1
                    else:
                        failures += 1
            wall = time.perf_counter() - began
    ordered = sorted(latencies)
    print(f"learners answering at once:  {args.learners} x {args.rounds} rounds")
    print(f"answers recorded:            {answered}")
    print(f"failed answers:              {failures}")
    print(f"answer latency, median:      {statistics.median(ordered) * 1000:.0f} ms")
    print(f"answer latency, 95th pct:    {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.0f} ms")
    print(f"whole run:                   {wall:.1f} s")


if __name__ == "__main__":
    main()
