"""The home page: what Counterpoint is, and the two sources to start from."""

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import func, select

from app.bank.models import ClaimPair, Question
from app.bank.visibility import sources_for
from app.extensions import db
from app.sources.models import Footnote, Passage

bp = Blueprint("main", __name__)


@bp.get("/")
def home() -> str:
    sources = sources_for(db.session, current_user)
    passage_counts = dict(
        db.session.execute(select(Passage.source_id, func.count()).group_by(Passage.source_id)).all()
    )
    footnote_counts = dict(
        db.session.execute(select(Footnote.source_id, func.count()).group_by(Footnote.source_id)).all()
    )
    published_questions = db.session.scalar(
        select(func.count()).select_from(Question).where(Question.status == "published")
    )
    published_pairs = db.session.scalar(
        select(func.count()).select_from(ClaimPair).where(ClaimPair.status == "published")
    )
    return render_template(
        "main/home.html",
        sources=sources,
        passage_counts=passage_counts,
        footnote_counts=footnote_counts,
        published_questions=published_questions,
        published_pairs=published_pairs,
    )
