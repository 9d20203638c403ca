"""Pure: find a quote in its source, verbatim after collapsing whitespace, inside one passage.

This is the law every quote in the bank obeys; the validator, the loader and the editor all come here.
"""

from dataclasses import dataclass

from app.sources.documents import SourceDocument
from app.sources.parser import Passage, collapse_whitespace

# Typographic variants a person pasting from elsewhere often changes; each maps one character to one,
# so offsets in the normalised text are offsets in the original.
_LOOSE = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-"})


@dataclass(frozen=True)
class QuoteLocation:
    passage: Passage
    start: int  # offsets into passage.text
    end: int


class QuoteNotFound(ValueError):
    """The quote breaks the grounding rule; the message says how, for the person who wrote it."""

    def __init__(self, message: str, suggestion: str | None = None):
        super().__init__(message)
        self.suggestion = suggestion


class SourceIndex:
    """A source's collapsed text and passages, built once per check so every quote is a substring search."""

    def __init__(self, document: SourceDocument):
        self.document = document
        self.collapsed = collapse_whitespace(document.text)
        self._loose: str | None = None  # the collapsed text with typographic variants loosened, once

    @property
    def loose(self) -> str:
        if self._loose is None:
            self._loose = self.collapsed.translate(_LOOSE)
        return self._loose

    def locate(self, quote: str) -> QuoteLocation:
        """Where ``quote`` stands; raises ``QuoteNotFound`` saying why it is not grounded."""
        wanted = collapse_whitespace(quote)
        if not wanted:
            raise QuoteNotFound("the quote is empty")
        if wanted not in self.collapsed:
            exact = self.exact_words_for(wanted)
            if exact is not None:
                raise QuoteNotFound(
                    f"not verbatim in {self.document.meta.file}: quotes or dashes differ; "
                    f"the source reads {exact!r}",
                    suggestion=exact,
                )
            raise QuoteNotFound(f"not found verbatim in {self.document.meta.file}: {_shorten(wanted)!r}")
        for passage in self.document.parsed.passages:
            start = passage.text.find(wanted)
            if start >= 0:
                return QuoteLocation(passage, start, start + len(wanted))
        raise QuoteNotFound(
            f"found in {self.document.meta.file} but not inside one passage: a quote may not run across "
            f"a heading, from one paragraph into the next, or through footnote markup: {_shorten(wanted)!r}"
        )

    def holds_loosely(self, words: str) -> bool:
        """Whether the words stand anywhere in the source, quote marks and dashes loosened as in
        ``exact_words_for``: enough to tell which source a quote belongs to, not yet that it is grounded."""
        return collapse_whitespace(words).translate(_LOOSE) in self.loose

    def exact_words_for(self, pasted: str) -> str | None:
        """The source's own words for a quote that differs only in quote marks, dashes or spacing."""
        start = self.loose.find(collapse_whitespace(pasted).translate(_LOOSE))
        if start < 0:
            return None
        return self.collapsed[start : start + len(collapse_whitespace(pasted))]


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
