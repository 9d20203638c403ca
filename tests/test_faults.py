"""When the database cannot be reached, or an error escapes every handler: a readable page of the app's
own, no stack trace, and a log line for every request. And the request log never queries."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

import app.errors as error_pages
from app.auth.models import User
from app.extensions import db
from app.serving import SECURITY_HEADERS
from tests.conftest import log_in


def _request_lines(captured: str) -> list[dict]:
    lines = [json.loads(line) for line in captured.splitlines() if line.startswith("{")]
    return [line for line in lines if line["logger"] == "app.requests"]


def _make_database_unreachable(app: Flask) -> str:
    """Close every connection and put a folder where the SQLite file was: SQLite cannot open it."""
    db.session.remove()  # the session of the test's own context, which the test client shares
    db.engine.dispose()
    path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    path.rename(path.with_suffix(".moved"))
    path.mkdir()
    return path.name


@pytest.mark.sqlite_only
def test_a_page_with_the_database_unreachable_is_a_readable_503_and_is_logged(
    loaded_app: Flask, client: FlaskClient, learner: User, capsys: pytest.CaptureFixture[str]
) -> None:
    file_name = _make_database_unreachable(loaded_app)
    capsys.readouterr()
    response = client.get("/progress")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    page = response.get_data(as_text=True)
    assert "Skip to content" in page and "503: Service Unavailable" in page  # the app's own page
    assert "try again" in page
    for leak in ("Traceback", "sqlite", "OperationalError", file_name):
        assert leak not in page
    assert "Log out" not in page  # the learner's navigation needs the database
    (line,) = _request_lines(capsys.readouterr().err)
    assert (line["method"], line["path"], line["status"], line["level"]) == ("GET", "/progress", 503, "ERROR")


@pytest.mark.sqlite_only
def test_a_missing_page_with_the_database_unreachable_is_still_a_404_page(
    loaded_app: Flask, client: FlaskClient, learner: User, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 404 page tries the learner's navigation, and falls back to the plain one."""
    _make_database_unreachable(loaded_app)
    capsys.readouterr()
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "404: Not Found" in response.get_data(as_text=True)
    assert [line["status"] for line in _request_lines(capsys.readouterr().err)] == [404]


def test_a_missing_page_keeps_the_navigation_of_a_logged_in_learner(
    loaded_app: Flask, client: FlaskClient, learner: User
) -> None:
    page = client.get("/no-such-page").get_data(as_text=True)
    assert "404: Not Found" in page
    assert "Log out" in page and "Flashcards" in page


def test_an_error_that_escapes_every_handler_gets_the_apps_page_and_is_logged(
    app: Flask, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even when the error page itself fails: no bare server 500, and the request still has its line."""
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production

    @app.get("/broken")
    def broken() -> str:
        raise RuntimeError("a bug")

    def failing_render(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("the error page is broken too")

    monkeypatch.setattr(error_pages, "render_template", failing_render)
    capsys.readouterr()
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "500: Internal Server Error" in page and 'class="site-header"' in page
    assert "Traceback" not in page and "a bug" not in page
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    (line,) = _request_lines(capsys.readouterr().err)
    assert (line["path"], line["status"]) == ("/broken", 500)
    assert "RuntimeError: a bug" in line["exception"]


def test_the_request_log_sends_no_statement_after_a_commit(
    loaded_app: Flask, client: FlaskClient, make_user: Callable[..., User], capsys: pytest.CaptureFixture[str]
) -> None:
    """``/quiz/next`` commits a new presentation; naming its user in the log must not reload the user."""
    statements: list[str] = []
    responding = False

    @loaded_app.after_request
    def start_counting(response):  # runs before the log's own hook, which was registered first
        nonlocal responding
        responding = True
        return response

    def count(_connection, _cursor, statement, *_rest) -> None:
        if responding:
            statements.append(statement)

    learner = make_user("Ana")
    log_in(client, "Ana")
    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    responding = False  # the login's own response set it
    try:
        capsys.readouterr()
        response = client.post("/quiz/next", data={"type": "true_false"})
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 302
    assert statements == []
    (line,) = _request_lines(capsys.readouterr().err)
    assert (line["path"], line["user_id"]) == ("/quiz/next", learner.id)
