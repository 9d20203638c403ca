"""Reading Moodle GIFT into draft questions: the three supported types, GIFT's syntax, and every refusal."""

import pytest

from app.bank.formats import export_items
from app.bank.formats.gift import export_gift
from app.bank.formats.gift_import import parse_gift
from app.bank.yamlio import read_bank
from tests.conftest import SHIPPED_BANK

MIXED = """\
// A teacher's file from Moodle.
$CATEGORY: $course$/Korea/Armistice

::stalin-toast::[plain]According to the DPRK publication, what did Stalin propose at the banquet? {
  =A toast of thanks to Kim Il Sung#Yes: the publication presents it as gratitude.
  ~A trade agreement#No.
  ~An armistice
  ####The toast is offered as proof of Stalin's respect.
}

::tf::According to Weathersby, Kim Il Sung wanted the war to end by 1952. {TRUE}

According to Weathersby, Stalin urged the Chinese to end the war at once.{F}

// a short answer
::year::In which year was the armistice signed? {=1953 =in 1953}
"""


def test_a_mixed_file_reads_as_multiple_choice_true_false_and_short_answer() -> None:
    result = parse_gift(MIXED)
    assert result.problems == []
    mc, true, false, typed = result.questions
    assert mc.type == "multiple_choice" and mc.wanted_id == "stalin-toast"
    assert mc.prompt == "According to the DPRK publication, what did Stalin propose at the banquet?"
    assert mc.choices == ("A toast of thanks to Kim Il Sung", "A trade agreement", "An armistice")
    assert mc.answer == "A toast of thanks to Kim Il Sung"
    assert mc.explanation == "The toast is offered as proof of Stalin's respect."
    assert mc.where == "line 4"
    assert (true.type, true.answer, true.wanted_id) == ("true_false", True, "tf")
    assert (false.type, false.answer, false.wanted_id) == ("true_false", False, "")
    assert false.prompt == "According to Weathersby, Stalin urged the Chinese to end the war at once."
    assert (typed.type, typed.answer, typed.accepted_answers) == ("typed", "1953", ("in 1953",))
    assert typed.where == "line 16"


@pytest.mark.parametrize("block", ["{T}", "{TRUE}", "{t}", "{ true }"])
def test_true_is_written_four_ways(block: str) -> None:
    assert parse_gift(f"According to Weathersby, it rained. {block}").questions[0].answer is True


def test_without_general_feedback_the_right_answers_feedback_explains() -> None:
    (mc,) = parse_gift("Pick one. {=Right#Because it is. ~Wrong#It is not.}").questions
    assert mc.explanation == "Because it is."
    (tf,) = parse_gift("According to X, so. {F#Wrong: it is false.#Right: it is false.}").questions
    assert tf.explanation == "Right: it is false."


def test_escaped_special_characters_are_text() -> None:
    text = r"::a\:b::Which is 1\=1 \~ \#2 \{set\}? {=a\=b\#c ~x\~y ~\{z\}}"
    (question,) = parse_gift(text).questions
    assert question.wanted_id == "a:b"
    assert question.prompt == "Which is 1=1 ~ #2 {set}?"
    assert question.choices == ("a=b#c", "x~y", "{z}")
    assert question.answer == "a=b#c"


def test_a_blank_inside_the_text_becomes_a_gap() -> None:
    (question,) = parse_gift(
        "Stalin said they have lost nothing, except {=people ~land} in the war."
    ).questions
    assert question.prompt == "Stalin said they have lost nothing, except ____ in the war."


@pytest.mark.parametrize(
    ("gift", "kind"),
    [
        ("Match these. {=Kim -> Korea =Mao -> China =Stalin -> USSR}", "a matching question"),
        ("When was the armistice? {#1953:0}", "a numeric question"),
        ("Write about the armistice. {}", "an essay question"),
        ("Read the next questions carefully.", "a description"),
        ("Pick two. {~%50%Kim ~%50%Mao ~%-100%Truman}", "a multiple-answer question"),
    ],
)
def test_types_the_app_has_not_are_reported_by_line_not_dropped(gift: str, kind: str) -> None:
    text = f"// first\n\nAccording to X, so. {{T}}\n\n{gift}\n"
    result = parse_gift(text)
    assert len(result.questions) == 1
    (problem,) = result.problems
    assert problem.where == "line 5" and not problem.blocking
    assert problem.message.startswith(kind) and "not imported" in problem.message


@pytest.mark.parametrize(
    ("gift", "message"),
    [
        ("Which? {=a ~b", "never closed"),
        ("Which? {=a =b ~c}", "exactly one right answer (=), has 2"),
        ("Which? {~a ~b}", "exactly one right answer (=), has 0"),
        ("Which? {maybe =a ~b}", "stands before the first answer"),
        ("Which? {=a ~}", "an answer is empty"),
        ("Which? {=a} and {=b}", "more than one answer block"),
        ("Name one? {=Kim*}", "wildcard"),
        ("{=a ~b}", "no text before its answer block"),
    ],
)
def test_malformed_questions_are_errors_with_their_line(gift: str, message: str) -> None:
    result = parse_gift(f"According to X, so. {{T}}\n\n\n{gift}")
    assert len(result.questions) == 1
    (problem,) = result.problems
    assert problem.blocking and problem.where == "line 4"
    assert message in problem.message


def test_html_questions_become_plain_text_and_lose_their_scripts() -> None:
    text = "[html]<p>According to <b>Weathersby</b>, who &amp; when?</p><script>alert(1)</script>{=Kim ~Mao}"
    (question,) = parse_gift(text).questions
    assert question.prompt == "According to Weathersby, who & when?"
    assert "HTML turned into plain text" in question.notes


def test_markup_in_a_plain_question_is_kept_as_the_words_it_is() -> None:
    (question,) = parse_gift("Is <script>alert(1)</script> a tag? {=yes ~no}").questions
    assert question.prompt == "Is <script>alert(1)</script> a tag?"


def test_an_empty_file_says_so() -> None:
    (problem,) = parse_gift("// only a comment\n\n").problems
    assert "no questions found" in problem.message


def test_the_apps_own_gift_export_reads_back_the_same() -> None:
    """Every exported multiple-choice, true/false and short-answer question returns with the same prompt,
    choices and answer ("which source" as multiple choice in words, cloze and typed as short answer)."""
    bank, _issues = read_bank(SHIPPED_BANK)
    items = [item for item in export_items(bank) if item.question.type != "flashcard"]
    result = parse_gift(export_gift(bank))
    assert result.problems == []
    assert len(result.questions) == len(items) > 100
    for item, imported in zip(items, result.questions, strict=True):
        original = item.question
        assert imported.wanted_id == original.id
        assert imported.prompt == original.prompt, original.id
        if original.type in ("multiple_choice", "which_source"):
            assert imported.type == "multiple_choice"
            assert imported.choices == item.options and imported.answer == item.answer_words, original.id
        elif original.type == "true_false":
            assert imported.type == "true_false" and imported.answer is original.answer
        else:
            assert imported.type == "typed"
            assert (imported.answer, imported.accepted_answers) == (
                original.answer,
                original.accepted_answers,
            )
        assert imported.explanation.startswith(original.explanation.split("\n")[0].strip()[:40])
