"""Find a quote among a source's stored passages, so a page can show it highlighted in its paragraph."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.sources.models import Passage
from app.sources.parser import collapse_whitespace


@dataclass(frozen=True)
class Highlight:
    passage: Passage
    before: str
    quote: str
    after: str


def find_quote(session: Session, source_id: str, quote: str) -> Highlight | None:
    """The passage holding ``quote`` split around it; None if the stored text no longer holds it."""
    wanted = collapse_whitespace(quote)
    # LIKE narrows the search to a passage or two (it ignores ASCII case); the exact match is checked below.
    candidates = session.scalars(
        select(Passage)
        .where(Passage.source_id == source_id, Passage.text.contains(wanted, autoescape=True))
        .order_by(Passage.ordinal)
        .options(selectinload(Passage.footnotes))
    )
    for passage in candidates:
        start = passage.text.find(wanted)
        if start >= 0:
            end = start + len(wanted)
            return Highlight(passage, passage.text[:start], passage.text[start:end], passage.text[end:])
    return None
