"""A PostgreSQL restart while a class answers: what do the learners see, and does the log see it all?

Starts a throwaway PostgreSQL server and gunicorn (``deploy/gunicorn.conf.py``) on it, lets a class of
learners go round the quiz (new question, question page, answer, feedback) as fast as they can, restarts
the server as ``systemctl restart postgresql`` would (``pg_ctl stop -m fast``, then start) in the
middle, and prints every HTTP status the learners got, the failed connections, the restart's length,
and how many requests the app's log has a line for.

    .venv/bin/python -m tests.benchmarks.bench_database_restart [--learners 50] [--workers 4]
"""

import argparse
import collections
import json
import os
import re
import signal
import subprocess
import sys
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
from app.config import DEFAULT_BANK_DIR, PROJECT_ROOT
from app.extensions import db
from tests.throwaway_postgres import ThrowawayPostgres, server_programs

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *_args: object, **_kwargs: object) -> None:
        return None  # every request is counted on its own


class Learner:
    """One browser: its own cookies; every response's status is tallied."""

    def __init__(self, base: str, name: str, tally: collections.Counter) -> None:
        self.base, self.name, self.tally = base, name, tally
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
        )
        self.csrf = ""

    def request(self, path: str, fields: dict[str, str] | None = None) -> tuple[int, str, str]:
        data = urllib.parse.urlencode({"csrf_token": self.csrf, **fields}).encode() if fields else None
        try:
            with self.opener.open(self.base + path, data=data, timeout=60) as response:
                status, location, body = response.status, "", response.read().decode()
        except urllib.error.HTTPError as error:
            status, location, body = error.code, error.headers.get("Location", ""), ""
            error.close()
        except OSError:
            self.tally["connection failed"] += 1
            return 0, "", ""
        self.tally[status] += 1
        return status, location.removeprefix(self.base), body

    def log_in(self) -> None:
        _status, _location, page = self.request("/login")
        self.csrf = CSRF.search(page).group(1)
        self.request("/login", {"username": self.name, "password": PASSWORD})
        _status, _location, page = self.request("/quiz")
        self.csrf = CSRF.search(page).group(1)

    def answer_one(self) -> None:
        status, question, _page = self.request("/quiz/next", {"type": "true_false"})
        if status != 302:
            return
        if self.request(question)[0] != 200:
            return
        status, feedback, _page = self.request(question, {"response": "0"})
        if status == 503:  # the page says to try again: a learner sends the answer again
            status, feedback, _page = self.request(question, {"response": "0"})
        if status == 302:
            self.request(feedback)


def _prepare(server: ThrowawayPostgres, learners: int) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": server.url, "SECRET_KEY": "bench", "LOG_LEVEL": "WARNING"})
    with app.app_context():
        upgrade()
        load_bank(db.session, DEFAULT_BANK_DIR)
        for number in range(learners):
            create_user(db.session, f"Learner {number}", PASSWORD, "learner")
        db.session.commit()
        db.engine.dispose()


def _gunicorn(server: ThrowawayPostgres, workers: int, instance: Path) -> tuple[subprocess.Popen, str]:
    environment = {
        **os.environ,
        "DATABASE_URL": server.url,
        "SECRET_KEY": "bench",
        "COUNTERPOINT_INSTANCE_PATH": str(instance),
        "COUNTERPOINT_BIND": "127.0.0.1:0",
        "COUNTERPOINT_WORKERS": str(workers),
        "COUNTERPOINT_DB_POOL_SIZE": "2",
        "COUNTERPOINT_DB_MAX_OVERFLOW": "2",
    }
    master = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "--config", "deploy/gunicorn.conf.py", "app:create_app()"],
        cwd=PROJECT_ROOT,
        env=environment,
        stderr=subprocess.PIPE,
        text=True,
    )
    while True:
        line = master.stderr.readline()
        if not line:
            raise RuntimeError("gunicorn stopped before it served")
        if found := re.search(r"Listening at: (http://[\d.]+:\d+)", line):
            return master, found.group(1)


def run(learners: int, workers: int, seconds: float) -> None:
    programs = server_programs()
    if programs is None:
        sys.exit("needs PostgreSQL's server programs (Debian: apt-get install postgresql)")
    server = ThrowawayPostgres(programs)
    tally: collections.Counter = collections.Counter()
    log_lines: list[str] = []
    try:
        _prepare(server, learners)
        with tempfile.TemporaryDirectory() as folder:
            master, base = _gunicorn(server, workers, Path(folder) / "instance")
            reader = threading.Thread(target=lambda: log_lines.extend(master.stderr), daemon=True)
            reader.start()
            try:
                class_ = [Learner(base, f"Learner {n}", tally) for n in range(learners)]
                for learner in class_:  # the logins are counted too, as the log has them
                    learner.log_in()
                stop = threading.Event()

                def go_round(learner: Learner) -> None:
                    while not stop.is_set():
                        learner.answer_one()

                threads = [threading.Thread(target=go_round, args=(learner,)) for learner in class_]
                for thread in threads:
                    thread.start()
                time.sleep(seconds / 2)
                started = time.monotonic()
                server.restart()
                restart_took = time.monotonic() - started
                time.sleep(seconds / 2)
                stop.set()
                for thread in threads:
                    thread.join(timeout=120)
            finally:
                master.send_signal(signal.SIGTERM)
                master.wait(timeout=60)
                reader.join(timeout=10)
    finally:
        server.close()
    entries = [json.loads(line) for line in log_lines if line.startswith("{")]
    logged = collections.Counter(e["status"] for e in entries if e.get("logger") == "app.requests")
    requests = sum(tally.values()) - tally["connection failed"]  # each has a line in the log, or should
    print(f"{learners} learners, {workers} gunicorn workers, {seconds:.0f} s of answering")
    print(f"PostgreSQL restart (stop -m fast, start) took {restart_took:.2f} s")
    print("statuses the learners got: " + ", ".join(f"{k}: {v}" for k, v in sorted(tally.items(), key=str)))
    print("statuses in the app's log: " + ", ".join(f"{k}: {v}" for k, v in sorted(logged.items())))
    print(f"requests answered: {requests}; lines in the app's log: {sum(logged.values())}")
    other_errors = sum(v for k, v in tally.items() if isinstance(k, int) and k >= 500 and k != 503)
    print(f"server errors (5xx) other than 503: {other_errors}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=8.0)
    options = parser.parse_args()
    run(options.learners, options.workers, options.seconds)


if __name__ == "__main__":
    main()
