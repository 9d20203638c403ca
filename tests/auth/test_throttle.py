"""Throttling: password guessing and guest sign-ups are limited per name and per address, in the database."""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth import services, throttle
from app.auth.models import ThrottleEvent, User
from app.extensions import db
from tests.conftest import PASSWORD

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
WRONG = "not the password"


@dataclass
class Clock:
    now: datetime = START

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The time the login and guest routes see, moved by the test instead of waited for."""
    moment = Clock()
    monkeypatch.setattr("app.auth.routes._now", lambda: moment.now)
    return moment


def log_in(client: FlaskClient, name: str, password: str = PASSWORD, address: str = "127.0.0.1"):
    return client.post(
        "/login", data={"username": name, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def fail(client: FlaskClient, name: str, times: int, address: str = "127.0.0.1") -> None:
    for _ in range(times):
        response = log_in(client, name, WRONG, address)
        assert response.status_code == 200
        assert "That name and password do not match." in response.get_data(as_text=True)


def events(kind: str) -> int:
    return db.session.scalar(
        select(func.count()).select_from(ThrottleEvent).where(ThrottleEvent.kind == kind)
    )


def test_the_attempt_after_ten_failures_is_refused_even_with_the_right_password(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], clock: Clock, monkeypatch
) -> None:
    make_user("Ana")
    fail(client, "Ana", 10)

    def no_hashing(*_args: object) -> bool:
        raise AssertionError("a refused login must not check the password")

    monkeypatch.setattr("app.auth.models.check_password_hash", no_hashing)
    response = log_in(client, "ana ", PASSWORD)  # the same name, as the login matches names
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "900"
    page = response.get_data(as_text=True)
    assert "Too many failed logins with this name." in page
    assert "try again in 15 minutes" in page
    assert 'name="username"' in page, "the form stays on the page"
    assert client.get("/study").status_code == 302, "not logged in"
    assert events(throttle.LOGIN_FAILURE) == 10, "a refused attempt is not counted"


def test_the_pause_ends_when_the_oldest_counted_failure_leaves_the_window(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], clock: Clock
) -> None:
    app.config.update(LOGIN_FAILURES_PER_NAME=4)
    make_user("Ana")
    for _ in range(4):  # one failure a minute, from 9:00 to 9:03
        fail(client, "Ana", 1)
        clock.advance(minutes=1)
    clock.advance(minutes=10)  # 9:14: the 9:00 failure still counts until 9:15
    response = log_in(client, "Ana")
    assert response.status_code == 429
    assert "try again in 1 minute." in response.get_data(as_text=True)
    clock.advance(minutes=1)
    response = log_in(client, "Ana")
    assert response.status_code == 302
    assert response.headers["Location"] == "/study"


def test_a_successful_login_clears_the_names_failures(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], clock: Clock
) -> None:
    app.config.update(LOGIN_FAILURES_PER_NAME=3)
    make_user("Ana")
    fail(client, "Ana", 2)
    assert log_in(client, "Ana").status_code == 302
    assert events(throttle.LOGIN_FAILURE) == 0
    client.post("/logout")
    fail(client, "Ana", 2)  # two more would have reached the limit without the clearing
    assert log_in(client, "Ana").status_code == 302


def test_other_names_from_the_same_address_log_in_until_the_address_cap(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], clock: Clock
) -> None:
    app.config.update(LOGIN_FAILURES_PER_NAME=3, LOGIN_FAILURES_PER_ADDRESS=5)
    make_user("Ana")
    make_user("Ben")
    fail(client, "Ana", 3)
    assert log_in(client, "Ana").status_code == 429
    fail(client, "Nobody", 2)  # names that do not exist count too: a guesser learns nothing from them
    response = log_in(client, "Ben")
    assert response.status_code == 429
    assert "Too many failed logins from this network." in response.get_data(as_text=True)
    assert log_in(client, "Ben", address="10.0.0.7").status_code == 302, "another address is not paused"
    response = log_in(client, "Ana", address="10.0.0.7")
    assert response.status_code == 429, "a paused name stays paused from every address"


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], clock: Clock
) -> None:
    # PROXY_FIX_X_FOR is 0 by default: the app trusts no proxy, so the header cannot change the address.
    app.config.update(LOGIN_FAILURES_PER_ADDRESS=3)
    for number in range(3):
        client.post(
            "/login",
            data={"username": f"name{number}", "password": WRONG},
            headers={"X-Forwarded-For": f"203.0.113.{number}"},
        )
    response = client.post(
        "/login", data={"username": "other", "password": WRONG}, headers={"X-Forwarded-For": "203.0.113.9"}
    )
    assert response.status_code == 429


def test_guests_are_capped_per_address_per_hour(app: Flask, client: FlaskClient, clock: Clock) -> None:
    app.config.update(GUESTS_PER_ADDRESS_PER_HOUR=3)

    def start_guest(address: str = "127.0.0.1"):
        response = client.post("/guest", environ_base={"REMOTE_ADDR": address})
        client.post("/logout")  # as a script that drops its cookies would: the next post is a new guest
        return response

    for _ in range(3):
        assert start_guest().status_code == 302
        clock.advance(minutes=10)
    response = start_guest()  # 9:30
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1800"
    page = response.get_data(as_text=True)
    assert "Too many guests have started from this network in the last hour." in page
    assert "Try again in 30 minutes" in page
    assert db.session.scalar(select(func.count()).select_from(User).where(User.role == "guest")) == 3
    assert start_guest("10.0.0.7").status_code == 302, "another address may start guests"
    clock.advance(minutes=30)
    assert start_guest().status_code == 302, "an hour after the first guest, one more may start"


def test_a_logged_in_guest_pressing_practise_again_is_not_counted(app: Flask, client, clock: Clock) -> None:
    app.config.update(GUESTS_PER_ADDRESS_PER_HOUR=1)
    assert client.post("/guest").status_code == 302
    assert client.post("/guest").status_code == 302
    assert events(throttle.GUEST_CREATED) == 1


def test_old_events_are_deleted_when_new_ones_are_written(app: Flask) -> None:
    limits = throttle.Limits.from_config(app.config)  # windows: 15 minutes for logins, an hour for guests
    services.authenticate(db.session, "Nobody", WRONG, "10.0.0.1", limits, START)
    services.start_guest(db.session, "10.0.0.1", limits, START)
    db.session.commit()
    services.authenticate(db.session, "Nobody", WRONG, "10.0.0.2", limits, START + timedelta(minutes=30))
    assert events(throttle.LOGIN_FAILURE) == 2, "within the longest window, nothing is deleted"
    services.authenticate(db.session, "Nobody", WRONG, "10.0.0.3", limits, START + timedelta(minutes=61))
    remaining = db.session.scalars(select(ThrottleEvent.client_address).order_by(ThrottleEvent.id)).all()
    assert remaining == ["10.0.0.2", "10.0.0.3"]


def test_a_limit_of_zero_turns_it_off(app: Flask, client: FlaskClient, clock: Clock) -> None:
    app.config.update(LOGIN_FAILURES_PER_NAME=0, LOGIN_FAILURES_PER_ADDRESS=0)
    fail(client, "Nobody", 12)


@pytest.mark.csrf
def test_the_login_form_with_its_csrf_token_is_throttled_and_still_works(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], clock: Clock
) -> None:
    app.config.update(LOGIN_FAILURES_PER_NAME=2)
    make_user("Ana")

    def post(password: str):
        page = client.get("/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
        return client.post("/login", data={"username": "Ana", "password": password, "csrf_token": token})

    assert client.post("/login", data={"username": "Ana", "password": WRONG}).status_code == 400
    assert events(throttle.LOGIN_FAILURE) == 0, "a post the form refuses is not an attempt"
    assert post(WRONG).status_code == 200
    assert post(WRONG).status_code == 200
    refused = post(PASSWORD)
    assert refused.status_code == 429
    assert 'name="csrf_token"' in refused.get_data(as_text=True), "the form can be sent again later"
    clock.advance(minutes=15)
    assert post(PASSWORD).status_code == 302


def test_parallel_attempts_pass_the_limit_not_at_all_and_fail_none(
    app: Flask, make_user: Callable[..., User], clock: Clock
) -> None:
    app.config.update(LOGIN_FAILURES_PER_NAME=4)
    make_user("Ana")
    start, statuses = threading.Barrier(12), []

    def attempt() -> None:
        client = app.test_client()
        start.wait()
        statuses.append(log_in(client, "Ana", WRONG).status_code)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 4 + [429] * 8
    assert events(throttle.LOGIN_FAILURE) == 4


def test_the_rules_wait_for_the_oldest_counted_event() -> None:
    limit = throttle.Limit(throttle.LOGIN_FAILURE, throttle.BY_NAME, 3, timedelta(minutes=15), "wait {wait}")
    now = START + timedelta(minutes=20)
    newest_first = [now - timedelta(minutes=m) for m in (1, 2, 10)]
    assert throttle.refusal(limit, newest_first[:2], now) is None
    refusal = throttle.refusal(
        limit, [t.replace(tzinfo=None) for t in newest_first], now
    )  # as SQLite returns
    assert refusal is not None
    assert refusal.retry_at == now + timedelta(minutes=5)
    assert (refusal.retry_after_seconds, refusal.message) == (300, "wait 5 minutes")
    assert throttle.wait_phrase(61) == "2 minutes"
    assert throttle.wait_phrase(1) == "1 minute"


def test_an_unknown_name_costs_one_password_check_like_a_known_one(
    client: FlaskClient, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Response time must not tell which names exist: an unknown name still pays for one hash check."""
    import app.auth.models
    import app.auth.services

    checks: list[str] = []
    for module in (app.auth.models, app.auth.services):
        real = module.check_password_hash
        monkeypatch.setattr(
            module,
            "check_password_hash",
            lambda stored, given, real=real: checks.append(given) or real(stored, given),
        )
    make_user("known")
    for name in ("known", "nobody-by-this-name"):
        response = client.post("/login", data={"username": name, "password": "wrong password"})
        assert response.status_code == 200 and "Log out" not in response.get_data(as_text=True)
    assert checks == ["wrong password", "wrong password"]
