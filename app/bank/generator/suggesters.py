"""Pure: the claim-pair suggesters by name, and the choice of the default.

Each takes (sentences_a, sentences_b, paragraphs_a, paragraphs_b) and answers ``suggest(sentence, k)`` with
``pairs.Suggestion`` items. The semantic ranking is the default; where its libraries or weights are
missing, ``choose`` falls back to the lexical one and says why, so no caller has to crash or guess.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.bank.generator.pairs import PairSuggester
from app.bank.generator.vector_store import VectorStore

SUGGESTERS = ("semantic", "lexical")
DEFAULT_SUGGESTER = "semantic"
FALLBACK_NOTE = (
    "Suggestions are ranked by shared words only: the meaning-based ranking is not installed ({reason})."
)


def suggester_factory(name: str) -> Callable[..., Any]:
    """The class `bank generate --suggester NAME` builds; "semantic" raises SemanticUnavailable if missing."""
    if name == "lexical":
        return PairSuggester
    if name == "semantic":
        from app.bank.generator import semantic

        semantic.weights_dir()  # refuses now, with the install hint, rather than halfway through a run
        from app.bank.generator.semantic_pairs import SemanticPairSuggester

        return SemanticPairSuggester
    raise ValueError(f"unknown suggester {name!r}; choose one of {', '.join(SUGGESTERS)}")


@dataclass(frozen=True)
class Choice:
    """The suggester that will run, and a note for the user when it is not the one asked for."""

    name: str
    note: str = ""


def choose(name: str = DEFAULT_SUGGESTER) -> Choice:
    """``name`` if it can run here; the lexical ranking with a note if the semantic one is not installed."""
    if name not in SUGGESTERS:
        raise ValueError(f"unknown suggester {name!r}; choose one of {', '.join(SUGGESTERS)}")
    if name == "semantic":
        from app.bank.generator import semantic

        reason = semantic.unavailable_reason()
        if reason:
            return Choice("lexical", FALLBACK_NOTE.format(reason=reason))
    return Choice(name)


def build_suggester(
    name: str,
    sentences_a: Sequence[str],
    sentences_b: Sequence[str],
    paragraphs_a: Sequence[str] | None = None,
    paragraphs_b: Sequence[str] | None = None,
    store: VectorStore | None = None,
) -> Any:
    """A suggester of the named kind; ``store`` (kept sentence vectors) matters to the semantic one only."""
    build = suggester_factory(name)
    if name == "semantic":
        return build(sentences_a, sentences_b, paragraphs_a, paragraphs_b, store=store)
    return build(sentences_a, sentences_b, paragraphs_a, paragraphs_b)
