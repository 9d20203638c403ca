"""Writes for sources: keep the stored parse in step with the files, given an explicit session."""

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from app.sources.documents import SourceDocument, passage_id
from app.sources.models import Footnote, Passage, Sentence, Source


def sync_source(session: Session, document: SourceDocument, position: int) -> bool:
    """Upsert one source, re-storing its passages only when the file changed; say whether anything did."""
    meta = document.meta
    source = session.get(Source, meta.id)
    fields = {
        "file": meta.file,
        "title": meta.title,
        "author": meta.author,
        "short_name": meta.short_name,
        "kind": meta.kind,
        "date": meta.date,
        "citation": meta.citation,
        "about": meta.about,
        "layout": document.parsed.layout,
        "position": position,
    }
    if source is None:
        source = Source(id=meta.id, sha256=document.sha256, text=document.text, **fields)
        session.add(source)
        _store_parse(session, document)
        return True
    changed = any(getattr(source, name) != value for name, value in fields.items())
    if source.text != document.text:  # rows loaded before the text was stored get it now, file unchanged
        source.text = document.text
        changed = True
    for name, value in fields.items():
        setattr(source, name, value)
    if source.sha256 != document.sha256:
        source.sha256 = document.sha256
        session.execute(delete(Footnote).where(Footnote.source_id == meta.id))
        passage_ids = [p.id for p in source.passages]
        session.execute(delete(Sentence).where(Sentence.passage_id.in_(passage_ids)))
        session.execute(delete(Passage).where(Passage.source_id == meta.id))
        session.expire(source, ["passages", "footnotes"])
        _store_parse(session, document)
        changed = True
    return changed


def _store_parse(session: Session, document: SourceDocument) -> None:
    """Insert the passages, sentences and footnotes in three statements: linear, no object per row."""
    session.flush()  # the source row first: the inserts below bypass the unit of work
    source_id = document.meta.id
    ids_by_ordinal = {p.ordinal: passage_id(source_id, p.ordinal) for p in document.parsed.passages}
    passages = [
        {
            "id": ids_by_ordinal[p.ordinal],
            "source_id": source_id,
            "ordinal": p.ordinal,
            "heading": p.heading,
            "text": p.text,
            "start": p.start,
            "end": p.end,
        }
        for p in document.parsed.passages
    ]
    sentences = [
        {"passage_id": ids_by_ordinal[p.ordinal], "ordinal": n, "start": s.start, "end": s.end}
        for p in document.parsed.passages
        for n, s in enumerate(p.sentences, start=1)
    ]
    footnotes, stored_numbers = [], set()
    for note in document.parsed.footnotes:
        if note.number in stored_numbers:  # a duplicate body is a parser anomaly, reported at check time
            continue
        stored_numbers.add(note.number)
        footnotes.append(
            {
                "source_id": source_id,
                "number": note.number,
                "text": note.text,
                "passage_id": ids_by_ordinal.get(note.passage_ordinal) if note.passage_ordinal else None,
            }
        )
    for model, rows in ((Passage, passages), (Sentence, sentences), (Footnote, footnotes)):
        if rows:
            session.execute(insert(model), rows)
    source = session.get(Source, source_id)
    if source is not None:
        session.expire(source, ["passages", "footnotes"])
