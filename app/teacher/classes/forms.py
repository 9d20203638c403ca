"""Forms of the class pages: every POST is a Flask-WTF form, so CSRF-protected and validated on the server."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from app.auth.forms import PASSWORD_LENGTH, NameRules
from app.auth.services import CLASS_NAME_MAX, MIN_PASSWORD_LENGTH


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
