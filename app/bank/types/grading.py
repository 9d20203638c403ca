"""Pure: grade a learner's response against the revision they were shown.

Typed answers are compared after normalising what a teacher would not count as a mistake: case,
spacing, punctuation, curly quotes and the space in "75.1 %".
"""

import re
import unicodedata
from dataclasses import dataclass

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NUMBER_SPACE = re.compile(r"(?<=\d)\s+(?=%)")
_PUNCTUATION = re.compile(r"[^\w\s%.]")
_NON_DECIMAL_DOT = re.compile(r"\.(?!\d)|(?<!\d)\.")
LONGEST_TYPED_ANSWER = 500


class InvalidResponse(ValueError):
    """The response could not have come from the page the learner was shown (tampered or empty)."""


@dataclass(frozen=True)
class Grade:
    correct: bool
    response: str  # the response in words, as stored and shown back
    expected: str  # the right answer in words
    error_kind: str | None  # None when correct; "attribution" when the learner picked the other source


def normalise_typed(text: str) -> str:
    """Fold what does not change an answer's meaning: case, accents' forms, spacing, punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _THOUSANDS.sub("", text)
    text = _NUMBER_SPACE.sub("", text)
    text = _PUNCTUATION.sub(" ", text)
    text = _NON_DECIMAL_DOT.sub(" ", text)
    return " ".join(text.split())


def chosen_option(response: str, shown_options: list[str] | None) -> str:
    """The option a learner picked by its index; ``InvalidResponse`` for one the page never offered."""
    if not shown_options:
        raise InvalidResponse("This question offered no options.")
    try:
        index = int(response)
    except (TypeError, ValueError):
        raise InvalidResponse("Choose one of the options shown.") from None
    if not 0 <= index < len(shown_options):
        raise InvalidResponse("That option was not offered.")
    return shown_options[index]


def typed_response(response: str) -> str:
    text = response.strip()
    if not text:
        raise InvalidResponse("Type an answer before checking it.")
    if len(text) > LONGEST_TYPED_ANSWER:
        raise InvalidResponse(f"That answer is too long ({LONGEST_TYPED_ANSWER} characters at most).")
    return text


def matches_typed(text: str, answer: str, accepted_answers: list[str]) -> bool:
    wanted = {normalise_typed(a) for a in (answer, *accepted_answers)}
    return normalise_typed(text) in wanted
