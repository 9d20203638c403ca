"""Measure: how draft banks name their sources, and whether prompts quote questions or speaker labels.

For each pair of texts, generates a draft bank twice: in place (a sources.yaml beside the files, written by
a person, wins) and from a copy without it (only what the parser reads in the texts). Prints the titles,
authors and short names written to sources.yaml, how many prompts open "According to …" with each name,
and how many prompts quote a "Q."/"A." label or a question. Prints figures; asserts nothing. Run from the
repository root:

    .venv/bin/python -m tests.benchmarks.bench_source_names
"""

import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from app.bank.generator.pipeline import generate_bank

ROOT = Path(__file__).resolve().parents[2]
PAIRS = [
    ("question_bank/sources/000_33bd84a31d842da9.txt", "question_bank/sources/003_f1b226380e4620e3.txt"),
    (
        "tests/data/lexington-1775/gage-circumstantial-account.txt",
        "tests/data/lexington-1775/provincial-congress-narrative.txt",
    ),
    (
        "tests/data/invented-transcript/harbour-inquiry.txt",
        "tests/data/lexington-1775/gage-circumstantial-account.txt",
    ),
]
_LABEL = re.compile(r"(?:[“\"]|^)(?:Q|A)[.:] ")
_QUOTED_QUESTION = re.compile(r"\?”")
_NAMED = re.compile(r"According to (.+?)[,:] ")


def measure(file_a: Path, file_b: Path, detection_only: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if detection_only:
            (root / "in").mkdir()
            file_a = Path(shutil.copy(file_a, root / "in"))
            file_b = Path(shutil.copy(file_b, root / "in"))
        generate_bank(file_a, file_b, root / "out")
        sources = yaml.safe_load((root / "out" / "sources" / "sources.yaml").read_text(encoding="utf-8"))
        prompts = [
            question["prompt"]
            for path in sorted((root / "out" / "questions").glob("*.yaml"))
            for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
        ]
    how = "detection only" if detection_only else "in place"
    labels = sum(1 for p in prompts if _LABEL.search(p))
    questions = sum(1 for p in prompts if _QUOTED_QUESTION.search(p))
    print(f"{file_a.name} vs {file_b.name} ({how}): {len(prompts)} prompts, {labels} quote a Q./A. label, "
          f"{questions} quote a question")  # fmt: skip
    for source in sources["sources"]:
        print(f"  {source['id']}: title={source['title']!r}")
        print(f"    author={source['author']!r} short_name={source['short_name']!r}")
    names = Counter(m.group(1) for p in prompts if (m := _NAMED.match(p)))
    for name, count in names.most_common():
        print(f"  {count:4d} × According to {name}")


def main() -> None:
    for a, b in PAIRS:
        for detection_only in (False, True):
            measure(ROOT / a, ROOT / b, detection_only)


if __name__ == "__main__":
    main()
