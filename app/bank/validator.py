"""Pure: the one validator of a bank. ``bank check``, ``bank load`` and the editor all call it.

It reports every problem at once, each naming the file, the item and what to change.
"""

from collections import Counter
from pathlib import Path

from app.bank.contrast import (
    MAX_QUESTIONS_PER_PAIR,
    attribution_markers,
    contrast_on_own_claim,
    is_attributed,
    published_questions_per_pair,
    relation_conflicts,
)
from app.bank.grounding import QuoteNotFound, SourceIndex
from app.bank.schema import (
    FILE_STATUSES,
    ORIGINS,
    RELATIONS,
    SILENT,
    SKILLS,
    ClaimPairSpec,
    Issue,
    QuestionSpec,
    Quote,
)
from app.bank.types import QUESTION_TYPES, is_type
from app.bank.types.rules import TypeContext
from app.bank.yamlio import SOURCES_FILE, BankFiles
from app.sources.documents import SourceDocument

NEEDS_CONTRAST = (
    "a published question needs a claim pair: the other source's claim on the same point, shown after each "
    "answer (claim_pair in a bank file)"
)


class BankValidator:
    """Checks a bank read from disk; keeps the source indexes so many quotes are checked cheaply."""

    def __init__(self, bank: BankFiles, indexes: dict[str, SourceIndex] | None = None):
        self.bank = bank
        self.indexes = (
            indexes if indexes is not None else {doc.meta.id: SourceIndex(doc) for doc in bank.sources}
        )
        self.pairs = {pair.id: pair for pair in bank.claim_pairs}
        self.attribution_markers = attribution_markers(bank.sources)

    def check_quote(
        self, quote: Quote, file: str, item: str, role: str, allow_empty: bool = False
    ) -> list[Issue]:
        index = self.indexes.get(quote.source)
        if index is None and quote.source in self.bank.unreadable_sources:
            return []  # the source itself is reported as unreadable
        if index is None:
            known = ", ".join(self.indexes) or "none"
            return [Issue(file, item, f"{role}: unknown source {quote.source!r} (known: {known})")]
        if allow_empty and not quote.quote.strip():
            return []
        try:
            index.locate(quote.quote)
        except QuoteNotFound as error:
            return [Issue(file, item, f"{role}: {error}")]
        return []

    def check_claim_pair(self, pair: ClaimPairSpec) -> list[Issue]:
        issues = []
        for role, side in (("side a", pair.a), ("side b", pair.b)):
            # a silent side has no words to find, but its source must still be known
            issues += self.check_quote(side, pair.file, pair.id, role, allow_empty=side.silent)
        issues += _silence_issues(pair)
        if pair.a.source == pair.b.source:
            issues.append(Issue(pair.file, pair.id, "both sides are in the same source; a pair faces two"))
        issues += _choice_issues(pair.file, pair.id, {"relation": (pair.relation, RELATIONS)})
        issues += _choice_issues(pair.file, pair.id, {"status": (pair.status, FILE_STATUSES)})
        return issues

    def check_question(self, question: QuestionSpec) -> list[Issue]:
        file, item = question.file, question.id
        # A draft (an imported one, say) may wait for its quote and explanation; publishing it may not.
        draft = question.status == "draft"
        issues = self.check_quote(question.support, file, item, "support", allow_empty=draft)
        if not draft and not question.support.quote.strip() and question.support.source in self.indexes:
            issues = [
                Issue(file, item, "support: a published question needs a support quote from its source")
            ]
        if not draft and not question.explanation.strip():
            issues.append(Issue(file, item, "a published question needs an 'explanation'"))
        issues += _choice_issues(
            file,
            item,
            {
                "status": (question.status, FILE_STATUSES),
                "origin": (question.origin, ORIGINS),
                "skill": (question.skill, SKILLS),
            },
        )
        qtype = QUESTION_TYPES.get(question.type)
        pair = self.pairs.get(question.claim_pair) if question.claim_pair else None
        if qtype is None:
            issues.append(
                Issue(file, item, f"unknown type {question.type!r}; known: {', '.join(QUESTION_TYPES)}")
            )
        else:
            if question.choices is not None and not qtype.has_choices:
                issues.append(Issue(file, item, f"a {question.type} question takes no 'choices'"))
            source_ids = (*self.indexes, *sorted(self.bank.unreadable_sources))
            context = TypeContext(source_ids, pair.relation if pair else None)
            issues += [Issue(file, item, message) for message in qtype.check(question, context)]
        if question.claim_pair and pair is None and not self._pair_may_be_unreadable(question.claim_pair):
            issues.append(Issue(file, item, f"unknown claim pair {question.claim_pair!r}"))
        issues += self._check_contrast(question, pair)
        issues += self._check_front(question)
        issues += self._check_section(question)
        return issues

    def _pair_may_be_unreadable(self, pair_id: str) -> bool:
        """A pair already reported as broken, or possibly in a file that could not be read."""
        return pair_id in self.bank.unreadable_pairs or self.bank.claim_pair_file_unreadable

    def _check_contrast(self, question: QuestionSpec, pair: ClaimPairSpec | None) -> list[Issue]:
        """A published question must lead the learner to the other source's claim on the same point."""
        file, item = question.file, question.id
        if question.status != "published":
            return []
        if question.claim_pair is None:
            return [Issue(file, item, NEEDS_CONTRAST)]
        if pair is None or question.support.source not in self.indexes:
            return []  # already reported as an unknown pair or source
        if pair.status != "published":
            return [Issue(file, item, f"claim pair {pair.id!r} is not published; publish it after review")]
        contrast = pair.side_not_in(question.support.source)
        if contrast is None or contrast.source == question.support.source:
            return [
                Issue(
                    file,
                    item,
                    f"claim pair {pair.id!r} has no side in {question.support.source!r} facing the other "
                    "source, so there is no contrast to show",
                )
            ]
        if contrast_on_own_claim(question.support, pair, self.indexes) is False:
            return [
                Issue(
                    file,
                    item,
                    f"claim pair {pair.id!r} is only on the topic: its {question.support.source!r} side does "
                    "not overlap the support quote, so the contrast is about another claim; use or make a "
                    "pair on this quote (or a silence pair when the other source says nothing on it)",
                )
            ]
        return []

    def _check_front(self, question: QuestionSpec) -> list[Issue]:
        """A flashcard front is read alone, so it must say who makes its claim."""
        if not is_type(question.type, "card_only") or question.status != "published":
            return []
        if is_attributed(question.prompt, self.attribution_markers):
            return []
        return [
            Issue(
                question.file,
                question.id,
                "the flashcard front states a claim without saying whose it is: "
                '"According to the DPRK publication, …" or '
                '"Who says this, and what does the other source say?"',
            )
        ]

    def _check_pairs_across_bank(self) -> list[Issue]:
        """One relation per claim, and no pair stretched over more than a handful of questions."""
        issues = []
        for conflict in relation_conflicts(self.bank.claim_pairs, self.indexes):
            first, second = conflict.first, conflict.second
            issues.append(
                Issue(
                    second.file,
                    second.id,
                    f"relation conflict: {second.relation!r} here but {first.relation!r} in {first.id!r} "
                    f"({first.file}) over overlapping quotes; the same two claims carry one relation",
                )
            )
        for pair_id, uses in published_questions_per_pair(self.bank.questions).items():
            if uses > MAX_QUESTIONS_PER_PAIR and pair_id in self.pairs:
                pair = self.pairs[pair_id]
                issues.append(
                    Issue(
                        pair.file,
                        pair.id,
                        f"serves {uses} published questions; at most {MAX_QUESTIONS_PER_PAIR}: a pair is one "
                        "claim, so split it into pairs on each question's own quote",
                    )
                )
        return issues

    def _check_section(self, question: QuestionSpec) -> list[Issue]:
        if question.section is None or question.support.source not in self.indexes:
            return []
        try:
            location = self.indexes[question.support.source].locate(question.support.quote)
        except QuoteNotFound:
            return []
        if location.passage.heading != question.section:
            actual = location.passage.heading or "(before the first heading: leave 'section' out)"
            return [
                Issue(
                    question.file,
                    question.id,
                    f"section {question.section!r} but the quote is under {actual!r}",
                )
            ]
        return []

    def check(self) -> list[Issue]:
        issues = self._duplicate_ids()
        for doc in self.bank.sources:
            issues += [
                Issue(f"sources/{doc.meta.file}", doc.meta.id, f"parser: {a.message}", "warning")
                for a in doc.parsed.anomalies
            ]
            if not doc.parsed.passages:
                issues.append(Issue(f"sources/{doc.meta.file}", doc.meta.id, "no passages found in the text"))
        for pair in self.bank.claim_pairs:
            issues += self.check_claim_pair(pair)
        for question in self.bank.questions:
            issues += self.check_question(question)
        issues += self._check_pairs_across_bank()
        return issues

    def _duplicate_ids(self) -> list[Issue]:
        issues = []
        groups = (
            ("source", [(SOURCES_FILE, d.meta.id) for d in self.bank.sources]),
            ("claim pair", [(p.file, p.id) for p in self.bank.claim_pairs]),
            ("question", [(q.file, q.id) for q in self.bank.questions]),
        )
        for kind, entries in groups:
            counts = Counter(item_id for _file, item_id in entries)
            for file, item_id in entries:
                if counts[item_id] > 1:
                    others = sorted({f for f, i in entries if i == item_id})
                    issues.append(Issue(file, item_id, f"duplicate {kind} id (in {', '.join(others)})"))
        return issues


def _silence_issues(pair: ClaimPairSpec) -> list[Issue]:
    """A silence is recorded on one side only, and only a silence pair has one."""
    silent_sides = [side for side in (pair.a, pair.b) if side.silent]
    if len(silent_sides) == 2:
        return [Issue(pair.file, pair.id, "both sides are silent; a pair needs one quoted claim")]
    if silent_sides and pair.relation != SILENT:
        return [Issue(pair.file, pair.id, f"a side is silent, so the relation must be {SILENT!r}")]
    if not silent_sides and pair.relation == SILENT:
        return [Issue(pair.file, pair.id, "relation 'silent' needs one side {source: <id>, silent: true}")]
    return []


def _choice_issues(file: str, item: str, fields: dict[str, tuple[str, tuple[str, ...]]]) -> list[Issue]:
    return [
        Issue(file, item, f"{name!r} is {value!r}; expected one of {', '.join(options)}")
        for name, (value, options) in fields.items()
        if value not in options
    ]


def validate_bank(bank: BankFiles) -> list[Issue]:
    """Every problem in ``bank``: errors block loading; warnings (parser anomalies) are reported."""
    return BankValidator(bank).check()


def errors_in(issues: list[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.severity == "error"]


def validate_question(
    question: QuestionSpec,
    sources: tuple[SourceDocument, ...],
    claim_pairs: tuple[ClaimPairSpec, ...],
) -> list[Issue]:
    """The problems of ONE question against sources and pairs held elsewhere (the editor's database).

    The same checks ``bank check`` runs on that question in a bank folder: one law, two callers.
    """
    bank = BankFiles(root=Path(), sources=sources, claim_pairs=claim_pairs, questions=(question,))
    return BankValidator(bank).check_question(question)
