"""A silence pair travels whole: loaded, dumped, counted by the report, said as a silence in every export."""

from pathlib import Path

from flask import Flask

from app.bank.dump import dump_bank
from app.bank.formats import export_items
from app.bank.formats.anki import contrast as anki_contrast
from app.bank.formats.gift import export_gift
from app.bank.formats.json_export import export_document
from app.bank.formats.moodle_xml import export_moodle_xml
from app.bank.models import ClaimPair
from app.bank.report import build_report
from app.bank.services import load_bank
from app.bank.yamlio import read_bank
from app.extensions import db
from tests.conftest import TINY_PAIRS, TINY_QUESTIONS, write_bank

PATIENCE = "The communist allies must therefore endure and be patient."
RATIONALE = (
    "The DPRK publication never mentions the last years of the war: it celebrates a leader, not a stalemate."
)
SILENCE_PAIR = f"""\
  - id: patience-silence
    a: {{source: weathersby, quote: "{PATIENCE}"}}
    b: {{source: dprk, silent: true}}
    relation: silent
    rationale: "{RATIONALE}"
    status: published
"""
PATIENCE_QUESTION = f"""\
  - id: patience-tf
    type: true_false
    prompt: According to Weathersby, Stalin told the allies they must endure and be patient.
    answer: true
    explanation: Stalin, safe from the bombing, asked patience of those who bore it.
    support: {{source: weathersby, quote: "{PATIENCE}"}}
    claim_pair: patience-silence
    skill: close_reading
    origin: authored
    status: published
"""


def silence_bank(root: Path) -> Path:
    return write_bank(root, pairs=TINY_PAIRS + SILENCE_PAIR, questions=TINY_QUESTIONS + PATIENCE_QUESTION)


def test_load_stores_the_silence_and_dump_writes_it_back(app: Flask, tmp_path: Path) -> None:
    root = silence_bank(tmp_path / "bank")
    with app.app_context():
        load_bank(db.session, root)
        pair = db.session.get(ClaimPair, "patience-silence")
        assert pair is not None and pair.silent_source_id == "dprk" and pair.b_quote == ""
        assert pair.side_not_in("weathersby") == ("dprk", "")
        out = tmp_path / "out"
        dump_bank(db.session, out, root)
        written = (out / "claim_pairs" / "pairs.yaml").read_text(encoding="utf-8")
        assert "b: {source: dprk, silent: true}" in written
        assert not load_bank(db.session, out).changed


def test_the_report_counts_silence_contrasts(tmp_path: Path) -> None:
    bank, _ = read_bank(silence_bank(tmp_path))
    report = build_report(bank)
    assert report.contrast.silence_contrasts == 1 and report.contrast.silence_pairs == 1
    assert report.pair_counts["relation"]["silent"] == 1
    assert report.contrast.off_own_claim == () and report.unlocated == ()


def test_every_export_says_the_other_source_is_silent_and_why(tmp_path: Path) -> None:
    bank, _ = read_bank(silence_bank(tmp_path))
    item = next(i for i in export_items(bank) if i.question.id == "patience-tf")
    assert item.contrast is None and item.relation == "silent"
    assert item.silent_source_title == "Kim Il Sung and His Spirit of Independence"
    card = anki_contrast(item)
    assert (
        "Kim Il Sung and His Spirit of Independence (silent)" in card and "says nothing on this point" in card
    )
    assert "The DPRK publication never mentions the last years of the war" in card
    gift = export_gift(bank)
    block = gift[gift.index("::patience-tf::") :]
    assert "The other source (Kim Il Sung and His Spirit of Independence)\\: Silent" in block
    xml = export_moodle_xml(bank)
    feedback = xml[xml.index("patience-tf") :]
    assert "says nothing on this point" in feedback and "never mentions the last years" in feedback
    document = export_document(bank)
    exported = next(q for q in document["questions"] if q["id"] == "patience-tf")
    assert exported["contrast"] == {"source": "dprk", "silent": True, "relation": "silent"}
    pair = next(p for p in document["claim_pairs"] if p["id"] == "patience-silence")
    assert pair["b"] == {"source": "dprk", "silent": True}
