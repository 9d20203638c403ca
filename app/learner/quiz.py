"""Writes and reads for the quiz: choose a question, present it with a one-time token, grade the answer.

Grading reads the revision that was presented, never the question's current one, so a teacher's edit
cannot change the verdict on an answer given before it.
"""

import random
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import (
    Integer,
    Select,
    Table,
    bindparam,
    cast,
    func,
    insert,
    literal,
    null,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app.auth.models import User
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.bank.types import QUESTION_TYPES, filter_types, grade, quiz_types
from app.bank.version import derived_from_bank
from app.bank.visibility import learner_source_ids, published_source_ids, sees_every_source
from app.db import commit_keeping_loaded, commit_pending, utc_now
from app.driver_statements import DriverStatement, one_transaction
from app.learner.models import Attempt, Presentation, QuizSession
from app.learner.scheduling import as_utc
from app.sources.models import Passage, Source

FILTER_KEYS = ("source", "section", "type", "assignment")
# An answer given days after its question was shown measures nothing (and would overflow the column).
LONGEST_TIME_TAKEN = timedelta(days=1)


class QuizError(LookupError):
    """A request about a presentation that cannot be served; ``status`` is the HTTP status to answer."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class QuizFilters:
    source: str | None = None
    section: str | None = None
    type: str | None = None
    assignment: str | None = None  # an assignment's id: only its questions (see app.learner.assignments)

    @classmethod
    def from_mapping(cls, values: Any) -> "QuizFilters":
        return cls(**{key: (values.get(key) or None) for key in FILTER_KEYS})

    def as_dict(self) -> dict[str, str]:
        return {key: value for key in FILTER_KEYS if (value := getattr(self, key))}


@dataclass(frozen=True)
class FilterMenu:
    """The quiz filter's menus: the sources (id, title) and the sections (heading, its source's title)."""

    sources: tuple[tuple[str, str], ...]
    sections: tuple[tuple[str, str], ...]


def _filter_menu(session: Session, every_source: bool) -> FilterMenu:
    query = select(Source.id, Source.title).order_by(Source.position, Source.id)
    if not every_source:
        query = query.where(Source.id.in_(published_source_ids(session)))
    titles = dict(session.execute(query).all())
    headings = session.execute(
        select(Passage.heading, Passage.source_id)
        .where(Passage.heading.is_not(None), Passage.source_id.in_(titles))
        .order_by(Passage.source_id, Passage.ordinal)
    ).all()
    sections = tuple((heading, titles[source_id]) for heading, source_id in dict(headings).items())
    return FilterMenu(tuple(titles.items()), sections)


def filter_menu(session: Session, user: User) -> FilterMenu:
    """The menus ``user`` may choose from, read once per bank version (every "next question" shows them)."""
    every_source = sees_every_source(user)
    return derived_from_bank(
        session, f"filter_menu:{every_source}", lambda session: _filter_menu(session, every_source)
    )


def time_taken_ms(shown_at: datetime, answered_at: datetime) -> int | None:
    """Milliseconds from showing to answering; None when the question lay open for more than a day."""
    elapsed = answered_at - as_utc(shown_at)
    if elapsed > LONGEST_TIME_TAKEN:
        return None
    return max(int(elapsed.total_seconds() * 1000), 0)


def source_ids(session: Session) -> tuple[str, ...]:
    """The sources a "which source says this?" question offers: only those learners can see."""
    return learner_source_ids(session)


@dataclass(frozen=True)
class PoolEntry:
    """What choosing and presenting a question needs of its current revision, kept per bank version."""

    id: int  # the revision's id
    question_id: str
    type: str
    support_source_id: str
    section: str | None
    choices: tuple[str, ...] | None

    def matches(self, filters: QuizFilters, types: tuple[str, ...]) -> bool:
        return (
            self.type in types
            and (not filters.source or self.support_source_id == filters.source)
            and (not filters.section or self.section == filters.section)
        )


def _published_pool(session: Session) -> tuple[PoolEntry, ...]:
    rows = session.execute(
        select(
            QuestionRevision.id,
            QuestionRevision.question_id,
            QuestionRevision.type,
            QuestionRevision.support_source_id,
            QuestionRevision.section,
            QuestionRevision.choices,
        )
        .join(Question, CURRENT_REVISION)
        .where(Question.status == "published")
        .order_by(Question.id)
    )
    return tuple(PoolEntry(*row[:5], tuple(row.choices) if row.choices is not None else None) for row in rows)


def quiz_pool(session: Session, filters: QuizFilters, only: Collection[str] | None = None) -> list[PoolEntry]:
    """The published quiz questions that match the learner's choice, from a pool read once per bank version
    (every learner's "next question" asks for it); ``only`` keeps those ids alone (an assignment's)."""
    types = filter_types(filters.type) if filters.type else quiz_types()

    def matching(session: Session) -> tuple[PoolEntry, ...]:
        pool = derived_from_bank(session, "published_pool", _published_pool)
        return tuple(entry for entry in pool if entry.matches(filters, types))

    # One list per choice of filters (a few: the menus offer the bank's sources, sections and kinds).
    key = f"quiz_pool:{filters.source}:{filters.section}:{','.join(types)}"
    pool = derived_from_bank(session, key, matching)
    return [entry for entry in pool if only is None or entry.question_id in only]


def _history_statement() -> Any:
    latest = (
        select(func.max(Attempt.id))
        .where(Attempt.user_id == bindparam("user_id"))
        .group_by(Attempt.question_id)
    )
    shown_last = (
        select(Presentation.revision_id)
        .where(Presentation.user_id == bindparam("user_id"), Presentation.mode == "quiz")
        .order_by(Presentation.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    # The flags are read as integers: a learner's history is many rows, and booleans would be converted
    # one by one in Python.
    return union_all(
        select(
            Attempt.question_id,
            cast(Attempt.correct, Integer).label("correct"),
            literal(0).label("shown_last"),
        ).where(Attempt.id.in_(latest)),
        select(QuestionRevision.question_id, cast(null(), Integer), literal(1)).where(
            QuestionRevision.id == shown_last
        ),
    )


# Built once: every "next question" runs it, and building it cost more than running it.
HISTORY = DriverStatement(_history_statement())


def _history(session: Session, user: User) -> tuple[dict[str, bool], str | None]:
    """Whether the learner's last answer to each question was right, and the question shown last: one
    statement, as every "next question" asks both."""
    rows = HISTORY.rows(session, {"user_id": user.id})
    last_correct = {question_id: bool(correct) for question_id, correct, last in rows if not last}
    previous = next((question_id for question_id, _correct, last in rows if last), None)
    return last_correct, previous


def choose_next(
    session: Session,
    user: User,
    filters: QuizFilters,
    rng: random.Random,
    exclude: frozenset[str] = frozenset(),
    only: Collection[str] | None = None,
) -> PoolEntry | None:
    """Unseen questions first, then those last answered wrong, then any; never the one just shown, nor one
    in ``exclude`` (those already asked in this quiz session) while others remain. ``only`` keeps the
    pool to those question ids (an assignment's)."""
    pool = quiz_pool(session, filters, only)
    if not pool:
        return None
    last_correct, previous = _history(session, user)
    fresh = [r for r in pool if r.question_id not in exclude] or pool
    candidates = [r for r in fresh if r.question_id != previous] or fresh
    unseen = [r for r in candidates if r.question_id not in last_correct]
    missed = [r for r in candidates if last_correct.get(r.question_id) is False]
    return rng.choice(unseen or missed or candidates)


def options_for(
    revision: QuestionRevision | PoolEntry, sources: tuple[str, ...], rng: random.Random
) -> list[str] | None:
    """The options in the order this learner will see them; multiple choice is shuffled every time."""
    qtype = QUESTION_TYPES.get(revision.type)
    if qtype is None:
        return None
    options = qtype.option_values(list(revision.choices) if revision.choices is not None else None, sources)
    if options is not None and qtype.has_choices:
        rng.shuffle(options)
    return options


def _insert_quiz_session(session: Session, new: QuizSession) -> QuizSession:
    row = {
        "user_id": new.user_id,
        "filters": new.filters,
        "question_ids": new.question_ids,
        "planned_size": new.planned_size,
    }
    return session.scalars(insert(QuizSession).returning(QuizSession), [row]).one()


def _presentation_row(
    session: Session,
    user: User,
    revision: QuestionRevision | PoolEntry,
    filters: QuizFilters,
    rng: random.Random,
    mode: str,
    quiz_session_id: int | None,
    position: int | None,
) -> dict[str, Any]:
    """A new presentation's values, its one-time token and its shuffled options included."""
    return {
        "token": secrets.token_urlsafe(24),
        "user_id": user.id,
        "revision_id": revision.id,
        "choice_order": options_for(revision, source_ids(session), rng) if mode == "quiz" else None,
        "mode": mode,
        "filters": filters.as_dict(),
        "quiz_session_id": quiz_session_id,
        "session_position": position,
        "created_at": utc_now(),
    }


def _insert_row(table: Table) -> DriverStatement:
    """An INSERT of one row of ``table``: the caller gives every column's value but the primary key's."""
    columns = [column.name for column in table.columns if not column.primary_key]
    return DriverStatement(insert(table).values({name: bindparam(name) for name in columns}))


# The "Next" button of a quiz session needs only the new presentation's token, which the app makes itself:
# the row is written as a plain INSERT, with no row read back and no ORM object made (half that request).
INSERT_PRESENTATION = _insert_row(Presentation.__table__)


def present_in_session(
    session: Session,
    user: User,
    revision: QuestionRevision | PoolEntry,
    filters: QuizFilters,
    rng: random.Random,
    quiz_session_id: int,
    position: int,
) -> str:
    """Show ``revision`` at ``position`` of a saved quiz session; the new presentation's one-time token.

    A second presentation at the same place (two presses of "Next" racing) fails with IntegrityError. The
    row is its transaction's only write (the caller commits next): it is sent with no BEGIN before it.
    """
    row = _presentation_row(session, user, revision, filters, rng, "quiz", quiz_session_id, position)
    INSERT_PRESENTATION.run(session, row)
    return row["token"]


def present(
    session: Session,
    user: User,
    revision: QuestionRevision | PoolEntry,
    filters: QuizFilters,
    rng: random.Random,
    mode: str = "quiz",
    quiz_session: QuizSession | None = None,
    position: int | None = None,
) -> Presentation:
    """Show ``revision`` to ``user``: a new presentation with its one-time token, saved at once.

    The row is inserted as it is (and returned) rather than through the unit of work, which cost more
    than the INSERT; a new quiz session is written first the same way, as the presentation points at it.
    """
    if quiz_session is not None and quiz_session.id is None:
        quiz_session = _insert_quiz_session(session, quiz_session)
    quiz_session_id = quiz_session.id if quiz_session is not None else None
    row = _presentation_row(session, user, revision, filters, rng, mode, quiz_session_id, position)
    presentation = session.scalars(insert(Presentation).returning(Presentation), [row]).one()
    set_committed_value(presentation, "quiz_session", quiz_session)
    set_committed_value(presentation, "attempt", None)
    return presentation


# Cards and services find a presentation by token with its attempt, revision and session (the quiz's pages
# read plain rows instead: ``shown_question``, ``answered_question``): built once, a use binds the token.
PRESENTATION_BY_TOKEN = (
    select(Presentation)
    .where(Presentation.token == bindparam("token"))
    .options(
        joinedload(Presentation.attempt),
        joinedload(Presentation.quiz_session),
        joinedload(Presentation.revision),
    )
)


def presentation_for(session: Session, user: User, token: str, mode: str = "quiz") -> Presentation:
    """The learner's own presentation, or a ``QuizError`` saying why not.

    Its attempt, revision and session come in the same query.
    """
    statement = PRESENTATION_BY_TOKEN
    presentation = session.scalar(statement, {"token": token})
    if presentation is None or presentation.mode != mode:
        raise QuizError("This question was never shown to you. Start a new question.", 404)
    if presentation.user_id != user.id:
        raise QuizError("This question was shown to someone else.", 403)
    return presentation


def submit_answer(
    session: Session, user: User, token: str, response: str, now: datetime | None = None
) -> Attempt:
    """Grade and record an answer once. A replay of the same token returns the first attempt unchanged.

    Raises ``QuizError`` for a token that is not the learner's and ``InvalidResponse`` for a response
    the page could not have sent.
    """
    return record_answer(session, user, presentation_for(session, user, token), response, now)


def _attempt_row(
    user: User,
    presentation: "Presentation | ShownQuestion",
    revision: "QuestionRevision | ShownQuestion",
    response: str,
    now: datetime,
) -> dict[str, Any]:
    """The new attempt's values: ``response`` graded against the revision that was shown (``InvalidResponse``
    for a response the page could not have sent)."""
    result = grade(
        revision.type, revision.answer, revision.accepted_answers, response, presentation.choice_order
    )
    return {
        "presentation_id": presentation.id,
        "user_id": user.id,
        "question_id": revision.question_id,
        "revision_id": presentation.revision_id,
        "response": result.response,
        "correct": result.correct,
        "error_kind": result.error_kind,
        "time_taken_ms": time_taken_ms(presentation.created_at, now),
        "created_at": now,
    }


def record_answer(
    session: Session, user: User, presentation: Presentation, response: str, now: datetime | None = None
) -> Attempt:
    """``submit_answer`` for a presentation already found with ``presentation_for`` (the page had to)."""
    if presentation.user_id != user.id or presentation.mode != "quiz":
        raise QuizError("This question was shown to someone else.", 403)
    token = presentation.token
    if presentation.attempt is not None:
        return presentation.attempt
    now = now or datetime.now(UTC)
    row = _attempt_row(user, presentation, presentation.revision, response, now)
    try:
        # One new row, inserted as it is (and returned): the unit of work's bookkeeping for it cost more
        # than the INSERT. The presentation's unique id still refuses a second answer to the same token.
        attempt = session.scalars(insert(Attempt).returning(Attempt), [row]).one()
        set_committed_value(presentation, "attempt", attempt)
        quiz_session = presentation.quiz_session
        if quiz_session is not None and presentation.session_position == quiz_session.planned_size:
            quiz_session.finished_at = quiz_session.finished_at or now  # its last question is answered
        commit_keeping_loaded(session)
    except IntegrityError:
        # A second request with the same token won the race (a double-click): keep the first attempt.
        session.rollback()
        return presentation_for(session, user, token).attempt
    return attempt


@dataclass(frozen=True)
class ShownQuestion:
    """What the question page and storing its answer read of a presentation, the revision shown and the
    quiz session, as one plain row: neither request makes ORM objects (they cost more than the rest of it).
    It has what the question form reads of a revision (type, prompt, section)."""

    id: int
    user_id: int
    mode: str
    choice_order: list[str] | None
    created_at: datetime
    quiz_session_id: int | None
    session_position: int | None
    planned_size: int | None
    answered: bool
    revision_id: int
    question_id: str
    type: str
    prompt: str
    section: str | None
    answer: Any
    accepted_answers: list[str]


def _by_token(statement: Select[Any]) -> Select[Any]:
    """A presentation's row, found by its token, with its answer (if any) and its quiz session (if any)."""
    return (
        statement.outerjoin(Attempt, Attempt.presentation_id == Presentation.id)
        .outerjoin(QuizSession, QuizSession.id == Presentation.quiz_session_id)
        .where(Presentation.token == bindparam("token"))
    )


# Built once: every question page and every answer runs it.
SHOWN_QUESTION = DriverStatement(
    _by_token(
        select(
            Presentation.id,
            Presentation.user_id,
            Presentation.mode,
            Presentation.choice_order,
            Presentation.created_at,
            Presentation.quiz_session_id,
            Presentation.session_position,
            QuizSession.planned_size,
            Attempt.id.is_not(None).label("answered"),
            QuestionRevision.id.label("revision_id"),
            QuestionRevision.question_id,
            QuestionRevision.type,
            QuestionRevision.prompt,
            QuestionRevision.section,
            QuestionRevision.answer,
            QuestionRevision.accepted_answers,
        ).join(QuestionRevision, QuestionRevision.id == Presentation.revision_id)
    )
)
INSERT_ATTEMPT = _insert_row(Attempt.__table__)
FINISH_QUIZ_SESSION = DriverStatement(
    update(QuizSession.__table__)
    .where(QuizSession.id == bindparam("quiz_session_id"), QuizSession.finished_at.is_(None))
    .values(finished_at=bindparam("finished_at"))
)


Row = TypeVar("Row", "ShownQuestion", "AnsweredQuestion")


def _own_quiz_row(
    session: Session, statement: DriverStatement, make: type[Row], user: User, token: str
) -> Row:
    """The row a quiz presentation's statement reads for ``token``, or the ``QuizError`` of
    ``presentation_for``: never shown, or shown to someone else."""
    found = statement.first(session, {"token": token})
    row = None if found is None else make(*found)
    if row is None or row.mode != "quiz":
        raise QuizError("This question was never shown to you. Start a new question.", 404)
    if row.user_id != user.id:
        raise QuizError("This question was shown to someone else.", 403)
    return row


def shown_question(session: Session, user: User, token: str) -> ShownQuestion:
    """``presentation_for`` as the question page and the answer need it, or the same ``QuizError``."""
    return _own_quiz_row(session, SHOWN_QUESTION, ShownQuestion, user, token)


def store_answer(
    session: Session, user: User, shown: ShownQuestion, response: str, now: datetime | None = None
) -> bool:
    """``record_answer`` for a presentation found with ``shown_question``: grade the answer and store it
    once, committed. False when it was answered already, by this request's twin (a double-click) too: the
    first answer stands. ``InvalidResponse`` for a response the page could not have sent.
    """
    if shown.answered:
        return False
    now = now or datetime.now(UTC)
    row = _attempt_row(user, shown, shown, response, now)
    finishes = shown.quiz_session_id is not None and shown.session_position == shown.planned_size
    try:
        # The presentation's unique id refuses a second answer to the same token. An answer that does not
        # finish its quiz session is a write of its own, sent with no BEGIN before it; one that does is
        # stored in the same transaction as the update that finishes its quiz session.
        if finishes:
            with one_transaction(session):
                INSERT_ATTEMPT.run(session, row)
                FINISH_QUIZ_SESSION.run(
                    session, {"quiz_session_id": shown.quiz_session_id, "finished_at": now}
                )
        else:
            INSERT_ATTEMPT.run(session, row)
        # Rows this session loaded earlier (its presentation, without the new attempt) are stale now.
        commit_pending(session)
    except IntegrityError:
        session.rollback()
        return False
    return True


@dataclass(frozen=True)
class AnsweredQuestion:
    """What the feedback page reads of a presentation, its quiz session and its answer (None fields while
    unanswered), as one plain row; what it shows of the revision is kept per bank version
    (``app.learner.feedback.revision_feedback``)."""

    user_id: int
    mode: str
    filters: dict[str, str]
    quiz_session_id: int | None
    session_position: int | None
    planned_size: int | None
    answered: bool
    revision_id: int | None  # the answer's
    response: str | None
    correct: bool | None
    error_kind: str | None


# Built once: every feedback page runs it.
ANSWERED_QUESTION = DriverStatement(
    _by_token(
        select(
            Presentation.user_id,
            Presentation.mode,
            Presentation.filters,
            Presentation.quiz_session_id,
            Presentation.session_position,
            QuizSession.planned_size,
            Attempt.id.is_not(None).label("answered"),
            Attempt.revision_id,
            Attempt.response,
            Attempt.correct,
            Attempt.error_kind,
        )
    )
)


def answered_question(session: Session, user: User, token: str) -> AnsweredQuestion:
    """``presentation_for`` as the feedback page needs it, or the same ``QuizError``."""
    return _own_quiz_row(session, ANSWERED_QUESTION, AnsweredQuestion, user, token)
