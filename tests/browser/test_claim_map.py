"""The claim map in a real browser: edit a pair, restore its old words, make a pair from a suggestion."""

from collections.abc import Callable

import pytest
from flask import Flask

from app.auth.models import User
from app.bank.models import ClaimPair
from app.extensions import db
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.csrf

PAIR = "d1-not-cost-effective-vs-inefficient"


def log_in(page, base: str, name: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def fits(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def test_a_teacher_edits_a_pair_and_restores_its_first_words(
    loaded_app: Flask, live_server, laptop, make_user: Callable[..., User]
) -> None:
    make_user("Ms Rivera", role="teacher")
    base = live_server.url()
    log_in(laptop, base, "Ms Rivera")
    laptop.get_by_role("link", name="Claim map").click()
    laptop.get_by_label("Search").fill("cost-effective")
    laptop.get_by_role("button", name="Show").click()
    screenshot(laptop, "claim-map-list-laptop")
    laptop.get_by_role("link", name=PAIR).click()
    original = laptop.locator(".pair-rationale").inner_text()
    assert laptop.locator("mark").count() == 2 and fits(laptop)
    screenshot(laptop, "claim-map-pair-laptop")

    laptop.get_by_role("link", name="Edit the pair").click()
    laptop.get_by_label("Rationale").fill(
        "Both texts give Moscow's case: building machines at home would not pay."
    )
    laptop.get_by_label("What changed, and why").fill("plainer words")
    laptop.get_by_role("button", name="Save the pair").click()
    assert "Saved as revision 2." in laptop.locator(".flashes").inner_text()
    assert laptop.locator(".pair-rationale").inner_text().startswith("Both texts give")

    laptop.get_by_role("button", name="Compare the two chosen revisions").click()
    assert laptop.locator("tr.is-changed").count() == 1
    screenshot(laptop, "claim-map-compare-laptop")
    laptop.get_by_role("link", name="View revision 1 (and restore it)").click()
    laptop.get_by_role("button", name="Restore revision 1").click()
    assert "Restored revision 1 as revision 3" in laptop.locator(".flashes").inner_text()
    assert laptop.locator(".pair-rationale").inner_text() == original
    assert laptop.locator(".bank-history tbody tr").count() == 3
    db.session.expire_all()
    assert db.session.get(ClaimPair, PAIR).rationale == original


def test_a_teacher_makes_a_pair_from_a_suggestion_on_a_phone(
    loaded_app: Flask, live_server, browser, make_user: Callable[..., User]
) -> None:
    make_user("Ms Rivera", role="teacher")
    base = live_server.url()
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    phone = context.new_page()
    try:
        log_in(phone, base, "Ms Rivera")
        phone.goto(base + "/teach/claims/suggest?source=dprk")
        phone.get_by_label("Sentence").select_option("dprk:21:1")
        phone.get_by_role("button", name="Suggest").click()
        assert phone.locator("li.counterpart").count() == 5
        assert fits(phone)
        screenshot(phone, "claim-map-suggest-phone")
        candidate = phone.locator("li.counterpart .counterpart-text").first.inner_text()
        phone.get_by_role("link", name="Make a pair from this").first.click()
        assert phone.locator("#b_quote").input_value() == candidate
        phone.get_by_label("Pair id").fill("revolutionary-army-blows")
        phone.get_by_label("Rationale").fill("The publication's victories against the paper's account.")
        assert fits(phone)
        screenshot(phone, "claim-map-new-phone")
        phone.get_by_role("button", name="Create the pair").click()
        assert "is created (revision 1)" in phone.locator(".flashes").inner_text()
        assert fits(phone)
        screenshot(phone, "claim-map-pair-phone")
        phone.goto(base + "/teach/claims")
        assert fits(phone)
        screenshot(phone, "claim-map-list-phone", full_page=False)
    finally:
        context.close()
    db.session.expire_all()
    made = db.session.get(ClaimPair, "revolutionary-army-blows")
    assert made.status == "draft" and made.b_quote == candidate
