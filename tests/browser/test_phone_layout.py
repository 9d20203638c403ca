"""Pages on a 390 px phone: nothing wider than the screen, names whole, buttons where the thumb is."""

from collections.abc import Callable

import pytest
from flask import Flask

from app.auth.models import Classroom, User
from app.auth.services import enroll
from app.extensions import db
from tests.browser.conftest import screenshot
from tests.browser.test_claim_map import fits, log_in
from tests.browser.test_learning import join_class

pytestmark = pytest.mark.csrf
LONG_NAMES = ("Maximiliana Wolkenstein-Oberhollenzer", "Bartholomäus Zwiebelkuchen", "Ana")


@pytest.fixture
def phone_390(browser):
    """The 390 × 844 screen a new teacher checked the roster on."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    yield context.new_page()
    context.close()


def test_the_roster_fits_a_phone_and_keeps_names_whole(
    loaded_app: Flask, classroom: Classroom, live_server, phone_390, make_user: Callable[..., User]
) -> None:
    for name in LONG_NAMES:
        enroll(db.session, make_user(name), classroom)
    db.session.commit()
    log_in(phone_390, live_server.url(), "Ms Rivera")
    phone_390.goto(f"{live_server.url()}/teach/classes/{classroom.id}")
    rows = phone_390.locator("table.roster tbody tr")
    assert rows.count() == len(LONG_NAMES)
    assert fits(phone_390), "the roster makes the page wider than the phone"
    for index in range(rows.count()):
        name = rows.nth(index).locator("th a")
        # A name wraps between words (or at a hyphen), never inside one: each word sits on one line box.
        words = name.evaluate(
            """a => { const range = document.createRange(); const boxes = [];
                 for (const match of a.textContent.matchAll(/[^\\s-]+/g)) {
                   range.setStart(a.firstChild, match.index);
                   range.setEnd(a.firstChild, match.index + match[0].length);
                   boxes.push(range.getClientRects().length); }
                 return boxes; }"""
        )
        assert all(count == 1 for count in words), name.inner_text()
    # What a teacher needs on the phone is still there, each figure labelled.
    first = rows.first
    labels = first.locator("td[data-label]").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)"
    )
    assert labels == ['"Joined"', '"Answered"', '"Accuracy"', '"Cards due"', '"Last active"']
    assert first.get_by_role("link", name="Reset password for Ana").is_visible()
    screenshot(phone_390, "teacher-roster-phone-390")


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)], ids=["phone", "laptop"])
def test_a_card_s_grade_buttons_sit_under_the_answer_on_screen(
    loaded_app: Flask, classroom: Classroom, live_server, browser, viewport: tuple[int, int]
) -> None:
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        join_class(page, live_server.url(), classroom.join_code, name="Ben")
        page.goto(live_server.url() + "/cards/review")
        page.get_by_text("Show the answer").click()
        answer = page.locator(".card-answer")
        buttons = page.locator(".grade-buttons")
        assert answer.is_visible() and buttons.is_visible()
        answer_box, buttons_box = answer.bounding_box(), buttons.bounding_box()
        assert answer_box["y"] < buttons_box["y"], "the answer is read first"
        assert buttons_box["y"] + buttons_box["height"] <= height, "the buttons need no scrolling"
        assert fits(page), "the card is wider than the screen"
        screenshot(page, f"flashcard-back-{'phone-390' if width == 390 else 'laptop'}")
    finally:
        context.close()


def test_a_choice_question_has_a_heading_and_number_keys_choose(
    loaded_app: Flask, classroom: Classroom, live_server, laptop
) -> None:
    join_class(laptop, live_server.url(), classroom.join_code, name="Ben")
    laptop.goto(live_server.url() + "/quiz")
    laptop.get_by_label("Kind of question").select_option("multiple_choice")
    laptop.get_by_role("button", name="Start").click()
    laptop.wait_for_url("**/quiz/q/*")
    heading = laptop.get_by_role("heading", level=1)
    assert heading.inner_text().strip() == laptop.locator(".choice").first.evaluate(
        "el => el.closest('fieldset').getAttribute('aria-labelledby') && "
        "document.getElementById(el.closest('fieldset').getAttribute('aria-labelledby')).innerText.trim()"
    )
    assert laptop.title() == "Multiple choice · Counterpoint"
    options = laptop.locator(".choice input[type=radio]")
    laptop.keyboard.press("2")
    assert options.nth(1).is_checked() and not options.nth(0).is_checked()
    laptop.keyboard.press("1")
    assert options.nth(0).is_checked()
    with laptop.expect_navigation():
        laptop.keyboard.press("Enter")
    assert laptop.url.endswith("/feedback")


def test_wide_pages_line_up_with_their_header_on_a_laptop(
    loaded_app: Flask, classroom: Classroom, live_server, laptop
) -> None:
    """The side-by-side reading and the editor's pages are wide; the header and footer widen with them."""
    from app.bank.models import Question

    question_id = db.session.scalars(db.select(Question.id).order_by(Question.id)).first()
    log_in(laptop, live_server.url(), "Ms Rivera")
    for path in (
        "/read",
        f"/teach/questions/{question_id}/edit",
        f"/teach/questions/{question_id}/revisions",
    ):
        laptop.goto(live_server.url() + path)
        edges = laptop.evaluate(
            """() => [".site-header nav", "main", ".site-footer"].map(s => {
                 const el = document.querySelector(s); const style = getComputedStyle(el);
                 return Math.round(el.getBoundingClientRect().left + parseFloat(style.paddingLeft)); })"""
        )
        assert len(set(edges)) == 1, (path, edges)
    screenshot(laptop, "editor-history-laptop-aligned", full_page=False)


def test_the_teacher_s_menu_folds_behind_one_button_on_a_phone(
    loaded_app: Flask, classroom: Classroom, live_server, phone_390, laptop
) -> None:
    for page in (phone_390, laptop):
        log_in(page, live_server.url(), "Ms Rivera")
        page.goto(live_server.url() + "/teach/")
    menu = phone_390.get_by_role("button", name="Menu")
    assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
    assert not phone_390.get_by_role("link", name="Question bank").is_visible()
    assert fits(phone_390), "the join address is wider than the phone"
    header = phone_390.locator(".site-header").bounding_box()
    assert header["height"] < 80, "the folded header takes one line"
    screenshot(phone_390, "teacher-menu-folded-phone-390", full_page=False)
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    phone_390.get_by_role("link", name="Question bank").click()
    phone_390.wait_for_url("**/teach/questions")
    assert fits(phone_390)
    # On a laptop every link is in view and there is no menu button.
    assert laptop.get_by_role("link", name="Question bank").is_visible()
    assert not laptop.get_by_role("button", name="Menu").is_visible()


def test_a_learner_s_short_menu_stays_in_lines_on_a_phone(
    loaded_app: Flask, classroom: Classroom, live_server, phone_390
) -> None:
    join_class(phone_390, live_server.url(), classroom.join_code, name="Ben")
    assert not phone_390.get_by_role("button", name="Menu").count()
    header = phone_390.locator(".site-header").bounding_box()
    assert header["height"] < 160, "seven links wrap onto two or three lines, not one line each"
