"""Each worker keeps the session cookies it verified: a kept cookie must be refused exactly when Flask would
refuse it (expired, signed with another key, altered), and no request may see another's changes."""

from datetime import timedelta

import pytest
from flask import Flask, session

from app import session_cookies
from app.session_cookies import KeptCookieSessions


def _cookie(app: Flask, values: dict[str, object]) -> str:
    """The session cookie Flask sets for ``values``."""
    with app.test_request_context("/"):
        interface = app.session_interface
        serializer = interface.get_signing_serializer(app)
        assert serializer is not None
        return serializer.dumps(values)


def _opened(app: Flask, cookie: str) -> dict[str, object]:
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        return dict(session)


def test_the_app_keeps_its_session_cookies(app: Flask) -> None:
    assert isinstance(app.session_interface, KeptCookieSessions)


def test_a_kept_cookie_opens_as_it_did_and_each_request_gets_its_own_copy(app: Flask) -> None:
    cookie = _cookie(app, {"_user_id": "token", "csrf_token": "abc"})
    with app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        session["_user_id"] = "changed by this request"
        session.pop("csrf_token")
    assert _opened(app, cookie) == {"_user_id": "token", "csrf_token": "abc"}
    assert _opened(app, cookie) == {"_user_id": "token", "csrf_token": "abc"}


def test_a_kept_cookie_expires_as_flask_would_expire_it(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    app.permanent_session_lifetime = timedelta(seconds=60)
    cookie = _cookie(app, {"_user_id": "token"})
    assert _opened(app, cookie) == {"_user_id": "token"}  # now kept
    later = session_cookies.time.time() + 61
    monkeypatch.setattr(session_cookies.time, "time", lambda: later)
    assert _opened(app, cookie) == {}


def test_a_kept_cookie_is_refused_once_the_secret_key_changes(app: Flask) -> None:
    cookie = _cookie(app, {"_user_id": "token"})
    assert _opened(app, cookie) == {"_user_id": "token"}
    app.secret_key = "another key"
    assert _opened(app, cookie) == {}
    app.config["SECRET_KEY_FALLBACKS"] = ["test-secret"]  # the old key, still accepted while rotating
    assert _opened(app, cookie) == {"_user_id": "token"}


def test_an_altered_cookie_is_refused(app: Flask) -> None:
    cookie = _cookie(app, {"_user_id": "token"})
    assert _opened(app, cookie) == {"_user_id": "token"}
    assert _opened(app, cookie[:-2] + ("A" if cookie[-2] != "A" else "B") + cookie[-1]) == {}


def test_a_session_holding_more_than_plain_values_is_not_kept_but_opens(app: Flask) -> None:
    cookie = _cookie(app, {"_flashes": [("info", "Saved.")]})
    assert _opened(app, cookie) == {"_flashes": [("info", "Saved.")]}
    assert cookie not in {kept_cookie for kept_cookie, _keys in app.session_interface._kept}
