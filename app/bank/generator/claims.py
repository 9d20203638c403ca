"""Pure: the claim-bearing word of a sentence (a verb of judgement or action).

"Which source says this?" is asked on a sentence that takes a stance: a verb of one of these groups
("refused", "praised", "fired") tells that the sentence claims what someone did or decided, not only
where or when. The verbs are not blanked: a wrong verb rarely fits the sentence around it.
"""

from __future__ import annotations

import re

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
STANCE_OF = {verb: stance for stance, verbs in STANCES.items() for verb in verbs}
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
