"""What a learner sees after answering: the answer, the supporting passage and the other source's claim."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank.evidence import ATTRIBUTION_LABELS, excerpt_after, excerpt_before, facing_side, source_label
from app.bank.models import QuestionRevision
from app.bank.types import QUESTION_TYPES
from app.sources.highlight import Highlight, find_quote
from app.sources.models import Source


@dataclass(frozen=True)
class Evidence:
    source: Source
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
    revision: QuestionRevision
    answer_text: str
    support: Evidence
    contrast: Evidence | None
    silent_source: Source | None  # the other source says nothing on the point: the contrast is that silence
    relation: str | None
    rationale: str | None
    pair_id: str | None


def option_label(value: str, sources: dict[str, Source]) -> str:
    if value in sources:
        return source_label(sources[value].short_name)
    if value in ATTRIBUTION_LABELS:
        return ATTRIBUTION_LABELS[value]
    if value in ("true", "false"):
        return value.capitalize()
    return value


def sources_by_id(session: Session) -> dict[str, Source]:
    return {s.id: s for s in session.scalars(select(Source).order_by(Source.position))}


def answer_text(revision: QuestionRevision, sources: dict[str, Source]) -> str:
    qtype = QUESTION_TYPES.get(revision.type)
    value = qtype.answer_value(revision.answer) if qtype else str(revision.answer)
    return option_label(value, sources)


def feedback_for(session: Session, revision: QuestionRevision) -> Feedback:
    sources = sources_by_id(session)
    support_source = sources[revision.support_source_id]
    support = Evidence(
        support_source,
        find_quote(session, support_source.id, revision.support_quote),
        revision.support_quote,
    )
    pair = revision.claim_pair
    contrast = silent_source = None
    side = facing_side(pair.sides, revision.support_source_id) if pair is not None else None
    if side is not None and pair is not None and side.source_id == pair.silent_source_id:
        silent_source = sources[side.source_id]
    elif side is not None:
        contrast = Evidence(sources[side.source_id], find_quote(session, *side), side.quote)
    return Feedback(
        revision=revision,
        answer_text=answer_text(revision, sources),
        support=support,
        contrast=contrast,
        silent_source=silent_source,
        relation=pair.relation if pair else None,
        rationale=pair.rationale if pair else None,
        pair_id=pair.id if pair and pair.status == "published" else None,
    )
