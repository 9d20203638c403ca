"""Learner forms. Options are set per presentation, so WTForms refuses any value the page did not offer."""

from flask_wtf import FlaskForm
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


class ChoiceAnswerForm(FlaskForm):
    response = RadioField("Your answer", validators=[InputRequired(message="Choose one of the options.")])
    submit = SubmitField("Check my answer")


class TypedAnswerForm(FlaskForm):
    response = StringField(
        "Your answer",
        validators=[
            InputRequired(message="Type an answer before checking it."),
            Length(max=500, message="That answer is too long (500 characters at most)."),
        ],
    )
    submit = SubmitField("Check my answer")


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
