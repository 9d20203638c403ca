"""Every feature's models, imported in one place so that Alembic and ``create_all`` see them all."""

from app.auth.models import Classroom, Enrollment, User
from app.bank.models import ClaimPair, Question, QuestionRevision
from app.bank.version import BankVersion
from app.learner.models import Assignment, Attempt, Presentation, QuizSession, ReviewLog
from app.sources.models import Footnote, Passage, Sentence, SentenceVector, Source

__all__ = [
    "Assignment", "Attempt", "BankVersion", "ClaimPair", "Classroom", "Enrollment", "Footnote", "Passage",
    "Presentation", "Question", "QuestionRevision", "QuizSession", "ReviewLog", "Sentence", "SentenceVector",
    "Source",
    "User",
]  # fmt: skip
