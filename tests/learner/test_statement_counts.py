"""The quiz cycle's SQL statements are counted, so that a page cannot quietly go back to asking the database
again for what it already has (the user, the sources, the pool) and slow every learner of a class down.

Counted with a ``before_cursor_execute`` listener, after one cycle that fills the per-process caches.
"""

import threading
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import User
from tests.benchmarks.cycle import CYCLE_STEPS, LearnerCycle, counting_statements
from tests.conftest import log_in

# The most statements each request may run, each request in its own app context as in a server. The login
# lookup reads the bank's version too, so "the user" below is one statement for both. next (within a quiz
# session, as the cycle mostly is): the user, the session with its questions so far (in one), the learner's
# history (last answers and the question shown last, in one), the new presentation; starting a session
# writes the session instead of reading it. question: the user, the presentation with its revision, answer
# and session. answer: the user, the presentation, the attempt (and, for a session's last question,
# marking it finished, in the same transaction). feedback: the user, the presentation with its answer,
# and, the first time a revision's feedback is shown in a process since the bank last changed, that
# revision with its claim pair (a class's later answers to the same question do not); the passages and
# footnotes its quotes are found in are read once per bank version by the first feedback page (in the
# warm-up cycle here), not once per question.
MOST_STATEMENTS = {"next": 4, "question": 2, "answer": 4, "feedback": 4}


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

    _in_own_thread(run)
    for name, limit in MOST_STATEMENTS.items():
        assert most[name] <= limit, f"{name} ran {most[name]} statements, more than {limit}"


def test_the_counter_sees_a_page_that_asks_more(
    loaded_app: Flask, client: FlaskClient, learner: User
) -> None:
    """The limits mean something only if the counter counts: the progress page asks more than five."""
    with counting_statements(loaded_app) as counter:
        assert client.get("/progress").status_code == 200
    assert counter.count > 5
