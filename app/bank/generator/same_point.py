"""Pure: whether two sentences of different sources speak to one point, not merely to one topic.

Two accounts of one history share names and the words of their subject ("war", "people") everywhere, so
shared words count only by their rarity across both texts: an explanation quotes the other source as
speaking to a claim only when the two sentences share enough rare claim words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from app.bank.generator.pairs import content_stems

# Shared claim words, each weighed by its rarity, that put two sentences on one point. Three words used
# in one sentence in twenty reach it; two words used everywhere ("war", "people") do not.
SAME_POINT_WEIGHT = 8.0
UNKNOWN_RARITY = 3.0  # a word's weight when the texts' rarities are not given


def shares_point(first: str, second: str, rarity: dict[str, float] | None = None) -> bool:
    """Two sentences are on one point when they share rare claim words, not merely names, function words
    or the words the texts use everywhere ("war", "people"): each shared word weighs its rarity."""
    shared = _claim_words(first) & _claim_words(second)
    return sum((rarity or {}).get(word, UNKNOWN_RARITY) for word in shared) >= SAME_POINT_WEIGHT


def word_rarity(sentences: Sequence[str]) -> dict[str, float]:
    """How rare each claim word is across the sentences of both texts (the log of its inverse share)."""
    counts = Counter(stem for text in sentences for stem in _claim_words(text))
    return {stem: math.log(len(sentences) / n) for stem, n in counts.items()}


def _claim_words(text: str) -> set[str]:
    lower = " ".join(w for w in re.findall(r"[A-Za-z’'-]+", text) if w.islower())
    return content_stems(lower)
