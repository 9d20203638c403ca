"""Grading rules, without an app: what counts as the same answer, and what a page could not have sent."""

import pytest

from app.bank.types import InvalidResponse, grade
from app.bank.types.grading import normalise_typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("75.1 %", "75.1%"),
        ("  Peng   Dehuai. ", "peng dehuai"),
        ("KIM IL-SUNG", "kim il sung"),
        ("1,000,000", "1000000"),
        ("“Juche”", "juche"),
        ("Zhou Enlai’s", "zhou enlai s"),
    ],
)
def test_normalising_typed_answers(typed: str, expected: str) -> None:
    assert normalise_typed(typed) == expected


def test_typed_answer_matches_accepted_alternatives() -> None:
    assert grade("typed", "Peng Dehuai", ["Peng Duhuai"], "peng duhuai", None).correct
    result = grade("typed", "1953", [], "1952", None)
    assert (result.correct, result.error_kind, result.expected) == (False, "wrong", "1953")


def test_a_decimal_point_is_not_punctuation() -> None:
    assert not grade("cloze", "75.1%", [], "751%", None).correct
    assert grade("cloze", "75.1%", [], "75.1 %", None).correct


def test_choice_questions_grade_the_option_shown_at_that_position() -> None:
    shown = ["Mao Zedong", "Stalin", "Zhou Enlai"]
    assert grade("multiple_choice", "Stalin", [], "1", shown).correct
    wrong = grade("multiple_choice", "Stalin", [], "0", shown)
    assert (wrong.correct, wrong.response, wrong.error_kind) == (False, "Mao Zedong", "wrong")


def test_true_false_compares_the_boolean() -> None:
    assert grade("true_false", False, [], "1", ["true", "false"]).correct
    assert not grade("true_false", True, [], "1", ["true", "false"]).correct


def test_a_wrong_attribution_is_its_own_kind_of_error() -> None:
    result = grade("which_source", "dprk", [], "1", ["dprk", "weathersby", "both", "neither"])
    assert (result.correct, result.error_kind) == (False, "attribution")


@pytest.mark.parametrize(("answer", "response"), [("both", "3"), ("neither", "0"), ("dprk", "2")])
def test_both_or_neither_mistaken_is_wrong_not_a_mix_up_of_sources(answer: str, response: str) -> None:
    """Choosing "neither" when both say it names no source; the page must not say "the other source"."""
    result = grade("which_source", answer, [], response, ["dprk", "weathersby", "both", "neither"])
    assert (result.correct, result.error_kind) == (False, "wrong")


@pytest.mark.parametrize("response", ["3", "-1", "x", "", "0.5"])
def test_an_option_the_page_never_offered_is_invalid(response: str) -> None:
    with pytest.raises(InvalidResponse):
        grade("multiple_choice", "a", [], response, ["a", "b", "c"])


def test_empty_or_huge_typed_answers_are_invalid() -> None:
    with pytest.raises(InvalidResponse, match="Type an answer"):
        grade("typed", "1953", [], "   ", None)
    with pytest.raises(InvalidResponse, match="too long"):
        grade("typed", "1953", [], "9" * 501, None)


def test_flashcards_are_not_graded_as_quiz_questions() -> None:
    with pytest.raises(InvalidResponse):
        grade("flashcard", "back", [], "anything", None)
