"""Exports in the browser: the bank as the database holds it now, downloaded for Anki, Moodle or as JSON."""

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import func, select

from app.auth.models import Classroom, User
from app.bank.formats.registry import EXPORT_FORMATS
from app.bank.models import Question
from app.extensions import db
from tests.bank.test_formats import import_deck
from tests.conftest import log_in
from tests.teacher.test_editor import PAIR, create, mc_form, toast_pair

FORMATS = tuple(EXPORT_FORMATS)
NEW_PROMPT = "According to the DPRK publication, what did Stalin propose at the banquet?"


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    db.session.add(toast_pair(PAIR, "published"))  # the pair the editor's form names
    db.session.commit()
    log_in(client, "Ms Rivera")
    return classroom.teacher


def published_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Question).where(Question.status == "published"))


def test_strangers_log_in_and_learners_get_403(
    loaded_app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    for url in ("/teach/exports", *(f"/teach/exports/{fmt}" for fmt in FORMATS)):
        assert client.get(url).status_code == 302, url
    make_user("Ana")
    log_in(client, "Ana")
    for url in ("/teach/exports", *(f"/teach/exports/{fmt}" for fmt in FORMATS)):
        assert client.get(url).status_code == 403, url


def test_the_bank_page_links_to_exports_and_imports(teacher: User, client: FlaskClient) -> None:
    page = client.get("/teach/questions").get_data(as_text=True)
    assert 'href="/teach/exports"' in page and 'href="/teach/import"' in page
    exports = client.get("/teach/exports").get_data(as_text=True)
    for label in ("Anki deck", "Moodle XML", "Moodle GIFT", "JSON"):
        assert f"Download {label}" in exports


def test_downloads_carry_the_teachers_latest_edits_and_drafts_only_when_asked(
    teacher: User, client: FlaskClient
) -> None:
    create(client, "multiple_choice", mc_form(question_id="toast-mc"))
    gift = client.get("/teach/exports/gift")
    assert gift.status_code == 200
    assert gift.headers["Content-Disposition"] == 'attachment; filename="counterpoint.gift.txt"'
    assert "Stalin propose at the banquet" not in gift.get_data(as_text=True)  # a draft
    with_drafts = client.get("/teach/exports/gift", query_string={"drafts": "1"})
    assert "Stalin propose at the banquet" in with_drafts.get_data(as_text=True)
    assert "counterpoint-with-drafts" in with_drafts.headers["Content-Disposition"]
    client.post("/teach/questions/toast-mc/status/publish")
    assert "Stalin propose at the banquet" in client.get("/teach/exports/gift").get_data(as_text=True)


def test_moodle_xml_and_json_hold_every_published_question(teacher: User, client: FlaskClient) -> None:
    xml = ET.fromstring(client.get("/teach/exports/moodle-xml").data)
    quiz_questions = [q for q in xml.iter("question") if q.get("type") != "category"]
    document = json.loads(client.get("/teach/exports/json").data)
    assert len(document["questions"]) == published_count()
    flashcards = sum(q["type"] == "flashcard" for q in document["questions"])
    assert len(quiz_questions) == published_count() - flashcards  # flashcards are not Moodle questions


def test_the_anki_deck_imports_with_a_note_per_published_question(
    teacher: User, client: FlaskClient, tmp_path: Path
) -> None:
    pytest.importorskip("anki.collection", reason="the anki package (test extra) imports the deck")
    response = client.get("/teach/exports/apkg")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    package = tmp_path / "counterpoint.apkg"
    package.write_bytes(response.data)
    collection = import_deck(tmp_path / "collection.anki2", package)
    try:
        assert collection.note_count() == published_count()
    finally:
        collection.close()


def test_an_unknown_format_is_404(teacher: User, client: FlaskClient) -> None:
    assert client.get("/teach/exports/docx").status_code == 404


def test_the_page_offers_each_registered_format_with_its_file_name_and_type(
    teacher: User, client: FlaskClient
) -> None:
    page = client.get("/teach/exports").get_data(as_text=True)
    assert FORMATS == ("apkg", "moodle-xml", "gift", "json")
    for name, chosen in EXPORT_FORMATS.items():
        assert f"Download {chosen.label}" in page and str(escape(chosen.about)) in page
        response = client.get(f"/teach/exports/{name}")
        assert response.status_code == 200, name
        assert response.mimetype == chosen.media_type
        assert response.headers["Content-Disposition"] == f'attachment; filename="{chosen.file_name}"'
