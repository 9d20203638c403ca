"""Read-only views of the sources: every passage, under its heading, with the footnotes it cites."""

from itertools import groupby

from flask import Blueprint, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.sources.models import Passage, Source

bp = Blueprint("sources", __name__, url_prefix="/sources")


@bp.get("/<source_id>")
def read(source_id: str) -> str:
    source = db.get_or_404(Source, source_id, description="There is no source with that id.")
    passages = db.session.scalars(
        select(Passage)
        .where(Passage.source_id == source.id)
        .order_by(Passage.ordinal)
        .options(selectinload(Passage.footnotes))
    ).all()
    sections = [(heading, list(group)) for heading, group in groupby(passages, key=lambda p: p.heading)]
    others = db.session.scalars(select(Source).where(Source.id != source.id).order_by(Source.position)).all()
    return render_template("sources/read.html", source=source, sections=sections, others=others)
