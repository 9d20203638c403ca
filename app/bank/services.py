"""Writes for the bank: sync the files into the database in one transaction, never losing history."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank.models import ClaimPair, Question, QuestionRevision
from app.bank.schema import ClaimPairSpec, Issue, QuestionSpec
from app.bank.validator import errors_in, validate_bank
from app.bank.yamlio import read_bank
from app.sources.services import sync_source

RETIRED = "retired"


class BankInvalid(Exception):
    """The files break a rule; nothing was written. ``issues`` lists every problem."""

    def __init__(self, issues: list[Issue]):
        super().__init__(f"{len(errors_in(issues))} problem(s) in the bank; nothing was loaded")
        self.issues = issues


@dataclass
class LoadReport:
    sources_changed: int = 0
    pairs: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "retired": 0})
    questions: dict[str, int] = field(default_factory=lambda: {"created": 0, "revised": 0, "retired": 0})
    warnings: list[Issue] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.sources_changed or any(self.pairs.values()) or any(self.questions.values()))


def load_bank(session: Session, root: Path, author: str = "bank load") -> LoadReport:
    """Upsert sources, claim pairs and questions from ``root``; retire what disappeared; commit once.

    Raises ``BankInvalid`` before writing anything if the validator finds an error, and rolls back if
    anything fails while writing, so a half-loaded bank never reaches learners.
    """
    bank, issues = read_bank(root)
    issues += validate_bank(bank)
    if errors_in(issues):
        raise BankInvalid(issues)
    report = LoadReport(warnings=issues)
    try:
        for position, document in enumerate(bank.sources):
            report.sources_changed += sync_source(session, document, position)
        session.flush()
        _sync_claim_pairs(session, bank.claim_pairs, report)
        session.flush()
        _sync_questions(session, bank.questions, author, report)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return report


def _sync_claim_pairs(session: Session, specs: tuple[ClaimPairSpec, ...], report: LoadReport) -> None:
    existing = {pair.id: pair for pair in session.scalars(select(ClaimPair))}
    for spec in specs:
        values = {
            "a_source_id": spec.a.source, "a_quote": spec.a.quote, "b_source_id": spec.b.source,
            "b_quote": spec.b.quote, "relation": spec.relation, "rationale": spec.rationale,
            "topic": spec.topic, "status": spec.status,
        }  # fmt: skip
        pair = existing.pop(spec.id, None)
        if pair is None:
            session.add(ClaimPair(id=spec.id, **values))
            report.pairs["created"] += 1
        elif any(getattr(pair, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(pair, k, v)
            pair.updated_at = datetime.now(UTC)
            report.pairs["updated"] += 1
    for pair in existing.values():
        if pair.status != RETIRED:
            pair.status = RETIRED
            pair.updated_at = datetime.now(UTC)
            report.pairs["retired"] += 1


def revision_content(spec: QuestionSpec) -> dict[str, Any]:
    """A question's content in the shape ``QuestionRevision.content()`` returns, for comparison."""
    return {
        "type": spec.type,
        "prompt": spec.prompt,
        "choices": list(spec.choices) if spec.choices is not None else None,
        "answer": spec.answer,
        "accepted_answers": list(spec.accepted_answers),
        "explanation": spec.explanation,
        "support_source_id": spec.support.source,
        "support_quote": spec.support.quote,
        "claim_pair_id": spec.claim_pair,
        "section": spec.section,
        "skill": spec.skill,
        "tags": list(spec.tags),
        "origin": spec.origin,
    }


def _sync_questions(
    session: Session, specs: tuple[QuestionSpec, ...], author: str, report: LoadReport
) -> None:
    existing = {q.id: q for q in session.scalars(select(Question))}
    now = datetime.now(UTC)
    for spec in specs:
        content = revision_content(spec)
        question = existing.pop(spec.id, None)
        if question is None:
            question = Question(id=spec.id, status=spec.status, current_revision_number=1)
            session.add(question)
            session.add(
                QuestionRevision(question=question, number=1, author=author, reason="created", **content)
            )
            report.questions["created"] += 1
            continue
        revised = question.current_revision.content() != content
        if revised:
            number = max(r.number for r in question.revisions) + 1
            session.add(
                QuestionRevision(question=question, number=number, author=author, reason="edited", **content)
            )
            question.current_revision_number = number
        if revised or question.status != spec.status:
            question.status = spec.status
            question.updated_at = now
            report.questions["revised"] += 1
    for question in existing.values():
        if question.status != RETIRED:
            question.status = RETIRED
            question.updated_at = now
            report.questions["retired"] += 1
