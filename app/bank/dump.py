"""Database → bank files: a teacher's browser edits written back in the on-disk format, to commit and share.

Only current content is written: each question's current revision, and no retired question or claim pair
(they are retired because they left the files). The source texts are copied byte for byte from the bank the
database was loaded from, after proving their sha256 is the one loaded; a source uploaded in the browser is
written from the text the database holds, proven the same way.
"""

import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.bank.content import pair_content, pair_entry, question_entry
from app.bank.models import ClaimPair, Question, QuestionRevision
from app.bank.schema import Issue
from app.bank.services import RETIRED
from app.bank.validator import errors_in, validate_bank
from app.bank.yamlio import CLAIM_PAIRS_DIR, QUESTIONS_DIR, SOURCES_FILE, load_yaml_file, read_bank
from app.sources.models import Source
from app.sources.parser import SourceDecodeError, decode_source, parse_text

PAIRS_FILE = f"{CLAIM_PAIRS_DIR}/pairs.yaml"
BANK_PARTS = ("sources", CLAIM_PAIRS_DIR, QUESTIONS_DIR)
HEADER = "# Written by `flask --app app bank dump` from the database. Edit freely, then `bank load`.\n"


class DumpError(Exception):
    """The bank cannot be written; nothing on disk was changed."""


class DumpInvalid(DumpError):
    """The written bank would fail ``bank check``; ``issues`` lists every problem, the target is untouched."""

    def __init__(self, issues: list[Issue]):
        super().__init__(f"{len(errors_in(issues))} problem(s) in the dumped bank; nothing was written")
        self.issues = issues


@dataclass
class DumpReport:
    target: Path
    sources: int = 0
    claim_pairs: int = 0
    questions: int = 0
    drafts: int = 0
    kept: list[str] = field(default_factory=list)  # top-level files of a replaced folder, e.g. README.md


def dump_bank(session: Session, target: Path, from_root: Path, force: bool = False) -> DumpReport:
    """Write the database's current bank into ``target``, replacing the folder whole (only with ``force``).

    ``from_root`` is the bank the database was loaded from: its source texts are copied, and an item that
    is in one of its files is written to a file of the same name, so a commit shows only what changed.
    """
    if target.exists() and not target.is_dir():
        raise DumpError(f"{target} is a file, not a bank folder")
    if target.exists() and any(target.iterdir()) and not force:
        raise DumpError(f"{target} is not empty; use --force to replace it")
    files, report = bank_files(session, from_root)
    report.target = target
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{target.name}.dump-", dir=target.parent))
    try:
        for name, data in files.items():
            path = staged / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        bank, issues = read_bank(staged)
        issues += validate_bank(bank)
        if errors_in(issues):
            raise DumpInvalid(issues)
        if target.exists():
            report.kept = _carry_over_top_level_files(target, staged)
        _move_into_place(staged, target)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return report


def bank_files(session: Session, from_root: Path) -> tuple[dict[str, bytes], DumpReport]:
    """Every file of the bank as ``{relative path: bytes}``, read from the database and ``from_root``."""
    sources = session.scalars(select(Source).order_by(Source.position, Source.id)).all()
    if not sources:
        raise DumpError("nothing loaded yet: the database holds no bank (run `flask --app app bank load`)")
    pairs = session.scalars(select(ClaimPair).where(ClaimPair.status != RETIRED).order_by(ClaimPair.id)).all()
    questions = session.scalars(
        select(Question)
        .where(Question.status != RETIRED)
        .order_by(Question.id)
        .options(selectinload(Question.revisions))
    ).all()
    pair_files, question_files = _file_names_in(from_root)
    files: dict[str, bytes] = {}
    entries = []
    for source in sources:
        name = f"sources/{source.file}"
        data = _source_text(source, from_root / name, name)
        files[name] = data
        entries.append(_source_entry(source, data))
    files[SOURCES_FILE] = _document("sources", entries)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for pair in pairs:
        by_file.setdefault(pair_files.get(pair.id, PAIRS_FILE), []).append(_pair_entry(pair))
    for name, items in by_file.items():
        files[name] = _document("claim_pairs", items)
    by_file = {}
    for question in questions:
        revision = question.current_revision
        default = f"{QUESTIONS_DIR}/{_file_stem(revision.support_source_id)}.yaml"
        by_file.setdefault(question_files.get(question.id, default), []).append(
            _question_entry(question, revision)
        )
    for name, items in by_file.items():
        files[name] = _document("questions", items)
    drafts = sum(question.status == "draft" for question in questions)
    report = DumpReport(Path(), len(sources), len(pairs), len(questions), drafts)
    return dict(sorted(files.items())), report


def _source_text(source: Source, path: Path, name: str) -> bytes:
    """The text the database's passages were parsed from, proven by its sha256; never a different one.

    A source uploaded in the browser has no file in the bank folder: its text comes from the database.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if (stored := _stored_text(source)) is not None:
            return stored
        raise DumpError(
            f"{name}: source {source.id!r} not found in {path.parent.parent}; "
            "use --from with the bank the database was loaded from"
        ) from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != source.sha256:
        raise DumpError(
            f"{name}: source {source.id!r} has sha256 {digest[:12]}… but the database was loaded from "
            f"{source.sha256[:12]}…: the file changed since `bank load`; use --from with the bank it was "
            "loaded from, or load this one first"
        )
    return data


def _stored_text(source: Source) -> bytes | None:
    """The database's copy of the file, byte for byte: decoding dropped only a byte-order mark, if any."""
    if source.text is None:
        return None
    encoded = source.text.encode("utf-8")
    for data in (encoded, b"\xef\xbb\xbf" + encoded):
        if hashlib.sha256(data).hexdigest() == source.sha256:
            return data
    return None


def _source_entry(source: Source, data: bytes) -> dict[str, Any]:
    entry = {
        "id": source.id, "file": source.file, "title": source.title, "author": source.author,
        "short_name": source.short_name, "kind": source.kind, "date": source.date,
        "citation": source.citation, "about": source.about,
    }  # fmt: skip
    # The stored layout is the one used, given or detected; write it only when detection would differ.
    try:
        detected = parse_text(decode_source(data, source.file)).layout
    except SourceDecodeError:
        detected = None
    if detected != source.layout:
        entry["layout"] = source.layout
    return entry


def _pair_entry(pair: ClaimPair) -> dict[str, Any]:
    return _without_empty(pair_entry(pair.id, pair_content(pair), side=_Quote.of_side))


def _question_entry(question: Question, revision: QuestionRevision) -> dict[str, Any]:
    entry = question_entry(question.id, revision.content(), question.status, side=_Quote, listed=list)
    entry["tags"] = _Tags(entry["tags"] or [])
    return _without_empty(entry)


def _without_empty(entry: dict[str, Any]) -> dict[str, Any]:
    """Optional fields are left out when empty, as an author would write them."""
    return {key: value for key, value in entry.items() if value is not None and value != []}


def _file_stem(source_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", source_id) or "questions"


def _file_names_in(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Which file each claim pair and question id is in at ``root``: items keep their file when dumped."""
    found: tuple[dict[str, str], dict[str, str]] = ({}, {})
    for names, folder, key in zip(
        found, (CLAIM_PAIRS_DIR, QUESTIONS_DIR), ("claim_pairs", "questions"), strict=True
    ):
        directory = root / folder
        paths = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]) if directory.is_dir() else []
        for path in paths:
            document, problems = load_yaml_file(path, path.name)
            if problems or not isinstance(document, dict) or not isinstance(document.get(key), list):
                continue
            for item in document[key]:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    names.setdefault(item["id"], f"{folder}/{path.name}")
    return found


class _Quote(dict):
    """A ``{source, quote}`` mapping, written on one line as in the format's README.

    A pair's side with no words is a recorded silence and is written ``{source, silent: true}``.
    """

    def __init__(self, source: str, quote: str, silent: bool = False):
        if silent:
            super().__init__(source=source, silent=True)
        else:
            super().__init__(source=source, quote=_Verbatim(quote))

    @classmethod
    def of_side(cls, source: str, quote: str) -> "_Quote":
        """A pair's side: no words is the source's recorded silence."""
        return cls(source, quote, silent=not quote)


class _Tags(list):
    """Short labels, written on one line: ``[stalin, gratitude]``."""


class _BankDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # list items indented under their key, as authors write them


class _Verbatim(str):
    """Quoted words of a source: always in double quotes, as the format's README writes them."""


def _text_style(dumper: yaml.SafeDumper, text: str) -> str | None:
    """Prose with apostrophes reads better in double quotes than in single quotes with doubled ones."""
    if "\n" in text:
        return "|"
    if "'" in text and '"' not in text and "\\" not in text:
        analysis = dumper.analyze_scalar(text)
        if not (analysis.allow_flow_plain and analysis.allow_block_plain):
            return '"'
    return None


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=_text_style(dumper, text))


def _represent_verbatim(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = _text_style(dumper, text) if '"' in text or "\\" in text else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style=style)


_BankDumper.add_representer(str, _represent_text)
_BankDumper.add_representer(_Verbatim, _represent_verbatim)
_BankDumper.add_representer(
    _Quote, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", dict(v), flow_style=True)
)
_BankDumper.add_representer(
    _Tags, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True)
)


def _document(key: str, items: list[dict[str, Any]]) -> bytes:
    """Block-style YAML, keys in the README's order, unicode kept, one line per value, blank between items."""
    text = yaml.dump(
        {key: items}, Dumper=_BankDumper, sort_keys=False, allow_unicode=True, width=2**31, indent=2
    )
    lines = text.splitlines(keepends=True)
    spaced = [("\n" if line.startswith("  - ") and n > 1 else "") + line for n, line in enumerate(lines)]
    return (HEADER + "".join(spaced)).encode("utf-8")


def _carry_over_top_level_files(target: Path, staged: Path) -> list[str]:
    """Files beside the bank's folders (its README, say) are not bank content: a dump keeps them."""
    kept = []
    for path in sorted(target.iterdir()):
        if path.is_file() and path.name not in BANK_PARTS and not (staged / path.name).exists():
            shutil.copy2(path, staged / path.name)
            kept.append(path.name)
    return kept


def _move_into_place(staged: Path, target: Path) -> None:
    """Two renames on one file system: the target is either the old folder or the new one, never half."""
    if not target.exists():
        staged.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        staged.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
