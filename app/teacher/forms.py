"""Teacher forms: every POST is a Flask-WTF form, so CSRF-protected and validated on the server."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from app.auth.forms import NewPasswordFields
from app.auth.services import MIN_PASSWORD_LENGTH
from app.teacher.services import CLASS_NAME_MAX


class SetupForm(NewPasswordFields):
    username = StringField(
        "Your name",
        description="The name you log in with; learners and co-teachers will see it.",
        validators=[DataRequired(), Length(min=2, max=40)],
    )
    submit = SubmitField("Create my teacher account")


class NewClassForm(FlaskForm):
    name = StringField(
        "Class name",
        description="For example “History 10B”. Learners see it when they join.",
        validators=[
            DataRequired(message="A class needs a name."),
            Length(max=CLASS_NAME_MAX, message=f"A class name needs at most {CLASS_NAME_MAX} characters."),
        ],
    )
    submit = SubmitField("Create the class")


class ConfirmForm(FlaskForm):
    """A bare POST button (new join code, remove a learner): only the CSRF token is checked."""

    submit = SubmitField("Confirm")


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        "New temporary password",
        description=f"At least {MIN_PASSWORD_LENGTH} characters. Tell it to the learner: it works at once.",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)],
    )
    submit = SubmitField("Set the new password")


class CoTeacherForm(FlaskForm):
    username = StringField(
        "Co-teacher's name",
        description="Someone who already has a teacher account here.",
        validators=[DataRequired(), Length(max=80)],
    )
    submit = SubmitField("Add co-teacher")
