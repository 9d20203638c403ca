"""Benchmark: variants of the ranking by meaning on every gold file, with what each costs to build.

Prints, per gold file (tests/data/gold) and per variant, precision@1, hit@3 and no-counterpart accuracy
as ``tests.bank.gold.evaluate`` counts them, and what it costs to build the suggester from nothing (the
encoder's cache emptied first): CPU seconds, and the tokens encoded, which do not depend on how busy the
machine is. Asserts nothing. Run from the
repository root:

    .venv/bin/python -m tests.benchmarks.bench_suggester_variants [--only NAME]

The variants are the ideas of the "Drafts worth keeping" issue that can be judged on the gold pairs:
- ``default``: what ``bank generate`` runs (masked meaning, paragraph context, shared words);
- ``meaning only``: the cosine of the masked sentences alone;
- ``default, less generic``: the default less a quarter of how generic each sentence of B is (the mean
  cosine of its nearest tenth of B's sentences, centred): the hubness correction, at no encoding cost;
- ``three vectors, less generic``: the mean of three cosines (masked, as written, and the best twelve-word
  part of B's sentence) less the same penalty; it encodes about three times as many tokens.
"""

import argparse
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from app.bank.generator import semantic
from app.bank.generator.semantic import sentence_vectors
from app.bank.generator.semantic_pairs import SemanticPairSuggester, claim_form
from tests.bank.gold import evaluate, gold_files, load_gold, with_paragraphs

GENERIC_SHARE = 0.25
GENERIC_NEIGHBOURS = 0.1
PART_WORDS, PART_STEP = 12, 6


def genericness(vectors: Any) -> Any:
    """Per row: the mean cosine of its nearest tenth of the other rows, centred on the rows' average."""
    count = len(vectors)
    if count < 2:
        return np.zeros(count, dtype=np.float32)
    similar = vectors @ vectors.T
    np.fill_diagonal(similar, -np.inf)
    nearest = min(max(1, int(count * GENERIC_NEIGHBOURS)), count - 1)
    generic = np.partition(similar, -nearest, axis=1)[:, -nearest:].mean(axis=1)
    return generic - generic.mean()


def sentence_parts(sentence: str) -> list[str]:
    """Overlapping runs of twelve words, for a sentence longer than sixteen; [] for a shorter one."""
    words = sentence.split()
    if len(words) <= PART_WORDS + 4:
        return []
    starts = list(range(0, len(words) - PART_WORDS + 1, PART_STEP))
    if starts[-1] + PART_WORDS < len(words):
        starts.append(len(words) - PART_WORDS)
    return [" ".join(words[start : start + PART_WORDS]) for start in starts]


class MeaningOnly(SemanticPairSuggester):
    def scores(self, sentence: str) -> Any:
        vector = self.vector_of.get(sentence)
        if vector is None:
            vector = sentence_vectors([claim_form(sentence)])[0]
        return self.vectors_b @ vector


class LessGeneric(SemanticPairSuggester):
    def __init__(self, sentences_a: Sequence[str], sentences_b: Sequence[str], *paragraphs: Any) -> None:
        self.generic_b = genericness(sentence_vectors([claim_form(s) for s in sentences_b]))
        super().__init__(sentences_a, sentences_b, *paragraphs)

    def scores(self, sentence: str) -> Any:
        return super().scores(sentence) - GENERIC_SHARE * self.generic_b


class ThreeVectors(SemanticPairSuggester):
    def __init__(self, sentences_a: Sequence[str], sentences_b: Sequence[str], *paragraphs: Any) -> None:
        masked_b = [claim_form(s) for s in sentences_b]
        self.written_b = sentence_vectors(list(sentences_b))
        parts = [[masked, *sentence_parts(masked)] for masked in masked_b]
        self.part_starts = np.cumsum([0] + [len(p) for p in parts[:-1]])
        self.parts_b = sentence_vectors([text for p in parts for text in p])
        self.generic_b = genericness(sentence_vectors(masked_b))
        super().__init__(sentences_a, sentences_b, *paragraphs)

    def scores(self, sentence: str) -> Any:
        masked, written = sentence_vectors([claim_form(sentence), sentence])
        best_part = np.maximum.reduceat(self.parts_b @ masked, self.part_starts)
        meaning = (self.vectors_b @ masked + self.written_b @ written + best_part) / 3
        return meaning - GENERIC_SHARE * self.generic_b


VARIANTS: dict[str, Callable[..., Any]] = {
    "default": SemanticPairSuggester,
    "meaning only": MeaningOnly,
    "default, less generic": LessGeneric,
    "three vectors, less generic": ThreeVectors,
}


def _timed_factory(variant: Callable[..., Any], costs: list[tuple[float, int]]) -> Callable[..., Any]:
    """The variant built as ``bank generate`` builds it, from a cold encoder cache; keeps the CPU seconds
    of the build and the tokens it encoded (the cost that does not depend on how busy the machine is)."""

    def build(*texts: Any) -> Any:
        encoder = semantic.encoder()
        encoder.cache.clear()
        began = time.process_time()
        built = variant(*texts)
        seconds = time.process_time() - began
        tokens = sum(len(encoded.ids) for encoded in encoder.tokenizer.encode_batch(list(encoder.cache)))
        costs.append((seconds, tokens))
        return built

    return with_paragraphs(build)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(VARIANTS), help="measure one variant")
    args = parser.parse_args()
    if not semantic.available():
        print(f"not measured: {semantic.INSTALL_HINT}")
        return
    for path in gold_files():
        gold = load_gold(path)
        print(path.name)
        for name, variant in VARIANTS.items():
            if args.only and name != args.only:
                continue
            costs: list[tuple[float, int]] = []
            result = evaluate(_timed_factory(variant, costs), gold)
            print(
                f"  {name:<28} precision@1 {result['precision_at_1']:.3f} "
                f"({result['top1_correct']}/{result['with_counterpart']})  "
                f"hit@3 {result['hit_at_3']:.3f} ({result['hit_at_3_count']}/{result['with_counterpart']})  "
                f"no-counterpart {result['no_counterpart_accuracy']:.3f} "
                f"({result['abstained_count']}/{result['without_counterpart']})  "
                f"build {costs[0][0]:.1f} s CPU, {costs[0][1]:,} tokens encoded"
            )


if __name__ == "__main__":
    main()
