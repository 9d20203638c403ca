"""The upload preview in a real browser: a file's head fills the empty fields, doubtful headings are flagged,
and the page fits a laptop and a phone."""

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from app.auth.models import User
from tests.browser.conftest import screenshot
from tests.browser.test_source_upload import log_in

pytestmark = pytest.mark.csrf

# Invented for the test: a by-line, a heading with a trailing note digit, and a lone answer read as a heading.
DOUBTFUL = (
    "The Closed Port\n"
    "By Margaret Ellery\n"
    "Introduction1\n"
    "Nobody answered the petition of the town, and by June the warehouses were half empty.\n"
    "No\n"
    "In the autumn a committee of correspondence was formed in the town.\n"
    "Harbour Trade\n"
    "The ropewalks had stopped work and many families left for the countryside.\n"
)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_preview_fills_the_head_and_flags_doubtful_headings(
    loaded_app: Flask, live_server, browser, make_user: Callable[..., User], tmp_path: Path, width, height
) -> None:
    make_user("Ms Rivera", role="teacher")
    file = tmp_path / "closed-port.txt"
    file.write_text(DOUBTFUL, encoding="utf-8")
    base = live_server.url()
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    try:
        log_in(page, base, "Ms Rivera")
        page.goto(base + "/teach/sources/new")
        page.get_by_label("Text file").set_input_files(str(file))
        page.get_by_label("Id", exact=True).fill("closed-port")
        page.get_by_label("Kind of text").fill("Pamphlet")
        page.get_by_label("Date", exact=True).fill("1774")
        page.get_by_label("Citation").fill("The Closed Port, 1774.")
        page.get_by_label("About this source").fill("Written to rally the town against the port's closing.")
        page.get_by_role("button", name="Preview the parse").click()
        main = page.inner_text("main")
        assert "Nothing is saved yet" in main
        assert page.get_by_label("Title").input_value() == "The Closed Port"
        assert page.get_by_label("Author or issuer").input_value() == "Margaret Ellery"
        assert page.get_by_label("Short name").input_value() == "Ellery"
        assert "Filled in from the head of the text" in main
        flagged = page.inner_text(".suspicious-headings")
        assert "Introduction1" in flagged and "No" in flagged and "Harbour Trade" not in flagged
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
        screenshot(page, f"source-preview-head-{width}")
        page.locator(".suspicious-headings").scroll_into_view_if_needed()
        screenshot(page, f"source-preview-flags-{width}", full_page=False)
        page.locator(".detected-fields").scroll_into_view_if_needed()
        screenshot(page, f"source-preview-details-{width}", full_page=False)
    finally:
        page.context.close()
