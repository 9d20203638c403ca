"""Learner forms. Options are set per presentation, so WTForms refuses any value the page did not offer."""

from functools import cache

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, IntegerField, RadioField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import AnyOf, InputRequired, Length

from app.bank.types import quiz_filters
from app.learner.quiz import FilterMenu
from app.learner.scheduling import RATING_LABELS
from app.learner.sessions import DEFAULT_SESSION_SIZE, SESSION_SIZES


class QuizFilterForm(FlaskForm):
    # A missing field means "any": the "Next question" button sends only the filters that were chosen.
    source = SelectField("Source", choices=[SelectChoice("", "Both sources")], default="")
    section = SelectField("Section", choices=[SelectChoice("", "All sections")], default="")
    type = SelectField(
        "Kind of question",
        default="",
        choices=[SelectChoice("", "Mixed practice")],
    )
    size = SelectField(
        "Number of questions",
        coerce=int,
        default=DEFAULT_SESSION_SIZE,
        choices=[SelectChoice(n, str(n)) for n in SESSION_SIZES],
    )
    # Sent by an assignment's "Start" button and carried by "Next question"; checked against the learner's
    # classes by the route.
    assignment = HiddenField()
    submit = SubmitField("Start")

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        # Read when the form is made, so a type registered after import is offered too.
        self.type.choices = [SelectChoice("", "Mixed practice")] + [
            SelectChoice(value, label) for value, label in quiz_filters()
        ]

    def offer(self, menu: FilterMenu) -> None:
        """Fill the source and section menus with what the bank holds (the quiz and an assignment's form)."""
        self.source.choices = [SelectChoice("", "Both sources")] + [
            SelectChoice(source_id, title) for source_id, title in menu.sources
        ]
        self.section.choices = [SelectChoice("", "All sections")] + [
            SelectChoice(heading, heading, optgroup=title) for heading, title in menu.sections
        ]


TYPED_ANSWER_MOST = 500
CHECK_ANSWER = "Check my answer"  # the answer form's button


class _AnswerMeta:
    # The page writes the token itself and CSRFProtect checks every POST before the view runs: a token
    # field would sign a token nobody reads on every question page, and check each answer's a second time.
    csrf = False


class ChoiceAnswerForm(FlaskForm):
    Meta = _AnswerMeta
    response = RadioField("Your answer", validators=[InputRequired(message="Choose one of the options.")])
    submit = SubmitField(CHECK_ANSWER)


class TypedAnswerForm(FlaskForm):
    Meta = _AnswerMeta
    response = StringField(
        "Your answer",
        validators=[
            InputRequired(message="Type an answer before checking it."),
            Length(max=TYPED_ANSWER_MOST, message="That answer is too long (500 characters at most)."),
        ],
    )
    submit = SubmitField(CHECK_ANSWER)


def accepted_answer(formdata: MultiDict[str, str], choice_count: int | None) -> str | None:
    """The response the answer form would accept from ``formdata`` (one of ``choice_count`` options' values
    "0", "1", …, or for a typed answer, ``choice_count`` None, some text of at most 500 characters), or None.

    Every answer is checked: building the form to check one cost as much as storing it, so the form is
    built only for a refused answer, to say why (``tests/learner/test_answer_check.py`` holds the two to
    the same verdicts).
    """
    given = formdata.getlist("response")
    if not given or not given[0]:
        return None
    response = given[0]
    if choice_count is None:
        return response if len(response) <= TYPED_ANSWER_MOST else None
    return response if response in option_values(choice_count) else None


@cache
def option_values(choice_count: int) -> tuple[str, ...]:
    """The values of a choice answer's options, "0" to ``choice_count - 1``, as the form offers them."""
    return tuple(str(i) for i in range(choice_count))


class CardGradeForm(FlaskForm):
    rating = IntegerField(
        "How well did you remember it?",
        validators=[
            InputRequired(),
            AnyOf(list(RATING_LABELS), message="Grade with Again, Hard, Good or Easy."),
        ],
    )


class NextQuestionForm(FlaskForm):
    submit = SubmitField("Next question")


class PractiseMistakesForm(FlaskForm):
    submit = SubmitField("Practise my mistakes")
