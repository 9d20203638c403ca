"""The editor's picker offers only sentences that save: one running through a blanked footnote marker is
shown as text but not offered, so a teacher never picks a quote the validator then refuses."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Classroom, User
from app.bank.grounding import QuoteNotFound
from app.extensions import db
from app.sources.models import Passage, Sentence
from app.teacher.questions.grounding import BankView
from tests.conftest import SHIPPED_BANK, log_in

THROUGH_A_MARKER = "Although Stalin had sharply limited the range of Soviet air operations"
BEFORE_IT = "Kim proposed that they increase their anti-aircraft artillery strength"


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    log_in(client, "Ms Rivera")
    return classroom.teacher


def offered_sentences(client: FlaskClient, source_id: str, **query: object) -> list[str]:
    window = client.get(f"/teach/picker/{source_id}", query_string=query).get_json()
    return [text for passage in window["passages"] for text, number in passage["parts"] if number]


def every_offered_sentence(client: FlaskClient, source_id: str) -> list[str]:
    sentences, start = [], 1
    while start is not None:
        window = client.get(f"/teach/picker/{source_id}", query_string={"start": start}).get_json()
        sentences += [text for p in window["passages"] for text, number in p["parts"] if number]
        start = window["next"]
    return sentences


def test_a_sentence_through_a_footnote_marker_is_shown_but_not_offered(
    teacher: User, client: FlaskClient
) -> None:
    window = client.get("/teach/picker/weathersby", query_string={"find": THROUGH_A_MARKER}).get_json()
    (passage,) = window["passages"]
    shown = "".join(text for text, _number in passage["parts"])
    assert THROUGH_A_MARKER in shown  # the paragraph is whole, to read and to copy from
    offered = offered_sentences(client, "weathersby", find=THROUGH_A_MARKER)
    assert not any(THROUGH_A_MARKER in sentence for sentence in offered)
    assert any(sentence.startswith(BEFORE_IT) for sentence in offered)
    view = BankView(db.session, SHIPPED_BANK)
    with pytest.raises(QuoteNotFound):  # what the picker no longer offers, the save would refuse
        view.ground("weathersby", next(t for t, _n in passage["parts"] if t.startswith(THROUGH_A_MARKER)))


@pytest.mark.parametrize(("source_id", "refused"), [("dprk", 0), ("weathersby", 1)])
def test_every_sentence_the_picker_offers_is_grounded_as_it_stands(
    loaded_app: Flask, teacher: User, client: FlaskClient, source_id: str, refused: int
) -> None:
    view = BankView(db.session, SHIPPED_BANK)
    offered = every_offered_sentence(client, source_id)
    stored = db.session.scalar(
        select(func.count()).select_from(Sentence).join(Passage).where(Passage.source_id == source_id)
    )
    assert len(offered) == stored - refused
    for sentence in offered:
        grounded = view.ground(source_id, sentence)
        assert (grounded.quote, grounded.replaced) == (sentence, False)


def test_the_editor_page_does_not_offer_it_either(teacher: User, client: FlaskClient) -> None:
    page = client.get("/teach/questions/new", query_string={"type": "typed", "source": "weathersby"})
    text = page.get_data(as_text=True)
    assert THROUGH_A_MARKER in text  # the first window of the paper holds its paragraph
    assert re.search(r'data-sentence="\d+">' + re.escape(THROUGH_A_MARKER), text) is None
    assert re.search(r'data-sentence="\d+">' + re.escape(BEFORE_IT), text) is not None
