"""Pure: spaced repetition with FSRS. A card's schedule is replayed from its append-only review log.

Fuzzing is off so that the same log always gives the same schedule: the log is the truth, the state
is derived and can be recomputed at any time.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State

RATING_LABELS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
_SCHEDULER = Scheduler(enable_fuzzing=False)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time the app stores is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class Review:
    rating: int
    at: datetime


@dataclass(frozen=True)
class CardState:
    reviews: int
    due: datetime | None  # None for a card never reviewed: it is new
    state: str  # "new", "learning", "review" or "relearning"
    stability: float | None
    last_rating: int | None

    @property
    def is_new(self) -> bool:
        return self.reviews == 0

    def is_due(self, now: datetime) -> bool:
        return self.due is not None and self.due <= now


def _replay(reviews: Sequence[Review]) -> Card:
    card = Card(card_id=1)
    for review in sorted(reviews, key=lambda r: as_utc(r.at)):
        card, _log = _SCHEDULER.review_card(card, Rating(review.rating), as_utc(review.at))
    return card


def card_state(reviews: Sequence[Review]) -> CardState:
    """The card's schedule after every review in the log, in time order."""
    if not reviews:
        return CardState(0, None, "new", None, None)
    card = _replay(reviews)
    last = max(reviews, key=lambda r: as_utc(r.at))
    return CardState(
        len(reviews), as_utc(card.due), State(card.state).name.lower(), card.stability, last.rating
    )


def next_intervals(reviews: Sequence[Review], now: datetime) -> dict[int, timedelta]:
    """How long until the card comes back for each rating: shown on the grade buttons, as Anki does."""
    card = _replay(reviews)
    intervals = {}
    for rating in RATING_LABELS:
        after, _log = _SCHEDULER.review_card(card, Rating(rating), as_utc(now))
        intervals[rating] = as_utc(after.due) - as_utc(now)
    return intervals


def describe_interval(delta: timedelta) -> str:
    """'1 min', '10 min', '3 h', '4 d', '2 mo': short enough for a button on a phone."""
    seconds = max(delta.total_seconds(), 0)
    if seconds < 3600:
        return f"{max(round(seconds / 60), 1)} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 31:
        return f"{round(days)} d"
    if days < 365:
        return f"{round(days / 30)} mo"
    return f"{days / 365:.1f} y"
