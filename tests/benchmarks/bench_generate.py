"""Benchmark: how long ``bank generate`` takes on each pair of texts we have, transcripts included.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_generate [--repeat 3] [--suggester lexical]

It uses bank generate's default claim-pair ranking (semantic where the model is installed) and measures
it cold: every repeat loads the model and encodes every sentence again, as a first run on new texts does
(no vector store).
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from app.bank.generator import semantic
from app.bank.generator.pipeline import generate_bank
from app.bank.generator.suggesters import SUGGESTERS, choose
from app.bank.validator import errors_in

ROOT = Path(__file__).resolve().parents[2]
PAIRS = {
    "DPRK publication + Weathersby": (
        ROOT / "question_bank/sources/000_33bd84a31d842da9.txt",
        ROOT / "question_bank/sources/003_f1b226380e4620e3.txt",
    ),
    "Lexington 1775 (Gage + Provincial Congress)": (
        ROOT / "tests/data/lexington-1775/gage-circumstantial-account.txt",
        ROOT / "tests/data/lexington-1775/provincial-congress-narrative.txt",
    ),
    "Californian 1912 transcripts (Gibson + Lord, question-and-answer turns)": (
        ROOT / "tests/data/californian-1912/gibson-evidence.txt",
        ROOT / "tests/data/californian-1912/lord-evidence.txt",
    ),
    "Mountain Meadows 1857 (Carleton + Penrose)": (
        ROOT / "tests/data/mountain-meadows-1857/carleton-special-report-1859.txt",
        ROOT / "tests/data/mountain-meadows-1857/penrose-who-were-guilty-1884.txt",
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--suggester", choices=SUGGESTERS, default=None, help="Default: bank generate's.")
    args = parser.parse_args()
    choice = choose(args.suggester) if args.suggester else choose()
    print(f"claim-pair ranking: {choice.name}" + (f" ({choice.note})" if choice.note else ""))
    for name, (file_a, file_b) in PAIRS.items():
        times, cpu_times = [], []
        for _ in range(args.repeat):
            semantic.encoder.cache_clear()  # cold: weights loaded and every sentence encoded again
            with tempfile.TemporaryDirectory() as folder:
                began, cpu = time.perf_counter(), time.process_time()
                report = generate_bank(file_a, file_b, Path(folder) / "bank", suggester=choice.name)
                times.append(time.perf_counter() - began)
                cpu_times.append(time.process_time() - cpu)
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(report.questions.items()))
        print(f"{name}")
        print(
            f"  time, median of {args.repeat}: {statistics.median(times):.2f} s wall, "
            f"{statistics.median(cpu_times):.2f} s CPU (output validated too; wall grows on a busy machine)"
        )
        print(f"  sentences: {report.sentences}; without a counterpart: {report.without_counterpart}")
        print(f"  claim pairs suggested: {report.pairs} ({report.confident_pairs} confident)")
        print(f"  draft questions: {sum(report.questions.values())} ({kinds})")
        print(f"  validation errors: {len(errors_in(report.issues))}")


if __name__ == "__main__":
    main()
