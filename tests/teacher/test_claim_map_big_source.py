"""The claim map with a huge stored source: each side's sentence menu holds the paragraphs around its quote,
never the whole source, so the new-pair, edit and suggest pages stay small."""

import pytest
from flask.testing import FlaskClient

from app.auth.models import Classroom, User
from app.teacher.claims.forms import MENU_SENTENCES
from tests.conftest import log_in
from tests.teacher.test_editor_picker import PAGE_BOUND, PASSAGES, _store_big_source


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    _store_big_source()
    log_in(client, "Ms Rivera")
    return classroom.teacher


def _options_of_big(page: str) -> int:
    return page.count('value="big:')


def test_a_new_pair_on_a_huge_source_lists_a_window_of_sentences(teacher: User, client: FlaskClient) -> None:
    response = client.get("/teach/claims/new", query_string={"a_sentence": "big:1:1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert len(response.data) < PAGE_BOUND, len(response.data)
    assert 0 < _options_of_big(page) <= MENU_SENTENCES
    assert f"Passage {PASSAGES} sentence" not in page


def test_the_menu_opens_around_the_quote_and_its_pick_is_taken(teacher: User, client: FlaskClient) -> None:
    response = client.get(
        "/teach/claims/new",
        query_string={"a_source": "big", "a_quote": "Passage 7000 sentence 3 here.", "b_sentence": "big:9:1"},
    )
    page = response.get_data(as_text=True)
    assert len(response.data) < PAGE_BOUND
    assert 'value="big:7000:4"' in page and 'value="big:1:1"' not in page
    assert 'value="big:6997:1"' in page  # a few paragraphs before the quote's
    assert 'value="big:9:1"' in page  # the other side's menu opens around its own quote


def test_the_suggest_page_lists_a_window_around_the_claim(teacher: User, client: FlaskClient) -> None:
    response = client.get("/teach/claims/suggest", query_string={"source": "big", "sentence": "big:5000:2"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert len(response.data) < PAGE_BOUND, len(response.data)
    assert "Passage 5000 sentence 1 here." in page and "Passage 1 sentence 0 here." not in page
