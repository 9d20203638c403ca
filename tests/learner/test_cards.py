"""Flashcards: a due queue from FSRS, a daily limit on new cards, each review logged once."""

from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import User
from app.extensions import db
from app.learner import cards
from app.learner.models import Presentation, ReviewLog
from app.learner.quiz import QuizError

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def reviews() -> int:
    return db.session.scalar(select(func.count()).select_from(ReviewLog))


def current_token(client: FlaskClient) -> str:
    page = client.get("/cards/review").get_data(as_text=True)
    assert "Show the answer" in page
    return page.split('action="/cards/review/')[1].split('"')[0]


def test_the_review_page_shows_front_back_passage_and_contrast(client: FlaskClient, learner: User) -> None:
    page = client.get("/cards/review").get_data(as_text=True)
    assert '<details class="card-back"' in page
    assert "The passage behind the answer" in page
    assert "What the other source says" in page
    for label in ("Again", "Hard", "Good", "Easy"):
        assert label in page
    assert 'src="/static/cards.js"' in page


def test_grading_a_card_logs_it_once_and_moves_on(client: FlaskClient, learner: User) -> None:
    token = current_token(client)
    first = client.post(f"/cards/review/{token}", data={"rating": "3"})
    again = client.post(f"/cards/review/{token}", data={"rating": "1"})
    assert first.status_code == again.status_code == 302
    assert reviews() == 1
    assert db.session.scalar(select(ReviewLog.rating)) == 3
    assert current_token(client) != token


def test_refreshing_a_card_does_not_pile_up_showings(client: FlaskClient, learner: User) -> None:
    tokens = {current_token(client) for _ in range(3)}
    assert len(tokens) == 1
    assert db.session.scalar(select(func.count()).select_from(Presentation)) == 1


def test_a_bad_rating_is_a_400(client: FlaskClient, learner: User) -> None:
    token = current_token(client)
    for rating in ("0", "5", "good", ""):
        assert client.post(f"/cards/review/{token}", data={"rating": rating}).status_code == 400
    assert reviews() == 0


def test_someone_else_s_card_is_forbidden(client: FlaskClient, learner: User, make_user) -> None:
    other = make_user("Ben")
    revision = cards.deck_for(db.session, other, NOW, 10).next_card
    presentation = cards.card_presentation(db.session, other, revision)
    response = client.post(f"/cards/review/{presentation.token}", data={"rating": "3"})
    assert response.status_code == 403
    assert client.post("/cards/review/nothing-here", data={"rating": "3"}).status_code == 404
    assert reviews() == 0


def review(user: User, revision, rating: int, at: datetime) -> None:
    presentation = cards.card_presentation(db.session, user, revision)
    cards.record_review(db.session, user, presentation.token, rating, now=at)


def test_new_cards_are_limited_per_day_and_due_cards_come_back(learner: User) -> None:
    deck = cards.deck_for(db.session, learner, NOW, new_per_day=3)
    assert deck.new_left_today == 3
    total = len(deck.new)
    for _ in range(3):
        review(learner, cards.deck_for(db.session, learner, NOW, 3).next_card, 3, NOW)
    deck = cards.deck_for(db.session, learner, NOW + timedelta(seconds=1), 3)
    assert deck.new_left_today == 0
    assert len(deck.new) == total - 3
    assert deck.next_card is None, "three new cards were studied and none is due yet"
    later = cards.deck_for(db.session, learner, NOW + timedelta(minutes=11), 3)
    assert len(later.due_now) == 3, "learning steps bring 'Good' cards back after ten minutes"
    tomorrow = cards.deck_for(db.session, learner, NOW + timedelta(days=1, minutes=11), 3)
    assert tomorrow.new_left_today == 3


def test_again_brings_a_card_back_sooner_than_easy(learner: User) -> None:
    deck = cards.deck_for(db.session, learner, NOW, 10)
    hard_one, easy_one = deck.new[0], deck.new[1]
    review(learner, hard_one, 1, NOW)
    review(learner, easy_one, 4, NOW)
    due_soon = cards.deck_for(db.session, learner, NOW + timedelta(minutes=5), 10)
    assert [r.question_id for r, _state in due_soon.due_now] == [hard_one.question_id]


def test_a_replayed_review_is_recorded_once_by_the_service(learner: User) -> None:
    revision = cards.deck_for(db.session, learner, NOW, 10).next_card
    presentation = cards.card_presentation(db.session, learner, revision)
    one = cards.record_review(db.session, learner, presentation.token, 3, now=NOW)
    two = cards.record_review(db.session, learner, presentation.token, 1, now=NOW)
    assert one.id == two.id
    assert reviews() == 1


def test_the_service_refuses_a_rating_outside_one_to_four(learner: User) -> None:
    revision = cards.deck_for(db.session, learner, NOW, 10).next_card
    presentation = cards.card_presentation(db.session, learner, revision)
    with pytest.raises(QuizError) as refused:
        cards.record_review(db.session, learner, presentation.token, 7)
    assert refused.value.status == 400


def test_a_flashcard_shows_its_explanation_with_the_answer(client: FlaskClient, learner: User) -> None:
    """The back of a card is the answer; the explanation says why it matters, and the learner sees both."""
    from html import unescape

    from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
    from app.sources.parser import collapse_whitespace

    published = db.session.execute(
        select(Question, QuestionRevision.type).join(QuestionRevision, CURRENT_REVISION)
    ).all()
    for question, kind in published:
        if kind != "flashcard":
            question.status = "draft"  # only flashcards are left to review
    db.session.commit()
    token = current_token(client)
    revision = db.session.scalar(select(Presentation).where(Presentation.token == token)).revision
    assert revision.type == "flashcard" and revision.explanation
    page = collapse_whitespace(unescape(client.get("/cards/review").get_data(as_text=True)))
    back = page[page.index('<details class="card-back"') :]
    assert collapse_whitespace(revision.answer) in back
    assert f"Why it matters</span> {collapse_whitespace(revision.explanation)}" in back
