"""A teacher keeps a kind of question out of the class's flashcards; a learner's cards never show it."""

from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy import select

from app.auth.models import User
from app.bank.types import QUESTION_TYPES, TRUE_FALSE
from app.extensions import db
from app.learner import cards
from tests.browser.conftest import screenshot
from tests.browser.test_learning import join_class
from tests.conftest import PASSWORD

pytestmark = pytest.mark.csrf

CARDS_TO_REVIEW = 8


def test_a_teacher_unticks_a_kind_and_the_learners_cards_never_show_it(
    loaded_app: Flask, classroom, live_server, browser, laptop
) -> None:
    base = live_server.url()
    dropped = QUESTION_TYPES[TRUE_FALSE.name]
    learner_context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    learner = learner_context.new_page()
    try:
        join_class(learner, base, classroom.join_code, name="Ana")
        with loaded_app.app_context():
            ana = db.session.scalar(select(User).where(User.username == "Ana"))
            today = cards.deck_for(db.session, ana, datetime.now(UTC), CARDS_TO_REVIEW)
            first_kinds = {revision.type for revision in today.new[:CARDS_TO_REVIEW]}
        assert dropped.name in first_kinds, "without the setting the first cards include the kind"

        laptop.goto(base + "/login")
        laptop.get_by_label("Your name").fill("Ms Rivera")
        laptop.get_by_label("Password").fill(PASSWORD)
        laptop.get_by_role("button", name="Log in").click()
        laptop.goto(f"{base}/teach/classes/{classroom.id}")
        flashcards = laptop.get_by_role("group", name="Kinds of question that become flashcards")
        box = flashcards.get_by_label(dropped.label, exact=True)
        assert box.is_checked()
        box.uncheck()
        laptop.get_by_role("button", name="Save flashcard kinds").click()
        laptop.wait_for_url("**/teach/classes/*")
        assert "now come from the ticked kinds" in laptop.locator(".flashes").inner_text()
        assert not flashcards.get_by_label(dropped.label, exact=True).is_checked()
        laptop.locator("#cards-heading").scroll_into_view_if_needed()
        screenshot(laptop, "class-card-kinds-laptop")

        teacher_phone = browser.new_context(viewport={"width": 390, "height": 844}, storage_state=None)
        try:
            page = teacher_phone.new_page()
            page.context.add_cookies(laptop.context.cookies())
            page.goto(f"{base}/teach/classes/{classroom.id}")
            assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
            screenshot(page, "class-card-kinds-phone")
        finally:
            teacher_phone.close()

        for shown in range(CARDS_TO_REVIEW):
            learner.goto(base + "/cards/review")
            kind = learner.locator(".card-kind-label").text_content()
            assert kind != dropped.label, f"card {shown + 1} is of the kind the teacher left out"
            assert kind in {qtype.label for qtype in QUESTION_TYPES.values()}
            learner.get_by_text("Show the answer").click()
            assert learner.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
            if shown == 0:
                screenshot(learner, "card-after-kinds-phone")
            learner.locator("button.grade-3").click()
            learner.wait_for_load_state()
        learner.set_viewport_size({"width": 1280, "height": 800})
        learner.goto(base + "/cards/review")
        assert learner.locator(".card-kind-label").text_content() != dropped.label
        screenshot(learner, "card-after-kinds-laptop")
    finally:
        learner_context.close()
