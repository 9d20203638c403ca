"""Pure: the class's progress as CSV text that spreadsheets open safely and correctly.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and some strip a leading
tab or carriage return first), so a learner called ``=HYPERLINK(...)`` could plant a link or a command in the
teacher's sheet. Every such cell is prefixed with a single quote, which spreadsheets show as text. The text
begins with a byte order mark: without it, Excel reads UTF-8 as a legacy code page and garbles names.
"""

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Protocol

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_HEADER = (
    "Name",
    "Joined (UTC)",
    "Answered",
    "Correct",
    "Accuracy %",
    "Attribution mix-ups",
    "Cards due",
    "Last active (UTC)",
)


class ProgressRow(Protocol):
    name: str
    joined_at: datetime
    answered: int
    correct: int
    accuracy_percent: int | None
    mixups: int
    cards_due: int
    last_active: datetime | None


def safe_cell(value: object) -> str:
    """The cell as text, defused if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def iso_utc(moment: datetime | None) -> str:
    """ISO 8601 in UTC with a ``Z``, to the second: ``2025-03-01T09:30:00Z``; empty for never."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # SQLite hands back naive datetimes; the app stores UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def progress_csv(rows: Iterable[ProgressRow]) -> str:
    """A header and one line per learner, CRLF line ends (RFC 4180), with a BOM in front."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(title) for title in PROGRESS_HEADER])
    for row in rows:
        writer.writerow(
            safe_cell(value)
            for value in (
                row.name,
                iso_utc(row.joined_at),
                row.answered,
                row.correct,
                row.accuracy_percent,
                row.mixups,
                row.cards_due,
                iso_utc(row.last_active),
            )
        )
    return BOM + buffer.getvalue()
