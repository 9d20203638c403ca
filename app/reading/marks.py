"""Mark claims inside a passage's text, where the quotes of several claim pairs may overlap or coincide.

A passage is plain text and a claim is a (start, end, label) span over it. HTML cannot hold overlapping
elements, so the text is cut at every span boundary into segments that each know which claims cover them,
which claims open there (the element that carries a claim's id) and which close there (where a link to the
claim's counterpart goes). Templates render segments as text, so escaping stays with Jinja. Pure: no
Flask, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from app.sources.parser import collapse_whitespace


@dataclass(frozen=True, order=True)
class Span:
    """A claim's place in a passage; ``end`` is exclusive and ``label`` names the claim to the caller."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same claims throughout; all label tuples keep the spans' order."""

    text: str
    covered_by: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()
    closes: tuple[str, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.covered_by)


@dataclass(frozen=True)
class ClaimMark:
    """What a page needs to draw one side of a claim pair and link it to the other side."""

    dom_id: str
    relation: str
    counterpart_href: str
    counterpart_title: str
    focus: bool = False


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` first lies in ``text``, matched after whitespace collapse as the bank validates it."""
    wanted = collapse_whitespace(quote)
    if not wanted:
        return None
    start = text.find(wanted)
    return None if start < 0 else (start, start + len(wanted))


def place_quotes(
    passages: Sequence[tuple[str, str]], quotes: Iterable[tuple[str, str]]
) -> dict[str, list[Span]]:
    """Spans per passage id for each (label, quote), at the quote's first place in reading order.

    Only the first place counts so that each claim is marked once and its id stays unique on a page;
    a quote found nowhere (its source changed since the bank was checked) is left out.
    """
    spans: dict[str, list[Span]] = {}
    for label, quote in quotes:
        for passage_id, text in passages:
            found = locate(text, quote)
            if found:
                spans.setdefault(passage_id, []).append(Span(*found, label))
                break
    return spans


def segment(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary; joining the segments' text gives ``text`` back unchanged.

    Spans are ordered by start, longer first, so that an enclosing claim is named before the claims
    inside it. Empty spans mark nothing and are dropped; a span outside the text is a caller's bug.
    """
    ordered = sorted(
        (span for span in spans if span.start < span.end), key=lambda s: (s.start, -s.end, s.label)
    )
    for span in ordered:
        if span.start < 0 or span.end > len(text):
            raise ValueError(f"span {span} lies outside a text of {len(text)} characters")
    cuts = sorted({0, len(text)} | {s.start for s in ordered} | {s.end for s in ordered})
    segments = []
    for lo, hi in pairwise(cuts):
        segments.append(
            Segment(
                text=text[lo:hi],
                covered_by=tuple(s.label for s in ordered if s.start <= lo and hi <= s.end),
                opens=tuple(s.label for s in ordered if s.start == lo),
                closes=tuple(s.label for s in ordered if s.end == hi),
            )
        )
    return segments
