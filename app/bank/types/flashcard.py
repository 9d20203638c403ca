"""Flashcard: a front and a back, reviewed on the FSRS schedule; never graded in a quiz or sent to Moodle."""

from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from app.bank.schema import QuestionSpec
from app.bank.types.base import QuestionType
from app.bank.types.editor import TEXT_MAX, QuestionForm
from app.bank.types.rules import TypeContext, text_answer

NAME = "flashcard"


def check(question: QuestionSpec, _context: TypeContext) -> list[str]:
    return text_answer(question)


class FlashcardForm(QuestionForm):
    TYPE = NAME
    PROMPT_LABEL = "Front of the card"
    PROMPT_HELP = "A cue or question; the back answers it."
    answer = TextAreaField(
        "Back of the card",
        validators=[DataRequired(message="Write the back of the card."), Length(max=TEXT_MAX)],
    )


TYPE = QuestionType(
    name=NAME,
    label="Flashcard",
    check=check,
    editor_form=FlashcardForm,
    export=None,
    in_quiz=False,
    position=60,
)
