"""The progress CSV: a row per learner, a BOM for spreadsheets, and no formula a learner's name can plant."""

import csv
import io
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient

from app.auth.models import Classroom
from app.auth.services import enroll
from app.extensions import db
from app.teacher.classes.analytics import ExportRow
from app.teacher.classes.csv_export import BOM, PROGRESS_HEADER, iso_utc, progress_csv, safe_cell
from tests.conftest import log_in
from tests.teacher.test_analytics import answer, questions_of

INJECTIONS = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", '=HYPERLINK("http://x","y")']


def parse(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ana", "Ana"),
        ("Zoë = top", "Zoë = top"),
        (42, "42"),
        (None, ""),
    ],
)
def test_safe_cell_defuses_formulas_only(value, cell) -> None:
    assert safe_cell(value) == cell


def test_iso_utc() -> None:
    assert iso_utc(datetime(2025, 3, 1, 9, 30, 5, 123456, tzinfo=UTC)) == "2025-03-01T09:30:05Z"
    assert iso_utc(datetime(2025, 3, 1, 9, 30)) == "2025-03-01T09:30:00Z"  # naive from SQLite means UTC
    assert iso_utc(None) == ""


def test_progress_csv_pure() -> None:
    joined = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
    rows = [
        ExportRow("Ana", joined, 4, 3, 75, 1, 2, datetime(2025, 1, 7, 10, 15, tzinfo=UTC)),
        ExportRow("=1+1", joined, 0, 0, None, 0, 0, None),
    ]
    text = progress_csv(rows)
    assert "\r\n" in text
    table = parse(text)
    assert tuple(table[0]) == PROGRESS_HEADER
    assert table[1] == ["Ana", "2025-01-06T08:00:00Z", "4", "3", "75", "1", "2", "2025-01-07T10:15:00Z"]
    assert table[2] == ["'=1+1", "2025-01-06T08:00:00Z", "0", "0", "", "0", "0", ""]


def test_the_download(client: FlaskClient, classroom: Classroom, make_user) -> None:
    learners = [make_user(name) for name in ["Ana", *INJECTIONS]]
    for user in learners:
        enroll(db.session, user, classroom)
    outsider = make_user("Outsider")
    db.session.commit()
    mc = questions_of("multiple_choice", 2)
    sources = ("dprk", "weathersby")  # a mix-up names one source for the other, not "both"
    which = next(q for q in questions_of("which_source", 99) if q.current_revision.answer in sources)
    ana = learners[0]
    answer(ana, mc[0], right=True)
    answer(ana, mc[1], right=False)
    wrong_source = next(s for s in ("dprk", "weathersby") if s != which.current_revision.answer)
    answer(ana, which, option=wrong_source)
    answer(outsider, mc[0], right=True)

    log_in(client, "Ms Rivera")
    response = client.get(f"/teach/classes/{classroom.id}/progress.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv" and response.mimetype_params["charset"] == "utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="History_10B-progress.csv"'
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    table = parse(body.decode("utf-8"))
    assert tuple(table[0]) == PROGRESS_HEADER
    rows = {row[0]: row for row in table[1:]}
    assert len(table) == 1 + len(learners)  # one row per learner; the outsider is not in the class
    assert set(rows) == {"Ana", *("'" + name for name in INJECTIONS)}
    assert rows["Ana"][2:7] == ["3", "1", "33", "1", "0"]
    assert rows["Ana"][1].endswith("Z") and rows["Ana"][7].endswith("Z")
    datetime.fromisoformat(rows["Ana"][7])
    assert rows["'+1"][2:] == ["0", "0", "", "0", "0", ""]
    for row in table[1:]:
        assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r"))


def test_an_empty_class_has_only_the_header(client: FlaskClient, classroom: Classroom) -> None:
    log_in(client, "Ms Rivera")
    table = parse(client.get(f"/teach/classes/{classroom.id}/progress.csv").get_data(as_text=True))
    assert table == [list(PROGRESS_HEADER)]
