"""Typed answer: the learner types it; other spellings the teacher lists count as right too."""

from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.bank.schema import QuestionSpec
from app.bank.types.base import SHORTANSWER, QuestionType
from app.bank.types.editor import TEXT_MAX, QuestionForm, QuestionInput, lines
from app.bank.types.rules import TypeContext, answer_given_away, text_answer

NAME = "typed"


def check(question: QuestionSpec, _context: TypeContext) -> list[str]:
    return text_answer(question) + answer_given_away(question)


class TypedForm(QuestionForm):
    TYPE = NAME
    answer = StringField(
        "Expected answer", validators=[DataRequired(message="Give the expected answer."), Length(max=500)]
    )
    accepted_answers = TextAreaField(
        "Also accept",
        description="Other spellings accepted as right, one per line.",
        validators=[Length(max=TEXT_MAX)],
    )

    def accepted_value(self) -> list[str]:
        return lines(self.accepted_answers.data)

    def fill(self, data: "QuestionInput") -> None:
        super().fill(data)
        self.accepted_answers.data = "\n".join(data.accepted_answers)


TYPE = QuestionType(
    name=NAME,
    label="Typed answer",
    check=check,
    editor_form=TypedForm,
    export=SHORTANSWER,
    accepts_alternatives=True,
    position=30,
)
