"""The quiz cycle's statements run on the driver read and write what SQLAlchemy would, on either database."""

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from app.auth.models import User
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


def test_the_connection_a_request_took_goes_back_to_the_pool(
    app: Flask, client: FlaskClient, learner: User
) -> None:
    _quiz_session_id, token = _answered_session(client)
    pool = db.engine.pool
    with app.app_context():
        before = pool.checkedout()
        quiz.shown_question(db.session, learner, token)
        assert pool.checkedout() == before + 1
    assert pool.checkedout() == before


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
