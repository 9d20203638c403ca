"""Pure: the words a question quotes, and the sources that hold them, decide where it is offered."""

from flask import Flask

from app.extensions import db
from app.teacher.questions.grounding import BankView
from app.teacher.questions.imports.placing import place, quoted_words
from tests.conftest import SHIPPED_BANK


def test_a_prompt_quotes_in_straight_or_curly_marks_and_a_quote_comes_first() -> None:
    assert quoted_words("", 'Why say "have lost nothing," and “except people”?') == (
        "have lost nothing",
        "except people",
    )
    assert quoted_words("the quote itself", 'A prompt with "other words".') == ("the quote itself",)
    assert quoted_words("", "According to the DPRK publication, Stalin thanked Kim Il Sung.") == ()


def test_the_file_then_the_teacher_then_the_one_source_then_the_form_decide(loaded_app: Flask) -> None:
    indexes = BankView(db.session, SHIPPED_BANK).indexes
    lost = "What does “have lost nothing, except people” show?"
    assert place(indexes, "", lost).source == "weathersby"  # typographic marks loosened, as grounding does
    assert place(indexes, "", lost, form_default="dprk").source == "weathersby"
    assert place(indexes, "", lost, chosen="dprk").by == "teacher"
    assert place(indexes, "", lost, from_file="dprk").source == "dprk"
    both = place(indexes, "", 'Who is "Kim Il Sung"?')
    assert (both.source, both.found_in) == ("", ("dprk", "weathersby"))
    assert place(indexes, "", 'Who is "Kim Il Sung"?', form_default="dprk").by == "form"
    assert place(indexes, "Stalin wept.", "").found_in == ()
