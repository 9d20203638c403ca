"""Generated "which source says this?" items: "both" and "neither" only where they are true."""

import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.bank.generator.attribution import DraftPair, both_questions, neither_questions
from app.bank.generator.pairs import content_stems
from app.bank.generator.pipeline import generate_bank
from app.bank.generator.questions import QuestionMaker, SourceSentence, hedged
from app.bank.generator.spans import build_people_index, find_spans
from app.bank.validator import errors_in
from app.sources.parser import collapse_whitespace
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


def test_both_when_the_two_give_the_same_date_in_the_same_kind_of_statement() -> None:
    both, pairs, _neither = attribution(
        ["On the 19th of April 1775 the regulars marched from Boston towards Concord at night."],
        [
            "The regulars marched towards Concord on the nineteenth of April, 1775, before dawn.",
            "The harvest of 1780 was poor in the western counties of the province.",
        ],
    )
    assert [q.answer for q in both] == ["both"]
    question = both[0]
    assert "19th of April 1775" in question.prompt and "Concord" in question.prompt
    pair = pairs[(question.support.text, question.explanation.rsplit("“", 1)[1].rstrip("”"))]
    assert (pair.relation, question.claim_pair) == ("corroborates", pair.id)
    assert "nineteenth of April, 1775" in question.explanation


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


def test_neither_swaps_a_figure_that_no_sentence_on_the_point_gives() -> None:
    battalion = "The first battalion reached the bridge at Concord in 1775 after a long march."
    bridge = "The bridge at Concord was held by the battalion in 1776 after a short fight."
    _both, _pairs, neither = attribution(
        [battalion, "The assembly of the colony met again in 1774 to raise a militia of its own."], [bridge]
    )
    by_support = {q.support.text: q for q in neither}
    assert {battalion, bridge} <= set(by_support)
    # 1776 is the nearest year to 1775, but the other text gives it on this very point: not "neither".
    assert "1776" not in by_support[battalion].prompt and "1774" in by_support[battalion].prompt
    assert "1775" not in by_support[bridge].prompt
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


def test_an_exact_figure_is_not_hedged() -> None:
    text = "The troops lost Forty men on the road back to Boston."
    span = next(s for s in find_spans(text, build_people_index([])) if s.text == "Forty")
    assert not hedged(text, span)


# On the Lexington pair, end to end


@pytest.fixture(scope="module")
def lexington(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("lexington") / "bank"
    return out, generate_bank(*LEXINGTON, out)


def _texts(out: Path) -> dict[str, list[str]]:
    """Every parser sentence of each generated source, through the bank's own files."""
    from app.sources.parser import decode_source, parse_text

    sources = yaml.safe_load((out / "sources" / "sources.yaml").read_text())["sources"]
    result = {}
    for entry in sources:
        path = out / "sources" / entry["file"]
        parsed = parse_text(decode_source(path.read_bytes(), str(path)))
        result[entry["id"]] = [s.text for p in parsed.passages for s in p.sentences]
    return result


def test_lexington_gets_a_both_item_on_a_corroborating_pair_and_passes_the_validator(lexington) -> None:
    out, report = lexington
    assert [str(i) for i in errors_in(report.issues)] == []
    pairs = {
        p["id"]: p
        for p in yaml.safe_load((out / "claim_pairs" / "suggested.yaml").read_text())["claim_pairs"]
    }
    both = [q for q in questions_in(out) if q["type"] == "which_source" and q["answer"] == "both"]
    assert both, "the two accounts both date the events to 19 April 1775"
    people = build_people_index([])
    for question in both:
        pair = pairs[question["claim_pair"]]
        assert pair["relation"] == "corroborates"
        quotes = (pair["a"]["quote"], pair["b"]["quote"])
        assert question["support"]["quote"] in quotes
        facts = [{(s.kind, s.value) for s in find_spans(q, people) if s.kind != "person"} for q in quotes]
        assert facts[0] & facts[1], question["id"]
        named = re.findall(r"“([^”]+)”", question["prompt"].split("writes about ", 1)[1])
        assert named, question["id"]
        for word in named:
            assert all(content_stems(word) <= content_stems(q) for q in quotes), (question["id"], word)


def test_lexington_neither_statements_are_said_by_neither_source(lexington) -> None:
    out, _report = lexington
    texts = _texts(out)
    everything = [t for sentences in texts.values() for t in sentences]
    joined = collapse_whitespace(" ".join(everything))
    people = build_people_index(everything)
    neither = [q for q in questions_in(out) if q["type"] == "which_source" and q["answer"] == "neither"]
    assert neither
    for question in neither:
        statement = question["prompt"].split("“", 1)[1].removesuffix("”")
        original = question["support"]["quote"]
        assert collapse_whitespace(statement) not in joined
        swapped = {(s.kind, s.value) for s in find_spans(statement, people)} - {
            (s.kind, s.value) for s in find_spans(original, people)
        }
        assert swapped, question["id"]
        on_the_point = [t for t in everything if len(content_stems(t) & content_stems(original)) >= 2]
        for text in on_the_point:
            given = {(s.kind, s.value) for s in find_spans(text, people)}
            assert not swapped & given, (question["id"], text)
