"""The editor's quote picker with a huge stored source: the page holds a window of passages, never the whole
source, and the rest comes a window at a time from a JSON endpoint guarded like every teacher page."""

import hashlib
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Classroom, User
from app.extensions import db
from app.sources.documents import SourceDocument, SourceMeta
from app.sources.parser import parse_text
from app.sources.services import sync_source
from app.teacher.questions.grounding import PICKER_PASSAGES
from tests.conftest import log_in

PER_PASSAGE = 10
PASSAGES = 9_900  # 99,000 sentences: far past the upload limits, but a stored source may be this big
PAGE_BOUND = 300_000  # bytes: the editor page with its windows, whatever the size of the sources


def _store_big_source() -> None:
    text = "\n\n".join(
        " ".join(f"Passage {p} sentence {n} here." for n in range(PER_PASSAGE))
        for p in range(1, PASSAGES + 1)
    )
    meta = SourceMeta("big", "big.txt", "A big source", "-", "big", "-", "-", "-", "-")
    document = SourceDocument(meta, text, hashlib.sha256(text.encode()).hexdigest(), parse_text(text))
    sync_source(db.session, document, 99)
    db.session.commit()


@pytest.fixture(scope="module")
def big_source_text_ok() -> None:
    """Parsing once is enough to check the generated text has the shape the tests rely on."""
    parsed = parse_text(" ".join(f"Passage 1 sentence {n} here." for n in range(PER_PASSAGE)))
    assert len(parsed.passages[0].sentences) == PER_PASSAGE


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient, big_source_text_ok: None) -> User:
    _store_big_source()
    log_in(client, "Ms Rivera")
    return classroom.teacher


def test_the_editor_page_stays_small_with_a_huge_stored_source(teacher: User, client: FlaskClient) -> None:
    for query in ({"type": "typed", "source": "big"}, {"type": "typed"}):
        response = client.get("/teach/questions/new", query_string=query)
        assert response.status_code == 200
        assert len(response.data) < PAGE_BOUND, len(response.data)
        page = response.get_data(as_text=True)
        assert "Passage 1 sentence 0 here." in page and f"Passage {PASSAGES} sentence" not in page
        assert page.count('data-source="big"') == 1 and 'data-url="/teach/picker/big"' in page


def test_editing_a_question_opens_the_window_holding_its_quote(teacher: User, client: FlaskClient) -> None:
    form = {
        "prompt": "According to the big source, what is said?", "answer": "Nothing", "accepted_answers": "",
        "explanation": "It is a test.", "support_source_id": "big",
        "support_quote": "Passage 7000 sentence 3 here.", "claim_pair_id": "", "skill": "close_reading",
        "tags": "", "reason": "", "question_id": "big-typed",
    }  # fmt: skip
    response = client.post("/teach/questions/new", query_string={"type": "typed"}, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = client.get("/teach/questions/big-typed/edit")
    assert len(page.data) < PAGE_BOUND
    text = page.get_data(as_text=True)
    assert 'id="pick-big-p7000"' in text and 'id="pick-big-p001"' not in text
    assert 'data-before="6997"' in text  # earlier passages can be fetched


def test_the_json_windows_walk_the_source_and_find_words_anywhere(teacher: User, client: FlaskClient) -> None:
    first = client.get("/teach/picker/big").get_json()
    assert [p["ordinal"] for p in first["passages"]] == list(range(1, PICKER_PASSAGES + 1))
    assert first["previous"] is None and first["next"] == PICKER_PASSAGES + 1
    parts = first["passages"][0]["parts"]
    assert parts[0] == ["Passage 1 sentence 0 here.", 1] and parts[1] == [" ", None]
    later = client.get("/teach/picker/big", query_string={"start": first["next"]}).get_json()
    assert later["passages"][0]["ordinal"] == PICKER_PASSAGES + 1 and later["previous"] == PICKER_PASSAGES + 1
    earlier = client.get("/teach/picker/big", query_string={"before": 100}).get_json()
    assert [p["ordinal"] for p in earlier["passages"]] == list(range(100 - PICKER_PASSAGES, 100))
    last = client.get("/teach/picker/big", query_string={"start": PASSAGES}).get_json()
    assert [p["ordinal"] for p in last["passages"]] == [PASSAGES] and last["next"] is None
    found = client.get("/teach/picker/big", query_string={"find": "PASSAGE 9876 sentence"}).get_json()
    assert [p["ordinal"] for p in found["passages"]] == [9876] and found["next"] is None
    assert client.get("/teach/picker/big", query_string={"find": "%"}).get_json()["passages"] == []
    assert client.get("/teach/picker/nowhere").status_code == 404


def test_the_json_windows_are_for_teachers_only(
    loaded_app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    response = client.get("/teach/picker/dprk")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    make_user("Ana")
    log_in(client, "Ana")
    assert client.get("/teach/picker/dprk").status_code == 403
