"""Writes and reads for the quiz: choose a question, present it with a one-time token, grade the answer.

Grading reads the revision that was presented, never the question's current one, so a teacher's edit
cannot change the verdict on an answer given before it.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth.models import User
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.bank.types import QUESTION_TYPES, filter_types, grade, quiz_types
from app.bank.visibility import learner_source_ids
from app.learner.models import Attempt, Presentation
from app.learner.scheduling import as_utc

FILTER_KEYS = ("source", "section", "type")
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

    @classmethod
    def from_mapping(cls, values: Any) -> "QuizFilters":
        return cls(**{key: (values.get(key) or None) for key in FILTER_KEYS})

    def as_dict(self) -> dict[str, str]:
        return {key: value for key in FILTER_KEYS if (value := getattr(self, key))}


def time_taken_ms(shown_at: datetime, answered_at: datetime) -> int | None:
    """Milliseconds from showing to answering; None when the question lay open for more than a day."""
    elapsed = answered_at - as_utc(shown_at)
    if elapsed > LONGEST_TIME_TAKEN:
        return None
    return max(int(elapsed.total_seconds() * 1000), 0)


def source_ids(session: Session) -> tuple[str, ...]:
    """The sources a "which source says this?" question offers: only those learners can see."""
    return learner_source_ids(session)


def quiz_pool(session: Session, filters: QuizFilters) -> list[QuestionRevision]:
    """Current revisions of the published quiz questions that match the learner's choice."""
    query = (
        select(QuestionRevision)
        .join(Question, CURRENT_REVISION)
        .where(Question.status == "published", QuestionRevision.type.in_(quiz_types()))
        .order_by(Question.id)
    )
    if filters.source:
        query = query.where(QuestionRevision.support_source_id == filters.source)
    if filters.section:
        query = query.where(QuestionRevision.section == filters.section)
    if filters.type:
        query = query.where(QuestionRevision.type.in_(filter_types(filters.type)))
    return list(session.scalars(query))


def choose_next(
    session: Session, user: User, filters: QuizFilters, rng: random.Random
) -> QuestionRevision | None:
    """Unseen questions first, then those last answered wrong, then any; never the one just shown."""
    pool = quiz_pool(session, filters)
    if not pool:
        return None
    latest = (
        select(Attempt.question_id, func.max(Attempt.id).label("last_id"))
        .where(Attempt.user_id == user.id)
        .group_by(Attempt.question_id)
        .subquery()
    )
    last_correct = dict(
        session.execute(
            select(Attempt.question_id, Attempt.correct).join(latest, Attempt.id == latest.c.last_id)
        ).all()
    )
    previous = session.scalar(
        select(QuestionRevision.question_id)
        .join(Presentation, Presentation.revision_id == QuestionRevision.id)
        .where(Presentation.user_id == user.id, Presentation.mode == "quiz")
        .order_by(Presentation.id.desc())
        .limit(1)
    )
    candidates = [r for r in pool if r.question_id != previous] or pool
    unseen = [r for r in candidates if r.question_id not in last_correct]
    missed = [r for r in candidates if last_correct.get(r.question_id) is False]
    return rng.choice(unseen or missed or candidates)


def options_for(revision: QuestionRevision, sources: tuple[str, ...], rng: random.Random) -> list[str] | None:
    """The options in the order this learner will see them; multiple choice is shuffled every time."""
    qtype = QUESTION_TYPES.get(revision.type)
    if qtype is None:
        return None
    options = qtype.option_values(revision.choices, sources)
    if options is not None and qtype.has_choices:
        rng.shuffle(options)
    return options


def present(
    session: Session,
    user: User,
    revision: QuestionRevision,
    filters: QuizFilters,
    rng: random.Random,
    mode: str = "quiz",
) -> Presentation:
    presentation = Presentation(
        token=secrets.token_urlsafe(24),
        user_id=user.id,
        revision=revision,
        choice_order=options_for(revision, source_ids(session), rng) if mode == "quiz" else None,
        mode=mode,
        filters=filters.as_dict(),
    )
    session.add(presentation)
    session.flush()
    return presentation


def presentation_for(session: Session, user: User, token: str, mode: str = "quiz") -> Presentation:
    """The learner's own presentation, or a ``QuizError`` saying why not."""
    presentation = session.scalar(select(Presentation).where(Presentation.token == token))
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
    presentation = presentation_for(session, user, token)
    if presentation.attempt is not None:
        return presentation.attempt
    revision = presentation.revision
    result = grade(
        revision.type, revision.answer, revision.accepted_answers, response, presentation.choice_order
    )
    now = now or datetime.now(UTC)
    attempt = Attempt(
        presentation=presentation,
        user_id=user.id,
        question_id=revision.question_id,
        revision_id=revision.id,
        response=result.response,
        correct=result.correct,
        error_kind=result.error_kind,
        time_taken_ms=time_taken_ms(presentation.created_at, now),
    )
    session.add(attempt)
    try:
        session.commit()
    except IntegrityError:
        # A second request with the same token won the race (a double-click): keep the first attempt.
        session.rollback()
        return presentation_for(session, user, token).attempt
    return attempt
