"""Pure: the bank in the formats teachers already use (Moodle GIFT, Moodle XML, Anki .apkg).

Every format needs the same facts about a question: how the app names its answer and its source, the
section it belongs to, the passage it rests on and the other source's claim. ``export_items`` assembles them
once, with the feedback page's rules from ``app.bank.evidence``, so the formats differ only in markup.
"""

from dataclasses import dataclass

from app.bank.evidence import (
    ATTRIBUTION_LABELS,
    OtherSource,
    excerpt_after,
    excerpt_before,
    facing_side,
    source_label,
)
from app.bank.grounding import QuoteNotFound, SourceIndex
from app.bank.schema import ATTRIBUTION_ANSWERS, QuestionSpec
from app.bank.types import get_type
from app.bank.yamlio import BankFiles
from app.sources.documents import SourceDocument

CATEGORY_ROOT = "counterpoint"
# A question whose support quote stands before a source's first heading.
OPENING_SECTION = "Opening"
# A question whose quote cannot be found (an unchecked bank): it still exports, under this section.
UNPLACED_SECTION = "Other"


@dataclass(frozen=True)
class Evidence:
    """A quote in its paragraph: the words before and after are context, the quote itself is emphasised."""

    source_id: str
    source_label: str
    source_title: str
    quote: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class ExportItem:
    question: QuestionSpec
    source_label: str  # 'The DPRK publication', 'Weathersby'
    source_title: str
    source_citation: str
    section: str
    answer_words: str  # the answer as the learner reads it: 'True', 'Weathersby', 'Both sources', …
    support: Evidence
    contrast: Evidence | None
    relation: str | None
    rationale: str | None
    silent_source_title: str | None = None  # the other source says nothing on the point: that is the contrast
    options: tuple[str, ...] = ()  # what the learner chooses from, in words (multiple choice, which source)

    @property
    def category(self) -> tuple[str, str, str]:
        return (CATEGORY_ROOT, self.source_label, self.section)

    @property
    def other(self) -> OtherSource | None:
        """The other source's claim or silence as text exports cite it; None if nothing faces the passage."""
        if self.silent_source_title is not None:
            return OtherSource(self.silent_source_title, self.relation or "", "")
        if self.contrast is not None:
            return OtherSource(self.contrast.source_title, self.relation or "", self.contrast.quote)
        return None


def which_source_options(bank: BankFiles) -> list[tuple[str, str]]:
    """(value, label) for a "which source says this?" question: each source, then both and neither."""
    options = [(doc.meta.id, source_label(doc.meta.short_name or doc.meta.id)) for doc in bank.sources]
    return options + [(value, ATTRIBUTION_LABELS[value]) for value in ATTRIBUTION_ANSWERS]


def answer_words(question: QuestionSpec, bank: BankFiles) -> str:
    qtype = get_type(question.type)
    if qtype is not None and qtype.boolean_answer:
        return "True" if question.answer is True else "False"
    if qtype is not None and qtype.by_source:
        return dict(which_source_options(bank)).get(str(question.answer), str(question.answer))
    return str(question.answer)


def export_shape(question: QuestionSpec) -> str | None:
    """The Moodle question type the question becomes (``base.MULTICHOICE``…); None: not a quiz question."""
    qtype = get_type(question.type)
    return qtype.export if qtype is not None else None


def accepted_answers(question: QuestionSpec) -> tuple[str, ...]:
    """Every answer that counts as right for a typed question, the expected one first."""
    qtype = get_type(question.type)
    if qtype is None:
        return (str(question.answer), *question.accepted_answers)
    return qtype.accepted(question.answer, question.accepted_answers)


def short_answer_pattern(answer: str) -> str:
    """Moodle reads ``*`` in a short answer as a wildcard; an asterisk in the bank's answer is literal."""
    return answer.replace("*", "\\*")


class _Locator:
    """Finds quotes in their paragraphs, building each source's index once per export."""

    def __init__(self, bank: BankFiles):
        self.documents: dict[str, SourceDocument] = {doc.meta.id: doc for doc in bank.sources}
        self._indexes: dict[str, SourceIndex] = {}

    def _index(self, source_id: str) -> SourceIndex | None:
        if source_id not in self._indexes and source_id in self.documents:
            self._indexes[source_id] = SourceIndex(self.documents[source_id])
        return self._indexes.get(source_id)

    def evidence(self, source_id: str, quote: str) -> tuple[Evidence, str | None]:
        """The quote in its paragraph, and the heading of that paragraph (None before the first heading)."""
        document = self.documents.get(source_id)
        label = source_label(document.meta.short_name or source_id) if document else source_id
        title = document.meta.title if document else source_id
        index = self._index(source_id)
        bare = Evidence(source_id, label, title, quote)
        if index is None:
            return bare, UNPLACED_SECTION
        try:
            where = index.locate(quote)
        except QuoteNotFound:
            return bare, UNPLACED_SECTION
        text = where.passage.text
        evidence = Evidence(
            source_id,
            label,
            title,
            text[where.start : where.end],
            excerpt_before(text[: where.start]),
            excerpt_after(text[where.end :]),
        )
        return evidence, where.passage.heading


def export_items(bank: BankFiles, include_drafts: bool = False) -> list[ExportItem]:
    """The questions to export, grouped by source and section in reading order; published only by default."""
    pairs = {pair.id: pair for pair in bank.claim_pairs}
    locator = _Locator(bank)
    attribution = tuple(label for _value, label in which_source_options(bank))
    items = []
    for question in bank.questions:
        if question.status != "published" and not include_drafts:
            continue
        support, heading = locator.evidence(question.support.source, question.support.quote)
        section = question.section or heading or OPENING_SECTION
        pair = pairs.get(question.claim_pair) if question.claim_pair else None
        side = facing_side(pair.sides, question.support.source) if pair else None
        silent = locator.documents.get(side.source_id) if side and side.silent else None
        contrast = locator.evidence(side.source_id, side.quote)[0] if side and not side.silent else None
        document = locator.documents.get(question.support.source)
        item = ExportItem(
            question=question,
            source_label=support.source_label,
            source_title=support.source_title,
            source_citation=document.meta.citation if document else "",
            section=section,
            answer_words=answer_words(question, bank),
            support=support,
            contrast=contrast,
            relation=pair.relation if pair and (contrast or silent) else None,
            rationale=pair.rationale if pair and (contrast or silent) else None,
            silent_source_title=silent.meta.title if silent else None,
            options=attribution if _by_source(question) else tuple(question.choices or ()),
        )
        items.append(item)
    return _in_reading_order(items, bank)


def _by_source(question: QuestionSpec) -> bool:
    qtype = get_type(question.type)
    return qtype is not None and qtype.by_source


def _in_reading_order(items: list[ExportItem], bank: BankFiles) -> list[ExportItem]:
    """Sources in the bank's order, sections in each source's heading order; the bank's order within."""
    source_rank = {doc.meta.id: rank for rank, doc in enumerate(bank.sources)}
    heading_rank = {
        (doc.meta.id, heading.text): rank
        for doc in bank.sources
        for rank, heading in enumerate(doc.parsed.headings, start=1)
    }

    def key(entry: tuple[int, ExportItem]) -> tuple[int, int, int]:
        position, item = entry
        source = item.question.support.source
        if item.section == OPENING_SECTION:
            section_rank = 0
        else:
            section_rank = heading_rank.get((source, item.section), len(heading_rank) + 1)
        return (source_rank.get(source, len(source_rank)), section_rank, position)

    return [item for _position, item in sorted(enumerate(items), key=key)]
