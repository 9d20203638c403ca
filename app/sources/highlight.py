"""Find a quote among a source's stored passages, so a page can show it highlighted in its paragraph."""

from dataclasses import dataclass

from sqlalchemy import or_, select
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
    return find_quotes(session, [(source_id, quote)])[0]


def find_quotes(session: Session, quotes: list[tuple[str, str]]) -> list[Highlight | None]:
    """``find_quote`` for several (source, quote) at once: one query for their passages, one for the
    passages' footnotes, however many quotes (a feedback page shows two)."""
    wanted = [(source_id, collapse_whitespace(quote)) for source_id, quote in quotes]
    if not wanted:
        return []
    # LIKE narrows the search to a passage or two (it ignores ASCII case); the exact match is checked below.
    candidates = list(
        session.scalars(
            select(Passage)
            .where(
                or_(
                    *(
                        (Passage.source_id == source_id) & Passage.text.contains(text, autoescape=True)
                        for source_id, text in wanted
                    )
                )
            )
            .order_by(Passage.source_id, Passage.ordinal)
            .options(selectinload(Passage.footnotes))
        )
    )
    return [_first_holding(candidates, source_id, text) for source_id, text in wanted]


def _first_holding(passages: list[Passage], source_id: str, wanted: str) -> Highlight | None:
    for passage in passages:
        start = passage.text.find(wanted) if passage.source_id == source_id else -1
        if start >= 0:
            end = start + len(wanted)
            return Highlight(passage, passage.text[:start], passage.text[start:end], passage.text[end:])
    return None
