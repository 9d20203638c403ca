"""The editor's view of the bank for the validator: sources and claim pairs read from the database.

Sources come from ``app.sources.stored``, the one way the browser's pages turn a stored source into the
document the grounding law reads, so the editor, the claim map and imports ground quotes as `bank check` does.
"""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.bank.contrast import MAX_QUESTIONS_PER_PAIR
from app.bank.grounding import QuoteNotFound, SourceIndex
from app.bank.models import ClaimPair
from app.bank.schema import ClaimPairSpec, Issue, QuestionSpec
from app.bank.validator import BankValidator
from app.bank.yamlio import BankFiles
from app.sources.documents import SourceDocument
from app.sources.models import Passage, Source
from app.sources.stored import source_document
from app.teacher.claims.services import dependent_questions, pair_spec


@dataclass(frozen=True)
class Grounded:
    """A quote as the source has it, and whether the teacher's pasted words were replaced."""

    quote: str
    replaced: bool
    section: str | None


def source_documents(session: Session, bank_dir: Path) -> tuple[SourceDocument, ...]:
    sources = session.scalars(select(Source).order_by(Source.position))
    return tuple(source_document(source, bank_dir) for source in sources)


def claim_pair_specs(session: Session) -> tuple[ClaimPairSpec, ...]:
    """Every pair in the validator's shape; a retired pair keeps its status, so it counts as unpublished."""
    return tuple(
        pair_spec(pair.id, pair) for pair in session.scalars(select(ClaimPair).order_by(ClaimPair.id))
    )


class BankView:
    """The sources and pairs of one request, read once, for grounding quotes and validating questions."""

    def __init__(self, session: Session, bank_dir: Path):
        self.session = session
        self.documents = source_documents(session, bank_dir)
        self.pairs = claim_pair_specs(session)
        self.indexes = {doc.meta.id: SourceIndex(doc) for doc in self.documents}
        # One validator for every question of the request: its source indexes and attribution markers
        # are built once, not once per question (an import checks up to thousands).
        self.validator = BankValidator(
            BankFiles(root=Path(), sources=self.documents, claim_pairs=self.pairs, questions=()),
            indexes=self.indexes,
        )

    def ground(self, source_id: str, pasted: str) -> Grounded:
        """The source's exact words for a pasted quote; raises ``QuoteNotFound`` saying why not."""
        index = self.indexes.get(source_id)
        if index is None:
            raise QuoteNotFound(f"there is no source {source_id!r}")
        try:
            location = index.locate(pasted)
            return Grounded(
                location.passage.text[location.start : location.end], False, location.passage.heading
            )
        except QuoteNotFound as error:
            if error.suggestion is None:
                raise
            location = index.locate(error.suggestion)
            return Grounded(error.suggestion, True, location.passage.heading)

    def validate(self, question: QuestionSpec) -> list[Issue]:
        return self.validator.check_question(question) + self._pair_load(question)

    def _pair_load(self, question: QuestionSpec) -> list[Issue]:
        """The bank's limit of questions per pair, counted over the other published questions."""
        if question.status != "published" or not question.claim_pair:
            return []
        dependants = dependent_questions(self.session, question.claim_pair)
        others = sum(question_id != question.id for question_id, _support in dependants)
        if others < MAX_QUESTIONS_PER_PAIR:
            return []
        return [
            Issue(
                question.file,
                question.id,
                f"claim pair {question.claim_pair!r} already serves {others} published questions, the most "
                "one pair may: make a pair on this question's own quote",
            )
        ]


@dataclass(frozen=True)
class PickerPassage:
    """A paragraph cut into its sentences and the gaps between them, for picking a quote by clicking."""

    id: str
    source_id: str
    heading: str | None
    parts: tuple[tuple[str, int | None], ...]  # (text, sentence number); None marks the text between


def sentence_parts(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[str, int | None], ...]:
    """``text`` cut at the sentence spans; joined back together the parts are ``text`` exactly."""
    parts: list[tuple[str, int | None]] = []
    position = 0
    for number, (start, end) in enumerate(sorted(spans), start=1):
        if start > position:
            parts.append((text[position:start], None))
        parts.append((text[start:end], number))
        position = max(position, end)
    if position < len(text):
        parts.append((text[position:], None))
    return tuple(parts)


def picker_passages(session: Session) -> dict[str, list[PickerPassage]]:
    """Every source's passages with their stored sentences, keyed by source id."""
    passages = session.scalars(
        select(Passage).options(selectinload(Passage.sentences)).order_by(Passage.source_id, Passage.ordinal)
    )
    picked: dict[str, list[PickerPassage]] = {}
    for passage in passages:
        spans = [(s.start, s.end) for s in passage.sentences]
        picked.setdefault(passage.source_id, []).append(
            PickerPassage(passage.id, passage.source_id, passage.heading, sentence_parts(passage.text, spans))
        )
    return picked
