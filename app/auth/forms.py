"""Account forms: labelled fields, validated on the server, CSRF-protected by Flask-WTF."""

from flask_wtf import FlaskForm
from wtforms import Field, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from app.auth import names
from app.auth.services import MIN_PASSWORD_LENGTH

PASSWORD_LENGTH = f"A password needs at least {MIN_PASSWORD_LENGTH} characters (and at most 200)."
NAME_LENGTH = "A name needs at least 2 characters (and at most 40)."


class NameRules:
    """Refuse a name with a control or invisible character, or with no letter or digit, saying which.

    The services apply the same rules (``app.auth.names``), so the command line gets them too; this only
    shows the problem beside the field with any other.
    """

    def __init__(self, noun: str = "name") -> None:
        self.noun = noun

    def __call__(self, form: FlaskForm, field: Field) -> None:
        if field.data and (problem := names.problem(field.data, noun=self.noun)) is not None:
            raise ValidationError(problem)


class LoginForm(FlaskForm):
    username = StringField("Your name", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])
    submit = SubmitField("Log in")


class NewPasswordFields(FlaskForm):
    """A new password typed twice: every form that creates an account or sets a password uses these."""

    password = PasswordField(
        "Password",
        description=f"At least {MIN_PASSWORD_LENGTH} characters.",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200, message=PASSWORD_LENGTH)],
    )
    confirm = PasswordField(
        "Password again", validators=[DataRequired(), EqualTo("password", message="The passwords differ.")]
    )


class NewAccountForm(NewPasswordFields):
    """Join a class (code required) or, for a guest, keep their progress (code optional)."""

    join_code = StringField("Join code from your teacher", validators=[DataRequired(), Length(max=16)])
    username = StringField(
        "Your name",
        description="The name your teacher will see. No e-mail needed.",
        validators=[DataRequired(), NameRules(), Length(min=2, max=40, message=NAME_LENGTH)],
    )
    submit = SubmitField("Join the class")


class KeepProgressForm(NewAccountForm):
    join_code = StringField(
        "Join code (if your teacher gave you one)", validators=[Optional(), Length(max=16)]
    )
    submit = SubmitField("Create my account")


class JoinAnotherClassForm(FlaskForm):
    join_code = StringField("Join code from your teacher", validators=[DataRequired(), Length(max=16)])
    submit = SubmitField("Join the class")


class SetupForm(NewPasswordFields):
    username = StringField(
        "Your name",
        description="The name you log in with; learners and co-teachers will see it.",
        validators=[DataRequired(), NameRules(), Length(min=2, max=40, message=NAME_LENGTH)],
    )
    submit = SubmitField("Create my teacher account")


class ChangePasswordForm(NewPasswordFields):
    current_password = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    password = PasswordField(
        "New password",
        description=f"At least {MIN_PASSWORD_LENGTH} characters. You stay logged in here, and only here.",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200, message=PASSWORD_LENGTH)],
    )
    confirm = PasswordField(
        "New password again",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )
    submit = SubmitField("Change my password")
