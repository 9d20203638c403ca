"""Which of a passage's sentences the picker may offer: those that are themselves grounded quotes.

A passage's text has footnote markup blanked out, so a sentence running through a marker (Weathersby's
"Although Stalin had sharply limited …, [footnoteRef:25] Kim Il Sung now boldly declared …") reads in the
picker as words the source does not hold, and the validator would refuse it on save. The claim map's shelf
offers only sentences found in the source's collapsed text; the picker applies the same test here, against
that text kept per source version, so a window never parses the source again.
"""

import threading
from pathlib import Path

from app.sources.models import Source
from app.sources.parser import collapse_whitespace
from app.sources.stored import SourceUnavailable, source_document

_KEPT = 4  # a school has two or three sources; a few versions of each fit
_words: dict[tuple[str, str], str] = {}
_lock = threading.Lock()


def source_words(source: Source, bank_dir: Path) -> str | None:
    """The source's text with whitespace collapsed, as the grounding law reads it; None when unreadable.

    Kept by (id, sha256): a changed text is a new key, so nothing stale is ever read."""
    key = (source.id, source.sha256)
    with _lock:
        if key in _words:
            return _words[key]
    try:
        text = source.text if source.text is not None else source_document(source, bank_dir).text
    except SourceUnavailable:
        return None
    collapsed = collapse_whitespace(text)
    with _lock:
        while len(_words) >= _KEPT:
            _words.pop(next(iter(_words)))
        _words[key] = collapsed
    return collapsed


class VerbatimSentences:
    """Tells whether each sentence, asked in reading order, stands verbatim in the source's words.

    Each is looked for from where the last was found, so a window of sentences costs one pass over the
    text near them; only a miss searches the whole text (a sentence quoted earlier too is still found)."""

    def __init__(self, words: str | None):
        self.words = words
        self.at = 0

    def __call__(self, sentence: str) -> bool:
        if self.words is None:
            return True  # the text cannot be read: offer every sentence, the save still checks it
        found = self.words.find(sentence, self.at)
        if found < 0:
            found = self.words.find(sentence)
        if found < 0:
            return False
        self.at = found
        return True
