"""Pure: the default claim-pair ranking, by meaning, with what shared words can prove blended in.

For a claim of source A, every sentence of source B is scored at once, as rows of matrices computed when
the suggester is built:
- the cosine of the two sentences' meaning vectors (what the sentences say);
- the cosine of their contexts, the mean vector of each sentence's paragraph: a claim and its counterpart
  sit in passages about the same point, which a lone sentence often does not name;
- the lexical score of ``pairs.PairSuggester`` (rare shared stems, names counted less, paragraphs too).
"No counterpart" is calibrated on the two sources themselves, not on a fixed number: scores depend on the
texts (two texts on one war score higher everywhere than two on different subjects). A candidate is
suggested only when its score is among the top 10 % of all sentence pairs of the two sources, and marked
confident among the top 0.1 %; most claims of one source have no counterpart in the other, so a rule
that lets only the rarest closeness through is the honest default.

Each sentence is encoded with its names masked (``claim_form``): two accounts of one history name the same
people in nearly every sentence, and a meaning vector full of "Kim Il Sung" pairs sentences by who they are
about rather than by what they claim. The words' score still counts the names, at a third of a word.
"""

import re
from collections.abc import Sequence
from typing import Any

from app.bank.generator.pairs import PairSuggester, Suggestion
from app.bank.generator.semantic import sentence_vectors
from app.bank.generator.vector_store import VectorStore

SENTENCE_SHARE = 0.5
CONTEXT_SHARE = 0.2
LEXICAL_SHARE = 0.3
SUGGEST_PERCENTILE = 90.0  # of all pair scores: below it, "no counterpart"
CONFIDENT_PERCENTILE = 99.9  # of all pair scores: from it, a confident suggestion
NO_COUNTERPART_BELOW = 0.20  # an absolute floor under the calibrated one, for tiny texts
CALIBRATION_SENTENCES = 64  # sentences of A, evenly spaced, whose scores estimate the distribution
# A capitalised word (or run of them) that does not open the sentence: a name, a place, a title. A
# nationality ("Soviet", "Chinese", "American") says what side a claim is about, so it stays.
_NAME = re.compile(
    r"(?<!^)(?<![.!?]\s)(?<![“\"‘(])\b(?!Soviet\b|[A-Z][a-z]+(?:an|ese|ish|ic)\b)"
    r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)*"
)


def claim_form(sentence: str) -> str:
    """The sentence as its meaning vector reads it: every name masked to "someone", nationalities kept."""
    return _NAME.sub("someone", sentence)


def _unit_rows(matrix: Any) -> Any:
    import numpy as np

    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _contexts(vectors: Any, paragraphs: Sequence[str] | None) -> tuple[Any, dict[str, Any]]:
    """Each sentence's context vector (the mean of its paragraph's sentences), and each paragraph's."""
    import numpy as np

    if paragraphs is None:
        return vectors, {}
    rows: dict[str, list[int]] = {}
    for row, paragraph in enumerate(paragraphs):
        rows.setdefault(paragraph, []).append(row)
    by_paragraph = {p: _unit_rows(vectors[r].mean(0, keepdims=True))[0] for p, r in rows.items()}
    contexts = np.stack([by_paragraph[p] for p in paragraphs]) if len(paragraphs) else vectors
    return contexts, by_paragraph


class SemanticPairSuggester:
    """Same interface as PairSuggester; ``store`` keeps sentence vectors between runs (optional)."""

    def __init__(
        self,
        sentences_a: Sequence[str],
        sentences_b: Sequence[str],
        paragraphs_a: Sequence[str] | None = None,
        paragraphs_b: Sequence[str] | None = None,
        store: VectorStore | None = None,
    ):
        self.store = store
        self.sentences_b = list(sentences_b)
        self.lexical = PairSuggester(sentences_a, sentences_b, paragraphs_a, paragraphs_b)
        vectors = sentence_vectors([claim_form(s) for s in (*sentences_a, *self.sentences_b)], store)
        vectors_a = vectors[: len(sentences_a)]
        self.vector_of = dict(zip(sentences_a, vectors_a, strict=True))
        self.vectors_b = vectors[len(sentences_a) :]
        self.contexts_b, _ = _contexts(self.vectors_b, paragraphs_b)
        _, self.context_of_paragraph = _contexts(vectors_a, paragraphs_a)
        self.floor, self.confident_from = self._calibrate(list(sentences_a))

    def _calibrate(self, sentences_a: list[str]) -> tuple[float, float]:
        """The suggest and confident thresholds: percentiles of the scores of (a sample of) all pairs."""
        import numpy as np

        step = max(1, len(sentences_a) // CALIBRATION_SENTENCES)
        sample = sentences_a[::step][:CALIBRATION_SENTENCES]
        if not sample or not self.sentences_b:
            return NO_COUNTERPART_BELOW, NO_COUNTERPART_BELOW
        scores = np.concatenate([self.scores(sentence) for sentence in sample])
        floor, confident = np.percentile(scores, [SUGGEST_PERCENTILE, CONFIDENT_PERCENTILE]).tolist()
        return max(floor, NO_COUNTERPART_BELOW), max(confident, NO_COUNTERPART_BELOW)

    @property
    def paragraph_of(self) -> dict[str, str]:
        """Sentence of A -> its paragraph; a caller may add a quote that is not a whole sentence."""
        return self.lexical.paragraph_of

    def scores(self, sentence: str) -> Any:
        """The blended score of every sentence of B for ``sentence``, in B's order."""
        import numpy as np

        vector = self.vector_of.get(sentence)
        if vector is None:
            vector = sentence_vectors([claim_form(sentence)], self.store)[0]
        context = self.context_of_paragraph.get(self.paragraph_of.get(sentence, ""), vector)
        lexical = np.asarray(self.lexical.scores(sentence), dtype=np.float32)
        return (
            SENTENCE_SHARE * (self.vectors_b @ vector)
            + CONTEXT_SHARE * (self.contexts_b @ context)
            + LEXICAL_SHARE * lexical
        )

    def suggest(self, sentence: str, k: int = 3) -> list[Suggestion]:
        import numpy as np

        scores = self.scores(sentence)
        if not len(scores):
            return []
        best = np.argsort(-scores, kind="stable")[:k]
        return [
            Suggestion(int(i), self.sentences_b[i], round(float(s), 4), bool(s >= self.confident_from))
            for i, s in zip(best, scores[best].tolist(), strict=True)
            if s >= self.floor
        ]
