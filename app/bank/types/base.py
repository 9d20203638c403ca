"""Pure: what a question type declares, in one place, for every part of the app that handles questions.

A type says how it is labelled, where its options come from, how an answer is checked in the bank and
graded in a quiz, which answers count as right, which editor form writes it, which template draws its
answer and how the exporters map it onto Moodle's question types. The registry refuses a type that lacks
one of these or whose pieces contradict each other.
"""

import re
from dataclasses import dataclass

from app.bank.schema import ATTRIBUTION_ANSWERS
from app.bank.types.grading import Grade, InvalidResponse, chosen_option, matches_typed, typed_response
from app.bank.types.rules import TypeCheck

# Where a type's options come from; a type without options is answered by typing.
CHOICES = "choices"  # the question's own choices, shuffled for each learner
BOOLEAN = "boolean"  # true or false
SOURCES = "sources"  # each source learners see, then both and neither
OPTION_KINDS = (CHOICES, BOOLEAN, SOURCES)
TRUE_FALSE_OPTIONS = ("true", "false")

# The Moodle question type an exported question becomes (GIFT and the Anki front follow the same shape).
MULTICHOICE = "multichoice"
TRUEFALSE = "truefalse"
SHORTANSWER = "shortanswer"
EXPORT_SHAPES = {MULTICHOICE: (CHOICES, SOURCES), TRUEFALSE: (BOOLEAN,), SHORTANSWER: (None,)}

_NAME = re.compile(r"^[a-z][a-z_]*[a-z]$")


class IncompleteType(ValueError):
    """A question type lacks a piece every consumer needs, or its pieces contradict each other."""


@dataclass(frozen=True)
class QuestionType:
    name: str  # as stored in the bank's YAML and the database
    label: str  # the one name teachers and learners read, everywhere
    check: TypeCheck  # the bank's rules for this type's answer, used by `bank check` and the editor
    editor_form: type  # the teacher editor's form (an ``app.bank.types.editor.QuestionForm``)
    export: str | None  # MULTICHOICE, TRUEFALSE, SHORTANSWER; None: left out of GIFT and Moodle XML
    options: str | None = None  # CHOICES, BOOLEAN, SOURCES; None: the learner types the answer
    in_quiz: bool = True  # False: reviewed as a card only, never graded in a quiz
    accepts_alternatives: bool = False  # other accepted spellings count as right
    wrong_kind: str = "wrong"  # how a wrong answer is counted; "attribution" is a source mix-up
    quiz_filter: str = ""  # the quiz's "kind of question" entry it falls under; its own name by default
    template: str = ""  # answer inputs, editor fields and card front; question_types/<name>.html by default
    position: int = 100  # where it stands in menus and tables, lowest first

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise IncompleteType(f"a question type needs a lower-case name, not {self.name!r}")
        if not isinstance(self.label, str) or not self.label.strip():
            raise IncompleteType(f"the {self.name} type needs a label")
        if not callable(self.check):
            raise IncompleteType(f"the {self.name} type needs a check for the bank")
        if not isinstance(self.editor_form, type) or getattr(self.editor_form, "TYPE", None) != self.name:
            raise IncompleteType(f"the {self.name} type needs an editor form whose TYPE is {self.name!r}")
        if self.options not in (None, *OPTION_KINDS):
            raise IncompleteType(f"the {self.name} type's options must be one of {OPTION_KINDS} or None")
        if self.export is not None and self.options not in EXPORT_SHAPES.get(self.export, ()):
            raise IncompleteType(f"the {self.name} type cannot export as {self.export!r}")
        if self.accepts_alternatives and self.options is not None:
            raise IncompleteType(f"the {self.name} type has options, so it accepts no other spellings")
        object.__setattr__(self, "quiz_filter", self.quiz_filter or self.name)
        object.__setattr__(self, "template", self.template or f"question_types/{self.name}.html")

    @property
    def card_only(self) -> bool:
        """Reviewed as a card only: its front is read alone, and no quiz or Moodle export asks it."""
        return not self.in_quiz

    @property
    def has_choices(self) -> bool:
        """The question carries its own list of choices (in the bank, the editor and the exports)."""
        return self.options == CHOICES

    @property
    def boolean_answer(self) -> bool:
        return self.options == BOOLEAN

    @property
    def by_source(self) -> bool:
        """The options are the sources: a wrong answer is a mix-up of who says what."""
        return self.options == SOURCES

    def option_values(self, choices: list[str] | None, source_ids: tuple[str, ...]) -> list[str] | None:
        """The options in their stored order (a quiz shuffles CHOICES for each learner); None when typed."""
        if self.options == CHOICES:
            return list(choices or [])
        if self.options == BOOLEAN:
            return list(TRUE_FALSE_OPTIONS)
        if self.options == SOURCES:
            return [*source_ids, *ATTRIBUTION_ANSWERS]
        return None

    def answer_value(self, answer: str | bool) -> str:
        """The answer as an option value: "true" or "false" for a boolean answer, else the answer."""
        return str(answer).lower() if self.options == BOOLEAN else str(answer)

    def accepted(self, answer: str | bool, accepted_answers: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """Every answer that counts as right, the expected one first."""
        if self.accepts_alternatives:
            return (str(answer), *accepted_answers)
        return (self.answer_value(answer),)

    def _wrong_kind(self, chosen: str, expected: str) -> str:
        """A mix-up is naming one source for the other; "neither" for "both" is plainly wrong."""
        if self.by_source and {chosen, expected} & set(ATTRIBUTION_ANSWERS):
            return "wrong"
        return self.wrong_kind

    def grade(
        self,
        answer: str | bool,
        accepted_answers: list[str],
        response: str,
        shown_options: list[str] | None,
    ) -> Grade:
        """Grade ``response``: an index into ``shown_options`` for a type with options, else typed text."""
        if not self.in_quiz:
            raise InvalidResponse(f"a {self.name} question is not answered in a quiz")
        if self.options is not None:
            chosen = chosen_option(response, shown_options)
            expected = self.answer_value(answer)
            correct = chosen == expected
            return Grade(correct, chosen, expected, None if correct else self._wrong_kind(chosen, expected))
        text = typed_response(response)
        correct = matches_typed(text, str(answer), list(self.accepted(answer, accepted_answers))[1:])
        return Grade(correct, text, str(answer), None if correct else "wrong")
