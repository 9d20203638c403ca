"""Benchmark: the claim-pair suggesters' figures on the gold set, and how long each takes.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_pairs [--per-sentence]

The semantic suggester (bank generate's default) is measured only where its model is installed (see
app/bank/generator/semantic.py); otherwise the script says so and measures the lexical one alone. It
starts cold: every sentence is encoded, no stored vector is read.
"""

import argparse
import time

from app.bank.generator import semantic
from app.bank.generator.pairs import PairSuggester
from app.bank.generator.semantic_pairs import SemanticPairSuggester
from tests.bank.gold import evaluate, format_report, load_gold, with_paragraphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-sentence", action="store_true", help="Show every judged sentence.")
    args = parser.parse_args()
    gold = load_gold()
    runs = [
        ("lexical, sentences alone", PairSuggester),
        ("lexical, with paragraphs (the fallback when the model is missing)", with_paragraphs(PairSuggester)),
    ]
    if semantic.available():
        runs.append(("semantic (bank generate's default)", with_paragraphs(SemanticPairSuggester)))
    else:
        print(f"semantic suggester not measured: {semantic.INSTALL_HINT}\n")
    for name, factory in runs:
        began, cpu = time.perf_counter(), time.process_time()
        result = evaluate(factory, gold)
        wall, cpu = time.perf_counter() - began, time.process_time() - cpu
        sentences = len(gold.sentences_a) + len(gold.sentences_b)
        print(f"{name}: {wall:.2f} s wall, {cpu:.2f} s CPU for {sentences} sentences")
        print(format_report(result, per_sentence=args.per_sentence) + "\n")


if __name__ == "__main__":
    main()
