"""Pure: the claim-pair suggesters by name, for `bank generate --suggester`.

Each takes (sentences_a, sentences_b, paragraphs_a, paragraphs_b) and answers ``suggest(sentence, k)`` with
``pairs.Suggestion`` items. The semantic one builds on the lexical one, so the choice between them lives
here, above both, and not in ``pairs``.
"""

from collections.abc import Callable
from typing import Any

from app.bank.generator.pairs import PairSuggester

SUGGESTERS = ("lexical", "semantic")


def suggester_factory(name: str) -> Callable[..., Any]:
    """The class `bank generate --suggester NAME` builds; "semantic" needs the optional extra."""
    if name == "lexical":
        return PairSuggester
    if name == "semantic":
        from app.bank.generator.semantic import SemanticPairSuggester

        return SemanticPairSuggester
    raise ValueError(f"unknown suggester {name!r}; choose one of {', '.join(SUGGESTERS)}")
