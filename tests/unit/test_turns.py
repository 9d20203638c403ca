"""Transcripts: speaker turns parsed as turns, on an invented inquiry and invented snippets."""

import textwrap
from pathlib import Path

import pytest

from app.sources.parser import collapse_whitespace, parse_text
from app.sources.turns import is_transcript, label_at, salutation

INQUIRY = Path(__file__).resolve().parents[1] / "data" / "invented-transcript" / "harbour-inquiry.txt"


@pytest.fixture(scope="module")
def inquiry():
    return parse_text(INQUIRY.read_text(encoding="utf-8"))


def sentences(parsed):
    return [s for p in parsed.passages for s in p.sentences]


def test_short_answers_are_never_headings(inquiry):
    assert [h.text for h in inquiry.headings] == ["Examination of the Witness"]  # before the first turn
    assert inquiry.title == "Inquiry into the Fire at the Lower Wharf"
    answers = [s.text for s in sentences(inquiry) if s.speaker == "A"]
    assert "No" in answers and "Yes, sir" in answers


def test_every_turn_has_its_speaker_and_the_label_is_left_out(inquiry):
    said = [(s.speaker, s.in_question, s.text) for s in sentences(inquiry)]
    assert said[0] == ("THE COURT", False, "The witness will state his name and his trade for the record.")
    assert said[1] == ("Mr. HALE", False, "I am obliged to the court, and I will be brief with the witness.")
    assert ("Q", True, "What number of people were on the wharf when the fire began?") in said
    assert ("A", False, "Josiah Wren, a cooper of this town.") in said
    assert not any(text.startswith(("Q.", "A.", "Mr. HALE", "THE COURT")) for _, _, text in said)


def test_a_question_and_its_answer_on_one_line_are_two_turns(inquiry):
    line = next(p for p in inquiry.passages if p.text.startswith("Q. Was the alarm"))
    assert [(s.speaker, s.in_question, s.text) for s in line.sentences] == [
        ("Q", True, "Was the alarm raised by the watchman?"),
        ("A", False, "Yes"),
    ]


def test_turn_sentences_stay_verbatim_in_the_source_and_at_their_offsets(inquiry):
    verbatim = collapse_whitespace(INQUIRY.read_text(encoding="utf-8"))
    for passage in inquiry.passages:
        for sentence in passage.sentences:
            assert sentence.text in verbatim
            assert passage.text[sentence.start : sentence.end] == sentence.text


def test_a_named_speaker_asks_when_the_turn_ends_in_a_question_mark():
    text = (
        "Senator MARLOW. Where was the cargo stored before the fire reached the quay?\n"
        "Mr. TEAGUE. In the long shed by the customs house, under a tarred roof.\n"
        "Senator MARLOW. Thank you. Was the shed locked?\n"
        "Mr. TEAGUE. It was locked at dusk by the harbour master himself.\n"
    )
    said = [(s.speaker, s.in_question) for s in sentences(parse_text(text))]
    assert said == [
        ("Senator MARLOW", True),
        ("Mr. TEAGUE", False),
        ("Senator MARLOW", True),
        ("Senator MARLOW", True),
        ("Mr. TEAGUE", False),
    ]


@pytest.mark.parametrize(("asks", "answers"), [("Q:", "A:"), ("Question:", "Answer:"), ("Q.", "A.")])
def test_label_styles(asks, answers):
    text = f"{asks} Did the watchman see the fire?\n{answers} Yes\n{asks} When?\n{answers} At midnight, sir\n"
    parsed = parse_text(text)
    assert parsed.headings == () and parsed.title is None
    assert [(s.speaker is not None, s.in_question, s.text) for s in sentences(parsed)] == [
        (True, True, "Did the watchman see the fire?"),
        (True, False, "Yes"),
        (True, True, "When?"),
        (True, False, "At midnight, sir"),
    ]


def test_wrapped_transcript_keeps_turns_apart_and_makes_no_headings(inquiry):
    text = INQUIRY.read_text(encoding="utf-8")
    wrapped = "\n\n".join(textwrap.fill(paragraph, 60) for paragraph in text.split("\n\n"))
    parsed = parse_text(wrapped)
    assert parsed.layout == "hard-wrapped"
    assert [h.text for h in parsed.headings] == ["Examination of the Witness"]
    assert [(s.speaker, s.in_question, s.text) for s in sentences(parsed)] == [
        (s.speaker, s.in_question, s.text) for s in sentences(inquiry)
    ]


def test_prose_with_initials_and_capitals_is_not_a_transcript():
    assert label_at("A. Lincoln wrote to the governor.") is not None  # alone, it could open a turn…
    prose = [
        "A. Lincoln wrote to the governor that spring.",
        "II. The war in the west",
        "RESOLVED, That the narrative be printed.",
        "NO. 42 was the number of the lodge.",
    ]
    assert not is_transcript(prose)  # …but one label and no answer do not make a transcript
    assert label_at("II. The war in the west") is None and label_at("NO. 42 was the number") is None


@pytest.mark.parametrize(
    "opening", ["MAJOR: When I left the fort", "DEAR SIR: I have the honour", "Sir: I write"]
)
def test_a_letters_salutation_is_no_speaker_label(opening):
    assert label_at(opening) is None
    assert salutation(opening) == opening.index(":") + 2
    assert label_at("SMITH: I left the fort").speaker == "SMITH"  # a name before a colon still speaks
    assert salutation("SMITH: I left the fort") == 0
