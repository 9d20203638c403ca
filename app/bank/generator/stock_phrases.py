"""Pure: a blank that the texts' own wording fills ("hills occupied by the Mormons and ____" where the
report says "the Mormons and Indians" elsewhere too).

A reader completes such a phrase from the wording met in another passage, not from the claim (REVIEW.md
criteria 4 and 8: an answer given away, a phrase that completes itself). The phrases are counted once over
both texts: the three words around the blank, one of them besides the answer not a function word, that
stand elsewhere with the same answer make the blank answer itself.
"""

import re
from collections import Counter
from collections.abc import Iterable

from app.bank.generator.pairs import content_stems

STOCK_PHRASE_MIN = 1  # times the phrase stands elsewhere in the texts besides the blanked sentence
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def phrase_counts(sentences: Iterable[str]) -> Counter[tuple[str, ...]]:
    """How often each run of three words stands in the sentences (lower case)."""
    counts: Counter[tuple[str, ...]] = Counter()
    for sentence in sentences:
        words = _words(sentence)
        counts.update(zip(words, words[1:], words[2:], strict=False))
    return counts


def completes_stock_phrase(before: str, answer: str, after: str, counts: Counter[tuple[str, ...]]) -> bool:
    """Whether the two words before the blank and the answer's first word, or the answer's last word and
    the two words after it, stand elsewhere in the texts (``STOCK_PHRASE_MIN`` times besides this one)."""
    said, asked, follows = _words(before)[-2:], _words(answer), _words(after)[:2]
    if not asked:
        return False
    phrases = (tuple(said + asked[:1]), tuple(asked[-1:] + follows))
    return any(
        len(phrase) == 3
        and any(content_stems(w) for w in phrase if w not in asked)
        and counts[phrase] - 1 >= STOCK_PHRASE_MIN
        for phrase in phrases
    )
