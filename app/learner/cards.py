"""Flashcards: every published question is a card; its schedule is replayed from the review log."""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth.models import User
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.learner.models import Presentation, ReviewLog
from app.learner.quiz import QuizError, QuizFilters, present, presentation_for
from app.learner.scheduling import RATING_LABELS, CardState, Review, as_utc, card_state


@dataclass(frozen=True)
class Deck:
    due_now: list[tuple[QuestionRevision, CardState]]  # oldest due first
    new: list[QuestionRevision]  # never reviewed, in bank order
    new_left_today: int
    next_due: datetime | None  # the first review after now, for the "all done" message

    @property
    def next_card(self) -> QuestionRevision | None:
        if self.due_now:
            return self.due_now[0][0]
        if self.new and self.new_left_today > 0:
            return self.new[0]
        return None


def _published_cards(session: Session) -> list[QuestionRevision]:
    return list(
        session.scalars(
            select(QuestionRevision)
            .join(Question, CURRENT_REVISION)
            .where(Question.status == "published")
            .order_by(Question.id)
        )
    )


def reviews_by_question(session: Session, user: User) -> dict[str, list[ReviewLog]]:
    logs = session.scalars(
        select(ReviewLog).where(ReviewLog.user_id == user.id).order_by(ReviewLog.reviewed_at)
    )
    grouped: dict[str, list[ReviewLog]] = defaultdict(list)
    for log in logs:
        grouped[log.question_id].append(log)
    return grouped


def deck_for(session: Session, user: User, now: datetime, new_per_day: int) -> Deck:
    logs = reviews_by_question(session, user)
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    introduced_today = sum(1 for entries in logs.values() if as_utc(entries[0].reviewed_at) >= start_of_day)
    due_now, new, later = [], [], []
    for revision in _published_cards(session):
        entries = logs.get(revision.question_id)
        if not entries:
            new.append(revision)
            continue
        state = card_state([Review(e.rating, e.reviewed_at) for e in entries])
        if state.is_due(now):
            due_now.append((revision, state))
        elif state.due is not None:
            later.append(state.due)
    due_now.sort(key=lambda item: item[1].due or now)
    return Deck(due_now, new, max(new_per_day - introduced_today, 0), min(later, default=None))


def card_presentation(session: Session, user: User, revision: QuestionRevision) -> Presentation:
    """Reuse the open showing of this card, so refreshing the page does not pile up presentations."""
    open_one = session.scalar(
        select(Presentation)
        .outerjoin(ReviewLog, ReviewLog.presentation_id == Presentation.id)
        .where(
            Presentation.user_id == user.id,
            Presentation.mode == "card",
            Presentation.revision_id == revision.id,
            ReviewLog.id.is_(None),
        )
        .order_by(Presentation.id.desc())
        .limit(1)
    )
    if open_one is not None:
        return open_one
    presentation = present(session, user, revision, QuizFilters(), random.Random(), mode="card")
    session.commit()
    return presentation


def record_review(
    session: Session,
    user: User,
    token: str,
    rating: int,
    now: datetime | None = None,
    duration_ms: int | None = None,
) -> ReviewLog:
    """Append one review; a replay of the same showing is recorded once."""
    if rating not in RATING_LABELS:
        raise QuizError("Grade the card with Again, Hard, Good or Easy.", 400)
    presentation = presentation_for(session, user, token, mode="card")
    existing = session.scalar(select(ReviewLog).where(ReviewLog.presentation_id == presentation.id))
    if existing is not None:
        return existing
    log = ReviewLog(
        presentation_id=presentation.id,
        user_id=user.id,
        question_id=presentation.revision.question_id,
        revision_id=presentation.revision_id,
        rating=rating,
        reviewed_at=now or datetime.now(UTC),
        duration_ms=duration_ms,
    )
    session.add(log)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return session.scalar(select(ReviewLog).where(ReviewLog.presentation_id == presentation.id))
    return log
