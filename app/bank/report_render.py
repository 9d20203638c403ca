"""Pure: the bank report written out, as the JSON document `bank report --json` prints and as text."""

import textwrap
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from app.bank.contrast import MAX_QUESTIONS_PER_PAIR, SHORT_QUOTE_WORDS
from app.bank.report import (
    BankReport,
    Count,
)
from app.bank.report_contrast import ContrastReport
from app.bank.report_findings import (
    FINDING_TITLES,
    ItemRef,
)
from app.bank.types import MULTIPLE_CHOICE
from app.sources.documents import passage_id


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


# --- JSON ---------------------------------------------------------------------------------------------


def report_document(report: BankReport) -> dict[str, Any]:
    """The report as a JSON-ready document: the same numbers as the text, for scripts and CI."""

    def counts(table: dict[str, Count]) -> dict[str, dict[str, int]]:
        return {
            value: {"total": c.total, "published": c.published, "draft": c.draft}
            for value, c in table.items()
        }

    def refs(items: Iterable[ItemRef]) -> list[dict[str, str]]:
        return [{"file": item.file, "id": item.id} for item in items]

    return {
        "bank": report.root,
        "totals": {
            "sources": report.sources,
            "passages": report.passages,
            "claim_pairs": report.claim_pairs,
            "questions": report.questions,
            "published_questions": report.published,
            "draft_questions": report.questions - report.published,
        },
        "questions_by": {dimension: counts(table) for dimension, table in report.question_counts.items()},
        "claim_pairs_by": report.pair_counts,
        "claim_pair_use": [
            {
                "id": use.id,
                "file": use.file,
                "relation": use.relation,
                "status": use.status,
                "questions": use.questions,
                "published_questions": use.published,
            }
            for use in report.pair_uses
        ],
        "claim_pairs_without_published_question": [use.id for use in report.pairs_without_published_question],
        "coverage": {
            cov.source: {
                "passages": cov.passages,
                "passages_with_question": cov.with_question,
                "share_with_question": _share(cov.with_question, cov.passages),
                "passages_with_published_question": cov.with_published_question,
                "share_with_published_question": _share(cov.with_published_question, cov.passages),
                "passages_with_claim_pair_quote": cov.with_claim_quote,
                "share_with_claim_pair_quote": _share(cov.with_claim_quote, cov.passages),
                "sections": [
                    {
                        "section": s.section,
                        "passages": s.passages,
                        "passages_with_question": s.covered,
                        "questions": s.questions,
                        "published_questions": s.published,
                    }
                    for s in cov.sections
                ],
                "sections_without_question": list(cov.sections_without_question),
                "passages_without_question": [passage_id(cov.source, n) for n in cov.without_question],
            }
            for cov in report.coverage
        },
        "findings": [
            {"kind": f.kind, "title": FINDING_TITLES[f.kind], "message": f.message, "items": refs(f.items)}
            for f in report.findings
        ],
        "finding_counts": dict(Counter(f.kind for f in report.findings)),
        "contrast": _contrast_document(report.contrast, refs),
        "unlocated_quotes": refs(report.unlocated),
        "thresholds": report.thresholds,
    }


def _contrast_document(
    contrast: ContrastReport, refs: Callable[[Iterable[ItemRef]], list[dict[str, str]]]
) -> dict[str, Any]:
    return {
        "published_questions": contrast.published,
        "contrast_off_own_claim": refs(contrast.off_own_claim),
        "silence_contrasts": contrast.silence_contrasts,
        "silence_pairs": contrast.silence_pairs,
        "largest_questions_per_pair": contrast.largest_pair_load,
        "busiest_pairs": list(contrast.busiest_pairs),
        "pairs_over_limit": list(contrast.pairs_over_limit),
        "questions_per_pair_limit": MAX_QUESTIONS_PER_PAIR,
        "relation_conflicts": [list(pair_ids) for pair_ids in contrast.relation_conflicts],
        "claims_with_mixed_relations": [list(pair_ids) for pair_ids in contrast.mixed_relations],
        MULTIPLE_CHOICE.name: contrast.multiple_choice,
        "answer_longest_option": refs(contrast.answer_longest),
        "answer_longest_share": round(contrast.longest_share, 4),
        "short_support_quotes": refs(contrast.short_quotes),
        "short_quote_words": SHORT_QUOTE_WORDS,
        "unattributed_prompts": refs(contrast.unattributed_prompts),
        "unattributed_fronts": refs(contrast.unattributed_fronts),
    }


# --- text ---------------------------------------------------------------------------------------------


def format_table(headers: list[str], rows: list[list[object]], indent: str = "  ") -> list[str]:
    """Columns padded to their widest cell; numbers right-aligned, text left-aligned."""
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [
        all(isinstance(row[i], int | float) for row in rows) and bool(rows) for i in range(len(headers))
    ]

    def line(row: list[str]) -> str:
        padded = [
            c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return (indent + "  ".join(padded)).rstrip()

    return [line(cells[0]), *(line(row) for row in cells[1:])]


def _fraction(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "0/0"


def _heading(title: str) -> list[str]:
    return ["", title, "=" * len(title)]


def _question_lines(report: BankReport) -> list[str]:
    lines = _heading("Questions")
    for dimension, table in report.question_counts.items():
        if dimension.endswith("answer") and not any(c.total for c in table.values()):
            continue  # no questions of that type: no answer balance to show
        rows: list[list[object]] = [[value, c.total, c.published, c.draft] for value, c in table.items()]
        lines += ["", *format_table([f"by {dimension}", "questions", "published", "draft"], rows)]
    return lines


def _section_lines(report: BankReport) -> list[str]:
    lines = _heading("Sections (where the support quotes stand)")
    for cov in report.coverage:
        rows: list[list[object]] = [
            [s.section, s.passages, s.covered, s.questions, s.published] for s in cov.sections
        ]
        headers = [
            f"{cov.source} ({cov.short_name})",
            "passages",
            "with a question",
            "questions",
            "published",
        ]
        lines += ["", *format_table(headers, rows)]
    return lines


def _coverage_lines(report: BankReport) -> list[str]:
    lines = _heading("Coverage: passages with at least one question")
    rows: list[list[object]] = [
        [
            cov.source,
            cov.passages,
            _fraction(cov.with_question, cov.passages),
            _fraction(cov.with_published_question, cov.passages),
            _fraction(cov.with_claim_quote, cov.passages),
        ]
        for cov in report.coverage
    ]
    headers = ["source", "passages", "with a question", "with a published one", "with a claim-pair quote"]
    lines += ["", *format_table(headers, rows), "", "  sections with no question:"]
    for cov in report.coverage:
        empty = cov.sections_without_question
        lines.append(f"    {cov.source}: {'; '.join(empty) if empty else 'none'}")
    lines += ["", "  passages with no question (passage ids, <source>-pNNN):"]
    for cov in report.coverage:
        lines += _wrapped(f"{cov.source}: {ordinal_ranges(cov.without_question) or 'none'}", "    ")
    return lines


def ordinal_ranges(ordinals: Iterable[int]) -> str:
    """``p003, p007–p009``: passage numbers a reader can find, runs shortened."""
    runs: list[list[int]] = []
    for n in sorted(ordinals):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"p{a:03d}" if a == b else f"p{a:03d}–p{b:03d}" for a, b in runs)


def _wrapped(text: str, indent: str, width: int = 108) -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def _pair_lines(report: BankReport) -> list[str]:
    lines = _heading("Claim pairs")
    for dimension, table in report.pair_counts.items():
        lines += ["", *format_table([f"by {dimension}", "pairs"], [[k, v] for k, v in table.items()])]
    rows: list[list[object]] = [
        [use.id, use.relation, use.status, use.questions, use.published] for use in report.pair_uses
    ]
    lines += ["", *format_table(["pair", "relation", "status", "questions", "published"], rows)]
    unused = report.pairs_without_published_question
    names = ", ".join(f"{u.id} ({u.questions} draft)" if u.questions else u.id for u in unused)
    lines += ["", f"  pairs with no published question: {names or 'none'}"]
    return lines


def _contrast_lines(report: BankReport) -> list[str]:
    contrast = report.contrast
    lines = _heading(f"Contrasts of the {contrast.published} published questions")

    def listed(label: str, items: Iterable[object]) -> list[str]:
        names = [str(item) for item in items]
        out = [f"  {label}: {len(names)}"]
        return out + [f"      {name}" for name in names]

    lines += ["", *listed("contrast not on the question's own claim", contrast.off_own_claim)]
    lines.append(
        f"  silence contrasts (the other source says nothing on the point): {contrast.silence_contrasts} "
        f"questions on {contrast.silence_pairs} pairs"
    )
    busiest = ", ".join(contrast.busiest_pairs) or "none"
    lines.append(
        f"  most published questions on one pair: {contrast.largest_pair_load} ({busiest}); "
        f"limit {MAX_QUESTIONS_PER_PAIR}"
    )
    lines += listed("pairs over the limit", contrast.pairs_over_limit)
    lines += listed("relation conflicts", (f"{a} / {b}" for a, b in contrast.relation_conflicts))
    lines += listed(
        "one claim facing other words with another relation (worth a look)",
        (f"{a} / {b}" for a, b in contrast.mixed_relations),
    )
    lines.append(
        f"  multiple choice with the right answer the strictly longest option: "
        f"{len(contrast.answer_longest)} of {contrast.multiple_choice} ({contrast.longest_share:.0%})"
    )
    lines += listed(f"support quotes under {SHORT_QUOTE_WORDS} words", contrast.short_quotes)
    lines += listed("prompts that name no source", contrast.unattributed_prompts)
    lines += listed("flashcard fronts that name no source", contrast.unattributed_fronts)
    return lines


def _finding_lines(report: BankReport) -> list[str]:
    lines = _heading(f"Suspicious: {len(report.findings)} warning(s)")
    limits = report.thresholds
    low, high = limits["true_share_range"]
    lines += _wrapped(
        f"Warnings, not errors: each is worth a look. Near duplicates share at least "
        f"{limits['near_duplicate_jaccard']:.0%} of their words (case and punctuation ignored); an answer "
        f"is used too often when right for more than {limits['answer_reuse_limit']} questions; a right "
        f"answer is suspiciously long above {limits['long_answer_ratio']}× the longest distractor; true "
        f"should be the answer of {low:.0%}–{high:.0%} of the true/false questions (checked from "
        f"{limits['true_false_minimum']} true/false questions on).",
        "  ",
    )
    for kind, title in FINDING_TITLES.items():
        found = [f for f in report.findings if f.kind == kind]
        lines += ["", f"{title}: {len(found) or 'none'}"]
        for finding in found:
            lines += _wrapped(f"- {finding.message}", "  ")
            by_file: dict[str, list[str]] = {}
            for item in finding.items:
                by_file.setdefault(item.file, []).append(item.id)
            for file, ids in by_file.items():
                lines += _wrapped(f"{file}: {', '.join(ids)}", "      ")
    if report.unlocated:
        lines += ["", "Quotes not found (run bank check):", *(f"  - {item}" for item in report.unlocated)]
    return lines


def render_text(report: BankReport) -> str:
    """The report for a person: headed sections, aligned tables, warnings last with file and id."""
    drafts_count = report.questions - report.published
    lines = [
        f"Bank report: {report.root}",
        f"{report.sources} sources ({report.passages} passages), {report.claim_pairs} claim pairs, "
        f"{report.questions} questions ({report.published} published, {drafts_count} draft)",
    ]
    parts = (_question_lines, _section_lines, _coverage_lines, _pair_lines, _contrast_lines, _finding_lines)
    for part in parts:
        lines += part(report)
    return "\n".join(lines) + "\n"
