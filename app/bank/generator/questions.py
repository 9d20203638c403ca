"""Pure: turn sentences and their answerable spans into draft questions of several kinds.

Every question quotes one whole sentence of its source as support, so it is grounded by construction;
the filters here remove what a teacher would reject before anyone has to read it.
"""

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from app.bank.generator.answers import accepted_variants
from app.bank.generator.antecedents import dangling_start, leans_on_someone_unnamed
from app.bank.generator.name_runs import title_of
from app.bank.generator.spans import PeopleIndex, Span, find_spans, render_like, same_kind_candidates
from app.bank.generator.stock_phrases import completes_stock_phrase
from app.bank.generator.voices import first_person
from app.bank.types import CLOZE, FLASHCARD, MULTIPLE_CHOICE, TRUE_FALSE, WHICH_SOURCE

MIN_WORDS, MAX_WORDS = 8, 60
ANSWER_CAP = 3  # questions whose answer is the same value, per kind: Stalin must not answer half the bank
# One blank per sentence, the best it offers: a second blank on the same sentence asks a name beside the
# claim ("____ rejected his proposal" beside "Mao ____ his proposal"), which tests the name, not the point.
BLANKS_PER_SENTENCE = 1
# What a false statement may change: a share. With another person's name a statement is false by the name
# alone ("President Stalin said the country should…"), a test of recall; a swapped verb rarely reads.
SWAPPED_KINDS = frozenset({"percentage"})
MAX_WORDS_WITH_LEAD = 80  # a sentence quoted with the one before it, for its antecedent
TRIVIA_KINDS = frozenset({"year", "date", "number", "percentage"})
# A year, a day or a bare count is never the blank: "In ____ Kim visited Moscow" or "Moscow sent ____
# specialists" asks a date or a figure, not the history (criterion 8). A share stays: it measures a claim.
UNASKED_KINDS = frozenset({"year", "date", "number"})
# A person is worth a blank when the texts make them matter: named by both, or in this share of the prose
# sentences (and at least PROMINENT_MIN of them). A name met once or twice is a spelling test, and one
# met in one sentence in fifty (the go-betweens of Weathersby's paper) was judged a name detail.
PROMINENT_SHARE, PROMINENT_MIN = 0.04, 4
# At most this share of the blanks and choices ask for a date or a figure (plus a few to start with):
# the rest ask what a source claims and who did what.
TRIVIA_SHARE, TRIVIA_ALLOWANCE = 0.3, 1
# What a blank is worth asking about, best first: an actor, a share, then a count or a date. A verb of
# judgement is not blanked: its wrong options rarely fit the sentence around it ("only after Stalin ruled …
# Kim ____" leaves only "agreed"), and reviewers kept none of the nine verb choices and swapped-verb
# statements of the DPRK drafts; "which source says this?" asks about the stance instead.
_RANK = {"person": 1, "percentage": 2, "number": 3, "year": 4, "date": 5}
SKILL_BY_TYPE = {
    CLOZE.name: "close_reading",
    MULTIPLE_CHOICE.name: "close_reading",
    TRUE_FALSE.name: "close_reading",
    WHICH_SOURCE.name: "sourcing",
    FLASHCARD.name: "corroboration",
}
# "the Soviet leader", "the Chinese premier": an office that names one person of the story.
_OFFICE = re.compile(
    r"\bthe (?:[A-Z][a-z]+(?:an|ese|ish|ic)|Soviet|North Korean) "
    r"(?:leader|premier|chairman|president|commander|foreign minister|ambassador)\b"
)
_SENTENCE_END = re.compile(r"[.!?][”\"’')]*$")


@dataclass(frozen=True)
class SourceSentence:
    source_id: str
    source_name: str  # how prompts name the source: "According to Weathersby, …"
    text: str
    heading: str | None
    paragraph: str  # the whole passage: context for pairing claims
    previous: str = ""  # the sentence before, when the two are one verbatim run of the source
    lead: str = ""  # the part of `text` that is the sentence before, quoted for its antecedent
    voice: str = ""  # whose words these are when not the source's own: "John Parker’s sworn deposition"
    testimony: bool = False  # a witness's own words (a deposition, an answer in a transcript)
    account: bool = False  # the voice is someone the source quotes at length ("Her story was as follows:")
    verdict: str = ""  # the author's own verdict on that account, from the paragraphs after it
    clause: bool = False  # a clause of a sentence too long to quote whole (a deposition's 200 words)
    when: frozenset[int] = frozenset()  # the years the narrative is at (relation_cues.narrative_years)
    asked: str = ""  # a transcript's answer worth asking about: the question put to the witness
    set_up: bool = False  # the next sentence overturns it ("However, …"): the author's premise, not claim

    @property
    def quotable(self) -> bool:
        """Fit to quote in a prompt: a readable sentence, a clause cut from one too long to read, or an
        answer quoted with its question. Never a premise the next sentence overturns: alone it says the
        opposite of what its author argues."""
        return not self.set_up and (self.clause or readable(self.text) or bool(self.asked))

    @property
    def shown(self) -> str:
        """How a prompt quotes it: a clause with ellipses, since its sentence goes on around it."""
        return f"…{self.text}…" if self.clause else self.text

    @property
    def speaking(self) -> str:
        """Who a prompt says speaks: "John Parker’s sworn deposition in “A Narrative…”", "Jacob Hamblin, as
        quoted in “Special Report…”", or the source."""
        if self.account:
            return f"{self.voice}, as quoted in {self.source_name}"
        return f"{self.voice} in {self.source_name}" if self.voice else self.source_name

    @property
    def claim_text(self) -> str:
        """The sentence the question is about, without the sentence quoted before it."""
        return self.text[len(self.lead) :].lstrip() if self.lead else self.text


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
    return sentence.count(";") <= 2 and sentence.count(",") <= 8 and not inventory(sentence)


# "260 tons of iron pipes", "80 tons of …": a count with the thing counted.
_COUNTED = re.compile(r"(?<![\w.,])\d[\d,.]*\s+(?:tons?\s+of\s+)?[a-z]")
INVENTORY_COUNTS = 3  # counted things in one stretch of text: a list of goods, not a claim


def inventory(text: str) -> bool:
    """A list of goods or figures ("…260 tons of iron pipes, 80 tons of steam-fired pipes, 330 tons…"):
    a learner can place it by its topic alone, and what it shows is in the sum, not in any one line."""
    return len(_COUNTED.findall(text)) >= INVENTORY_COUNTS


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


_CLAUSE_END = re.compile(r"(?<=[;:])\s+")
# A clause opening on one of these leans on the clause before it ("which…", "upon this…").
_LEANING = frozenset(
    {"which", "who", "whom", "whose", "where", "when", "that", "and", "but", "or", "then", "upon"}
)


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence too long to read, split where it pauses (";" or ":"), that stand alone:
    long enough to say something, not leaning on what came before, with their quotation marks closed."""
    if len(sentence.split()) <= MAX_WORDS:
        return []
    found = []
    for part in _CLAUSE_END.split(sentence):
        clause = part.rstrip(";: ").strip()
        words = clause.split()
        if not MIN_WORDS <= len(words) <= MAX_WORDS or words[0].lower().strip(",") in _LEANING:
            continue
        if (
            dangling_start(clause) is None
            and prose(clause)
            and _quote_balanced(clause)
            and not inventory(clause)
        ):
            found.append(clause)
    return found


def with_antecedent(sentence: SourceSentence) -> SourceSentence | None:
    """The sentence itself, or, when it leans on the one before ("He…", "Stalin countered, however,"; in a
    witness's words any "he" or "it" nothing in it names), the two quoted together; None when the sentence
    before is not at hand or would not help."""
    unnamed = sentence.testimony and leans_on_someone_unnamed(sentence.text) is not None
    if dangling_start(sentence.text) is None and not unnamed:
        return sentence
    previous = sentence.previous
    if not previous or dangling_start(previous) is not None or not readable(previous):
        return None
    text = f"{previous} {sentence.text}"
    if len(text.split()) > MAX_WORDS_WITH_LEAD:
        return None
    return replace(sentence, text=text, lead=previous, previous="")


_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]{3,}")
FORMULA_SHARE = 0.4  # of a sentence's word triples found in two other sentences: a formula, not a claim
MIN_PROSE_WORDS = 5  # lower-case words of four letters or more: fewer is a list of names or a title


def _triples(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z][a-z’'-]*", " ".join(w for w in text.split() if w.islower()))
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def formulaic_sentences(sentences: Sequence[str]) -> set[str]:
    """Sentences whose wording recurs around different names ("…being duly cautioned to testify the whole
    truth, made solemn oath…"): blanking the name in one of them asks a spelling, not the history."""
    counts: Counter[tuple[str, ...]] = Counter(t for text in set(sentences) for t in _triples(text))
    formulaic = set()
    for text in set(sentences):
        triples = _triples(text)
        if triples and sum(counts[t] >= 3 for t in triples) >= FORMULA_SHARE * len(triples):
            formulaic.add(text)
    return formulaic


def prose(sentence: str) -> bool:
    """A sentence that says something, not a list of names, a jurat or a title in capitals."""
    return len(lower_words(sentence)) >= MIN_PROSE_WORDS


def lower_words(text: str) -> list[str]:
    """The lower-case words of four letters or more: what a text says, beside its names and figures."""
    return _LOWER_WORD.findall(text)


def completes_itself(sentence: str, span: Span) -> bool:
    """ "the two sides", "both parties": a small count that the words around it give away."""
    if span.kind != "number" or not isinstance(span.value, float) or span.value > 2:
        return False
    before = sentence[: span.start].split()[-1:]
    return bool(before) and before[0].lower() in {"the", "both", "these", "those", "its", "their"}


def scare_quoted(sentence: str, span: Span) -> bool:
    """A word the text sets in quotation marks by itself ("in regard to “Mormon” doctrine"): the text's
    label for a thing, which the marks left around the blank give away ("“Stalin’s Toast”" is no such)."""
    before, after = sentence[span.start - 1 : span.start], sentence[span.end : span.end + 2]
    return before in ("“", '"', "‘") and re.match(r"[”\"]|’(?!\w)", after) is not None


def prominent_people(spans_of: Sequence[Sequence[Span]], source_of: Sequence[str]) -> frozenset[str]:
    """The people a learner can be asked about: named in both sources, or often in the prose of one.

    ``spans_of`` holds the spans of each prose sentence of both texts (formulas such as jurats left out,
    since a name repeated in "sworn before us" lines says nothing of its weight); ``source_of`` names each
    sentence's source.
    """
    mentions: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    for spans, source in zip(spans_of, source_of, strict=True):
        for name in {s.value for s in spans if s.kind == "person"}:
            mentions[str(name)] += 1
            sources.setdefault(str(name), set()).add(source)
    enough = max(PROMINENT_MIN, PROMINENT_SHARE * len(spans_of))
    return frozenset(name for name, count in mentions.items() if count >= enough or len(sources[name]) > 1)


def titled(sentence: str, span: Span) -> bool:
    """A name with its office before it ("President Kim Il Sung", "Foreign Minister Pak Hon-Yong")."""
    before = sentence[: span.start].split()[-1:]
    return bool(before) and title_of(before[0]) is not None


def described(sentence: str, span: Span) -> bool:
    """The sentence names the person's office elsewhere ("… brought to ____ for resolution and the Soviet
    leader invariably sided …"): a blank on the name answers itself."""
    rest = sentence[: span.start] + " " + sentence[span.end :]
    return _OFFICE.search(rest) is not None


def teaching_rank(span: Span) -> int:
    return _RANK.get(span.kind, 9)


def in_text(choice: str, text: str) -> bool:
    """Whether a choice shows in a text as a whole word or figure (case-insensitive)."""
    return bool(re.search(rf"(?<![\w.,]){re.escape(choice.casefold())}(?![\w%]|[.,]\d)", text.casefold()))


def giveaway_by_length(answer: str, distractors: Sequence[str]) -> bool:
    """The answer much longer than every wrong option: a test-wise learner picks it unread."""
    return bool(distractors) and len(answer) > 1.5 * max(len(d) for d in distractors) and len(answer) > 8


def blank_out(sentence: str, span: Span) -> str | None:
    """The sentence with the span blanked, or None if the answer (or a person's surname) still shows
    elsewhere in it."""
    rest = sentence[: span.start] + "____" + sentence[span.end :]
    if span.text.casefold() in rest.casefold():
        return None
    surname = span.text.split()[-1] if span.kind == "person" and " " in span.text else ""
    if len(surname) > 2 and re.search(rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])", rest):
        return None  # "…met ____ … “Brother” Lee": the surname elsewhere gives "John D. Lee" away
    return rest


def _usable(span: Span) -> bool:
    """Full names only (not "Zhou" beside "Zhou Enlai"); no ranges: a blank must have one answer."""
    if span.kind == "person":
        return span.granularity == "full"
    return span.granularity != "range"


def _in_claim(sentence: SourceSentence, span: Span) -> bool:
    """A span of the sentence the question is about, not of the sentence quoted before it."""
    return span.start >= len(sentence.text) - len(sentence.claim_text)


class QuestionMaker:
    """Builds the draft questions for all sentences, keeping per-answer caps and ids across sources."""

    def __init__(
        self,
        people: PeopleIndex,
        pool: Sequence[Span],
        common_words: set[str],
        rng: random.Random,
        name_forms: dict[str, list[str]] | None = None,
        formulaic: set[str] | None = None,
        prominent: frozenset[str] | None = None,
        titles: dict[str, str] | None = None,
        phrases: Counter[tuple[str, ...]] | None = None,
    ):
        self.people, self.pool, self.common_words, self.rng = people, list(pool), common_words, rng
        self.name_forms = name_forms or {}
        self.formulaic = formulaic or set()
        self.prominent = prominent  # None: every person may be asked about
        self.titles = titles or {}  # source id -> its title: whom "Kim Il Sung and His Spirit…" is about
        self.phrases = phrases or Counter()  # three-word runs of both texts: their stock phrases
        self.asked = 0  # blanks and choices made so far
        self.trivia = 0  # of which ask for a date or a figure
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
        if sentence.set_up or not readable(sentence.text) or not _quote_balanced(sentence.text):
            return []
        if not prose(sentence.text) or sentence.text in self.formulaic:
            return []
        resolved = with_antecedent(sentence)
        if resolved is None or not _quote_balanced(resolved.text):
            return []
        sentence = resolved
        questions: list[DraftQuestion] = []
        facts = [
            s
            for s in find_spans(sentence.text, self.people)
            if _usable(s) and _in_claim(sentence, s) and self._worth_asking(sentence, s)
        ]
        ranked = sorted(facts, key=lambda s: (teaching_rank(s), s.start))
        chosen = 0
        for span in ranked:
            if chosen >= BLANKS_PER_SENTENCE:
                break
            if span.kind in TRIVIA_KINDS and not self._trivia_allowed():
                continue
            chosen += self._cloze_and_choice(sentence, span, questions)
        paragraph = (sentence.source_id, sentence.paragraph)
        # A statement is made only where it can also be made false: a share. Statements that could only be
        # true would all answer "True", and a learner would learn to guess it.
        statements = [s for s in ranked if s.kind in SWAPPED_KINDS]
        # "According to Lord, I remained in the chart room" is nobody's sentence: a witness's first person
        # is quoted ("which source says this?"), never restated.
        # "According to Weathersby, According to Soviet scholars, …" would attribute it twice.
        attributed = sentence.claim_text.lstrip("“\"‘'(").startswith("According to")
        if (
            statements
            and paragraph not in self.true_false_paragraphs
            and not first_person(sentence.claim_text)
            and not attributed
        ):  # one statement per paragraph is plenty
            self.true_false_paragraphs.add(paragraph)
            self._true_false(sentence, statements[0], questions)
        return questions

    def _worth_asking(self, sentence: SourceSentence, span: Span) -> bool:
        """Not a date, not a minor name, not a count the words around it give away."""
        if span.kind in UNASKED_KINDS or completes_itself(sentence.text, span):
            return False
        if scare_quoted(sentence.text, span):
            return False
        before, after = sentence.text[: span.start], sentence.text[span.end :]
        if completes_stock_phrase(before, span.text, after, self.phrases):
            return False  # "the Mormons and ____" where the text says "Mormons and Indians" throughout
        if span.kind != "person":
            return True
        # "President ____" gives away whom it means; "President Stalin" would make a silly false statement.
        if titled(sentence.text, span) or described(sentence.text, span):
            return False
        # In "Kim Il Sung and His Spirit of Independence", "commanded by ____" can only be its hero; under
        # the heading "Stalin's Toast", "leaders of the Soviet party, including ____" can only be Stalin.
        named = f"{self.titles.get(sentence.source_id, '')} {sentence.heading or ''}".casefold()
        if str(span.value).casefold() in named:
            return False
        return self.prominent is None or str(span.value) in self.prominent

    def _trivia_allowed(self) -> bool:
        return self.trivia < TRIVIA_ALLOWANCE + TRIVIA_SHARE * self.asked

    def _wrong_values(self, span: Span, same_range: bool) -> list[str]:
        """Values that would make the sentence wrong: every other value of the span's kind in the texts,
        rendered like it (of the same range only, when ``same_range``)."""
        return [
            render_like(span, other.value)
            for other in same_kind_candidates(span, self.pool)
            if other.value != span.value and (not same_range or _same_range(span, other))
        ]

    def _distractors(self, span: Span, prompt: str) -> list[str]:
        """Up to three wrong options of the answer's kind that the prompt does not print and that do not
        make the answer stand out by length or range."""
        candidates = self._wrong_values(span, same_range=True)
        shown = prompt.replace("____", " ")
        kept = [
            d
            for d in dict.fromkeys(candidates)
            if d.casefold() != span.text.casefold() and not in_text(d, shown)
        ]
        chosen = kept[:3]
        if giveaway_by_length(span.text, chosen):
            longer = [d for d in kept[3:] if len(d) * 1.5 >= len(span.text)]
            chosen = [*chosen[:2], longer[0]] if longer else []
        return chosen

    def _cloze_and_choice(self, sentence: SourceSentence, span: Span, questions: list[DraftQuestion]) -> int:
        """Add a multiple-choice or (failing that) a cloze question on the span; 1 if one was added."""
        stem = blank_out(sentence.text, span)
        if stem is None:
            return 0
        prompt = f"According to {sentence.speaking}: “{stem}”"
        if span.text.casefold() in prompt.replace("____", "").casefold():
            return 0  # the source's own name gives the answer away ("Kim Il Sung and His Spirit…")
        where = f" ({sentence.heading})" if sentence.heading else ""
        explanation = f"The text{where} reads “{span.text}”."
        # A name is typed, not picked: the other people of a history share its sides and its deeds, so a
        # wrong name offered beside it was often also right ("Zhou Enlai" was as determined as Mao).
        distractors = [] if span.kind == "person" else self._distractors(span, prompt)
        before = len(questions)
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
                    accepted_answers=accepted_variants(span, self.name_forms),
                    tags=["generated", span.kind],
                ),
            )
        added = len(questions) - before
        self.asked += added
        self.trivia += added if span.kind in TRIVIA_KINDS else 0
        return added

    def _true_false(self, sentence: SourceSentence, span: Span, questions: list[DraftQuestion]) -> None:
        """A true statement, or the same statement with one detail changed: the changed one must be false."""
        wrongs = self._wrong_values(span, same_range=False)
        # A share already in the sentence ("75.1% … not 24.6%") would give itself away.
        wrongs = [w for w in wrongs if not in_text(w, sentence.text)]
        make_false = bool(wrongs) and not hedged(sentence.text, span) and self.rng.random() < 0.5
        text = sentence.text
        if make_false:
            wrong = wrongs[0]
            text = text[: span.start] + wrong + text[span.end :]
            explanation = f"False: the text reads “{span.text}”, not “{wrong}”."
        else:
            explanation = "True: the text says so."
        prompt = f"According to {sentence.speaking}, {as_clause(text, self.common_words)}"
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


def _same_range(span: Span, other: Span) -> bool:
    """A share stays a share: 106.9% is no wrong answer for a part of a whole."""
    if span.kind != "percentage" or not isinstance(span.value, float) or span.value > 1:
        return True
    return isinstance(other.value, float) and 0 <= other.value <= 1


def as_clause(sentence: str, common_words: set[str]) -> str:
    """Lower-case the first word after "According to X," unless it is a name ("Stalin", "DPRK", "I")."""
    first = sentence.split(maxsplit=1)[0]
    if first.lower() in common_words and first != "I":
        return sentence[0].lower() + sentence[1:]
    return sentence
