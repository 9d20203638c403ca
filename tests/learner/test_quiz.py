"""The quiz: graded on the server, each answer recorded once, feedback showing both sources."""

import random
import re
from pathlib import Path

import pytest
from flask import render_template
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import func, select

from app.auth.models import User
from app.bank.models import Question
from app.bank.services import load_bank
from app.extensions import db
from app.learner import quiz
from app.learner import routes as learner_routes
from app.learner.models import Attempt, Presentation
from app.sources.parser import collapse_whitespace
from tests.conftest import log_in


def show(user: User, question_id: str, seed: int = 0) -> Presentation:
    """Present a chosen question to ``user`` as the quiz would."""
    revision = db.session.get(Question, question_id).current_revision
    presentation = quiz.present(db.session, user, revision, quiz.QuizFilters(), random.Random(seed))
    db.session.commit()
    return presentation


def first_question(kind: str) -> Question:
    questions = db.session.scalars(
        select(Question).where(Question.status == "published").order_by(Question.id)
    )
    return next(q for q in questions if q.current_revision.type == kind)


def attempts() -> int:
    return db.session.scalar(select(func.count()).select_from(Attempt))


def right_option_index(presentation: Presentation) -> str:
    revision = presentation.revision
    answer = str(revision.answer).lower() if revision.type == "true_false" else revision.answer
    return str(presentation.choice_order.index(answer))


@pytest.mark.parametrize("kind", ["multiple_choice", "true_false", "which_source"])
def test_a_right_answer_shows_the_passage_and_the_contrast(
    client: FlaskClient, learner: User, kind: str
) -> None:
    presentation = show(learner, first_question(kind).id)
    page = client.get(f"/quiz/q/{presentation.token}").get_data(as_text=True)
    assert presentation.revision.prompt.replace("'", "&#39;").replace('"', "&#34;") in page
    response = client.post(
        f"/quiz/q/{presentation.token}", data={"response": right_option_index(presentation)}
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "✓ Right" in page
    revision = presentation.revision
    pair = revision.claim_pair
    contrast_quote = pair.side_not_in(revision.support_source_id)[1]
    marks = [collapse_whitespace(m) for m in re.findall(r"<mark>(.*?)</mark>", page, flags=re.S)]
    unescape = {"&#39;": "'", "&#34;": '"', "&amp;": "&"}
    marks = [re.sub("|".join(unescape), lambda m: unescape[m.group()], m) for m in marks]
    assert collapse_whitespace(revision.support_quote) in marks
    if pair.silent_source_id is not None:
        # The other source says nothing on the point: the page says so, with why, and marks no words.
        assert "is silent on this point." in page and len(marks) == 1
    else:
        assert collapse_whitespace(contrast_quote) in marks
    assert pair.rationale.replace("'", "&#39;").replace('"', "&#34;") in page
    assert f"/read?pair={pair.id}" in page
    assert attempts() == 1


def test_the_question_page_carries_no_answer_key(client: FlaskClient, learner: User) -> None:
    typed = show(learner, first_question("typed").id)
    page = client.get(f"/quiz/q/{typed.token}").get_data(as_text=True)
    assert typed.revision.answer not in page
    assert "correct" not in page.lower()
    mc = show(learner, first_question("multiple_choice").id)
    page = client.get(f"/quiz/q/{mc.token}").get_data(as_text=True)
    assert sorted(re.findall(r'name="response"[^>]*value="(\d+)"', page)) == [
        str(i) for i in range(len(mc.choice_order))
    ]


def test_multiple_choice_order_is_shuffled_per_presentation(learner: User) -> None:
    question = first_question("multiple_choice")
    orders = {tuple(show(learner, question.id, seed).choice_order) for seed in range(12)}
    assert len(orders) > 1
    assert all(sorted(order) == sorted(question.current_revision.choices) for order in orders)


def test_a_wrong_attribution_is_counted_as_a_mix_up(client: FlaskClient, learner: User) -> None:
    sources = ("dprk", "weathersby")
    question = db.session.scalars(
        select(Question).where(Question.status == "published").order_by(Question.id)
    )
    which = next(
        q
        for q in question
        if q.current_revision.type == "which_source" and q.current_revision.answer in sources
    )
    presentation = show(learner, which.id)
    answer = presentation.revision.answer
    wrong = next(i for i, v in enumerate(presentation.choice_order) if v in sources and v != answer)
    response = client.post(f"/quiz/q/{presentation.token}", data={"response": str(wrong)})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "✗ Not quite" in page
    assert "attribution mix-up" in page
    assert db.session.scalar(select(Attempt.error_kind)) == "attribution"


def test_neither_for_both_is_wrong_but_no_mix_up(client: FlaskClient, learner: User) -> None:
    questions = db.session.scalars(
        select(Question).where(Question.status == "published").order_by(Question.id)
    )
    both = next(q for q in questions if q.current_revision.answer == "both")
    presentation = show(learner, both.id)
    response = client.post(
        f"/quiz/q/{presentation.token}", data={"response": str(presentation.choice_order.index("neither"))}
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "✗ Not quite" in page and "attribution mix-up" not in page
    assert db.session.scalar(select(Attempt.error_kind)) == "wrong"


def test_typed_answers_tolerate_case_spacing_and_punctuation(client: FlaskClient, learner: User) -> None:
    question = first_question("typed")
    answer = question.current_revision.answer
    for variant in (answer.upper(), f"  {answer}. ", answer.replace(" ", "  ")):
        presentation = show(learner, question.id)
        client.post(f"/quiz/q/{presentation.token}", data={"response": variant})
        assert presentation.attempt.correct, variant
    presentation = show(learner, question.id)
    client.post(f"/quiz/q/{presentation.token}", data={"response": "something else"})
    assert presentation.attempt.correct is False


def test_a_resubmitted_answer_is_recorded_once(client: FlaskClient, learner: User) -> None:
    presentation = show(learner, first_question("true_false").id)
    first = client.post(f"/quiz/q/{presentation.token}", data={"response": "0"})
    again = client.post(f"/quiz/q/{presentation.token}", data={"response": "1"})
    assert again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    assert attempts() == 1
    assert db.session.scalar(select(Attempt.response)) == presentation.choice_order[0]


def test_service_replay_returns_the_first_attempt(learner: User) -> None:
    presentation = show(learner, first_question("true_false").id)
    one = quiz.submit_answer(db.session, learner, presentation.token, "0")
    two = quiz.submit_answer(db.session, learner, presentation.token, "1")
    assert one.id == two.id
    assert attempts() == 1


@pytest.mark.parametrize("tampered", ["7", "-1", "abc", ""])
def test_a_tampered_choice_is_refused(client: FlaskClient, learner: User, tampered: str) -> None:
    presentation = show(learner, first_question("multiple_choice").id)
    response = client.post(f"/quiz/q/{presentation.token}", data={"response": tampered})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Not a valid choice" in page or "Choose one" in page
    for number, option in enumerate(presentation.choice_order):  # the options are offered again, labelled
        assert f'value="{number}"> <label for="response-{number}">{escape(option)}</label>' in page
    assert attempts() == 0


def test_an_empty_typed_answer_is_refused_with_a_message(client: FlaskClient, learner: User) -> None:
    presentation = show(learner, first_question("typed").id)
    response = client.post(f"/quiz/q/{presentation.token}", data={"response": "   "})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Type an answer" in page
    assert str(escape(presentation.revision.prompt)) in page and 'name="response"' in page  # asked again
    assert attempts() == 0


def test_an_unknown_token_is_a_clear_404(client: FlaskClient, learner: User) -> None:
    for response in (
        client.get("/quiz/q/not-a-token"),
        client.post("/quiz/q/not-a-token", data={"response": "0"}),
    ):
        assert response.status_code == 404
        assert "never shown to you" in response.get_data(as_text=True)


def test_answering_someone_else_s_question_is_forbidden(
    client: FlaskClient, learner: User, make_user
) -> None:
    other = make_user("Ben")
    presentation = show(other, first_question("true_false").id)
    response = client.post(f"/quiz/q/{presentation.token}", data={"response": "0"})
    assert response.status_code == 403
    assert "shown to someone else" in response.get_data(as_text=True)
    assert client.get(f"/quiz/q/{presentation.token}/feedback").status_code == 403
    assert attempts() == 0


def _flip_and_load(bank_copy: Path, question_id: str, old_answer: bool) -> None:
    """Load a copy of the bank in which the true-or-false question's answer is the other one: a new
    revision, learners' earlier presentations pinned to the old."""
    path = next(
        p for p in (bank_copy / "questions").glob("*.yaml") if f"- id: {question_id}\n" in p.read_text()
    )
    text = path.read_text(encoding="utf-8")
    block_start = text.index(f"- id: {question_id}\n")
    block_end = text.index("\n  - id:", block_start)
    block = text[block_start:block_end]
    flipped = block.replace(f"answer: {str(old_answer).lower()}", f"answer: {str(not old_answer).lower()}")
    path.write_text(text[:block_start] + flipped + text[block_end:], encoding="utf-8")
    load_bank(db.session, bank_copy)


def test_an_answer_is_graded_against_the_revision_shown(
    client: FlaskClient, learner: User, bank_copy: Path
) -> None:
    question = first_question("true_false")
    presentation = show(learner, question.id)
    old_answer = question.current_revision.answer
    _flip_and_load(bank_copy, question.id, old_answer)
    assert db.session.get(Question, question.id).current_revision.answer is (not old_answer)
    client.post(f"/quiz/q/{presentation.token}", data={"response": right_option_index(presentation)})
    attempt = db.session.scalar(select(Attempt))
    assert attempt.correct is True
    assert attempt.revision.number == 1


def test_feedback_on_a_revision_since_replaced_shows_that_revision(
    client: FlaskClient, learner: User, bank_copy: Path
) -> None:
    """The feedback of an answer to a revision the bank has since replaced (no longer among the revisions
    learners are asked now) gives that revision's answer, not the new one's."""
    question = first_question("true_false")
    presentation = show(learner, question.id)
    old_answer = question.current_revision.answer
    _flip_and_load(bank_copy, question.id, old_answer)
    wrong = 1 - int(right_option_index(presentation))
    client.post(f"/quiz/q/{presentation.token}", data={"response": str(wrong)})
    page = client.get(f"/quiz/q/{presentation.token}/feedback").get_data(as_text=True)
    assert f"<dt>The answer</dt><dd><strong>{old_answer}</strong></dd>" in page


ANSWER_FORM = re.compile(r'<form method="post" novalidate>.*?</form>', re.DOTALL)
CSRF_VALUE = re.compile(r'(name="csrf_token" type="hidden" value=")[^"]*')


def _answer_form_markup(page: str) -> str:
    """A page's answer form, its token blanked and each run of whitespace one space."""
    return re.sub(r"\s+", " ", CSRF_VALUE.sub(r"\1", ANSWER_FORM.search(page).group(0)))


@pytest.mark.parametrize("kind", ["multiple_choice", "true_false", "which_source", "cloze"])
def test_the_question_page_s_kept_inputs_are_what_its_answer_form_draws(
    loaded_app, client: FlaskClient, learner: User, kind: str
) -> None:
    """The question page draws its answer inputs once per revision and option order and keeps them: the
    form it shows, first and again, is the one the answer form itself draws (its token aside)."""
    presentation = show(learner, first_question(kind).id)
    pages = [client.get(f"/quiz/q/{presentation.token}").get_data(as_text=True) for _ in range(2)]
    shown_forms = [_answer_form_markup(page) for page in pages]
    shown = quiz.shown_question(db.session, learner, presentation.token)
    with loaded_app.test_request_context(f"/quiz/q/{presentation.token}"):
        drawn = render_template("learner/question.html", shown=shown, form=learner_routes._answer_form(shown))
    assert shown_forms == [_answer_form_markup(drawn)] * 2
    assert 'name="response"' in shown_forms[0]


def test_each_learner_sees_the_options_in_their_own_order_though_the_inputs_are_kept(
    client: FlaskClient, learner: User
) -> None:
    question = first_question("multiple_choice")
    orders = {}
    for seed in range(12):
        presentation = show(learner, question.id, seed=seed)
        orders.setdefault(tuple(presentation.choice_order), presentation.token)
    assert len(orders) > 1
    for order, token in orders.items():
        page = client.get(f"/quiz/q/{token}").get_data(as_text=True)
        labels = re.findall(r'<label for="response-\d+">(.*?)</label>', page)
        assert labels == [str(escape(choice)) for choice in order]


def test_the_quiz_picks_by_source_and_kind_and_avoids_repeats(client: FlaskClient, learner: User) -> None:
    seen = []
    for _ in range(4):
        response = client.post("/quiz/next", data={"source": "weathersby", "type": "true_false"})
        token = response.headers["Location"].rsplit("/", 1)[-1]
        presentation = db.session.scalar(select(Presentation).where(Presentation.token == token))
        assert presentation.revision.support_source_id == "weathersby"
        assert presentation.revision.type == "true_false"
        client.post(f"/quiz/q/{token}", data={"response": right_option_index(presentation)})
        seen.append(presentation.revision.question_id)
    assert len(set(seen)) == len(seen), "an unseen question was available but a seen one was shown"


def test_an_unknown_filter_is_a_400_not_a_500(client: FlaskClient, learner: User) -> None:
    response = client.post("/quiz/next", data={"type": "essay"})
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_the_quiz_needs_a_login(client, loaded_app) -> None:
    response = client.get("/quiz")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_teacher_can_try_the_quiz_too(client: FlaskClient, loaded_app, make_user) -> None:
    make_user("Ms Rivera", role="teacher")
    log_in(client, "Ms Rivera")
    assert client.post("/quiz/next", data={}).status_code == 302


def test_progress_links_each_latest_answer_to_its_feedback(client: FlaskClient, learner: User) -> None:
    presentation = show(learner, first_question("true_false").id)
    client.post(f"/quiz/q/{presentation.token}", data={"response": "0"})
    page = client.get("/progress").get_data(as_text=True)
    link = f"/quiz/q/{presentation.token}/feedback"
    assert f'href="{link}"' in page and "See the feedback again" in page
    feedback = client.get(link).get_data(as_text=True)
    assert "✓ Right" in feedback or "✗ Not quite" in feedback


def test_two_answers_racing_on_one_token_store_one_attempt(learner: User) -> None:
    """A double-click whose second request read the question before the first answer was saved: the
    database refuses the second answer, and both requests report the first one."""
    token = show(learner, first_question("true_false").id).token
    with db.Session(db.engine) as other:
        user = other.get(User, learner.id)
        seen_unanswered = quiz.presentation_for(other, user, token)
        assert seen_unanswered.attempt is None
        first = quiz.submit_answer(db.session, learner, token, "0")
        second = quiz.record_answer(other, user, seen_unanswered, "1")
        assert second.id == first.id and second.response == first.response
    assert attempts() == 1


def test_two_answers_racing_on_the_answer_page_store_the_first_only(learner: User) -> None:
    """The answer page's path: both requests read the question unanswered; the second store is refused and
    the first answer stands."""
    token = show(learner, first_question("true_false").id).token
    with db.Session(db.engine) as other:
        user = other.get(User, learner.id)
        seen_unanswered = quiz.shown_question(other, user, token)
        first = quiz.shown_question(db.session, learner, token)
        assert not seen_unanswered.answered and not first.answered
        assert quiz.store_answer(db.session, learner, first, "0") is True
        assert quiz.store_answer(other, user, seen_unanswered, "1") is False
        assert quiz.shown_question(other, user, token).answered
    assert attempts() == 1
    assert (
        db.session.scalar(select(Attempt.response).join(Presentation).where(Presentation.token == token))
        == (quiz.presentation_for(db.session, learner, token).choice_order[0])
    )
