"""The evidence after an answer as plain data: source names, excerpts around a quote, the facing side."""

import ast
from pathlib import Path

import pytest

from app.bank import evidence
from app.bank.evidence import (
    ATTRIBUTION_LABELS,
    CONTEXT_CHARS,
    SILENCE_WORDS,
    OtherSource,
    Side,
    excerpt_after,
    excerpt_before,
    facing_side,
    source_label,
)

DPRK = Side("dprk", "The people rose as one.")
WEATHERSBY = Side("weathersby", "The archives show a different story.")
SILENT_WEATHERSBY = Side("weathersby", "")


@pytest.mark.parametrize(
    ("short_name", "label"),
    [("the DPRK publication", "The DPRK publication"), ("Weathersby", "Weathersby"), ("x", "X"), ("", "")],
)
def test_a_source_is_named_with_a_capital_and_otherwise_as_given(short_name: str, label: str) -> None:
    assert source_label(short_name) == label


def test_answers_that_name_no_single_source_have_words() -> None:
    assert ATTRIBUTION_LABELS == {"both": "Both sources", "neither": "Neither source"}


def test_short_context_is_shown_whole() -> None:
    text = "word " * (CONTEXT_CHARS // 5)
    assert len(text) <= CONTEXT_CHARS
    assert excerpt_before(text) == text
    assert excerpt_after(text) == text
    assert excerpt_before("") == "" and excerpt_after("") == ""


def test_long_context_before_a_quote_keeps_its_end_from_a_whole_word() -> None:
    words = [f"w{i:03d}" for i in range(200)]
    text = " ".join(words) + " "
    excerpt = excerpt_before(text)
    assert excerpt.startswith("… ")
    assert text.endswith(excerpt[2:])
    assert excerpt[2:].split()[0] in words  # no word cut in half
    assert len(excerpt) <= CONTEXT_CHARS + 2


def test_long_context_after_a_quote_keeps_its_start_up_to_a_whole_word() -> None:
    words = [f"w{i:03d}" for i in range(200)]
    text = " " + " ".join(words)
    excerpt = excerpt_after(text)
    assert excerpt.endswith(" …")
    assert text.startswith(excerpt[:-2])
    assert excerpt[:-2].split()[-1] in words
    assert len(excerpt) <= CONTEXT_CHARS + 2


def test_the_excerpt_limit_can_be_given() -> None:
    assert excerpt_before("one two three four", limit=12) == "… three four"
    assert excerpt_after("one two three four", limit=10) == "one two …"


def test_the_side_facing_a_question_is_the_other_sources() -> None:
    sides = (DPRK, WEATHERSBY)
    assert facing_side(sides, "dprk") == WEATHERSBY
    assert facing_side(sides, "weathersby") == DPRK
    assert facing_side((WEATHERSBY, DPRK), "dprk") == WEATHERSBY


def test_no_side_faces_a_question_on_a_source_outside_the_pair() -> None:
    assert facing_side((DPRK, WEATHERSBY), "lexington") is None


def test_a_side_without_words_records_a_silence() -> None:
    assert SILENT_WEATHERSBY.silent
    assert not WEATHERSBY.silent
    facing = facing_side((DPRK, SILENT_WEATHERSBY), "dprk")
    assert facing is not None and facing.silent and facing.source_id == "weathersby"


def test_a_side_reads_as_a_source_and_its_quote() -> None:
    source_id, quote = WEATHERSBY
    assert (source_id, quote) == ("weathersby", "The archives show a different story.")


def test_the_other_source_is_cited_with_its_relation_unless_silent() -> None:
    claim = OtherSource("North Korea and the Armistice Negotiations", "contradicts", "The archives show.")
    assert not claim.silent
    assert claim.cited == "North Korea and the Armistice Negotiations, contradicts"
    silence = OtherSource("Kim Il Sung and His Spirit of Independence", "silent", "")
    assert silence.silent
    assert silence.cited == "Kim Il Sung and His Spirit of Independence"


def test_silence_is_worded_as_the_rationale_s_lead_in() -> None:
    assert SILENCE_WORDS.startswith("Silent:")
    assert SILENCE_WORDS.endswith(":")


def test_the_evidence_module_is_pure() -> None:
    imported = set()
    for node in ast.walk(ast.parse(Path(evidence.__file__).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"flask", "sqlalchemy", "app", "markupsafe", "jinja2"}
