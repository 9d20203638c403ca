"""The quiz cycle's SQL statements are counted, so that a page cannot quietly go back to asking the database
again for what it already has (the user, the sources, the pool) and slow every learner of a class down.

Counted with a ``before_cursor_execute`` listener and ``app.driver_statements``' own (the cycle's statements
go to the driver directly), after one cycle that fills the per-process caches.
"""

import threading
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from app import driver_statements
from app.auth.models import User
from app.extensions import db
from tests.benchmarks.cycle import CYCLE_STEPS, LearnerCycle, counting_statements
from tests.conftest import log_in

# The most statements each request may run, each request in its own app context as in a server. The login
# lookup reads the bank's version too, so "the user" below is one statement for both. next (within a quiz
# session, as the cycle mostly is): the user, the session with its questions so far (in one), the learner's
# history (last answers and the question shown last, in one), the new presentation; starting a session
# writes the session instead of reading it. question: the user, the presentation with its revision, answer
# and session. answer: the user, the presentation, the attempt (and, for a session's last question,
# marking it finished, in the same transaction). feedback: the user and the presentation with its answer.
# The first feedback page since the bank last changed (in the warm-up cycle here) reads every published
# question's current revision with its claim pair, and the passages and footnotes their quotes are found
# in, so a class's first answers to the other questions read none of them again.
MOST_STATEMENTS = {"next": 4, "question": 2, "answer": 4, "feedback": 2}


def _in_own_thread(run: Callable[[], None]) -> None:
    """Run ``run`` in a thread of its own: there pytest-flask's app context is not pushed, so each request
    gets its own, as in a server (a fresh ``g`` and database session, the user looked up again)."""
    failures: list[BaseException] = []

    def target() -> None:
        try:
            run()
        except BaseException as error:  # handed back to the test
            failures.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def test_each_request_of_the_quiz_cycle_runs_at_most_its_statements(loaded_app: Flask, learner: User) -> None:
    most = dict.fromkeys(CYCLE_STEPS, 0)
    least = dict.fromkeys(CYCLE_STEPS, 99)

    def run() -> None:
        browser = loaded_app.test_client()  # pytest-flask's client keeps its contexts in the test's thread
        log_in(browser, learner.username or "")
        cycle = LearnerCycle(browser)
        for name in CYCLE_STEPS:  # the first cycle reads what the caches then keep
            assert cycle.step(name) < 400
        with counting_statements(loaded_app) as counter:
            for _cycle in range(12):
                for name in CYCLE_STEPS:
                    counter.count = 0
                    status = cycle.step(name)
                    assert status == (200 if name in ("question", "feedback") else 302), name
                    most[name] = max(most[name], counter.count)
                    least[name] = min(least[name], counter.count)

    _in_own_thread(run)
    for name, limit in MOST_STATEMENTS.items():
        assert most[name] <= limit, f"{name} ran {most[name]} statements, more than {limit}"
    # Each runs at least the login lookup and its own read: the counter sees statements sent to the driver.
    assert min(least.values()) >= 2, least


def test_the_counter_sees_a_page_that_asks_more(
    loaded_app: Flask, client: FlaskClient, learner: User
) -> None:
    """The limits mean something only if the counter counts: the progress page asks more than five."""
    with counting_statements(loaded_app) as counter:
        assert client.get("/progress").status_code == 200
    assert counter.count > 5


def _in_transaction(raw: Any) -> bool:
    """Whether the driver's connection is inside a transaction (SQLite's or PostgreSQL's)."""
    if db.engine.dialect.name == "sqlite":
        return raw.in_transaction
    return raw.info.transaction_status.name != "IDLE"


def test_a_next_and_an_answer_write_one_row_each_with_no_begin_and_a_last_answer_is_one_transaction(
    loaded_app: Flask, learner: User
) -> None:
    """Next's presentation and an answer are each their request's only write, sent with no BEGIN (and so no
    COMMIT: two round trips less on PostgreSQL); a session's last answer and the update that finishes the
    session are written in one transaction."""
    writes: list[tuple[str, bool]] = []

    def watch(statement: str, connection: Any) -> None:
        verb, _into, table = statement.split(None, 3)[:3]
        if verb in ("INSERT", "UPDATE"):
            writes.append((f"{verb} {table if verb == 'INSERT' else _into}", _in_transaction(connection)))

    def watch_sqlalchemy(_conn: Any, cursor: Any, statement: str, *_rest: Any) -> None:
        watch(statement, cursor.connection)  # after the app's own listener, which sends any BEGIN

    def run() -> None:
        browser = loaded_app.test_client()
        log_in(browser, learner.username or "")
        cycle = LearnerCycle(browser)
        assert cycle.step("next") == 302  # starts the session: the session and its first presentation
        with loaded_app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", watch_sqlalchemy)
        driver_statements.listen(watch)
        try:
            for name in ("question", "answer", "feedback") + CYCLE_STEPS * 9:
                assert cycle.step(name) < 400, name
        finally:
            event.remove(engine, "before_cursor_execute", watch_sqlalchemy)
            driver_statements.remove(watch)

    _in_own_thread(run)
    alone = [("INSERT attempt", False), ("INSERT presentation", False)] * 9
    assert writes == [*alone, ("INSERT attempt", True), ("UPDATE quiz_session", True)]
