"""Pure: grade a learner's response against the revision they were shown.

Typed answers are compared after normalising what a teacher would not count as a mistake: case,
spacing, punctuation, curly quotes and the space in "75.1 %".
"""

import re
import unicodedata
from dataclasses import dataclass

from app.bank.schema import ATTRIBUTION_ANSWERS

QUIZ_TYPES = ("multiple_choice", "true_false", "typed", "cloze", "which_source")
TRUE_FALSE_OPTIONS = ("true", "false")

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NUMBER_SPACE = re.compile(r"(?<=\d)\s+(?=%)")
_PUNCTUATION = re.compile(r"[^\w\s%.]")
_NON_DECIMAL_DOT = re.compile(r"\.(?!\d)|(?<!\d)\.")


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


def attribution_options(source_ids: tuple[str, ...]) -> tuple[str, ...]:
    return (*source_ids, *ATTRIBUTION_ANSWERS)


def grade(
    question_type: str,
    answer: str | bool,
    accepted_answers: list[str],
    response: str,
    shown_options: list[str] | None,
) -> Grade:
    """Grade ``response`` (an option index for choice questions, text for typed ones).

    ``shown_options`` is the option order stored when the question was presented; an index outside it
    raises ``InvalidResponse``: the page never offered it.
    """
    if question_type in ("multiple_choice", "which_source", "true_false"):
        chosen = _chosen_option(response, shown_options)
        expected = str(answer).lower() if question_type == "true_false" else str(answer)
        correct = chosen == expected
        error = None if correct else ("attribution" if question_type == "which_source" else "wrong")
        return Grade(correct, chosen, expected, error)
    if question_type in ("typed", "cloze"):
        text = response.strip()
        if not text:
            raise InvalidResponse("Type an answer before checking it.")
        if len(text) > 500:
            raise InvalidResponse("That answer is too long (500 characters at most).")
        wanted = {normalise_typed(a) for a in (str(answer), *accepted_answers)}
        correct = normalise_typed(text) in wanted
        return Grade(correct, text, str(answer), None if correct else "wrong")
    raise InvalidResponse(f"a {question_type} question is not answered in a quiz")


def _chosen_option(response: str, shown_options: list[str] | None) -> str:
    if not shown_options:
        raise InvalidResponse("This question offered no options.")
    try:
        index = int(response)
    except (TypeError, ValueError):
        raise InvalidResponse("Choose one of the options shown.") from None
    if not 0 <= index < len(shown_options):
        raise InvalidResponse("That option was not offered.")
    return shown_options[index]
