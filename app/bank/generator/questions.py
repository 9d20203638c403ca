"""Pure: turn sentences and their answerable spans into draft questions of several kinds.

Every question quotes one whole sentence of its source as support, so it is grounded by construction;
the filters here remove what a teacher would reject before anyone has to read it.
"""

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.bank.generator.spans import PeopleIndex, Span, find_spans, render_like, same_kind_candidates
from app.bank.types import CLOZE, FLASHCARD, MULTIPLE_CHOICE, TRUE_FALSE, WHICH_SOURCE

MIN_WORDS, MAX_WORDS = 8, 60
ANSWER_CAP = 3  # questions whose answer is the same value, per kind: Stalin must not answer half the bank
SKILL_BY_TYPE = {
    CLOZE.name: "close_reading",
    MULTIPLE_CHOICE.name: "close_reading",
    TRUE_FALSE.name: "close_reading",
    WHICH_SOURCE.name: "sourcing",
    FLASHCARD.name: "corroboration",
}
_SENTENCE_END = re.compile(r"[.!?][”\"’')]*$")


@dataclass(frozen=True)
class SourceSentence:
    source_id: str
    source_name: str  # how prompts name the source: "According to Weathersby, …"
    text: str
    heading: str | None
    paragraph: str  # the whole passage: context for pairing claims


@dataclass
class DraftQuestion:
    id: str
    type: str
    prompt: str
    answer: str | bool
    explanation: str
    support: SourceSentence
    choices: list[str] | None = None
    accepted_answers: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    claim_pair: str | None = None

    @property
    def skill(self) -> str:
        return SKILL_BY_TYPE[self.type]


def readable(sentence: str) -> bool:
    """A whole sentence a student can read as a stem: capitalised, ended, not a list or a fragment."""
    words = sentence.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if not (sentence[0].isupper() or sentence[0] in "“\"‘'(") or not _SENTENCE_END.search(sentence):
        return False
    # Long inventories ("240,000 tons of coal, 300 tons of ...") make poor stems.
    return sentence.count(";") <= 2 and sentence.count(",") <= 8


_HEDGE = re.compile(
    r"\b(?:about|above|almost|around|approximately|at (?:least|most)|below|fewer than|less than|more than|"
    r"nearly|over|roughly|some|under|up to|upwards of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def hedged(sentence: str, span: Span) -> bool:
    """ "above Forty", "nearly 25": swapping such a figure can leave the statement true ("above Fifteen"),
    so a statement meant to be false, or said by neither source, must not be built from it."""
    return bool(_HEDGE.search(sentence[: span.start]))


def _quote_balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def blank_out(sentence: str, span: Span) -> str | None:
    """The sentence with the span blanked, or None if the answer still shows elsewhere in it."""
    rest = sentence[: span.start] + "____" + sentence[span.end :]
    if span.text.casefold() in rest.casefold():
        return None
    return rest


def _usable(span: Span) -> bool:
    """Full names only (not "Zhou" beside "Zhou Enlai"); no ranges: a blank must have one answer."""
    if span.kind == "person":
        return span.granularity == "full"
    return span.granularity != "range"


class QuestionMaker:
    """Builds the draft questions for all sentences, keeping per-answer caps and ids across sources."""

    def __init__(self, people: PeopleIndex, pool: Sequence[Span], common_words: set[str], rng: random.Random):
        self.people, self.pool, self.common_words, self.rng = people, list(pool), common_words, rng
        self.used_answers: Counter[tuple[str, str]] = Counter()
        self.seen_prompts: set[str] = set()
        self.counters: Counter[str] = Counter()
        self.true_false_paragraphs: set[tuple[str, str]] = set()

    def next_id(self, sentence: SourceSentence, kind: str) -> str:
        self.counters[sentence.source_id + kind] += 1
        number = self.counters[sentence.source_id + kind]
        return f"gen-{sentence.source_id}-{kind.replace('_', '-')}-{number:03d}"

    def _take(self, kind: str, answer: object) -> bool:
        key = (kind, str(answer).casefold())
        if self.used_answers[key] >= ANSWER_CAP:
            return False
        self.used_answers[key] += 1
        return True

    def add(self, questions: list[DraftQuestion], question: DraftQuestion) -> None:
        """Keep a question unless an earlier one has the same prompt."""
        key = re.sub(r"\W+", " ", question.prompt.casefold()).strip()
        if key not in self.seen_prompts:
            self.seen_prompts.add(key)
            questions.append(question)

    def for_sentence(self, sentence: SourceSentence) -> list[DraftQuestion]:
        if not readable(sentence.text) or not _quote_balanced(sentence.text):
            return []
        questions: list[DraftQuestion] = []
        spans = [s for s in find_spans(sentence.text, self.people) if _usable(s)]
        for span in spans[:2]:
            self._cloze_and_choice(sentence, span, questions)
        paragraph = (sentence.source_id, sentence.paragraph)
        if spans and paragraph not in self.true_false_paragraphs:  # one statement per paragraph is plenty
            self.true_false_paragraphs.add(paragraph)
            self._true_false(sentence, spans[0], questions)
        return questions

    def _cloze_and_choice(self, sentence: SourceSentence, span: Span, questions: list[DraftQuestion]) -> None:
        stem = blank_out(sentence.text, span)
        if stem is None:
            return
        prompt = f"According to {sentence.source_name}: “{stem}”"
        if span.text.casefold() in prompt.replace("____", "").casefold():
            return  # the source's own name gives the answer away ("Kim Il Sung and His Spirit…")
        where = f" ({sentence.heading})" if sentence.heading else ""
        explanation = (
            f"{sentence.source_name[:1].upper()}{sentence.source_name[1:]}{where} writes: “{sentence.text}”"
        )
        distractors = [
            render_like(span, other.value)
            for other in same_kind_candidates(span, self.pool)
            if other.value != span.value
        ]
        distractors = [d for d in dict.fromkeys(distractors) if d.casefold() != span.text.casefold()][:3]
        if len(distractors) == 3 and self._take(MULTIPLE_CHOICE.name, span.value):
            choices = [span.text, *distractors]
            self.rng.shuffle(choices)
            self.add(
                questions,
                DraftQuestion(
                    self.next_id(sentence, MULTIPLE_CHOICE.name),
                    MULTIPLE_CHOICE.name,
                    prompt,
                    span.text,
                    explanation,
                    sentence,
                    choices=choices,
                    tags=["generated", span.kind],
                ),
            )
        elif self._take(CLOZE.name, span.value):
            self.add(
                questions,
                DraftQuestion(
                    self.next_id(sentence, CLOZE.name),
                    CLOZE.name,
                    prompt,
                    span.text,
                    explanation,
                    sentence,
                    tags=["generated", span.kind],
                ),
            )

    def _true_false(self, sentence: SourceSentence, span: Span, questions: list[DraftQuestion]) -> None:
        """A true statement, or the same statement with one detail changed: the changed one must be false."""
        candidates = [c for c in same_kind_candidates(span, self.pool) if c.value != span.value]
        make_false = bool(candidates) and not hedged(sentence.text, span) and self.rng.random() < 0.5
        text = sentence.text
        if make_false:
            wrong = render_like(span, candidates[0].value)
            text = text[: span.start] + wrong + text[span.end :]
            explanation = f"False: the text reads “{span.text}”, not “{wrong}”: “{sentence.text}”"
        else:
            explanation = f"True: “{sentence.text}”"
        prompt = f"According to {sentence.source_name}, {as_clause(text, self.common_words)}"
        self.add(
            questions,
            DraftQuestion(
                self.next_id(sentence, TRUE_FALSE.name),
                TRUE_FALSE.name,
                prompt,
                not make_false,
                explanation,
                sentence,
                tags=["generated", span.kind],
            ),
        )


def as_clause(sentence: str, common_words: set[str]) -> str:
    """Lower-case the first word after "According to X," unless it is a name ("Stalin", "DPRK", "I")."""
    first = sentence.split(maxsplit=1)[0]
    if first.lower() in common_words and first != "I":
        return sentence[0].lower() + sentence[1:]
    return sentence
