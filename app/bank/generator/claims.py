"""Pure: the claim-bearing word of a sentence (a verb of judgement or action), and fair wrong answers for it.

A date or a figure is easy to blank but rarely what a source argues; "Kim Il Sung ____ the demand" asks
what the source claims he did. Verbs are grouped by stance, and a distractor always comes from another
stance ("agreed" against "rejected"), so no wrong option is also right; distractors are taken from words
the texts use where they can be, from the built-in groups otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from app.bank.generator.candidates import Span

STANCES: dict[str, tuple[str, ...]] = {
    "refuse": (
        "refused",
        "rejected",
        "opposed",
        "resisted",
        "denied",
        "declined",
        "condemned",
        "criticized",
        "criticised",
        "blamed",
        "rebuked",
        "protested",
        "objected",
        "repudiated",
        "vetoed",
    ),
    "accept": (
        "agreed",
        "accepted",
        "supported",
        "approved",
        "welcomed",
        "praised",
        "endorsed",
        "encouraged",
        "thanked",
        "commended",
        "promised",
        "pledged",
        "allowed",
        "permitted",
        "consented",
    ),
    "press": ("demanded", "insisted", "urged", "pressed", "requested", "proposed", "ordered", "warned"),
    # Not "delayed": stalling is too near refusing for one to be the wrong answer beside the other.
    "doubt": ("hesitated", "doubted", "feared", "suspected", "wavered", "questioned"),
    "force": (
        "fired",
        "attacked",
        "killed",
        "destroyed",
        "plundered",
        "burned",
        "burnt",
        "seized",
        "invaded",
    ),
    "yield": ("retreated", "withdrew", "fled", "dispersed", "surrendered", "yielded", "submitted"),
}
# Stances a learner weighs against each other: what was said or decided, and what was done.
FAMILIES = ({"refuse", "accept", "press", "doubt"}, {"force", "yield"})
STANCE_OF = {verb: stance for stance, verbs in STANCES.items() for verb in verbs}
# What may follow each verb, so a wrong option reads as grammatically as the right one.
_TAKES_TO = frozenset(
    [
        "refused",
        "declined",
        "agreed",
        "promised",
        "pledged",
        "hesitated",
        "demanded",
        "consented",
        "offered",
        "wavered",
    ]
)
_TAKES_THAT = frozenset(
    [
        "denied",
        "insisted",
        "agreed",
        "promised",
        "warned",
        "feared",
        "doubted",
        "suspected",
        "demanded",
        "proposed",
        "requested",
        "objected",
        "protested",
        "ordered",
        "urged",
    ]
)
# Only a demand takes a clause without a tense of its own: "proposed that the DPRK join" (not "agreed").
_DEMANDS = frozenset(["demanded", "insisted", "urged", "requested", "proposed", "ordered"])
# Only a judgement of someone takes an object and a reason: "criticized Kim Il Sung for holding to …".
_JUDGES = frozenset(
    ["criticized", "criticised", "condemned", "blamed", "rebuked", "praised", "thanked", "commended"]
)
# Words that give a that-clause its own tense: "that they must move", "that Nam Il would head".
_TENSED = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "am",
        "been",
    ]
)
_NO_OBJECT = frozenset(
    [
        "agreed",
        "objected",
        "protested",
        "hesitated",
        "wavered",
        "insisted",
        "consented",
        "retreated",
        "fled",
        "dispersed",
        "surrendered",
        "yielded",
        "submitted",
        "withdrew",
        "fired",
    ]
)
# "the proposed agenda", "would be denied", "further delayed": a participle used as an adjective or in the
# passive says nothing of what an actor did.
_NOT_AFTER = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "be",
        "been",
        "being",
        "is",
        "was",
        "are",
        "were",
        "further",
        "his",
        "her",
        "their",
        "its",
        "our",
        "this",
        "that",
        "these",
        "those",
        "any",
        "no",
        "more",
        "most",
    ]
)
_WORD = re.compile(r"[A-Za-z]+")


def following_word(sentence: str, span: Span) -> str:
    match = _WORD.search(sentence, span.end)
    return match.group() if match and not sentence[span.end : match.start()].strip(" ") else ""


def claim_spans(sentence: str) -> list[Span]:
    """Verbs of judgement or action in the sentence (never its first word, which has no actor before it)."""
    spans = []
    for match in _WORD.finditer(sentence):
        word = match.group()
        stance = STANCE_OF.get(word.lower())
        if stance is None or match.start() == 0 or not word.islower():
            continue
        before = _WORD.findall(sentence[: match.start()])[-1:]
        if before and before[0].lower() in _NOT_AFTER:
            continue
        spans.append(Span("claim", word, match.start(), match.end(), word.lower(), "verb", "lower", stance))
    return spans


def frame(after: str) -> str:
    """What follows a blanked verb, as far as a wrong verb must fit it: "to", "that", "bare that" (a
    clause with no tense of its own, "proposed that the DPRK join", which only a demand takes), "for" (an
    object and a reason, "criticized Kim for holding", which only a judgement of someone takes), a
    preposition, or an object."""
    words = [w.lower() for w in _WORD.findall(after)[:6]]
    first = words[0] if words else ""
    if first == "that":
        tensed = any(w in _TENSED or w.endswith("ed") for w in words[1:])
        return "that" if tensed else "bare that"
    if first in {"to", "on", "upon", "at", "from", "with", "in", "for", "against", "by"}:
        return first if first == "to" else "preposition"
    return "for" if "for" in words[1:5] else "object"


def fits(verb: str, after: str) -> bool:
    """Whether `verb` can stand before what follows the blank ("refused to", "denied that")."""
    kind = frame(after)
    if kind == "to":
        return verb in _TAKES_TO
    if kind == "that":
        return verb in _TAKES_THAT
    if kind == "bare that":
        return verb in _DEMANDS
    if kind == "preposition":
        return True
    if kind == "for":
        return verb in _JUDGES
    return verb not in _NO_OBJECT


def claim_distractors(span: Span, texts_words: Iterable[str], after: str = "", count: int = 3) -> list[str]:
    """Wrong answers from other stances of the same family (a decision for a decision, a deed for a deed)
    that fit what follows the blank (``after``), words the texts use first, one per stance before any
    repeats."""
    used = {w.lower() for w in texts_words}
    family = next(f for f in FAMILIES if span.unit in f)
    others = [stance for stance in STANCES if stance != span.unit and stance in family]
    by_stance = [
        sorted(
            (verb for verb in STANCES[stance] if fits(verb, after)),
            key=lambda verb: (verb not in used, STANCES[stance].index(verb)),
        )
        for stance in others
    ]
    by_stance = [verbs for verbs in by_stance if verbs]
    if not by_stance or not fits(span.value, after):  # type: ignore[arg-type]
        return []
    by_stance.sort(key=lambda verbs: verbs[0] not in used)  # stances the texts speak in come first
    chosen: list[str] = []
    for depth in range(max(len(v) for v in by_stance)):
        for verbs in by_stance:
            if depth < len(verbs) and len(chosen) < count:
                chosen.append(verbs[depth])
    return chosen


def words_of(texts: Sequence[str]) -> set[str]:
    """The lower-case words the texts use, so distractors can prefer them."""
    return {w.lower() for text in texts for w in _WORD.findall(text)}
