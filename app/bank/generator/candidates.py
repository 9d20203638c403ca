"""Pure: what the span finders hand to `find_spans`: answerable spans, and regions nothing may come from.

Each finder (dates, figures, numbers in words, people) proposes candidates on its own; `find_spans` keeps
the longest where they overlap, so a blocked region ("pp. 78-79", the "Kim" of "anti-Kim") stops a shorter
finder from offering a piece of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A piece of a sentence a learner could be asked to supply, with what it means and how it is written."""

    kind: str  # "year", "date", "number", "percentage", "person"
    text: str  # exactly as it stands in the sentence
    start: int  # offsets into the sentence, end exclusive
    end: int
    # year: int (a decade its first year, a range (first, last)); date: (year or None, month, day or None);
    # number: float (a range (low, high)); percentage: a fraction (75.1% -> 0.751); person: canonical name
    value: object
    granularity: str
    fmt: str  # how the text is written, so render_like can write another value the same way
    unit: str = ""  # the counted noun after a number ("tons", "years"), so distractors count the same thing


@dataclass
class Candidate:
    """A span one finder proposes, or (span None) a region it forbids, to be weighed against the others'."""

    length: int
    priority: int  # lower wins among equal lengths
    start: int
    end: int
    span: Span | None = field(compare=False, default=None)  # None: a region nothing may be taken from


def candidate(span: Span, priority: int) -> Candidate:
    return Candidate(span.end - span.start, priority, span.start, span.end, span)


def blocked(start: int, end: int) -> Candidate:
    """A region no span may overlap: it wins over every candidate of its length or shorter."""
    return Candidate(end - start, 0, start, end, None)
