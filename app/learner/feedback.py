"""What a learner sees after answering: the answer, the supporting passage and the other source's claim."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.bank.evidence import ATTRIBUTION_LABELS, excerpt_after, excerpt_before, facing_side, source_label
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.bank.types import QUESTION_TYPES
from app.bank.version import derived_from_bank
from app.sources.highlight import Highlight
from app.sources.models import Footnote, Passage, Source
from app.sources.parser import collapse_whitespace


@dataclass(frozen=True)
class SourceLabel:
    """What the quiz's pages show of a source, kept per bank version instead of its row (and its text)."""

    id: str
    title: str
    author: str
    short_name: str


@dataclass(frozen=True)
class FootnoteView:
    number: int
    text: str


@dataclass(frozen=True)
class PassageView:
    """What the feedback shows of a passage; plain data, so it can be kept between requests."""

    id: str
    heading: str | None
    footnotes: tuple[FootnoteView, ...]


@dataclass(frozen=True)
class Evidence:
    source: Source | SourceLabel
    highlight: Highlight | None  # None only if the stored source no longer holds the quote
    quote: str

    @property
    def before_excerpt(self) -> str:
        """The paragraph before the quote, cut at a word near the limit so long paragraphs stay readable."""
        return excerpt_before(self.highlight.before if self.highlight else "")

    @property
    def after_excerpt(self) -> str:
        return excerpt_after(self.highlight.after if self.highlight else "")


@dataclass(frozen=True)
class Feedback:
    """The right answer and the evidence for it; plain data, so it can be kept between requests."""

    answer_text: str
    support: Evidence
    contrast: Evidence | None
    # The other source says nothing on the point: the contrast is that silence.
    silent_source: SourceLabel | None
    relation: str | None
    rationale: str | None
    pair_id: str | None


def option_label(value: str, sources: Mapping[str, Source | SourceLabel]) -> str:
    if value in sources:
        return source_label(sources[value].short_name)
    if value in ATTRIBUTION_LABELS:
        return ATTRIBUTION_LABELS[value]
    if value in ("true", "false"):
        return value.capitalize()
    return value


def sources_by_id(session: Session) -> dict[str, Source]:
    return {s.id: s for s in session.scalars(select(Source).order_by(Source.position))}


def _labels(session: Session) -> dict[str, SourceLabel]:
    rows = session.execute(
        select(Source.id, Source.title, Source.author, Source.short_name).order_by(Source.position)
    )
    return {row.id: SourceLabel(*row) for row in rows}


def source_labels(session: Session) -> dict[str, SourceLabel]:
    """Every source's id, title, author and short name, by id; read once per bank version."""
    return derived_from_bank(session, "source_labels", _labels)


def answer_text(revision: QuestionRevision, sources: Mapping[str, SourceLabel]) -> str:
    qtype = QUESTION_TYPES.get(revision.type)
    value = qtype.answer_value(revision.answer) if qtype else str(revision.answer)
    return option_label(value, sources)


@dataclass(frozen=True)
class PassageText:
    """A passage's text with what the feedback shows of it; plain data, kept per bank version."""

    view: PassageView
    text: str


def _passages_by_source(session: Session) -> dict[str, tuple[PassageText, ...]]:
    notes: dict[str, list[FootnoteView]] = {}
    for passage_id, number, text in session.execute(
        select(Footnote.passage_id, Footnote.number, Footnote.text)
        .where(Footnote.passage_id.is_not(None))
        .order_by(Footnote.number)
    ):
        notes.setdefault(passage_id, []).append(FootnoteView(number, text))
    passages: dict[str, list[PassageText]] = {}
    for passage_id, source_id, heading, text in session.execute(
        select(Passage.id, Passage.source_id, Passage.heading, Passage.text).order_by(
            Passage.source_id, Passage.ordinal
        )
    ):
        view = PassageView(passage_id, heading, tuple(notes.get(passage_id, ())))
        passages.setdefault(source_id, []).append(PassageText(view, text))
    return {source_id: tuple(texts) for source_id, texts in passages.items()}


def _find(passages: tuple[PassageText, ...], quote: str) -> Highlight | None:
    """The first passage holding ``quote`` (whitespace collapsed), split around it; None if none does."""
    wanted = collapse_whitespace(quote)
    for passage in passages:
        start = passage.text.find(wanted)
        if start >= 0:
            end = start + len(wanted)
            text = passage.text
            return Highlight(passage.view, text[:start], text[start:end], text[end:])  # type: ignore[arg-type]
    return None


def highlights(session: Session, quotes: list[tuple[str, str]]) -> list[Highlight | None]:
    """Each (source, quote) found in its paragraph. The passages and footnotes are read once per bank
    version (two statements) and searched in memory, so a feedback page never goes to the database to find
    a quote, not even for a question no one in this process has answered yet."""
    kept = derived_from_bank(session, "highlights", lambda _session: {})
    for source_id, quote in dict.fromkeys(quotes):
        if (source_id, quote) not in kept:
            passages = derived_from_bank(session, "passages_by_source", _passages_by_source)
            kept[(source_id, quote)] = _find(passages.get(source_id, ()), quote)
    return [kept[quote] for quote in quotes]


def feedback_for(session: Session, revision: QuestionRevision) -> Feedback:
    """The feedback on ``revision``: quotes not yet found since the bank last changed are found together,
    with one query for passages and one for footnotes."""
    sources = source_labels(session)
    pair = revision.claim_pair
    side = facing_side(pair.sides, revision.support_source_id) if pair is not None else None
    silent = side is not None and pair is not None and side.source_id == pair.silent_source_id
    quotes = [(revision.support_source_id, revision.support_quote)]
    if side is not None and not silent:
        quotes.append((side.source_id, side.quote))
    found = highlights(session, quotes)
    support = Evidence(sources[revision.support_source_id], found[0], revision.support_quote)
    contrast = silent_source = None
    if silent and side is not None:
        silent_source = sources[side.source_id]
    elif side is not None:
        contrast = Evidence(sources[side.source_id], found[1], side.quote)
    return Feedback(
        answer_text=answer_text(revision, sources),
        support=support,
        contrast=contrast,
        silent_source=silent_source,
        relation=pair.relation if pair else None,
        rationale=pair.rationale if pair else None,
        pair_id=pair.id if pair and pair.status == "published" else None,
    )


@dataclass(frozen=True)
class RevisionFeedback:
    """What the feedback page shows of a revision, whoever answered it: its prompt, its explanation and
    ``feedback_for`` it. Plain data, kept per bank version: a feedback page then reads no revision, no
    claim pair and draws no evidence anew."""

    prompt: str
    explanation: str
    feedback: Feedback
    # The feedback's evidence as the page draws it, by the prefix the app is mounted under (its links
    # depend on nothing else): drawn by the first page that shows it, kept as long as the view.
    evidence_html: dict[str, str] = field(default_factory=dict, compare=False)


# The revision with its claim pair, the one relationship ``feedback_for`` follows.
REVISION_WITH_CLAIM_PAIR = select(QuestionRevision).options(joinedload(QuestionRevision.claim_pair))
# The revisions learners are being asked now: the published questions' current ones.
PUBLISHED_REVISION_IDS = (
    select(QuestionRevision.id).join(Question, CURRENT_REVISION).where(Question.status == "published")
)


def revision_feedback(session: Session, revision_id: int) -> RevisionFeedback:
    """The feedback page's view of a revision, made once per bank version (and per process).

    The first page that misses makes the views of every published question's current revision with it,
    in one query: a class answers them all soon after the bank changes or a worker starts, and one query
    for all cost about what two of them cost one by one. The pair a revision points at is the pair's
    current content, and every change to a question, a pair or a source moves the bank's version on, so
    a kept view never outlives the content it shows.
    """
    kept = derived_from_bank(session, "revision_feedback", lambda _session: {})
    view = kept.get(revision_id)
    if view is None:
        wanted = QuestionRevision.id.in_(PUBLISHED_REVISION_IDS) | (QuestionRevision.id == revision_id)
        for revision in session.scalars(REVISION_WITH_CLAIM_PAIR.where(wanted)):
            if revision.id not in kept:
                kept[revision.id] = RevisionFeedback(
                    revision.prompt, revision.explanation, feedback_for(session, revision)
                )
        view = kept[revision_id]
    return view
