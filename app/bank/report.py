"""Pure: a review report of a bank read from disk: what it holds, what it covers, what looks suspicious.

A teacher reviewing 150+ questions cannot read them all side by side; the report counts them, shows which
passages of each source no question touches, and points at the items most worth a second look. Nothing
here is an error (``bank check`` owns errors): findings are warnings a person judges.
"""

import math
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from app.bank.grounding import QuoteNotFound, SourceIndex
from app.bank.question_types import QUESTION_TYPES
from app.bank.schema import FILE_STATUSES, ORIGINS, RELATIONS, SKILLS, ClaimPairSpec, QuestionSpec
from app.bank.yamlio import BankFiles
from app.sources.documents import passage_id
from app.sources.parser import Passage, collapse_whitespace

OPENING = "(opening)"  # the section of passages before a source's first heading

# Thresholds of the findings; the report prints them so a reader knows what "too often" meant.
NEAR_DUPLICATE_JACCARD = 0.8
ANSWER_REUSE_MINIMUM = 5
ANSWER_REUSE_SHARE = 0.05
LONG_ANSWER_RATIO = 1.5
TRUE_SHARE_RANGE = (0.3, 0.7)
TRUE_FALSE_MINIMUM = 4  # below this, any split is "skewed" and says nothing

# Fixed-vocabulary answers: their balance is a table of its own, not "the same answer reused".
_ANSWER_REUSE_SKIPS = ("true_false", "which_source")
_ANSWER_IN_PROMPT_TYPES = ("typed", "cloze", "multiple_choice")

FINDING_TITLES = {
    "near_duplicate_prompt": "Near-duplicate prompts",
    "answer_reused": "Answers used too often",
    "long_right_answer": "Multiple choice: right answer much longer than every distractor",
    "true_false_skew": "True/false answers skewed to one side",
    "answer_in_prompt": "Prompt contains its own answer",
    "published_on_draft_pair": "Published questions on a draft claim pair",
    "draft": "Draft items (not shown to learners)",
}

_NOT_A_WORD = re.compile(r"[\W_]+")


def normalise_words(text: str) -> str:
    """Case, punctuation and spacing dropped: two prompts a learner would read as the same compare equal."""
    return " ".join(_NOT_A_WORD.sub(" ", text.casefold()).split())


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 1.0


@dataclass(frozen=True)
class ItemRef:
    file: str
    id: str

    def __str__(self) -> str:
        return f"{self.file}: {self.id}"


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of FINDING_TITLES
    message: str
    items: tuple[ItemRef, ...]


@dataclass(frozen=True)
class Count:
    total: int
    published: int

    @property
    def draft(self) -> int:
        return self.total - self.published


@dataclass(frozen=True)
class SectionCoverage:
    section: str
    passages: int
    covered: int  # passages holding at least one question's support quote
    questions: int
    published: int


@dataclass(frozen=True)
class SourceCoverage:
    source: str
    short_name: str
    passages: int
    with_question: int
    with_published_question: int
    with_claim_quote: int  # passages holding a side of any claim pair
    sections: tuple[SectionCoverage, ...]
    without_question: tuple[int, ...] = ()  # ordinals of the passages no question is grounded in

    @property
    def sections_without_question(self) -> tuple[str, ...]:
        return tuple(s.section for s in self.sections if s.questions == 0)


@dataclass(frozen=True)
class PairUse:
    id: str
    file: str
    relation: str
    status: str
    questions: int
    published: int


@dataclass(frozen=True)
class BankReport:
    root: str
    sources: int
    passages: int
    claim_pairs: int
    questions: int
    published: int
    question_counts: dict[str, dict[str, Count]]  # dimension ("type", "skill", …) → value → count
    pair_counts: dict[str, dict[str, int]]  # "relation" / "status" → value → pairs
    pair_uses: tuple[PairUse, ...]
    coverage: tuple[SourceCoverage, ...]
    findings: tuple[Finding, ...]
    unlocated: tuple[ItemRef, ...] = ()  # quotes not found (only in a bank that failed the check)
    thresholds: dict[str, Any] = field(default_factory=dict)

    @property
    def pairs_without_published_question(self) -> tuple[PairUse, ...]:
        return tuple(use for use in self.pair_uses if use.published == 0)


def _ordered_counts(
    questions: Iterable[QuestionSpec], key: Callable[[QuestionSpec], str], known: Iterable[str] = ()
) -> dict[str, Count]:
    """Known values first and in their usual order, zeros included (a missing type is worth seeing)."""
    total: Counter[str] = Counter()
    published: Counter[str] = Counter()
    for question in questions:
        total[key(question)] += 1
        published[key(question)] += question.status == "published"
    values = [*known, *sorted(set(total) - set(known))]
    return {value: Count(total[value], published[value]) for value in values}


def _question_counts(bank: BankFiles) -> dict[str, dict[str, Count]]:
    questions = bank.questions
    true_false = [q for q in questions if q.type == "true_false"]
    which_source = [q for q in questions if q.type == "which_source"]
    source_ids = [doc.meta.id for doc in bank.sources]
    return {
        "type": _ordered_counts(questions, lambda q: q.type, QUESTION_TYPES),
        "source": _ordered_counts(questions, lambda q: q.support.source, source_ids),
        "origin": _ordered_counts(questions, lambda q: q.origin, ORIGINS),
        "status": _ordered_counts(questions, lambda q: q.status, FILE_STATUSES),
        "skill": _ordered_counts(questions, lambda q: q.skill, SKILLS),
        "true/false answer": _ordered_counts(true_false, lambda q: str(q.answer).lower(), ("true", "false")),
        "which-source answer": _ordered_counts(
            which_source, lambda q: str(q.answer), (*source_ids, "both", "neither")
        ),
    }


def _pair_counts(pairs: tuple[ClaimPairSpec, ...]) -> dict[str, dict[str, int]]:
    def ordered(values: list[str], known: tuple[str, ...]) -> dict[str, int]:
        counts = Counter(values)
        return {value: counts[value] for value in [*known, *sorted(set(counts) - set(known))]}

    return {
        "relation": ordered([p.relation for p in pairs], RELATIONS),
        "status": ordered([p.status for p in pairs], FILE_STATUSES),
    }


def _pair_uses(bank: BankFiles) -> tuple[PairUse, ...]:
    total = Counter(q.claim_pair for q in bank.questions if q.claim_pair)
    published = Counter(q.claim_pair for q in bank.questions if q.claim_pair and q.status == "published")
    return tuple(
        PairUse(p.id, p.file, p.relation, p.status, total[p.id], published[p.id]) for p in bank.claim_pairs
    )


class _Locator:
    """Finds the passage of each quote once; a quote that cannot be found is remembered, not raised."""

    def __init__(self, bank: BankFiles):
        self.indexes = {doc.meta.id: SourceIndex(doc) for doc in bank.sources}

    def passage(self, source: str, quote: str) -> Passage | None:
        index = self.indexes.get(source)
        if index is None:
            return None
        try:
            return index.locate(quote).passage
        except QuoteNotFound:
            return None


def _coverage(bank: BankFiles, locator: _Locator) -> tuple[tuple[SourceCoverage, ...], tuple[ItemRef, ...]]:
    question_passages: dict[tuple[str, int], list[QuestionSpec]] = {}
    unlocated: list[ItemRef] = []
    for question in bank.questions:
        passage = locator.passage(question.support.source, question.support.quote)
        if passage is None:
            unlocated.append(ItemRef(question.file, question.id))
        else:
            question_passages.setdefault((question.support.source, passage.ordinal), []).append(question)
    claim_passages = set()
    for pair in bank.claim_pairs:
        for side in (pair.a, pair.b):
            passage = locator.passage(side.source, side.quote)
            if passage is None:
                unlocated.append(ItemRef(pair.file, pair.id))
            else:
                claim_passages.add((side.source, passage.ordinal))
    coverage = tuple(
        _source_coverage(
            doc.meta.id, doc.meta.short_name, doc.parsed.passages, question_passages, claim_passages
        )
        for doc in bank.sources
    )
    return coverage, tuple(dict.fromkeys(unlocated))


def _source_coverage(
    source: str,
    short_name: str,
    passages: tuple[Passage, ...],
    question_passages: dict[tuple[str, int], list[QuestionSpec]],
    claim_passages: set[tuple[str, int]],
) -> SourceCoverage:
    def asked(passage: Passage) -> list[QuestionSpec]:
        return question_passages.get((source, passage.ordinal), [])

    by_section: dict[str, list[Passage]] = {}
    for passage in passages:
        by_section.setdefault(passage.heading or OPENING, []).append(passage)
    sections = tuple(
        SectionCoverage(
            section=name,
            passages=len(members),
            covered=sum(bool(asked(p)) for p in members),
            questions=sum(len(asked(p)) for p in members),
            published=sum(q.status == "published" for p in members for q in asked(p)),
        )
        for name, members in by_section.items()
    )
    return SourceCoverage(
        source=source,
        short_name=short_name,
        passages=len(passages),
        with_question=sum(bool(asked(p)) for p in passages),
        with_published_question=sum(any(q.status == "published" for q in asked(p)) for p in passages),
        with_claim_quote=sum((source, p.ordinal) in claim_passages for p in passages),
        sections=sections,
        without_question=tuple(p.ordinal for p in passages if not asked(p)),
    )


def _ref(item: QuestionSpec | ClaimPairSpec) -> ItemRef:
    return ItemRef(item.file, item.id)


def near_duplicate_prompts(
    questions: Iterable[QuestionSpec], threshold: float = NEAR_DUPLICATE_JACCARD
) -> list[Finding]:
    """Pairs of prompts with nearly the same words: a learner meets the same question twice.

    Jaccard similarity of two word sets cannot exceed the ratio of their sizes, so with prompts sorted
    by size each one is compared only with the few that are not much longer.
    """
    entries = []
    for position, question in enumerate(questions):
        words = normalise_words(question.prompt)
        entries.append((position, question, words, frozenset(words.split())))
    entries.sort(key=lambda entry: len(entry[3]))
    found = []
    for i, (pos_a, a, text_a, words_a) in enumerate(entries):
        for pos_b, b, text_b, words_b in entries[i + 1 :]:
            if len(words_a) < threshold * len(words_b):
                break
            similarity = jaccard(words_a, words_b)
            if text_a == text_b or similarity >= threshold:
                first, second = (a, b) if pos_a < pos_b else (b, a)
                how = (
                    "identical after normalisation"
                    if text_a == text_b
                    else f"{similarity:.0%} of words shared"
                )
                found.append(
                    (
                        min(pos_a, pos_b),
                        max(pos_a, pos_b),
                        Finding(
                            "near_duplicate_prompt",
                            f"{how} ({first.type}, {second.type})",
                            (_ref(first), _ref(second)),
                        ),
                    )
                )
    return [finding for *_order, finding in sorted(found, key=lambda entry: entry[:2])]


def answer_reuse_limit(question_count: int) -> int:
    """More than this many questions with one answer is too many: 5, or 5% of a large bank."""
    return max(ANSWER_REUSE_MINIMUM, math.ceil(ANSWER_REUSE_SHARE * question_count))


def reused_answers(questions: tuple[QuestionSpec, ...]) -> list[Finding]:
    """One answer right for many questions teaches learners to guess it."""
    limit = answer_reuse_limit(len(questions))
    groups: dict[str, list[QuestionSpec]] = {}
    for question in questions:
        if question.type in _ANSWER_REUSE_SKIPS or not isinstance(question.answer, str):
            continue
        if key := normalise_words(question.answer):
            groups.setdefault(key, []).append(question)
    return [
        Finding(
            "answer_reused",
            f"answer {_shorten(group[0].answer)!r} is right for {len(group)} questions (more than {limit})",
            tuple(_ref(q) for q in group),
        )
        for group in groups.values()
        if len(group) > limit
    ]


def long_right_answers(questions: Iterable[QuestionSpec], ratio: float = LONG_ANSWER_RATIO) -> list[Finding]:
    """The longest, most qualified option is the right one: a classic giveaway test-wise learners know."""
    found = []
    for question in questions:
        if question.type != "multiple_choice" or not question.choices or not isinstance(question.answer, str):
            continue
        distractors = [c for c in question.choices if c != question.answer]
        if not distractors:
            continue
        right = len(collapse_whitespace(question.answer))
        longest = max(len(collapse_whitespace(d)) for d in distractors)
        if right > ratio * longest:
            found.append(
                Finding(
                    "long_right_answer",
                    f"right answer {right} characters, longest distractor {longest} "
                    f"({right / max(longest, 1):.2f}×)",
                    (_ref(question),),
                )
            )
    return found


def true_false_skew(questions: Iterable[QuestionSpec]) -> list[Finding]:
    """When most statements are true, "true" scores well without reading; name the majority to rewrite."""
    true_false = [q for q in questions if q.type == "true_false" and isinstance(q.answer, bool)]
    if len(true_false) < TRUE_FALSE_MINIMUM:
        return []
    trues = sum(q.answer is True for q in true_false)
    share = trues / len(true_false)
    low, high = TRUE_SHARE_RANGE
    if low <= share <= high:
        return []
    majority = share > high
    return [
        Finding(
            "true_false_skew",
            f"{trues} of {len(true_false)} true/false questions ({share:.0%}) are true; keep the share of "
            f"true between {low:.0%} and {high:.0%} (listed: the {'true' if majority else 'false'} ones)",
            tuple(_ref(q) for q in true_false if q.answer is majority),
        )
    ]


def answers_in_prompts(questions: Iterable[QuestionSpec]) -> list[Finding]:
    """The answer's words (or an accepted spelling) already stand in the prompt, whole words compared."""
    found = []
    for question in questions:
        if question.type not in _ANSWER_IN_PROMPT_TYPES or not isinstance(question.answer, str):
            continue
        prompt = f" {normalise_words(question.prompt)} "
        answers = [question.answer]
        if question.type != "multiple_choice":
            answers += question.accepted_answers
        given = [a for a in answers if normalise_words(a) and f" {normalise_words(a)} " in prompt]
        if given:
            found.append(
                Finding(
                    "answer_in_prompt",
                    f"{question.type} prompt contains the answer {_shorten(given[0])!r}",
                    (_ref(question),),
                )
            )
    return found


def drafts(bank: BankFiles) -> list[Finding]:
    found = []
    for kind, items in (("questions", bank.questions), ("claim pairs", bank.claim_pairs)):
        waiting = [item for item in items if item.status == "draft"]
        if waiting:
            found.append(Finding("draft", f"{len(waiting)} draft {kind}", tuple(_ref(i) for i in waiting)))
    return found


def published_on_draft_pairs(bank: BankFiles) -> list[Finding]:
    pairs = {pair.id: pair for pair in bank.claim_pairs}
    stranded = [
        q
        for q in bank.questions
        if q.status == "published" and q.claim_pair in pairs and pairs[q.claim_pair].status != "published"
    ]
    if not stranded:
        return []
    return [
        Finding(
            "published_on_draft_pair",
            f"{len(stranded)} published question(s) whose claim pair is not published",
            tuple(_ref(q) for q in stranded),
        )
    ]


def find_suspicious(bank: BankFiles) -> list[Finding]:
    """Every finding, the ones most worth a reviewer's time first and drafts last."""
    questions = bank.questions
    return [
        *near_duplicate_prompts(questions),
        *reused_answers(questions),
        *long_right_answers(questions),
        *true_false_skew(questions),
        *answers_in_prompts(questions),
        *published_on_draft_pairs(bank),
        *drafts(bank),
    ]


def build_report(bank: BankFiles) -> BankReport:
    """The whole report of ``bank``: meant for a checked bank, but a broken quote is listed, not raised."""
    coverage, unlocated = _coverage(bank, _Locator(bank))
    return BankReport(
        root=str(bank.root),
        sources=len(bank.sources),
        passages=sum(len(doc.parsed.passages) for doc in bank.sources),
        claim_pairs=len(bank.claim_pairs),
        questions=len(bank.questions),
        published=sum(q.status == "published" for q in bank.questions),
        question_counts=_question_counts(bank),
        pair_counts=_pair_counts(bank.claim_pairs),
        pair_uses=_pair_uses(bank),
        coverage=coverage,
        findings=tuple(find_suspicious(bank)),
        unlocated=unlocated,
        thresholds={
            "near_duplicate_jaccard": NEAR_DUPLICATE_JACCARD,
            "answer_reuse_limit": answer_reuse_limit(len(bank.questions)),
            "long_answer_ratio": LONG_ANSWER_RATIO,
            "true_share_range": list(TRUE_SHARE_RANGE),
            "true_false_minimum": TRUE_FALSE_MINIMUM,
        },
    )


def _shorten(text: object, limit: int = 60) -> str:
    text = collapse_whitespace(str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        "unlocated_quotes": refs(report.unlocated),
        "thresholds": report.thresholds,
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
    for part in (_question_lines, _section_lines, _coverage_lines, _pair_lines, _finding_lines):
        lines += part(report)
    return "\n".join(lines) + "\n"
