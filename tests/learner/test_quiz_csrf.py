"""The quiz's buttons are checked by CSRFProtect alone (their forms do not check the token again): a press
without the page's token is refused and changes nothing; with it, the cycle goes on."""

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import User
from app.extensions import db
from app.learner.models import Attempt, Presentation
from tests.conftest import PASSWORD

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _token(client: FlaskClient, path: str) -> str:
    found = TOKEN.search(client.get(path).get_data(as_text=True))
    assert found, path
    return found.group(1)


def _count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.csrf
def test_an_answer_or_a_next_without_the_pages_token_is_refused(
    loaded_app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("Ana")
    login = {"username": "Ana", "password": PASSWORD, "csrf_token": _token(client, "/login")}
    assert client.post("/login", data=login).status_code == 302
    question = client.post("/quiz/next", data={"csrf_token": _token(client, "/quiz")}).headers["Location"]
    token = _token(client, question)

    assert client.post(question, data={"response": "0"}).status_code == 400
    assert _count(Attempt) == 0
    feedback = client.post(question, data={"response": "0", "csrf_token": token}).headers["Location"]
    assert _count(Attempt) == 1

    next_action = re.search(r'action="(/quiz/session/\d+/next)"', client.get(feedback).get_data(as_text=True))
    assert next_action
    shown = _count(Presentation)
    assert client.post(next_action.group(1), data={}).status_code == 400
    assert _count(Presentation) == shown
    assert client.post(next_action.group(1), data={"csrf_token": token}).status_code == 302
    assert _count(Presentation) == shown + 1
