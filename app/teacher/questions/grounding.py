"""The editor's view of the bank for the validator: sources and claim pairs read from the database.

Sources come from ``app.sources.stored``, the one way the browser's pages turn a stored source into the
document the grounding law reads, so the editor, the claim map and imports ground quotes as `bank check` does.
"""

from collections.abc import Callable
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
from app.teacher.questions.verbatim import VerbatimSentences, source_words


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


# The picker shows a window of a source's passages, never the whole source: a stored source may hold
# thousands of sentences. More are fetched a window at a time (``picker_window`` behind a JSON endpoint).
PICKER_PASSAGES = 40
PICKER_SENTENCES = 600  # a window ends early once it holds this many sentences (always one passage at least)
PICKER_LEAD = 3  # passages shown before the one holding the current quote


@dataclass(frozen=True)
class PickerPassage:
    """A paragraph cut into its sentences and the gaps between them, for picking a quote by clicking."""

    id: str
    source_id: str
    ordinal: int
    heading: str | None
    parts: tuple[tuple[str, int | None], ...]  # (text, sentence number); None marks the text between

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "ordinal": self.ordinal,
            "heading": self.heading,
            "parts": [[text, number] for text, number in self.parts],
        }


@dataclass(frozen=True)
class PickerWindow:
    """Consecutive passages of one source (or those matching ``find``) and where the next windows start."""

    source_id: str
    passages: tuple[PickerPassage, ...]
    previous: int | None  # fetch ``before=previous`` for the passages before this window; None at the start
    next: int | None  # fetch ``start=next`` for the passages after it; None at the end
    find: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source_id,
            "passages": [passage.as_json() for passage in self.passages],
            "previous": self.previous,
            "next": self.next,
            "find": self.find,
        }


def sentence_parts(
    text: str, spans: list[tuple[int, int]], offered: Callable[[str], bool] | None = None
) -> tuple[tuple[str, int | None], ...]:
    """``text`` cut at the sentence spans; joined back together the parts are ``text`` exactly. A sentence
    ``offered`` refuses keeps its words but no number, so the picker shows it without offering it."""
    parts: list[tuple[str, int | None]] = []
    position = 0
    for number, (start, end) in enumerate(sorted(spans), start=1):
        if start > position:
            parts.append((text[position:start], None))
        sentence = text[start:end]
        parts.append((sentence, number if offered is None or offered(sentence) else None))
        position = max(position, end)
    if position < len(text):
        parts.append((text[position:], None))
    return tuple(parts)


def _picker_passage(passage: Passage, offered: Callable[[str], bool] | None) -> PickerPassage:
    spans = [(s.start, s.end) for s in passage.sentences]
    parts = sentence_parts(passage.text, spans, offered)
    return PickerPassage(passage.id, passage.source_id, passage.ordinal, passage.heading, parts)


def _within_budget(passages: list[Passage]) -> list[Passage]:
    kept, sentences = [], 0
    for passage in passages:
        sentences += len(passage.sentences)
        if kept and sentences > PICKER_SENTENCES:
            break
        kept.append(passage)
    return kept


def _matching(source_id: str, find: str):
    condition = Passage.source_id == source_id
    if find:
        condition = condition & Passage.text.icontains(find, autoescape=True)
    return condition


def picker_window(
    session: Session,
    source_id: str,
    start: int = 1,
    before: int | None = None,
    find: str = "",
    words: str | None = None,
) -> PickerWindow:
    """Up to ``PICKER_PASSAGES`` passages (and about ``PICKER_SENTENCES`` sentences) of a source, from the
    passage numbered ``start`` on, or the ones just before ``before``; only those containing ``find``
    (any case) when it is given. Two indexed queries, whatever the size of the source. Given the source's
    collapsed ``words`` (``verbatim.source_words``), only sentences found in them are offered."""
    find = " ".join(find.split())
    condition = _matching(source_id, find)
    query = select(Passage).options(selectinload(Passage.sentences)).limit(PICKER_PASSAGES)
    if before is not None:
        rows = list(
            session.scalars(query.where(condition, Passage.ordinal < before).order_by(Passage.ordinal.desc()))
        )
        kept = list(reversed(_within_budget(rows)))
    else:
        kept = _within_budget(
            list(session.scalars(query.where(condition, Passage.ordinal >= start).order_by(Passage.ordinal)))
        )
    if not kept:
        return PickerWindow(source_id, (), None, None, find)
    first, last = kept[0].ordinal, kept[-1].ordinal
    earlier = session.scalar(select(Passage.ordinal).where(condition, Passage.ordinal < first).limit(1))
    later = session.scalar(select(Passage.ordinal).where(condition, Passage.ordinal > last).limit(1))
    return PickerWindow(
        source_id,
        tuple(_picker_passage(passage, VerbatimSentences(words) if words else None) for passage in kept),
        first if earlier is not None else None,
        last + 1 if later is not None else None,
        find,
    )


def quote_ordinal(session: Session, source_id: str, quote: str) -> int | None:
    """The number of the first passage of the source holding ``quote`` (whitespace collapsed), if any."""
    wanted = " ".join(quote.split())
    if not wanted:
        return None
    return session.scalar(
        select(Passage.ordinal)
        .where(Passage.source_id == source_id, Passage.text.contains(wanted, autoescape=True))
        .order_by(Passage.ordinal)
        .limit(1)
    )


def picker_windows(
    session: Session, sources: dict[str, Source], chosen: str | None, quote: str, bank_dir: Path
) -> dict[str, PickerWindow]:
    """The editor page's first window of every source: the chosen source's starts a little before the
    passage holding the current quote, so the picker can show it picked."""
    windows = {}
    for source_id, source in sources.items():
        start = 1
        if source_id == chosen and (ordinal := quote_ordinal(session, source_id, quote)) is not None:
            start = max(1, ordinal - PICKER_LEAD)
        words = source_words(source, bank_dir)
        windows[source_id] = picker_window(session, source_id, start=start, words=words)
    return windows
