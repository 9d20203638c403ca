"""The quiz cycle's statements run on the driver read and write what SQLAlchemy would, on either database."""

import os
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import bindparam, event, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import driver_statements
from app.auth.models import User
from app.db import commit_pending
from app.driver_statements import DriverStatement, one_transaction
from app.extensions import db
from app.learner import quiz, sessions
from app.learner.models import Attempt, Presentation, QuizSession

pytestmark = pytest.mark.usefixtures("loaded_app")


def _answered_session(client: FlaskClient) -> tuple[int, str]:
    """A quiz session with one question answered: its id and that question's token."""
    started = client.post("/quiz/next", data={"type": "true_false"})
    token = started.headers["Location"].rsplit("/", 1)[-1]
    assert client.post(f"/quiz/q/{token}", data={"response": "0"}).status_code == 302
    quiz_session_id = db.session.scalar(
        select(Presentation.quiz_session_id).where(Presentation.token == token)
    )
    return quiz_session_id, token


def _afresh(user: User) -> User:
    """The user in a new session: the old one's rows are gone with it."""
    user_id = user.id
    db.session.remove()
    return db.session.get_one(User, user_id)


def test_every_statement_of_the_cycle_reads_the_values_sqlalchemy_reads(
    client: FlaskClient, learner: User
) -> None:
    """Dates, JSON, booleans and nulls come back converted as through SQLAlchemy, from the same SQL."""
    quiz_session_id, token = _answered_session(client)
    learner = _afresh(learner)
    reads = [
        (quiz.SHOWN_QUESTION, {"token": token}),
        (quiz.ANSWERED_QUESTION, {"token": token}),
        (quiz.HISTORY, {"user_id": learner.id}),
        (sessions.SESSION_WITH_ITEMS, {"quiz_session_id": quiz_session_id}),
    ]
    for statement, values in reads:
        expected = [tuple(row) for row in db.session.execute(statement.statement, values)]
        assert statement.rows(db.session, values) == expected
        assert expected  # something was compared
    shown = quiz.shown_question(db.session, learner, token)
    assert isinstance(shown.created_at, datetime) and isinstance(shown.choice_order, list)
    assert shown.answered is True


def test_a_read_sees_what_the_session_has_written_but_not_committed(
    client: FlaskClient, learner: User
) -> None:
    quiz_session_id, token = _answered_session(client)
    learner = _afresh(learner)
    db.session.execute(
        QuizSession.__table__.update().where(QuizSession.id == quiz_session_id).values(planned_size=7)
    )
    assert quiz.shown_question(db.session, learner, token).planned_size == 7  # on the session's connection
    db.session.rollback()
    assert quiz.shown_question(db.session, learner, token).planned_size != 7


def _request_connection() -> Any:
    """The driver connection the current request's statements run on."""
    return driver_statements._connection(db.session).dbapi


def test_a_request_s_connection_is_kept_for_the_next_one_not_taken_anew(
    app: Flask, client: FlaskClient, learner: User
) -> None:
    """A request gives its connection back at its end; the next request runs on it, so the pool is not
    asked again, and two requests at once each get their own (the second from the pool)."""
    _quiz_session_id, token = _answered_session(client)
    who = SimpleNamespace(id=learner.id)  # the fixture's row would be read again, on a connection of its own
    db.session.commit()
    pool = db.engine.pool
    with app.app_context():
        quiz.shown_question(db.session, who, token)
        first = _request_connection()
    held = pool.checkedout()  # the kept one stays checked out of the pool
    for _ in range(3):
        with app.app_context():
            quiz.shown_question(db.session, who, token)
            assert _request_connection() is first
        assert pool.checkedout() == held
    with app.app_context():
        quiz.shown_question(db.session, who, token)
        with app.app_context():  # a second request while the first runs
            quiz.shown_question(db.session, who, token)
            assert _request_connection() is not first
            assert pool.checkedout() == held + 1
        assert pool.checkedout() == held + 1  # the second's is kept now, the first still runs on its own
    assert pool.checkedout() == held  # and the first's went back to the pool: one is kept already


def test_a_connection_left_in_a_transaction_or_lost_goes_back_to_the_pool(
    app: Flask, client: FlaskClient, learner: User
) -> None:
    """Only a clean, live connection of the engine's current pool is kept: one still in a transaction is
    given back (the pool rolls it back), as is one invalidated, and one from a pool since disposed is not
    used again."""
    _quiz_session_id, token = _answered_session(client)
    who = SimpleNamespace(id=learner.id)
    db.session.commit()
    kept = driver_statements._idle
    with app.app_context():
        quiz.shown_question(db.session, who, token)
        clean = driver_statements._connection(db.session)
    assert list(kept.values()) == [clean]
    with app.app_context():
        driver_statements._send(driver_statements._connection(db.session), "BEGIN")
        assert driver_statements._in_transaction(clean)
    assert kept == {}
    assert not driver_statements._in_transaction(clean)  # rolled back by the pool it went back to
    with app.app_context():
        driver_statements._connection(db.session).pooled.invalidate()
    assert kept == {}
    with app.app_context():
        quiz.shown_question(db.session, who, token)
        before_dispose = _request_connection()
    assert [c.dbapi for c in kept.values()] == [before_dispose]
    db.engine.dispose()
    with app.app_context():
        assert _request_connection() is not before_dispose
        quiz.shown_question(db.session, who, token)


def _second_answer(learner: User, token: str) -> dict[str, object]:
    """An attempt's row for a presentation that was answered already."""
    shown = quiz.shown_question(db.session, learner, token)
    return {
        "presentation_id": shown.id,
        "user_id": learner.id,
        "question_id": shown.question_id,
        "revision_id": shown.revision_id,
        "response": "1",
        "correct": False,
        "error_kind": None,
        "time_taken_ms": 5,
        "created_at": datetime.now(UTC),
    }


def test_a_duplicate_answer_is_refused_as_sqlalchemy_refuses_it(client: FlaskClient, learner: User) -> None:
    _quiz_session_id, token = _answered_session(client)
    with pytest.raises(IntegrityError):
        quiz.INSERT_ATTEMPT.run(db.session, _second_answer(learner, token))


def test_one_transaction_keeps_neither_write_when_the_second_fails(
    client: FlaskClient, learner: User
) -> None:
    quiz_session_id, token = _answered_session(client)
    learner = _afresh(learner)
    finished = {"quiz_session_id": quiz_session_id, "finished_at": datetime.now(UTC)}
    second_answer = _second_answer(learner, token)
    with pytest.raises(IntegrityError), one_transaction(db.session):
        assert quiz.FINISH_QUIZ_SESSION.run(db.session, finished) == 1
        quiz.INSERT_ATTEMPT.run(db.session, second_answer)  # the presentation is answered already
    assert db.session.scalar(select(QuizSession.finished_at).where(QuizSession.id == quiz_session_id)) is None
    with one_transaction(db.session):
        assert quiz.FINISH_QUIZ_SESSION.run(db.session, finished) == 1
    db.session.remove()
    assert db.session.scalar(select(QuizSession.finished_at).where(QuizSession.id == quiz_session_id))


def test_a_statement_that_would_leave_a_value_to_sqlalchemy_is_refused() -> None:
    """A column default SQLAlchemy fills in at run time is not filled in here: the statement must say it."""
    missing_created_at = DriverStatement(insert(Attempt.__table__).values(presentation_id=bindparam("id")))
    with pytest.raises(ValueError, match="give every value"):
        missing_created_at.run(db.session, {"id": 1})


def test_commit_pending_commits_a_change_not_yet_flushed_and_skips_an_empty_session(learner: User) -> None:
    """A quiz request's writes go to the driver, so its ORM session is committed only when it holds work:
    a row added but not yet flushed is still saved, and an empty session is not sent through an empty
    commit."""
    learner_id = learner.id
    db.session.remove()
    commits: list[Session] = []

    def note(session: Session) -> None:
        commits.append(session)

    event.listen(Session, "after_commit", note)
    try:
        commit_pending(db.session)
        assert commits == []
        db.session.add(QuizSession(user_id=learner_id, filters={}, planned_size=3))
        commit_pending(db.session)
        assert len(commits) == 1
    finally:
        event.remove(Session, "after_commit", note)
    db.session.remove()
    assert db.session.scalar(select(QuizSession.planned_size).where(QuizSession.user_id == learner_id)) == 3


def test_a_forked_child_starts_with_no_connection_kept_and_the_parent_keeps_its_own(
    app: Flask, client: FlaskClient, learner: User
) -> None:
    """A process forked while it keeps a connection (a test's live server) starts with none kept, as it
    must never use its parent's, and the parent's still works after the child has exited."""
    _quiz_session_id, token = _answered_session(client)
    who = SimpleNamespace(id=learner.id)
    db.session.commit()
    with app.app_context():
        quiz.shown_question(db.session, who, token)
        kept = _request_connection()
    child = os.fork()
    if child == 0:  # the child: nothing kept
        os._exit(0 if not driver_statements._idle else 1)
    _pid, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    with app.app_context():
        assert quiz.shown_question(db.session, who, token).id
        assert _request_connection() is kept
