"""Writes for the claim map: create, edit and restore claim pairs, each save appending one revision.

Every quote obeys the law ``bank check`` applies (app.bank.grounding): verbatim in its source after
collapsing whitespace, inside one passage, the two sides in different sources. A refusal names every problem
at once and writes nothing.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.bank import content as bank_content
from app.bank.contrast import contrast_on_own_claim, relation_conflicts
from app.bank.grounding import QuoteNotFound, SourceIndex
from app.bank.models import (
    CURRENT_REVISION,
    ClaimPair,
    ClaimPairRevision,
    Question,
    QuestionRevision,
)
from app.bank.schema import RELATIONS, SILENT, ClaimPairSpec, Quote
from app.bank.versioning import append_revision
from app.sources.parser import collapse_whitespace

PAIR_STATUSES = ("draft", "published", "retired")
SIDES = {"a": "Side A", "b": "Side B"}


class PairRefused(Exception):
    """Nothing was saved; ``problems`` maps a form field ("" for the whole form) to what to change."""

    def __init__(self, problems: dict[str, list[str]]):
        super().__init__("; ".join(message for messages in problems.values() for message in messages))
        self.problems = problems


@dataclass(frozen=True)
class PairDraft:
    """A pair's content as a teacher submitted it, before grounding: the fields of ``PAIR_CONTENT``."""

    a_source_id: str
    a_quote: str
    b_source_id: str
    b_quote: str
    relation: str
    rationale: str
    topic: str | None
    status: str

    @classmethod
    def from_content(cls, content: dict[str, Any]) -> "PairDraft":
        return cls(**bank_content.pair_content(None, **content))

    def content(self) -> dict[str, Any]:
        return bank_content.pair_content(None, **asdict(self))


@dataclass(frozen=True)
class Grounded:
    draft: PairDraft  # with each quote in the source's exact words
    notes: list[str]  # what was corrected, for the teacher to see
    indexes: dict[str, SourceIndex] = field(default_factory=dict)  # the two sides' sources, for the rules


IndexFor = Callable[[str], SourceIndex | None]


def ground(draft: PairDraft, index_for: IndexFor, label: Callable[[str], str]) -> Grounded:
    """Check both sides against their sources; replace a quote that differs only in typography."""
    problems: dict[str, list[str]] = {}
    notes: list[str] = []
    quotes: dict[str, str] = {}
    silent_sides = _silent_sides(draft, problems)
    for side, name in SIDES.items():
        source_id, pasted = getattr(draft, f"{side}_source_id"), getattr(draft, f"{side}_quote")
        index = index_for(source_id)
        if index is None:
            problems.setdefault(f"{side}_source", []).append(f"{name}: choose one of the sources.")
            continue
        if side in silent_sides:
            quotes[side] = ""  # this source says nothing on the point: the silence is the contrast
            continue
        quote, note, problem = _grounded_quote(index, pasted, label(source_id))
        if problem:
            problems.setdefault(f"{side}_quote", []).append(f"{name}: {problem}")
            continue
        quotes[side] = quote
        if note:
            notes.append(f"{name}: {note}")
    if draft.a_source_id == draft.b_source_id:
        problems.setdefault("b_source", []).append(
            "The two sides must come from different sources: a pair sets one source against the other."
        )
    if draft.relation not in RELATIONS:
        problems.setdefault("relation", []).append(f"Choose one of: {', '.join(RELATIONS)}.")
    if draft.status not in PAIR_STATUSES:
        problems.setdefault("status", []).append(f"Choose one of: {', '.join(PAIR_STATUSES)}.")
    if not draft.rationale.strip():
        problems.setdefault("rationale", []).append("Say how the two claims relate: learners read this.")
    if problems:
        raise PairRefused(problems)
    indexes = {
        source_id: index
        for source_id in (draft.a_source_id, draft.b_source_id)
        if (index := index_for(source_id)) is not None
    }
    return Grounded(replace(draft, a_quote=quotes["a"], b_quote=quotes["b"]), notes, indexes)


def _silent_sides(draft: PairDraft, problems: dict[str, list[str]]) -> set[str]:
    """The side left empty in a silence pair; exactly one side is silent, and only in such a pair."""
    if draft.relation != SILENT:
        return set()
    empty = {side for side in SIDES if not collapse_whitespace(getattr(draft, f"{side}_quote"))}
    if len(empty) != 1:
        problems.setdefault("relation", []).append(
            "A silence pair quotes one side and leaves the other side's quote empty: the source that says "
            "nothing on the point."
        )
        return set()
    return empty


def _grounded_quote(index: SourceIndex, pasted: str, label: str) -> tuple[str, str | None, str | None]:
    """(quote in the source's words, a note if it was corrected, a problem if it cannot be grounded)."""
    wanted = collapse_whitespace(pasted)
    if not wanted:
        return "", None, "choose a sentence or paste a quote."
    note = None
    try:
        index.locate(wanted)
    except QuoteNotFound as error:
        if error.suggestion is None:
            return "", None, f"this quote is not in {label}: {error}"
        wanted, note = (
            error.suggestion,
            "quote marks, dashes or spacing differed; the source's exact words are used.",
        )
        try:
            index.locate(wanted)
        except QuoteNotFound as still:
            return "", None, f"this quote is not in {label}: {still}"
    if note is None and wanted != pasted.strip():
        note = "spacing differed; the source's exact words are used."
    return wanted, note, None


def dependent_questions(session: Session, pair_id: str) -> list[tuple[str, Quote]]:
    """(question id, support quote) of the published questions whose current revision uses this pair."""
    rows = session.execute(
        select(Question.id, QuestionRevision.support_source_id, QuestionRevision.support_quote)
        .join(QuestionRevision, CURRENT_REVISION)
        .where(QuestionRevision.claim_pair_id == pair_id, Question.status == "published")
        .order_by(Question.id)
    )
    return [(row.id, Quote(row.support_source_id, row.support_quote)) for row in rows]


def pair_spec(pair_id: str, content: PairDraft | ClaimPair) -> ClaimPairSpec:
    """A stored pair, or a teacher's draft of one, in the shape the bank's validator reads."""
    return bank_content.pair_spec(pair_id, bank_content.pair_content(content), "database")


def _contrast_blockers(session: Session, pair_id: str, grounded: Grounded) -> dict[str, list[str]]:
    """The bank's contrast rules seen from one pair: one relation for the same two claims, and every
    published question that uses the pair keeps its own claim in it."""
    problems: dict[str, list[str]] = {}
    mine = pair_spec(pair_id, grounded.draft)
    if grounded.draft.status != "retired":
        others = session.scalars(
            select(ClaimPair).where(ClaimPair.id != pair_id, ClaimPair.status != "retired")
        )
        for conflict in relation_conflicts([mine, *(pair_spec(p.id, p) for p in others)], grounded.indexes):
            if mine not in (conflict.first, conflict.second):
                continue
            other = conflict.second if conflict.first is mine else conflict.first
            problems.setdefault("relation", []).append(
                f"The pair “{other.id}” sets the same two claims against each other and calls it "
                f"{other.relation}: the same two claims carry one relation. Use it, or quote other words."
            )
    off_claim = [
        question_id
        for question_id, support in dependent_questions(session, pair_id)
        if contrast_on_own_claim(support, mine, grounded.indexes) is False
    ]
    if off_claim:
        problems.setdefault("", []).append(
            "These published questions would lose their own claim in this pair (its side must overlap "
            f"their support quote): {', '.join(off_claim)}. Give them another pair first."
        )
    return problems


def _blockers(session: Session, pair_id: str, draft: PairDraft) -> dict[str, list[str]]:
    """The validator's rule seen from the pair: published questions need a published pair facing them."""
    dependants = dependent_questions(session, pair_id)
    if not dependants:
        return {}
    if draft.status != "published":
        names = ", ".join(question_id for question_id, _ in dependants)
        return {
            "status": [
                f"This pair cannot become {draft.status}: {len(dependants)} published question(s) "
                f"depend on it ({names}). Retire those questions or give them another pair first."
            ]
        }
    sides = {draft.a_source_id, draft.b_source_id}
    stranded = [question_id for question_id, support in dependants if support.source not in sides]
    if stranded:
        return {
            "": [
                "The pair would no longer face the source of these published questions: "
                f"{', '.join(stranded)}. Keep a side in their source."
            ]
        }
    return {}


def _lock_and_latest(session: Session, pair_id: str) -> int:
    """Take the write lock before reading the latest revision, so two saves cannot both append number n."""
    session.execute(update(ClaimPair).where(ClaimPair.id == pair_id).values(id=ClaimPair.id))
    latest = session.scalar(
        select(func.max(ClaimPairRevision.number)).where(ClaimPairRevision.claim_pair_id == pair_id)
    )
    return latest or 0


def create_pair(session: Session, pair_id: str, grounded: Grounded, author: str) -> ClaimPairRevision:
    if session.get(ClaimPair, pair_id) is not None:
        raise PairRefused({"pair_id": [f"A pair with the id “{pair_id}” exists already; choose another id."]})
    if problems := _contrast_blockers(session, pair_id, grounded):
        raise PairRefused(problems)
    pair = ClaimPair(id=pair_id)
    session.add(pair)
    return append_revision(session, pair, author, "created in the claim map", grounded.draft.content())


def save_pair(
    session: Session, pair: ClaimPair, grounded: Grounded, author: str, reason: str, base_revision: int
) -> ClaimPairRevision | None:
    """Apply an edit made on top of ``base_revision``; None when it changes nothing.

    Refused if someone saved the pair since the form was opened (their revision would silently be undone),
    or if published questions depend on what the edit takes away.
    """
    latest = _lock_and_latest(session, pair.id)
    if base_revision != latest:
        raise PairRefused(
            {
                "": [
                    f"Someone saved this pair (revision {latest}) after you opened it; nothing was saved. "
                    "Open it again to see their change, then make yours."
                ]
            }
        )
    problems = _blockers(session, pair.id, grounded.draft) or _contrast_blockers(session, pair.id, grounded)
    if problems:
        raise PairRefused(problems)
    content = grounded.draft.content()
    if pair.current_content() == content:
        return None
    why = reason or "edited in the claim map"
    return append_revision(session, pair, author, why, content, number=latest + 1)


def restore_revision(
    session: Session,
    pair: ClaimPair,
    old: ClaimPairRevision,
    author: str,
    index_for: IndexFor,
    label: Callable[[str], str],
) -> ClaimPairRevision | None:
    """A new revision copying ``old``; the history keeps everything in between. None if ``old`` is current."""
    grounded = ground(PairDraft.from_content(old.content()), index_for, label)
    latest = _lock_and_latest(session, pair.id)
    return save_pair(session, pair, grounded, author, f"restored revision {old.number}", latest)
