"""Benchmark: proposed claim-pair relations against the gold judgements, and relations in a generated bank.

Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_relations [--per-pair]

1. For every judged counterpart in tests/data/gold/dprk_weathersby.yaml, the relation the proposer gives
   the gold pair (with each sentence's paragraph, as the generator passes it), against the gold relation:
   a confusion table and the accuracy, beside the old behaviour (every pair "qualifies").
2. Silence: for every gold sentence of A, whether the generator pairs it (before: whenever the suggester
   returns anything; after: only where ``pipeline.pair_stands``, the words showing the same point) or
   records a silence, against the gold (counterparts or none).
3. ``bank generate`` on the two shipped texts: how many claim pairs carry each relation.
"""

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

from app.bank.generator.pairs import PairSuggester
from app.bank.generator.pipeline import generate_bank, pair_stands
from app.bank.generator.relations import ClaimSide, propose_relation
from app.config import DEFAULT_BANK_DIR
from tests.bank.gold import RELATIONS, load_gold, source_paragraphs, source_sentences, with_paragraphs

SHIPPED = ("000_33bd84a31d842da9.txt", "003_f1b226380e4620e3.txt")
NAMES = {"dprk": "the DPRK publication", "weathersby": "Weathersby's paper"}


def gold_rows() -> list[tuple[str, str, str, str, float]]:
    """(gold relation, proposed relation, A sentence, B sentence, confidence) per judged counterpart."""
    gold = load_gold()
    paragraph_of: dict[str, str] = {}
    for source_id in (gold.source_a, gold.source_b):
        paragraph_of.update(zip(source_sentences(source_id), source_paragraphs(source_id), strict=True))
    rows = []
    for judgement in gold.with_counterparts:
        a = ClaimSide(judgement.a, NAMES.get(gold.source_a, gold.source_a), paragraph_of[judgement.a])
        for counterpart in judgement.counterparts:
            b = ClaimSide(counterpart.b, NAMES.get(gold.source_b, gold.source_b), paragraph_of[counterpart.b])
            proposal = propose_relation(a, b)
            rows.append((counterpart.relation, proposal.relation, a.text, b.text, proposal.confidence))
    return rows


def silence_rows() -> list[tuple[bool, bool, bool]]:
    """(gold has a counterpart, paired before, paired after) per gold sentence of A."""
    gold = load_gold()
    paragraph_of: dict[str, str] = {}
    for source_id in (gold.source_a, gold.source_b):
        paragraph_of.update(zip(source_sentences(source_id), source_paragraphs(source_id), strict=True))
    suggester = with_paragraphs(PairSuggester)(
        list(gold.sentences_a), list(gold.sentences_b), gold.paragraphs_a, gold.paragraphs_b
    )
    when_of = dict(zip(gold.sentences_a, gold.when_a, strict=True))
    when_of.update(zip(gold.sentences_b, gold.when_b, strict=True))
    rows = []
    for judgement in gold.judgements:
        best = suggester.suggest(judgement.a, k=1)
        after = False
        if best:
            b = gold.sentences_b[best[0].candidate_index]
            proposal = propose_relation(
                ClaimSide(judgement.a, "A", paragraph_of[judgement.a], when_of.get(judgement.a, frozenset())),
                ClaimSide(b, "B", paragraph_of[b], when_of[b]),
            )
            after = pair_stands(proposal)
        rows.append((bool(judgement.counterparts), bool(best), after))
    return rows


def silence_table(rows: list[tuple[bool, bool, bool]]) -> str:
    lines = ["Silence on the gold sentences of A (paired / silent, by what the gold says)"]
    for label, column in (("before", 1), ("after", 2)):
        counts = Counter((row[0], row[column]) for row in rows)
        right = counts[True, True] + counts[False, False]
        lines.append(
            f"  {label:<6} gold has a counterpart: {counts[True, True]} paired, {counts[True, False]} silent;"
            " "
            f"gold silent: {counts[False, True]} paired, {counts[False, False]} silent; "
            f"right {right}/{len(rows)} = {right / len(rows):.3f}"
        )
    return "\n".join(lines)


def confusion(rows: list[tuple[str, str]], title: str) -> str:
    counts = Counter(rows)
    width = max(len(r) for r in RELATIONS) + 2
    lines = [title, "  gold \\ proposed".ljust(width + 2) + "".join(r.rjust(width) for r in RELATIONS)]
    for gold_relation in RELATIONS:
        cells = "".join(str(counts[gold_relation, p]).rjust(width) for p in RELATIONS)
        lines.append(f"  {gold_relation}".ljust(width + 2) + cells)
    right = sum(n for (g, p), n in counts.items() if g == p)
    lines.append(f"  accuracy {right}/{len(rows)} = {right / len(rows):.3f}")
    return "\n".join(lines)


def bank_relations() -> tuple[Counter[str], float, int]:
    """Relations of the claim pairs ``bank generate`` writes for the shipped texts, and its seconds."""
    sources = DEFAULT_BANK_DIR / "sources"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "bank"
        began = time.perf_counter()
        report = generate_bank(sources / SHIPPED[0], sources / SHIPPED[1], out)
        seconds = time.perf_counter() - began
        pairs = yaml.safe_load((out / "claim_pairs" / "suggested.yaml").read_text(encoding="utf-8"))
    return Counter(p["relation"] for p in pairs["claim_pairs"]), seconds, len(report.issues)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-pair", action="store_true", help="Show every judged pair.")
    args = parser.parse_args()
    rows = gold_rows()
    print(confusion([(g, "qualifies") for g, *_ in rows], "Before: every pair proposed as qualifies"))
    print()
    print(confusion([(g, p) for g, p, *_ in rows], "After: relations.propose_relation"))
    if args.per_pair:
        for gold_relation, proposed, a, b, confidence in rows:
            mark = "ok " if gold_relation == proposed else "   "
            print(f"  {mark}{gold_relation:>12} -> {proposed:<12} {confidence:.2f}  {a[:50]!r} | {b[:50]!r}")
    print()
    print(silence_table(silence_rows()))
    print()
    counts, seconds, issues = bank_relations()
    total = sum(counts.values())
    print(f"bank generate on the shipped texts: {total} claim pairs in {seconds:.1f} s, {issues} issues")
    for relation in (*RELATIONS, "silent"):
        print(f"  {relation:<13} {counts[relation]}")


if __name__ == "__main__":
    main()
