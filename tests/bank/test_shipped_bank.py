"""The shipped bank keeps the promises made for it: size, balance, coverage and reviewed claim pairs."""

from collections import Counter

import pytest

from app.bank.grounding import SourceIndex
from app.bank.report import build_report
from app.bank.yamlio import BankFiles, read_bank
from app.sources.parser import collapse_whitespace
from tests.conftest import SHIPPED_BANK


@pytest.fixture(scope="module")
def bank() -> BankFiles:
    bank, issues = read_bank(SHIPPED_BANK)
    assert [str(i) for i in issues] == []
    return bank


def published(bank: BankFiles) -> list:
    return [q for q in bank.questions if q.status == "published"]


def test_at_least_150_published_questions_from_both_sources(bank: BankFiles) -> None:
    by_source = Counter(q.support.source for q in published(bank))
    assert sum(by_source.values()) >= 150
    assert by_source["dprk"] >= 40
    assert by_source["weathersby"] >= 80


def test_at_least_five_question_types_and_every_origin_recorded(bank: BankFiles) -> None:
    types = Counter(q.type for q in published(bank))
    assert len(types) >= 5
    origins = Counter(q.origin for q in published(bank))
    assert origins["edited"] > 0, "drafts from the generator, reviewed and edited, are part of the bank"
    assert origins["authored"] > 0


def test_every_section_of_both_texts_has_a_question(bank: BankFiles) -> None:
    for document in bank.sources:
        index = SourceIndex(document)
        covered = {
            index.locate(q.support.quote).passage.heading
            for q in published(bank)
            if q.support.source == document.meta.id
        }
        sections = {p.heading for p in document.parsed.passages}
        assert sections <= covered, (document.meta.id, sections - covered)


def test_every_passage_of_both_texts_has_a_published_question(bank: BankFiles) -> None:
    for coverage in build_report(bank).coverage:
        assert coverage.with_published_question == coverage.passages, (
            coverage.source,
            coverage.without_question,
        )


def test_over_100_reviewed_claim_pairs_with_every_relation(bank: BankFiles) -> None:
    reviewed = [p for p in bank.claim_pairs if p.status == "published"]
    assert len(reviewed) > 100
    assert {p.relation for p in reviewed} == {"contradicts", "qualifies", "corroborates", "silent"}


def test_every_contrast_is_on_its_question_s_own_claim(bank: BankFiles) -> None:
    """The figures the bank is reviewed by: every contrast on its own claim, one relation per two claims,
    small pairs, answers not given away by their length, every flashcard front attributed."""
    contrast = build_report(bank).contrast
    assert contrast.published >= 180
    assert contrast.off_own_claim == ()
    assert contrast.relation_conflicts == ()
    assert contrast.largest_pair_load <= 6
    assert contrast.longest_share <= 0.35
    assert contrast.unattributed_fronts == ()


def test_every_published_question_hangs_on_a_reviewed_pair(bank: BankFiles) -> None:
    pairs = {p.id: p for p in bank.claim_pairs}
    assert all(q.claim_pair in pairs and pairs[q.claim_pair].status == "published" for q in published(bank))


def test_true_false_answers_are_balanced(bank: BankFiles) -> None:
    answers = [q.answer for q in published(bank) if q.type == "true_false"]
    assert 0.3 <= sum(answers) / len(answers) <= 0.7


def test_every_dprk_claim_the_paper_speaks_to_has_a_reviewed_pair(bank: BankFiles) -> None:
    """The gold set (judged by hand) lists the DPRK sentences the paper answers; each must be paired."""
    from tests.bank.gold import load_gold

    quotes = [collapse_whitespace(p.a.quote) for p in bank.claim_pairs if p.status == "published"]
    answered = [j.a for j in load_gold().judgements if j.counterparts]
    assert answered
    missing = [s for s in answered if not any(q in s or s in q for q in quotes)]
    assert missing == []


def test_the_relation_examples_in_the_bank_readme_are_pairs_of_this_bank(bank: BankFiles) -> None:
    """The README defines each relation by worked examples: each one cited is a pair with that relation."""
    import re

    text = (SHIPPED_BANK / "README.md").read_text(encoding="utf-8")
    section = text[
        text.index("### The four relations") : text.index("```yaml", text.index("### The four relations"))
    ]
    relations = {p.id: p.relation for p in bank.claim_pairs}
    cited = 0
    for relation, body in re.findall(r"- \*\*`(\w+)`\*\*(.*?)(?=\n- \*\*|\Z)", section, flags=re.S):
        for pair_id in re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+){2,})`", body):
            assert relations.get(pair_id) == relation, (pair_id, relation)
            cited += 1
    assert cited >= 4
