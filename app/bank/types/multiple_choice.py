"""Multiple choice: two to six choices written with the question, one right; shuffled for each learner."""

from wtforms import FieldList, RadioField, SelectChoice, StringField
from wtforms.validators import DataRequired, Length

from app.bank.schema import QuestionSpec
from app.bank.types.base import CHOICES, MULTICHOICE, QuestionType
from app.bank.types.editor import QuestionForm, QuestionInput
from app.bank.types.rules import TypeContext, normalise_choice, text_answer
from app.converters import whole_number_or

NAME = "multiple_choice"
MAX_CHOICES = 6


def check(question: QuestionSpec, _context: TypeContext) -> list[str]:
    problems = text_answer(question)
    choices = question.choices or ()
    if not 2 <= len(choices) <= MAX_CHOICES:
        problems.append(f"{NAME} needs 2 to {MAX_CHOICES} choices, has {len(choices)}")
    seen: dict[str, str] = {}
    for choice in choices:
        key = normalise_choice(choice)
        if key in seen:
            problems.append(f"choices {seen[key]!r} and {choice!r} are the same")
        seen[key] = choice
    if isinstance(question.answer, str) and question.answer not in choices:
        problems.append(f"answer {question.answer!r} is not among the choices")
    return problems


class MultipleChoiceForm(QuestionForm):
    TYPE = NAME
    choices = FieldList(StringField("Choice", validators=[Length(max=500)]), min_entries=MAX_CHOICES)
    correct = RadioField(
        "Right answer",
        choices=[SelectChoice(str(n), f"Choice {n}") for n in range(1, MAX_CHOICES + 1)],
        validators=[DataRequired(message="Mark which choice is right.")],
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.choice_errors: list[str] = []

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)
        if len(self.choices_value()) < 2:
            self.choice_errors.append("Give at least two choices.")
            valid = False
        if self.correct.data and not self.answer_value():
            self.correct.errors = [*self.correct.errors, "The choice marked right is empty."]
            valid = False
        return valid

    def _choice(self, number: int) -> str | None:
        entries = list(self.choices)
        return entries[number - 1].data if 0 < number <= len(entries) else None

    def answer_value(self) -> str:
        return (self._choice(whole_number_or(self.correct.data or "", 0)) or "").strip()

    def choices_value(self) -> list[str]:
        return [entry.data.strip() for entry in self.choices if (entry.data or "").strip()]

    def fill(self, data: "QuestionInput") -> None:
        super().fill(data)
        values = list(data.choices or [])
        for entry, value in zip(self.choices, values + [""] * MAX_CHOICES, strict=False):
            entry.data = value
        if data.answer in values:
            self.correct.data = str(values.index(data.answer) + 1)


TYPE = QuestionType(
    name=NAME,
    label="Multiple choice",
    check=check,
    editor_form=MultipleChoiceForm,
    export=MULTICHOICE,
    options=CHOICES,
    position=10,
)
