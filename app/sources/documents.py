"""Pure: a source's metadata, its text and its parse, read from a bank's ``sources/`` folder."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from app.sources.parser import ParsedText, decode_source, parse_text

LAYOUTS = ("hard-wrapped", "paragraph-per-line")


@dataclass(frozen=True)
class SourceMeta:
    id: str
    file: str
    title: str
    author: str
    short_name: str
    kind: str
    date: str
    citation: str
    about: str
    layout: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    meta: SourceMeta
    text: str
    sha256: str
    parsed: ParsedText


def passage_id(source_id: str, ordinal: int) -> str:
    """Stable passage ids (``dprk-p007``): links and exports keep working while the file is unchanged."""
    return f"{source_id}-p{ordinal:03d}"


def read_source_document(meta: SourceMeta, folder: Path) -> SourceDocument:
    """Read and parse one source file; raises ``OSError`` or ``SourceDecodeError`` with the file named."""
    path = folder / meta.file
    data = path.read_bytes()
    text = decode_source(data, str(path))
    return SourceDocument(
        meta=meta,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        parsed=parse_text(text, layout=meta.layout),
    )
