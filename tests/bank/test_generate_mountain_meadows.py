"""Drafts on two opposing accounts a teacher might bring: Carleton's 1859 report and Penrose's 1884 address.

The two are shaped unlike the other pairs: a title line with the author and his rank, a text that opens on
"INTRODUCTION." and closes with a signature, witnesses' statements written down in their own first person,
newspapers quoted whole to be rebutted, and one text typed with straight quotation marks, the other with
curly ones. What a teacher would notice first is checked here.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml

from app.bank.generator.pipeline import generate_bank
from app.bank.validator import errors_in
from tests.bank.test_generate import DATA, questions_in

MOUNTAIN_MEADOWS = (
    DATA / "mountain-meadows-1857" / "carleton-special-report-1859.txt",
    DATA / "mountain-meadows-1857" / "penrose-who-were-guilty-1884.txt",
)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("mountain-meadows") / "bank"
    report = generate_bank(*MOUNTAIN_MEADOWS, out)
    assert [str(i) for i in errors_in(report.issues)] == []
    return out, questions_in(out)


def test_each_source_is_named_from_its_own_head(drafts: tuple[Path, list[dict[str, Any]]]) -> None:
    out, _questions = drafts
    sources = yaml.safe_load((out / "sources" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    named = {(s["title"], s["author"], s["short_name"]) for s in sources}
    assert named == {
        ("Special Report of the Mountain Meadow Massacre", "J. H. Carleton", "Carleton"),
        ("The Mountain Meadows Massacre", "Charles W. Penrose", "Penrose"),
    }


def test_a_witness_the_report_quotes_is_named_as_the_speaker(
    drafts: tuple[Path, list[dict[str, Any]]],
) -> None:
    """Mrs. Hamblin's "I" is hers, not Carleton's: no draft gives her first person as the report's."""
    _out, questions = drafts
    first_person = [q for q in questions if q["support"]["quote"].startswith(("I ", "We "))]
    assert first_person
    for question in first_person:
        framed = f"{question['prompt']} {question.get('explanation', '')}"
        assert "as quoted in" in framed or "words of" in framed, question["id"]


def test_prompts_show_one_style_of_marks_and_one_pair_around_a_quotation(
    drafts: tuple[Path, list[dict[str, Any]]],
) -> None:
    _out, questions = drafts
    prompts = [q["prompt"] for q in questions]
    assert [p for p in prompts if '"' in p or "'" in p or "““" in p] == []


def test_a_text_that_cites_pages_is_not_said_to_cite_nothing(
    drafts: tuple[Path, list[dict[str, Any]]],
) -> None:
    _out, questions = drafts
    assert [q["id"] for q in questions if "cites no sources" in q.get("explanation", "")] == []


def test_a_quoted_boys_story_is_explained_with_what_the_report_makes_of_it(
    drafts: tuple[Path, list[dict[str, Any]]],
) -> None:
    """Carleton gives Albert Hamblin's account, then calls it "artfully made up": his words say so."""
    _out, questions = drafts
    alberts = [
        q for q in questions if "Albert Hamblin" in q["prompt"] or "Albert Hamblin" in q["explanation"]
    ]
    assert alberts
    assert all(
        "artfully made up" in q["explanation"] for q in alberts if "words of Albert" in q["explanation"]
    )
    assert any("words of Albert" in q["explanation"] for q in alberts)
