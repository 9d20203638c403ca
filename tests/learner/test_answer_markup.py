"""The typed answer's input is written out in its template rather than drawn by WTForms' widget (which cost
a third of the question page's drawing): it must stay the widget's markup, on the page and when refused."""

from dataclasses import dataclass

import pytest
from flask import Flask, render_template_string

from app.learner.forms import TypedAnswerForm

DRAW = '{% from "question_types/_answers.html" import text %}{{ text(revision, form=form) }}'


@dataclass(frozen=True)
class Revision:
    prompt: str = "Who wrote the telegram?"


@pytest.mark.parametrize("sent", [None, "", 'Kim "Il" <Sung> & Mao\'s', "x" * 501])
def test_the_typed_answer_is_the_widgets_markup(app: Flask, sent: str | None) -> None:
    method, data = ("GET", {}) if sent is None else ("POST", {"response": sent})
    with app.test_request_context("/quiz/q/token", method=method, data=data):
        form = TypedAnswerForm()
        if sent is not None:
            form.validate()  # "" and the long answer are refused: their errors change the markup
        refused = {"aria-describedby": "response-error", "aria-invalid": "true"}
        invalid = refused if form.response.errors else {}
        widget = str(form.response(autocomplete="off", autofocus=True, spellcheck="false", **invalid))
        assert widget in render_template_string(DRAW, revision=Revision(), form=form)
