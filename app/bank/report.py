"""Pure: a review report of a bank read from disk: what it holds, what it covers, what looks suspicious.

A teacher reviewing 150+ questions cannot read them all side by side; the report counts them, shows which
passages of each source no question touches, and points at the items most worth a second look. Nothing
here is an error (``bank check`` owns errors): findings are warnings a person judges.

This module counts and measures coverage; ``report_findings`` finds the suspicious items and
``report_render`` writes the report as JSON or text.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from app.bank.grounding import QuoteNotFound, SourceIndex
from app.bank.report_contrast import ContrastReport, contrast_report
from app.bank.report_findings import (
    LONG_ANSWER_RATIO,
    NEAR_DUPLICATE_JACCARD,
    TRUE_FALSE_MINIMUM,
    TRUE_SHARE_RANGE,
    Finding,
    ItemRef,
    answer_reuse_limit,
    find_suspicious,
)
from app.bank.schema import FILE_STATUSES, ORIGINS, RELATIONS, SKILLS, ClaimPairSpec, QuestionSpec
from app.bank.types import QUESTION_TYPES, is_type
from app.bank.types.base import TRUE_FALSE_OPTIONS
from app.bank.yamlio import BankFiles
from app.sources.parser import Passage

OPENING = "(opening)"  # the section of passages before a source's first heading


@dataclass(frozen=True)
class Count:
    total: int
    published: int

    @property
    def draft(self) -> int:
        return self.total - self.published


@dataclass(frozen=True)
class SectionCoverage:
    section: str
    passages: int
    covered: int  # passages holding at least one question's support quote
    questions: int
    published: int


@dataclass(frozen=True)
class SourceCoverage:
    source: str
    short_name: str
    passages: int
    with_question: int
    with_published_question: int
    with_claim_quote: int  # passages holding a side of any claim pair
    sections: tuple[SectionCoverage, ...]
    without_question: tuple[int, ...] = ()  # ordinals of the passages no question is grounded in

    @property
    def sections_without_question(self) -> tuple[str, ...]:
        return tuple(s.section for s in self.sections if s.questions == 0)


@dataclass(frozen=True)
class PairUse:
    id: str
    file: str
    relation: str
    status: str
    questions: int
    published: int


@dataclass(frozen=True)
class BankReport:
    root: str
    sources: int
    passages: int
    claim_pairs: int
    questions: int
    published: int
    question_counts: dict[str, dict[str, Count]]  # dimension ("type", "skill", …) → value → count
    pair_counts: dict[str, dict[str, int]]  # "relation" / "status" → value → pairs
    pair_uses: tuple[PairUse, ...]
    coverage: tuple[SourceCoverage, ...]
    findings: tuple[Finding, ...]
    contrast: ContrastReport
    unlocated: tuple[ItemRef, ...] = ()  # quotes not found (only in a bank that failed the check)
    thresholds: dict[str, Any] = field(default_factory=dict)

    @property
    def pairs_without_published_question(self) -> tuple[PairUse, ...]:
        return tuple(use for use in self.pair_uses if use.published == 0)


def _ordered_counts(
    questions: Iterable[QuestionSpec], key: Callable[[QuestionSpec], str], known: Iterable[str] = ()
) -> dict[str, Count]:
    """Known values first and in their usual order, zeros included (a missing type is worth seeing)."""
    total: Counter[str] = Counter()
    published: Counter[str] = Counter()
    for question in questions:
        total[key(question)] += 1
        published[key(question)] += question.status == "published"
    values = [*known, *sorted(set(total) - set(known))]
    return {value: Count(total[value], published[value]) for value in values}


def _question_counts(bank: BankFiles) -> dict[str, dict[str, Count]]:
    questions = bank.questions
    true_false = [q for q in questions if is_type(q.type, "boolean_answer")]
    which_source = [q for q in questions if is_type(q.type, "by_source")]
    source_ids = [doc.meta.id for doc in bank.sources]
    return {
        "type": _ordered_counts(questions, lambda q: q.type, QUESTION_TYPES),
        "source": _ordered_counts(questions, lambda q: q.support.source, source_ids),
        "origin": _ordered_counts(questions, lambda q: q.origin, ORIGINS),
        "status": _ordered_counts(questions, lambda q: q.status, FILE_STATUSES),
        "skill": _ordered_counts(questions, lambda q: q.skill, SKILLS),
        "true/false answer": _ordered_counts(true_false, lambda q: str(q.answer).lower(), TRUE_FALSE_OPTIONS),
        "which-source answer": _ordered_counts(
            which_source, lambda q: str(q.answer), (*source_ids, "both", "neither")
        ),
    }


def _pair_counts(pairs: tuple[ClaimPairSpec, ...]) -> dict[str, dict[str, int]]:
    def ordered(values: list[str], known: tuple[str, ...]) -> dict[str, int]:
        counts = Counter(values)
        return {value: counts[value] for value in [*known, *sorted(set(counts) - set(known))]}

    return {
        "relation": ordered([p.relation for p in pairs], RELATIONS),
        "status": ordered([p.status for p in pairs], FILE_STATUSES),
    }


def _pair_uses(bank: BankFiles) -> tuple[PairUse, ...]:
    total = Counter(q.claim_pair for q in bank.questions if q.claim_pair)
    published = Counter(q.claim_pair for q in bank.questions if q.claim_pair and q.status == "published")
    return tuple(
        PairUse(p.id, p.file, p.relation, p.status, total[p.id], published[p.id]) for p in bank.claim_pairs
    )


class _Locator:
    """Finds the passage of each quote once; a quote that cannot be found is remembered, not raised."""

    def __init__(self, bank: BankFiles):
        self.indexes = {doc.meta.id: SourceIndex(doc) for doc in bank.sources}

    def passage(self, source: str, quote: str) -> Passage | None:
        index = self.indexes.get(source)
        if index is None:
            return None
        try:
            return index.locate(quote).passage
        except QuoteNotFound:
            return None


def _coverage(bank: BankFiles, locator: _Locator) -> tuple[tuple[SourceCoverage, ...], tuple[ItemRef, ...]]:
    question_passages: dict[tuple[str, int], list[QuestionSpec]] = {}
    unlocated: list[ItemRef] = []
    for question in bank.questions:
        passage = locator.passage(question.support.source, question.support.quote)
        if passage is None:
            unlocated.append(ItemRef(question.file, question.id))
        else:
            question_passages.setdefault((question.support.source, passage.ordinal), []).append(question)
    claim_passages = set()
    for pair in bank.claim_pairs:
        for side in (pair.a, pair.b):
            if side.silent:
                continue  # a recorded silence has no words to find
            passage = locator.passage(side.source, side.quote)
            if passage is None:
                unlocated.append(ItemRef(pair.file, pair.id))
            else:
                claim_passages.add((side.source, passage.ordinal))
    coverage = tuple(
        _source_coverage(
            doc.meta.id, doc.meta.short_name, doc.parsed.passages, question_passages, claim_passages
        )
        for doc in bank.sources
    )
    return coverage, tuple(dict.fromkeys(unlocated))


def _source_coverage(
    source: str,
    short_name: str,
    passages: tuple[Passage, ...],
    question_passages: dict[tuple[str, int], list[QuestionSpec]],
    claim_passages: set[tuple[str, int]],
) -> SourceCoverage:
    def asked(passage: Passage) -> list[QuestionSpec]:
        return question_passages.get((source, passage.ordinal), [])

    by_section: dict[str, list[Passage]] = {}
    for passage in passages:
        by_section.setdefault(passage.heading or OPENING, []).append(passage)
    sections = tuple(
        SectionCoverage(
            section=name,
            passages=len(members),
            covered=sum(bool(asked(p)) for p in members),
            questions=sum(len(asked(p)) for p in members),
            published=sum(q.status == "published" for p in members for q in asked(p)),
        )
        for name, members in by_section.items()
    )
    return SourceCoverage(
        source=source,
        short_name=short_name,
        passages=len(passages),
        with_question=sum(bool(asked(p)) for p in passages),
        with_published_question=sum(any(q.status == "published" for q in asked(p)) for p in passages),
        with_claim_quote=sum((source, p.ordinal) in claim_passages for p in passages),
        sections=sections,
        without_question=tuple(p.ordinal for p in passages if not asked(p)),
    )


def build_report(bank: BankFiles) -> BankReport:
    """The whole report of ``bank``: meant for a checked bank, but a broken quote is listed, not raised."""
    locator = _Locator(bank)
    coverage, unlocated = _coverage(bank, locator)
    return BankReport(
        root=str(bank.root),
        sources=len(bank.sources),
        passages=sum(len(doc.parsed.passages) for doc in bank.sources),
        claim_pairs=len(bank.claim_pairs),
        questions=len(bank.questions),
        published=sum(q.status == "published" for q in bank.questions),
        question_counts=_question_counts(bank),
        pair_counts=_pair_counts(bank.claim_pairs),
        pair_uses=_pair_uses(bank),
        coverage=coverage,
        findings=tuple(find_suspicious(bank)),
        contrast=contrast_report(bank, locator.indexes),
        unlocated=unlocated,
        thresholds={
            "near_duplicate_jaccard": NEAR_DUPLICATE_JACCARD,
            "answer_reuse_limit": answer_reuse_limit(len(bank.questions)),
            "long_answer_ratio": LONG_ANSWER_RATIO,
            "true_share_range": list(TRUE_SHARE_RANGE),
            "true_false_minimum": TRUE_FALSE_MINIMUM,
        },
    )
