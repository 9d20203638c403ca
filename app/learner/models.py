"""What a learner did: every question shown, every answer, every flashcard review. Never deleted."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import Classroom, User
from app.bank.models import QuestionRevision
from app.db import utc_now
from app.extensions import db


class QuizSession(db.Model):
    """A quiz with an end: a planned number of questions, chosen by filters or fixed by ``question_ids``.

    A fixed plan (a list of question ids, in order) is how "practise my mistakes" replays the questions
    answered wrongly, and how a set of questions given by a teacher can be started later. Its answers are
    ordinary attempts on its presentations, so leaving a session unfinished loses nothing.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    question_ids: Mapped[list[str] | None] = mapped_column(JSON)
    planned_size: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Presentation(db.Model):
    """One showing of one question revision to one learner, with the choice order they saw.

    Its one-time token makes a double-click, a refresh or a replay count once, and pins grading to the
    revision shown even if a teacher edits the question meanwhile.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("question_revision.id"), index=True)
    choice_order: Mapped[list[str] | None] = mapped_column(JSON)
    mode: Mapped[str] = mapped_column(String(10), default="quiz")  # "quiz" or "card"
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # The quiz session it was shown in and its place there (1 for the first question); none outside one.
    # One presentation per place, so that a double-click on "Next" cannot show two questions as the same one.
    quiz_session_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_session.id"))
    session_position: Mapped[int | None]

    # A unique index rather than a table constraint: SQLite can add it to a table that attempts and
    # reviews point at without copying the table (a copy would trip their foreign keys on upgrade).
    __table_args__ = (
        Index("uq_presentation_quiz_session_id", "quiz_session_id", "session_position", unique=True),
    )

    revision: Mapped[QuestionRevision] = relationship()
    quiz_session: Mapped[QuizSession | None] = relationship()
    attempt: Mapped["Attempt | None"] = relationship(back_populates="presentation")


class Attempt(db.Model):
    """A graded answer: unique per presentation, so a replay cannot count twice."""

    id: Mapped[int] = mapped_column(primary_key=True)
    presentation_id: Mapped[int] = mapped_column(ForeignKey("presentation.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("question_revision.id"))
    response: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool]
    error_kind: Mapped[str | None] = mapped_column(String(20))  # "wrong" or "attribution"
    time_taken_ms: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)

    presentation: Mapped[Presentation] = relationship(back_populates="attempt")
    revision: Mapped[QuestionRevision] = relationship()


class ReviewLog(db.Model):
    """An append-only flashcard review; a card's schedule is replayed from these, never stored apart."""

    id: Mapped[int] = mapped_column(primary_key=True)
    presentation_id: Mapped[int] = mapped_column(ForeignKey("presentation.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("question_revision.id"))
    rating: Mapped[int]  # 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    duration_ms: Mapped[int | None]


class Assignment(db.Model):
    """The question ids are fixed when the assignment is set, so every learner of the class answers the
    same questions; results count only answers given after ``created_at`` (and before ``closed_at``).

    ``selection`` records how the questions were chosen (source, section, kind or hand-picked, and how
    many), for the teacher's page to say so.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    question_ids: Mapped[list[str]] = mapped_column(JSON)
    selection: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    due_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    classroom: Mapped[Classroom] = relationship()
    created_by: Mapped[User] = relationship()

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None
