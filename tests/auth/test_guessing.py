"""Guessing and enumeration: join codes and taken names are throttled per address, and a browser where a
name has logged in before is not locked out by the failures of someone else guessing that name."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeSerializer
from sqlalchemy import func, select

from app.auth import devices, services, throttle
from app.auth.models import Classroom, ThrottleEvent, User
from app.extensions import db
from tests.conftest import PASSWORD

ATTACKER, SCHOOL, HOME = "203.0.113.66", "198.51.100.10", "192.0.2.20"
WRONG = "not the password"


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    moment = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    monkeypatch.setattr("app.auth.routes._now", lambda: moment)


@pytest.fixture
def room(app: Flask, make_user: Callable[..., User]) -> Classroom:
    classroom = services.create_classroom(db.session, "History 10B", make_user("Ms Rivera", role="teacher"))
    db.session.commit()
    return classroom


def join(client: FlaskClient, code: str, name: str, address: str):
    return client.post(
        "/join",
        data={"join_code": code, "username": name, "password": PASSWORD, "confirm": PASSWORD},
        environ_base={"REMOTE_ADDR": address},
    )


def keep(client: FlaskClient, name: str, address: str):
    return client.post(
        "/account/keep",
        data={"username": name, "password": PASSWORD, "confirm": PASSWORD, "join_code": ""},
        environ_base={"REMOTE_ADDR": address},
    )


def log_in(client: FlaskClient, name: str, password: str, address: str):
    return client.post(
        "/login", data={"username": name, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def guesses() -> int:
    return db.session.scalar(
        select(func.count()).select_from(ThrottleEvent).where(ThrottleEvent.kind == throttle.JOIN_GUESS)
    )


# --- join codes --------------------------------------------------------------------------------------------


def test_wrong_join_codes_from_one_address_are_throttled_and_another_address_is_not(
    app: Flask, client: FlaskClient, room: Classroom
) -> None:
    app.config.update(JOIN_FAILURES_PER_ADDRESS=5)
    for number in range(5):
        response = join(client, f"ZZZZZZ{number + 2}", f"Guesser {number}", ATTACKER)
        assert response.status_code == 200
        assert "No class has that code." in response.get_data(as_text=True)
    response = join(client, room.join_code, "Guesser", ATTACKER)
    assert response.status_code == 429, "even the right code is not looked up once the address is paused"
    assert response.headers["Retry-After"] == "900"
    page = response.get_data(as_text=True)
    assert "Too many wrong join codes or taken names from this network." in page
    assert "try again in 15 minutes" in page
    assert 'name="join_code"' in page, "the form stays on the page"
    assert guesses() == 5, "a refused attempt is not counted"
    assert join(client, room.join_code, "Ana", SCHOOL).status_code == 302, "another address is not paused"


def test_right_codes_do_not_use_up_the_address_budget(app: Flask, room: Classroom) -> None:
    app.config.update(JOIN_FAILURES_PER_ADDRESS=2)
    for number in range(5):  # a class behind one router, each learner joining on their own laptop
        assert join(app.test_client(), room.join_code, f"Learner {number}", SCHOOL).status_code == 302
    assert guesses() == 0


def test_a_learner_guessing_codes_to_join_another_class_is_throttled(
    app: Flask, client: FlaskClient, room: Classroom, make_user: Callable[..., User]
) -> None:
    app.config.update(JOIN_FAILURES_PER_ADDRESS=3)
    make_user("Ana")
    assert log_in(client, "Ana", PASSWORD, ATTACKER).status_code == 302
    for _ in range(3):
        response = client.post(
            "/join", data={"join_code": "WRONG234"}, environ_base={"REMOTE_ADDR": ATTACKER}
        )
        assert "No class has that code." in response.get_data(as_text=True)
    response = client.post(
        "/join", data={"join_code": room.join_code}, environ_base={"REMOTE_ADDR": ATTACKER}
    )
    assert response.status_code == 429
    response = client.post("/join", data={"join_code": room.join_code}, environ_base={"REMOTE_ADDR": HOME})
    assert response.status_code == 302


def test_new_codes_are_longer_and_old_six_character_codes_still_join(
    app: Flask, client: FlaskClient, room: Classroom
) -> None:
    assert len(room.join_code) == 8
    assert all(character in services.JOIN_CODE_ALPHABET for character in room.join_code)
    old = Classroom(name="Last year's class", join_code="ABCDEF", teacher=room.teacher)
    db.session.add(old)
    db.session.commit()
    assert join(client, "abc def", "Ana", SCHOOL).status_code == 302
    assert services.find_classroom(db.session, "ABCDEF") is not None


# --- names -------------------------------------------------------------------------------------------------


def test_probing_names_on_keep_is_throttled_per_address(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    app.config.update(JOIN_FAILURES_PER_ADDRESS=3)
    for name in ("Ana", "Ben", "Cleo", "Dev"):
        make_user(name)
    client.post("/guest", environ_base={"REMOTE_ADDR": ATTACKER})
    for name in ("Ana", "Ben", "Cleo"):
        response = keep(client, name, ATTACKER)
        assert "is taken" in response.get_data(as_text=True)
    response = keep(client, "Dev", ATTACKER)
    assert response.status_code == 429
    assert "is taken" not in response.get_data(as_text=True), "a paused address learns nothing about names"
    assert guesses() == 3

    other = app.test_client()
    other.post("/guest", environ_base={"REMOTE_ADDR": HOME})
    assert "is taken" in keep(other, "Dev", HOME).get_data(as_text=True), "a real learner is still told"
    assert keep(other, "Dev 2", HOME).status_code == 302


def test_a_free_name_does_not_count_as_a_guess(app: Flask, client: FlaskClient) -> None:
    app.config.update(JOIN_FAILURES_PER_ADDRESS=1)
    client.post("/guest", environ_base={"REMOTE_ADDR": SCHOOL})
    assert keep(client, "Ana", SCHOOL).status_code == 302
    assert guesses() == 0


def test_taken_names_on_join_and_wrong_codes_share_one_budget(
    app: Flask, client: FlaskClient, room: Classroom, make_user: Callable[..., User]
) -> None:
    app.config.update(JOIN_FAILURES_PER_ADDRESS=3)
    make_user("Ana")
    make_user("Ben")
    assert "is taken" in join(client, room.join_code, "Ana", ATTACKER).get_data(as_text=True)
    assert "is taken" in join(client, room.join_code, "Ben", ATTACKER).get_data(as_text=True)
    assert "No class has that code." in join(client, "WRONG234", "Cleo", ATTACKER).get_data(as_text=True)
    response = join(client, room.join_code, "Ana", ATTACKER)
    assert response.status_code == 429
    assert "is taken" not in response.get_data(as_text=True)


# --- the device cookie -------------------------------------------------------------------------------------


def pause_the_name(app: Flask, name: str) -> FlaskClient:
    """Someone else fails ten times with ``name``, from their own browser and address."""
    attacker = app.test_client()
    for _ in range(10):
        assert log_in(attacker, name, WRONG, ATTACKER).status_code == 200
    assert log_in(attacker, name, PASSWORD, ATTACKER).status_code == 429
    return attacker


def test_the_owners_browser_logs_in_while_the_name_is_paused_for_everyone_else(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("Ana")
    assert log_in(client, "Ana", PASSWORD, HOME).status_code == 302
    assert client.get_cookie(devices.COOKIE_NAME) is not None
    client.post("/logout")
    attacker = pause_the_name(app, "Ana")

    response = log_in(client, "ana", PASSWORD, HOME)  # the name as the login matches it
    assert response.status_code == 302, "the device cookie exempts this browser from the name's pause"
    assert response.headers["Location"] == "/study"

    assert log_in(attacker, "Ana", PASSWORD, ATTACKER).status_code == 429, "the owner's login cleared nothing"
    response = log_in(app.test_client(), "Ana", PASSWORD, HOME)
    assert response.status_code == 429, "no cookie: paused, even at the owner's address"
    assert "Too many failed logins with this name." in response.get_data(as_text=True)


def test_a_made_up_device_cookie_gives_no_exemption(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("Ana")
    owner = app.test_client()
    assert log_in(owner, "Ana", PASSWORD, HOME).status_code == 302
    genuine = owner.get_cookie(devices.COOKIE_NAME).value
    pause_the_name(app, "Ana")

    payload = URLSafeSerializer("test-secret", salt="counterpoint.device").loads(genuine)
    forgeries = [
        "made-up",
        URLSafeSerializer("another-secret", salt="counterpoint.device").dumps(payload),  # the wrong key
        genuine[:-2] + ("AA" if not genuine.endswith("AA") else "BB"),  # an altered signature
    ]
    for forged in forgeries:
        client.set_cookie(devices.COOKIE_NAME, forged)
        assert log_in(client, "Ana", PASSWORD, HOME).status_code == 429, forged


def test_a_cookie_from_another_names_login_does_not_exempt_this_name(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("Ana")
    make_user("Ben")
    assert log_in(client, "Ben", PASSWORD, HOME).status_code == 302
    client.post("/logout")
    pause_the_name(app, "Ana")
    assert log_in(client, "Ana", PASSWORD, HOME).status_code == 429
    assert log_in(client, "Ben", PASSWORD, HOME).status_code == 302


def test_a_shared_computer_remembers_every_name_that_logged_in(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("Ana")
    make_user("Ben")
    for name in ("Ana", "Ben"):
        assert log_in(client, name, PASSWORD, SCHOOL).status_code == 302
        client.post("/logout")
    pause_the_name(app, "Ana")
    assert log_in(client, "Ana", PASSWORD, SCHOOL).status_code == 302


def test_a_browser_with_the_cookie_still_has_its_own_pause_and_the_address_limit(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("Ana")
    assert log_in(client, "Ana", PASSWORD, HOME).status_code == 302
    client.post("/logout")
    for _ in range(10):  # a stolen cookie gives no more guesses than the name's pause allows
        assert log_in(client, "Ana", WRONG, HOME).status_code == 200
    response = log_in(client, "Ana", PASSWORD, HOME)
    assert response.status_code == 429
    assert "in this browser" in response.get_data(as_text=True)
    assert log_in(app.test_client(), "Ana", PASSWORD, SCHOOL).status_code == 302, "the name is not paused"

    app.config.update(LOGIN_FAILURES_PER_ADDRESS=3)
    other = app.test_client()
    assert log_in(other, "Ana", PASSWORD, SCHOOL).status_code == 302
    other.post("/logout")
    for name in ("x1", "x2", "x3"):
        log_in(app.test_client(), name, WRONG, SCHOOL)
    response = log_in(other, "Ana", PASSWORD, SCHOOL)
    assert response.status_code == 429, "the cookie does not exempt from the per-address limit"
    assert "from this network" in response.get_data(as_text=True)


def test_the_device_cookie_is_http_only_and_lasts_like_remember_me(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("Ana")
    response = log_in(client, "Ana", PASSWORD, HOME)
    header = next(
        value for value in response.headers.getlist("Set-Cookie") if value.startswith(devices.COOKIE_NAME)
    )
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert f"Max-Age={int(timedelta(days=365).total_seconds())}" in header
    value = header.split(";")[0].split("=", 1)[1]
    payload = URLSafeSerializer("test-secret", salt="counterpoint.device").loads(value)
    assert [len(tag) for tag in payload["n"]] == [32], "one name, as a keyed hash: the cookie shows no name"
