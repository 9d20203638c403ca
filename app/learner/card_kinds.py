"""Which question kinds are flashcards for a learner: those any of the learner's classes keeps.

Decks are per learner, not per class, so a learner in two classes gets the kinds either class ticks; a
learner in no class (a guest, or one whose class was closed) gets every kind, as before teachers could
choose. The deck, the learner's progress and the class roster all count cards through this one rule.
"""

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import Classroom, Enrollment
from app.bank.types import QUESTION_TYPES


def card_kinds_by_learner(session: Session, user_ids: Collection[int]) -> dict[int, frozenset[str]]:
    """Each learner's card kinds, for many learners in one query."""
    every_kind = frozenset(QUESTION_TYPES)
    kept: dict[int, set[str]] = defaultdict(set)
    for user_id, left_out in session.execute(
        select(Enrollment.user_id, Classroom.card_kinds_left_out)
        .join(Classroom, Classroom.id == Enrollment.classroom_id)
        .where(Enrollment.user_id.in_(list(user_ids)))
    ):
        kept[user_id] |= every_kind - set(left_out or [])
    return {user_id: frozenset(kept[user_id]) if user_id in kept else every_kind for user_id in user_ids}


def card_kinds_for(session: Session, user_id: int) -> frozenset[str]:
    """One learner's card kinds."""
    return card_kinds_by_learner(session, [user_id])[user_id]
