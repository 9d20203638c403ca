"""Forms of the class pages: every POST is a Flask-WTF form, so CSRF-protected and validated on the server."""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    PasswordField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.auth.forms import PASSWORD_LENGTH, NameRules
from app.auth.services import CLASS_NAME_MAX, MIN_PASSWORD_LENGTH
from app.learner.forms import QuizFilterForm
from app.teacher.classes.assignments import MOST_QUESTIONS


class NewClassForm(FlaskForm):
    name = StringField(
        "Class name",
        description="For example “History 10B”. Learners see it when they join.",
        validators=[
            DataRequired(message="A class needs a name."),
            NameRules(noun="class name"),
            Length(max=CLASS_NAME_MAX, message=f"A class name needs at most {CLASS_NAME_MAX} characters."),
        ],
    )
    submit = SubmitField("Create the class")


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        "New temporary password",
        description=f"At least {MIN_PASSWORD_LENGTH} characters. Tell it to the learner: it works at once.",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200, message=PASSWORD_LENGTH)],
    )
    submit = SubmitField("Set the new password")


class CoTeacherForm(FlaskForm):
    username = StringField(
        "Co-teacher's name",
        description="Someone who already has a teacher account here.",
        validators=[DataRequired(), Length(max=80)],
    )
    submit = SubmitField("Add co-teacher")


class CardKindsForm(FlaskForm):
    """Which question kinds become flashcards; the choices come from the question-type registry."""

    kinds = SelectMultipleField(
        "Kinds of question that become flashcards",
        description="Learners in this class review cards of the ticked kinds; quizzes do not change. "
        "A learner in two classes gets the kinds either class ticks.",
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    save_kinds = SubmitField("Save flashcard kinds")


class AssignmentForm(QuizFilterForm):
    """The learner's quiz menus (source, section, kind) plus what an assignment adds; the menus are filled
    by ``QuizFilterForm.offer`` as on the quiz page."""

    assignment = None  # the quiz's hidden assignment field has no place here
    size = None  # nor its session length: an assignment has its own number of questions
    title = StringField(
        "Title",
        description="What learners see on their study page, for example “Stalin and the war: read closely”.",
        validators=[DataRequired(message="An assignment needs a title."), Length(max=120)],
    )
    picked = TextAreaField(
        "Or hand-pick question ids",
        description="Ids from the question bank, separated by commas or new lines. When given, the menus "
        "above are not used.",
        validators=[Optional(), Length(max=5000)],
    )
    count = IntegerField(
        "Number of questions",
        default=10,
        validators=[
            DataRequired(message="Say how many questions."),
            NumberRange(min=1, max=MOST_QUESTIONS, message=f"Between 1 and {MOST_QUESTIONS} questions."),
        ],
    )
    due_on = DateField("Due date (optional)", validators=[Optional()])
    submit = SubmitField("Set the assignment")
