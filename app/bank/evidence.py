"""Pure: the evidence after an answer, as the feedback page and every export format show it.

A question rests on a quote of one source; its claim pair's other side faces it: the other source's
contrasting claim, or that source's recorded silence on the point. This module holds what the learner's
feedback page and the exporters share about that evidence: how a source is named, how much of the paragraph
around a quote is shown, which side of a pair faces a question, and the words for a silence. It returns plain
data; the callers add their own markup.
"""

from dataclasses import dataclass
from typing import NamedTuple

# How much of the paragraph before and after a quote is shown, in characters (cut at a word).
CONTEXT_CHARS = 420
# "Which source says this?" answers that name no single source.
ATTRIBUTION_LABELS = {"both": "Both sources", "neither": "Neither source"}
# What the exports say for a source recorded as silent, before the rationale that explains the silence.
SILENCE_WORDS = "Silent: it says nothing on this point. Why that silence matters:"


def source_label(short_name: str) -> str:
    """'The DPRK publication', 'Weathersby': how options, verdicts and lists name a source."""
    return short_name[:1].upper() + short_name[1:]


def excerpt_before(text: str, limit: int = CONTEXT_CHARS) -> str:
    """The end of the paragraph before a quote, cut at a word near ``limit`` (stays readable)."""
    if len(text) <= limit:
        return text
    cut = text[-limit:]
    return "… " + cut[cut.find(" ") + 1 :]


def excerpt_after(text: str, limit: int = CONTEXT_CHARS) -> str:
    """The start of the paragraph after a quote, cut at a word near ``limit``."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")] + " …"


class Side(NamedTuple):
    """One side of a claim pair: a source and its words, or no words for a source recorded as silent."""

    source_id: str
    quote: str

    @property
    def silent(self) -> bool:
        return not self.quote


def facing_side(sides: tuple[Side, Side], source_id: str) -> Side | None:
    """The side facing a question that rests on ``source_id``: the other one (None if neither side is)."""
    first, second = sides
    if first.source_id == source_id:
        return second
    if second.source_id == source_id:
        return first
    return None


@dataclass(frozen=True)
class OtherSource:
    """The other source as a text export cites it after the passage: its claim, or its silence."""

    title: str
    relation: str
    quote: str  # empty for a silence

    @property
    def silent(self) -> bool:
        return not self.quote

    @property
    def cited(self) -> str:
        """'Kim Il Sung and His Spirit of Independence' for a silence, else the title and the relation."""
        return self.title if self.silent else f"{self.title}, {self.relation}"
