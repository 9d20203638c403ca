"""A teacher's first lesson in a real browser: set up the install, create a class, see a student join."""

from pathlib import Path

import pytest
from flask import Flask

from tests.browser.conftest import screenshot
from tests.browser.test_learning import join_class
from tests.conftest import PASSWORD

pytestmark = pytest.mark.csrf


def test_a_teacher_sets_up_creates_a_class_and_sees_a_student_join(
    loaded_app: Flask, live_server, browser, laptop
) -> None:
    base = live_server.url()
    laptop.goto(base + "/")
    laptop.get_by_role("link", name="Set up this classroom").click()
    laptop.get_by_label("Your name").fill("Ms Rivera")
    laptop.get_by_label("Password", exact=True).fill(PASSWORD)
    laptop.get_by_label("Password again").fill(PASSWORD)
    laptop.get_by_role("button", name="Create my teacher account").click()
    laptop.wait_for_url("**/teach/")
    laptop.get_by_label("Class name").fill("History 10B")
    laptop.get_by_role("button", name="Create the class").click()
    laptop.wait_for_url("**/teach/classes/*")
    code = laptop.locator(".join-panel .join-code").inner_text().strip()
    assert len(code) == 8 and code.isalnum()

    student_context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        join_class(student_context.new_page(), base, code, name="Ana")
    finally:
        student_context.close()

    laptop.get_by_role("link", name="My classes").first.click()
    laptop.wait_for_url("**/teach/")
    card = laptop.locator(".class-card")
    assert card.locator(".join-code").inner_text().strip() == code
    assert "1 learner" in card.inner_text()
    screenshot(laptop, "teacher-dashboard-laptop")
    card.get_by_role("link", name="Roster and settings").click()
    roster = laptop.locator("table.roster tbody tr")
    assert roster.count() == 1
    assert roster.first.locator("th").inner_text() == "Ana"
    assert laptop.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    screenshot(laptop, "teacher-roster-laptop")

    # Then the bank goes to the tools the school already uses: Anki and Moodle, from the browser.
    laptop.get_by_role("link", name="Question bank").first.click()
    laptop.get_by_role("link", name="Export to Anki, Moodle or JSON").click()
    screenshot(laptop, "teacher-exports-laptop")
    for label, first_bytes in (("Anki deck", b"PK"), ("Moodle XML", b"<?xml")):
        button = laptop.get_by_role("button", name=f"Download {label}")
        status = laptop.locator("li", has=button).locator("[role=status]")
        # Record every state the button passes through: a quick export may be over before a check looks.
        button.evaluate(
            """b => { window.buttonStates = [];
                 new MutationObserver(() => window.buttonStates.push([b.textContent, b.disabled]))
                   .observe(b, {attributes: true, childList: true, characterData: true, subtree: true}); }"""
        )
        with laptop.expect_download() as download_info:
            button.click()
        download = download_info.value
        assert download.failure() is None
        assert Path(download.path()).read_bytes().startswith(first_bytes), label
        status.get_by_text("Ready: your browser has the file.").wait_for()
        assert button.is_enabled()
        # While the file was made, the button said so and could not be pressed twice.
        assert ["Preparing the file…", True] in laptop.evaluate("window.buttonStates")
