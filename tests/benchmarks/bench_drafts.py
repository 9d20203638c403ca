"""Benchmark: are the generator's drafts worth keeping? Per pair of texts, what a reviewer would count.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_drafts [--sample 20] [--seed 1] [--show]

Per pair: generation time; drafts per kind; suggested pairs per relation; the suggester's precision@1 and
hit@3 on the pair's gold set (tests/data/gold/), and the contrast a draft on each gold sentence would show
(the right counterpart or an honest silence, or a wrong pair or a false silence); two checks a machine can
make on every draft (a multiple-choice distractor printed in its own prompt; a transcript's "Q." / "A."
label in a prompt); how many explanations only repeat their quote; and a random sample of drafts with the
share a person judged keepable against the eight review criteria.

Judgements live in tests/data/judged/<pair>.yaml, one entry per draft, keyed by a fingerprint of what a
learner sees (kind, prompt, choices, answer, explanation, support and contrast), so a judgement survives
renumbering but not a changed draft.
``--show`` prints every sampled draft that has no judgement yet, in full, for a person to judge.
"""

import argparse
import hashlib
import random
import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from app.bank.generator.pipeline import generate_bank
from app.bank.validator import errors_in
from app.sources.parser import collapse_whitespace
from tests.benchmarks.bench_generate import PAIRS

ROOT = Path(__file__).resolve().parents[2]
JUDGED = ROOT / "tests" / "data" / "judged"
SPEAKER_LABEL = re.compile(r"(?:^|[\s“\"‘'(:])(?:Q|A)[.:]\s")
MIN_EXTRA_WORDS = 4  # an explanation must add this many words to its quote and names to teach anything
FRAMING = frozenset(
    [
        "true",
        "false",
        "writes",
        "says",
        "said",
        "the",
        "source",
        "text",
        "this",
        "that",
        "and",
        "on",
        "in",
        "of",
    ]
)


def fingerprint(question: dict[str, Any], pairs: dict[str, dict[str, Any]]) -> str:
    """What a learner sees of a draft, before and after answering (prompt, choices, answer, explanation,
    support, and the contrast with its relation): a judgement holds only while all of it stays the same."""
    contrast = _other_side(question, pairs)
    seen = [
        question["type"],
        question["prompt"],
        question.get("choices") or [],
        str(question["answer"]),
        question.get("explanation", ""),
        question["support"]["quote"],
        contrast,
    ]
    return hashlib.sha256(repr(seen).encode()).hexdigest()[:12]


def _other_side(question: dict[str, Any], pairs: dict[str, dict[str, Any]]) -> tuple[str, str] | None:
    """(relation, the other source's quote or "(silent)") of the draft's claim pair, if it has one."""
    pair = pairs.get(question.get("claim_pair") or "")
    if not pair:
        return None
    # The side in the other source, as the feedback page picks it: a support quoted with the sentence
    # before it is not the pair's quote, so the quotes cannot tell the sides apart.
    other = pair["b"] if pair["a"].get("source") == question["support"]["source"] else pair["a"]
    return pair["relation"], other.get("quote", "(silent)")


def distractor_in_prompt(question: dict[str, Any]) -> bool:
    """A wrong option the prompt itself prints: the learner can rule it in or out without reading."""
    prompt = question["prompt"].casefold()
    wrong = [c for c in question.get("choices") or [] if str(c) != str(question["answer"])]
    return any(re.search(rf"(?<!\w){re.escape(str(c).casefold())}(?!\w)", prompt) for c in wrong)


def only_repeats_quote(question: dict[str, Any], names: list[str]) -> bool:
    """The explanation says nothing the support quote does not: the quote, who says it and framing words."""
    rest = collapse_whitespace(question.get("explanation", ""))
    for known in (question["support"]["quote"], question.get("section") or "", *names):
        if known:
            rest = rest.replace(collapse_whitespace(known), " ")
    words = [w for w in re.findall(r"[\w’'-]+", rest.casefold()) if w not in FRAMING]
    return len(words) < MIN_EXTRA_WORDS


def _read_drafts(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    manifest = yaml.safe_load((folder / "sources" / "sources.yaml").read_text(encoding="utf-8"))
    names = [str(s.get(key) or "") for s in manifest["sources"] for key in ("title", "short_name", "author")]
    names = sorted({n.strip('“”"') for n in names if n}, key=len, reverse=True)
    questions = []
    for path in sorted((folder / "questions").glob("*.yaml")):
        questions += yaml.safe_load(path.read_text(encoding="utf-8"))["questions"] or []
    pairs = []
    for path in sorted((folder / "claim_pairs").glob("*.yaml")):
        pairs += yaml.safe_load(path.read_text(encoding="utf-8"))["claim_pairs"] or []
    return questions, pairs, names


def _judgements(slug: str) -> dict[str, dict[str, Any]]:
    path = JUDGED / f"{slug}.yaml"
    if not path.is_file():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {entry["key"]: entry for entry in entries.get("judgements") or []}


def _gold_figures(file_a: Path, file_b: Path) -> tuple[str, str]:
    """On the pair's gold set, if there is one: the default suggester's precision@1 and hit@3, and the
    contrast a draft on each judged sentence would show (the right pair or silence, or not)."""
    from tests.bank import gold

    found = gold.gold_for_files(file_a, file_b)
    if found is None:
        return "no gold set for this pair", "no gold set for this pair"
    judged, factory = found
    result = gold.evaluate(factory, judged)
    total = result["with_counterpart"]
    ranking = (
        f"precision@1 {result['precision_at_1']:.2f} ({result['top1_correct']}/{total}), "
        f"hit@3 {result['hit_at_3']:.2f} ({result['hit_at_3_count']}/{total}), "
        f"no-counterpart accuracy {result['no_counterpart_accuracy']:.2f}"
    )
    outcomes = gold.contrast_outcomes(judged, result)
    right = outcomes["right pair"] + outcomes["right silence"]
    parts = ", ".join(
        f"{outcomes[k]} {k}" for k in ("right pair", "right silence", "wrong pair", "false silence")
    )
    return ranking, f"{right}/{sum(outcomes.values())} right ({parts})"


def _show(question: dict[str, Any], pairs: dict[str, dict[str, Any]]) -> str:
    lines = [f"    [{fingerprint(question, pairs)}] {question['id']} ({question['type']})"]
    lines.append(f"      prompt: {question['prompt']}")
    if question.get("choices"):
        lines.append(f"      choices: {question['choices']}")
    lines.append(f"      answer: {question['answer']}  accepted: {question.get('accepted_answers', [])}")
    lines.append(f"      explanation: {question['explanation']}")
    lines.append(f"      support: {question['support']['quote']}")
    if contrast := _other_side(question, pairs):
        lines.append(f"      contrast ({contrast[0]}): {contrast[1]}")
        lines.append(f"      rationale: {pairs[question['claim_pair']].get('rationale', '')}")
    return "\n".join(lines)


def measure(name: str, file_a: Path, file_b: Path, sample_size: int, seed: int, show: bool) -> None:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40]
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        report = generate_bank(file_a, file_b, Path(folder) / "bank")
        seconds = time.perf_counter() - began
        questions, pairs, names = _read_drafts(Path(folder) / "bank")
    kinds = Counter(q["type"] for q in questions)
    relations = Counter(p["relation"] for p in pairs)
    print(f"{name}  [judgements: tests/data/judged/{slug}.yaml]")
    print(f"  generation: {seconds:.2f} s wall; validation errors: {len(errors_in(report.issues))}")
    print(f"  drafts: {len(questions)} ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))})")
    print(f"  pairs: {len(pairs)} ({', '.join(f'{n} {r}' for r, n in sorted(relations.items())) or 'none'})")
    ranking, contrasts = _gold_figures(file_a, file_b)
    print(f"  suggester on the gold set: {ranking}")
    print(f"  contrast a draft would show, on the gold set: {contrasts}")
    print(f"  distractors printed in their prompt: {sum(map(distractor_in_prompt, questions))}")
    labelled = sum(bool(SPEAKER_LABEL.search(q["prompt"])) for q in questions)
    print(f"  prompts with a Q./A. speaker label: {labelled}")
    repeating = sum(only_repeats_quote(q, names) for q in questions)
    print(f"  explanations that only repeat their quote: {repeating}")
    sample = random.Random(seed).sample(questions, min(sample_size, len(questions)))
    judged = _judgements(slug)
    by_id = {p["id"]: p for p in pairs}
    keys = [fingerprint(q, by_id) for q in sample]
    verdicts = [judged[key] for key in keys if key in judged]
    keep = sum(bool(v["keep"]) for v in verdicts)
    print(f"  random sample (seed {seed}): {', '.join(q['id'] for q in sample)}")
    unjudged = len(sample) - len(verdicts)
    print(f"  judged keepable: {keep} of {len(verdicts)} judged ({unjudged} of the sample unjudged)")
    failed = Counter(c for v in verdicts if not v["keep"] for c in v.get("fails", []))
    if failed:
        print(f"  criteria failed in the sample: {dict(sorted(failed.items()))}")
    if show:
        for question, key in zip(sample, keys, strict=True):
            if key not in judged:
                print(_show(question, by_id))
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="Print every sampled draft not yet judged.")
    args = parser.parse_args()
    for name, (file_a, file_b) in PAIRS.items():
        measure(name, file_a, file_b, args.sample, args.seed, args.show)


if __name__ == "__main__":
    main()
