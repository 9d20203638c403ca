"""A source stored in the database as the grounding law reads it: its text, re-parsed by the same parser.

The database keeps each source's text; a source loaded before it did has only the sha256 of its file in
the bank folder, which must still match. Every page that grounds a quote (editor, claim map, imports) reads
sources through here, so the browser and `bank check` parse exactly the same text.
"""

from pathlib import Path

from app.sources.documents import SourceDocument, SourceMeta, read_source_document
from app.sources.models import Source
from app.sources.parser import SourceDecodeError, parse_text


class SourceUnavailable(RuntimeError):
    """The text a source was parsed from cannot be found; the message says what to run."""


def source_meta(source: Source) -> SourceMeta:
    return SourceMeta(
        id=source.id, file=source.file, title=source.title, author=source.author,
        short_name=source.short_name, kind=source.kind, date=source.date, citation=source.citation,
        about=source.about, layout=source.layout,
    )  # fmt: skip


def source_document(source: Source, bank_dir: Path) -> SourceDocument:
    """The stored text re-parsed; for a source stored before texts were, its file proven by sha256."""
    meta = source_meta(source)
    if source.text is not None:
        return SourceDocument(meta, source.text, source.sha256, parse_text(source.text, layout=source.layout))
    try:
        document = read_source_document(meta, bank_dir / "sources")
    except (OSError, SourceDecodeError):
        raise SourceUnavailable(
            f"The text of source {source.id!r} is not in the database and {source.file} is not in the "
            "bank folder; run `flask --app app bank load` again."
        ) from None
    if document.sha256 != source.sha256:
        raise SourceUnavailable(
            f"{source.file} changed since the bank was loaded; run `flask --app app bank load` first."
        )
    return document
