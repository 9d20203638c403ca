"""Speaker turns: labels removed for matching, and which transcript sentences are the witness's answers."""

import pytest

from tests.bank.speaker_turns import match_key, witness_answer_flags

TRANSCRIPT = """TRIAL OF THE SOLDIERS

Q. Did you see the soldiers fire?
A. I did. They fired
without any order that I heard.
Q. Who fired first?
A. The soldier on the right.
THE COURT: Speak up.
A. The soldier on the right.

Mr. Smith: No further questions.
"""


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Q. Did you see it?", "Did you see it?"),
        ("A.  Yes,\n sir.", "Yes, sir."),
        ("Mr. Smith: I object.", "I object."),
        ("THE COURT: Sustained.", "Sustained."),
        ("Senator SMITH. What is your name?", "What is your name?"),
        ("7554. Where did you go?", "Where did you go?"),
        ("- Into the chart room.", "Into the chart room."),
        ("6.30 on the 14th.", "6.30 on the 14th."),
        ("Mr. Stone is your Second Officer, is he not?", "Mr. Stone is your Second Officer, is he not?"),
        ("A.", "A."),
    ],
)
def test_match_key_removes_one_leading_speaker_label_and_nothing_else(text: str, key: str) -> None:
    assert match_key(text) == key


def test_only_sentences_in_the_witness_turns_are_testimony() -> None:
    sentences = [
        "Q. Did you see the soldiers fire?",
        "A. I did.",
        "They fired without any order that I heard.",
        "Q. Who fired first?",
        "A. The soldier on the right.",
        "THE COURT: Speak up.",
        "A. The soldier on the right.",
        "Mr. Smith: No further questions.",
    ]
    flags, lost = witness_answer_flags(TRANSCRIPT, sentences, ["A."])
    assert lost == []
    assert flags == [False, True, True, False, True, False, True, False]


def test_the_answers_are_found_whether_or_not_the_parser_keeps_the_labels() -> None:
    without_labels = ["Did you see the soldiers fire?", "I did.", "They fired without any order that I heard"]
    flags, lost = witness_answer_flags(TRANSCRIPT, without_labels, ["A."])
    assert (flags, lost) == ([False, True, True], [])


def test_a_sentence_not_in_the_file_is_reported_not_counted() -> None:
    flags, lost = witness_answer_flags(TRANSCRIPT, ["A. I did.", "A. Something nobody said."], ["A."])
    assert flags == [True, False]
    assert lost == ["A. Something nobody said."]
