"""A teacher adds the two Lexington accounts in a real browser, checks each parse, and generates drafts."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from app.auth.models import User
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.csrf

LEXINGTON = Path(__file__).resolve().parents[1] / "data" / "lexington-1775"


def log_in(page, base: str, name: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/teach/")


def add_source(page, base: str, file: Path, source_id: str, title: str, shot: str | None = None) -> None:
    page.goto(base + "/teach/sources")
    page.get_by_role("link", name="Add a source").click()
    page.get_by_label("Text file").set_input_files(str(file))
    page.get_by_label("Id", exact=True).fill(source_id)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Author or issuer").fill("Printed in 1775")
    page.get_by_label("Kind of text").fill("Official account")
    page.get_by_label("Date", exact=True).fill("1775")
    page.get_by_label("Citation").fill(f"{title}, 1775.")
    page.get_by_label("About this source").fill("Written to tell readers who fired first at Lexington.")
    if shot:
        screenshot(page, f"{shot}-form")
    page.get_by_role("button", name="Preview the parse").click()
    assert "Nothing is saved yet" in page.inner_text("main")
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    if shot:
        screenshot(page, f"{shot}-preview")
    page.get_by_role("button", name="Save this source").click()
    page.wait_for_url(f"**/teach/sources/{source_id}")


def test_a_teacher_adds_two_sources_and_generates_a_draft_bank(
    loaded_app: Flask, live_server, browser, make_user: Callable[..., User]
) -> None:
    make_user("Ms Rivera", role="teacher")
    base = live_server.url()
    laptop = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2).new_page()
    try:
        log_in(laptop, base, "Ms Rivera")
        add_source(
            laptop, base, LEXINGTON / "gage-circumstantial-account.txt", "gage", "Gage's account", "laptop"
        )
        assert "Hidden from learners" in laptop.inner_text("main")
        screenshot(laptop, "source-page-laptop")

        log_in(phone, base, "Ms Rivera")
        add_source(
            phone, base, LEXINGTON / "provincial-congress-narrative.txt", "narrative", "A Narrative", "phone"
        )
        screenshot(phone, "source-page-phone")

        laptop.goto(base + "/teach/sources")
        laptop.get_by_label("First source").select_option("gage")
        laptop.get_by_label("Second source").select_option("narrative")
        screenshot(laptop, "sources-laptop")
        laptop.get_by_role("button", name="Generate a draft bank").click()
        laptop.wait_for_url("**/teach/sources/drafts/gage/narrative")
        summary = laptop.inner_text(".flashes")
        made = sum(int(n) for n in re.findall(r"(\d+) \w+", summary.split("Questions:", 1)[1]))
        screenshot(laptop, "generated-drafts-laptop")
        laptop.get_by_role("link", name="Review them in the question bank").click()
        assert made >= 5 and laptop.locator("tr.bank-row.status-draft").count() == made

        phone.goto(base + "/teach/sources/drafts/gage/narrative")
        assert phone.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
        screenshot(phone, "generated-drafts-phone")
        phone.goto(base + "/teach/sources")
        screenshot(phone, "sources-phone")
    finally:
        laptop.context.close()
        phone.context.close()


def test_an_empty_source_form_is_answered_by_the_page_not_browser_pop_ups(
    loaded_app: Flask, live_server, laptop, make_user: Callable[..., User]
) -> None:
    """Every form says what is missing in its own words beside the field; the source form did not."""
    make_user("Ms Rivera", role="teacher")
    base = live_server.url()
    log_in(laptop, base, "Ms Rivera")
    laptop.goto(base + "/teach/sources/new")
    with laptop.expect_navigation():  # the browser lets the form through to the server
        laptop.get_by_role("button", name="Preview the parse").click()
    assert "Choose the source's plain-text file." in laptop.inner_text("main")
