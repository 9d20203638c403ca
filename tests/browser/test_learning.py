"""A student's first lesson in a real browser: join the class, answer each kind of question, review cards."""

import random

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.auth.models import User
from app.bank.models import CURRENT_REVISION, ClaimPair, Question, QuestionRevision
from app.extensions import db
from app.learner import quiz
from app.learner.models import Attempt, ReviewLog
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.csrf

KINDS = ["multiple_choice", "true_false", "typed", "which_source"]


def join_class(page, base: str, code: str, name: str = "Ana") -> None:
    page.goto(base + "/")
    page.get_by_role("link", name="Join a class").first.click()
    page.get_by_label("Join code from your teacher").fill(code)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Join the class").click()
    page.wait_for_url("**/study")


def assert_contrast_shown(page) -> None:
    """The other source's words on the point, or the plain statement that it says nothing on it."""
    if page.locator("figure.evidence-silence").count():
        assert page.locator("figure.evidence-silence .silence-verdict").is_visible()
        assert "is silent on this point" in page.locator("figure.evidence-silence").inner_text()
        assert page.locator("figure.evidence-silence mark").count() == 0
        assert page.get_by_role("link", name="See this claim beside the other source").is_visible()
    else:
        contrast = page.locator("figure.evidence-contrast mark")
        assert contrast.count() == 1 and contrast.is_visible()
        assert page.get_by_role("link", name="Read both passages side by side").is_visible()


def test_a_student_joins_and_answers_every_kind_of_question(
    loaded_app: Flask, classroom, live_server, phone
) -> None:
    base = live_server.url()
    join_class(phone, base, classroom.join_code)
    assert phone.get_by_role("heading", name="Hello, Ana").is_visible()
    screenshot(phone, "dashboard-phone")
    for kind in KINDS:
        phone.goto(base + "/quiz")
        phone.get_by_label("Kind of question").select_option(kind)
        phone.get_by_role("button", name="Start").click()
        phone.wait_for_url("**/quiz/q/*")
        if kind == "typed":
            phone.get_by_role("textbox").fill("1953")
        else:
            phone.locator(".choice label").first.click()
        screenshot(phone, f"question-{kind}-phone")
        phone.get_by_role("button", name="Check my answer").click()
        phone.wait_for_url("**/feedback")
        verdict = phone.locator(".verdict h1").inner_text()
        assert verdict in ("✓ Right", "✗ Not quite")
        support = phone.locator("figure.evidence-support mark")
        assert support.count() == 1 and support.is_visible()
        assert_contrast_shown(phone)
        assert phone.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
        screenshot(phone, f"feedback-{kind}-phone")
    with loaded_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Attempt)) == len(KINDS)
    phone.get_by_role("link", name="Progress").click()
    assert phone.get_by_role("img").first.is_visible()
    assert f"{len(KINDS)} answers" in phone.locator("#progress-chart-title").text_content()
    assert phone.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    screenshot(phone, "progress-phone")


def test_a_student_reviews_flashcards_with_the_keyboard(
    loaded_app: Flask, classroom, live_server, laptop
) -> None:
    base = live_server.url()
    join_class(laptop, base, classroom.join_code, name="Ben")
    laptop.goto(base + "/cards/review")
    front = laptop.locator(".card-front").inner_text()
    back = laptop.locator("details.card-back")
    assert not back.evaluate("el => el.open")
    laptop.keyboard.press("Space")
    assert back.evaluate("el => el.open")
    assert_contrast_shown(laptop)
    screenshot(laptop, "flashcard-back-laptop")
    with laptop.expect_navigation():
        laptop.keyboard.press("3")
    assert laptop.locator(".card-front").inner_text() != front
    laptop.keyboard.press("Enter")
    assert back.evaluate("el => el.open")
    with laptop.expect_navigation():
        laptop.keyboard.press("1")
    with loaded_app.app_context():
        ratings = db.session.scalars(select(ReviewLog.rating).order_by(ReviewLog.id)).all()
    assert ratings == [3, 1]


def test_a_student_meets_a_silence_after_answering_on_a_phone(
    loaded_app: Flask, classroom, live_server, phone
) -> None:
    """Where the other source says nothing on the point, the page says so and why, and quotes nothing."""
    base = live_server.url()
    join_class(phone, base, classroom.join_code, name="Cleo")
    with loaded_app.app_context():
        revision = db.session.scalars(
            select(QuestionRevision)
            .join(Question, CURRENT_REVISION)
            .join(ClaimPair, QuestionRevision.claim_pair_id == ClaimPair.id)
            .where(ClaimPair.relation == "silent", QuestionRevision.type == "true_false")
            .order_by(Question.id)
        ).first()
        learner = db.session.scalar(select(User).where(User.username == "Cleo"))
        token = quiz.present(db.session, learner, revision, quiz.QuizFilters(), random.Random(1)).token
        rationale = revision.claim_pair.rationale
        db.session.commit()
    phone.goto(f"{base}/quiz/q/{token}")
    phone.locator(".choice label").first.click()
    phone.get_by_role("button", name="Check my answer").click()
    phone.wait_for_url("**/feedback")
    silence = phone.locator("figure.evidence-silence")
    assert silence.is_visible() and "is silent on this point" in silence.inner_text()
    assert " ".join(rationale.split()) in " ".join(silence.inner_text().split())
    assert_contrast_shown(phone)
    assert phone.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    screenshot(phone, "feedback-silence-phone")
