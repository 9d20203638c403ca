"""The registry of question types: every part of the app that handles a question reads it from here.

Each type lives in one module of this package that defines ``TYPE`` (its label, options, bank check,
grading, accepted answers, editor form and export shape, see ``base.QuestionType``), with its template in
``app/templates/question_types/``; every such module is found and registered here, in ``position`` order.
Everything else asks the registry, never a type's name: the validator and ``bank check``, the quiz and its
grading, the progress and class analytics, the editor, the previews and the exporters.
"""

import importlib
import pkgutil

from app.bank.types import cloze, flashcard, multiple_choice, true_false, typed, which_source
from app.bank.types.base import IncompleteType, QuestionType
from app.bank.types.grading import Grade, InvalidResponse

QUESTION_TYPES: dict[str, QuestionType] = {}


def register(qtype: QuestionType) -> QuestionType:
    """Add a type; refuse anything that is not a complete ``QuestionType`` or reuses a name."""
    if not isinstance(qtype, QuestionType):
        raise IncompleteType(f"{qtype!r} is not a QuestionType")
    if qtype.name in QUESTION_TYPES:
        raise IncompleteType(f"a question type called {qtype.name!r} is already registered")
    QUESTION_TYPES[qtype.name] = qtype
    return qtype


# The package's modules that are not types.
HELPERS = frozenset({"base", "editor", "grading", "rules", "templating"})


def _type_modules() -> list[QuestionType]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name in HELPERS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        qtype = getattr(module, "TYPE", None)
        if not isinstance(qtype, QuestionType):
            raise IncompleteType(f"{module.__name__} defines no TYPE (a QuestionType)")
        found.append(qtype)
    return sorted(found, key=lambda qtype: (qtype.position, qtype.name))


for _type in _type_modules():
    register(_type)

# The types that code names on purpose: the generator and the importers write questions of these kinds.
MULTIPLE_CHOICE = multiple_choice.TYPE
TRUE_FALSE = true_false.TYPE
TYPED = typed.TYPE
CLOZE = cloze.TYPE
WHICH_SOURCE = which_source.TYPE
FLASHCARD = flashcard.TYPE


def get_type(name: str) -> QuestionType | None:
    return QUESTION_TYPES.get(name)


def label(name: str) -> str:
    """The type's one label; an unknown name (an unchecked bank) is shown as it is."""
    qtype = QUESTION_TYPES.get(name)
    return qtype.label if qtype else name


def labels() -> dict[str, str]:
    return {name: qtype.label for name, qtype in QUESTION_TYPES.items()}


def quiz_types() -> tuple[str, ...]:
    """The types a quiz asks and grades (the rest are reviewed as cards only)."""
    return tuple(name for name, qtype in QUESTION_TYPES.items() if qtype.in_quiz)


def option_types() -> tuple[str, ...]:
    """The types whose options are worth counting one by one: their own choices, or the sources."""
    return tuple(name for name, qtype in QUESTION_TYPES.items() if qtype.has_choices or qtype.by_source)


def quiz_filters() -> list[tuple[str, str]]:
    """The quiz's "kind of question" menu: (value, label), one entry per group of quiz types."""
    return [
        (name, qtype.label)
        for name, qtype in QUESTION_TYPES.items()
        if qtype.in_quiz and qtype.quiz_filter == name
    ]


def filter_types(value: str) -> tuple[str, ...]:
    """The quiz types a "kind of question" choice covers."""
    return tuple(
        name for name, qtype in QUESTION_TYPES.items() if qtype.in_quiz and qtype.quiz_filter == value
    )


def is_type(name: str, predicate: str) -> bool:
    """Whether ``name`` is a registered type whose property ``predicate`` is true."""
    qtype = QUESTION_TYPES.get(name)
    return qtype is not None and bool(getattr(qtype, predicate))


def grade(
    question_type: str,
    answer: str | bool,
    accepted_answers: list[str],
    response: str,
    shown_options: list[str] | None,
) -> Grade:
    """Grade ``response`` (an option index for a type with options, text for a typed one).

    ``shown_options`` is the option order stored when the question was presented; an index outside it
    raises ``InvalidResponse``: the page never offered it.
    """
    qtype = QUESTION_TYPES.get(question_type)
    if qtype is None:
        raise InvalidResponse(f"a {question_type} question is not answered in a quiz")
    return qtype.grade(answer, accepted_answers, response, shown_options)


__all__ = [
    "CLOZE",
    "FLASHCARD",
    "MULTIPLE_CHOICE",
    "QUESTION_TYPES",
    "TRUE_FALSE",
    "TYPED",
    "WHICH_SOURCE",
    "Grade",
    "IncompleteType",
    "InvalidResponse",
    "QuestionType",
    "filter_types",
    "get_type",
    "grade",
    "is_type",
    "label",
    "labels",
    "option_types",
    "quiz_filters",
    "quiz_types",
    "register",
]
