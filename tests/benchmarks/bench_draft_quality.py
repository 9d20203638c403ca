"""Benchmark: how many generated drafts a teacher would reject on sight, on our two texts and on Lexington.

Prints counts; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_draft_quality

What it counts, per pair of sources:
- explanations that only repeat the quote (fewer than 8 words outside quotation marks, the source's name
  and the section heading);
- multiple-choice drafts whose prompt prints one of their own distractors;
- percentage distractors outside 0-100%;
- number answers (cloze, multiple choice) that accept only one of digits and words;
- stems that open on an unresolved pronoun or a dangling connective;
- explanations that quote the other source, and how many of those quote a sentence that shares no rare
  claim words with the support quote (an unrelated "contrast");
- the share of cloze, multiple-choice and true/false drafts that ask for a date or a figure.
"""

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from app.bank.generator.antecedents import dangling_start
from app.bank.generator.pipeline import generate_bank
from app.bank.generator.same_point import shares_point, word_rarity
from app.sources.parser import collapse_whitespace, decode_source, parse_text

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
}
TRIVIA_TAGS = {"year", "date", "number", "percentage"}
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand)\b",
    re.IGNORECASE,
)


def load(out: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    questions = [
        q
        for path in sorted((out / "questions").glob("*.yaml"))
        for q in yaml.safe_load(path.read_text())["questions"]
    ]
    sources = yaml.safe_load((out / "sources" / "sources.yaml").read_text())["sources"]
    return questions, {s["id"]: s.get("short_name") or s["title"] for s in sources}


def only_repeats_quote(question: dict[str, Any], names: dict[str, str]) -> bool:
    text = question["explanation"]
    for name in names.values():
        text = text.replace(name, " ")
    text = _QUOTED.sub(" ", text)
    if question.get("section"):
        text = text.replace(question["section"], " ")
    return len(re.findall(r"[A-Za-z]+", text)) < 8


def distractor_in_prompt(question: dict[str, Any]) -> bool:
    if question["type"] != "multiple_choice":
        return False
    prompt = question["prompt"].replace("____", " ").casefold()
    return any(
        re.search(rf"(?<!\w){re.escape(c.casefold())}(?!\w)", prompt)
        for c in question["choices"]
        if c != question["answer"]
    )


def share_out_of_range(question: dict[str, Any]) -> bool:
    if question["type"] != "multiple_choice" or not str(question["answer"]).endswith("%"):
        return False
    values = [float(re.sub(r"[^\d.]", "", c)) for c in question["choices"]]
    return any(v > 100 for v in values)


def one_form_only(question: dict[str, Any]) -> bool:
    """A number answer whose other form (digits for words, words for digits) is not accepted."""
    if question["type"] != "cloze":
        return False
    answer = str(question["answer"])
    if not (answer.isdigit() and int(answer) <= 100) and not _NUMBER_WORDS.fullmatch(answer.strip()):
        return False
    return not question.get("accepted_answers")


def sentences_of(path: Path) -> list[str]:
    parsed = parse_text(decode_source(path.read_bytes(), str(path)))
    return [s.text for p in parsed.passages for s in p.sentences]


def other_source_quotes(question: dict[str, Any], others: set[str]) -> list[str]:
    """Sentences of the other source that the explanation quotes (whole, or as a run with the one before)."""
    quoted = [collapse_whitespace(q.strip("“”")) for q in _QUOTED.findall(question["explanation"])]
    return [
        q for q in quoted if q != question["support"]["quote"] and any(s in q for s in others if len(s) > 40)
    ]


def measure(name: str, file_a: Path, file_b: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bank"
        generate_bank(file_a, file_b, out)
        questions, names = load(out)
        files = {
            s["file"]: s["id"]
            for s in yaml.safe_load((out / "sources" / "sources.yaml").read_text())["sources"]
        }
    by_source = {path: sentences_of(path) for path in (file_a, file_b)}
    rarity = word_rarity([s for texts in by_source.values() for s in texts])
    other_of = {files[file_a.name]: set(by_source[file_b]), files[file_b.name]: set(by_source[file_a])}
    asked = [q for q in questions if q["type"] in ("cloze", "multiple_choice", "true_false")]
    trivia = [q for q in asked if TRIVIA_TAGS & set(q["tags"])]
    choice = [q for q in questions if q["type"] == "multiple_choice"]
    stems = {q["support"]["quote"] for q in asked}
    print(name)
    print(f"  drafts: {len(questions)}")
    print(
        f"  explanations that only repeat the quote: {sum(only_repeats_quote(q, names) for q in questions)} "
        f"of {len(questions)}"
    )
    printed = sum(map(distractor_in_prompt, choice))
    print(f"  multiple choice printing a distractor in its prompt: {printed} of {len(choice)}")
    print(f"  percentage choices outside 0-100%: {sum(map(share_out_of_range, choice))}")
    print(f"  number clozes accepting one form only: {sum(map(one_form_only, questions))}")
    dangling = sum(bool(dangling_start(s)) for s in stems)
    print(f"  support quotes opening on a dangling subject: {dangling} of {len(stems)}")
    contrasts = [(q, c) for q in questions for c in other_source_quotes(q, other_of[q["support"]["source"]])]
    unrelated = sum(not shares_point(q["support"]["quote"], c, rarity) for q, c in contrasts)
    quoting = len({q["id"] for q, _ in contrasts})
    print(f"  explanations quoting the other source: {quoting}; quotes on another point: {unrelated}")
    share = len(trivia) / len(asked) if asked else 0.0
    print(
        f"  date/number drafts among cloze, choice, true/false: {len(trivia)} of {len(asked)} ({share:.0%})"
    )


def main() -> None:
    for name, (file_a, file_b) in PAIRS.items():
        measure(name, file_a, file_b)


if __name__ == "__main__":
    main()
