"""``bank report``: counts a reviewer can trust, coverage of both sources, suspicious items by file and id."""

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.bank.report import BankReport, build_report
from app.bank.report_findings import (
    answer_reuse_limit,
    answers_in_prompts,
    jaccard,
    long_right_answers,
    near_duplicate_prompts,
    normalise_words,
    reused_answers,
    true_false_skew,
)
from app.bank.report_render import format_table, ordinal_ranges, render_text, report_document
from app.bank.schema import QuestionSpec, Quote
from app.bank.yamlio import read_bank
from app.sources.parser import collapse_whitespace
from tests.conftest import LOST_NOTHING, SHIPPED_BANK, TINY_PAIRS, TINY_QUESTIONS, TOAST, write_bank

# --- pure functions, no Flask ----------------------------------------------------------------------------


def question(id: str, **fields: Any) -> QuestionSpec:
    values: dict[str, Any] = {
        "type": "typed",
        "prompt": f"According to the DPRK publication, what happened ({id})?",
        "answer": "a toast",
        "explanation": "Because.",
        "support": Quote("dprk", TOAST),
        "skill": "close_reading",
        "origin": "authored",
        "status": "published",
        "file": "questions/q.yaml",
        "claim_pair": "stalin-sacrifice",
    }
    values.update(fields)
    if "choices" in values:
        values["choices"] = tuple(values["choices"])
    return QuestionSpec(id=id, **values)


def test_normalise_words_drops_case_punctuation_and_spacing() -> None:
    assert normalise_words("  According to Weathersby,\n“Stalin” — SAID: ____ ") == (
        "according to weathersby stalin said"
    )
    assert jaccard(frozenset("abcd"), frozenset("abce")) == pytest.approx(3 / 5)
    assert jaccard(frozenset(), frozenset()) == 1.0


def test_near_duplicates_identical_after_normalisation_and_by_jaccard() -> None:
    base = "According to the DPRK publication, Stalin proposed a toast of thanks to Kim Il Sung."
    questions = [
        question("a", prompt=base),
        question("far", prompt="According to Weathersby, who asked Moscow for aid after the war?"),
        question("b", prompt=base.upper().replace(",", " ;")),
        question("c", prompt=base.replace("a toast", "a warm toast")),  # 14 of 15 words shared
        question("d", prompt=base.replace("Stalin proposed", "Mao rejected")),  # 12 of 16 shared: no
    ]
    found = near_duplicate_prompts(questions)
    assert [tuple(ref.id for ref in f.items) for f in found] == [("a", "b"), ("a", "c"), ("b", "c")]
    assert found[0].message.startswith("identical after normalisation")
    assert found[1].message.startswith("93% of words shared")


def test_answer_reuse_limit_is_five_or_five_percent() -> None:
    assert answer_reuse_limit(30) == 5
    assert answer_reuse_limit(100) == 5
    assert answer_reuse_limit(200) == 10
    assert answer_reuse_limit(201) == 11


def test_an_answer_right_for_more_than_the_limit_is_flagged() -> None:
    same = [
        question(f"s{i}", answer=spelling) for i, spelling in enumerate(["Stalin", "stalin.", " STALIN"] * 2)
    ]
    assert len(same) == 6
    found = reused_answers((*same, question("other", answer="Mao")))
    assert len(found) == 1
    assert [ref.id for ref in found[0].items] == [f"s{i}" for i in range(6)]
    assert "right for 6 questions (more than 5)" in found[0].message
    assert reused_answers(tuple(same[:5])) == []


def test_true_false_and_which_source_answers_are_not_counted_as_reused() -> None:
    tf = [question(f"t{i}", type="true_false", answer=True) for i in range(8)]
    which = [question(f"w{i}", type="which_source", answer="dprk") for i in range(8)]
    assert reused_answers((*tf, *which)) == []


def test_multiple_choice_right_answer_much_longer_than_every_distractor() -> None:
    long_answer = "To extend heartfelt thanks to Comrade Kim Il Sung"  # 49 characters
    giveaway = question(
        "mc-long",
        type="multiple_choice",
        answer=long_answer,
        choices=[long_answer, "To leave", "To admit defeat"],
    )
    fair = question(
        "mc-fair",
        type="multiple_choice",
        answer=long_answer,
        choices=[long_answer, "To admit North Korea into the economic bloc"],  # 43: 49 < 1.5 × 43
    )
    found = long_right_answers([giveaway, fair])
    assert [f.items[0].id for f in found] == ["mc-long"]
    assert "right answer 49 characters, longest distractor 15 (3.27×)" in found[0].message


def test_true_false_skew_outside_thirty_to_seventy_percent() -> None:
    def bank(trues: int, falses: int) -> list[QuestionSpec]:
        return [question(f"t{i}", type="true_false", answer=True) for i in range(trues)] + [
            question(f"f{i}", type="true_false", answer=False) for i in range(falses)
        ]

    skewed = true_false_skew(bank(5, 1))
    assert len(skewed) == 1
    assert "5 of 6 true/false questions (83%) are true" in skewed[0].message
    assert [ref.id for ref in skewed[0].items] == [f"t{i}" for i in range(5)]
    assert [ref.id for ref in true_false_skew(bank(0, 4))[0].items] == ["f0", "f1", "f2", "f3"]
    assert true_false_skew(bank(3, 3)) == []
    assert true_false_skew(bank(3, 7)) == []  # exactly 30% is inside the range
    assert true_false_skew(bank(3, 0)) == []  # too few to speak of a balance


def test_prompt_containing_its_answer_whole_words() -> None:
    given = "According to Weathersby, Peng Dehuai led what? Name Peng-Dehuai's post."
    accepted = "Who led the Chinese People's Volunteers (Peng)?"
    found = answers_in_prompts(
        [
            question("given", prompt=given, answer="Peng Dehuai"),
            question("accepted", prompt=accepted, answer="Peng Dehuai", accepted_answers=("Peng",)),
            question("inside-a-word", prompt="In the 1950s, when did the war begin?", answer="1950"),
            question("flashcard", type="flashcard", prompt="Kim Il Sung", answer="Kim Il Sung said ..."),
        ]
    )
    assert [f.items[0].id for f in found] == ["given", "accepted"]


def test_format_table_aligns_text_left_and_numbers_right() -> None:
    lines = format_table(["by type", "questions"], [["cloze", 9], ["multiple_choice", 20]])
    assert lines == [
        "  by type          questions",
        "  cloze                    9",
        "  multiple_choice         20",
    ]


def test_ordinal_ranges_shorten_runs() -> None:
    assert ordinal_ranges([7, 3, 8, 9, 12]) == "p003, p007–p009, p012"
    assert ordinal_ranges([]) == ""


def test_report_of_the_tiny_bank(tiny_bank: Path) -> None:
    bank, _issues = read_bank(tiny_bank)
    report = build_report(bank)
    assert (report.questions, report.published, report.claim_pairs) == (2, 2, 1)
    assert report.question_counts["type"]["true_false"].published == 1
    assert report.question_counts["type"]["multiple_choice"].total == 0  # a missing type is shown as 0
    assert report.question_counts["source"]["weathersby"].total == 1
    dprk = next(cov for cov in report.coverage if cov.source == "dprk")
    assert dprk.with_question == 1
    assert dprk.with_claim_quote == 1
    toast = next(s for s in dprk.sections if s.section == "Stalin’s Toast")
    assert (toast.covered, toast.questions) == (1, 1)
    assert "(opening)" in dprk.sections_without_question
    assert [use.published for use in report.pair_uses] == [2]
    assert report.findings == ()
    assert report.unlocated == ()


def test_a_quote_that_cannot_be_found_is_listed_not_raised(tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace(TOAST, "Stalin thanked nobody."))
    report = build_report(read_bank(root)[0])
    assert [ref.id for ref in report.unlocated] == ["toast-tf"]
    assert "Quotes not found" in render_text(report)


# --- the shipped bank, counted independently from the YAML --------------------------------------------


def shipped_questions() -> list[dict[str, Any]]:
    return [
        item
        for path in sorted((SHIPPED_BANK / "questions").glob("*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    ]


def shipped_coverage() -> dict[str, tuple[int, int]]:
    """Per source: (passages holding a support quote, passages) found by plain substring search."""
    bank, _ = read_bank(SHIPPED_BANK)
    result = {}
    for doc in bank.sources:
        quotes = [
            collapse_whitespace(q["support"]["quote"])
            for q in shipped_questions()
            if q["support"]["source"] == doc.meta.id
        ]
        covered = sum(any(quote in p.text for quote in quotes) for p in doc.parsed.passages)
        result[doc.meta.id] = (covered, len(doc.parsed.passages))
    return result


def test_report_on_the_shipped_bank_counts_what_the_yaml_holds(runner) -> None:
    result = runner.invoke(args=["bank", "report"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    questions = shipped_questions()
    by_type = Counter(q["type"] for q in questions)
    published_by_type = Counter(q["type"] for q in questions if q["status"] == "published")
    for qtype, total in by_type.items():
        published = published_by_type[qtype]
        assert re.search(rf"^  {qtype} +{total} +{published} +{total - published}$", text, re.M), qtype
    published_by_source = Counter(q["support"]["source"] for q in questions if q["status"] == "published")
    for source, published in published_by_source.items():
        assert re.search(rf"^  {source} +\d+ +{published} +\d+$", text, re.M), source
    for source, (covered, passages) in shipped_coverage().items():
        share = f"{covered / passages:.0%}"
        assert re.search(rf"^  {source} +{passages}  {covered}/{passages} \({share}\)", text, re.M), source
    assert "sections with no question:" in text
    assert re.search(r"^    dprk: ", text, re.M) and re.search(r"^    weathersby: ", text, re.M)
    assert re.search(r"report built in \d+\.\d\d s", text)


def test_json_report_on_the_shipped_bank_has_the_same_counts(runner) -> None:
    result = runner.invoke(args=["bank", "report", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    questions = shipped_questions()
    assert document["totals"]["questions"] == len(questions)
    assert {k: v["total"] for k, v in document["questions_by"]["type"].items() if v["total"]} == dict(
        Counter(q["type"] for q in questions)
    )
    assert {k: v["total"] for k, v in document["questions_by"]["skill"].items() if v["total"]} == dict(
        Counter(q["skill"] for q in questions)
    )
    for source, (covered, passages) in shipped_coverage().items():
        coverage = document["coverage"][source]
        assert (coverage["passages_with_question"], coverage["passages"]) == (covered, passages)
        assert len(coverage["passages_without_question"]) == passages - covered
    pairs = [
        item
        for path in sorted((SHIPPED_BANK / "claim_pairs").glob("*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["claim_pairs"]
    ]
    assert sum(document["claim_pairs_by"]["relation"].values()) == len(pairs)
    use = {entry["id"]: entry["published_questions"] for entry in document["claim_pair_use"]}
    assert use == {
        p["id"]: sum(q.get("claim_pair") == p["id"] and q["status"] == "published" for q in questions)
        for p in pairs
    }
    assert set(document["timing_seconds"]) == {"read_and_check", "report"}


# --- small banks made for one finding each, through the command --------------------------------------


def typed(
    id: str,
    prompt: str,
    answer: str,
    status: str = "published",
    quote: str = TOAST,
    pair: str = "stalin-sacrifice",
) -> str:
    source = "dprk" if quote == TOAST else "weathersby"
    return f"""\
  - id: {id}
    type: typed
    prompt: "{prompt}"
    answer: "{answer}"
    explanation: The publication credits Stalin with the toast.
    support: {{source: {source}, quote: "{quote}"}}
    claim_pair: {pair}
    skill: close_reading
    origin: generated
    status: {status}
"""


def true_false(id: str, prompt: str, answer: bool) -> str:
    return f"""\
  - id: {id}
    type: true_false
    prompt: "{prompt}"
    answer: {str(answer).lower()}
    explanation: The publication presents the toast as gratitude.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    skill: close_reading
    origin: authored
    status: published
"""


def run_report(runner, root: Path, *extra: str) -> str:
    result = runner.invoke(args=["bank", "report", "--bank", str(root), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_near_duplicate_pair_is_flagged_with_both_ids(runner, tmp_path: Path) -> None:
    extra = true_false(
        "toast-tf-again",
        "According to the DPRK publication Stalin proposed a TOAST of thanks to Kim Il Sung!",
        True,
    )
    root = write_bank(tmp_path, questions=TINY_QUESTIONS + extra)
    text = run_report(runner, root)
    assert "Near-duplicate prompts: 1" in text
    assert "- identical after normalisation (true_false, true_false)" in text
    assert "questions/questions.yaml: toast-tf, toast-tf-again" in text


def test_an_answer_used_too_often_is_flagged(runner, tmp_path: Path) -> None:
    prompts = [
        "According to the DPRK publication, who proposed the toast?",
        "Which Soviet leader, per the DPRK text, thanked Korea's leader with applause?",
        "Whom does the DPRK publication show raising a glass at the banquet?",
        "Name the man who, in the DPRK account, extended heartfelt thanks.",
        "Whose words open the banquet scene in the state text?",
        "Who spoke first at the dinner described by the publication?",
    ]
    # A pair serves at most 6 published questions: these lean on a twin pair over the same two claims.
    twin = TINY_PAIRS.removeprefix("claim_pairs:\n").replace("id: stalin-sacrifice", "id: toast-twin")
    items = "".join(
        typed(f"who-{n}", p, "Stalin" if n % 2 else "stalin.", pair="toast-twin")
        for n, p in enumerate(prompts)
    )
    root = write_bank(tmp_path, pairs=TINY_PAIRS + twin, questions=TINY_QUESTIONS + items)
    text = run_report(runner, root)
    assert "Answers used too often: 1" in text
    assert "answer 'stalin.' is right for 6 questions (more than 5)" in text
    assert "questions/questions.yaml: who-0, who-1, who-2, who-3, who-4, who-5" in text
    assert "Near-duplicate prompts: none" in text


def test_a_multiple_choice_giveaway_is_flagged(runner, tmp_path: Path) -> None:
    long_answer = "To extend heartfelt thanks to Comrade Kim Il Sung with warm applause"
    mc = f"""\
  - id: toast-mc
    type: multiple_choice
    prompt: According to the DPRK publication, what did Stalin propose?
    choices: ["{long_answer}", "To leave early", "To sign a treaty", "To build a dam"]
    answer: "{long_answer}"
    explanation: The publication presents the toast as gratitude.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    skill: close_reading
    origin: edited
    status: published
"""
    root = write_bank(tmp_path, questions=TINY_QUESTIONS + mc)
    text = run_report(runner, root)
    assert "Multiple choice: right answer much longer than every distractor: 1" in text
    assert "right answer 68 characters, longest distractor 16 (4.25×)" in text
    assert "questions/questions.yaml: toast-mc" in text


def test_skewed_true_false_is_flagged(runner, tmp_path: Path) -> None:
    statements = [
        "According to the DPRK publication, Stalin thanked Kim Il Sung.",
        "According to the DPRK publication, the banquet ended with applause for Kim.",
        "According to the publication, Stalin's thanks were heartfelt.",
        "According to the state text, the toast honoured a Korean comrade.",
    ]
    items = "".join(true_false(f"tf-{n}", s, True) for n, s in enumerate(statements))
    root = write_bank(tmp_path, questions=TINY_QUESTIONS + items)
    text = run_report(runner, root)
    assert "True/false answers skewed to one side: 1" in text
    assert "5 of 5 true/false questions (100%) are true" in text
    assert "questions/questions.yaml: toast-tf, tf-0, tf-1, tf-2, tf-3" in text


def test_drafts_are_listed_and_json_matches_the_text(runner, tmp_path: Path) -> None:
    items = typed(
        "draft-1", "According to Weathersby, what did Stalin dismiss?", "concerns", "draft", LOST_NOTHING
    )
    pairs = TINY_PAIRS + TINY_PAIRS.replace("claim_pairs:\n", "").replace(
        "stalin-sacrifice", "unused"
    ).replace("status: published", "status: draft")
    root = write_bank(tmp_path, pairs=pairs, questions=TINY_QUESTIONS + items)
    text = run_report(runner, root)
    assert "3 questions (2 published, 1 draft)" in text
    assert "- 1 draft questions" in text and "questions/questions.yaml: draft-1" in text
    assert "- 1 draft claim pairs" in text and "claim_pairs/pairs.yaml: unused" in text
    assert "pairs with no published question: unused" in text
    document = json.loads(run_report(runner, root, "--format", "json"))
    assert document["totals"]["questions"] == 3
    assert document["questions_by"]["type"]["typed"] == {"total": 1, "published": 0, "draft": 1}
    assert document["questions_by"]["status"]["draft"]["total"] == 1
    assert document["claim_pairs_by"]["status"] == {"draft": 1, "published": 1}
    assert document["claim_pairs_without_published_question"] == ["unused"]
    assert document["finding_counts"] == {"draft": 2}
    assert {"file": "questions/questions.yaml", "id": "draft-1"} in document["findings"][0]["items"]
    assert re.search(r"^  typed +1 +0 +1$", text, re.M)


def test_an_unreadable_bank_prints_its_errors_and_exits_1(runner, tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace("answer: people", "answer: soldiers"))
    result = runner.invoke(args=["bank", "report", "--bank", str(root)])
    assert result.exit_code == 1
    assert "error: questions/questions.yaml: lost-nothing-cloze:" in result.output
    assert "Bank report" not in result.output
    missing = runner.invoke(args=["bank", "report", "--bank", str(tmp_path / "nowhere"), "--format", "json"])
    assert missing.exit_code == 1
    assert "no such bank folder" in missing.output


def test_report_of_a_200_question_bank_finds_every_clone(bank_copy: Path) -> None:
    """The shipped questions cloned under new ids until the bank holds 200 (timing is for benchmarks)."""
    originals = shipped_questions()
    clones = []
    while len(originals) + len(clones) < 200:
        source = originals[len(clones) % len(originals)]
        clones.append({**source, "id": f"{source['id']}-copy-{len(clones)}"})
    (bank_copy / "questions" / "zz_clones.yaml").write_text(
        yaml.safe_dump({"questions": clones}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    bank, issues = read_bank(bank_copy)
    assert [str(i) for i in issues] == []
    report: BankReport = build_report(bank)
    render_text(report)
    report_document(report)
    assert report.questions == 200
    # Every clone repeats a prompt: the near-duplicate check must find each one.
    identical = [f for f in report.findings if f.message.startswith("identical after normalisation")]
    assert len(identical) >= len(clones)
