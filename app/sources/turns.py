"""Speaker turns of a transcript or interview: "Q. …" / "A. …", "Question:", "Mr. SMITH.", "THE COURT:",
and the numbered questions and dashed answers of a printed inquiry ("7412. Is your name …?" / "- Yes.").

A question is not a claim, and a label is not part of what anyone said: the parser uses these to give each
sentence its speaker and to say whether its turn asks a question, and the generator never builds a claim
from a question. A label only counts in a text with enough of them (both a question and an answer label,
or several turns of at least two named speakers), so an initial such as "A. Lincoln" in ordinary prose
is never taken for a turn. Pure and stdlib-only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_TITLES = (
    r"(?:Mr|Mrs|Ms|Messrs|Dr|Sen|Rep|Gen|Col|Capt|Lt|Hon|MR|MRS|MS|DR)\.|Miss|Senator|Representative|"
    r"Chairman|Chairwoman|Madam|Judge|Justice|General|Colonel|Captain|Major|Governor|Secretary|President|"
    r"Ambassador|Admiral|Commissioner|Professor|Father|Sister"
)
_CAPS = r"[A-Z][A-Z'’-]+"
_LABEL = re.compile(
    r"(?P<label>"
    r"(?P<asks>Q|Ques|Question|QUESTION)\s*[.:]"
    r"|(?P<answers>A|Ans|Answer|ANSWER)\s*[.:]"
    rf"|(?P<titled>(?:{_TITLES})\s+{_CAPS}(?:\s+{_CAPS}){{0,2}})\s*[.:]"
    rf"|(?P<body>THE\s+{_CAPS}(?:\s+{_CAPS})?)\s*[.:]"  # THE COURT:, THE WITNESS.
    rf"|(?P<named>{_CAPS}(?:\s+{_CAPS}){{0,2}})\s*:"  # SMITH: (a colon: "NO." is an answer, not a label)
    r"|(?P<numbered>\d{1,6})\."  # 7412. a numbered question of a printed inquiry
    r"|(?P<dashed>[-–—])"  # - its answer, on a line of its own
    r")\s+(?=\S)"
)
_ROMAN = re.compile(r"[IVXLC]+")
# "MAJOR: When I left…", "DEAR SIR: I have the honour…": a letter's salutation, not a speaker's label.
_SALUTATION = re.compile(
    r"(?:DEAR\s+)?(?:SIRS?|MADAM|GENTLEMEN|MAJOR|GENERAL|COLONEL|CAPTAIN|LIEUTENANT|GOVERNOR|ADMIRAL)\s*:\s+(?=\S)",
    re.IGNORECASE,
)
_ENDS_QUESTION = re.compile(r"\?[”\"’')\]]*$")
MIN_TURNS = 3
_NUMBERED = re.compile(r"\d{1,6}\.\s+\S")
_DASHED = re.compile(r"[-–—]\s+\S")


def _styled(text: str) -> bool:
    """Opens with an inquiry's number or dash: counted apart, since lists use them too."""
    return bool(_NUMBERED.match(text) or _DASHED.match(text))


def _labelled(openings: list[str]) -> list[str]:
    return [text for text in openings if label_at(text) is not None]


@dataclass(frozen=True)
class Label:
    """A speaker label at the start of a turn; ``length`` covers the label and the space after it."""

    speaker: str  # "Q", "A", "Mr. SMITH", "THE COURT"
    length: int
    asks: bool | None  # True for a question label, False for an answer label, None for a named speaker


def label_at(text: str) -> Label | None:
    """The speaker label that opens ``text``, if any (whatever the rest of the text is)."""
    match = _LABEL.match(text)
    if match is None:
        return None
    if match.group("numbered"):
        return Label("Q", match.end(), True)
    if match.group("dashed"):
        return Label("A", match.end(), False)
    if match.group("named") and salutation(text):
        return None
    name = next(match.group(g) for g in ("asks", "answers", "titled", "body", "named") if match.group(g))
    if _ROMAN.fullmatch(name):
        return None  # "II. The talks" numbers a section
    asks = True if match.group("asks") else False if match.group("answers") else None
    return Label(" ".join(name.split()), match.end(), asks)


def salutation(text: str) -> int:
    """The length of a salutation opening ``text`` ("MAJOR: ", "Dear Sir: "), else 0: it addresses the
    reader of a letter, so it is neither a speaker nor part of the claim that follows it."""
    match = _SALUTATION.match(text)
    return match.end() if match and text[:1].isupper() else 0


def is_transcript(paragraph_openings: Iterable[str]) -> bool:
    """Whether enough paragraphs open with speaker labels for the text to be read as turns."""
    openings = list(paragraph_openings)
    labels = [label for text in openings if (label := label_at(text)) is not None]
    # A numbered list beside a dashed list is not a transcript: numbered turns must ask, and be many.
    numbered = sum(1 for text in openings if _NUMBERED.match(text) and "?" in text)
    dashed = sum(1 for text in openings if _DASHED.match(text))
    if numbered >= MIN_TURNS and dashed >= MIN_TURNS:
        return True
    kinds = {label.asks for label, text in zip(labels, _labelled(openings), strict=True) if not _styled(text)}
    if True in kinds and False in kinds:
        return True
    named = [label.speaker for label in labels if label.asks is None]
    return len(named) >= MIN_TURNS and len(set(named)) >= 2


def asks_question(label: Label | None, sentences: list[str]) -> bool:
    """A question label asks; a named speaker asks when the turn ends in a question mark."""
    if label is not None and label.asks is not None:
        return label.asks
    return bool(sentences) and bool(_ENDS_QUESTION.search(sentences[-1]))
