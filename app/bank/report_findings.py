"""Pure: the bank report's findings, the items most worth a second look (near-duplicates, reused answers, …).

Nothing here is an error (``bank check`` owns errors): each finding is a warning a person judges, with the
threshold that raised it.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.bank.schema import ClaimPairSpec, QuestionSpec
from app.bank.types import QUESTION_TYPES, is_type
from app.bank.yamlio import BankFiles
from app.sources.parser import collapse_whitespace

# Thresholds of the findings; the report prints them so a reader knows what "too often" meant.
NEAR_DUPLICATE_JACCARD = 0.8
ANSWER_REUSE_MINIMUM = 5
ANSWER_REUSE_SHARE = 0.05
LONG_ANSWER_RATIO = 1.5
TRUE_SHARE_RANGE = (0.3, 0.7)
TRUE_FALSE_MINIMUM = 4  # below this, any split is "skewed" and says nothing


def _fixed_vocabulary(question_type: str) -> bool:
    """Fixed-vocabulary answers (true/false, a source): their balance is a table of its own, not reuse."""
    return is_type(question_type, "boolean_answer") or is_type(question_type, "by_source")


def _answer_may_be_in_prompt(question_type: str) -> bool:
    """A quiz answer in words (typed, or one of its own choices) that the prompt could give away."""
    qtype = QUESTION_TYPES.get(question_type)
    return qtype is not None and qtype.in_quiz and (qtype.options is None or qtype.has_choices)


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


def item_ref(item: QuestionSpec | ClaimPairSpec) -> ItemRef:
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
                            (item_ref(first), item_ref(second)),
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
        if _fixed_vocabulary(question.type) or not isinstance(question.answer, str):
            continue
        if key := normalise_words(question.answer):
            groups.setdefault(key, []).append(question)
    return [
        Finding(
            "answer_reused",
            f"answer {shorten(group[0].answer)!r} is right for {len(group)} questions (more than {limit})",
            tuple(item_ref(q) for q in group),
        )
        for group in groups.values()
        if len(group) > limit
    ]


def long_right_answers(questions: Iterable[QuestionSpec], ratio: float = LONG_ANSWER_RATIO) -> list[Finding]:
    """The longest, most qualified option is the right one: a classic giveaway test-wise learners know."""
    found = []
    for question in questions:
        if (
            not is_type(question.type, "has_choices")
            or not question.choices
            or not isinstance(question.answer, str)
        ):
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
                    (item_ref(question),),
                )
            )
    return found


def true_false_skew(questions: Iterable[QuestionSpec]) -> list[Finding]:
    """When most statements are true, "true" scores well without reading; name the majority to rewrite."""
    true_false = [q for q in questions if is_type(q.type, "boolean_answer") and isinstance(q.answer, bool)]
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
            tuple(item_ref(q) for q in true_false if q.answer is majority),
        )
    ]


def answers_in_prompts(questions: Iterable[QuestionSpec]) -> list[Finding]:
    """The answer's words (or an accepted spelling) already stand in the prompt, whole words compared."""
    found = []
    for question in questions:
        if not _answer_may_be_in_prompt(question.type) or not isinstance(question.answer, str):
            continue
        prompt = f" {normalise_words(question.prompt)} "
        answers = [question.answer]
        if is_type(question.type, "accepts_alternatives"):
            answers += question.accepted_answers
        given = [a for a in answers if normalise_words(a) and f" {normalise_words(a)} " in prompt]
        if given:
            found.append(
                Finding(
                    "answer_in_prompt",
                    f"{question.type} prompt contains the answer {shorten(given[0])!r}",
                    (item_ref(question),),
                )
            )
    return found


def drafts(bank: BankFiles) -> list[Finding]:
    found = []
    for kind, items in (("questions", bank.questions), ("claim pairs", bank.claim_pairs)):
        waiting = [item for item in items if item.status == "draft"]
        if waiting:
            refs = tuple(item_ref(i) for i in waiting)
            found.append(Finding("draft", f"{len(waiting)} draft {kind}", refs))
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
            tuple(item_ref(q) for q in stranded),
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


def shorten(text: object, limit: int = 60) -> str:
    text = collapse_whitespace(str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"
