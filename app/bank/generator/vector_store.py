"""Pure: where sentence vectors are kept between runs, so a sentence is encoded once, not on every request.

The encoder costs milliseconds per sentence; a stored vector costs microseconds to read. The generator and
the suggesters only see this small protocol: the app passes a store backed by its database, tests and the
command line may pass the in-memory one or none at all.
"""

import hashlib
from collections.abc import Mapping, Sequence
from typing import Protocol


class VectorStore(Protocol):
    """Vectors as float32 bytes, keyed by the model that made them and the sha256 of the sentence text."""

    def load(self, model: str, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored vectors among ``keys``; a key that is not stored is simply absent."""
        ...

    def save(self, model: str, vectors: Mapping[str, bytes]) -> None:
        """Keep these vectors; a key already stored may be kept as it is."""
        ...


def text_key(text: str) -> str:
    """The sha256 of a sentence: the same words always find the same vector, whatever source holds them."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class MemoryVectorStore:
    """A store that lives as long as the object: for tests and for one command-line run."""

    def __init__(self) -> None:
        self.vectors: dict[tuple[str, str], bytes] = {}

    def load(self, model: str, keys: Sequence[str]) -> dict[str, bytes]:
        return {key: self.vectors[model, key] for key in keys if (model, key) in self.vectors}

    def save(self, model: str, vectors: Mapping[str, bytes]) -> None:
        for key, value in vectors.items():
            self.vectors.setdefault((model, key), value)
