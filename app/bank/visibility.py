"""Which sources learners may see: a source uploaded in the browser stays out of sight until it is taught.

A source is shown to learners once something of it is published: a published question grounded in it, or a
published claim pair with a side in it. Teachers see every source, so they can review what they uploaded.
"""

from typing import Any

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from app.bank.models import CURRENT_REVISION, ClaimPair, Question, QuestionRevision
from app.bank.version import derived_from_bank
from app.sources.models import Source

PUBLISHED = "published"


def published_source_ids(session: Session) -> set[str]:
    """Ids of the sources that a published question or a published claim pair cites (kept until the bank
    changes: every learner's page asks)."""
    return set(derived_from_bank(session, "published_source_ids", _cited_source_ids))


def _cited_source_ids(session: Session) -> frozenset[str]:
    cited = union(
        select(QuestionRevision.support_source_id)
        .join(Question, CURRENT_REVISION)
        .where(Question.status == PUBLISHED),
        select(ClaimPair.a_source_id).where(ClaimPair.status == PUBLISHED),
        select(ClaimPair.b_source_id).where(ClaimPair.status == PUBLISHED),
    )
    return frozenset(session.scalars(select(cited.subquery().c[0])))


def sees_every_source(user: Any) -> bool:
    """Teachers review sources before anything of them is published; everyone else waits for that."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "role", None) == "teacher")


def sources_for(session: Session, user: Any) -> list[Source]:
    """The sources ``user`` may see, in the bank's order."""
    query = select(Source).order_by(Source.position, Source.id)
    if not sees_every_source(user):
        query = query.where(Source.id.in_(published_source_ids(session)))
    return list(session.scalars(query))


def learner_source_ids(session: Session) -> tuple[str, ...]:
    """Ids of the sources learners see, in order: the options of a "which source says this?" question."""
    return derived_from_bank(session, "learner_source_ids", _ordered_learner_source_ids)


def _ordered_learner_source_ids(session: Session) -> tuple[str, ...]:
    visible = published_source_ids(session)
    ordered = session.scalars(select(Source.id).order_by(Source.position, Source.id))
    return tuple(source_id for source_id in ordered if source_id in visible)


def may_see(session: Session, user: Any, source_id: str) -> bool:
    return sees_every_source(user) or source_id in published_source_ids(session)
