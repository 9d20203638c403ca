"""Pure: suggest, for a sentence of one source, the sentences of the other source that face it.

Two accounts of one history share their names (Stalin, Kim Il Sung) far more than their claims, so
plain word overlap mostly pairs sentences that mention the same person. This ranking therefore:
- compares crude stems, so "subordinated" meets "subordinate" and "supplied" meets "supplies";
- weighs each stem by its rarity across both sources (inverse document frequency);
- discounts proper names, which say who a sentence is about, not what it claims;
- blends in the similarity of the two paragraphs, when known: claims about one point sit in
  paragraphs about that point, and a lone shared word between unrelated paragraphs counts for less;
- refuses to answer when the best match is weak: "no counterpart" is an honest, common result.
The interface is what the generator and the gold-set evaluation use.
"""

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*")
_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each either even ever every few for
    from further had has have having he her here hers him his how however i if in into is it its itself
    just may me might more most much must my neither no nor not now of off on once only or other our ours
    out over own same she should so some still such than that the their theirs them then there these they
    this those through thus to too under until up upon very was we were what when where whether which while
    who whom whose why will with within without would yet you your one two three first second also later
    already said says say stated according""",
    )
)
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly", "ity")
NAME_WEIGHT = 0.35  # a proper name counts for about a third of a content word
NO_COUNTERPART_BELOW = 0.08  # cosine under which the suggester says "no counterpart"
CONFIDENT_FROM = 0.16
PARAGRAPH_WEIGHT = 0.5  # share of the score that comes from the two paragraphs' similarity


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet inflections, not meant to be linguistics."""
    word = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e") if len(word) > 5 else word


def _terms(sentence: str) -> Counter[str]:
    """Stem -> weight: proper names (capitalised, not sentence-initial) count less."""
    terms: Counter[str] = Counter()
    for position, match in enumerate(_TOKEN.finditer(sentence)):
        word = match.group()
        if word.lower() in _STOPWORDS or len(word) < 3:
            continue
        is_name = word[0].isupper() and position > 0
        terms[stem(word)] += NAME_WEIGHT if is_name else 1.0
    return terms


def content_stems(text: str) -> set[str]:
    """The stems a text would be paired on: what two sentences must share to be on one point."""
    return set(_terms(text))


@dataclass(frozen=True)
class Suggestion:
    candidate_index: int  # index into the candidate sentences given to the suggester
    text: str
    score: float
    confident: bool  # False: a weak match a reviewer should treat with suspicion


class PairSuggester:
    """Ranks the sentences of source B for a sentence of source A; an empty answer means "no counterpart".

    ``paragraphs_a`` and ``paragraphs_b``, when given, hold the paragraph of each sentence (same order).
    """

    def __init__(
        self,
        sentences_a: Sequence[str],
        sentences_b: Sequence[str],
        paragraphs_a: Sequence[str] | None = None,
        paragraphs_b: Sequence[str] | None = None,
    ):
        self.sentences_b = list(sentences_b)
        documents = [_terms(s) for s in (*sentences_a, *sentences_b)]
        frequency = Counter(term for document in documents for term in document)
        total = len(documents)
        self.idf = {term: math.log((1 + total) / (1 + count)) + 1 for term, count in frequency.items()}
        self.vectors_b = [self._vector(_terms(s)) for s in self.sentences_b]
        self.postings_b = _postings(self.vectors_b)
        self.paragraph_of: dict[str, str] = {}
        self.paragraph_vectors_b: list[dict[str, float]] | None = None
        self.paragraph_postings_b: dict[str, list[tuple[int, float]]] = {}
        self.paragraph_index_b: list[int] = []
        self.paragraph_count_b = 0
        if paragraphs_a is not None and paragraphs_b is not None:
            self.paragraph_of = dict(zip(sentences_a, paragraphs_a, strict=True))
            # A long paragraph holds many sentences: weigh each distinct paragraph once.
            distinct = list(dict.fromkeys(paragraphs_b))
            by_text = {text: self._vector(_terms(text)) for text in distinct}
            self.paragraph_vectors_b = [by_text[p] for p in paragraphs_b]
            self.paragraph_postings_b = _postings([by_text[text] for text in distinct])
            position = {text: number for number, text in enumerate(distinct)}
            self.paragraph_index_b = [position[p] for p in paragraphs_b]
            self.paragraph_count_b = len(distinct)

    def _vector(self, terms: Counter[str]) -> dict[str, float]:
        vector = {t: w * self.idf.get(t, 1.0) for t, w in terms.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def scores(self, sentence: str) -> list[float]:
        """The blended score of every sentence of B, in B's order, computed in one pass.

        Only the terms the sentence shares with B are visited (an inverted index), so scoring all of B
        costs about as much as the sentence's own words, not one comparison per sentence of B.
        """
        scores = _dot(self._vector(_terms(sentence)), self.postings_b, len(self.sentences_b))
        paragraph = self.paragraph_of.get(sentence)
        if paragraph is None or self.paragraph_vectors_b is None:
            return scores
        query = self._vector(_terms(paragraph))
        by_paragraph = _dot(query, self.paragraph_postings_b, self.paragraph_count_b)
        return [
            (1 - PARAGRAPH_WEIGHT) * score + PARAGRAPH_WEIGHT * by_paragraph[self.paragraph_index_b[index]]
            for index, score in enumerate(scores)
        ]

    def suggest(self, sentence: str, k: int = 3) -> list[Suggestion]:
        scored = [
            Suggestion(index, self.sentences_b[index], round(score, 4), score >= CONFIDENT_FROM)
            for index, score in enumerate(self.scores(sentence))
            if score >= NO_COUNTERPART_BELOW
        ]
        scored.sort(key=lambda s: (-s.score, s.candidate_index))
        return scored[:k]


def _postings(vectors: Sequence[dict[str, float]]) -> dict[str, list[tuple[int, float]]]:
    """Term -> [(row, weight)]: the rows of a set of vectors that hold each term."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for row, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings.setdefault(term, []).append((row, weight))
    return postings


def _dot(query: dict[str, float], postings: dict[str, list[tuple[int, float]]], rows: int) -> list[float]:
    """The cosine of ``query`` with every row (all vectors are unit length)."""
    scores = [0.0] * rows
    for term, weight in query.items():
        for row, other in postings.get(term, ()):
            scores[row] += weight * other
    return scores
