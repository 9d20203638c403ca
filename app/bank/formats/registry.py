"""Pure: the one list of export formats, each with its label, file name, media type and writer.

``bank export`` and the teacher's export page both read it, so a new format is one entry here and a
writer beside it in this package.
"""

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.bank.formats.anki import write_apkg
from app.bank.formats.gift import export_gift
from app.bank.formats.json_export import export_document
from app.bank.formats.moodle_xml import export_moodle_xml
from app.bank.yamlio import BankFiles

Writer = Callable[[BankFiles, bool], bytes]  # (bank, include_drafts) -> the file's bytes


@dataclass(frozen=True)
class ExportFormat:
    name: str  # what `bank export --format` and the download URL call it
    label: str
    file_name: str
    media_type: str
    about: str  # one line for the teacher choosing a download
    write: Writer
    text: bool = True  # UTF-8 text, so it may go to standard output


def _anki_deck(bank: BankFiles, include_drafts: bool) -> bytes:
    """genanki writes to a file only, so the deck goes through a temporary one."""
    with tempfile.TemporaryDirectory(prefix="counterpoint-deck-") as folder:
        path = Path(folder) / "deck.apkg"
        write_apkg(bank, path, include_drafts=include_drafts)
        return path.read_bytes()


def _json(bank: BankFiles, _include_drafts: bool) -> bytes:
    """The JSON export always holds everything, each item with its status."""
    return (json.dumps(export_document(bank), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "apkg", "Anki deck", "counterpoint.apkg", "application/octet-stream",
            "Flashcards for Anki: front, back, the supporting passage, the contrasting claim and the source.",
            _anki_deck, text=False,
        ),
        ExportFormat(
            "moodle-xml", "Moodle XML", "counterpoint-moodle.xml", "application/xml",
            "For Moodle's question bank import: categories per section, passage and contrast in feedback.",
            lambda bank, drafts: export_moodle_xml(bank, include_drafts=drafts).encode("utf-8"),
        ),
        ExportFormat(
            "gift", "Moodle GIFT", "counterpoint.gift.txt", "text/plain",
            "Moodle's plain-text format: multiple choice, true/false and short answer.",
            lambda bank, drafts: export_gift(bank, include_drafts=drafts).encode("utf-8"),
        ),
        ExportFormat(
            "json", "JSON", "counterpoint.json", "application/json",
            "Everything: sources with their passages, claim pairs and questions, as the README documents.",
            _json,
        ),
    )
}  # fmt: skip


def export_bytes(bank: BankFiles, name: str, include_drafts: bool = False) -> bytes:
    """The bank in format ``name``; published questions only unless ``include_drafts`` (JSON: everything)."""
    try:
        chosen = EXPORT_FORMATS[name]
    except KeyError:
        raise ValueError(
            f"unknown export format {name!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        ) from None
    return chosen.write(bank, include_drafts)
