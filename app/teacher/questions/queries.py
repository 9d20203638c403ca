"""Read-only queries behind the teacher's bank browser: the filtered list, one question and its history.

The list reads every question's current revision in one query and filters in Python: a bank holds hundreds
of questions, not millions, and Python's ``casefold`` matches text case-insensitively beyond ASCII, which
SQLite's ``lower`` does not. Tags live in a JSON list, which filters the same way on SQLite and PostgreSQL
only in Python.
"""

import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.bank.evidence import source_label
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.bank.types import QUESTION_TYPES
from app.sources.models import Source
from app.teacher.classes import analytics
from app.teacher.classes.services import classes_for
from app.teacher.filters import ListFilters

PER_PAGE = 50
STATUSES = ("draft", "published", "retired")


@dataclass(frozen=True)
class BankFilters(ListFilters):
    """The bank list's filters."""

    source: str = ""
    section: str = ""
    type: str = ""
    status: str = ""
    origin: str = ""
    tag: str = ""
    needs_checking: str = ""
    q: str = ""


@dataclass(frozen=True)
class BankRow:
    question_id: str
    status: str
    type: str
    origin: str
    source_id: str
    section: str | None
    skill: str
    prompt: str
    claim_pair_id: str | None
    tags: tuple[str, ...]
    answer: str
    explanation: str

    def matches_text(self, needle: str) -> bool:
        haystack = (self.question_id, self.prompt, self.answer, self.explanation)
        return any(needle in text.casefold() for text in haystack)


@dataclass(frozen=True)
class BankChoices:
    """The values the filter menus offer, taken from the whole bank."""

    sources: tuple[tuple[str, str], ...]  # (id, label)
    sections: tuple[str, ...]
    types: tuple[str, ...]
    origins: tuple[str, ...]
    tags: tuple[str, ...]
    statuses: tuple[str, ...] = STATUSES


@dataclass(frozen=True)
class BankPage:
    rows: tuple[BankRow, ...]
    total: int  # rows matching the filters, over every page
    bank_size: int
    page: int
    pages: int
    choices: BankChoices


def _current_rows(session: Session) -> list[BankRow]:
    result = session.execute(
        select(
            Question.id,
            Question.status,
            QuestionRevision.type,
            QuestionRevision.origin,
            QuestionRevision.support_source_id,
            QuestionRevision.section,
            QuestionRevision.skill,
            QuestionRevision.prompt,
            QuestionRevision.claim_pair_id,
            QuestionRevision.tags,
            QuestionRevision.answer,
            QuestionRevision.explanation,
        )
        .join(QuestionRevision, CURRENT_REVISION)
        .order_by(Question.id)
    )
    return [
        BankRow(
            question_id=row.id,
            status=row.status,
            type=row.type,
            origin=row.origin,
            source_id=row.support_source_id,
            section=row.section,
            skill=row.skill,
            prompt=row.prompt,
            claim_pair_id=row.claim_pair_id,
            tags=tuple(row.tags or ()),
            answer=str(row.answer),
            explanation=row.explanation,
        )
        for row in result
    ]


def _choices(session: Session, rows: list[BankRow]) -> BankChoices:
    sources = session.execute(select(Source.id, Source.short_name).order_by(Source.position)).all()
    return BankChoices(
        sources=tuple((row.id, source_label(row.short_name)) for row in sources),
        sections=tuple(sorted({row.section for row in rows if row.section})),
        types=tuple(sorted({row.type for row in rows})),
        origins=tuple(sorted({row.origin for row in rows})),
        tags=tuple(sorted({tag for row in rows for tag in row.tags})),
    )


def _keep(row: BankRow, filters: BankFilters, flagged: frozenset[str] | None, needle: str) -> bool:
    exact = (
        (filters.source, row.source_id),
        (filters.section, row.section),
        (filters.type, row.type),
        (filters.status, row.status),
        (filters.origin, row.origin),
    )
    if any(wanted and wanted != value for wanted, value in exact):
        return False
    if filters.tag and filters.tag not in row.tags:
        return False
    if flagged is not None and row.question_id not in flagged:
        return False
    return not needle or row.matches_text(needle)


def bank_page(
    session: Session,
    filters: BankFilters,
    page: int = 1,
    flagged: frozenset[str] | None = None,
    per_page: int = PER_PAGE,
) -> BankPage:
    """One page of the questions that match; ``flagged`` (when given) keeps only those question ids."""
    rows = _current_rows(session)
    needle = filters.q.casefold()
    kept = [row for row in rows if _keep(row, filters, flagged, needle)]
    pages = max(1, math.ceil(len(kept) / per_page))
    page = min(max(page, 1), pages)
    start = (page - 1) * per_page
    return BankPage(
        rows=tuple(kept[start : start + per_page]),
        total=len(kept),
        bank_size=len(rows),
        page=page,
        pages=pages,
        choices=_choices(session, rows),
    )


def flagged_question_ids(session: Session, teacher: User) -> frozenset[str]:
    """Questions the item analysis of any of this teacher's classes says need checking."""
    return frozenset(
        item.question_id
        for summary in classes_for(session, teacher)
        for item in analytics.item_analysis(session, summary.classroom.id)
        if item.needs_checking
    )


def question_and_revision(session: Session, question_id: str) -> tuple[Question, QuestionRevision] | None:
    question = session.get(Question, question_id)
    if question is None:
        return None
    return question, question.current_revision


def revision_history(session: Session, question_id: str) -> list[QuestionRevision]:
    """Every revision, newest first."""
    return list(
        session.scalars(
            select(QuestionRevision)
            .where(QuestionRevision.question_id == question_id)
            .order_by(QuestionRevision.number.desc())
        )
    )


def preview_options(revision: QuestionRevision, source_ids: tuple[str, ...]) -> list[str] | None:
    """The options as a learner would see them, multiple choice in its stored (unshuffled) order."""
    qtype = QUESTION_TYPES.get(revision.type)
    return qtype.option_values(revision.choices, source_ids) if qtype else None
