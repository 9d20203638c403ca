"""Export pages under /teach/exports: the bank as the database holds it now, in the formats teachers use.

The database is written out as a bank folder by ``bank dump`` (which proves it passes ``bank check``) and
read back, so a download carries the teacher's latest edits and goes through the very exporters that
``bank export`` uses on the files.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Response, abort, current_app, render_template, request
from sqlalchemy.orm import Session

from app.auth.decorators import role_required
from app.bank.dump import DumpError, DumpInvalid, dump_bank
from app.bank.formats.anki import write_apkg
from app.bank.formats.text_export import export_text
from app.bank.yamlio import BankFiles, read_bank
from app.extensions import db
from app.teacher.bank_views import bp


@dataclass(frozen=True)
class ExportFormat:
    label: str
    file_name: str
    mimetype: str
    about: str


FORMATS = {
    "apkg": ExportFormat(
        "Anki deck", "counterpoint.apkg", "application/octet-stream",
        "Flashcards for Anki: front, back, the supporting passage, the contrasting claim and the source.",
    ),
    "moodle-xml": ExportFormat(
        "Moodle XML", "counterpoint-moodle.xml", "application/xml",
        "For Moodle's question bank import: categories per section, passage and contrast in the feedback.",
    ),
    "gift": ExportFormat(
        "Moodle GIFT", "counterpoint.gift.txt", "text/plain",
        "Moodle's plain-text format: multiple choice, true/false and short answer.",
    ),
    "json": ExportFormat(
        "JSON", "counterpoint.json", "application/json",
        "Everything: sources with their passages, claim pairs and questions, as the README documents.",
    ),
}  # fmt: skip


@contextmanager
def database_bank(session: Session, bank_dir: Path) -> Iterator[BankFiles]:
    """The database's bank as the exporters read it, through a dump into a folder that is then removed."""
    with tempfile.TemporaryDirectory(prefix="counterpoint-export-") as folder:
        target = Path(folder) / "bank"
        dump_bank(session, target, from_root=bank_dir)
        bank, _warnings = read_bank(target)
        yield bank


def export_bytes(bank: BankFiles, fmt: str, include_drafts: bool) -> bytes:
    if fmt == "apkg":
        with tempfile.TemporaryDirectory(prefix="counterpoint-deck-") as folder:
            path = Path(folder) / "deck.apkg"
            write_apkg(bank, path, include_drafts=include_drafts)
            return path.read_bytes()
    return export_text(bank, fmt, include_drafts=include_drafts).encode("utf-8")


@bp.get("/exports")
@role_required("teacher")
def exports() -> str:
    return render_template("teacher/exports.html", formats=FORMATS)


@bp.get("/exports/<fmt>")
@role_required("teacher")
def download(fmt: str) -> Response | tuple[str, int]:
    if fmt not in FORMATS:
        abort(404)
    include_drafts = request.args.get("drafts") == "1"
    try:
        with database_bank(db.session, Path(current_app.config["BANK_DIR"])) as bank:
            data = export_bytes(bank, fmt, include_drafts)
    except DumpInvalid as error:
        problems = [str(issue) for issue in error.issues][:20]
        return render_template("teacher/exports.html", formats=FORMATS, problems=problems), 409
    except DumpError as error:
        return render_template("teacher/exports.html", formats=FORMATS, problems=[str(error)]), 409
    chosen = FORMATS[fmt]
    name = chosen.file_name
    if include_drafts:
        name = name.replace("counterpoint", "counterpoint-with-drafts", 1)
    response = Response(data, mimetype=chosen.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
