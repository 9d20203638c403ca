"""Generated "which source says this?" items: "both" and "neither" only where they are true."""

import random
from pathlib import Path
from typing import Any

import pytest

from app.bank.generator.attribution import DraftPair, both_questions, neither_questions, pair_questions
from app.bank.generator.candidates import Span
from app.bank.generator.pipeline import generate_bank
from app.bank.generator.questions import (
    QuestionMaker,
    SourceSentence,
    blank_out,
    hedged,
    scare_quoted,
)
from app.bank.generator.spans import build_people_index, find_spans
from app.bank.validator import errors_in
from tests.bank.test_generate import LEXINGTON, questions_in

NAMES = {"a": "the first text", "b": "the second text"}


def sentence(source: str, text: str) -> SourceSentence:
    return SourceSentence(source, NAMES[source], text, None, text)


def attribution(texts_a: list[str], texts_b: list[str]) -> tuple[list, dict, list]:
    """Run the "both" and "neither" builders on a few sentences, as the pipeline does."""
    a = [sentence("a", t) for t in texts_a]
    b = [sentence("b", t) for t in texts_b]
    people = build_people_index([*texts_a, *texts_b])
    spans_of = {s.text: find_spans(s.text, people) for s in a + b}
    pool = [span for spans in spans_of.values() for span in spans]
    maker = QuestionMaker(people, pool, set(), random.Random(0))
    pairs: dict[tuple[str, str], DraftPair] = {}
    both = both_questions(a, b, spans_of, maker, NAMES, pairs)
    neither = neither_questions(a + b, maker, pool, spans_of)
    return both, pairs, neither


def test_both_when_the_two_give_the_same_share_in_the_same_kind_of_statement() -> None:
    both, pairs, _neither = attribution(
        ["According to the planners, aid made up 33% of the state budget of 1954 after the war."],
        [
            "Direct aid from the bloc provided 33% of the state budget of 1954, the ministry reported.",
            "Farm output in 1956 reached 80% of its prewar level in the western provinces.",
        ],
    )
    assert [q.answer for q in both] == ["both"]
    question = both[0]
    assert "33%" in question.prompt and "budget" in question.prompt
    pair = pairs[(question.support.text, question.explanation.rsplit("“", 1)[1].rstrip("”"))]
    assert (pair.relation, question.claim_pair) == ("corroborates", pair.id)
    assert "Direct aid from the bloc" in question.explanation


def test_no_both_or_neither_turns_on_a_date_or_a_count() -> None:
    """ "Which source gives 19th of April?" asks a date, not the history (REVIEW.md criterion 8)."""
    both, pairs, neither = attribution(
        ["On the 19th of April 1775 the regulars marched eight companies from Boston towards Concord."],
        ["The regulars marched eight companies towards Concord on the nineteenth of April, 1775, at dawn."],
    )
    assert both == [] and pairs == {} and neither == []


def test_no_both_for_a_shared_fact_in_statements_about_different_things() -> None:
    both, pairs, _neither = attribution(
        ["The delegation held talks between the two sides in Moscow that spring."],
        [
            "Engineers planned a two kilometer wide zone along the river.",
            "The talks in Moscow lasted two years of the war.",
        ],
    )
    assert both == [] and pairs == {}
    both, pairs, _neither = attribution(
        ["On the 19th of April 1775 the regulars marched from Boston towards Concord at night."],
        ["A comet was seen over Philadelphia on the nineteenth of April, 1775, by many observers."],
    )
    assert both == [] and pairs == {}


def test_neither_swaps_a_share_that_no_sentence_on_the_point_gives() -> None:
    industry = "Heavy industry took 40% of all investment in the first plan after the war ended."
    other_side = "In the first plan heavy industry received 45% of the investment, the ministry said."
    _both, _pairs, neither = attribution(
        [industry, "The farms of the province received 30% of the credits in that year."], [other_side]
    )
    by_support = {q.support.text: q for q in neither}
    assert {industry, other_side} <= set(by_support)
    # 45% is the nearest share to 40%, but the other text gives it on this very point: not "neither".
    assert "45%" not in by_support[industry].prompt and "30%" in by_support[industry].prompt
    assert "40%" not in by_support[other_side].prompt
    assert all(q.answer == "neither" and q.support.text not in q.prompt for q in neither)


def test_a_hedged_figure_is_never_swapped() -> None:
    text = "The troops had above Forty killed and many more wounded on the road back to Boston."
    span = next(s for s in find_spans(text, build_people_index([])) if s.text == "Forty")
    assert hedged(text, span)
    _both, _pairs, neither = attribution(
        [text, "The march from Concord took them Fifteen hours of the day in all."],
        ["Some Fifty of the men were at the bridge that morning in the cold."],
    )
    assert [q for q in neither if q.support.text == text] == []


def _span_of(text: str, word: str) -> Span:
    start = text.index(word)
    return Span("person", word, start, start + len(word), word, "full", "")


def test_a_word_set_in_quotation_marks_by_itself_is_never_the_blank() -> None:
    """ "in regard to “____” doctrine": the marks left around the blank give the text's label away."""
    for text in ("It is so in regard to “Mormon” doctrine on the taking of life.", 'The "Mormon" Church.'):
        assert scare_quoted(text, _span_of(text, "Mormon"))
    for text in ("The toast was called “Stalin’s Toast” by the press.", "Mormon settlers stayed on."):
        assert not scare_quoted(text, _span_of(text, "Stalin" if "Stalin" in text else "Mormon"))


def test_a_name_is_not_blanked_where_its_surname_shows_elsewhere_in_the_sentence() -> None:
    text = "On the way they met John D. Lee, whom the men called “Brother” Lee, at the spring."
    assert blank_out(text, _span_of(text, "John D. Lee")) is None
    other = "On the way they met John D. Lee at the spring near the Meadows."
    assert (
        blank_out(other, _span_of(other, "John D. Lee"))
        == "On the way they met ____ at the spring near the Meadows."
    )


def test_an_exact_figure_is_not_hedged() -> None:
    text = "The troops lost Forty men on the road back to Boston."
    span = next(s for s in find_spans(text, build_people_index([])) if s.text == "Forty")
    assert not hedged(text, span)


# On the Lexington pair, end to end


@pytest.fixture(scope="module")
def lexington(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("lexington") / "bank"
    return out, generate_bank(*LEXINGTON, out)


def test_lexington_asks_no_both_or_neither_on_its_dates_and_counts(lexington) -> None:
    """The two accounts share dates and counts ("19th of April", "two Miles"): trivia, so never asked."""
    out, report = lexington
    assert [str(i) for i in errors_in(report.issues)] == []
    questions = questions_in(out)
    assert questions
    two_sided = [
        q["id"] for q in questions if q["type"] == "which_source" and q["answer"] in ("both", "neither")
    ]
    assert two_sided == []
    people = build_people_index([])
    for question in questions:
        if question["type"] in ("cloze", "multiple_choice"):
            blank = question["prompt"].replace("____", str(question["answer"]))
            asked = [s for s in find_spans(blank, people) if s.text == question["answer"]]
            assert all(s.kind not in ("year", "date", "number") for s in asked), question["id"]


def test_lexington_prompts_do_not_show_how_each_source_was_typed(lexington) -> None:
    """Both Lexington files are typed with straight marks ("Major's"); no prompt shows them, so a learner
    reading a quote cannot tell its source by its marks."""
    out, _report = lexington
    prompts = [q["prompt"] for q in questions_in(out)]
    assert any("’" in p for p in prompts)
    assert [p for p in prompts if "'" in p or '"' in p] == []


def test_a_flashcard_names_the_speaker_of_an_account_on_both_sides() -> None:
    """A quoted speaker's words are theirs on a card too, not the text's that printed them."""
    front = SourceSentence(
        "a",
        NAMES["a"],
        "I saw the wagons burn near the spring that night.",
        None,
        "",
        voice="Tom Reed",
        account=True,
    )
    back = SourceSentence("b", NAMES["b"], "The wagons were burned by the Indians near the spring.", None, "")
    maker = QuestionMaker(build_people_index([front.text, back.text]), [], set(), random.Random(0))
    pair = DraftPair("p1", front, back, 0.9, True)
    cards = [q for q in pair_questions([pair], maker, NAMES) if q.type == "flashcard"]
    assert cards
    assert cards[0].prompt.startswith("According to Tom Reed, as quoted in the first text: “I saw the wagons")
    assert cards[0].answer.startswith("The second text: “The wagons")
