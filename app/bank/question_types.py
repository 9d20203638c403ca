"""Pure: the registry of question types and the rules each type's answer must follow.

New types register here, so the validator, the loader and (later) grading share one list.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.bank.schema import ATTRIBUTION_ANSWERS, QuestionSpec
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


@dataclass(frozen=True)
class QuestionType:
    name: str
    label: str
    has_choices: bool
    check: TypeCheck


def _text_answer(question: QuestionSpec) -> list[str]:
    if not isinstance(question.answer, str) or not question.answer.strip():
        return ["answer must be non-empty text"]
    return []


def _check_multiple_choice(question: QuestionSpec, _context: TypeContext) -> list[str]:
    problems = _text_answer(question)
    choices = question.choices or ()
    if not 2 <= len(choices) <= 6:
        problems.append(f"multiple_choice needs 2 to 6 choices, has {len(choices)}")
    seen: dict[str, str] = {}
    for choice in choices:
        key = normalise_choice(choice)
        if key in seen:
            problems.append(f"choices {seen[key]!r} and {choice!r} are the same")
        seen[key] = choice
    if isinstance(question.answer, str) and question.answer not in choices:
        problems.append(f"answer {question.answer!r} is not among the choices")
    return problems


def _check_true_false(question: QuestionSpec, _context: TypeContext) -> list[str]:
    problems = []
    if not isinstance(question.answer, bool):
        problems.append("true_false answer must be true or false")
    if "according to" not in question.prompt.casefold():
        problems.append('a true/false statement must be framed as a claim: "According to …"')
    return problems


def _answer_given_away(question: QuestionSpec) -> list[str]:
    if isinstance(question.answer, str) and normalise_choice(question.answer) in normalise_choice(
        BLANK.sub(" ", question.prompt)
    ):
        return [f"the answer {question.answer!r} already appears in the prompt"]
    return []


def _check_typed(question: QuestionSpec, _context: TypeContext) -> list[str]:
    return _text_answer(question) + _answer_given_away(question)


def _check_cloze(question: QuestionSpec, _context: TypeContext) -> list[str]:
    problems = _text_answer(question) + _answer_given_away(question)
    blanks = len(BLANK.findall(question.prompt))
    if blanks != 1:
        problems.append(f"a cloze prompt needs exactly one blank ____, has {blanks}")
    if isinstance(question.answer, str) and normalise_choice(question.answer) not in normalise_choice(
        question.support.quote
    ):
        problems.append(f"cloze answer {question.answer!r} does not occur in its support quote")
    return problems


def _check_which_source(question: QuestionSpec, context: TypeContext) -> list[str]:
    allowed = (*context.source_ids, *ATTRIBUTION_ANSWERS)
    if question.answer not in allowed:
        return [f"which_source answer must be one of {', '.join(allowed)}"]
    if question.answer in context.source_ids and question.answer != question.support.source:
        return [f"answer says {question.answer!r} but the support quote is in {question.support.source!r}"]
    if question.answer == "both" and context.pair_relation != "corroborates":
        return ['answer "both" needs a claim pair whose relation is corroborates']
    return []


def _check_flashcard(question: QuestionSpec, _context: TypeContext) -> list[str]:
    return _text_answer(question)


QUESTION_TYPES: dict[str, QuestionType] = {
    t.name: t
    for t in (
        QuestionType("multiple_choice", "Multiple choice", True, _check_multiple_choice),
        QuestionType("true_false", "True or false", False, _check_true_false),
        QuestionType("typed", "Typed answer", False, _check_typed),
        QuestionType("cloze", "Fill in the blank", False, _check_cloze),
        QuestionType("which_source", "Which source says this?", False, _check_which_source),
        QuestionType("flashcard", "Flashcard", False, _check_flashcard),
    )
}
