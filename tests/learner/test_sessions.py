"""Quiz sessions: a planned number of questions, a summary at the end, and a replay of the mistakes."""

import random
import re

from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import User
from app.bank.models import Question
from app.bank.versioning import append_revision
from app.extensions import db
from app.learner import quiz, sessions
from app.learner.models import Attempt, Presentation, QuizSession

TRUE_FALSE = quiz.QuizFilters(type="true_false")


def right_choice(presentation: Presentation) -> str:
    return str(presentation.choice_order.index(str(presentation.revision.answer).lower()))


def wrong_choice(presentation: Presentation) -> str:
    return str(1 - int(right_choice(presentation)))


def by_token(token: str) -> Presentation:
    return db.session.scalar(select(Presentation).where(Presentation.token == token))


def play(learner: User, first: Presentation, verdicts: list[bool]) -> list[Presentation]:
    """Answer a session's questions right or wrong in turn, pressing "Next" after each; the ones shown."""
    shown, presentation = [], first
    for number, right in enumerate(verdicts, start=1):
        assert presentation.session_position == number
        shown.append(presentation)
        choice = right_choice(presentation) if right else wrong_choice(presentation)
        quiz.submit_answer(db.session, learner, presentation.token, choice)
        token = sessions.next_in_session(
            db.session, learner, presentation.quiz_session_id, random.Random(number)
        )
        db.session.commit()
        presentation = by_token(token) if token else None
    assert presentation is None, "the session went on after its planned questions"
    return shown


def start(learner: User, size: int = 3, seed: int = 0) -> Presentation:
    presentation = sessions.start_session(
        db.session, learner, random.Random(seed), size=size, filters=TRUE_FALSE
    )
    db.session.commit()
    return presentation


def test_a_session_of_three_ends_after_three_answers_with_three_different_questions(learner: User) -> None:
    first = start(learner)
    shown = play(learner, first, [True, True, True])
    assert len({p.revision.question_id for p in shown}) == 3
    state = sessions.session_state(db.session, learner, first.quiz_session_id)
    assert state.answered == 3 and state.complete
    assert state.quiz_session.finished_at is not None
    # Pressing "Next" again still leads to the summary, not to a fourth question.
    assert sessions.next_in_session(db.session, learner, first.quiz_session_id, random.Random()) is None


def test_the_summary_counts_the_right_answers_and_links_each_feedback(
    client: FlaskClient, learner: User
) -> None:
    first = start(learner)
    shown = play(learner, first, [True, False, True])
    state = sessions.session_state(db.session, learner, first.quiz_session_id)
    assert (state.right, state.answered) == (2, 3)
    page = client.get(f"/quiz/session/{first.quiz_session_id}").get_data(as_text=True)
    assert "<strong>2 right</strong> of 3 answered" in page
    assert page.count("✓ Right") == 2 and page.count("✗ Not quite") == 1
    for presentation in shown:
        assert f'href="/quiz/q/{presentation.token}/feedback"' in page
    assert "Practise my mistakes" in page


def test_practise_my_mistakes_asks_exactly_the_questions_answered_wrongly(
    client: FlaskClient, learner: User
) -> None:
    first = start(learner, size=5)
    shown = play(learner, first, [False, True, False, True, False])
    wrong = [p.revision.question_id for p in shown[0::2]]
    response = client.post(f"/quiz/session/{first.quiz_session_id}/mistakes")
    assert response.status_code == 302
    replay = by_token(response.headers["Location"].rsplit("/", 1)[1])
    assert replay.quiz_session_id != first.quiz_session_id
    assert replay.quiz_session.question_ids == wrong and replay.quiz_session.planned_size == 3
    again = play(learner, replay, [True, True, True])
    assert [p.revision.question_id for p in again] == wrong


def test_no_mistakes_means_nothing_to_practise(client: FlaskClient, learner: User) -> None:
    first = start(learner)
    play(learner, first, [True, True, True])
    page = client.get(f"/quiz/session/{first.quiz_session_id}").get_data(as_text=True)
    assert "Practise my mistakes" not in page and "every answer was right" in page
    sessions_before = db.session.scalar(select(func.count()).select_from(QuizSession))
    response = client.post(f"/quiz/session/{first.quiz_session_id}/mistakes")
    assert response.headers["Location"].endswith(f"/quiz/session/{first.quiz_session_id}")
    assert db.session.scalar(select(func.count()).select_from(QuizSession)) == sessions_before


def test_a_replayed_token_counts_once_within_a_session(client: FlaskClient, learner: User) -> None:
    first = start(learner)
    url = f"/quiz/q/{first.token}"
    assert client.post(url, data={"response": right_choice(first)}).status_code == 302
    assert client.post(url, data={"response": wrong_choice(first)}).status_code == 302  # the replay
    state = sessions.session_state(db.session, learner, first.quiz_session_id)
    assert (state.right, state.answered) == (1, 1) and not state.complete
    assert db.session.scalar(select(func.count()).select_from(Attempt)) == 1
    # The session still asks its other two questions.
    response = client.post(f"/quiz/session/{first.quiz_session_id}/next")
    assert "/quiz/q/" in response.headers["Location"]
    assert by_token(response.headers["Location"].rsplit("/", 1)[1]).session_position == 2


def test_the_pages_say_where_the_learner_is_and_next_leads_to_the_summary(
    client: FlaskClient, learner: User
) -> None:
    response = client.post("/quiz/next", data={"type": "true_false", "size": "5"})
    for number in range(1, 6):
        question_url = response.headers["Location"]
        assert f"Question {number} of 5" in client.get(question_url).get_data(as_text=True)
        feedback_url = client.post(question_url, data={"response": "0"}).headers["Location"]
        feedback = client.get(feedback_url).get_data(as_text=True)
        found = re.search(r'action="(/quiz/session/\d+/next)"', feedback)
        if number < 5:
            response = client.post(found.group(1))
    assert found is None and "Next: see my results" in feedback
    summary = re.search(r'href="(/quiz/session/\d+)"', feedback).group(1)
    assert "of 5 answered" in client.get(summary).get_data(as_text=True)


def test_answering_the_last_question_on_its_page_finishes_the_session(
    client: FlaskClient, learner: User
) -> None:
    response = client.post("/quiz/next", data={"type": "true_false", "size": "5"})
    for number in range(1, 6):
        quiz_session = db.session.scalar(select(QuizSession).where(QuizSession.user_id == learner.id))
        assert quiz_session.finished_at is None, f"finished before question {number} was answered"
        feedback_url = client.post(response.headers["Location"], data={"response": "0"}).headers["Location"]
        found = re.search(
            r'action="(/quiz/session/\d+/next)"', client.get(feedback_url).get_data(as_text=True)
        )
        if found:
            response = client.post(found.group(1))
    db.session.expire_all()
    assert db.session.scalar(select(QuizSession.finished_at).where(QuizSession.user_id == learner.id))


def test_a_question_left_open_is_shown_again_and_nothing_is_lost(learner: User) -> None:
    first = start(learner)
    quiz.submit_answer(db.session, learner, first.token, right_choice(first))
    second = sessions.next_in_session(db.session, learner, first.quiz_session_id, random.Random())
    db.session.commit()
    # The learner leaves without answering and comes back: the same question, not a new one.
    assert sessions.next_in_session(db.session, learner, first.quiz_session_id, random.Random()) == second
    state = sessions.session_state(db.session, learner, first.quiz_session_id)
    assert [item.correct for item in state.items] == [True, None] and not state.complete


def test_a_session_is_no_longer_than_the_questions_that_match(learner: User) -> None:
    matching = len(quiz.quiz_pool(db.session, TRUE_FALSE))
    first = start(learner, size=matching + 10)
    assert first.quiz_session.planned_size == matching


def test_someone_elses_session_is_refused(client: FlaskClient, learner: User, make_user) -> None:
    other = make_user("Ben")
    theirs = start(other)
    assert client.get(f"/quiz/session/{theirs.quiz_session_id}").status_code == 403
    assert client.post(f"/quiz/session/{theirs.quiz_session_id}/next").status_code == 403
    assert client.post(f"/quiz/session/{theirs.quiz_session_id}/mistakes").status_code == 403
    assert client.get("/quiz/session/999999").status_code == 404


def test_two_presses_of_next_racing_show_the_same_question(learner: User, monkeypatch) -> None:
    first = start(learner)
    quiz.submit_answer(db.session, learner, first.token, right_choice(first))
    stale = sessions.session_state(db.session, learner, first.quiz_session_id)
    shown_first = sessions.next_in_session(db.session, learner, first.quiz_session_id, random.Random(1))
    # The second press read the session before the first one's question was saved.
    reads = iter([stale])
    real_state = sessions.session_state
    monkeypatch.setattr(sessions, "session_state", lambda *args: next(reads, None) or real_state(*args))
    shown_second = sessions.next_in_session(db.session, learner, first.quiz_session_id, random.Random(2))
    assert shown_second == shown_first
    in_session = select(func.count()).where(Presentation.quiz_session_id == first.quiz_session_id)
    assert db.session.scalar(in_session) == 2


def test_the_start_form_offers_five_ten_or_twenty_questions(client: FlaskClient, learner: User) -> None:
    page = client.get("/quiz").get_data(as_text=True)
    assert re.search(r'<option selected value="10">10</option>', page)
    assert client.post("/quiz/next", data={"size": "7"}).status_code == 400
    client.post("/quiz/next", data={"size": "20"})
    newest = db.session.scalar(select(QuizSession).order_by(QuizSession.id.desc()))
    assert newest.planned_size == 20 and newest.question_ids is None


def test_the_question_next_shows_is_kept_like_the_first(learner: User) -> None:
    """The "Next" button writes its presentation as a plain row: it must hold all the first one holds."""
    first = start(learner)
    quiz.submit_answer(db.session, learner, first.token, right_choice(first))
    token = sessions.next_in_session(db.session, learner, first.quiz_session_id, random.Random(4))
    db.session.commit()
    second = by_token(token)

    assert (second.user_id, second.mode, second.filters) == (first.user_id, "quiz", first.filters)
    assert (second.quiz_session_id, second.session_position) == (first.quiz_session_id, 2)
    assert second.revision.question_id != first.revision.question_id
    assert second.choice_order and sorted(second.choice_order) == sorted(first.choice_order)  # true/false
    assert second.created_at is not None
    assert second.attempt is None


def test_a_plan_whose_last_question_was_retired_ends_at_next_as_finished(learner: User) -> None:
    planned = [entry.question_id for entry in quiz.quiz_pool(db.session, TRUE_FALSE)[:2]]
    first = sessions.start_session(db.session, learner, random.Random(), question_ids=planned)
    db.session.commit()
    quiz.submit_answer(db.session, learner, first.token, right_choice(first))
    append_revision(db.session, db.session.get(Question, planned[1]), "Teacher", "retired", status="retired")
    db.session.commit()
    assert sessions.next_in_session(db.session, learner, first.quiz_session_id, random.Random()) is None
    state = sessions.session_state(db.session, learner, first.quiz_session_id)
    assert state.answered == 1 and state.quiz_session.finished_at is not None
