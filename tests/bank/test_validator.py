"""The one validator: every rule, and one clear message naming file and item for each bad input."""

from pathlib import Path

import pytest

from app.bank.schema import Issue
from app.bank.validator import errors_in, validate_bank
from app.bank.yamlio import read_bank
from tests.conftest import LOST_NOTHING, TINY_PAIRS, TINY_QUESTIONS, TOAST, write_bank


def problems(root: Path) -> list[Issue]:
    bank, issues = read_bank(root)
    return errors_in(issues + validate_bank(bank))


def only_problem(root: Path) -> Issue:
    found = problems(root)
    assert len(found) == 1, [str(issue) for issue in found]
    return found[0]


def test_the_tiny_bank_is_valid(tiny_bank: Path) -> None:
    assert problems(tiny_bank) == []


def test_shipped_bank_is_valid() -> None:
    from tests.conftest import SHIPPED_BANK

    assert [str(issue) for issue in problems(SHIPPED_BANK)] == []


def test_quote_not_in_source_is_named_with_file_and_item(tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace(TOAST, "Stalin thanked Kim Il Sung warmly."))
    issue = only_problem(root)
    assert (issue.file, issue.item) == ("questions/questions.yaml", "toast-tf")
    assert "not found verbatim in 000_33bd84a31d842da9.txt" in issue.message


def test_whitespace_differences_do_not_matter(tmp_path: Path) -> None:
    spaced = TOAST.replace(" thanks ", "  thanks\n    ")
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace(f'"{TOAST}"', f'"{spaced}"', 1))
    assert problems(root) == []


def test_straight_quotes_get_the_source_s_exact_words(tmp_path: Path) -> None:
    straight = LOST_NOTHING.replace("’", "'")
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace(LOST_NOTHING, straight))
    issue = only_problem(root)
    assert "quotes or dashes differ" in issue.message
    assert "Koreans’ concerns" in issue.message


def test_quote_running_into_the_next_paragraph_is_refused(tmp_path: Path) -> None:
    across = "warm applause.” This was an unprecedented event"
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace(TOAST, across))
    assert "not inside one passage" in only_problem(root).message


def test_quote_through_footnote_markup_is_refused(tmp_path: Path) -> None:
    marked = "except people.”[footnoteRef:30] The Chinese"
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace(LOST_NOTHING, marked))
    assert "not inside one passage" in only_problem(root).message


def test_unknown_source(tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace("{source: weathersby", "{source: cumings"))
    issue = only_problem(root)
    assert issue.item == "lost-nothing-cloze"
    assert "unknown source 'cumings'" in issue.message


def test_unknown_claim_pair(tmp_path: Path) -> None:
    root = write_bank(
        tmp_path, questions=TINY_QUESTIONS.replace("claim_pair: stalin-sacrifice", "claim_pair: nope", 1)
    )
    issue = only_problem(root)
    assert (issue.item, issue.message) == ("toast-tf", "unknown claim pair 'nope'")


def test_duplicate_question_id_names_both_files(tmp_path: Path) -> None:
    root = write_bank(tmp_path)
    (root / "questions" / "more.yaml").write_text(TINY_QUESTIONS, encoding="utf-8")
    found = problems(root)
    assert {(i.file, i.item) for i in found} == {
        ("questions/questions.yaml", "toast-tf"),
        ("questions/more.yaml", "toast-tf"),
        ("questions/questions.yaml", "lost-nothing-cloze"),
        ("questions/more.yaml", "lost-nothing-cloze"),
    }
    assert all("duplicate question id" in i.message for i in found)


def test_malformed_yaml_gives_line_and_column(tmp_path: Path) -> None:
    root = write_bank(tmp_path, pairs="claim_pairs:\n  - id: x\n    a: {source: dprk, quote: [unclosed\n")
    issue = only_problem(root)
    assert issue.file == "claim_pairs/pairs.yaml"
    assert "malformed YAML at line 4" in issue.message


def test_a_broken_claim_pair_is_reported_once_not_by_every_question(tmp_path: Path) -> None:
    root = write_bank(tmp_path, pairs=TINY_PAIRS.replace("    relation: contradicts\n", ""))
    issue = only_problem(root)
    assert (issue.item, issue.message) == ("stalin-sacrifice", "missing 'relation'")


def test_the_shipped_bank_with_a_non_utf8_source_gives_one_message(bank_copy: Path) -> None:
    path = bank_copy / "sources" / "000_33bd84a31d842da9.txt"
    path.write_bytes(b"\xff" + path.read_bytes())
    issue = only_problem(bank_copy)
    assert (issue.file, issue.item) == ("sources/000_33bd84a31d842da9.txt", "dprk")


def test_duplicate_yaml_key_is_not_silently_overwritten(tmp_path: Path) -> None:
    doubled = TINY_QUESTIONS.replace("    answer: people\n", "    answer: people\n    answer: soldiers\n")
    root = write_bank(tmp_path, questions=doubled)
    issue = only_problem(root)
    assert "duplicate key 'answer'" in issue.message


def test_non_utf8_source_file(tmp_path: Path) -> None:
    root = write_bank(tmp_path)
    path = root / "sources" / "003_f1b226380e4620e3.txt"
    path.write_bytes(path.read_bytes().replace("’".encode(), b"\x92", 1))
    issue = only_problem(root)
    assert (issue.file, issue.item) == ("sources/003_f1b226380e4620e3.txt", "weathersby")
    assert "is not valid UTF-8" in issue.message


def test_multiple_choice_rules(tmp_path: Path) -> None:
    mc = TINY_QUESTIONS.replace(
        "    type: true_false\n",
        "    type: multiple_choice\n    choices: [Thanks to Kim, thanks  to kim, Silence]\n",
    ).replace("    answer: true\n", "    answer: A medal\n")
    root = write_bank(tmp_path, questions=mc)
    messages = sorted(i.message for i in problems(root))
    assert messages == [
        "answer 'A medal' is not among the choices",
        "choices 'Thanks to Kim' and 'thanks  to kim' are the same",
    ]


def test_cloze_answer_must_occur_in_support_quote(tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace("answer: people", "answer: soldiers"))
    assert "does not occur in its support quote" in only_problem(root).message


def test_cloze_needs_exactly_one_blank(tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace("except ____.", "except ____ and ____."))
    assert "exactly one blank" in only_problem(root).message


def test_true_false_must_be_framed_as_a_claim(tmp_path: Path) -> None:
    root = write_bank(
        tmp_path, questions=TINY_QUESTIONS.replace("According to the DPRK publication, Stalin", "Stalin")
    )
    assert "According to" in only_problem(root).message


def test_published_question_needs_a_claim_pair(tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace("    claim_pair: stalin-sacrifice\n", "", 1))
    assert "needs a claim pair: the other source's claim" in only_problem(root).message


def test_draft_question_may_wait_for_its_pair(tmp_path: Path) -> None:
    draft = TINY_QUESTIONS.replace("    claim_pair: stalin-sacrifice\n", "", 1).replace(
        "status: published", "status: draft", 1
    )
    assert problems(write_bank(tmp_path, questions=draft)) == []


def test_published_question_needs_a_published_pair(tmp_path: Path) -> None:
    root = write_bank(tmp_path, pairs=TINY_PAIRS.replace("status: published", "status: draft"))
    assert {i.message for i in problems(root)} == {
        "claim pair 'stalin-sacrifice' is not published; publish it after review"
    }


def test_pair_sides_must_be_in_different_sources(tmp_path: Path) -> None:
    same = TINY_PAIRS.replace(
        f'{{source: weathersby, quote: "{LOST_NOTHING}"}}', '{source: dprk, quote: "Moscow."}'
    )
    found = problems(write_bank(tmp_path, pairs=same))
    assert "both sides are in the same source" in found[0].message


def test_section_must_match_the_quote_s_heading(tmp_path: Path) -> None:
    root = write_bank(
        tmp_path, questions=TINY_QUESTIONS.replace("section: Stalin’s Toast", "section: Rehe Expedition")
    )
    assert "but the quote is under 'Stalin’s Toast'" in only_problem(root).message


def test_which_source_answer_must_be_the_support_source(tmp_path: Path) -> None:
    attribution = TINY_QUESTIONS.replace("    type: true_false\n", "    type: which_source\n").replace(
        "    answer: true\n", "    answer: weathersby\n"
    )
    root = write_bank(tmp_path, questions=attribution)
    assert "support quote is in 'dprk'" in only_problem(root).message


def test_yes_read_as_boolean_is_caught(tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace("answer: people", "answer: yes"))
    assert "read as true/false" in only_problem(root).message


def test_unknown_field_is_reported(tmp_path: Path) -> None:
    root = write_bank(
        tmp_path, questions=TINY_QUESTIONS.replace("    skill: corroboration\n", "    skil: corroboration\n")
    )
    messages = {i.message for i in problems(root)}
    assert any(m.startswith("unknown field 'skil'") for m in messages)
    assert "missing 'skill'" in messages


@pytest.mark.parametrize("field", ["a", "b"])
def test_claim_pair_quotes_are_checked(tmp_path: Path, field: str) -> None:
    quote = TOAST if field == "a" else LOST_NOTHING
    root = write_bank(tmp_path, pairs=TINY_PAIRS.replace(quote, "words nobody wrote"))
    issue = only_problem(root)
    assert (issue.item, issue.message.split(":")[0]) == ("stalin-sacrifice", f"side {field}")
