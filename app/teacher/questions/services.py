"""Writes for the question editor: every change appends a revision; nothing is saved unless all is valid.

Each function takes an explicit session and the teacher's name, checks the question with the same validator
``bank check`` runs (through ``BankView``), and leaves committing to the caller, so a route commits once.
"""

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.bank.content import question_content, question_spec
from app.bank.grounding import QuoteNotFound
from app.bank.models import Question, QuestionRevision
from app.bank.schema import Issue, QuestionSpec
from app.bank.types.editor import QuestionInput
from app.bank.versioning import append_revision, status_reason
from app.learner.models import Attempt
from app.teacher.questions.grounding import BankView

STATUSES = ("draft", "published", "retired")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,118}[a-z0-9]$")


class EditorInvalid(ValueError):
    """The question breaks a rule; nothing was written. ``problems`` maps a field name (or "") to messages."""

    def __init__(self, problems: dict[str, list[str]]):
        super().__init__("; ".join(m for messages in problems.values() for m in messages))
        self.problems = problems


@dataclass(frozen=True)
class SaveResult:
    question: Question
    revision: QuestionRevision | None  # None when the save changed nothing
    quote_replaced: bool = False


# Which form field a validator message is about: the first keyword found wins.
_FIELD_HINTS = (
    ("support", "support_quote"),
    ("section", "support_quote"),
    ("claim pair", "claim_pair_id"),
    ("claim_pair", "claim_pair_id"),
    ("choices", "choices"),
    ("blank", "prompt"),
    ("according to", "prompt"),
    ("prompt", "prompt"),
    ("answer", "answer"),
    ("'skill'", "skill"),
    ("explanation", "explanation"),
)


def _field_for(message: str) -> str:
    lowered = message.casefold()
    return next((name for hint, name in _FIELD_HINTS if hint in lowered), "")


def _problems(issues: list[Issue]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for issue in issues:
        if issue.severity == "error":
            problems.setdefault(_field_for(issue.message), []).append(issue.message)
    return problems


def _spec(question_id: str, content: dict[str, Any], status: str) -> QuestionSpec:
    # A retired question is checked as a draft: retiring needs no contrast, un-retiring makes a draft.
    return question_spec(question_id, content, "published" if status == "published" else "draft", "editor")


def grounded_content(
    view: BankView, data: QuestionInput, origin: str, question_id: str, status: str
) -> tuple[dict[str, Any], bool]:
    """The revision content for ``data``: the source's exact words as quote, the section from its passage.

    Raises ``EditorInvalid`` with every problem the validator finds.
    """
    content = question_content(data, origin=origin, section=None)
    replaced = False
    problems: dict[str, list[str]] = {}
    if data.support_quote.strip():
        try:
            grounded = view.ground(data.support_source_id, data.support_quote)
        except QuoteNotFound as error:
            problems["support_quote"] = [f"This quote is not in the source: {error}"]
        else:
            replaced = grounded.quote != data.support_quote.strip()
            content["support_quote"] = grounded.quote
            content["section"] = grounded.section
    for name, messages in _problems(view.validate(_spec(question_id, content, status))).items():
        if name == "support_quote" and "support_quote" in problems:
            continue  # the same quote problem, already said in the teacher's terms
        problems.setdefault(name, []).extend(messages)
    if problems:
        raise EditorInvalid(problems)
    return content, replaced


def _append(
    session: Session, question: Question, content: dict[str, Any], author: str, reason: str
) -> QuestionRevision:
    revision = append_revision(session, question, author, reason, content)
    assert isinstance(revision, QuestionRevision)
    return revision


def question_id_taken(session: Session, question_id: str) -> bool:
    return session.get(Question, question_id) is not None


def new_question_id(session: Session, source_id: str, qtype: str) -> str:
    """A fresh id that says where the question came from: ``dprk-authored-mc-3``."""
    stem = f"{source_id}-authored-{qtype.replace('_', '-')}"
    number = 1
    while question_id_taken(session, f"{stem}-{number}"):
        number += 1
    return f"{stem}-{number}"


def create_question(
    session: Session, view: BankView, question_id: str, data: QuestionInput, author: str, reason: str = ""
) -> SaveResult:
    """A new draft, authored by a person; learners see it only once it is published."""
    if not ID_PATTERN.match(question_id):
        raise EditorInvalid({"question_id": ["Use 3 to 120 lower-case letters, digits and hyphens."]})
    if question_id_taken(session, question_id):
        raise EditorInvalid(
            {"question_id": [f"The id {question_id!r} is already taken; ids are never reused."]}
        )
    content, replaced = grounded_content(view, data, "authored", question_id, "draft")
    question = Question(id=question_id, status="draft")
    session.add(question)
    revision = _append(session, question, content, author, reason or "created in the editor")
    return SaveResult(question, revision, replaced)


def save_question(
    session: Session, view: BankView, question: Question, data: QuestionInput, author: str, reason: str = ""
) -> SaveResult:
    """Append a revision if anything changed; a generated question changed by a person becomes ``edited``."""
    current = question.current_revision
    origin = "edited" if current.origin == "generated" else current.origin
    content, replaced = grounded_content(view, data, current.origin, question.id, question.status)
    same_quote = (content["support_source_id"], content["support_quote"]) == (
        current.support_source_id,
        current.support_quote,
    )
    if same_quote:  # a file may leave 'section' out; an unchanged quote keeps what the revision says
        content["section"] = current.section
    if content == current.content():
        return SaveResult(question, None, replaced)
    content["origin"] = origin
    return SaveResult(question, _append(session, question, content, author, reason or "edited"), replaced)


def set_status(
    session: Session, view: BankView, question: Question, status: str, author: str, reason: str = ""
) -> QuestionRevision | None:
    """Publish, unpublish or retire, kept as a revision (same content) so `bank load` sees a person's hand.

    Publishing checks the question as published: a grounded quote, a published pair facing the other source.
    """
    if status not in STATUSES:
        raise EditorInvalid({"": [f"Unknown status {status!r}."]})
    if status == question.status:
        return None
    content = question.current_revision.content()
    if status == "published":
        grounded_content(view, QuestionInput.from_revision(question.current_revision), content["origin"],
                         question.id, "published")  # fmt: skip
    revision = append_revision(session, question, author, reason or status_reason(status), status=status)
    assert isinstance(revision, QuestionRevision)
    return revision


def restore_revision(
    session: Session, view: BankView, question: Question, number: int, author: str, reason: str = ""
) -> QuestionRevision | None:
    """Make an old revision current by appending a copy of it: history is never rewritten."""
    old = next((r for r in question.revisions if r.number == number), None)
    if old is None:
        raise EditorInvalid({"": [f"There is no revision {number}."]})
    content = old.content()
    if content == question.current_revision.content():
        return None
    grounded_content(view, QuestionInput.from_revision(old), content["origin"], question.id, question.status)
    why = f"restored revision {number}" + (f": {reason}" if reason else "")
    return _append(session, question, content, author, why)


def duplicate_question(session: Session, question: Question, author: str) -> Question:
    """A draft copy under a new id, to vary a question without touching the one learners answer."""
    base = f"{question.id}-copy"[:116]
    new_id, number = base, 2
    while question_id_taken(session, new_id):
        new_id, number = f"{base}-{number}", number + 1
    current = question.current_revision
    copy = Question(id=new_id, status="draft")
    session.add(copy)
    _append(
        session, copy, current.content(), author, f"duplicated from {question.id} (revision {current.number})"
    )
    return copy


def attempts_by_revision(session: Session, question_id: str) -> dict[int, int]:
    """How many answers each revision received, keyed by revision number."""
    rows = session.execute(
        select(QuestionRevision.number, func.count(Attempt.id))
        .join(Attempt, Attempt.revision_id == QuestionRevision.id)
        .where(QuestionRevision.question_id == question_id)
        .group_by(QuestionRevision.number)
    )
    return {number: count for number, count in rows}


def revision(question: Question, number: int) -> QuestionRevision | None:
    return next((r for r in question.revisions if r.number == number), None)
