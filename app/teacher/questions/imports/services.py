"""Imports into drafts: a GIFT or CSV file checked against the bank in the database, then saved whole or not.

Every imported question becomes a DRAFT (origin ``imported``, author the teacher). A quote given in the file
must pass the one grounding law (``BankView.ground``: quote, dash and spacing differences are replaced by the
source's exact words and said so); a question without a quote may wait as a draft, and the validator refuses
to publish it until its quote is grounded. Checking and saving are separate steps, so the preview the teacher
reads is exactly what the commit saves, checked again at that moment.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank.content import question_content, question_content_of_spec, question_spec
from app.bank.formats.csv_import import parse_csv
from app.bank.formats.gift_import import parse_gift
from app.bank.formats.import_records import (
    ImportedQuestion,
    ImportProblem,
    ParsedImport,
    free_id,
    slug,
)
from app.bank.grounding import QuoteNotFound
from app.bank.models import Question
from app.bank.schema import QuestionSpec
from app.bank.versioning import append_revision
from app.teacher.questions.grounding import BankView
from app.teacher.questions.imports.placing import UNDECIDED, Placement, place

ORIGIN = "imported"
FORMATS: dict[str, tuple[str, Callable[[str], ParsedImport]]] = {
    "gift": ("Moodle GIFT", parse_gift),
    "csv": ("CSV", parse_csv),
}
ID_PREFIX = "imported"


def format_for(filename: str, chosen: str) -> str:
    """The teacher's choice, or else the file's extension: ``.csv`` is CSV, anything else GIFT."""
    if chosen in FORMATS:
        return chosen
    return "csv" if filename.lower().endswith(".csv") else "gift"


@dataclass(frozen=True)
class ImportDefaults:
    """What the file may leave out: the skill and, if the teacher chose one, a source for every question
    its quoted words do not place (empty: each question's source is chosen in the preview)."""

    source: str
    skill: str


@dataclass
class PreviewRow:
    where: str
    spec: QuestionSpec
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    placement: Placement = UNDECIDED

    @property
    def placed(self) -> bool:
        return bool(self.placement.source)


@dataclass
class ImportPreview:
    format: str
    rows: list[PreviewRow]
    file_problems: list[ImportProblem]

    @property
    def blocking(self) -> list[str]:
        """Every problem that stops the import, each with its line or row."""
        found = [str(problem) for problem in self.file_problems if problem.blocking]
        return found + [f"{row.where}: {message}" for row in self.rows for message in row.problems]

    @property
    def skipped(self) -> list[ImportProblem]:
        return [problem for problem in self.file_problems if not problem.blocking]

    @property
    def ready(self) -> bool:
        """Nothing wrong in the file: the preview offers the import (sources may still be to choose)."""
        return bool(self.rows) and not self.blocking

    @property
    def unplaced(self) -> list[PreviewRow]:
        """Questions whose source the teacher has still to choose; the import waits for every one."""
        return [row for row in self.rows if not row.placed]

    @property
    def complete(self) -> bool:
        return self.ready and not self.unplaced

    @property
    def grounded(self) -> int:
        return sum(1 for row in self.rows if row.spec.support.quote)


def _question_id(imported: ImportedQuestion, taken: set[str], notes: list[str], tried: dict[str, int]) -> str:
    wanted = slug(imported.wanted_id, words=12)
    if len(wanted) < 3:
        wanted = f"{ID_PREFIX}-{slug(imported.wanted_id or imported.prompt, words=6)}".strip("-")
    chosen = free_id(wanted, taken, tried)
    if imported.wanted_id and chosen != imported.wanted_id:
        reason = "is taken" if wanted in taken else "is not an id (lowercase letters, digits, hyphens)"
        notes.append(f"id {imported.wanted_id!r} {reason}: imported as {chosen!r}")
    taken.add(chosen)
    return chosen


def _check(
    view: BankView,
    imported: ImportedQuestion,
    defaults: ImportDefaults,
    taken: set[str],
    tried: dict[str, int],
    chosen: str = "",
) -> PreviewRow:
    notes, problems = list(imported.notes), []
    placement = place(
        view.indexes, imported.quote, imported.prompt,
        from_file=imported.source, chosen=chosen, form_default=defaults.source,
    )  # fmt: skip
    source = placement.source
    quote, section = "", imported.section or None
    if not source:  # the teacher chooses in the preview; the quote is then grounded in that choice
        if imported.quote.strip() and not placement.found_in:
            problems.append("quote: found in no source; copy it from the source it belongs to")
    elif source not in view.indexes:
        problems.append(f"source {source!r} is not in the bank (known: {', '.join(view.indexes)})")
    elif imported.quote.strip():
        try:
            grounded = view.ground(source, imported.quote)
        except QuoteNotFound as error:
            problems.append(f"quote: {error}")
        else:
            quote, section = grounded.quote, section or grounded.section
            if grounded.replaced:
                notes.append("quote: quote marks or dashes differed; replaced by the source's exact words")
    content = question_content(
        imported, support_source_id=source, support_quote=quote, claim_pair_id=imported.claim_pair or None,
        section=section, skill=imported.skill or defaults.skill, origin=ORIGIN,
    )  # fmt: skip
    spec = question_spec(_question_id(imported, taken, notes, tried), content, "draft", imported.where)
    for issue in view.validate(spec):
        quiet = bool(problems or not source) and issue.message.startswith("support:")
        if issue.severity == "error" and not quiet:
            problems.append(issue.message)
    return PreviewRow(imported.where, spec, problems, notes, placement)


def preview_import(
    session: Session,
    text: str,
    fmt: str,
    defaults: ImportDefaults,
    bank_dir: Path,
    chosen: Mapping[int, str] | None = None,
) -> ImportPreview:
    """Parse ``text`` and check every question as the draft it would become; writes nothing.

    ``chosen`` holds the teacher's source for questions by their position in the file (from the preview);
    each question's quote is grounded in its own source.
    Raises ``TooManyQuestions`` (an ``ImportUnreadable``) for a file past ``MAX_IMPORT_QUESTIONS``. The
    sources are read and indexed once for the whole file, so checking is linear in its questions."""
    parsed = FORMATS[fmt][1](text)
    view = BankView(session, bank_dir)
    taken = set(session.scalars(select(Question.id)))
    tried: dict[str, int] = {}
    chosen = chosen or {}
    rows = [
        _check(view, imported, defaults, taken, tried, chosen.get(position, ""))
        for position, imported in enumerate(parsed.questions)
    ]
    return ImportPreview(fmt, rows, parsed.problems)


def save_drafts(session: Session, preview: ImportPreview, author: str) -> list[str]:
    """Add every previewed question as a draft with its first revision; the caller commits or rolls back."""
    if not preview.complete:
        raise ValueError("an import with problems or a question without its source is not saved")
    reason = f"imported from {FORMATS[preview.format][0]}"
    for row in preview.rows:
        question = Question(id=row.spec.id, status="draft")
        session.add(question)
        append_revision(session, question, author, reason, question_content_of_spec(row.spec))
    session.flush()
    return [row.spec.id for row in preview.rows]
