"""Every feature's models, imported in one place so that Alembic and ``create_all`` see them all."""

from app.bank.models import ClaimPair, Question, QuestionRevision
from app.sources.models import Footnote, Passage, Sentence, Source

__all__ = ["ClaimPair", "Footnote", "Passage", "Question", "QuestionRevision", "Sentence", "Source"]
