"""Assignments: a teacher gives a class a fixed set of questions to answer, optionally by a date."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import Classroom, User
from app.db import utc_now
from app.extensions import db


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
