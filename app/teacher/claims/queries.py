"""Read-only queries behind the claim map: the filtered list of pairs, one pair's questions and history.

Like the question list, the pairs are few (tens to hundreds), so the list reads them all and filters in
Python, where ``casefold`` matches text case-insensitively beyond ASCII.
"""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.bank.models import CURRENT_REVISION, ClaimPair, ClaimPairRevision, Question, QuestionRevision
from app.teacher.filters import ListFilters


@dataclass(frozen=True)
class ClaimFilters(ListFilters):
    """The claim map's filters."""

    relation: str = ""
    status: str = ""
    source: str = ""
    q: str = ""


@dataclass(frozen=True)
class PairRow:
    pair: ClaimPair
    questions: int  # questions (not retired) whose current revision hangs on the pair

    def matches(self, filters: ClaimFilters, needle: str) -> bool:
        pair = self.pair
        if filters.relation and filters.relation != pair.relation:
            return False
        if filters.status and filters.status != pair.status:
            return False
        if filters.source and filters.source not in (pair.a_source_id, pair.b_source_id):
            return False
        haystack = (pair.id, pair.a_quote, pair.b_quote, pair.rationale, pair.topic or "")
        return not needle or any(needle in text.casefold() for text in haystack)


def question_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(QuestionRevision.claim_pair_id, func.count())
        .join(Question, CURRENT_REVISION)
        .where(QuestionRevision.claim_pair_id.is_not(None), Question.status != "retired")
        .group_by(QuestionRevision.claim_pair_id)
    )
    return {pair_id: count for pair_id, count in rows}


def pair_rows(session: Session, filters: ClaimFilters) -> tuple[list[PairRow], int]:
    """The pairs that match, by id, and how many pairs there are in all."""
    counts = question_counts(session)
    rows = [
        PairRow(pair, counts.get(pair.id, 0))
        for pair in session.scalars(select(ClaimPair).order_by(ClaimPair.id))
    ]
    needle = filters.q.casefold()
    return [row for row in rows if row.matches(filters, needle)], len(rows)


def hanging_questions(session: Session, pair_id: str) -> list[tuple[Question, QuestionRevision]]:
    """Every question whose current revision points at the pair, retired ones included (they say so)."""
    rows = session.execute(
        select(Question, QuestionRevision)
        .join(QuestionRevision, CURRENT_REVISION)
        .where(QuestionRevision.claim_pair_id == pair_id)
        .order_by(Question.id)
    )
    return [(question, revision) for question, revision in rows]


def history(session: Session, pair_id: str) -> list[ClaimPairRevision]:
    """Every revision, newest first."""
    return list(
        session.scalars(
            select(ClaimPairRevision)
            .where(ClaimPairRevision.claim_pair_id == pair_id)
            .order_by(ClaimPairRevision.number.desc())
        )
    )


def revision(session: Session, pair_id: str, number: int) -> ClaimPairRevision | None:
    return session.scalar(
        select(ClaimPairRevision).where(
            ClaimPairRevision.claim_pair_id == pair_id, ClaimPairRevision.number == number
        )
    )


def free_pair_id(session: Session, stem: str = "pair") -> str:
    """A suggested id for a new pair that no pair has yet."""
    taken = set(session.scalars(select(ClaimPair.id)))
    number = len(taken) + 1
    while f"{stem}-{number:03d}" in taken:
        number += 1
    return f"{stem}-{number:03d}"
