"""Benchmark: parsing and span finding on all four real texts (ours and the Lexington pair).

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_parse [--repeat 5]
"""

import argparse
import time
from pathlib import Path

from app.bank.generator.spans import build_people_index, find_spans
from app.sources.parser import decode_source, parse_text

ROOT = Path(__file__).resolve().parents[2]
PAIRS = (
    (
        ROOT / "question_bank/sources/000_33bd84a31d842da9.txt",
        ROOT / "question_bank/sources/003_f1b226380e4620e3.txt",
    ),
    (
        ROOT / "tests/data/lexington-1775/gage-circumstantial-account.txt",
        ROOT / "tests/data/lexington-1775/provincial-congress-narrative.txt",
    ),
)


def _best_of(repeat: int, work) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = [decode_source(path.read_bytes(), path.name) for pair in PAIRS for path in pair]
    parse_seconds = _best_of(args.repeat, lambda: [parse_text(text) for text in texts])
    parsed = [parse_text(text) for text in texts]
    pairs = [parsed[0:2], parsed[2:4]]
    sentences = [[s.text for doc in pair for p in doc.passages for s in p.sentences] for pair in pairs]

    def find_all() -> None:
        for pair_sentences in sentences:
            people = build_people_index(pair_sentences)
            for sentence in pair_sentences:
                find_spans(sentence, people)

    spans_seconds = _best_of(args.repeat, find_all)
    count = sum(len(s) for s in sentences)
    characters = sum(len(text) for text in texts)
    print(f"parse 4 texts ({characters:,} characters): best of {args.repeat} {parse_seconds:.3f} s")
    print(f"spans in {count} sentences of 4 texts: best of {args.repeat} {spans_seconds:.3f} s")


if __name__ == "__main__":
    main()
