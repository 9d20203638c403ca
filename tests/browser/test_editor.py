"""The question editor in a real browser: edit, see the learner's view change, restore, pick a quote."""

import hashlib
from collections.abc import Callable

import pytest
from flask import Flask

from app.auth.models import User
from app.bank.models import Question
from app.extensions import db
from app.sources.documents import SourceDocument, SourceMeta
from app.sources.parser import parse_text
from app.sources.services import sync_source
from app.teacher.questions.grounding import PICKER_PASSAGES
from tests.browser.conftest import screenshot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.csrf

QID = "wb-exports-tf-1"
SECTION = "Wartime Exports to the Soviet Union"
NEW_PROMPT = "According to Weathersby, North Korea went on exporting to China throughout the war."


def log_in(page, base: str, name: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def quiz_prompt(page, base: str) -> str:
    """The prompt a learner is shown for the one true/false question of this section."""
    page.goto(base + "/quiz")
    page.get_by_label("Section").select_option(SECTION)
    page.get_by_label("Kind of question").select_option("true_false")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url("**/quiz/q/*")
    return page.locator("h1.prompt").inner_text().strip()


def test_an_edit_reaches_learners_and_a_restore_brings_the_old_prompt_back(
    loaded_app: Flask, classroom, live_server, browser, laptop, phone, make_user: Callable[..., User]
) -> None:
    base = live_server.url()
    make_user("Ana")
    student = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(student, base, "Ana")
    old_prompt = quiz_prompt(student, base)
    assert old_prompt.startswith("According to Weathersby, North Korea kept up its planned exports")

    log_in(laptop, base, "Ms Rivera")
    laptop.goto(f"{base}/teach/questions/{QID}")
    laptop.get_by_role("link", name="Edit", exact=True).click()
    laptop.wait_for_url(f"**/teach/questions/{QID}/edit")
    screenshot(laptop, "editor-edit-laptop")
    laptop.get_by_label("Statement").fill(NEW_PROMPT)
    laptop.get_by_label("Why this change").fill("shorter statement")
    laptop.get_by_role("button", name="Save a new revision").click()
    laptop.wait_for_url(f"**/teach/questions/{QID}")
    assert "Saved as revision 2." in laptop.locator(".flashes").inner_text()
    screenshot(laptop, "editor-question-laptop", full_page=False)
    assert quiz_prompt(student, base) == NEW_PROMPT
    screenshot(student, "editor-learner-sees-edit-phone")

    laptop.get_by_role("link", name="History (2 revisions)").click()
    row = laptop.locator("tbody tr", has_text="shorter statement")
    assert "prompt changed" in row.inner_text()
    laptop.get_by_role("link", name="Compare revision 2 with revision 1").click()
    assert laptop.locator("td ins").first.is_visible() and laptop.locator("td del").first.is_visible()
    assert laptop.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    screenshot(laptop, "editor-compare-laptop")
    laptop.go_back()
    screenshot(laptop, "editor-history-laptop")
    laptop.get_by_role("button", name="Restore revision 1").click()
    assert "Revision 1 restored as revision 3." in laptop.locator(".flashes").inner_text()
    assert quiz_prompt(student, base) == old_prompt
    look_on_a_phone(phone, base)
    with loaded_app.app_context():
        question = db.session.get(Question, QID)
        assert question.current_revision_number == 3
        assert [r.prompt for r in question.revisions][1] == NEW_PROMPT
    student.context.close()


def look_on_a_phone(page, base: str) -> None:
    """The history and compare pages of an edited question fit a phone's width."""
    log_in(page, base, "Ms Rivera")
    for url, name in (
        (f"/teach/questions/{QID}/revisions", "editor-history-phone"),
        (f"/teach/questions/{QID}/compare?a=1&b=2", "editor-compare-phone"),
        (f"/teach/questions/{QID}/revisions/1", "editor-old-revision-phone"),
    ):
        page.goto(base + url)
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), url
        screenshot(page, name)


def test_a_teacher_picks_the_quote_by_clicking_sentences(
    loaded_app: Flask, classroom, live_server, laptop, phone
) -> None:
    base = live_server.url()
    log_in(laptop, base, "Ms Rivera")
    laptop.goto(base + "/teach/questions/new?type=typed")
    laptop.get_by_label("Source of the support quote").select_option("dprk")
    passage = laptop.locator(".picker-source[data-source=dprk] .picker-passage", has_text="heartfelt thanks")
    sentences = passage.locator(".picker-sentence")
    assert sentences.count() >= 2
    toast = sentences.filter(has_text="I propose to extend heartfelt thanks")
    toast.click()
    quote = laptop.get_by_label("Support quote", exact=True)
    assert quote.input_value() == toast.inner_text().strip()
    first, toast_text = sentences.first, toast.inner_text().strip()
    assert [t.strip() for t in sentences.all_inner_texts()].index(toast_text) == 1
    first.click(modifiers=["Shift"])  # extends back to the first sentence of the paragraph
    both = quote.input_value()
    assert both.startswith(first.inner_text().strip()) and both.endswith(toast_text)
    assert passage.locator(".picker-sentence.is-picked").count() == 2
    first.click()
    assert quote.input_value() == first.inner_text().strip()
    extend = laptop.get_by_role("button", name="Add the next sentence")
    extend.click()
    assert quote.input_value() == both and extend.is_disabled()
    screenshot(laptop, "editor-picker-laptop")
    laptop.get_by_label("Question", exact=True).fill(
        "According to the DPRK publication, whom did Stalin thank?"
    )
    laptop.get_by_label("Expected answer").fill("Kim Il Sung")
    laptop.get_by_label("Explanation").fill("The toast thanked Kim by name.")
    laptop.get_by_label("Id", exact=True).fill("toast-typed")
    laptop.get_by_role("button", name="Save as draft").click()
    laptop.wait_for_url("**/teach/questions/toast-typed")
    with loaded_app.app_context():
        revision = db.session.get(Question, "toast-typed").current_revision
        assert revision.support_quote == quote_value_in_db(laptop, base)
        assert "I propose to extend heartfelt thanks" in revision.support_quote

    log_in(phone, base, "Ms Rivera")
    phone.goto(base + "/teach/questions/toast-typed/edit")
    assert phone.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    screenshot(phone, "editor-edit-phone")


def quote_value_in_db(page, base: str) -> str:
    """The quote as the edit page shows it after saving: what the server stored."""
    page.goto(base + "/teach/questions/toast-typed/edit")
    return page.get_by_label("Support quote", exact=True).input_value()


def test_the_picker_fetches_more_of_a_long_source_and_finds_words_anywhere_in_it(
    loaded_app: Flask, classroom, live_server, laptop
) -> None:
    text = "\n\n".join(f"Passage {p} opens here. Passage {p} closes here." for p in range(1, 301))
    meta = SourceMeta("long", "long.txt", "A long source", "-", "long", "-", "-", "-", "-")
    with loaded_app.app_context():
        document = SourceDocument(meta, text, hashlib.sha256(text.encode()).hexdigest(), parse_text(text))
        sync_source(db.session, document, 99)
        db.session.commit()
    base = live_server.url()
    log_in(laptop, base, "Ms Rivera")
    laptop.goto(base + "/teach/questions/new?type=typed&source=long")
    long = laptop.locator(".picker-source[data-source=long]")
    assert long.locator(".picker-passage").count() == PICKER_PASSAGES
    assert not long.get_by_role("button", name="Show earlier passages").is_visible()
    long.get_by_role("button", name="Show later passages").click()
    fetched = long.locator(".picker-sentence", has_text=f"Passage {PICKER_PASSAGES + 1} closes here.")
    fetched.click()
    quote = laptop.get_by_label("Support quote", exact=True)
    assert quote.input_value() == f"Passage {PICKER_PASSAGES + 1} closes here."
    assert long.locator(".picker-passage").count() == 2 * PICKER_PASSAGES
    laptop.get_by_label("Find in the source").fill("passage 287 opens")
    found = long.locator(".picker-sentence", has_text="Passage 287 opens here.")
    found.click()
    assert quote.input_value() == "Passage 287 opens here."
    assert long.locator(".picker-passage").count() == 1
    assert not long.get_by_role("button", name="Show earlier passages").is_visible()
    assert not long.get_by_role("button", name="Show later passages").is_visible()
    laptop.get_by_role("button", name="Add the next sentence").click()
    assert quote.input_value() == "Passage 287 opens here. Passage 287 closes here."
    screenshot(laptop, "editor-picker-long-source-laptop")
