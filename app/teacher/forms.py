"""The one form every teacher tool shares: a bare confirmation button, checked for its CSRF token."""

from flask_wtf import FlaskForm
from wtforms import SubmitField


class ConfirmForm(FlaskForm):
    """A bare POST button (new join code, remove a learner): only the CSRF token is checked."""

    submit = SubmitField("Confirm")
