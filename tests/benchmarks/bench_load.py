"""Benchmark: a class of learners answering at once, on the production server, against a bare Flask app.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_load [--learners 50] [--seconds 20] [--database-url URL]

Two runs, each on a fresh database behind gunicorn with deploy/gunicorn.conf.py (4 workers unless
``--workers``), on loopback, each client over its own connection (which gunicorn's sync workers close
after every response, so every request connects anew, for both apps alike):

1. bare Flask, in the cycle's shape: POST, GET, POST, GET, each request INSERTing one row and nothing else
   (tests/benchmarks/bare_app.py), the cheapest four requests that write;
2. Counterpoint with the shipped bank: every learner, logged in, repeats the quiz cycle: press "Next
   question" (the feedback page's button within a 10-question session, POST /quiz/next to start one at
   first and after a session's last question), GET the question, POST the answer, GET the feedback.
   ``--start-each-cycle`` starts a new session every cycle instead, the benchmark's shape before.

For both it prints cycles per second, latency percentiles per cycle and per request, errors and the server's
CPU per cycle (user + system time of gunicorn's master and workers, from /proc). The headline is the ratio
of Counterpoint's cycles per second to the bare app's cycles per second in the same run; the per-request
figures follow as detail. Then it checks that every answer a learner saw acknowledged (a redirect to its
feedback page) is in the database exactly once, and that no other answer is.

SQLite in a temporary folder by default; ``--database-url postgresql://…``
(or COUNTERPOINT_BENCH_DATABASE_URL)
names a PostgreSQL server on which a fresh database is made and dropped afterwards.
"""

import argparse
import http.client
import logging
import os
import re
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from app import create_app
from app.auth.models import User, username_key
from app.bank.services import load_bank
from app.config import DEFAULT_BANK_DIR
from app.extensions import db
from app.learner.models import Attempt, Presentation
from tests.benchmarks.bare_app import BARE_CYCLE, bare_engine, metadata
from tests.benchmarks.cycle import SESSION_NEXT
from tests.benchmarks.gunicorn_serving import gunicorn_server
from tests.databases import PostgresServer

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
KINDS = ("next", "question", "answer", "feedback")
WARM_UP_SECONDS = 2.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Unexpected(Exception):
    """A response the cycle could not go on from (an error status, a redirect elsewhere)."""


class Browser:
    """One learner's keep-alive connection and cookies: the least client work per request."""

    def __init__(self, base: str):
        address = urllib.parse.urlsplit(base)
        self.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, Location header, body) of one request; the connection is reopened once if it dropped."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.connection.close()
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers.get("Location", ""), text


def path_of(location: str) -> str:
    parts = urllib.parse.urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Tally:
    """What the learners saw, gathered from every thread."""

    cycle_seconds: list[float] = field(default_factory=list)
    request_seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    acknowledged: list[str] = field(default_factory=list)  # presentation tokens whose answer was acknowledged
    lock: threading.Lock = field(default_factory=threading.Lock)


class Learner:
    """A learner of the class. By default its "next" is what the feedback page offers: "Next question" within
    a quiz session, and a new session of the default size (POST /quiz/next) at the start and after a
    session's last question, as the in-process benchmark and the statement-count test do.
    ``start_each_cycle`` starts a new session every cycle instead (the benchmark's shape before)."""

    def __init__(self, base: str, name: str, start_each_cycle: bool = False):
        self.browser, self.name, self.csrf = Browser(base), name, ""
        self.start_each_cycle = start_each_cycle
        self.session_next = ""  # the feedback page's "Next question" within a session, when it has one

    def _timed(
        self,
        kind: str,
        timings: dict[str, float],
        method: str,
        path: str,
        fields: dict[str, str] | None = None,
    ) -> tuple[int, str, str]:
        began = time.perf_counter()
        status, location, body = self.browser.request(method, path, fields)
        timings[kind] = time.perf_counter() - began
        if found := CSRF.search(body):
            self.csrf = found.group(1)
        return status, location, body

    def log_in(self) -> None:
        _status, _location, body = self.browser.request("GET", "/login")
        self.csrf = CSRF.search(body).group(1)
        fields = {"csrf_token": self.csrf, "username": self.name, "password": PASSWORD}
        status, _location, _body = self.browser.request("POST", "/login", fields)
        if status != 302:
            raise Unexpected(f"{self.name} could not log in ({status})")
        _status, _location, body = self.browser.request("GET", "/quiz")
        self.csrf = CSRF.search(body).group(1)

    def cycle(self) -> tuple[dict[str, float], str]:
        """One quiz cycle; returns each request's seconds and the token of the answer acknowledged."""
        timings: dict[str, float] = {}
        if self.session_next:
            fields = {"csrf_token": self.csrf}
            status, location, _ = self._timed("next", timings, "POST", self.session_next, fields)
        else:
            fields = {"csrf_token": self.csrf, "source": "", "section": "", "type": ""}
            status, location, _ = self._timed("next", timings, "POST", "/quiz/next", fields)
        if status != 302 or "/quiz/q/" not in location:
            raise Unexpected(f"next: {status}")
        question = path_of(location)
        status, _, _ = self._timed("question", timings, "GET", question)
        if status != 200:
            raise Unexpected(f"question: {status}")
        status, location, _ = self._timed(
            "answer", timings, "POST", question, {"csrf_token": self.csrf, "response": "0"}
        )
        if status != 302 or not location.endswith("/feedback"):
            raise Unexpected(f"answer: {status}")
        token = question.rsplit("/", 1)[1]
        status, _, body = self._timed("feedback", timings, "GET", path_of(location))
        if status != 200:
            raise Unexpected(f"feedback: {status}")
        found = None if self.start_each_cycle else SESSION_NEXT.search(body)
        self.session_next = found.group(1) if found else ""
        return timings, token


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children (gunicorn's workers), from /proc."""
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return total + sum(server_cpu_seconds(int(child)) for child in children)


@dataclass
class Window:
    """The measured stretch of a run: starts after the warm-up, lasts ``seconds``."""

    seconds: float
    starts: float = 0.0
    cpu: float = 0.0
    client_cpu: float = 0.0  # this process's (the learners' threads), which shares the machine's cores

    @property
    def ends(self) -> float:
        return self.starts + self.seconds


def run_for(window: Window, pid: int, workers: int, work: Callable[[Window], None]) -> None:
    """Runs ``work`` on ``workers`` threads; measures the server's CPU over the window."""
    window.starts = time.perf_counter() + WARM_UP_SECONDS
    threads = [threading.Thread(target=work, args=(window,)) for _ in range(workers)]
    for thread in threads:
        thread.start()
    time.sleep(max(window.starts - time.perf_counter(), 0))
    before, client_before = server_cpu_seconds(pid), time.process_time()
    time.sleep(max(window.ends - time.perf_counter(), 0))
    window.cpu = server_cpu_seconds(pid) - before
    window.client_cpu = time.process_time() - client_before
    for thread in threads:
        thread.join()


@contextmanager
def fresh_database(server_url: str | None, folder: Path, name: str) -> Iterator[str]:
    """A new, empty database: a SQLite file in ``folder``, or one made on the PostgreSQL server."""
    if not server_url:
        yield f"sqlite:///{folder / name}.sqlite3"
        return
    server = PostgresServer(server_url)
    url = server.template_url(name)
    server.create(url)
    try:
        yield url
    finally:
        server.close()


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)] * 1000 if ordered else float("nan")


def latency_line(label: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    return (
        f"  {label:<10} p50 {percentile(ordered, 0.50):7.1f} ms   p95 {percentile(ordered, 0.95):7.1f} ms   "
        f"p99 {percentile(ordered, 0.99):7.1f} ms"
    )


@dataclass(frozen=True)
class Served:
    """What one run served in its window: cycles per second and server CPU seconds per cycle."""

    cycles_per_second: float
    cpu_per_cycle: float


def cpu_line(label: str, window: Window, cycles: int, requests: int) -> str:
    """The server's CPU per cycle and per request, and the client's beside it (both share the cores)."""
    server = window.cpu / max(cycles, 1) * 1000
    return (
        f"  server CPU per cycle {server:.2f} ms ({server * cycles / max(requests, 1):.2f} ms per {label});"
        f" client CPU per cycle {window.client_cpu / max(cycles, 1) * 1000:.2f} ms"
    )


def rate_line(served: Served, errors: Counter) -> str:
    return (
        f"  cycles/s   {served.cycles_per_second:8.1f}   errors {sum(errors.values())} {dict(errors) or ''}"
    )


def bench_bare(database_url: str, learners: int, seconds: float, workers: int) -> Served:
    """Cycles per second of the bare app (four writing requests a cycle); prints its figures."""
    engine = bare_engine(database_url)
    metadata.create_all(engine)
    cycles: list[float] = []
    requests: list[float] = []
    errors: Counter = Counter()
    lock = threading.Lock()
    with gunicorn_server(database_url, workers, "tests.benchmarks.bare_app:create_bare_app()") as server:

        def work(window: Window) -> None:
            browser, my_cycles, my_requests, failed = Browser(server.base), [], [], Counter()
            while (began := time.perf_counter()) < window.ends:
                spent: list[float] = []
                try:
                    for method in BARE_CYCLE:
                        sent = time.perf_counter()
                        status, _, _ = browser.request(method, "/", {} if method == "POST" else None)
                        spent.append(time.perf_counter() - sent)
                        if status != 200:
                            raise Unexpected(f"status {status}")
                except Unexpected as error:
                    failed[str(error)] += 1
                    continue
                except (OSError, http.client.HTTPException) as error:
                    failed[type(error).__name__] += 1
                    browser = Browser(server.base)
                    continue
                if began >= window.starts:
                    my_cycles.append(time.perf_counter() - began)
                    my_requests.extend(spent)
            with lock:
                cycles.extend(my_cycles)
                requests.extend(my_requests)
                errors.update(failed)

        window = Window(seconds)
        run_for(window, server.pid, learners, work)
    engine.dispose()
    served = Served(len(cycles) / seconds, window.cpu / max(len(cycles), 1))
    print(
        f"bare Flask, {len(BARE_CYCLE)} requests a cycle, one INSERT each",
        f"({learners} clients, {seconds:g} s)",
    )
    print(rate_line(served, errors))
    print(latency_line("cycle", cycles))
    print(latency_line("request", requests))
    print(cpu_line("request", window, len(cycles), len(requests)))
    return served


def prepare_counterpoint(database_url: str, learners: int) -> list[str]:
    """Migrates, loads the shipped bank and inserts the learners (one password hash computed for all)."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench", "LOG_LEVEL": "WARNING"})
    names = [f"learner{i:03d}" for i in range(learners)]
    password_hash = generate_password_hash(PASSWORD)
    with app.app_context():
        upgrade()
        load_bank(db.session, DEFAULT_BANK_DIR)
        db.session.add_all(
            User(username=name, username_key=username_key(name), role="learner", password_hash=password_hash)
            for name in names
        )
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return names


def check_answers(database_url: str, acknowledged: list[str]) -> None:
    """Every acknowledged answer is stored exactly once, and none is stored that nobody saw acknowledged."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench", "LOG_LEVEL": "WARNING"})
    with app.app_context():
        stored = Counter(
            db.session.scalars(
                select(Presentation.token).join(Attempt, Attempt.presentation_id == Presentation.id)
            )
        )
        total = db.session.scalar(select(func.count()).select_from(Attempt))
        db.session.remove()
        db.engine.dispose()
    seen = Counter(acknowledged)
    missing = [token for token in seen if stored[token] == 0]
    doubled = [token for token in seen if stored[token] > 1 or seen[token] > 1]
    unseen = total - sum(stored[token] for token in seen)
    verdict = "OK" if not (missing or doubled) else "FAILED"
    print(
        f"answers acknowledged {len(acknowledged)}, stored {total}: missing {len(missing)}, "
        f"stored twice {len(doubled)}, stored but never acknowledged {unseen}  [{verdict}]"
    )


def bench_counterpoint(
    database_url: str, learners: int, seconds: float, workers: int, start_each_cycle: bool = False
) -> Served:
    """Cycles per second of the quiz; prints its figures."""
    names = prepare_counterpoint(database_url, learners)
    tally = Tally()
    with gunicorn_server(database_url, workers) as server:
        class_of = [Learner(server.base, name, start_each_cycle) for name in names]
        with ThreadPoolExecutor(8) as pool:  # a login costs a password hash: a few at a time
            list(pool.map(Learner.log_in, class_of))
        queue = iter(class_of)
        queue_lock = threading.Lock()

        def work(window: Window) -> None:
            with queue_lock:
                learner = next(queue)
            cycles, requests, failed, answered = [], defaultdict(list), Counter(), []
            while (began := time.perf_counter()) < window.ends:
                try:
                    timings, token = learner.cycle()
                except Unexpected as error:
                    failed[str(error)] += 1
                    continue
                except (OSError, http.client.HTTPException) as error:
                    failed[type(error).__name__] += 1
                    learner.browser.connection.close()  # the next request opens a new connection
                    continue
                answered.append(token)
                if began >= window.starts:
                    cycles.append(time.perf_counter() - began)
                    for kind, spent in timings.items():
                        requests[kind].append(spent)
            with tally.lock:
                tally.cycle_seconds.extend(cycles)
                for kind, spent in requests.items():
                    tally.request_seconds[kind].extend(spent)
                tally.errors.update(failed)
                tally.acknowledged.extend(answered)

        window = Window(seconds)
        run_for(window, server.pid, learners, work)
    done = len(tally.cycle_seconds)
    served = Served(done / seconds, window.cpu / max(done, 1))
    shape = "a new session every cycle" if start_each_cycle else "Next within 10-question sessions"
    print(f"Counterpoint quiz cycle ({learners} learners, {seconds:g} s, {workers} workers; {shape})")
    print(rate_line(served, tally.errors))
    print(latency_line("cycle", tally.cycle_seconds))
    for kind in KINDS:
        print(latency_line(kind, tally.request_seconds[kind]))
    print(cpu_line("request", window, done, done * len(KINDS)))
    check_answers(database_url, tally.acknowledged)
    return served


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (deploy default: 4)")
    parser.add_argument(
        "--start-each-cycle", action="store_true", help="POST /quiz/next every cycle (a new session each)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("COUNTERPOINT_BENCH_DATABASE_URL"),
        help="a PostgreSQL server to make fresh databases on; SQLite files when absent",
    )
    args = parser.parse_args()
    logging.disable(logging.INFO)  # the migrations' lines would bury the figures
    with tempfile.TemporaryDirectory() as folder:
        with fresh_database(args.database_url, Path(folder), "bare") as url:
            bare = bench_bare(url, args.learners, args.seconds, args.workers)
        with fresh_database(args.database_url, Path(folder), "counterpoint") as url:
            cycles = bench_counterpoint(url, args.learners, args.seconds, args.workers, args.start_each_cycle)
    print(
        f"ratio: {cycles.cycles_per_second / bare.cycles_per_second:.3f}x bare Flask"
        " (cycles/s over its cycles/s, both four requests a cycle)"
    )
    print(
        f"       server CPU per cycle {cycles.cpu_per_cycle / bare.cpu_per_cycle:.1f}x bare Flask's"
        f" ({cycles.cpu_per_cycle * 1000:.1f} ms over {bare.cpu_per_cycle * 1000:.2f} ms)"
    )
    print(f"       load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
