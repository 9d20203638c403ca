"""Every learner page loads for a learner and sends strangers to log in; all feedback shows both sources."""

import random

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import User
from app.bank.models import Question
from app.bank.types import quiz_types
from app.extensions import db
from app.learner import quiz
from app.sources.parser import collapse_whitespace

LEARNER_PAGES = ["/study", "/quiz", "/cards", "/cards/review", "/progress"]


@pytest.mark.parametrize("path", LEARNER_PAGES)
def test_learner_pages_load(client: FlaskClient, learner: User, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "Log out" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", LEARNER_PAGES)
def test_learner_pages_send_strangers_to_log_in(client: FlaskClient, loaded_app, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_meet_the_sources_is_open_to_all(client: FlaskClient, loaded_app) -> None:
    page = client.get("/meet").get_data(as_text=True)
    assert "Meet the sources" in page
    assert "Kathryn Weathersby" in page
    assert "Who wrote" in page or "who made it" in page
    assert 'href="/read"' in page


def test_progress_reflects_an_answer(client: FlaskClient, learner: User) -> None:
    assert "Answer a few questions" in client.get("/progress").get_data(as_text=True)
    response = client.post("/quiz/next", data={"type": "which_source"})
    token = response.headers["Location"].rsplit("/", 1)[-1]
    client.post(f"/quiz/q/{token}", data={"response": "0"})
    page = client.get("/progress").get_data(as_text=True)
    assert "Answer a few questions" not in page
    assert 'role="img"' in page


def test_a_learner_can_join_a_second_class(client: FlaskClient, learner: User, classroom) -> None:
    page = client.get("/join").get_data(as_text=True)
    assert "Join another class" in page
    response = client.post("/join", data={"join_code": classroom.join_code})
    assert response.status_code == 302
    assert "History 10B" in client.get("/study").get_data(as_text=True)


def test_keep_progress_is_only_for_guests(client: FlaskClient, learner: User) -> None:
    response = client.get("/account/keep")
    assert response.status_code == 302
    assert response.headers["Location"] == "/study"


def test_every_published_question_s_feedback_shows_a_quote_from_each_source(
    client: FlaskClient, learner: User
) -> None:
    questions = db.session.scalars(select(Question).where(Question.status == "published")).all()
    quiz_questions = [q for q in questions if q.current_revision.type in quiz_types()]
    assert len(quiz_questions) >= 30
    for question in quiz_questions:
        revision = question.current_revision
        presentation = quiz.present(db.session, learner, revision, quiz.QuizFilters(), random.Random(1))
        db.session.commit()
        response = "ok" if presentation.choice_order is None else "0"
        client.post(f"/quiz/q/{presentation.token}", data={"response": response})
        page = client.get(f"/quiz/q/{presentation.token}/feedback").get_data(as_text=True)
        page = collapse_whitespace(page.replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&"))
        pair = revision.claim_pair
        contrast_source, contrast = pair.side_not_in(revision.support_source_id)
        assert f"<mark>{collapse_whitespace(revision.support_quote)}</mark>" in page, question.id
        assert "The passage behind the answer" in page and "What the other source says" in page
        if contrast_source == pair.silent_source_id:
            # The other source says nothing on the point: the page says so and why, and invents no quote.
            assert "is silent on this point." in page and "<mark></mark>" not in page, question.id
            assert collapse_whitespace(pair.rationale) in page, question.id
        else:
            assert f"<mark>{collapse_whitespace(contrast)}</mark>" in page, question.id
