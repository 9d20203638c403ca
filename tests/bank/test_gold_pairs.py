"""The gold claim pairs (tests/data/gold): every gold file is sound, and the pair suggesters' figures on each.

Each gold is a human judgement made before seeing any generator output; see tests/data/gold/README.md.
The figures of the real suggesters are printed (``pytest -s`` or ``-rA``) rather than asserted, except for
one target per gold file, marked xfail until the default suggester reaches it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.bank.gold import (
    GOLD_FILE,
    MAX_COUNTERPARTS,
    RELATIONS,
    Counterpart,
    Gold,
    GoldError,
    Judgement,
    default_suggester,
    evaluate,
    format_report,
    gold_files,
    gold_problems,
    load_gold,
    with_paragraphs,
)
from tests.bank.speaker_turns import match_key

DPRK_SENTENCES = 36
FIGURES = ("precision_at_1", "hit_at_3", "no_counterpart_accuracy", "overall")
TARGET_HIT_AT_3, TARGET_PRECISION_AT_1 = 0.5, 0.35
TRANSCRIPT_GOLD = GOLD_FILE.parent / "californian_gibson_lord.yaml"


@pytest.fixture(scope="module", params=gold_files(), ids=lambda path: path.stem)
def gold(request: pytest.FixtureRequest) -> Gold:
    return load_gold(request.param)


@pytest.fixture(scope="module")
def default_result(gold: Gold) -> dict:
    """The default suggester as ``bank generate`` uses it: with each sentence's paragraph."""
    return evaluate(default_suggester(), gold)


# Every gold file is sound


def test_there_is_a_gold_file_for_every_pair_of_texts() -> None:
    names = {path.name for path in gold_files()}
    assert {"dprk_weathersby.yaml", "lexington_gage_congress.yaml", "californian_gibson_lord.yaml"} <= names


def test_gold_has_no_problems(gold: Gold) -> None:
    assert gold_problems(gold) == []


def test_every_claim_of_a_is_judged_exactly_once(gold: Gold) -> None:
    judged = sorted(match_key(j.a) for j in gold.judgements)
    assert judged == sorted({match_key(s) for s in gold.claims_a})


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


def test_gold_problems_names_each_kind_of_mistake(gold: Gold) -> None:
    """The checker is not vacuous: a paraphrase, a bad relation, a lost or doubled judgement all show."""
    first_paired = next(i for i, j in enumerate(gold.judgements) if j.counterparts)
    paired = gold.judgements[first_paired]
    counterpart = paired.counterparts[0]
    broken = list(gold.judgements)
    broken[first_paired] = replace(
        paired,
        counterparts=(
            replace(counterpart, b=counterpart.b.rstrip(".") + " (paraphrased)"),
            Counterpart(b=gold.claims_b[0], relation="supports", note="x"),
        ),
    )
    broken[0] = replace(broken[0], a=broken[0].a.upper() + " (paraphrased)")
    broken.append(Judgement(a=gold.judgements[-1].a, counterparts=(), note=""))
    problems = "\n".join(gold_problems(replace(gold, judgements=tuple(broken))))
    assert "'b' is not a sentence" in problems
    assert "relation 'supports'" in problems
    assert "'a' is not a sentence" in problems
    assert "judged 0 times" in problems
    assert "judged 2 times" in problems
    assert "a note must say why" in problems


# The original gold file, about the two bank sources


def test_dprk_gold_is_about_the_two_bank_sources() -> None:
    gold = load_gold(GOLD_FILE)
    assert (gold.source_a, gold.source_b) == ("dprk", "weathersby")
    assert len(gold.sentences_a) == len(gold.judgements) == DPRK_SENTENCES
    assert len(gold.sentences_b) > 200


# Transcripts: labels, and questions that are not claims


def test_a_parser_that_keeps_or_drops_speaker_labels_still_matches_the_gold() -> None:
    """The parser drops the leading "-" or "A." of a turn; a gold written with the labels still matches."""
    gold = load_gold(TRANSCRIPT_GOLD)
    assert not any(s.startswith("- ") for s in gold.claims_a)  # the parser reads the turns
    labelled = replace(
        gold,
        judgements=tuple(
            replace(
                j,
                a=f"- {j.a}",
                counterparts=tuple(replace(c, b=f"- {c.b}") for c in j.counterparts),
            )
            for j in gold.judgements
        ),
    )
    assert gold_problems(labelled) == []


def test_a_parser_that_changes_a_sentence_is_reported_not_ignored() -> None:
    gold = load_gold(TRANSCRIPT_GOLD)
    paired = next(j for j in gold.judgements if j.counterparts)
    changed = tuple(s.replace(paired.a, paired.a + " Sir.") if s == paired.a else s for s in gold.claims_a)
    problems = gold_problems(replace(gold, claims_a=changed, sentences_a=changed))
    assert any("'a' is not a sentence" in p and paired.a[:20] in p for p in problems)
    assert any("judged 0 times" in p for p in problems)


def test_in_a_transcript_questions_are_neither_judged_nor_counterparts() -> None:
    gold = load_gold(TRANSCRIPT_GOLD)
    questions_a = [s for s in gold.sentences_a if s.endswith("?") and s not in gold.claims_a]
    question_b = next(s for s in gold.sentences_b if s.endswith("?") and s not in gold.claims_b)
    assert questions_a and not {match_key(q) for q in questions_a} & {match_key(j.a) for j in gold.judgements}
    paired = next(i for i, j in enumerate(gold.judgements) if j.counterparts)
    broken = list(gold.judgements)
    broken[paired] = replace(
        broken[paired], counterparts=(Counterpart(b=question_b, relation="qualifies", note="x"),)
    )
    problems = gold_problems(replace(gold, judgements=tuple(broken)))
    assert any("is a question, not the witness's answer" in p for p in problems)


def test_a_gold_file_names_each_source_once(tmp_path: Path) -> None:
    path = tmp_path / "both.yaml"
    path.write_text(
        'source_a: "dprk"\nfile_a: "tests/data/lexington-1775/gage-circumstantial-account.txt"\n'
        'source_b: "weathersby"\njudgements: []\n',
        encoding="utf-8",
    )
    with pytest.raises(GoldError, match="exactly one of source_a"):
        load_gold(path)
    path.write_text('file_a: "no/such/file.txt"\nsource_b: "weathersby"\njudgements: []\n', encoding="utf-8")
    with pytest.raises(GoldError, match="not a file in the repository"):
        load_gold(path)


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
    """A suggester factory whose answer for each judgement is ``answer(judgement, gold_b_indices)``.

    The evaluation builds suggesters on the sentences ``bank generate`` may pair, so each scripted index
    into all of B is turned into one into what the suggester was given (a sentence not given is dropped).
    """
    index_b = {text: i for i, text in enumerate(gold.sentences_b)}
    answers = {j.a: answer(j, [index_b[c.b] for c in j.counterparts]) for j in gold.judgements}

    def build(_sentences_a: Sequence[str], sentences_b: Sequence[str]) -> ScriptedSuggester:
        given = {text: i for i, text in enumerate(sentences_b)}
        local = {
            a: [(given[gold.sentences_b[i]], sure) for i, sure in picks if gold.sentences_b[i] in given]
            for a, picks in answers.items()
        }
        return ScriptedSuggester(sentences_b, local)

    return build


def unpaired_index(gold: Gold) -> int:
    """A sentence of B that is nobody's counterpart but may be offered: a suggestion always wrong."""
    used = {c.b for j in gold.judgements for c in j.counterparts}
    offered = gold.offered_b or (True,) * len(gold.sentences_b)
    return next(i for i, text in enumerate(gold.sentences_b) if text not in used and offered[i])


def reachable(gold: Gold) -> int:
    """Judgements with a counterpart ``bank generate`` could offer: a transcript's "Until 4.30." or a
    question is never offered as a claim's counterpart, so a gold counterpart that is only that is out of
    any suggester's reach."""
    offered = {text for text, ok in zip(gold.sentences_b, gold.offered_b, strict=True) if ok}
    return sum(1 for j in gold.with_counterparts if any(c.b in offered for c in j.counterparts))


def first_offered(gold: Gold, expected: list[int]) -> int:
    """The first gold counterpart the generator could offer (else the first): what an oracle would rank."""
    offered = [i for i in expected if gold.offered_b[i]]
    return (offered or expected)[0]


def test_evaluate_gives_an_oracle_full_marks(gold: Gold) -> None:
    result = evaluate(scripted(gold, lambda _j, expected: [(i, True) for i in expected]), gold)
    ceiling = reachable(gold) / len(gold.with_counterparts)
    assert result["precision_at_1"] == result["hit_at_3"] == ceiling
    assert result["no_counterpart_accuracy"] == 1.0
    assert ceiling == 1.0 or gold.source_a.endswith("gibson-evidence.txt")  # only the transcript loses any


def test_evaluate_counts_a_right_answer_at_rank_three_for_hit_at_3_only(gold: Gold) -> None:
    wrong = unpaired_index(gold)
    result = evaluate(
        scripted(
            gold,
            lambda _j, expected: (
                [(wrong, True), (wrong, True), (first_offered(gold, expected), True)] if expected else []
            ),
        ),
        gold,
    )
    assert result["precision_at_1"] == 0.0
    assert result["hit_at_3"] == reachable(gold) / len(gold.with_counterparts)
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


# The real suggesters: figures printed, only their soundness asserted


def test_default_suggester_figures_are_computed_over_the_gold(
    gold: Gold, default_result: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    result = default_result
    with capsys.disabled():
        print(f"\n[bank generate's default] {format_report(result, per_sentence=False)}")
    print(format_report(result))  # the per-sentence table, shown by -s or -rA
    assert result["judged"] == len(gold.judgements)
    assert result["with_counterpart"] == len(gold.with_counterparts)
    assert result["without_counterpart"] == len(gold.without_counterparts)
    assert len(result["per_sentence"]) == result["judged"]
    assert result["precision_at_1"] == result["top1_correct"] / result["with_counterpart"]
    assert result["hit_at_3"] == result["hit_at_3_count"] / result["with_counterpart"]
    assert result["no_counterpart_accuracy"] == result["abstained_count"] / result["without_counterpart"]
    assert result["overall"] == (result["top1_correct"] + result["abstained_count"]) / result["judged"]
    for name in FIGURES:
        assert 0.0 <= result[name] <= 1.0, name
    assert result["hit_at_3"] >= result["precision_at_1"]


def test_semantic_suggester_figures_are_printed(gold: Gold, capsys: pytest.CaptureFixture[str]) -> None:
    from app.bank.generator import semantic
    from app.bank.generator.suggesters import suggester_factory

    if not semantic.available():
        pytest.skip(semantic.INSTALL_HINT)
    result = evaluate(with_paragraphs(suggester_factory("semantic")), gold)
    with capsys.disabled():
        print(f"\n[semantic] {format_report(result, per_sentence=False)}")
    print(format_report(result))
    assert result["judged"] == len(gold.judgements)
    assert result["hit_at_3"] >= result["precision_at_1"]


@pytest.mark.xfail(
    reason="the default suggester is below the target on the gold files; the ranking work flips this",
    strict=False,
)
def test_default_suggester_reaches_the_target(default_result: dict) -> None:
    assert default_result["hit_at_3"] >= TARGET_HIT_AT_3
    assert default_result["precision_at_1"] >= TARGET_PRECISION_AT_1


def test_every_gold_sentence_gets_one_contrast_outcome(gold: Gold) -> None:
    """The benchmark's contrast figures count each judged sentence once, as a pair or a silence."""
    from tests.bank.gold import contrast_outcomes, default_suggester

    outcomes = contrast_outcomes(gold, evaluate(default_suggester(), gold))
    assert sum(outcomes.values()) == len(gold.judgements)
    assert set(outcomes) <= {"right pair", "wrong pair", "right silence", "false silence"}
    silent = sum(1 for j in gold.judgements if not j.counterparts)
    assert outcomes["right silence"] <= silent
    assert outcomes["right pair"] + outcomes["false silence"] <= len(gold.judgements) - silent
