"""Getting in: join with a code, log in and out, practise as a guest and keep that progress."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Enrollment, User
from app.extensions import db
from app.learner.models import Attempt
from tests.conftest import PASSWORD, log_in


def join(
    client: FlaskClient, code: str, name: str = "Ben", password: str = PASSWORD, confirm: str | None = None
):
    return client.post(
        "/join",
        data={"join_code": code, "username": name, "password": password, "confirm": confirm or password},
    )


def test_a_learner_joins_a_class_with_its_code(client: FlaskClient, classroom) -> None:
    response = join(client, classroom.join_code.lower())
    assert response.status_code == 302
    assert response.headers["Location"] == "/study"
    page = client.get("/study").get_data(as_text=True)
    assert "Hello, Ben" in page
    assert "History 10B" in page
    ben = db.session.scalar(select(User).where(User.username == "Ben"))
    assert ben.password_hash.startswith("scrypt:")
    assert PASSWORD not in ben.password_hash


def test_a_wrong_code_is_said_at_once_and_good_passwords_stay_typed(client: FlaskClient, classroom) -> None:
    """A learner who mistypes both the code and the name hears of both, and need not retype passwords."""
    response = join(client, "NOPE42", name="B", password=PASSWORD, confirm=PASSWORD)
    page = response.get_data(as_text=True)
    assert "No class has that code." in page and "A name needs at least 2 characters" in page
    assert page.count(f'value="{PASSWORD}"') == 2
    response = join(client, classroom.join_code, name="Ben", password="short", confirm="short")
    assert 'value="short"' not in response.get_data(as_text=True)  # a refused password is typed again
    assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"code": "NOPE42"}, "No class has that code."),
        ({"password": "short", "confirm": "short"}, "A password needs at least 8 characters"),
        ({"confirm": "something else entirely"}, "The passwords differ."),
        ({"name": "Ms Rivera"}, "is taken"),
        ({"name": "ms rivera "}, "is taken"),
    ],
)
def test_joining_with_bad_input_says_what_is_wrong(client: FlaskClient, classroom, fields, message) -> None:
    response = join(
        client,
        fields.get("code", classroom.join_code),
        name=fields.get("name", "Ben"),
        password=fields.get("password", PASSWORD),
        confirm=fields.get("confirm"),
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 0


def test_log_in_and_out(client: FlaskClient, learner: User) -> None:
    assert client.get("/study").status_code == 200
    client.post("/logout")
    response = client.get("/study")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_wrong_password_is_refused_without_saying_which_part(
    client: FlaskClient, loaded_app, make_user
) -> None:
    make_user("Ana")
    response = client.post("/login", data={"username": "Ana", "password": "not the password"})
    assert response.status_code == 200
    assert "That name and password do not match." in response.get_data(as_text=True)
    response = client.post("/login", data={"username": "Nobody", "password": "whatever1"})
    assert "That name and password do not match." in response.get_data(as_text=True)


def test_login_never_redirects_off_site(client: FlaskClient, loaded_app, make_user) -> None:
    make_user("Ana")
    response = client.post(
        "/login?next=https://evil.example/", data={"username": "Ana", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/study"
    response = client.post("/login?next=/cards", data={"username": "Ana", "password": PASSWORD})
    assert response.headers["Location"] == "/cards"


def test_a_guest_keeps_progress_by_creating_an_account(client: FlaskClient, classroom) -> None:
    client.post("/guest")
    start = client.post("/quiz/next", data={"type": "true_false"})
    token = start.headers["Location"].rsplit("/", 1)[-1]
    client.post(f"/quiz/q/{token}", data={"response": "0"})
    guest_id = db.session.scalar(select(Attempt.user_id))
    response = client.post(
        "/account/keep",
        data={
            "username": "Cleo",
            "password": PASSWORD,
            "confirm": PASSWORD,
            "join_code": classroom.join_code,
        },
    )
    assert response.status_code == 302
    cleo = db.session.scalar(select(User).where(User.username == "Cleo"))
    assert cleo.id == guest_id
    assert cleo.role == "learner"
    assert [e.classroom.name for e in cleo.enrollments] == ["History 10B"]
    client.post("/logout")
    log_in(client, "Cleo")
    assert "Hello, Cleo" in client.get("/study").get_data(as_text=True)


def test_a_guest_may_also_join_with_a_code_and_keep_progress(client: FlaskClient, classroom) -> None:
    client.post("/guest")
    guest = db.session.scalar(select(User).where(User.role == "guest"))
    join(client, classroom.join_code, name="Dana")
    assert db.session.get(User, guest.id).username == "Dana"


def test_cli_creates_users_and_classes_with_a_join_code(app: Flask, runner) -> None:
    result = runner.invoke(args=["users", "create", "rivera", "--role", "teacher", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["classes", "create", "History 10B", "--teacher", "rivera"])
    assert result.exit_code == 0, result.output
    code = re.search(r"join code: (\w+)", result.output).group(1)
    assert len(code) == 8
    assert not set(code) & set("0O1IL")


def test_cli_refuses_bad_input_clearly(app: Flask, runner) -> None:
    result = runner.invoke(args=["users", "create", "x", "--role", "learner", "--password", PASSWORD])
    assert result.exit_code == 1
    assert "A name needs 2 to 40 characters." in result.output
    runner.invoke(args=["users", "create", "ana", "--role", "learner", "--password", PASSWORD])
    result = runner.invoke(args=["classes", "create", "Class", "--teacher", "ana"])
    assert result.exit_code == 1
    assert "ana is not a teacher" in result.output
    result = runner.invoke(args=["classes", "create", "Class", "--teacher", "nobody"])
    assert "no user named 'nobody'" in result.output


def test_cli_applies_the_class_name_rules_of_the_teacher_page(app: Flask, runner) -> None:
    runner.invoke(args=["users", "create", "rivera", "--role", "teacher", "--password", PASSWORD])
    result = runner.invoke(args=["classes", "create", "x" * 121, "--teacher", "rivera"])
    assert result.exit_code == 1
    assert "A class name needs at most 120 characters." in result.output
    result = runner.invoke(args=["classes", "create", "  History \t 10B ", "--teacher", "rivera"])
    assert "created class 'History 10B'" in result.output


@pytest.mark.csrf
def test_forms_refuse_a_post_without_the_csrf_token(client: FlaskClient, classroom) -> None:
    response = join(client, classroom.join_code)
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(User).where(User.role == "learner")) == 0


def test_keeping_progress_with_a_wrong_code_changes_nothing(client: FlaskClient, classroom) -> None:
    client.post("/guest")
    response = client.post(
        "/account/keep",
        data={"username": "Eve", "password": PASSWORD, "confirm": PASSWORD, "join_code": "NOPE42"},
    )
    assert response.status_code == 200
    assert "No class has that code. Leave it empty" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.role == "guest")).username is None
