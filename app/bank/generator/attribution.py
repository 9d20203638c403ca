"""Pure: "which source says this?" questions, with each of the four answers only where it is true.

- one source: a sentence from a confident claim pair, or one that takes a stance, quoted whole; the other
  side (or its silence) is the contrast;
- both: the two sources give the same share (a percentage) in sentences that also share their wording
  around it; the question names the fact and the shared words, which both sentences contain, and the pair
  is proposed as `corroborates`;
- neither: a sentence with one share swapped for another from the texts, kept only if no sentence of
  either source on the same point gives that figure, so the statement is one neither source makes.
Everything stays a draft: a reviewer checks that "both" really is the same claim.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.bank.generator.claims import claim_spans
from app.bank.generator.pairs import content_stems
from app.bank.generator.questions import (
    DraftQuestion,
    QuestionMaker,
    SourceSentence,
    hedged,
    prose,
    readable,
    with_antecedent,
)
from app.bank.generator.spans import Span, render_like, same_kind_candidates
from app.bank.types import FLASHCARD, WHICH_SOURCE

# "Which source gives 19th of April?" and a statement with one count swapped ask a date or a figure, not
# the history (REVIEW.md criterion 8): only a share, which measures a claim, makes a "both" or "neither".
BOTH_KINDS = ("percentage",)
NEITHER_KINDS = ("percentage",)
MAX_BOTH = 6
SAME_POINT_STEMS = 2  # sentences sharing this many content stems are taken to be on the same point


@dataclass
class DraftPair:
    id: str
    a: SourceSentence
    b: SourceSentence
    score: float
    confident: bool
    relation: str = "qualifies"
    note: str = ""  # the rationale: the evidence for the relation and what the reviewer should check
    same_point: bool = False  # the words show both sentences are on one point (not only a shared topic)


# What the back of a card says of the pair: the learner checks a judgement, not a question left open.
_ON_THE_BACK = {
    "contradicts": "It contradicts the first: both cannot be true of the same thing at the same time.",
    "qualifies": "It qualifies the first: it adds a limit, a condition or context to it.",
}


def pair_questions(
    pairs: Sequence[DraftPair], maker: QuestionMaker, names: dict[str, str]
) -> list[DraftQuestion]:
    """Attribution questions and flashcards need a counterpart the ranking is sure of, or whose words show
    the same point; an agreement makes no contrast to ask about."""
    questions: list[DraftQuestion] = []
    for pair in pairs:
        if pair.relation == "corroborates" or not (pair.confident or pair.same_point):
            continue
        for own in (pair.a, pair.b):
            quoted = in_context(own) if own.quotable else None
            if quoted is None:
                continue  # "He asked…" with no sentence before it to say who
            _which_source(questions, maker, names, quoted, pair.id)
        front, back = in_context(pair.a), in_context(pair.b)
        if front is None or back is None or front.clause or back.clause:
            continue
        maker.add(
            questions,
            DraftQuestion(
                maker.next_id(pair.a, FLASHCARD.name),
                FLASHCARD.name,
                # The front says whose claim it is and asks for the other side's.
                f"According to {front.speaking}{_words(front)} What does "
                f"{names[pair.b.source_id]} say on this point?",
                f"{_capital(back.speaking)}{_words(back)} {_ON_THE_BACK[pair.relation]}",
                "",
                front,
                tags=["generated", "claim-pair"],
                claim_pair=pair.id,
            ),
        )
    return questions


def in_context(sentence: SourceSentence) -> SourceSentence | None:
    """The sentence as a prompt quotes it: a witness's answer with its question, any other sentence with
    the one before when it leans on it (None when that cannot be had)."""
    return sentence if sentence.asked else with_antecedent(sentence)


def _words(sentence: SourceSentence) -> str:
    """How a prompt quotes a sentence after its source's name: an answer with the question put."""
    if sentence.asked:
        return f", asked “{sentence.asked}”, the witness answered: “{sentence.shown}”"
    return f": “{sentence.shown}”"


# A witness's denial or refusal ("I did not know anything about these rockets until 7 o'clock") is a
# stance, whatever its verb: it is what the other witness may contradict.
_DENIES = re.compile(r"\b(?:not|never|nothing|nobody|no one|none)\b|n[’']t\b", re.IGNORECASE)
# "…and further saith not", "and further say not": how a deposition ends, not something it denies.
_JURAT_CLOSE = re.compile(
    r"\b(?:and\s+)?further\s+(?:the\s+deponents?\s+)?(?:saith|says?|sayeth)\s+not\b", re.I
)


def denies(sentence: str) -> bool:
    """Whether a witness's sentence denies or refuses something, its deposition's closing formula aside."""
    return bool(_DENIES.search(_JURAT_CLOSE.sub("", sentence)))


def claim_questions(
    sentences: Sequence[SourceSentence],
    maker: QuestionMaker,
    names: dict[str, str],
    pair_of: dict[str, DraftPair],
) -> list[DraftQuestion]:
    """ "Which source says this?" on each sentence that takes a stance (a verb of judgement or action, or
    a witness's denial) or faces the other source: telling whose claim it is from what it says is the
    sourcing habit itself, and the contrast then shows what the other side says or that it is silent."""
    questions: list[DraftQuestion] = []
    for whole in sentences:
        pair = pair_of.get(whole.text)
        facing = pair is not None and pair.relation != "corroborates"
        if not (whole.asked or prose(whole.text)) or whole.text in maker.formulaic:
            continue
        # An answer under questioning is the witness's claim, whatever its verbs.
        stance = (
            bool(whole.asked) or bool(claim_spans(whole.text)) or (whole.testimony and denies(whole.text))
        )
        if not whole.quotable or not (facing or stance):
            continue  # "The Chief Officer came back some time after": a witness's filler asks nothing
        quoted = in_context(whole)
        if quoted is not None:
            _which_source(questions, maker, names, quoted, pair.id if facing and pair else None)
    return questions


def _which_source(
    questions: list[DraftQuestion],
    maker: QuestionMaker,
    names: dict[str, str],
    sentence: SourceSentence,
    pair_id: str | None,
) -> None:
    maker.add(
        questions,
        DraftQuestion(
            maker.next_id(sentence, WHICH_SOURCE.name),
            WHICH_SOURCE.name,
            f"Which source says this? {_capital(_words(sentence).lstrip(',: '))}",
            sentence.source_id,
            f"It is from {names[sentence.source_id]}.",
            sentence,
            tags=["generated", "attribution"],
            claim_pair=pair_id,
        ),
    )


def _specific(span: Span) -> bool:
    """A fact two texts share by more than chance: not "two", not a bare month, not a range."""
    if span.kind not in BOTH_KINDS or span.granularity == "range":
        return False
    if span.kind == "date":
        year, _month, day = span.value  # type: ignore[misc]
        return day is not None or year is not None
    if span.kind == "number":
        return bool(span.unit) and isinstance(span.value, float) and span.value >= 2
    return True


def fact_phrase(sentence: str, fact: Span) -> str:
    """The fact as the sentence gives it, with its counted noun: "two Miles", not "two"."""
    if fact.kind != "number" or not fact.unit:
        return fact.text
    following = sentence[fact.end :].split(maxsplit=1)
    return f"{fact.text} {following[0].strip(',.;:')}" if following else fact.text


def _same_fact(x: Span, y: Span) -> bool:
    if x.kind != y.kind or x.value != y.value or x.granularity != y.granularity:
        return False
    return x.kind != "number" or x.unit == y.unit  # "six companies" is not "six rods"


def _shared_words(a: SourceSentence, b: SourceSentence, fact: Span) -> list[str]:
    """Words of `a` whose stems `b` also has, apart from the fact itself, in `a`'s order and spelling."""
    fact_stems = content_stems(fact_phrase(a.text, fact))
    shared = (content_stems(a.text) & content_stems(b.text)) - fact_stems
    words: dict[str, str] = {}
    for word in a.text.replace(",", " ").split():
        word = word.strip("“”\"'‘’().;:!?*†")
        stems = content_stems(word)
        if stems and stems <= shared and not stems & set(words):
            words[next(iter(stems))] = word
    return list(words.values())


def both_questions(
    sentences_a: Sequence[SourceSentence],
    sentences_b: Sequence[SourceSentence],
    spans_of: dict[str, list[Span]],
    maker: QuestionMaker,
    names: dict[str, str],
    pairs: dict[tuple[str, str], DraftPair],
) -> list[DraftQuestion]:
    """ "Both": the same specific fact in a sentence of each source, with shared words around it.

    The pair behind each question is added to ``pairs`` as `corroborates` (an already suggested pair of
    the same two sentences is taken over), since the bank accepts "both" only on such a pair.
    """
    questions: list[DraftQuestion] = []
    seen_facts: set[tuple[str, str]] = set()
    for a in sentences_a:
        for fact in (s for s in spans_of.get(a.text, []) if _specific(s)):
            key = (fact.kind, repr(fact.value))
            if key in seen_facts or len(seen_facts) >= MAX_BOTH:
                continue
            for b in sentences_b:
                twin = next((s for s in spans_of.get(b.text, []) if _same_fact(fact, s)), None)
                words = _shared_words(a, b, fact) if twin is not None else []
                needed = 1 if fact.kind == "date" else SAME_POINT_STEMS
                if twin is None or len(words) < needed:
                    continue
                seen_facts.add(key)
                pair = pairs.setdefault(
                    (a.text, b.text), DraftPair(f"gen-pair-{len(pairs) + 1:03d}", a, b, 1.0, True)
                )
                pair.relation, pair.confident = "corroborates", True
                pair.note = f"Both sentences give {fact_phrase(a.text, fact)} and speak of {_listed(words)}"
                prompt = (
                    f"Which source gives {fact_phrase(a.text, fact)} when it writes about {_listed(words)}?"
                )
                explanation = (
                    f"Both. {_capital(names[a.source_id])}: “{a.text}” {_capital(names[b.source_id])} "
                    f"(as “{twin.text}”): “{b.text}”"
                )
                question = DraftQuestion(
                    maker.next_id(a, WHICH_SOURCE.name),
                    WHICH_SOURCE.name,
                    prompt,
                    "both",
                    explanation,
                    a,
                    tags=["generated", "attribution", "both", fact.kind],
                    claim_pair=pair.id,
                )
                maker.add(questions, question)
                break
    return questions


def _listed(words: Sequence[str]) -> str:
    quoted = [f"“{w}”" for w in words[:4]]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]


def neither_questions(
    sentences: Sequence[SourceSentence],
    maker: QuestionMaker,
    pool: Sequence[Span],
    spans_of: dict[str, list[Span]],
) -> list[DraftQuestion]:
    """A statement with one figure changed is one that neither source makes, if neither gives that figure
    on the same point: a "neither" must never be something one of the texts actually says."""
    questions: list[DraftQuestion] = []
    everything = [(s.text, content_stems(s.text)) for s in sentences]
    all_text = " ".join(text for text, _stems in everything)
    for sentence in sentences:
        if len(questions) >= max(3, len(sentences) // 40) or not readable(sentence.text):
            continue
        if with_antecedent(sentence) is not sentence or not prose(sentence.text):
            continue  # "He said…" or a title line in capitals: not a statement worth attributing
        spans = [
            s
            for s in spans_of.get(sentence.text, [])
            if s.kind in NEITHER_KINDS and s.granularity != "range" and not hedged(sentence.text, s)
        ]
        if not spans:
            continue
        span, own_stems = spans[0], content_stems(sentence.text)
        on_same_point = [
            text
            for text, stems in everything
            if text == sentence.text or len(own_stems & stems) >= SAME_POINT_STEMS
        ]
        for candidate in same_kind_candidates(span, pool):
            replacement = render_like(span, candidate.value)
            altered = sentence.text[: span.start] + replacement + sentence.text[span.end :]
            if " ".join(altered.split()) in all_text or _gives(candidate, on_same_point, spans_of):
                continue
            maker.add(
                questions,
                DraftQuestion(
                    maker.next_id(sentence, WHICH_SOURCE.name),
                    WHICH_SOURCE.name,
                    f"Which source says this? “{altered}”",
                    "neither",
                    f"Neither: {sentence.source_name} reads “{span.text}” here, not “{replacement}”, and "
                    "no sentence of either source on the same point gives it.",
                    sentence,
                    tags=["generated", "attribution", "altered"],
                ),
            )
            break
    return questions


def _gives(value: Span, texts: Iterable[str], spans_of: dict[str, list[Span]]) -> bool:
    """Whether any of these sentences gives the value (in any wording the span finder recognises)."""
    return any(s.kind == value.kind and s.value == value.value for t in texts for s in spans_of.get(t, []))
