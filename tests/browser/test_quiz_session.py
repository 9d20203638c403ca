"""A quiz session on a phone: three questions, "Question 2 of 3", the summary, and the mistakes replayed."""

import pytest
from flask import Flask
from sqlalchemy import select

from app.bank.models import Question
from app.extensions import db
from app.learner import quiz
from app.learner.models import Presentation
from tests.browser.conftest import screenshot
from tests.browser.test_learning import join_class

pytestmark = pytest.mark.csrf

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


def only_three_true_or_false_questions(app: Flask) -> None:
    """Retire all but three true-or-false questions, so a session of that kind has three."""
    with app.app_context():
        pool = quiz.quiz_pool(db.session, quiz.QuizFilters(type="true_false"))
        for entry in pool[3:]:
            db.session.get(Question, entry.question_id).status = "retired"
        db.session.commit()


def shown(app: Flask, url: str) -> tuple[str, list[str], str]:
    """The question id, the option order and the right option of the question at ``url``."""
    with app.app_context():
        presentation = db.session.scalar(
            select(Presentation).where(Presentation.token == url.rsplit("/", 1)[1])
        )
        right = str(presentation.revision.answer).lower()
        return presentation.revision.question_id, presentation.choice_order, right


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def test_a_learner_on_a_phone_finishes_a_session_and_practises_the_mistakes(
    loaded_app: Flask, classroom, live_server, browser
) -> None:
    only_three_true_or_false_questions(loaded_app)
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    base = live_server.url()
    join_class(page, base, classroom.join_code)
    page.goto(base + "/quiz")
    page.get_by_label("Kind of question").select_option("true_false")
    page.get_by_label("Number of questions").select_option("5")
    page.get_by_role("button", name="Start").click()
    wrong = []
    for number, answer_right in enumerate([False, True, False], start=1):
        page.wait_for_url("**/quiz/q/*")
        assert page.locator(".session-step").inner_text() == f"Question {number} of 3"
        assert no_horizontal_scroll(page)
        if number == 2:
            screenshot(page, "session-question-390")
            page.set_viewport_size(LAPTOP)
            screenshot(page, "session-question-1280")
            page.set_viewport_size(PHONE)
        question_id, options, right = shown(loaded_app, page.url)
        choice = options.index(right) if answer_right else 1 - options.index(right)
        if not answer_right:
            wrong.append(question_id)
        page.locator(".choice label").nth(choice).click()
        page.get_by_role("button", name="Check my answer").click()
        page.wait_for_url("**/feedback")
        if number < 3:
            page.get_by_role("button", name="Next question").click()
    page.get_by_role("link", name="Next: see my results").click()
    page.wait_for_url("**/quiz/session/*")
    assert page.locator(".session-score").inner_text() == "1 right of 3 answered."
    assert page.locator(".session-question").count() == 3
    assert no_horizontal_scroll(page)
    screenshot(page, "session-summary-390")
    page.set_viewport_size(LAPTOP)
    screenshot(page, "session-summary-1280")
    page.set_viewport_size(PHONE)

    page.get_by_role("link", name="Feedback on question 1").click()
    page.wait_for_url("**/feedback")
    assert page.locator(".verdict h1").inner_text() == "✗ Not quite"
    page.go_back()

    page.get_by_role("button", name="Practise my mistakes").click()
    page.wait_for_url("**/quiz/q/*")
    assert page.locator(".session-step").inner_text() == "Question 1 of 2"
    assert shown(loaded_app, page.url)[0] == wrong[0]
    assert no_horizontal_scroll(page)
    context.close()
