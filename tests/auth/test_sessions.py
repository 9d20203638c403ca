"""Login sessions end for real: logging out, a password change and a teacher's reset make copied cookies
worthless, and the remember-me cookie holds a random token, stored hashed and replaced at each use.

A second test client stands for a second browser, or for whoever copied the first one's cookies.
"""

import hashlib
from collections.abc import Callable

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from flask_login.utils import encode_cookie
from sqlalchemy import select

from app.auth.models import Classroom, LoginSession, User
from app.auth.services import enroll
from app.extensions import db
from tests.conftest import PASSWORD, log_in

SESSION_COOKIE = "session"
REMEMBER_COOKIE = "remember_token"
NEW_PASSWORD = "another good password"


@pytest.fixture(autouse=True)
def each_request_loads_its_own_user(app: Flask) -> None:
    """pytest-flask keeps one app context, and with it Flask-Login's cached user, for the whole test; a
    server starts every request afresh. Forget the cached user at each request: each client is a browser."""

    @app.before_request
    def forget_cached_user() -> None:
        g.pop("_login_user", None)


@pytest.fixture
def browser(app: Flask) -> Callable[[], FlaskClient]:
    return app.test_client


def cookie(client: FlaskClient, name: str) -> str:
    found = client.get_cookie(name)
    assert found is not None, f"no {name} cookie"
    return found.value


def copy_of(client: FlaskClient, new_browser: Callable[[], FlaskClient], *names: str) -> FlaskClient:
    """Another browser holding a copy of these cookies of ``client``."""
    other = new_browser()
    for name in names:
        other.set_cookie(name, cookie(client, name))
    return other


def remember_token(client: FlaskClient) -> str:
    """The token inside the remember-me cookie (Flask-Login signs it as ``token|signature``)."""
    return cookie(client, REMEMBER_COOKIE).rsplit("|", 1)[0]


def is_logged_in(client: FlaskClient) -> bool:
    response = client.get("/study")
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


def test_after_logout_a_copied_session_cookie_no_longer_works(client: FlaskClient, learner: User, browser):
    thief = copy_of(client, browser, SESSION_COOKIE)
    assert is_logged_in(thief)
    client.post("/logout")
    assert not is_logged_in(client)
    assert not is_logged_in(thief)


def test_after_logout_a_copied_remember_cookie_no_longer_works(client: FlaskClient, learner: User, browser):
    thief = copy_of(client, browser, REMEMBER_COOKIE)
    client.post("/logout")
    assert not is_logged_in(thief)


def test_a_remember_token_is_new_at_each_login_and_replaced_when_used(
    client: FlaskClient, learner: User, browser
) -> None:
    other = browser()
    log_in(other, "Ana")
    assert remember_token(client) != remember_token(other)

    old = cookie(client, REMEMBER_COOKIE)
    returning = copy_of(client, browser, REMEMBER_COOKIE)  # the browser restarted: no session cookie
    assert is_logged_in(returning)
    renewed = cookie(returning, REMEMBER_COOKIE)
    assert renewed != old
    assert is_logged_in(returning)

    replay = browser()
    replay.set_cookie(REMEMBER_COOKIE, old)
    assert not is_logged_in(replay)
    later = browser()
    later.set_cookie(REMEMBER_COOKIE, renewed)
    assert is_logged_in(later)


def test_a_cookie_naming_a_user_id_logs_no_one_in(app: Flask, learner: User, browser) -> None:
    """The old remember-me cookie, `<user id>|HMAC`, was the same at every login and could not be revoked."""
    forged = browser()
    forged.set_cookie(REMEMBER_COOKIE, encode_cookie(str(learner.id)))
    with forged.session_transaction() as session:
        session["_user_id"] = str(learner.id)
    assert not is_logged_in(forged)


def test_a_password_change_ends_the_other_sessions(client: FlaskClient, learner: User, browser) -> None:
    assert "Change my password" in client.get("/account/password").get_data(as_text=True)
    phone = browser()
    log_in(phone, "Ana")
    copied = copy_of(client, browser, SESSION_COOKIE, REMEMBER_COOKIE)
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert is_logged_in(client)
    assert not is_logged_in(phone)
    assert not is_logged_in(copied)
    assert db.session.get(User, learner.id).check_password(NEW_PASSWORD)


def test_a_wrong_current_password_changes_nothing(client: FlaskClient, learner: User, browser) -> None:
    phone = browser()
    log_in(phone, "Ana")
    response = client.post(
        "/account/password",
        data={"current_password": "not my password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert "That is not your current password." in response.get_data(as_text=True)
    assert is_logged_in(phone)
    assert db.session.get(User, learner.id).check_password(PASSWORD)


def test_a_teachers_reset_ends_the_learners_sessions(
    client: FlaskClient, classroom: Classroom, learner: User, browser
) -> None:
    enroll(db.session, learner, classroom)
    db.session.commit()
    returning = copy_of(client, browser, REMEMBER_COOKIE)
    teacher = browser()
    log_in(teacher, "Ms Rivera")
    reset = f"/teach/classes/{classroom.id}/learners/{learner.id}/password"
    assert teacher.post(reset, data={"password": NEW_PASSWORD}).status_code == 302
    assert not is_logged_in(client)
    assert not is_logged_in(returning)
    assert is_logged_in(teacher)


def test_keeping_a_guests_progress_ends_the_guests_other_sessions(client: FlaskClient, browser) -> None:
    client.post("/guest")
    assert client.get("/account/password").headers["Location"] == "/account/keep"
    copied = copy_of(client, browser, SESSION_COOKIE, REMEMBER_COOKIE)
    response = client.post(
        "/account/keep", data={"username": "Ben", "password": PASSWORD, "confirm": PASSWORD, "join_code": ""}
    )
    assert response.status_code == 302
    assert is_logged_in(client)
    assert not is_logged_in(copied)


def test_the_database_keeps_only_a_hash_of_the_token(client: FlaskClient, learner: User) -> None:
    token = remember_token(client)
    of_ana = select(LoginSession.token_hash).where(LoginSession.user_id == learner.id)
    stored = db.session.scalars(of_ana).all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in stored


def test_logging_in_again_clears_away_ended_sessions(client: FlaskClient, learner: User) -> None:
    for _ in range(3):
        client.post("/logout")
        log_in(client, "Ana")
    rows = db.session.scalars(select(LoginSession).where(LoginSession.user_id == learner.id)).all()
    assert [row.revoked_at for row in rows] == [None]
