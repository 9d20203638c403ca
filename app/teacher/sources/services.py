"""A source uploaded in the browser: checked and parsed before anything is saved, then stored whole.

The text lives in the database (``Source.text``), not on one server's disk, so every app server of a school
sees it and ``bank dump`` can write it back as a file.
"""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.utils import secure_filename

from app.bank.models import CURRENT_REVISION, ClaimPair, Question, QuestionRevision
from app.bank.visibility import published_source_ids
from app.sources.documents import SourceDocument, SourceMeta
from app.sources.head import Head, short_name
from app.sources.models import Footnote, Passage, Source
from app.sources.parser import (
    ParsedText,
    SourceDecodeError,
    SourceTooLarge,
    check_parsed_size,
    check_text_lines,
    decode_source,
    parse_text,
)
from app.sources.services import sync_source

MAX_SOURCE_BYTES = 1024 * 1024
MAX_SOURCE_LABEL = "1 MB"
# A slug the generator keeps as it is (lower-case words joined by single hyphens), so its ids stay readable.
SOURCE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SOURCE_ID_MAX = 40
RESERVED_IDS = frozenset({"new", "generate", "drafts"})  # pages under /teach/sources/
# A heading that ends like this is probably text the parser misread: a footnote marker it does not read.
_NOTE_MARK_AT_END = re.compile(r"(?:(?<=[A-Za-z.,;:)”’\"'])\d{1,3}|[¹²³⁰-⁹]+|\[\d{1,3}\]|[*†‡§])$")
_SPEAKER_AT_START = re.compile(r"^(?:Q|A|Question|Answer)[.:]\s")
_ANSWER_WORDS = frozenset(
    {"yes", "no", "sir", "none", "true", "false", "right", "correct", "never", "nothing"}
)


class UploadRefused(ValueError):
    """The file or its details cannot become a source; the message says why and what to do."""


@dataclass(frozen=True)
class SourceDetails:
    """What a teacher types about a source: the sourcing facts learners read first."""

    id: str
    title: str
    author: str
    kind: str
    date: str
    citation: str
    about: str
    short_name: str = ""


def read_upload(data: bytes, filename: str, details: SourceDetails) -> SourceDocument:
    """Decode and parse an uploaded file; raise ``UploadRefused`` with a message a teacher can act on."""
    name = filename or "the file"
    if len(data) > MAX_SOURCE_BYTES:
        raise UploadRefused(
            f"{name} is {len(data) / 1_000_000:.1f} MB; a source may be at most {MAX_SOURCE_LABEL}."
        )
    if not data.strip():
        raise UploadRefused(f"{name} is empty: choose the plain-text file of the source.")
    try:
        text = decode_source(data, name)
    except SourceDecodeError as error:
        raise UploadRefused(str(error)) from None
    if "\x00" in text:
        raise UploadRefused(
            f"{name} holds NUL bytes, so it is not plain text: save the source as a .txt file."
        )
    try:
        check_text_lines(text)
        parsed = parse_text(text)
        check_parsed_size(parsed)
    except SourceTooLarge as error:
        raise UploadRefused(f"{name} is too large to be one source: {error}") from None
    if not parsed.passages:
        raise UploadRefused(f"{name} has no paragraphs of text to quote.")
    details = with_detected_head(details, parsed)
    meta = SourceMeta(
        id=details.id,
        file=secure_filename(filename) or f"{details.id}.txt",
        title=details.title,
        author=details.author,
        short_name=details.short_name or details.title,
        kind=details.kind,
        date=details.date,
        citation=details.citation,
        about=details.about,
    )
    return SourceDocument(meta=meta, text=text, sha256=hashlib.sha256(data).hexdigest(), parsed=parsed)


@dataclass(frozen=True)
class SuspiciousHeading:
    """A heading that is probably not one, and what the teacher can do about it."""

    text: str
    reason: str


def suspicious_headings(parsed: ParsedText) -> list[SuspiciousHeading]:
    """Headings a teacher should look at before saving: a sentence, a stray note marker, a lone answer."""
    found = []
    for heading in parsed.headings:
        text = heading.text
        words = text.split()
        bare = [w.strip(".,;:!?") for w in (words[1:] if _SPEAKER_AT_START.match(text) else words)]
        if _SPEAKER_AT_START.match(text):
            reason = "starts with a speaker label: a question or answer of a transcript, not a heading"
        elif text.endswith("."):
            reason = "ends in a full stop: it reads as a sentence, so it may belong to a paragraph"
        elif match := _NOTE_MARK_AT_END.search(text):
            reason = (
                f"ends in “{match.group()}”, which looks like a footnote marker in a style the parser "
                "does not read: it stays in the text"
            )
        elif len(bare) == 1 and (len(bare[0]) <= 3 or bare[0].lower() in _ANSWER_WORDS):
            reason = "is one short word: probably an answer or a fragment rather than a section heading"
        else:
            continue
        found.append(SuspiciousHeading(text, reason))
    return found


def with_detected_head(details: SourceDetails, parsed: ParsedText) -> SourceDetails:
    """Fill only what the teacher left empty from the text's head: what the teacher typed always wins."""
    title = details.title
    if not title and parsed.title:
        title = f"{parsed.title}: {parsed.subtitle}" if parsed.subtitle else parsed.title
    author = details.author or parsed.author or ""
    short = details.short_name
    if not short and not details.title and not details.author and parsed.author:
        head = Head(title=parsed.title, author=parsed.author, author_is_person=parsed.author_is_person)
        short = short_name(head) or ""
    return replace(details, title=title[:255], author=author[:255], short_name=short[:120])


def conflicts(session: Session, document: SourceDocument) -> list[str]:
    """Why this source cannot join the ones stored: its id is taken, or the same file is already here."""
    problems = []
    if document.meta.id in RESERVED_IDS:
        problems.append(f"“{document.meta.id}” names a page of the app; choose another id.")
    elif session.get(Source, document.meta.id) is not None:
        problems.append(f"A source with the id “{document.meta.id}” already exists; choose another id.")
    twin = session.scalar(select(Source).where(Source.sha256 == document.sha256))
    if twin is not None:
        problems.append(
            f"This file is identical to the source “{twin.title}” ({twin.id}), which is already in the app."
        )
    return problems


def _free_file_name(session: Session, document: SourceDocument) -> str:
    """Files share one folder when the bank is dumped, so an uploaded file's name must be unused."""
    taken = set(session.scalars(select(Source.file)))
    name = document.meta.file
    if name in taken or name == "sources.yaml":
        name = f"{document.meta.id}.txt"
    number = 2
    while name in taken:
        name = f"{document.meta.id}-{number}.txt"
        number += 1
    return name


def add_source(session: Session, document: SourceDocument) -> Source:
    """Store a new source after the page's checks, placed after every other; the caller commits."""
    problems = conflicts(session, document)
    if problems:
        raise UploadRefused(" ".join(problems))
    meta = SourceMeta(**{**document.meta.__dict__, "file": _free_file_name(session, document)})
    stored = SourceDocument(meta=meta, text=document.text, sha256=document.sha256, parsed=document.parsed)
    position = (session.scalar(select(func.max(Source.position))) or 0) + 1
    sync_source(session, stored, position)
    session.flush()
    source = session.get(Source, meta.id)
    assert source is not None
    return source


@dataclass(frozen=True)
class SourceRow:
    source: Source
    passages: int
    footnotes: int
    questions: Counter[str]  # by status
    seen_by_learners: bool


def source_rows(session: Session) -> list[SourceRow]:
    """Every source with what a teacher checks first: its size, its questions and who can see it."""
    sources = session.scalars(select(Source).order_by(Source.position, Source.id)).all()
    published = published_source_ids(session)
    passages = dict(
        session.execute(select(Passage.source_id, func.count()).group_by(Passage.source_id)).all()
    )
    footnotes = dict(
        session.execute(select(Footnote.source_id, func.count()).group_by(Footnote.source_id)).all()
    )
    questions: dict[str, Counter[str]] = {s.id: Counter() for s in sources}
    for source_id, status, count in session.execute(
        select(QuestionRevision.support_source_id, Question.status, func.count())
        .join(Question, CURRENT_REVISION)
        .group_by(QuestionRevision.support_source_id, Question.status)
    ):
        questions.setdefault(source_id, Counter())[status] = count
    return [
        SourceRow(s, passages.get(s.id, 0), footnotes.get(s.id, 0), questions[s.id], s.id in published)
        for s in sources
    ]


def pairs_citing(session: Session, source_id: str) -> Counter[str]:
    """Claim pairs with a side in the source, by status."""
    rows = session.execute(
        select(ClaimPair.status, func.count())
        .where((ClaimPair.a_source_id == source_id) | (ClaimPair.b_source_id == source_id))
        .group_by(ClaimPair.status)
    )
    return Counter({status: count for status, count in rows})


def stored_parse(source: Source) -> ParsedText | None:
    """The source parsed again from its stored text, for what is not stored: headings and anomalies."""
    if source.text is None:
        return None
    return parse_text(source.text, layout=source.layout)
