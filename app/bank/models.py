"""The bank as the app stores it: claim pairs, questions, and the append-only revisions learners answer."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.bank.content import PAIR_FIELDS, QUESTION_FIELDS
from app.bank.evidence import Side, facing_side
from app.bank.schema import SILENT
from app.bank.versioning import RevisionMixin, VersionedMixin
from app.db import utc_now
from app.extensions import db


class ClaimPair(VersionedMixin, db.Model):
    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    a_source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    a_quote: Mapped[str] = mapped_column(Text)
    b_source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    b_quote: Mapped[str] = mapped_column(Text)
    relation: Mapped[str] = mapped_column(String(20))
    rationale: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20), index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    revisions: Mapped[list["ClaimPairRevision"]] = relationship(
        back_populates="claim_pair", order_by="ClaimPairRevision.number"
    )

    @property
    def silent_source_id(self) -> str | None:
        """The source recorded as saying nothing on the point (its side has no words), if any."""
        if self.relation != SILENT:
            return None
        return self.a_source_id if not self.a_quote else self.b_source_id if not self.b_quote else None

    @property
    def sides(self) -> tuple[Side, Side]:
        """The pair's two (source, quote) sides, as ``app.bank.evidence`` reads them."""
        return Side(self.a_source_id, self.a_quote), Side(self.b_source_id, self.b_quote)

    def side_in(self, source_id: str) -> Side | None:
        """The (source, quote) side of this pair in ``source_id``, if it has one."""
        return next((side for side in self.sides if side.source_id == source_id), None)

    def side_not_in(self, source_id: str) -> Side | None:
        """The other side: the contrast a learner sees after answering from ``source_id``."""
        return facing_side(self.sides, source_id)

    def current_content(self) -> dict[str, Any]:
        """A pair keeps its current content on its own row; each revision is a snapshot of it."""
        return {name: getattr(self, name) for name in PAIR_FIELDS}

    def _record(self, number: int, author: str, reason: str, content: dict[str, Any]) -> "ClaimPairRevision":
        for name, value in content.items():
            setattr(self, name, value)
        return ClaimPairRevision(
            claim_pair=self, number=number, author=author, reason=reason, **self.current_content()
        )


class Question(VersionedMixin, db.Model):
    """A question's identity and status; its content lives in its revisions."""

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    current_revision_number: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    revisions: Mapped[list["QuestionRevision"]] = relationship(
        back_populates="question", order_by="QuestionRevision.number"
    )

    @property
    def current_revision(self) -> "QuestionRevision":
        return next(r for r in self.revisions if r.number == self.current_revision_number)

    def current_content(self) -> dict[str, Any]:
        """A question's content lives in its revisions: the current one is what learners see."""
        return self.current_revision.content() if self.revisions else {}

    def _record(self, number: int, author: str, reason: str, content: dict[str, Any]) -> "QuestionRevision":
        revision = QuestionRevision(question=self, number=number, author=author, reason=reason, **content)
        self.current_revision_number = number
        return revision


class QuestionRevision(RevisionMixin, db.Model):
    """Append-only: a learner's attempt points at the exact revision shown, whatever is edited later."""

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("question.id"), index=True)
    number: Mapped[int]
    type: Mapped[str] = mapped_column(String(32))
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str] | None] = mapped_column(JSON)
    answer: Mapped[Any] = mapped_column(JSON)
    accepted_answers: Mapped[list[str]] = mapped_column(JSON, default=list)
    explanation: Mapped[str] = mapped_column(Text)
    support_source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    support_quote: Mapped[str] = mapped_column(Text)
    claim_pair_id: Mapped[str | None] = mapped_column(ForeignKey("claim_pair.id"), index=True)
    section: Mapped[str | None] = mapped_column(String(255))
    skill: Mapped[str] = mapped_column(String(32))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    origin: Mapped[str] = mapped_column(String(20))

    question: Mapped[Question] = relationship(back_populates="revisions")
    claim_pair: Mapped[ClaimPair | None] = relationship()

    __table_args__ = (UniqueConstraint("question_id", "number"),)

    # The fields a learner's experience depends on (app.bank.content).
    CONTENT_FIELDS = QUESTION_FIELDS


class ClaimPairRevision(RevisionMixin, db.Model):
    """Append-only history of a claim pair: every save and every load that changes a pair adds one."""

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_pair_id: Mapped[str] = mapped_column(ForeignKey("claim_pair.id"), index=True)
    number: Mapped[int]
    a_source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    a_quote: Mapped[str] = mapped_column(Text)
    b_source_id: Mapped[str] = mapped_column(ForeignKey("source.id"))
    b_quote: Mapped[str] = mapped_column(Text)
    relation: Mapped[str] = mapped_column(String(20))
    rationale: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(20))

    claim_pair: Mapped[ClaimPair] = relationship(back_populates="revisions")

    __table_args__ = (UniqueConstraint("claim_pair_id", "number"),)

    # The pair's fields, its status included, as this revision saved them (app.bank.content).
    CONTENT_FIELDS = PAIR_FIELDS


# A question joined with the revision learners see now: every "current bank" query uses this one condition.
CURRENT_REVISION = (QuestionRevision.question_id == Question.id) & (
    QuestionRevision.number == Question.current_revision_number
)
