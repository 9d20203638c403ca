"""What a student sees in a real browser: the sources introduced, then read in full on a phone."""

from flask import Flask

from tests.browser.conftest import screenshot


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def test_student_meets_both_sources_on_a_phone(loaded_app: Flask, live_server, phone) -> None:
    phone.goto(live_server.url("/"))
    cards = phone.locator("article.source-card")
    assert cards.count() == 2
    assert "Kathryn Weathersby" in cards.nth(1).inner_text()
    assert no_horizontal_scroll(phone)
    screenshot(phone, "home-phone")


def test_student_reads_the_paper_and_follows_a_footnote(loaded_app: Flask, live_server, phone) -> None:
    phone.goto(live_server.url("/"))
    phone.get_by_role("link", name="Read the full text").nth(1).click()
    phone.wait_for_url("**/sources/weathersby")
    assert phone.get_by_role("heading", name="Requests for Aid for Postwar Reconstruction").is_visible()
    phone.get_by_role("link", name="Footnote 30", exact=True).click()
    note = phone.locator("#weathersby-fn30")
    assert phone.url.endswith("#weathersby-fn30")
    assert note.is_visible()
    top = note.evaluate("el => el.getBoundingClientRect().top")
    assert -2 <= top < phone.viewport_size["height"], "the footnote is not scrolled into view"
    assert no_horizontal_scroll(phone)
    screenshot(phone, "weathersby-footnote-phone", full_page=False)


def test_keyboard_user_can_skip_to_the_text(loaded_app: Flask, live_server, laptop) -> None:
    laptop.goto(live_server.url("/sources/dprk"))
    laptop.keyboard.press("Tab")
    skip = laptop.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    laptop.keyboard.press("Enter")
    assert laptop.url.endswith("#content")
    assert laptop.get_by_role("heading", name="Stalin’s Toast").is_visible()
    screenshot(laptop, "dprk-laptop")
