"""An answer is checked by ``accepted_answer`` rather than by building its form; the form still draws a
refused answer's reason. The two must agree on every answer, or a learner could store what the form refuses
(or be refused with no reason shown)."""

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict
from wtforms import SelectChoice

from app.learner.forms import ChoiceAnswerForm, TypedAnswerForm, accepted_answer, option_values

SENT = [
    [],
    [""],
    [" "],
    ["0"],
    ["1"],
    ["2"],
    ["3"],
    ["01"],
    [" 1"],
    ["1 "],
    ["-1"],
    ["+1"],
    ["١"],  # an Arabic-Indic one: a digit, but not an option's value
    ["a"],
    ["1", "0"],
    ["", "1"],
    ["x" * 500],
    ["x" * 501],
]


def _form_verdict(app: Flask, sent: list[str], choice_count: int | None) -> str | None:
    data = MultiDict([("response", value) for value in sent])
    with app.test_request_context("/quiz/q/token", method="POST", data=data):
        if choice_count is None:
            form = TypedAnswerForm()
        else:
            form = ChoiceAnswerForm()
            form.response.choices = [SelectChoice(value, "") for value in option_values(choice_count)]
        return form.response.data if form.validate_on_submit() else None


@pytest.mark.csrf  # as served: the answer forms carry no token field of their own
@pytest.mark.parametrize("choice_count", [None, 2, 3, 4])
def test_the_quick_check_accepts_exactly_what_the_form_accepts(app: Flask, choice_count: int | None) -> None:
    for sent in SENT:
        formdata = MultiDict([("response", value) for value in sent])
        assert accepted_answer(formdata, choice_count) == _form_verdict(app, sent, choice_count), sent
