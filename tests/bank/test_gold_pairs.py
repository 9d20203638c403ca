"""The gold claim pairs (tests/data/gold): the file is sound, and the pair suggester's figures on it.

The gold is a human judgement made before seeing any generator output; see tests/data/gold/README.md.
The figures of the real suggester are printed (``pytest -s`` or ``-rA``) rather than asserted, except for
one target marked xfail until the suggester reaches it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pytest

from tests.bank.gold import (
    MAX_COUNTERPARTS,
    RELATIONS,
    Counterpart,
    Gold,
    Judgement,
    evaluate,
    format_report,
    gold_problems,
    load_gold,
    suggester_with_paragraphs,
)

DPRK_SENTENCES = 36
FIGURES = ("precision_at_1", "hit_at_3", "no_counterpart_accuracy", "overall")


@pytest.fixture(scope="module")
def gold() -> Gold:
    return load_gold()


@pytest.fixture(scope="module")
def placeholder_result(gold: Gold) -> dict:
    """The suggester as the generator uses it: with each sentence's paragraph."""
    return evaluate(suggester_with_paragraphs, gold)


# The gold file itself


def test_gold_is_about_the_two_bank_sources(gold: Gold) -> None:
    assert (gold.source_a, gold.source_b) == ("dprk", "weathersby")
    assert len(gold.sentences_a) == DPRK_SENTENCES
    assert len(gold.sentences_b) > 200


def test_every_dprk_sentence_is_judged_exactly_once(gold: Gold) -> None:
    judged = [j.a for j in gold.judgements]
    assert len(judged) == DPRK_SENTENCES
    assert sorted(judged) == sorted(gold.sentences_a)


def test_every_quoted_sentence_is_a_parser_sentence_verbatim(gold: Gold) -> None:
    sentences_a, sentences_b = set(gold.sentences_a), set(gold.sentences_b)
    assert [j.a for j in gold.judgements if j.a not in sentences_a] == []
    assert [c.b for j in gold.judgements for c in j.counterparts if c.b not in sentences_b] == []


def test_relations_ranks_and_notes_follow_the_rules(gold: Gold) -> None:
    for judgement in gold.judgements:
        assert len(judgement.counterparts) <= MAX_COUNTERPARTS, judgement.a
        assert len({c.b for c in judgement.counterparts}) == len(judgement.counterparts), judgement.a
        for counterpart in judgement.counterparts:
            assert counterpart.relation in RELATIONS, counterpart
            assert counterpart.note.strip() and "\n" not in counterpart.note, counterpart
        if not judgement.counterparts:
            assert judgement.note.strip() and "\n" not in judgement.note, judgement.a


def test_gold_has_both_kinds_of_judgement(gold: Gold) -> None:
    """Both denominators must be non-empty, or a figure is undefined."""
    assert gold.with_counterparts
    assert gold.without_counterparts


def test_gold_has_no_problems(gold: Gold) -> None:
    assert gold_problems(gold) == []


def test_gold_problems_names_each_kind_of_mistake(gold: Gold) -> None:
    """The checker is not vacuous: a paraphrase, a bad relation, a lost or doubled judgement all show."""
    first_paired = next(i for i, j in enumerate(gold.judgements) if j.counterparts)
    paired = gold.judgements[first_paired]
    counterpart = paired.counterparts[0]
    broken = list(gold.judgements)
    broken[first_paired] = replace(
        paired,
        counterparts=(
            replace(counterpart, b=counterpart.b.rstrip(".")),
            Counterpart(b=gold.sentences_b[0], relation="supports", note="x"),
        ),
    )
    broken[0] = replace(broken[0], a=broken[0].a.upper())
    broken.append(Judgement(a=gold.sentences_a[-1], counterparts=(), note=""))
    problems = "\n".join(gold_problems(replace(gold, judgements=tuple(broken))))
    assert "'b' is not a sentence" in problems
    assert "relation 'supports'" in problems
    assert "'a' is not a sentence" in problems
    assert "judged 0 times" in problems
    assert "judged 2 times" in problems
    assert "a note must say why" in problems


# The evaluation, on suggesters whose answers are known


@dataclass(frozen=True)
class FakeSuggestion:
    candidate_index: int
    text: str
    score: float
    confident: bool


class ScriptedSuggester:
    """Answers from a dict: sentence of A -> [(index into B, confident)], best first."""

    def __init__(self, sentences_b: Sequence[str], answers: dict[str, list[tuple[int, bool]]]):
        self.sentences_b, self.answers = sentences_b, answers

    def suggest(self, sentence: str, k: int = 3) -> list[FakeSuggestion]:
        picks = self.answers.get(sentence, [])[:k]
        return [
            FakeSuggestion(i, self.sentences_b[i], 1.0 - rank / 10, sure)
            for rank, (i, sure) in enumerate(picks)
        ]


def scripted(gold: Gold, answer):
    """A suggester factory whose answer for each judgement is ``answer(judgement, gold_b_indices)``."""
    index_b = {text: i for i, text in enumerate(gold.sentences_b)}
    answers = {j.a: answer(j, [index_b[c.b] for c in j.counterparts]) for j in gold.judgements}
    return lambda _sentences_a, sentences_b: ScriptedSuggester(sentences_b, answers)


def unpaired_index(gold: Gold) -> int:
    """A sentence of B that is nobody's counterpart: a suggestion that is always wrong."""
    used = {c.b for j in gold.judgements for c in j.counterparts}
    return next(i for i, text in enumerate(gold.sentences_b) if text not in used)


def test_evaluate_gives_an_oracle_full_marks(gold: Gold) -> None:
    result = evaluate(scripted(gold, lambda _j, expected: [(i, True) for i in expected]), gold)
    assert {name: result[name] for name in FIGURES} == dict.fromkeys(FIGURES, 1.0)


def test_evaluate_counts_a_right_answer_at_rank_three_for_hit_at_3_only(gold: Gold) -> None:
    wrong = unpaired_index(gold)
    result = evaluate(
        scripted(
            gold, lambda _j, expected: [(wrong, True), (wrong, True), (expected[0], True)] if expected else []
        ),
        gold,
    )
    assert result["precision_at_1"] == 0.0
    assert result["hit_at_3"] == 1.0
    assert result["no_counterpart_accuracy"] == 1.0
    assert result["overall"] == len(gold.without_counterparts) / len(gold.judgements)


def test_evaluate_silence_and_unsure_guesses_count_as_no_counterpart(gold: Gold) -> None:
    wrong = unpaired_index(gold)
    silent = evaluate(scripted(gold, lambda _j, _e: []), gold)
    unsure = evaluate(scripted(gold, lambda _j, _e: [(wrong, False)]), gold)
    for result in (silent, unsure):
        assert result["precision_at_1"] == result["hit_at_3"] == 0.0
        assert result["no_counterpart_accuracy"] == 1.0


def test_evaluate_a_confident_wrong_guess_is_a_false_pair(gold: Gold) -> None:
    wrong = unpaired_index(gold)
    result = evaluate(scripted(gold, lambda _j, _e: [(wrong, False), (wrong, True)]), gold)
    assert result["no_counterpart_accuracy"] == 0.0
    assert result["overall"] == 0.0


# The real suggester: figures printed, only their soundness asserted


def test_placeholder_suggester_figures_are_computed_over_the_gold(
    gold: Gold, placeholder_result: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    result = placeholder_result
    with capsys.disabled():
        print("\n" + format_report(result, per_sentence=False))
    print(format_report(result))  # the per-sentence table, shown by -s or -rA
    assert result["judged"] == len(gold.judgements) == DPRK_SENTENCES
    assert result["with_counterpart"] == len(gold.with_counterparts)
    assert result["without_counterpart"] == len(gold.without_counterparts)
    assert result["with_counterpart"] + result["without_counterpart"] == result["judged"]
    assert len(result["per_sentence"]) == result["judged"]
    assert result["precision_at_1"] == result["top1_correct"] / result["with_counterpart"]
    assert result["hit_at_3"] == result["hit_at_3_count"] / result["with_counterpart"]
    assert result["no_counterpart_accuracy"] == result["abstained_count"] / result["without_counterpart"]
    assert result["overall"] == (result["top1_correct"] + result["abstained_count"]) / result["judged"]
    for name in FIGURES:
        assert 0.0 <= result[name] <= 1.0, name
    assert result["hit_at_3"] >= result["precision_at_1"]


@pytest.mark.xfail(
    reason="the word-overlap suggester reaches hit@3 0.18 on the gold; the target is 0.5", strict=False
)
def test_suggester_reaches_the_target_hit_at_3(placeholder_result: dict) -> None:
    assert placeholder_result["hit_at_3"] >= 0.5
