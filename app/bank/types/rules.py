"""Pure: what a type's validation rule may consult, and the checks several types share."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.bank.schema import QuestionSpec
from app.sources.parser import collapse_whitespace

BLANK = re.compile(r"_{3,}")


def normalise_choice(text: str) -> str:
    """Two choices that differ only in case or spacing look identical to a learner."""
    return collapse_whitespace(text).casefold()


@dataclass(frozen=True)
class TypeContext:
    """What a type's rules may consult beyond the question itself."""

    source_ids: tuple[str, ...]
    pair_relation: str | None


TypeCheck = Callable[[QuestionSpec, TypeContext], list[str]]


def text_answer(question: QuestionSpec) -> list[str]:
    if not isinstance(question.answer, str) or not question.answer.strip():
        return ["answer must be non-empty text"]
    return []


def answer_given_away(question: QuestionSpec) -> list[str]:
    if isinstance(question.answer, str) and normalise_choice(question.answer) in normalise_choice(
        BLANK.sub(" ", question.prompt)
    ):
        return [f"the answer {question.answer!r} already appears in the prompt"]
    return []
