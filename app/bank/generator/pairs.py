"""Pure: suggest, for a sentence of one source, the sentences of the other source that face it.

Two accounts of one history share their names (Stalin, Kim Il Sung) far more than their claims, so
plain word overlap mostly pairs sentences that mention the same person. This ranking therefore:
- compares crude stems, so "subordinated" meets "subordinate" and "supplied" meets "supplies";
- weighs each stem by its rarity across both sources (inverse document frequency);
- discounts proper names, which say who a sentence is about, not what it claims;
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


@dataclass(frozen=True)
class Suggestion:
    candidate_index: int  # index into the candidate sentences given to the suggester
    text: str
    score: float
    confident: bool  # False: a weak match a reviewer should treat with suspicion


class PairSuggester:
    """Ranks the sentences of source B for a sentence of source A; an empty answer means "no counterpart"."""

    def __init__(self, sentences_a: Sequence[str], sentences_b: Sequence[str]):
        self.sentences_b = list(sentences_b)
        documents = [_terms(s) for s in (*sentences_a, *sentences_b)]
        frequency = Counter(term for document in documents for term in document)
        self.idf = {
            term: math.log((1 + len(documents)) / (1 + count)) + 1 for term, count in frequency.items()
        }
        self.vectors_b = [self._vector(_terms(s)) for s in self.sentences_b]

    def _vector(self, terms: Counter[str]) -> dict[str, float]:
        vector = {t: w * self.idf.get(t, 1.0) for t, w in terms.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def suggest(self, sentence: str, k: int = 3) -> list[Suggestion]:
        query = self._vector(_terms(sentence))
        scored = []
        for index, vector in enumerate(self.vectors_b):
            score = sum(weight * vector.get(term, 0.0) for term, weight in query.items())
            if score >= NO_COUNTERPART_BELOW:
                scored.append(
                    Suggestion(index, self.sentences_b[index], round(score, 4), score >= CONFIDENT_FROM)
                )
        scored.sort(key=lambda s: (-s.score, s.candidate_index))
        return scored[:k]
