"""Flashcards: published questions of the kinds a learner's classes keep; schedules replay the review log."""

import random
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth.models import User
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.learner.card_kinds import card_kinds_for
from app.learner.card_order import CardPlace, day_seed, interleave
from app.learner.models import Presentation, ReviewLog
from app.learner.quiz import QuizError, QuizFilters, present, presentation_for
from app.learner.scheduling import RATING_LABELS, CardState, Review, as_utc, card_state
from app.sources.models import Passage, Source
from app.sources.parser import collapse_whitespace


@dataclass(frozen=True)
class Deck:
    due_now: list[tuple[QuestionRevision, CardState]]  # oldest due first
    new: list[QuestionRevision]  # never reviewed, taking turns across sources and passages (card_order)
    new_left_today: int
    next_due: datetime | None  # the first review after now, for the "all done" message

    @property
    def next_card(self) -> QuestionRevision | None:
        if self.due_now:
            return self.due_now[0][0]
        if self.new and self.new_left_today > 0:
            return self.new[0]
        return None


def _published_cards(session: Session, kinds: Collection[str]) -> list[QuestionRevision]:
    return list(
        session.scalars(
            select(QuestionRevision)
            .join(Question, CURRENT_REVISION)
            .where(Question.status == "published", QuestionRevision.type.in_(list(kinds)))
            .order_by(Question.id)
        )
    )


# (source id, its file's sha256, quote) -> (passage id, heading) or None: a stored source's passages do not
# change while its file's hash is the same, so each lookup is kept for the life of the process.
PassageRef = tuple[str, str | None]
_PASSAGE_OF_QUOTE: dict[tuple[str, str, str], PassageRef | None] = {}
_PASSAGE_CACHE_LIMIT = 50_000
_NOT_LOOKED_UP = object()


def _passages_of_quotes(
    session: Session, revisions: Sequence[QuestionRevision]
) -> dict[int, PassageRef | None]:
    """The passage holding each card's support quote; passages are read only for quotes not seen before."""
    hashes = dict(session.execute(select(Source.id, Source.sha256)).all())
    keys = {
        r.id: (r.support_source_id, hashes.get(r.support_source_id, ""), r.support_quote) for r in revisions
    }
    if len(_PASSAGE_OF_QUOTE) > _PASSAGE_CACHE_LIMIT:
        _PASSAGE_OF_QUOTE.clear()
    found = {}
    for revision_id, key in keys.items():
        cached = _PASSAGE_OF_QUOTE.get(key, _NOT_LOOKED_UP)
        if cached is not _NOT_LOOKED_UP:
            found[revision_id] = cached
    missing = {key[0] for revision_id, key in keys.items() if revision_id not in found}
    if not missing:
        return found
    by_source: dict[str, list] = defaultdict(list)
    for passage in session.execute(
        select(Passage.id, Passage.source_id, Passage.heading, Passage.text)
        .where(Passage.source_id.in_(missing))
        .order_by(Passage.source_id, Passage.ordinal)
    ):
        by_source[passage.source_id].append(passage)
    for revision_id, key in keys.items():
        if revision_id not in found:
            quote = collapse_whitespace(key[2])
            holder = next((p for p in by_source[key[0]] if quote in p.text), None)
            found[revision_id] = _PASSAGE_OF_QUOTE[key] = (holder.id, holder.heading) if holder else None
    return found


def _card_places(session: Session, revisions: Sequence[QuestionRevision]) -> dict[int, CardPlace]:
    """Each card's source, section, passage and answer: what the order of new cards spreads out."""
    passages = _passages_of_quotes(session, revisions)
    places = {}
    for revision in revisions:
        found = passages[revision.id]
        places[revision.id] = CardPlace(
            source=revision.support_source_id,
            section=(found[1] if found else None) or revision.section or "",
            passage=found[0] if found else collapse_whitespace(revision.support_quote),
            answer=collapse_whitespace(str(revision.answer)).casefold(),
        )
    return places


def _new_card_order(
    session: Session, user: User, revisions: Sequence[QuestionRevision], day: str
) -> list[QuestionRevision]:
    places = _card_places(session, revisions)
    return interleave(revisions, lambda revision: places[revision.id], day_seed(user.id, day))


def reviews_by_question(session: Session, user: User) -> dict[str, list[ReviewLog]]:
    logs = session.scalars(
        select(ReviewLog).where(ReviewLog.user_id == user.id).order_by(ReviewLog.reviewed_at)
    )
    grouped: dict[str, list[ReviewLog]] = defaultdict(list)
    for log in logs:
        grouped[log.question_id].append(log)
    return grouped


def deck_for(session: Session, user: User, now: datetime, new_per_day: int) -> Deck:
    """The learner's cards now: due ones in FSRS's due order, then new ones in today's turn-taking order."""
    logs = reviews_by_question(session, user)
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    introduced_today = {
        question_id for question_id, entries in logs.items() if as_utc(entries[0].reviewed_at) >= start_of_day
    }
    due_now, new_this_morning, later = [], [], []
    for revision in _published_cards(session, card_kinds_for(session, user.id)):
        entries = logs.get(revision.question_id)
        if not entries or revision.question_id in introduced_today:
            new_this_morning.append(revision)
        if not entries:
            continue
        state = card_state([Review(e.rating, e.reviewed_at) for e in entries])
        if state.is_due(now):
            due_now.append((revision, state))
        elif state.due is not None:
            later.append(state.due)
    due_now.sort(key=lambda item: item[1].due or now)
    # Ordered as the day began, so studying a card leaves the rest of the day's order as it was.
    ordered = _new_card_order(session, user, new_this_morning, start_of_day.date().isoformat())
    new = [revision for revision in ordered if revision.question_id not in logs]
    return Deck(due_now, new, max(new_per_day - len(introduced_today), 0), min(later, default=None))


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
