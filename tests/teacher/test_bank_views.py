"""The teacher's read-only bank browser: access, the filtered list, and the learner's-eye preview."""

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import func, select

from app.auth.models import Classroom, User
from app.auth.services import enroll
from app.bank.models import Question
from app.extensions import db
from app.learner.models import Attempt, Presentation
from app.teacher.questions import queries as bank_queries
from tests.conftest import log_in
from tests.teacher.test_analytics import answer

LIST = "/teach/questions"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def listed_ids(page: str) -> list[str]:
    return re.findall(r'href="/teach/questions/([^"]+)"', page)


def everything(client: FlaskClient, **args: str) -> list[str]:
    """Every question id the list shows for these filters, over all its pages."""
    ids, page = [], 1
    while True:
        html = client.get(LIST, query_string={**args, "page": page}).get_data(as_text=True)
        ids += listed_ids(html)
        if 'rel="next"' not in html:
            return ids
        page += 1


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    log_in(client, "Ms Rivera")
    return classroom.teacher


def question_with_pair() -> Question:
    return db.session.get(Question, "dprk-intro-mc-1")


# --- access ----------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(loaded_app: Flask, client: FlaskClient) -> None:
    for url in (LIST, f"{LIST}/dprk-intro-mc-1"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_learners_are_refused_both_pages(learner: User, client: FlaskClient) -> None:
    for url in (LIST, f"{LIST}/dprk-intro-mc-1"):
        response = client.get(url)
        assert response.status_code == 403
        assert "This page is for teachers." in response.get_data(as_text=True)


def test_teachers_see_the_link_in_the_menu(teacher: User, client: FlaskClient) -> None:
    assert f'href="{LIST}"' in client.get("/teach/").get_data(as_text=True)


# --- the list --------------------------------------------------------------------------------------------


def test_the_list_counts_the_whole_bank_and_pages_by_fifty(teacher: User, client: FlaskClient) -> None:
    total = count(Question)
    first = client.get(LIST).get_data(as_text=True)
    assert f"{total} questions in the bank" in first
    assert len(listed_ids(first)) == bank_queries.PER_PAGE
    assert sorted(everything(client)) == sorted(db.session.scalars(select(Question.id)))


def test_filters_narrow_the_list(teacher: User, client: FlaskClient) -> None:
    true_false = everything(client, type="true_false")
    assert true_false
    assert all(db.session.get(Question, qid).current_revision.type == "true_false" for qid in true_false)
    expected = [q for q in db.session.scalars(select(Question)) if q.current_revision.type == "true_false"]
    assert len(true_false) == len(expected)

    dprk = everything(client, source="dprk")
    assert dprk and all(
        db.session.get(Question, q).current_revision.support_source_id == "dprk" for q in dprk
    )
    assert len(dprk) < count(Question)

    both = everything(client, source="dprk", type="true_false")
    assert set(both) == set(dprk) & set(true_false)

    tagged = everything(client, tag="thesis")
    assert "dprk-intro-mc-1" in tagged
    assert all("thesis" in db.session.get(Question, q).current_revision.tags for q in tagged)


def test_status_filter_finds_a_draft(teacher: User, client: FlaskClient) -> None:
    assert everything(client, status="draft") == []
    question_with_pair().status = "draft"
    db.session.commit()
    page = client.get(LIST, query_string={"status": "draft"}).get_data(as_text=True)
    assert listed_ids(page) == ["dprk-intro-mc-1"]
    assert f"1 of {count(Question)} questions match" in page


def test_search_matches_prompt_words_and_ids_case_insensitively(teacher: User, client: FlaskClient) -> None:
    found = everything(client, q="PRINCIPLE OF INDEPENDENCE")
    assert "dprk-intro-mc-1" in found and len(found) < count(Question)
    assert everything(client, q="dprk-intro-MC-1") == ["dprk-intro-mc-1"]
    assert everything(client, q="no question says zzyzx") == []


def test_needs_checking_lists_items_flagged_in_my_classes(
    teacher: User, client: FlaskClient, classroom: Classroom, make_user: Callable[..., User]
) -> None:
    assert everything(client, needs_checking="1") == []
    question = question_with_pair()
    for name in ("Ana", "Ben", "Cy", "Di", "Ed"):
        learner = make_user(name)
        enroll(db.session, learner, classroom)
        db.session.commit()
        answer(learner, question)  # all right first time: "very easy", once five have answered
        assert everything(client, needs_checking="1") == (["dprk-intro-mc-1"] if name == "Ed" else [])


def test_the_list_needs_two_queries_whatever_the_bank_size(loaded_app: Flask) -> None:
    from tests.teacher.test_analytics import counting_queries

    with counting_queries() as statements:
        result = bank_queries.bank_page(db.session, bank_queries.BankFilters(type="typed"))
    assert result.total and len(statements) == 2


# --- the preview -----------------------------------------------------------------------------------------


def test_preview_shows_the_question_and_the_feedback_without_recording_anything(
    teacher: User, client: FlaskClient
) -> None:
    question = question_with_pair()
    revision = question.current_revision
    pair = revision.claim_pair
    before = count(Presentation), count(Attempt)
    response = client.get(f"{LIST}/{question.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert str(escape(revision.prompt)) in page
    positions = [page.index(str(escape(choice))) for choice in revision.choices]
    assert positions == sorted(positions)  # stored order, not shuffled
    assert "✓ Right" in page and str(escape(revision.answer)) in page
    assert f"<mark>{escape(revision.support_quote)}</mark>" in page
    assert str(escape(pair.b_quote if pair.a_source_id == "dprk" else pair.a_quote)) in page
    assert "What the other source says" in page
    assert {"contradicts": "contradict", "qualifies": "qualifies", "corroborates": "corroborate"}[
        pair.relation
    ] in page
    assert str(escape(pair.rationale)) in page
    assert "Revision history" in page and str(escape(revision.reason)) in page
    assert "learners do not see this" not in page
    assert (count(Presentation), count(Attempt)) == before


def test_a_draft_preview_carries_a_banner_and_escapes_bank_text(teacher: User, client: FlaskClient) -> None:
    question = question_with_pair()
    question.status = "draft"
    question.current_revision.prompt = "According to <b>the DPRK</b> publication?"
    db.session.commit()
    page = client.get(f"{LIST}/{question.id}").get_data(as_text=True)
    assert "Draft: learners do not see this." in page
    assert "<b>the DPRK</b>" not in page and "&lt;b&gt;the DPRK&lt;/b&gt;" in page
    listing = client.get(LIST, query_string={"q": "the dprk</b>"}).get_data(as_text=True)
    assert "<b>the DPRK</b>" not in listing and listed_ids(listing) == [question.id]


def test_every_shipped_question_previews(teacher: User, client: FlaskClient) -> None:
    for question_id in db.session.scalars(select(Question.id)):
        assert client.get(f"{LIST}/{question_id}").status_code == 200, question_id


def test_an_unknown_question_is_not_found(teacher: User, client: FlaskClient) -> None:
    response = client.get(f"{LIST}/no-such-question")
    assert response.status_code == 404
    assert "There is no question with the id “no-such-question” in the bank." in response.get_data(
        as_text=True
    )
