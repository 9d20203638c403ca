"""The editor's forms. Each question type's form lives in its module in ``app.bank.types``, beside the rest
of what the type declares; this module finds it in the registry and adds the actions' form.

Forms check shape (required, length, one right answer); grounding and the bank's rules are checked by the
validator in ``services``, so a form that validates may still be refused with the validator's words.
"""

from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import Length

from app.bank.types import QUESTION_TYPES
from app.bank.types.editor import QuestionForm

__all__ = ["ActionForm", "QuestionForm", "form_class"]


def form_class(question_type: str) -> type[QuestionForm] | None:
    """The editor's form for a type, or None for a name that is not a registered type."""
    qtype = QUESTION_TYPES.get(question_type)
    return qtype.editor_form if qtype is not None else None


class ActionForm(FlaskForm):
    """Publish, unpublish, retire, restore, duplicate: a button, an optional reason, the CSRF token."""

    reason = StringField("Why", validators=[Length(max=200)])
    submit = SubmitField("Confirm")
