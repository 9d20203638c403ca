"""Pure: the whole bank as one JSON-ready document, for other tools and for review outside the app."""

from typing import Any

from app.bank.content import (
    pair_content_of_spec,
    pair_entry,
    pair_side,
    question_content_of_spec,
    question_entry,
)
from app.bank.evidence import Side, facing_side
from app.bank.schema import ClaimPairSpec, QuestionSpec
from app.bank.yamlio import BankFiles
from app.sources.documents import SourceDocument, passage_id

EXPORT_FORMAT_VERSION = 1


def _source_entry(document: SourceDocument) -> dict[str, Any]:
    meta, parsed = document.meta, document.parsed
    notes_by_passage: dict[int, list[dict[str, Any]]] = {}
    for note in parsed.footnotes:
        if note.passage_ordinal is not None:
            notes_by_passage.setdefault(note.passage_ordinal, []).append(
                {"number": note.number, "text": note.text}
            )
    return {
        "id": meta.id,
        "file": meta.file,
        "sha256": document.sha256,
        "title": meta.title,
        "author": meta.author,
        "short_name": meta.short_name,
        "kind": meta.kind,
        "date": meta.date,
        "citation": meta.citation,
        "about": meta.about,
        "headings": [heading.text for heading in parsed.headings],
        "passages": [
            {
                "id": passage_id(meta.id, p.ordinal),
                "heading": p.heading,
                "text": p.text,
                "footnotes": notes_by_passage.get(p.ordinal, []),
            }
            for p in parsed.passages
        ],
        "uncited_footnotes": [
            {"number": note.number, "text": note.text}
            for note in parsed.footnotes
            if note.passage_ordinal is None
        ],
    }


def _side_entry(side: Side) -> dict[str, Any]:
    """A quoted side, or the record of a source's silence on the point (no words)."""
    return pair_side(side.source_id, side.quote)


def _pair_entry(pair: ClaimPairSpec) -> dict[str, Any]:
    return pair_entry(pair.id, pair_content_of_spec(pair))


def _question_entry(question: QuestionSpec, pairs: dict[str, ClaimPairSpec]) -> dict[str, Any]:
    pair = pairs.get(question.claim_pair) if question.claim_pair else None
    contrast = facing_side(pair.sides, question.support.source) if pair else None
    entry = question_entry(question.id, question_content_of_spec(question), question.status)
    # The other source's claim, resolved, just after the pair it comes from.
    resolved = {**_side_entry(contrast), "relation": pair.relation} if contrast and pair else None
    keys = list(entry)
    at = keys.index("claim_pair") + 1
    return {key: entry[key] for key in keys[:at]} | {"contrast": resolved} | {k: entry[k] for k in keys[at:]}


def export_document(bank: BankFiles) -> dict[str, Any]:
    """Sources with passages and footnotes, claim pairs, and questions with their contrast resolved."""
    pairs = {pair.id: pair for pair in bank.claim_pairs}
    return {
        "format": "counterpoint-bank",
        "version": EXPORT_FORMAT_VERSION,
        "sources": [_source_entry(document) for document in bank.sources],
        "claim_pairs": [_pair_entry(pair) for pair in bank.claim_pairs],
        "questions": [_question_entry(question, pairs) for question in bank.questions],
    }
