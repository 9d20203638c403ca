"""``bank report`` counts what makes a contrast worth showing, over the published questions."""

from pathlib import Path

from app.bank.report import build_report
from app.bank.report_render import render_text, report_document
from app.bank.yamlio import read_bank
from tests.conftest import TINY_PAIRS, TINY_QUESTIONS, TOAST, write_bank

MC = f"""\
  - id: toast-mc
    type: multiple_choice
    prompt: According to the DPRK publication, what did Stalin propose at the banquet?
    choices: [To thank Kim Il Sung with warm applause before all the guests, To end the war, To join CMEA]
    answer: To thank Kim Il Sung with warm applause before all the guests
    explanation: The toast is told as proof of gratitude.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    skill: close_reading
    origin: authored
    status: published
  - id: toast-mc-balanced
    type: multiple_choice
    prompt: According to the DPRK publication, whom did Stalin thank?
    choices: [Kim Il Sung, Mao Zedong's envoys to Moscow, Peng Dehuai]
    answer: Kim Il Sung
    explanation: The toast is told as proof of gratitude.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    skill: close_reading
    origin: authored
    status: published
  - id: short-card
    type: flashcard
    prompt: Stalin thanked Kim Il Sung at a banquet.
    answer: The DPRK publication says so; Weathersby quotes Stalin dismissing Korean losses.
    explanation: A public toast and a private remark can both be true.
    support: {{source: dprk, quote: "heartfelt thanks to Comrade Kim Il Sung"}}
    claim_pair: stalin-sacrifice
    skill: sourcing
    origin: authored
    status: published
"""

REASON = "because genuine communists like Comrade Kim Il Sung struggled for defending my country"
OFF_TOPIC_PAIR = f"""\
  - id: toast-reason
    a: {{source: dprk, quote: "{REASON}"}}
    b: {{source: weathersby, quote: "The communist allies must therefore endure and be patient."}}
    relation: qualifies
    rationale: A claim of the toast paragraph that is not the toast itself.
    status: published
"""


def test_the_report_counts_longest_answers_short_quotes_and_unattributed_fronts(tmp_path: Path) -> None:
    bank, _ = read_bank(write_bank(tmp_path, questions=TINY_QUESTIONS + MC))
    contrast = build_report(bank).contrast
    assert contrast.multiple_choice == 2 and [r.id for r in contrast.answer_longest] == ["toast-mc"]
    assert contrast.longest_share == 0.5
    assert [r.id for r in contrast.short_quotes] == ["short-card"]  # 6 words
    assert [r.id for r in contrast.unattributed_fronts] == ["short-card"]
    assert contrast.unattributed_prompts == ()
    assert contrast.largest_pair_load == 5 and contrast.busiest_pairs == ("stalin-sacrifice",)
    text = render_text(build_report(bank))
    assert "multiple choice with the right answer the strictly longest option: 1 of 2 (50%)" in text
    assert "flashcard fronts that name no source: 1" in text


def test_the_report_names_a_contrast_off_its_own_claim(tmp_path: Path) -> None:
    """On a bank that fails the check the report still counts, so a reviewer sees where to start."""
    questions = TINY_QUESTIONS.replace(
        "claim_pair: stalin-sacrifice\n    section", "claim_pair: toast-reason\n    section"
    )
    bank, _ = read_bank(write_bank(tmp_path, pairs=TINY_PAIRS + OFF_TOPIC_PAIR, questions=questions))
    document = report_document(build_report(bank))
    assert document["contrast"]["contrast_off_own_claim"] == [
        {"file": "questions/questions.yaml", "id": "toast-tf"}
    ]
    assert document["contrast"]["relation_conflicts"] == []
    assert document["contrast"]["claims_with_mixed_relations"] == []
