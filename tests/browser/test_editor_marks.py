"""The editor's picker marks exactly the quote's words (a clause as a clause) and the words found."""

import pytest
from flask import Flask

from tests.browser.conftest import screenshot
from tests.browser.test_editor import log_in
from tests.conftest import LOST_NOTHING

pytestmark = pytest.mark.csrf

CLAUSE_QUESTION = (
    "wb-utility-cloze-1"  # its quote is a clause of the sentence "Stalin agreed with Mao’s view …"
)
SENTENCE_OPENS = "Stalin agreed with Mao’s view that prolonging the war was advantageous"


def marked(page, kind: str) -> str:
    """The words inside the picker's <mark class="picker-<kind>"> elements, joined in reading order."""
    return page.evaluate(
        "kind => Array.from(document.querySelectorAll('.picker mark.picker-' + kind))"
        ".map(m => m.textContent).join('')",
        kind,
    )


@pytest.mark.parametrize(("name", "width", "height"), [("laptop", 1280, 800), ("phone", 390, 844)])
def test_a_saved_clause_is_marked_as_that_clause_and_found_words_are_marked(
    loaded_app: Flask, classroom, live_server, browser, name: str, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if message.type == "error" else None)
    try:
        base = live_server.url()
        log_in(page, base, "Ms Rivera")
        page.goto(f"{base}/teach/questions/{CLAUSE_QUESTION}/edit")
        quote = page.get_by_label("Support quote", exact=True)
        assert quote.input_value() == LOST_NOTHING
        weathersby = page.locator(".picker-source[data-source=weathersby]")
        sentence = weathersby.locator(".picker-sentence", has_text=SENTENCE_OPENS)
        sentence.locator("mark.picker-quote").first.wait_for()
        assert marked(page, "quote") == LOST_NOTHING  # the clause, not its whole sentence
        assert SENTENCE_OPENS in sentence.inner_text() and SENTENCE_OPENS not in marked(page, "quote")
        assert sentence.get_attribute("aria-pressed") == "true"
        sentence.locator("mark.picker-quote").first.scroll_into_view_if_needed()
        screenshot(page, f"editor-marks-clause-{name}", full_page=False)

        page.get_by_label("Find in the source").fill("EXCEPT people")
        weathersby.locator("mark.picker-found").first.wait_for()
        found = page.evaluate(
            "Array.from(document.querySelectorAll('[data-source=weathersby] mark.picker-found'))"
            ".map(m => m.textContent)"
        )
        passages = weathersby.locator(".picker-passage")
        assert found and all(words.lower() == "except people" for words in found)
        assert len(found) >= passages.count() >= 1  # every paragraph shown holds the words, and shows them
        assert marked(page, "quote") == LOST_NOTHING  # the quote keeps its own mark beside the found words
        weathersby.locator("mark.picker-found").first.scroll_into_view_if_needed()
        screenshot(page, f"editor-marks-found-{name}", full_page=False)

        page.get_by_label("Find in the source").fill("")
        page.locator(".picker mark.picker-found").first.wait_for(state="detached")
        clicked = weathersby.locator(".picker-sentence", has_text=SENTENCE_OPENS)
        clicked.click()
        assert quote.input_value() == clicked.inner_text().strip()
        assert marked(page, "quote") == clicked.inner_text()  # a picked sentence is marked whole
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
        assert not [text for text in refused if "Content Security Policy" in text]
    finally:
        context.close()
