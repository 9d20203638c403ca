"""Quiz sessions: a quiz of a planned number of questions that ends with a summary.

A session either draws its questions by the learner's filters (unseen first, none twice while others
remain) or follows a fixed plan of question ids in order ("practise my mistakes"; later, a teacher's set).
Every answer is an ordinary attempt on a presentation that points at its session, so the one-time
token and the pinned revision keep their rules, and an unfinished session loses nothing.
"""

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth.models import User
from app.bank.models import QuestionRevision
from app.db import commit_pending
from app.driver_statements import DriverStatement
from app.learner.models import Attempt, Presentation, QuizSession
from app.learner.quiz import (
    FINISH_QUIZ_SESSION,
    PoolEntry,
    QuizError,
    QuizFilters,
    choose_next,
    present,
    present_in_session,
    quiz_pool,
)

SESSION_SIZES = (5, 10, 20)
DEFAULT_SESSION_SIZE = 10


@dataclass(frozen=True)
class SessionItem:
    """One question shown in a session: its place, token, prompt, and verdict (None while unanswered)."""

    position: int
    token: str
    question_id: str
    prompt: str
    correct: bool | None


@dataclass(frozen=True)
class SavedSession:
    """A saved quiz session as a plain row: every "next" reads it, and an ORM object cost more than the
    query. Marking it finished is an UPDATE (``FINISH_QUIZ_SESSION``)."""

    id: int
    user_id: int
    filters: dict[str, Any]
    question_ids: list[str] | None
    planned_size: int
    finished_at: datetime | None


@dataclass(frozen=True)
class SessionState:
    """A session and the questions shown in it so far, in order (a new session is not saved yet)."""

    quiz_session: SavedSession | QuizSession
    items: tuple[SessionItem, ...]

    @property
    def answered(self) -> int:
        return sum(item.correct is not None for item in self.items)

    @property
    def right(self) -> int:
        return sum(item.correct is True for item in self.items)

    @property
    def wrong_question_ids(self) -> list[str]:
        """The questions answered wrongly, each once, in the order they were asked."""
        return list(dict.fromkeys(item.question_id for item in self.items if item.correct is False))

    @property
    def complete(self) -> bool:
        """Every planned question is answered (or the plan ran out of questions still published)."""
        return self.quiz_session.finished_at is not None or (self.answered >= self.quiz_session.planned_size)


SESSION_COLUMNS = 6  # the session's own columns come first in each row, then its item's
# A session with its questions and verdicts: built once, as every "next" within a session runs it.
SESSION_WITH_ITEMS = DriverStatement(
    select(
        QuizSession.id,
        QuizSession.user_id,
        QuizSession.filters,
        QuizSession.question_ids,
        QuizSession.planned_size,
        QuizSession.finished_at,
        Presentation.session_position,
        Presentation.token,
        QuestionRevision.question_id,
        QuestionRevision.prompt,
        Attempt.correct,
    )
    .outerjoin(Presentation, Presentation.quiz_session_id == QuizSession.id)
    .outerjoin(QuestionRevision, QuestionRevision.id == Presentation.revision_id)
    .outerjoin(Attempt, Attempt.presentation_id == Presentation.id)
    .where(QuizSession.id == bindparam("quiz_session_id"))
    .order_by(Presentation.session_position)
)


def session_state(session: Session, user: User, quiz_session_id: int) -> SessionState:
    """The learner's own session with its questions and verdicts, read in one statement (every "next"
    and the summary need them); a ``QuizError`` when it is missing or someone else's."""
    rows = SESSION_WITH_ITEMS.rows(session, {"quiz_session_id": quiz_session_id})
    if not rows:
        raise QuizError("There is no such quiz. Start a new one.", 404)
    quiz_session = SavedSession(*rows[0][:SESSION_COLUMNS])
    if quiz_session.user_id != user.id:
        raise QuizError("This quiz belongs to someone else.", 403)
    shown = (SessionItem(*row[SESSION_COLUMNS:]) for row in rows)
    items = tuple(item for item in shown if item.token is not None)  # a session with none yet has one row
    return SessionState(quiz_session, items)


def _planned_entry(session: Session, plan: list[str], asked: set[str]) -> PoolEntry | None:
    """The plan's first question not asked yet that is still published (a retired one is skipped)."""
    pool = {entry.question_id: entry for entry in quiz_pool(session, QuizFilters())}
    return next((pool[qid] for qid in plan if qid not in asked and qid in pool), None)


def _next_entry(
    session: Session, user: User, state: SessionState, rng: random.Random
) -> tuple[PoolEntry, QuizFilters] | None:
    """The session's next question and the session's filters, or None when none is left to ask."""
    quiz_session = state.quiz_session
    filters = QuizFilters.from_mapping(quiz_session.filters)
    asked = {item.question_id for item in state.items}
    if quiz_session.question_ids is not None:
        entry = _planned_entry(session, quiz_session.question_ids, asked)
    else:
        entry = choose_next(session, user, filters, rng, exclude=frozenset(asked))
    return None if entry is None else (entry, filters)


def _present_next(
    session: Session, user: User, state: SessionState, rng: random.Random
) -> Presentation | None:
    """Present the session's next question at the next place, or None when none is left to ask."""
    chosen = _next_entry(session, user, state, rng)
    if chosen is None:
        return None
    entry, filters = chosen
    position = len(state.items) + 1
    return present(session, user, entry, filters, rng, quiz_session=state.quiz_session, position=position)


def _present_next_token(session: Session, user: User, state: SessionState, rng: random.Random) -> str | None:
    """As ``_present_next`` in a saved session, when only the new presentation's token is needed."""
    chosen = _next_entry(session, user, state, rng)
    if chosen is None:
        return None
    entry, filters = chosen
    position = len(state.items) + 1
    return present_in_session(session, user, entry, filters, rng, state.quiz_session.id, position)


def start_session(
    session: Session,
    user: User,
    rng: random.Random,
    size: int = DEFAULT_SESSION_SIZE,
    filters: QuizFilters | None = None,
    question_ids: list[str] | None = None,
) -> Presentation | None:
    """Start a session and show its first question; None (and nothing kept) when no question fits.

    With ``question_ids`` the session asks exactly those, in order, and its size is their number.
    Without, it asks ``size`` questions matching ``filters``, or fewer when fewer match, so that it
    never promises more questions than it can ask without repeating one.
    """
    filters = filters or QuizFilters()
    planned = len(question_ids) if question_ids is not None else min(size, len(quiz_pool(session, filters)))
    if planned == 0:
        return None
    quiz_session = QuizSession(
        user_id=user.id, filters=filters.as_dict(), question_ids=question_ids, planned_size=planned
    )
    # The session is saved with its first presentation, or not at all when no question can be shown.
    return _present_next(session, user, SessionState(quiz_session, ()), rng)


def next_in_session(
    session: Session, user: User, quiz_session_id: int, rng: random.Random, now: datetime | None = None
) -> str | None:
    """The token of the session's next question: one left unanswered is shown again, else a new one is
    presented. None once the session is complete; it is then marked finished if it was not already.
    Commits, so that two presses of "Next" racing each other show the same question.
    """
    state = session_state(session, user, quiz_session_id)
    unanswered = next((item for item in state.items if item.correct is None), None)
    if unanswered is not None:
        return unanswered.token
    try:
        token = None if state.complete else _present_next_token(session, user, state, rng)
        if token is None and state.quiz_session.finished_at is None:
            finished = {"quiz_session_id": quiz_session_id, "finished_at": now or datetime.now(UTC)}
            FINISH_QUIZ_SESSION.run(session, finished)
        commit_pending(session)
    except IntegrityError:
        # A second press of "Next" presented this place first: show the learner that question.
        session.rollback()
        return next_in_session(session, user, quiz_session_id, rng, now)
    return token


def practise_mistakes(
    session: Session, user: User, quiz_session_id: int, rng: random.Random
) -> Presentation | None:
    """A new session of exactly the questions answered wrongly in this one; None when none were."""
    wrong = session_state(session, user, quiz_session_id).wrong_question_ids
    if not wrong:
        return None
    return start_session(session, user, rng, question_ids=wrong)
