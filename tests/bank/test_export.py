"""The JSON export of the shipped bank: what another tool or a reviewer relies on."""

from typing import Any

import pytest

from app.bank.formats.json_export import export_document
from app.bank.yamlio import read_bank
from tests.conftest import SHIPPED_BANK


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    bank, issues = read_bank(SHIPPED_BANK)
    assert [str(i) for i in issues] == []
    return export_document(bank)


def source(document: dict[str, Any], source_id: str) -> dict[str, Any]:
    return next(s for s in document["sources"] if s["id"] == source_id)


def test_all_60_footnotes_are_attached_to_the_passages_that_cite_them(document: dict[str, Any]) -> None:
    paper = source(document, "weathersby")
    numbers = [note["number"] for p in paper["passages"] for note in p["footnotes"]]
    assert sorted(numbers) == list(range(1, 61))
    assert paper["uncited_footnotes"] == []
    first = paper["passages"][3]
    assert first["heading"] == "The Roles of the Communist Allies in the Armistice Negotiations"
    assert first["footnotes"][0]["number"] == 1
    assert first["footnotes"][0]["text"].startswith("Shen Zhihua, “Sino-North Korean Conflict")


def test_the_state_text_comes_out_as_real_paragraphs_under_its_four_headings(
    document: dict[str, Any],
) -> None:
    dprk = source(document, "dprk")
    assert dprk["headings"] == [
        "Rehe Expedition and Principle of Independence",
        "Rejected Demand of Joining CMEA",
        "Production of Steel with UHP Electric Arc Furnace",
        "Stalin’s Toast",
    ]
    texts = [p["text"] for p in dprk["passages"]]
    assert (
        texts[0]
        == "President Kim Il Sung (1912-1994) maintained the principle of independence throughout his life."
    )
    assert any(
        t.startswith("Seeing that, if his country") and t.endswith("rejected the demand.") for t in texts
    )
    assert all(len(t) < 1200 for t in texts), "a wrapped paragraph swallowed its neighbours"
    assert 25 <= len(texts) <= 35


def test_passage_ids_are_stable_and_unique(document: dict[str, Any]) -> None:
    ids = [p["id"] for s in document["sources"] for p in s["passages"]]
    assert len(ids) == len(set(ids))
    assert ids[0] == "dprk-p001"


def test_every_question_carries_support_and_a_contrast_from_the_other_source(
    document: dict[str, Any],
) -> None:
    published = [q for q in document["questions"] if q["status"] == "published"]
    assert len(published) >= 30
    for question in published:
        contrast = question["contrast"]
        assert contrast["source"] != question["support"]["source"], question["id"]
        assert contrast["relation"] in {"contradicts", "qualifies", "corroborates", "silent"}
        # The other source's words on the point, or the record that it says nothing on it: never both.
        assert (
            (contrast["relation"] == "silent") == contrast.get("silent", False) == ("quote" not in contrast)
        )
        assert (question["choices"] is None) == (question["type"] != "multiple_choice")


def test_claim_pairs_have_both_sides(document: dict[str, Any]) -> None:
    assert len(document["claim_pairs"]) >= 12
    for pair in document["claim_pairs"]:
        assert {pair["a"]["source"], pair["b"]["source"]} == {"dprk", "weathersby"}
