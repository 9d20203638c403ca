"""Fill in the blank: a sentence with one ____ whose answer is in the support quote; typed and graded so."""

from app.bank.schema import QuestionSpec
from app.bank.types.base import SHORTANSWER, QuestionType
from app.bank.types.rules import BLANK, TypeContext, answer_given_away, normalise_choice, text_answer
from app.bank.types.typed import NAME as TYPED
from app.bank.types.typed import TypedForm

NAME = "cloze"


def check(question: QuestionSpec, _context: TypeContext) -> list[str]:
    problems = text_answer(question) + answer_given_away(question)
    blanks = len(BLANK.findall(question.prompt))
    if blanks != 1:
        problems.append(f"a cloze prompt needs exactly one blank ____, has {blanks}")
    if isinstance(question.answer, str) and normalise_choice(question.answer) not in normalise_choice(
        question.support.quote
    ):
        problems.append(f"cloze answer {question.answer!r} does not occur in its support quote")
    return problems


class ClozeForm(TypedForm):
    TYPE = NAME
    PROMPT_LABEL = "Sentence with one blank"
    PROMPT_HELP = "Write ____ (four underscores) where the answer goes; the answer must be in the quote."


TYPE = QuestionType(
    name=NAME,
    label="Fill in the blank",
    check=check,
    editor_form=ClozeForm,
    export=SHORTANSWER,
    accepts_alternatives=True,
    quiz_filter=TYPED,  # the quiz offers typed answers and blanks together, as "Typed answer"
    position=40,
)
