"""Each server process keeps what it derives from the bank until the bank's version number moves, and every
change to the bank moves it: a learner is never offered what a teacher has just taken away, even when the
teacher's request went to another server process."""

import random

from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import select

from app import create_app
from app.auth.models import User
from app.bank.models import ClaimPair, Question
from app.bank.types import quiz_types
from app.bank.version import bank_version, note_bank_version
from app.bank.versioning import append_revision
from app.extensions import db
from app.learner import quiz
from app.learner.models import Presentation

SHARED_SETTINGS = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "BANK_DIR", "WTF_CSRF_ENABLED")


def _question_shown(app: Flask, client: FlaskClient) -> str:
    """The id of the question the learner's "next question" opens."""
    location = client.post("/quiz/next", data={}).headers["Location"]
    assert client.get(location).status_code == 200
    token = location.rsplit("/", 1)[1]
    with app.app_context():
        presentation = db.session.scalar(select(Presentation).where(Presentation.token == token))
        return presentation.revision.question_id


def test_a_question_retired_through_another_server_process_is_no_longer_offered(
    loaded_app: Flask, client: FlaskClient, learner: User
) -> None:
    _question_shown(loaded_app, client)  # this process now keeps the pool
    other = create_app({name: loaded_app.config[name] for name in SHARED_SETTINGS})
    with other.app_context():
        published = db.session.scalars(select(Question).where(Question.status == "published")).all()
        kept = published[0]
        for question in published[1:]:
            append_revision(db.session, question, "Teacher", "retired for the test", status="retired")
        db.session.commit()
        kept_id = kept.id
        db.session.remove()
        db.engine.dispose()
    shown = {_question_shown(loaded_app, client) for _ in range(4)}
    assert shown == {kept_id}


def test_answering_leaves_the_bank_version_alone(
    loaded_app: Flask, client: FlaskClient, learner: User
) -> None:
    """A learner's writes are not bank changes: the caches survive a whole class answering."""
    with loaded_app.app_context():
        before = bank_version(db.session)
    location = client.post("/quiz/next", data={}).headers["Location"]
    assert client.post(location, data={"response": "0"}).status_code == 302
    with loaded_app.app_context():
        assert bank_version(db.session) == before
        question = db.session.scalars(select(Question)).first()
        append_revision(db.session, question, "Teacher", "a status change", status="retired")
        db.session.commit()
        assert bank_version(db.session) == before + 1


def test_what_a_rolled_back_change_showed_is_never_kept(loaded_app: Flask, learner: User) -> None:
    """A teacher's change that fails is rolled back: the next real change must not bring back what it
    showed meanwhile (the number it was read under is the one the next change commits)."""
    published = db.session.scalars(select(Question).where(Question.status == "published")).all()
    for question in published:
        append_revision(db.session, question, "Teacher", "about to fail", status="retired")
    assert quiz.quiz_pool(db.session, quiz.QuizFilters()) == []  # the transaction sees its own change
    db.session.rollback()
    retired = next(q for q in published if q.current_revision.type in quiz_types())
    append_revision(db.session, retired, "Teacher", "retired for real", status="retired")
    db.session.commit()
    pool = {entry.question_id for entry in quiz.quiz_pool(db.session, quiz.QuizFilters())}
    assert pool and retired.id not in pool


def test_a_number_noted_with_the_login_counts_the_requests_own_changes_made_after(
    loaded_app: Flask, learner: User
) -> None:
    """The login lookup notes the bank's version at a request's start; a bank change the request then makes
    must still stop what it derives from being kept under that number."""
    with loaded_app.app_context():
        before = bank_version(db.session)
        db.session.remove()
        note_bank_version(db.session, before)
        question = db.session.scalars(select(Question).where(Question.status == "published")).first()
        append_revision(db.session, question, "Teacher", "retired, not yet flushed", status="retired")
        assert bank_version(db.session) is None  # derive without keeping until the commit
        db.session.commit()
        assert bank_version(db.session) == before + 1


def test_feedback_shown_before_a_pair_was_edited_through_another_server_process_shows_the_edit(
    loaded_app: Flask, client: FlaskClient, learner: User
) -> None:
    """The feedback page keeps what it shows of a revision per bank version: a teacher's edit of the claim
    pair made through another process is on the learner's next look at the same feedback."""
    with loaded_app.app_context():
        question = next(
            q
            for q in db.session.scalars(select(Question).where(Question.status == "published"))
            if q.current_revision.type in quiz_types()
            and q.current_revision.claim_pair is not None
            and q.current_revision.claim_pair.status == "published"
            and q.current_revision.claim_pair.relation == "contradicts"
        )
        presentation = quiz.present(
            db.session, learner, question.current_revision, quiz.QuizFilters(), random.Random(0)
        )
        db.session.commit()
        token, pair_id = presentation.token, question.current_revision.claim_pair_id
        before = question.current_revision.claim_pair.rationale
    assert client.post(f"/quiz/q/{token}", data={"response": "0"}).status_code == 302
    assert str(escape(before)) in client.get(f"/quiz/q/{token}/feedback").get_data(as_text=True)
    other = create_app({name: loaded_app.config[name] for name in SHARED_SETTINGS})
    with other.app_context():
        db.session.get(ClaimPair, pair_id).rationale = "Rewritten by the teacher for the test."
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    page = client.get(f"/quiz/q/{token}/feedback").get_data(as_text=True)
    assert "Rewritten by the teacher for the test." in page and str(escape(before)) not in page
