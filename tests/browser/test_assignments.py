"""An assignment end to end in a real browser: the teacher sets three questions, two learners (one on a
phone) find it first on their study page and answer it, and the teacher sees both done with their scores."""

import pytest
from flask import Flask

from app.auth.models import Classroom
from tests.browser.conftest import screenshot
from tests.browser.test_claim_map import fits, log_in
from tests.browser.test_learning import join_class

pytestmark = pytest.mark.csrf

TITLE = "True or false: the toast and the war"


def answer_the_assignment(page, base: str) -> int:
    """Start from the study page and answer the assignment as one quiz session, to its summary; the number
    right."""
    page.get_by_role("button", name=f"Start {TITLE}").click()
    right = 0
    while "/quiz/q/" in page.url:
        page.locator(".choice label").first.click()
        page.get_by_role("button", name="Check my answer").click()
        page.wait_for_url("**/feedback")
        right += page.locator(".verdict h1").inner_text() == "✓ Right"
        results = page.get_by_role("link", name="Next: see my results")
        if results.count():
            results.click()
        else:
            page.get_by_role("button", name="Next question").click()
        page.wait_for_load_state()
    assert "/quiz/session/" in page.url  # the session's summary: the assignment's questions are all answered
    page.goto(base + "/study")
    return right


def test_a_class_answers_an_assignment_and_the_teacher_sees_who_has_done_it(
    loaded_app: Flask, classroom: Classroom, live_server, browser
) -> None:
    base = live_server.url()
    teacher = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    log_in(teacher, base, "Ms Rivera")
    teacher.goto(f"{base}/teach/classes/{classroom.id}")
    teacher.get_by_role("link", name="New assignment").click()
    teacher.get_by_label("Title").fill(TITLE)
    teacher.get_by_label("Kind of question").select_option("true_false")
    teacher.get_by_label("Number of questions").fill("3")
    teacher.get_by_label("Due date (optional)").fill("2026-12-11")
    screenshot(teacher, "assignment-new-laptop")
    teacher.get_by_role("button", name="Set the assignment").click()
    teacher.wait_for_url("**/assignments/*")
    assignment_url = teacher.url

    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2).new_page()
    laptop = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    scores = {}
    for name, page in (("Ana", phone), ("Ben", laptop)):
        join_class(page, base, classroom.join_code, name=name)
        first_section = page.locator("main section h2").first
        assert first_section.inner_text() == "Assignments"
        item = page.locator(".assignment-item").first
        assert (
            TITLE in item.inner_text()
            and "0 of 3 done" in item.inner_text()
            and "due Fri 11 Dec" in item.inner_text()
        )
        if page is phone:
            assert fits(phone)
            screenshot(phone, "assignment-dashboard-phone")
        else:
            screenshot(laptop, "assignment-dashboard-laptop")
        scores[name] = answer_the_assignment(page, base)
        assert "3 of 3 done" in page.locator(".assignment-item").first.inner_text()
        if page is phone:
            assert fits(phone)
            screenshot(phone, "assignment-dashboard-done-phone")

    teacher.goto(assignment_url)
    assert teacher.get_by_role("heading", name="Learners (2 of 2 done)").is_visible()
    for name, right in scores.items():
        row = teacher.locator("table.assignment-results tbody tr", has_text=name)
        assert "✓ done" in row.inner_text()
        assert f"{round(100 * right / 3)}% ({right} of 3)" in row.inner_text()
    screenshot(teacher, "assignment-results-laptop")
    teacher.set_viewport_size({"width": 390, "height": 844})
    teacher.reload()
    assert fits(teacher)
    screenshot(teacher, "assignment-results-phone")

    teacher.get_by_role("button", name="Close").click()
    teacher.wait_for_load_state()
    assert "closed" in teacher.locator("h1").inner_text()
    phone.reload()
    assert phone.locator(".assignment-item").count() == 0
    teacher.goto(f"{base}/teach/classes/{classroom.id}")
    listed = teacher.locator(".assignment-item", has_text=TITLE)
    assert "closed" in listed.inner_text() and "2 of 2 learners done" in listed.inner_text()
    assert fits(teacher)
    screenshot(teacher, "assignment-class-page-phone")
