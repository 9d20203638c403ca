"""Read-only views of the sources: each in full, or both side by side, with every published claim marked."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.bank.models import ClaimPair
from app.bank.visibility import may_see, sources_for
from app.extensions import db
from app.reading.marks import ClaimMark, Segment, Span, locate, place_quotes, segment
from app.sources.models import Passage, Source

bp = Blueprint("sources", __name__)  # the name templates know: sources.read, sources.compare

PUBLISHED = "published"
SIDES = ("a", "b")
NO_SUCH_PAIR = "There is no published claim pair with that id."


@dataclass(frozen=True)
class PairSide:
    """One side of the focused pair as the pair panel shows it: the quote in its paragraph."""

    source: Source
    quote: str
    passage: Passage | None
    segments: list[Segment]


def _side(pair: ClaimPair, side: str) -> tuple[str, str]:
    return (pair.a_source_id, pair.a_quote) if side == "a" else (pair.b_source_id, pair.b_quote)


def _other(side: str) -> str:
    return "b" if side == "a" else "a"


def _passages(source_ids: Sequence[str]) -> dict[str, list[Passage]]:
    passages = db.session.scalars(
        select(Passage)
        .where(Passage.source_id.in_(source_ids))
        .order_by(Passage.source_id, Passage.ordinal)
        .options(selectinload(Passage.footnotes))
    ).all()
    by_source: dict[str, list[Passage]] = {source_id: [] for source_id in source_ids}
    for passage in passages:
        by_source[passage.source_id].append(passage)
    return by_source


def _sections(passages: list[Passage]) -> list[tuple[str | None, list[Passage]]]:
    return [(heading, list(group)) for heading, group in groupby(passages, key=lambda p: p.heading)]


def _published_pairs() -> list[ClaimPair]:
    return list(
        db.session.scalars(select(ClaimPair).where(ClaimPair.status == PUBLISHED).order_by(ClaimPair.id))
    )


def _claim_marks(
    passages: dict[str, list[Passage]],
    pairs: list[ClaimPair],
    titles: dict[str, str],
    counterpart_href: Callable[[ClaimPair, str], str],
    focus_pair_id: str | None = None,
) -> tuple[dict[str, list[Segment]], dict[str, ClaimMark]]:
    """Segments of every passage in ``passages`` with each pair's quote marked, and what each mark links to.

    A label ``<pair>-<side>`` names one side of a pair; ``counterpart_href(pair, side)`` is where the mark
    of the *other* side is.
    """
    claims: dict[str, ClaimMark] = {}
    quotes: dict[str, list[tuple[str, str]]] = {source_id: [] for source_id in passages}
    for pair in pairs:
        for side in SIDES:
            source_id, quote = _side(pair, side)
            other_source_id, _ = _side(pair, _other(side))
            if source_id not in passages or other_source_id not in titles:
                continue
            if source_id == pair.silent_source_id:
                continue  # a silence has no words to mark; the speaking side links to the pair instead
            label = f"{pair.id}-{side}"
            quotes[source_id].append((label, quote))
            silence = other_source_id == pair.silent_source_id
            claims[label] = ClaimMark(
                dom_id=f"claim-{label}",
                relation=pair.relation,
                counterpart_href=url_for("sources.compare", pair=pair.id, _anchor="pair-heading")
                if silence
                else counterpart_href(pair, _other(side)),
                counterpart_title=titles[other_source_id],
                focus=pair.id == focus_pair_id,
            )
    segments: dict[str, list[Segment]] = {}
    for source_id, source_passages in passages.items():
        spans = place_quotes([(p.id, p.text) for p in source_passages], quotes[source_id])
        for passage in source_passages:
            segments[passage.id] = segment(passage.text, spans.get(passage.id, ()))
    return segments, claims


def _pair_side(pair: ClaimPair, side: str, source: Source, passages: list[Passage]) -> PairSide:
    _, quote = _side(pair, side)
    for passage in passages:
        found = locate(passage.text, quote)
        if found:
            return PairSide(source, quote, passage, segment(passage.text, [Span(*found, side)]))
    return PairSide(source, quote, None, [])


@bp.get("/sources/<source_id>")
def read(source_id: str) -> str:
    source = db.session.get(Source, source_id)
    if source is None or not may_see(db.session, current_user, source_id):  # unpublished uploads stay unseen
        abort(404, description="There is no source with that id.")
    passages = _passages([source.id])
    everyone = sources_for(db.session, current_user)
    segments, claims = _claim_marks(
        passages,
        _published_pairs(),
        {s.id: s.title for s in everyone},
        lambda pair, side: url_for("sources.compare", pair=pair.id, _anchor=f"claim-{pair.id}-{side}"),
    )
    return render_template(
        "sources/read.html",
        source=source,
        sections=_sections(passages[source.id]),
        others=[s for s in everyone if s.id != source.id],
        segments=segments,
        claims=claims,
    )


@bp.get("/read")
def compare() -> str:
    """Both sources side by side; ``?pair=<id>`` puts one published claim pair in front and in focus."""
    pair_id = request.args.get("pair")
    pair = None
    if pair_id is not None:
        pair = db.session.get(ClaimPair, pair_id)
        if pair is None or pair.status != PUBLISHED:
            abort(404, description=NO_SUCH_PAIR)
    sources = sources_for(db.session, current_user)[:2]
    if len(sources) < 2:
        return render_template("sources/compare.html", sources=sources, columns=[], pair=None, pair_sides=[])

    passages = _passages([s.id for s in sources])
    segments, claims = _claim_marks(
        passages,
        _published_pairs(),
        {s.id: s.title for s in sources},
        lambda pair, side: f"#claim-{pair.id}-{side}",
        focus_pair_id=pair.id if pair else None,
    )
    pair_sides: list[PairSide] = []
    if pair is not None:
        side_of = {_side(pair, side)[0]: side for side in SIDES}
        pair_sides = [_pair_side(pair, side_of[s.id], s, passages[s.id]) for s in sources if s.id in side_of]
    focused = {side.passage.id for side in pair_sides if side.passage is not None}
    columns = [(s, _sections(passages[s.id])) for s in sources]
    return render_template(
        "sources/compare.html",
        sources=sources,
        columns=columns,
        segments=segments,
        claims=claims,
        pair=pair,
        pair_sides=pair_sides,
        focused=focused,
    )
