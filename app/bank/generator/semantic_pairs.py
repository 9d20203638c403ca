"""Pure: the default claim-pair ranking, by meaning.

For a claim of source A, every sentence of source B is scored at once, as rows of matrices computed when
the suggester is built. The score is the mean of three cosines of meaning vectors, less a penalty for
sentences of B that say what many of B's sentences say:
- the two sentences with their names masked (``claim_form``): two accounts of one history name the same
  people in nearly every sentence, and a vector full of "Kim Il Sung" pairs sentences by who they are about
  rather than by what they claim;
- the two sentences as written: masking goes wrong where capitals are not names (an 18th-century text
  capitalises "Troops" and "Fire"), and a shared rare name is still some evidence;
- the claim against the best part of B's sentence (``sentence_parts``): a long sentence holds several
  claims, and its mean vector dilutes the one that faces this claim;
- less a quarter of how generic B's sentence is: the mean similarity of its nearest tenth of B's
  sentences, centred on B's average. A sentence like "Well, I do not know." is close to everything and,
  unchecked, is suggested for everything (the hubness that CSLS corrects in word translation).
Shared words are not counted: measured on the gold pairs (tests/data/gold), adding the lexical score to
this blend lowered precision@1 on two of the three pairs.

"No counterpart" is calibrated on the two sources themselves, not on a fixed number: scores depend on the
texts (two texts on one war score higher everywhere than two on different subjects). A candidate is
suggested only when its score is among the top 10 % of all sentence pairs of the two sources, and marked
confident among the top 0.1 %; most claims of one source have no counterpart in the other, so a rule
that lets only the rarest closeness through is the honest default.
"""

import re
from collections.abc import Sequence
from typing import Any

from app.bank.generator.pairs import Suggestion
from app.bank.generator.semantic import sentence_vectors
from app.bank.generator.sentence_parts import sentence_parts
from app.bank.generator.vector_store import VectorStore

GENERIC_SHARE = 0.25  # of a sentence's genericness (centred), taken off its score
GENERIC_NEIGHBOURS = 0.1  # the share of B's sentences whose closeness measures how generic a sentence is
GENERIC_REFERENCE = 1000  # sentences of B, evenly spaced, that genericness is measured against
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


def encoded_forms(sentence: str) -> list[str]:
    """Every text the ranking encodes for a sentence: masked, as written, and the masked form's parts.

    The vector store keeps each of them, so a server that stored these for its sources never runs the
    encoder to suggest a counterpart.
    """
    masked = claim_form(sentence)
    return [masked, sentence, *sentence_parts(masked)]


def genericness(vectors: Any) -> Any:
    """Per row: the mean cosine of its nearest ``GENERIC_NEIGHBOURS`` of the other rows, less the average."""
    import numpy as np

    count = len(vectors)
    if count < 2:
        return np.zeros(count, dtype=np.float32)
    reference_rows = np.unique(np.linspace(0, count - 1, min(count, GENERIC_REFERENCE)).astype(int))
    similar = vectors @ vectors[reference_rows].T
    similar[reference_rows, np.arange(len(reference_rows))] = -np.inf  # a sentence is not its own neighbour
    nearest = max(1, int(len(reference_rows) * GENERIC_NEIGHBOURS))
    nearest = min(nearest, len(reference_rows) - 1)
    top = np.partition(similar, -nearest, axis=1)[:, -nearest:]
    generic = top.mean(axis=1)
    return (generic - generic.mean()).astype(np.float32)


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
        import numpy as np

        self.store = store
        self.sentences_b = list(sentences_b)
        # Sentence of A -> its paragraph, shown beside a suggestion; a caller may add a partial quote.
        self.paragraph_of: dict[str, str] = (
            dict(zip(sentences_a, paragraphs_a, strict=True)) if paragraphs_a is not None else {}
        )
        forms = {s: encoded_forms(s) for s in dict.fromkeys((*sentences_a, *self.sentences_b))}
        texts = [text for sentence_forms in forms.values() for text in sentence_forms]
        vector_of = dict(zip(texts, sentence_vectors(texts, store), strict=True))
        self.query_of = {s: (vector_of[forms[s][0]], vector_of[forms[s][1]]) for s in sentences_a}
        self.masked_b = np.stack([vector_of[forms[s][0]] for s in self.sentences_b]) if sentences_b else None
        self.written_b = np.stack([vector_of[forms[s][1]] for s in self.sentences_b]) if sentences_b else None
        # The masked sentence and its parts, sentence after sentence; part_starts[i] is sentence i's first.
        parts = [[forms[s][0], *forms[s][2:]] for s in self.sentences_b]
        self.part_starts = np.cumsum([0] + [len(p) for p in parts[:-1]]) if parts else np.zeros(0, int)
        self.parts_b = np.stack([vector_of[text] for p in parts for text in p]) if parts else None
        self.generic_b = genericness(self.masked_b) if sentences_b else np.zeros(0, dtype=np.float32)
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

    def _query(self, sentence: str) -> tuple[Any, Any]:
        """The masked and the written vector of a claim; a quote that is not a sentence of A is encoded."""
        known = self.query_of.get(sentence)
        if known is not None:
            return known
        masked, written = sentence_vectors(encoded_forms(sentence)[:2], self.store)
        return masked, written

    def scores(self, sentence: str) -> Any:
        """The score of every sentence of B for ``sentence``, in B's order."""
        import numpy as np

        if not self.sentences_b:
            return np.zeros(0, dtype=np.float32)
        masked, written = self._query(sentence)
        best_part = np.maximum.reduceat(self.parts_b @ masked, self.part_starts)
        meaning = (self.masked_b @ masked + self.written_b @ written + best_part) / 3
        return meaning - GENERIC_SHARE * self.generic_b

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
