"""Pure: paragraphs that frame a text rather than claim anything about the past.

A lone section word ("INTRODUCTION."), a title line ("The Mountain Meadows Massacre."), a signature
("CHARLES W. PENROSE."), a dateline ("Camp at Mountain Meadows, Utah Territory, May 25, 1859.") and a note
sending the reader elsewhere ("* For refutation see my Address…") say where, when and by whom a text was
written: asked "which source says this?" about one, a learner is asked about the page, not the past. A
letter's salutation ("MAJOR: When I left…") is cut from the claim it opens.
"""

from __future__ import annotations

import re
from dataclasses import replace

from app.sources.parser import Sentence
from app.sources.turns import salutation

FRAME_WORDS = 12  # a heading, a signature or a dateline is short; a paragraph this long says something
# Words a place or a title joins its capitalised words with: "Camp at Mountain Meadows", "Report of the …".
_JOINING_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "near", "of", "on", "the", "to"}
)
# "* For refutation see my …", "† Cf. the Report …": a note that points to another text.
_REFERENCE_NOTE = re.compile(r"^[*†‡]+\s*(?:\S+\s+){0,3}?(?:see|cf\.|compare|vide)\s", re.IGNORECASE)
_PUNCTUATION = ".,;:()[]“”\"'‘’!?-–—"


def frames(paragraph: str) -> bool:
    """Whether a whole paragraph is a heading, a title, a signature, a dateline or a reference note:
    a short paragraph whose every word is capitalised, a figure or a joining word, or a note opening
    on a note mark that sends the reader to another text."""
    if _REFERENCE_NOTE.match(paragraph):
        return True
    words = paragraph.split()
    return 0 < len(words) <= FRAME_WORDS and all(_heading_word(word) for word in words)


def without_salutation(sentence: Sentence) -> Sentence:
    """The sentence without a salutation opening it ("MAJOR: When I left…" -> "When I left…")."""
    cut = salutation(sentence.text)
    return replace(sentence, start=sentence.start + cut, text=sentence.text[cut:]) if cut else sentence


def _heading_word(word: str) -> bool:
    core = word.strip(_PUNCTUATION)
    return not core or core[0].isupper() or core[0].isdigit() or core.lower() in _JOINING_WORDS
