"""True or false: a statement framed as one source's claim; the answer is a boolean."""

from wtforms import RadioField, SelectChoice
from wtforms.validators import DataRequired

from app.bank.schema import QuestionSpec
from app.bank.types.base import BOOLEAN, TRUEFALSE, QuestionType
from app.bank.types.editor import QuestionForm, QuestionInput
from app.bank.types.rules import TypeContext

NAME = "true_false"


def check(question: QuestionSpec, _context: TypeContext) -> list[str]:
    problems = []
    if not isinstance(question.answer, bool):
        problems.append(f"{NAME} answer must be true or false")
    if "according to" not in question.prompt.casefold():
        problems.append('a true/false statement must be framed as a claim: "According to …"')
    return problems


class TrueFalseForm(QuestionForm):
    TYPE = NAME
    PROMPT_LABEL = "Statement"
    PROMPT_HELP = "A statement framed as a claim: “According to the DPRK publication, …”."
    answer = RadioField(
        "The statement is",
        choices=[SelectChoice("true", "True"), SelectChoice("false", "False")],
        validators=[DataRequired(message="Say whether the statement is true or false.")],
    )

    def answer_value(self) -> bool:
        return self.answer.data == "true"

    def fill(self, data: "QuestionInput") -> None:
        super().fill(data)
        self.answer.data = "true" if data.answer is True else "false"


TYPE = QuestionType(
    name=NAME,
    label="True or false",
    check=check,
    editor_form=TrueFalseForm,
    export=TRUEFALSE,
    options=BOOLEAN,
    position=20,
)
