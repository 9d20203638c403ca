"""A PostgreSQL restart in the middle of a class: pages keep being served, an answer caught mid-write is
refused with 503 and can be sent again, and every request is logged.

The server is the test's own (``tests/throwaway_postgres.py``), restarted for real (``pg_ctl stop -m
fast`` then ``start``, as ``systemctl restart postgresql`` does), from inside a request at the statement
the test chooses.
"""

import itertools
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import event, func, select

from app import create_app, driver_statements
from app.auth.services import create_user
from app.bank.services import load_bank
from app.extensions import db
from app.learner.models import Attempt
from tests.conftest import PASSWORD, SHIPPED_BANK, log_in
from tests.throwaway_postgres import ThrowawayPostgres, server_programs


@pytest.fixture(scope="module")
def server() -> Iterator[ThrowawayPostgres]:
    programs = server_programs()
    if programs is None:
        pytest.skip("no PostgreSQL server programs (Debian: apt-get install postgresql)")
    try:
        server = ThrowawayPostgres(programs)
    except (OSError, RuntimeError, LookupError) as error:  # LookupError: no postgres user to run it as
        pytest.skip(f"a throwaway PostgreSQL server cannot start here: {error}")
    yield server
    server.close()


@pytest.fixture(scope="module")
def restart_app(server: ThrowawayPostgres) -> Iterator[Flask]:
    """The app on the throwaway server, migrated, with the shipped bank: as after the README's commands."""
    app = create_app(
        {
            "TESTING": True,
            "PROPAGATE_EXCEPTIONS": False,  # as in production: an error is answered, not raised
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": server.url,
            "BANK_DIR": str(SHIPPED_BANK),
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        upgrade()
        load_bank(db.session, SHIPPED_BANK)
    yield app
    with app.app_context():
        db.engine.dispose()


_LEARNERS = itertools.count(1)


@pytest.fixture
def learner_client(restart_app: Flask) -> FlaskClient:
    """A logged-in learner of their own, so the tests share the server but no answers."""
    name = f"Learner {next(_LEARNERS)}"
    with restart_app.app_context():
        create_user(db.session, name, PASSWORD, "learner")
        db.session.commit()
    client = restart_app.test_client()
    log_in(client, name)
    return client


class Trap:
    """Runs ``action`` once, from inside a request, just before the first statement containing ``marker``
    (sent through SQLAlchemy or straight to the driver, as the quiz's own are)."""

    def __init__(self, app: Flask, marker: str, action: Callable[[], None]) -> None:
        self.marker, self.action, self.sprung = marker, action, False
        with app.app_context():
            self.engine = db.engine
        event.listen(self.engine, "before_cursor_execute", self._before)
        driver_statements.listen(self._before_sent_to_driver)

    def _before(self, _connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if not self.sprung and self.marker in statement:
            self.sprung = True
            self.action()

    def _before_sent_to_driver(self, statement: str, _connection: Any) -> None:
        self._before(None, None, statement)

    def remove(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)
        driver_statements.remove(self._before_sent_to_driver)


class Restart:
    """Stops the server now and starts it again in the background: the request that asked carries on
    while the server is down and coming back."""

    def __init__(self, server: ThrowawayPostgres) -> None:
        self.server = server
        self.thread: threading.Thread | None = None

    def __call__(self) -> None:
        self.server.stop("fast")
        self.thread = threading.Thread(target=self.server.start)
        self.thread.start()

    def finish(self) -> None:
        if self.thread is not None:
            self.thread.join(timeout=60)


def _request_lines(captured: str) -> list[dict]:
    lines = [json.loads(line) for line in captured.splitlines() if line.startswith("{")]
    return [line for line in lines if line["logger"] == "app.requests"]


def _new_question(client: FlaskClient) -> str:
    response = client.post("/quiz/next", data={"type": "true_false"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[-1]


def _during_restart(
    app: Flask, server: ThrowawayPostgres, marker: str, post: Callable[..., Any], token: str
) -> Any:
    """Answers ``token``'s question while the server restarts, just before the statement with ``marker``."""
    restart = Restart(server)
    trap = Trap(app, marker, restart)
    try:
        response = post(f"/quiz/q/{token}", data={"response": "0"})
    finally:
        trap.remove()
        restart.finish()
    assert trap.sprung
    return response


def _attempts(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Attempt))


def test_a_page_after_a_restart_is_served(
    server: ThrowawayPostgres, learner_client: FlaskClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pooled connections all died with the old server: the first statement finds it, and the request
    is run again on a new connection, unseen (one request logged, served)."""
    assert learner_client.get("/progress").status_code == 200
    server.restart()
    capsys.readouterr()
    assert learner_client.get("/progress").status_code == 200
    assert [line["status"] for line in _request_lines(capsys.readouterr().err)] == [200]


@pytest.mark.parametrize("press", ["answer", "next"])
def test_an_answer_or_a_next_after_a_restart_goes_through_once_on_the_second_try(
    restart_app: Flask,
    server: ThrowawayPostgres,
    learner_client: FlaskClient,
    capsys: pytest.CaptureFixture[str],
    press: str,
) -> None:
    """Nothing checks a pooled connection before use: a POST's first statement (the login lookup) finds
    the old server's connection dead, and the request, which had sent nothing else, is run again."""
    token = _new_question(learner_client)
    if press == "next":
        assert learner_client.post(f"/quiz/q/{token}", data={"response": "0"}).status_code == 302
        feedback = learner_client.get(f"/quiz/q/{token}/feedback").get_data(as_text=True)
        path, data = feedback.split('action="', 1)[1].split('"', 1)[0], {}
    else:
        path, data = f"/quiz/q/{token}", {"response": "0"}
    before = _attempts(restart_app)
    server.restart()
    capsys.readouterr()
    response = learner_client.post(path, data=data)
    assert response.status_code == 302
    assert _attempts(restart_app) == before + (press == "answer")
    captured = capsys.readouterr().err
    assert "trying the request again" in captured
    assert [line["status"] for line in _request_lines(captured)] == [302]


def test_a_question_page_caught_by_a_restart_is_served_on_the_second_try(
    restart_app: Flask,
    server: ThrowawayPostgres,
    learner_client: FlaskClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    token = _new_question(learner_client)
    restart = Restart(server)
    trap = Trap(restart_app, "FROM presentation", restart)
    capsys.readouterr()
    try:
        response = learner_client.get(f"/quiz/q/{token}")
    finally:
        trap.remove()
        restart.finish()
    assert trap.sprung
    assert response.status_code == 200
    assert "According to" in response.get_data(as_text=True)  # the question itself
    captured = capsys.readouterr().err
    assert [(line["path"], line["status"]) for line in _request_lines(captured)] == [("/quiz/q/<token>", 200)]
    assert "trying the request again" in captured


def test_an_answer_caught_by_a_restart_before_writing_is_stored_on_the_second_try(
    restart_app: Flask,
    server: ThrowawayPostgres,
    learner_client: FlaskClient,
) -> None:
    token = _new_question(learner_client)
    before = _attempts(restart_app)
    response = _during_restart(restart_app, server, "FROM presentation", learner_client.post, token)
    assert response.status_code == 302
    assert _attempts(restart_app) == before + 1


def test_an_answer_caught_by_a_restart_while_writing_is_refused_and_can_be_sent_again(
    restart_app: Flask,
    server: ThrowawayPostgres,
    learner_client: FlaskClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    token = _new_question(learner_client)
    before = _attempts(restart_app)
    capsys.readouterr()
    refused = _during_restart(restart_app, server, "INSERT INTO attempt", learner_client.post, token)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"].isdigit()
    page = refused.get_data(as_text=True)
    assert 'class="site-header"' in page and "try again" in page
    assert "Traceback" not in page and "psycopg" not in page and str(server.port) not in page
    captured = capsys.readouterr().err
    assert [(line["path"], line["status"]) for line in _request_lines(captured)] == [("/quiz/q/<token>", 503)]
    assert _attempts(restart_app) == before  # the transaction died with its connection

    again = learner_client.post(f"/quiz/q/{token}", data={"response": "0"})
    assert again.status_code == 302
    assert again.headers["Location"].endswith(f"/quiz/q/{token}/feedback")
    assert _attempts(restart_app) == before + 1
    assert learner_client.post(f"/quiz/q/{token}", data={"response": "0"}).status_code == 302
    assert _attempts(restart_app) == before + 1  # a third send still counts once


def test_while_the_server_is_down_pages_answer_503_and_recover_when_it_is_back(
    restart_app: Flask,
    server: ThrowawayPostgres,
    learner_client: FlaskClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server.stop("fast")
    try:
        capsys.readouterr()
        response = learner_client.get("/progress")
    finally:
        server.start()
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    page = response.get_data(as_text=True)
    assert "503: Service Unavailable" in page and "Skip to content" in page  # the app's own page, rendered
    assert "Log out" not in page  # the navigation that needs the user is left out
    assert [line["status"] for line in _request_lines(capsys.readouterr().err)] == [503]
    assert learner_client.get("/progress").status_code == 200
