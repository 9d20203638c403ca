"""The sources as the claim map needs them: a parse to ground quotes, sentences to pick, counterparts to rank.

A shelf is built once per request. It parses a source's stored text when the database has it (sources
uploaded in the browser), else the bank folder's file; our texts parse in a few milliseconds, so nothing is
cached between requests and nothing goes stale when a source changes. The one thing kept is each
sentence's meaning vector, in the database, keyed by the sentence's text (so it cannot go stale either):
with it, ranking counterparts by meaning needs no encoder run.
"""

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bank.evidence import source_label
from app.bank.generator.relations import ClaimSide, propose_relation
from app.bank.generator.suggesters import build_suggester, choose
from app.bank.grounding import QuoteNotFound, SourceIndex
from app.bank.vectors import database_store
from app.sources.documents import SourceDocument
from app.sources.models import Source
from app.sources.parser import collapse_whitespace
from app.sources.stored import SourceUnavailable, source_document

SUGGESTIONS_SHOWN = 5
# Ranking by meaning encodes every sentence once (then reads it from the database); beyond this many
# sentences in the two sources, a first request would take minutes, so shared words rank them instead.
SEMANTIC_MAX_SENTENCES = 5_000
TOO_BIG_NOTE = (
    "Suggestions for these sources are ranked by shared words only: together they hold more than "
    f"{SEMANTIC_MAX_SENTENCES:,} sentences, too many to rank by meaning while you wait."
)


@dataclass(frozen=True)
class SentenceChoice:
    """A sentence a teacher can pick as one side of a pair; its key names its source too."""

    key: str  # "<source id>:<passage ordinal>:<sentence ordinal>"
    source_id: str
    passage_ordinal: int
    heading: str | None
    text: str
    paragraph: str


@dataclass(frozen=True)
class Counterpart:
    """One ranked candidate from the other source, as the generator's suggester scored it."""

    rank: int
    text: str
    score: float
    confident: bool
    key: str
    relation: str = ""  # proposed from the words of the two sentences (app.bank.generator.relations)
    rationale: str = ""  # the evidence for it, naming both sources, and what to check


def _document(source: Source, bank_dir: Path) -> SourceDocument | None:
    try:
        return source_document(source, bank_dir)
    except SourceUnavailable:
        return None


class SourceShelf:
    """The sources of one request, each parsed, indexed and split into sentences at most once."""

    def __init__(self, session: Session, bank_dir: Path):
        self.sources = {s.id: s for s in session.scalars(select(Source).order_by(Source.position))}
        self.bank_dir = bank_dir
        self._documents: dict[str, SourceDocument | None] = {}
        self._indexes: dict[str, SourceIndex] = {}
        self._sentences: dict[str, list[SentenceChoice]] = {}
        self._suggesters: dict[tuple[str, str], Any] = {}
        self.session = session
        self.ranking = choose()
        self.suggester_note = ""  # shown on the page when the ranking is not by meaning

    def label(self, source_id: str) -> str:
        source = self.sources.get(source_id)
        return source_label(source.short_name) if source else source_id

    def others(self, source_id: str) -> list[str]:
        return [other for other in self.sources if other != source_id]

    def document(self, source_id: str) -> SourceDocument | None:
        if source_id not in self._documents:
            source = self.sources.get(source_id)
            self._documents[source_id] = _document(source, self.bank_dir) if source else None
        return self._documents[source_id]

    def index(self, source_id: str) -> SourceIndex | None:
        """The grounding index ``bank check`` uses; None for an unknown or unreadable source."""
        if source_id not in self._indexes:
            document = self.document(source_id)
            if document is None:
                return None
            self._indexes[source_id] = SourceIndex(document)
        return self._indexes[source_id]

    def sentences(self, source_id: str) -> list[SentenceChoice]:
        """Every sentence that is itself a grounded quote (one running through footnote markup is not)."""
        if source_id not in self._sentences:
            index = self.index(source_id)
            found: list[SentenceChoice] = []
            if index is not None:
                # Sentences come in the text's order, so each is looked for from where the last was found
                # (linear in the text), and only a miss searches the whole text again.
                at = 0
                for passage in index.document.parsed.passages:
                    for number, sentence in enumerate(passage.sentences, start=1):
                        found_at = index.collapsed.find(sentence.text, at)
                        if found_at < 0:
                            found_at = index.collapsed.find(sentence.text)
                        if found_at >= 0:
                            at = found_at
                            key = f"{source_id}:{passage.ordinal}:{number}"
                            found.append(
                                SentenceChoice(
                                    key,
                                    source_id,
                                    passage.ordinal,
                                    passage.heading,
                                    sentence.text,
                                    passage.text,
                                )
                            )
            self._sentences[source_id] = found
        return self._sentences[source_id]

    def sentence(self, key: str) -> SentenceChoice | None:
        source_id = key.split(":", 1)[0]
        return next((s for s in self.sentences(source_id) if s.key == key), None)

    def _suggester(self, source_id: str, other_id: str) -> Any:
        if (source_id, other_id) not in self._suggesters:
            own, other = self.sentences(source_id), self.sentences(other_id)
            name, self.suggester_note = self.ranking.name, self.ranking.note
            if name == "semantic" and len(own) + len(other) > SEMANTIC_MAX_SENTENCES:
                name, self.suggester_note = "lexical", TOO_BIG_NOTE
            self._suggesters[source_id, other_id] = build_suggester(
                name,
                [s.text for s in own],
                [s.text for s in other],
                [s.paragraph for s in own],
                [s.paragraph for s in other],
                store=database_store(self.session) if name == "semantic" else None,
            )
        return self._suggesters[source_id, other_id]

    def counterparts(
        self, source_id: str, claim: str, other_id: str, k: int = SUGGESTIONS_SHOWN
    ) -> list[Counterpart]:
        """The other source's sentences ranked against ``claim``; empty means "no counterpart"."""
        if self.index(source_id) is None or self.index(other_id) is None:
            return []
        claim = collapse_whitespace(claim)
        suggester = self._suggester(source_id, other_id)
        if claim not in suggester.paragraph_of:
            # A quote that is not one whole sentence is still weighed with its paragraph, as sentences are.
            with contextlib.suppress(QuoteNotFound):
                suggester.paragraph_of[claim] = self.index(source_id).locate(claim).passage.text
        others = self.sentences(other_id)
        asked = ClaimSide(claim, self.label(source_id), suggester.paragraph_of.get(claim, ""))
        found_counterparts = []
        for rank, found in enumerate(suggester.suggest(claim, k=k), start=1):
            sentence = others[found.candidate_index]
            proposal = propose_relation(
                asked, ClaimSide(sentence.text, self.label(other_id), sentence.paragraph)
            )
            found_counterparts.append(
                Counterpart(
                    rank,
                    found.text,
                    found.score,
                    found.confident,
                    sentence.key,
                    proposal.relation,
                    proposal.rationale,
                )
            )
        return found_counterparts
