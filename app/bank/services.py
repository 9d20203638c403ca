"""Writes for the bank: sync the files into the database in one transaction, never losing history."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank.models import ClaimPair, ClaimPairRevision, Question, QuestionRevision
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
    # Questions a person changed in the browser that the files would undo: left as they are (see load_bank).
    kept: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.sources_changed or any(self.pairs.values()) or any(self.questions.values()))


def load_bank(session: Session, root: Path, author: str = "bank load", overwrite: bool = False) -> LoadReport:
    """Upsert sources, claim pairs and questions from ``root``; retire what disappeared; commit once.

    A question whose current revision someone other than ``author`` made (a teacher in the browser) is
    left as it is when the files differ, and reported in ``kept`` and ``warnings``; ``overwrite`` makes the
    files win. A question all of whose revisions were made elsewhere is never retired for being absent.

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
        _sync_claim_pairs(session, bank.claim_pairs, report, author, overwrite)
        session.flush()
        _sync_questions(session, bank.questions, author, report, overwrite)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return report


def _sync_claim_pairs(
    session: Session,
    specs: tuple[ClaimPairSpec, ...],
    report: LoadReport,
    author: str = "bank load",
    overwrite: bool = False,
) -> None:
    """Upsert the files' pairs; each one created or changed (retired included) appends a revision.

    As with questions, a pair a teacher edited in the browser (its latest revision is not this load's) is
    left as it is when the files differ, and one made in the browser is not retired for being absent;
    ``overwrite`` makes the files win.
    """
    existing = {pair.id: pair for pair in session.scalars(select(ClaimPair))}
    authors: dict[str, dict[int, str]] = {}
    for pair_id, number, made_by in session.execute(
        select(ClaimPairRevision.claim_pair_id, ClaimPairRevision.number, ClaimPairRevision.author)
    ):
        authors.setdefault(pair_id, {})[number] = made_by

    def record(pair: ClaimPair, reason: str) -> None:
        numbers = authors.get(pair.id, {})
        session.add(ClaimPairRevision.of(pair, max(numbers, default=0) + 1, author, reason))

    def kept(pair_id: str, file: str, message: str) -> None:
        report.warnings.append(Issue(file, pair_id, message, "warning"))

    for spec in specs:
        values = {
            "a_source_id": spec.a.source, "a_quote": spec.a.quote, "b_source_id": spec.b.source,
            "b_quote": spec.b.quote, "relation": spec.relation, "rationale": spec.rationale,
            "topic": spec.topic, "status": spec.status,
        }  # fmt: skip
        pair = existing.pop(spec.id, None)
        if pair is None:
            pair = ClaimPair(id=spec.id, **values)
            session.add(pair)
            record(pair, "created")
            report.pairs["created"] += 1
        elif any(getattr(pair, k) != v for k, v in values.items()):
            numbers = authors.get(pair.id, {})
            if numbers and numbers[max(numbers)] != author and not overwrite:
                kept(
                    pair.id,
                    spec.file,
                    f"left as edited in the browser by {numbers[max(numbers)]} (revision {max(numbers)}); "
                    "the files differ. `bank dump` writes the edit to the files; `bank load --overwrite` "
                    "replaces it with the files' version",
                )
                continue
            for k, v in values.items():
                setattr(pair, k, v)
            pair.updated_at = datetime.now(UTC)
            record(pair, "edited")
            report.pairs["updated"] += 1
    for pair in existing.values():
        if pair.status == RETIRED:
            continue
        made_by = set(authors.get(pair.id, {}).values())
        if made_by and author not in made_by and not overwrite:
            kept(pair.id, "claim_pairs", f"made in the browser and not in the files: kept ({pair.status})")
            continue
        pair.status = RETIRED
        pair.updated_at = datetime.now(UTC)
        record(pair, "retired: no longer in the files")
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
    session: Session,
    specs: tuple[QuestionSpec, ...],
    author: str,
    report: LoadReport,
    overwrite: bool = False,
) -> None:
    existing = {q.id: q for q in session.scalars(select(Question))}
    now = datetime.now(UTC)
    for spec in specs:
        content = revision_content(spec)
        question = existing.pop(spec.id, None)
        if question is not None and not overwrite and _edit_would_be_undone(question, spec, content, author):
            current = question.current_revision
            report.kept.append(question.id)
            report.warnings.append(
                Issue(
                    spec.file,
                    spec.id,
                    f"left as edited in the browser by {current.author} (revision {current.number}, "
                    f"{question.status}); the files differ. `bank dump` writes the edit to the files; "
                    "`bank load --overwrite` replaces it with the files' version",
                    "warning",
                )
            )
            continue
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
        if question.status == RETIRED:
            continue
        if all(revision.author != author for revision in question.revisions):
            report.kept.append(question.id)
            report.warnings.append(
                Issue(
                    "questions",
                    question.id,
                    f"made in the browser and not in the files: kept ({question.status}); "
                    "`bank dump` writes it to the files",
                    "warning",
                )
            )
            continue
        question.status = RETIRED
        question.updated_at = now
        report.questions["retired"] += 1


def _edit_would_be_undone(
    question: Question, spec: QuestionSpec, content: dict[str, Any], author: str
) -> bool:
    """The current revision was made by someone else than this load, and the files say otherwise."""
    differs = question.current_revision.content() != content or question.status != spec.status
    return differs and question.current_revision.author != author
