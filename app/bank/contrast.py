"""Pure: whether a question's contrast speaks to its own claim, and the bank-wide rules of claim pairs.

The contrast is the product: after every answer the learner reads the other source's words on *this*
question's point. These rules make that checkable. ``bank check`` refuses what breaks them and
``bank report`` counts them, so both read the same definitions from here.
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations

from app.bank.grounding import QuoteLocation, QuoteNotFound, SourceIndex
from app.bank.schema import SILENT, ClaimPairSpec, QuestionSpec, Quote
from app.bank.types import is_type
from app.sources.documents import SourceDocument

MAX_QUESTIONS_PER_PAIR = 6  # beyond this a pair is a topic, not one claim
SHORT_QUOTE_WORDS = 8  # a support quote shorter than this rarely holds what an answer rests on

# How a prompt or a flashcard front attributes what it states. Beyond these fixed words, each source's
# short name and title are accepted (see ``attribution_markers``).
_FIXED_MARKERS = (
    "according to",
    "which source",
    "which text",
    "who says",
    "who claims",
    "who writes",
    "who wrote",
    "the publication",
    "the paper",
    "the historian",
    "the state text",
    "the other source",
    "both sources",
    "neither source",
    "the two sources",
)


@dataclass(frozen=True)
class RelationConflict:
    """Two pairs over overlapping quotes on both sides that label the relation differently."""

    first: ClaimPairSpec
    second: ClaimPairSpec


def locate(indexes: Mapping[str, SourceIndex], quote: Quote) -> QuoteLocation | None:
    """Where a quote stands, or None when it is silent, of an unknown source, or not grounded."""
    index = indexes.get(quote.source)
    if index is None or quote.silent:
        return None
    try:
        return index.locate(quote.quote)
    except QuoteNotFound:
        return None


def overlaps(first: QuoteLocation, second: QuoteLocation) -> bool:
    """Same passage, and the two spans share at least one character: one claim, not two neighbours."""
    return (
        first.passage.ordinal == second.passage.ordinal
        and first.start < second.end
        and second.start < first.end
    )


def contrast_on_own_claim(
    support_quote: Quote, pair: ClaimPairSpec, indexes: Mapping[str, SourceIndex]
) -> bool | None:
    """Does the pair's side in the support quote's source overlap the support quote?

    None when it cannot be judged (an unknown source or an ungrounded quote, reported elsewhere).
    """
    side = next((s for s in (pair.a, pair.b) if s.source == support_quote.source), None)
    if side is None or side.silent:
        return False
    support = locate(indexes, support_quote)
    claim = locate(indexes, side)
    if support is None or claim is None:
        return None
    return overlaps(support, claim)


def _differing_pairs(
    pairs: Iterable[ClaimPairSpec], indexes: Mapping[str, SourceIndex]
) -> Iterator[tuple[ClaimPairSpec, ClaimPairSpec, int]]:
    """Every two quoted pairs over the same two sources with different relations, and on how many
    sides (0, 1 or 2) their quotes overlap."""
    located = []
    for pair in pairs:
        if pair.a.silent or pair.b.silent:
            continue
        sides = {side.source: locate(indexes, side) for side in (pair.a, pair.b)}
        if all(sides.values()):
            located.append((pair, sides))
    for (first, first_sides), (second, second_sides) in combinations(located, 2):
        if first.relation == second.relation or set(first_sides) != set(second_sides):
            continue
        shared = sum(overlaps(first_sides[s], second_sides[s]) for s in first_sides)  # type: ignore[arg-type]
        yield first, second, shared


def relation_differences(
    pairs: Iterable[ClaimPairSpec], indexes: Mapping[str, SourceIndex]
) -> tuple[list[RelationConflict], list[RelationConflict]]:
    """(conflicts, mixed relations) among pairs with different relations, found in one pass.

    A conflict: the quotes overlap on both sides, so the same two claims carry two relations (an error).
    Mixed: one claim is shared, facing different words of the other source. Not an error (a sweeping claim
    can be contradicted by one passage and qualified by another), but worth a reviewer's look.
    """
    conflicts: list[RelationConflict] = []
    mixed: list[RelationConflict] = []
    for first, second, shared in _differing_pairs(pairs, indexes):
        if shared == 2:
            conflicts.append(RelationConflict(first, second))
        elif shared == 1:
            mixed.append(RelationConflict(first, second))
    return conflicts, mixed


def relation_conflicts(
    pairs: Iterable[ClaimPairSpec], indexes: Mapping[str, SourceIndex]
) -> list[RelationConflict]:
    """Pairs whose quotes overlap on both sides but whose relations differ: one claim, one relation."""
    return relation_differences(pairs, indexes)[0]


def published_questions_per_pair(questions: Iterable[QuestionSpec]) -> Counter[str]:
    return Counter(q.claim_pair for q in questions if q.status == "published" and q.claim_pair)


def is_silence(pair: ClaimPairSpec) -> bool:
    return pair.relation == SILENT


def attribution_markers(sources: Iterable[SourceDocument]) -> tuple[str, ...]:
    """The words that name who makes a claim: fixed phrases plus each source's short name and title."""
    names = {
        name.casefold().strip()
        for doc in sources
        for name in (doc.meta.short_name, doc.meta.title)
        if name and name.strip()
    }
    return (*_FIXED_MARKERS, *sorted(names))


def is_attributed(text: str, markers: Iterable[str]) -> bool:
    """A prompt or front attributes its claim when it names a source or asks who makes the claim."""
    folded = " ".join(text.casefold().split())
    return any(marker in folded for marker in markers)


def answer_is_longest(question: QuestionSpec) -> bool:
    """The right option is strictly the longest: a test-wise learner picks it without reading."""
    if (
        not is_type(question.type, "has_choices")
        or not question.choices
        or not isinstance(question.answer, str)
    ):
        return False
    others = [len(choice) for choice in question.choices if choice != question.answer]
    return bool(others) and len(question.answer) > max(others)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[’'-]\w+)*", text))
