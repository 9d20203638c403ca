"""Which source says this?: a claim without its source; the learner names a source, both or neither."""

from wtforms import SelectChoice, SelectField

from app.bank.schema import ATTRIBUTION_ANSWERS, QuestionSpec
from app.bank.types.base import MULTICHOICE, SOURCES, QuestionType
from app.bank.types.editor import QuestionForm
from app.bank.types.rules import TypeContext

NAME = "which_source"


def check(question: QuestionSpec, context: TypeContext) -> list[str]:
    allowed = (*context.source_ids, *ATTRIBUTION_ANSWERS)
    if question.answer not in allowed:
        return [f"{NAME} answer must be one of {', '.join(allowed)}"]
    if question.answer in context.source_ids and question.answer != question.support.source:
        return [f"answer says {question.answer!r} but the support quote is in {question.support.source!r}"]
    if question.answer == "both" and context.pair_relation != "corroborates":
        return ['answer "both" needs a claim pair whose relation is corroborates']
    return []


class WhichSourceForm(QuestionForm):
    TYPE = NAME
    PROMPT_LABEL = "Statement"
    PROMPT_HELP = "A claim without naming its source; learners say which source makes it."
    answer = SelectField("Who says this")

    def set_choices(self, sources: list[tuple[str, str]], pairs: list[tuple[str, str]]) -> None:
        super().set_choices(sources, pairs)
        self.answer.choices = [SelectChoice(value, label) for value, label in sources] + [
            SelectChoice("both", "Both sources"),
            SelectChoice("neither", "Neither source"),
        ]


TYPE = QuestionType(
    name=NAME,
    label="Which source says this?",
    check=check,
    editor_form=WhichSourceForm,
    export=MULTICHOICE,
    options=SOURCES,
    wrong_kind="attribution",
    position=50,
)
