"""Writes for the bank: sync the files into the database in one transaction, never losing history."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.bank.content import pair_content_of_spec, question_content_of_spec
from app.bank.models import ClaimPair, Question
from app.bank.schema import ClaimPairSpec, Issue, QuestionSpec
from app.bank.validator import errors_in, validate_bank
from app.bank.versioning import (
    APPLY,
    CREATE,
    KEEP,
    append_revision,
    latest_author,
    latest_number,
    load_decision,
    status_reason,
    without_status,
)
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
    # Questions and claim pairs a person changed in the browser that the files would undo, or made there and
    # the files lack: left as they are (see load_bank).
    kept: list[str] = field(default_factory=list)
    kept_pairs: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.sources_changed or any(self.pairs.values()) or any(self.questions.values()))


def load_bank(session: Session, root: Path, author: str = "bank load", overwrite: bool = False) -> LoadReport:
    """Upsert sources, claim pairs and questions from ``root``; retire what disappeared; commit once.

    Questions and claim pairs follow one rule (``app.bank.versioning.load_decision``): one whose latest
    revision someone other than ``author`` made (a teacher in the browser) is left as it is when the files
    differ, and reported in ``kept`` (``kept_pairs``) and ``warnings``; ``overwrite`` makes the files win.
    One none of whose revisions a load made is never retired for being absent. Every item created, changed,
    retired or restored gets a revision saying so.

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
    """Upsert the files' pairs and retire the ones gone from them, by ``_sync``'s rule."""
    existing = session.scalars(select(ClaimPair).options(selectinload(ClaimPair.revisions)))
    wanted = {spec.id: (spec, pair_content_of_spec(spec)) for spec in specs}
    _sync(session, ClaimPair, existing, wanted, author, overwrite, report, report.pairs, report.kept_pairs)


def revision_content(spec: QuestionSpec) -> dict[str, Any]:
    """A question's content in the shape ``QuestionRevision.content()`` returns, for comparison."""
    return question_content_of_spec(spec)


def _sync_questions(
    session: Session,
    specs: tuple[QuestionSpec, ...],
    author: str,
    report: LoadReport,
    overwrite: bool = False,
) -> None:
    """Upsert the files' questions and retire the ones gone from them, by ``_sync``'s rule."""
    existing = session.scalars(select(Question).options(selectinload(Question.revisions)))
    wanted = {spec.id: (spec, revision_content(spec)) for spec in specs}
    _sync(session, Question, existing, wanted, author, overwrite, report, report.questions, report.kept)


def _sync(
    session: Session,
    model: type[Question] | type[ClaimPair],
    existing_items: Iterable[Question | ClaimPair],
    wanted: dict[str, tuple[QuestionSpec | ClaimPairSpec, dict[str, Any]]],
    author: str,
    overwrite: bool,
    report: LoadReport,
    counts: dict[str, int],
    kept: list[str],
) -> None:
    """One rule for questions and claim pairs (``versioning.load_decision``): each one created, changed,
    retired or restored appends a revision; a person's work in the browser is kept unless ``overwrite``."""
    changed = "revised" if model is Question else "updated"
    existing = {item.id: item for item in existing_items}
    for item_id, (spec, content) in wanted.items():
        item = existing.pop(item_id, None)
        state = {**content, "status": spec.status}
        decision = load_decision(item, state, author, overwrite)
        if decision == CREATE:
            item = model(id=item_id, status=spec.status)  # its first revision makes it current
            session.add(item)
            append_revision(session, item, author, "created", content)
            counts["created"] += 1
        elif decision == KEEP:
            assert item is not None
            kept.append(item_id)
            report.warnings.append(
                Issue(
                    spec.file,
                    item_id,
                    f"left as edited in the browser by {latest_author(item)} "
                    f"(revision {latest_number(item)}, {item.status}); the files differ. "
                    "`bank dump` writes the edit to the files; "
                    "`bank load --overwrite` replaces it with the files' version",
                    "warning",
                )
            )
        elif decision == APPLY:
            assert item is not None
            edited = without_status(item.current_content()) != without_status(content)
            reason = "edited" if edited else status_reason(spec.status)
            append_revision(session, item, author, reason, content, spec.status)
            counts[changed] += 1
    where = "questions" if model is Question else "claim_pairs"
    for item in existing.values():
        decision = load_decision(item, None, author, overwrite)
        if decision == KEEP:
            kept.append(item.id)
            report.warnings.append(
                Issue(
                    where,
                    item.id,
                    f"made in the browser and not in the files: kept ({item.status}); "
                    "`bank dump` writes it to the files",
                    "warning",
                )
            )
        elif decision == APPLY:
            append_revision(session, item, author, "retired: no longer in the files", status=RETIRED)
            counts["retired"] += 1
