"""Export pages under /teach/exports: the bank as the database holds it now, in the formats teachers use.

The database is written out as a bank folder by ``bank dump`` (which proves it passes ``bank check``) and
read back, so a download carries the teacher's latest edits and goes through the very exporters that
``bank export`` uses on the files.
"""

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Response, abort, current_app, render_template, request, url_for
from sqlalchemy.orm import Session

from app.auth.access import guarded_blueprint
from app.bank.dump import DumpError, DumpInvalid, dump_bank
from app.bank.formats.registry import EXPORT_FORMATS, export_bytes
from app.bank.yamlio import BankFiles, read_bank
from app.extensions import db

bp = guarded_blueprint("teacher_exports", __name__, "/teach", "teacher")
READY_TOKEN = re.compile(r"[a-z0-9]{8,32}")  # the page's own ticket for one download, echoed in a cookie


@contextmanager
def database_bank(session: Session, bank_dir: Path) -> Iterator[BankFiles]:
    """The database's bank as the exporters read it, through a dump into a folder that is then removed."""
    with tempfile.TemporaryDirectory(prefix="counterpoint-export-") as folder:
        target = Path(folder) / "bank"
        dump_bank(session, target, from_root=bank_dir)
        bank, _warnings = read_bank(target)
        yield bank


def _exports_page(problems: list[str] | None = None) -> str:
    return render_template("teacher/questions/exports.html", formats=EXPORT_FORMATS, problems=problems)


@bp.get("/exports")
def index() -> str:
    return _exports_page()


@bp.get("/exports/<fmt>")
def download(fmt: str) -> Response | tuple[str, int]:
    if fmt not in EXPORT_FORMATS:
        abort(404)
    include_drafts = request.args.get("drafts") == "1"
    try:
        with database_bank(db.session, Path(current_app.config["BANK_DIR"])) as bank:
            data = export_bytes(bank, fmt, include_drafts)
    except DumpInvalid as error:
        return _exports_page([str(issue) for issue in error.issues][:20]), 409
    except DumpError as error:
        return _exports_page([str(error)]), 409
    chosen = EXPORT_FORMATS[fmt]
    name = chosen.file_name
    if include_drafts:
        name = name.replace("counterpoint", "counterpoint-with-drafts", 1)
    response = Response(data, mimetype=chosen.media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    if READY_TOKEN.fullmatch(ticket := request.args.get("ticket", "")):
        # exports.js waits for this cookie to say the file is ready: a download leaves the page as it was.
        path, secure = url_for(".index"), request.is_secure
        response.set_cookie("export_ready", ticket, max_age=60, path=path, secure=secure, samesite="Lax")
    return response
