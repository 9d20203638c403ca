"""``bank generate`` on the shipped pair: no draft gives away its answer, and every explanation teaches."""

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.bank.generator.antecedents import dangling_start
from app.bank.generator.pipeline import generate_bank
from tests.bank.test_generate import OUR_TEXTS, questions_in

_QUOTED = re.compile(r"“[^”]*”")


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("teaching") / "bank"
    generate_bank(*OUR_TEXTS, out)
    return out


@pytest.fixture(scope="module")
def drafts(bank: Path) -> list[dict[str, Any]]:
    return questions_in(bank)


@pytest.fixture(scope="module")
def source_names(bank: Path) -> list[str]:
    sources = yaml.safe_load((bank / "sources" / "sources.yaml").read_text())["sources"]
    return [s["short_name"] for s in sources]


def test_no_distractor_appears_in_any_prompt(drafts: list[dict[str, Any]]) -> None:
    choice = [q for q in drafts if q["type"] == "multiple_choice"]
    assert choice
    for question in choice:
        shown = question["prompt"].replace("____", " ").casefold()
        for option in question["choices"]:
            if option != question["answer"]:
                assert not re.search(rf"(?<!\w){re.escape(option.casefold())}(?!\w)", shown), question["id"]


def test_every_explanation_says_more_than_its_quote(
    drafts: list[dict[str, Any]], source_names: list[str]
) -> None:
    for question in drafts:
        rest = _QUOTED.sub(" ", question["explanation"])
        for name in source_names:
            rest = rest.replace(name, " ")
        assert len(re.findall(r"[A-Za-z]+", rest)) >= 12, question["id"]
        assert question["explanation"].strip("“”") != question["support"]["quote"]


def test_no_support_quote_opens_on_a_dangling_subject(drafts: list[dict[str, Any]]) -> None:
    for question in drafts:
        assert dangling_start(question["support"]["quote"]) is None, question["id"]


def test_a_premise_the_next_sentence_overturns_is_not_asked_about(drafts: list[dict[str, Any]]) -> None:
    """Weathersby: "…they agreed that … Nam Il, would head their delegation. However, Stalin quickly made
    it clear that Koreans would not play the leading role…": the first alone says the opposite of her
    point."""
    premise = "Nam Il, would head their delegation."
    # It may stand before the sentence that overturns it, as that sentence's context, never alone.
    assert not [q for q in drafts if q["support"]["quote"].endswith(premise)]
    assert not [q for q in drafts if re.search(re.escape(premise) + r"…?”", q["prompt"])]
