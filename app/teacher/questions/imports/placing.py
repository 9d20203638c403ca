"""Pure: which source an imported question belongs to, told by the words it quotes.

A GIFT file names no source, and a teacher's file may hold questions on both texts. The words a question
quotes (its support quote, else the words in double quotation marks in its prompt) are looked for in every
source; when exactly one source holds them, that source is offered first. When none or both do, nothing is
guessed: the teacher chooses in the preview.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from app.bank.grounding import SourceIndex
from app.sources.parser import collapse_whitespace

# Words in double quotation marks, straight or curly; single marks are left out, they are also apostrophes.
_QUOTED = re.compile(r"[\"“”«]([^\"“”«»]{3,}?)[\"“”»]")


@dataclass(frozen=True)
class Placement:
    """The source a question is placed in (``""`` while undecided), and what decided it."""

    source: str
    found_in: tuple[str, ...]  # the sources holding the question's quoted words
    searched: str  # the words looked for; empty when the question quotes nothing
    by: str  # "file", "teacher", "quote", "form" or "" (undecided)


UNDECIDED = Placement("", (), "", "")


def quoted_words(quote: str, prompt: str) -> tuple[str, ...]:
    """What a question quotes: its support quote, else the phrases its prompt puts in quotation marks."""
    if quote.strip():
        return (collapse_whitespace(quote),)
    phrases = (collapse_whitespace(match.strip(" ,.;:")) for match in _QUOTED.findall(prompt))
    return tuple(phrase for phrase in phrases if phrase)


def sources_holding(indexes: Mapping[str, SourceIndex], phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The sources that hold every phrase, verbatim after whitespace collapse (quote marks and dashes
    loosened, as grounding replaces them by the source's own)."""
    if not phrases:
        return ()
    return tuple(source for source, index in indexes.items() if all(index.holds_loosely(p) for p in phrases))


def place(
    indexes: Mapping[str, SourceIndex],
    quote: str,
    prompt: str,
    *,
    from_file: str = "",
    chosen: str = "",
    form_default: str = "",
) -> Placement:
    """The source of one question: the file's, else the teacher's choice in the preview, else the one
    source holding its quoted words, else the source chosen for the whole file on the upload form."""
    if from_file:  # the file's word is final; its quote is grounded there or refused
        return Placement(from_file, (), "", "file")
    phrases = quoted_words(quote, prompt)
    found_in = sources_holding(indexes, phrases)
    searched = " … ".join(phrases)
    if chosen:
        return Placement(chosen, found_in, searched, "teacher")
    if len(found_in) == 1:
        return Placement(found_in[0], found_in, searched, "quote")
    if form_default:
        return Placement(form_default, found_in, searched, "form")
    return Placement("", found_in, searched, "")
