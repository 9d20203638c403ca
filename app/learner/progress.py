"""Read-only: where a learner stands, by source, section and skill, with their cards and recent answers.

Accuracy counts every answer; mastery asks a different question: of the questions published now, how many
did the learner get right the last time they tried? A learner who fixed an early mistake has mastered the
item; one who slipped on their latest try has not. Answers are grouped by the revision the learner was shown,
mastery by each question's current revision.

``progress_for`` runs eight queries whatever the number of attempts or questions (nine if the session must
reload an expired ``user``): the database counts the answers; Python groups what the bank holds and replays
the review logs.

The page ``learner/progress.html`` expects exactly two variables::

    progress = progress_for(db.session, current_user, datetime.now(UTC))
    return render_template("learner/progress.html", progress=progress, chart=daily_chart(progress.daily))

where ``daily_chart`` comes from ``app.learner.chart``. The page links to ``learner.quiz_start`` and
``learner.cards``.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.bank.evidence import source_label
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.bank.schema import ATTRIBUTION_ANSWERS, SKILLS
from app.bank.types import is_type, quiz_types
from app.learner.card_kinds import card_kinds_for
from app.learner.chart import DayTally
from app.learner.models import Attempt, Presentation, ReviewLog
from app.learner.scheduling import Review, as_utc, card_state
from app.sources.models import Passage, Source

RECENT_LIMIT = 15
SERIES_DAYS = 14
WEEK = timedelta(days=7)
OPENING = "Opening"  # the label of a section-less question: it sits before a source's first heading
SKILL_LABELS = {
    "sourcing": "Sourcing",
    "close_reading": "Close reading",
    "corroboration": "Corroboration",
    "contextualization": "Contextualization",
}


class Learner(Protocol):
    """Any user with an id: the app's User, without importing Flask-Login into a query module."""

    id: int


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _percent(share: float | None) -> int | None:
    return None if share is None else int(share * 100 + 0.5)


@dataclass(frozen=True)
class Totals:
    attempts: int
    correct: int
    attribution_mixups: int  # said one source when the other says it
    other_errors: int

    @property
    def wrong(self) -> int:
        return self.attempts - self.correct

    @property
    def accuracy(self) -> float | None:
        """From 0 to 1; None before the first answer."""
        return _share(self.correct, self.attempts)

    @property
    def accuracy_percent(self) -> int | None:
        return _percent(self.accuracy)


@dataclass(frozen=True)
class GroupProgress:
    """One row of a breakdown: a source, a section or a skill."""

    key: str | None  # source id, section heading (None for the opening) or skill
    label: str
    detail: str | None  # for a section: the source(s) it belongs to
    attempts: int
    correct: int
    published: int  # quiz questions published now in this group: mastery's denominator
    mastered: int  # of those, the ones whose latest attempt was right

    @property
    def accuracy(self) -> float | None:
        return _share(self.correct, self.attempts)

    @property
    def accuracy_percent(self) -> int | None:
        return _percent(self.accuracy)

    @property
    def mastery(self) -> float | None:
        """From 0 to 1; None when the group has no published question left."""
        return _share(self.mastered, self.published)

    @property
    def mastery_percent(self) -> int | None:
        return _percent(self.mastery)


@dataclass(frozen=True)
class CardCounts:
    """Flashcards of the learner's card kinds (card_kinds); counts of due cards include overdue ones."""

    due_now: int
    due_today: int  # due before the end of today, UTC
    due_this_week: int  # due within the next seven days
    new: int  # published and never reviewed
    reviewed: int  # published and reviewed at least once


@dataclass(frozen=True)
class HistoryItem:
    question_id: str
    prompt: str  # of the revision the learner answered
    answered_at: datetime  # aware, UTC
    correct: bool
    error_kind: str | None  # None, "wrong" or "attribution"
    response: str  # in words: a source's name rather than its id
    token: str = ""  # of the presentation answered: its feedback page stays readable

    @property
    def verdict(self) -> str:
        if self.correct:
            return "Right"
        return "Mix-up" if self.error_kind == "attribution" else "Wrong"


@dataclass(frozen=True)
class Progress:
    now: datetime
    totals: Totals
    by_source: tuple[GroupProgress, ...]
    by_section: tuple[GroupProgress, ...]
    by_skill: tuple[GroupProgress, ...]
    cards: CardCounts
    recent: tuple[HistoryItem, ...]  # newest first
    daily: tuple[DayTally, ...]  # the last SERIES_DAYS UTC days, oldest first, today last

    @property
    def has_attempts(self) -> bool:
        return self.totals.attempts > 0


@dataclass
class _Counts:
    attempts: int = 0
    correct: int = 0
    published: int = 0
    mastered: int = 0
    sources: set[str] = field(default_factory=set)


def progress_for(session: Session, user: Learner, now: datetime) -> Progress:
    """Everything the progress page shows for ``user`` at ``now`` (aware; compared in UTC)."""
    user_id = user.id  # read once: an expired user would reload itself on every use
    now = as_utc(now)
    sources = {
        row.id: row
        for row in session.execute(select(Source.id, Source.title, Source.short_name, Source.position))
    }
    published = _published(session)
    answered = _answered_groups(session, user_id)
    latest_correct = _latest_correct(session, user_id)

    totals = Totals(
        attempts=sum(row.attempts for row in answered),
        correct=sum(row.correct for row in answered),
        attribution_mixups=sum(row.mixups for row in answered),
        other_errors=sum(row.attempts - row.correct - row.mixups for row in answered),
    )
    quiz_kinds = quiz_types()
    quiz = [q for q in published if q.type in quiz_kinds]

    def breakdown(key: Callable[[Any], str | None]) -> dict[str | None, _Counts]:
        return _breakdown(answered, quiz, latest_correct, key)

    def source_order(source_id: str) -> tuple[int, str]:
        source = sources.get(source_id)
        return (source.position if source else len(sources), source_id)

    by_source = _rows(
        breakdown(lambda r: r.support_source_id),
        order=source_order,
        label=lambda key: sources[key].title if key in sources else str(key),
    )
    section_order = _section_order(session, source_order)
    by_section = _rows(
        breakdown(lambda r: r.section),
        order=lambda key: section_order.get(key, (len(sources), 0, key or "")),
        label=lambda key: OPENING if key is None else key,
        detail=lambda counts: " and ".join(
            sources[s].short_name if s in sources else s for s in sorted(counts.sources, key=source_order)
        ),
    )
    by_skill = _rows(
        breakdown(lambda r: r.skill),
        order=lambda key: (SKILLS.index(key) if key in SKILLS else len(SKILLS), key or ""),
        label=lambda key: SKILL_LABELS.get(key or "", (key or "").replace("_", " ").capitalize()),
    )
    return Progress(
        now=now,
        totals=totals,
        by_source=by_source,
        by_section=by_section,
        by_skill=by_skill,
        cards=_cards(session, user_id, now, published),
        recent=_recent(session, user_id, sources),
        daily=_daily(session, user_id, now),
    )


def _breakdown(
    answered: list[Any], quiz: list[Any], latest_correct: dict[str, bool], key: Callable[[Any], str | None]
) -> dict[str | None, _Counts]:
    """Answers counted by the revision shown; mastery by each published question's current revision."""
    groups: dict[str | None, _Counts] = defaultdict(_Counts)
    for row in answered:
        group = groups[key(row)]
        group.attempts += row.attempts
        group.correct += row.correct
        group.sources.add(row.support_source_id)
    for question in quiz:
        group = groups[key(question)]
        group.published += 1
        group.mastered += latest_correct.get(question.id, False)
        group.sources.add(question.support_source_id)
    return {k: v for k, v in groups.items() if v.attempts or v.published}


def _rows(
    groups: dict[str | None, _Counts],
    order: Callable[[Any], Any],
    label: Callable[[Any], str],
    detail: Callable[[_Counts], str | None] = lambda counts: None,
) -> tuple[GroupProgress, ...]:
    return tuple(
        GroupProgress(key, label(key), detail(c) or None, c.attempts, c.correct, c.published, c.mastered)
        for key, c in sorted(groups.items(), key=lambda item: order(item[0]))
    )


def _published(session: Session) -> list[Any]:
    """Every published question with its current revision's type, source, section and skill."""
    return session.execute(
        select(
            Question.id,
            QuestionRevision.type,
            QuestionRevision.support_source_id,
            QuestionRevision.section,
            QuestionRevision.skill,
        )
        .join(QuestionRevision, CURRENT_REVISION)
        .where(Question.status == "published")
    ).all()


def _answered_groups(session: Session, user_id: int) -> list[Any]:
    """The learner's answers counted by the database, per source, section and skill of the revision shown."""
    revision = QuestionRevision
    return session.execute(
        select(
            revision.support_source_id,
            revision.section,
            revision.skill,
            func.count(Attempt.id).label("attempts"),
            func.sum(case((Attempt.correct.is_(True), 1), else_=0)).label("correct"),
            func.sum(case((Attempt.error_kind == "attribution", 1), else_=0)).label("mixups"),
        )
        .join(revision, revision.id == Attempt.revision_id)
        .where(Attempt.user_id == user_id)
        .group_by(revision.support_source_id, revision.section, revision.skill)
    ).all()


def _latest_correct(session: Session, user_id: int) -> dict[str, bool]:
    """Whether each question's most recent attempt by the learner was right."""
    ranked = (
        select(
            Attempt.question_id,
            Attempt.correct,
            func.row_number()
            .over(partition_by=Attempt.question_id, order_by=(Attempt.created_at.desc(), Attempt.id.desc()))
            .label("rank"),
        )
        .where(Attempt.user_id == user_id)
        .subquery()
    )
    rows = session.execute(select(ranked.c.question_id, ranked.c.correct).where(ranked.c.rank == 1))
    return {row.question_id: bool(row.correct) for row in rows}


def _section_order(
    session: Session, source_order: Callable[[str], tuple[int, str]]
) -> dict[str | None, tuple[int, int, str]]:
    """Sections in reading order: the opening first, then by source and by the heading's first passage."""
    order: dict[str | None, tuple[int, int, str]] = {None: (-1, 0, "")}
    rows = session.execute(
        select(Passage.source_id, Passage.heading, func.min(Passage.ordinal))
        .where(Passage.heading.is_not(None))
        .group_by(Passage.source_id, Passage.heading)
    )
    for source_id, heading, first in rows:
        place = (source_order(source_id)[0], first, heading)
        order[heading] = min(order.get(heading, place), place)
    return order


def _cards(session: Session, user_id: int, now: datetime, published: list[Any]) -> CardCounts:
    """Replay each reviewed card's log; a learner's logs are read in one query, never per card.

    Only the kinds the learner's classes keep as flashcards count, as in the deck itself.
    """
    kinds = card_kinds_for(session, user_id)
    card_ids = {q.id for q in published if q.type in kinds}
    logs: dict[str, list[Review]] = defaultdict(list)
    rows = session.execute(
        select(ReviewLog.question_id, ReviewLog.rating, ReviewLog.reviewed_at)
        .join(Question, Question.id == ReviewLog.question_id)
        .where(ReviewLog.user_id == user_id, Question.status == "published")
    )
    for question_id, rating, reviewed_at in rows:
        if question_id in card_ids:
            logs[question_id].append(Review(rating, reviewed_at))
    dues = [card_state(reviews).due for reviews in logs.values()]
    end_of_today = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=now.tzinfo)
    return CardCounts(
        due_now=sum(1 for due in dues if due is not None and due <= now),
        due_today=sum(1 for due in dues if due is not None and due < end_of_today),
        due_this_week=sum(1 for due in dues if due is not None and due <= now + WEEK),
        new=len(card_ids - logs.keys()),
        reviewed=len(logs),
    )


def _recent(session: Session, user_id: int, sources: dict[str, Any]) -> tuple[HistoryItem, ...]:
    rows = session.execute(
        select(
            Attempt.question_id,
            Attempt.created_at,
            Attempt.correct,
            Attempt.error_kind,
            Attempt.response,
            QuestionRevision.prompt,
            QuestionRevision.type,
            Presentation.token,
        )
        .join(QuestionRevision, QuestionRevision.id == Attempt.revision_id)
        .join(Presentation, Presentation.id == Attempt.presentation_id)
        .where(Attempt.user_id == user_id)
        .order_by(Attempt.created_at.desc(), Attempt.id.desc())
        .limit(RECENT_LIMIT)
    )
    return tuple(
        HistoryItem(
            question_id=row.question_id,
            prompt=row.prompt,
            answered_at=as_utc(row.created_at),
            correct=bool(row.correct),
            error_kind=row.error_kind,
            response=_response_in_words(row.type, row.response, sources),
            token=row.token,
        )
        for row in rows
    )


def _response_in_words(question_type: str, response: str, sources: dict[str, Any]) -> str:
    """Attribution answers are stored as source ids ("dprk"); a learner chose a name."""
    by_source = is_type(question_type, "by_source")
    if by_source and response in sources:
        return source_label(sources[response].short_name)
    if (by_source and response in ATTRIBUTION_ANSWERS) or is_type(question_type, "boolean_answer"):
        return response.capitalize()
    return response


def _daily(session: Session, user_id: int, now: datetime) -> tuple[DayTally, ...]:
    """Right and wrong answers per UTC day, counted in Python: no database date function, no time zones."""
    days = [now.date() - timedelta(days=back) for back in range(SERIES_DAYS - 1, -1, -1)]
    start = datetime.combine(days[0], time(), tzinfo=now.tzinfo)
    end = datetime.combine(days[-1] + timedelta(days=1), time(), tzinfo=now.tzinfo)
    counts: dict[date, list[int]] = {day: [0, 0] for day in days}
    rows = session.execute(
        select(Attempt.created_at, Attempt.correct).where(
            Attempt.user_id == user_id, Attempt.created_at >= start, Attempt.created_at < end
        )
    )
    for created_at, correct in rows:
        day = as_utc(created_at).date()
        if day in counts:
            counts[day][0 if correct else 1] += 1
    return tuple(DayTally(day, right, wrong) for day, (right, wrong) in counts.items())
