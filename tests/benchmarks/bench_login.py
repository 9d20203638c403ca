"""Benchmark: a class of 30 logging in at the same moment, against a real threaded server on loopback.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_login [--learners 30]

It builds a throwaway SQLite database in a temporary folder, creates the learners with the app's own
password hashing (Werkzeug's scrypt default), then sends every login at once, each from its own
cookie jar: GET /login for the CSRF token, then POST /login.
"""

import argparse
import re
import statistics
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from flask_migrate import upgrade

from app import create_app
from app.auth.services import create_user
from app.extensions import db
from tests.benchmarks.gunicorn_serving import served_by_gunicorn
from tests.benchmarks.serving import served

PASSWORD = "correct horse battery"


def log_in(base: str, name: str, start: threading.Event, timings: list[float], failures: list[str]) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{base}/login", timeout=30).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf_token": token, "username": name, "password": PASSWORD}).encode()
    start.wait()
    began = time.perf_counter()
    response = opener.open(f"{base}/login", data=body, timeout=60)
    timings.append(time.perf_counter() - began)
    if not response.geturl().endswith("/study"):
        failures.append(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
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
            names = [f"learner{i:02d}" for i in range(args.learners)]
            for name in names:
                create_user(db.session, name, PASSWORD, "learner")
            db.session.commit()
        server = served_by_gunicorn(database, args.gunicorn) if args.gunicorn else served(app)
        with server as base:
            start, timings, failures = threading.Event(), [], []
            threads = [
                threading.Thread(target=log_in, args=(base, n, start, timings, failures)) for n in names
            ]
            for thread in threads:
                thread.start()
            time.sleep(0.5)  # every learner has the login page and its CSRF token
            began = time.perf_counter()
            start.set()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - began
    ordered = sorted(timings)
    print(f"learners logging in at once: {args.learners}")
    print(f"all logged in after:         {wall:.2f} s ({args.learners / wall:.1f} logins/s)")
    print(f"one login, median:           {statistics.median(ordered):.2f} s")
    print(f"one login, slowest:          {ordered[-1]:.2f} s")
    print(f"failed logins:               {len(failures)}")


if __name__ == "__main__":
    main()
