"""A page's CSRF token is signed once a minute per browser session, and checked as before."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask, render_template_string, session
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from app import csrf_tokens


@contextmanager
def _page(app: Flask, raw_token: str) -> Iterator[None]:
    """A request with its own ``g``, as in a server, from a browser whose session holds ``raw_token``."""
    with app.app_context(), app.test_request_context("/"):
        session["csrf_token"] = raw_token
        yield


@pytest.fixture
def signings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tokens Flask-WTF signed, one per signing."""
    signed: list[str] = []
    sign = csrf_tokens.generate_csrf

    def counting() -> str:
        signed.append(sign())
        return signed[-1]

    monkeypatch.setattr(csrf_tokens, "generate_csrf", counting)
    monkeypatch.setattr(csrf_tokens, "_kept", {})
    return signed


def test_pages_within_a_minute_share_one_signed_token_that_is_still_accepted(
    app: Flask, signings: list[str]
) -> None:
    with _page(app, "browser-one"):
        first = csrf_tokens.csrf_token()
    with _page(app, "browser-one"):
        assert csrf_tokens.csrf_token() == first
        validate_csrf(first)  # raises if refused
    assert signings == [first]


def test_each_browser_gets_its_own_token(app: Flask, signings: list[str]) -> None:
    with _page(app, "browser-one"):
        one = csrf_tokens.csrf_token()
    with _page(app, "browser-two"):
        two = csrf_tokens.csrf_token()
        with pytest.raises(ValidationError):
            validate_csrf(one)  # another browser's token is refused, as before
    assert one != two and len(signings) == 2


def test_a_token_older_than_the_keeping_time_is_signed_again(
    app: Flask, signings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with _page(app, "browser-one"):
        csrf_tokens.csrf_token()
    clock = csrf_tokens.time.monotonic() + csrf_tokens.KEEP_SECONDS + 1
    monkeypatch.setattr(csrf_tokens.time, "monotonic", lambda: clock)
    with _page(app, "browser-one"):
        csrf_tokens.csrf_token()
    assert len(signings) == 2


def test_a_short_time_limit_keeps_a_token_a_hundredth_of_it(app: Flask, signings: list[str]) -> None:
    app.config["WTF_CSRF_TIME_LIMIT"] = 1  # a token kept 10 ms at most
    with _page(app, "browser-one"):
        csrf_tokens.csrf_token()
    csrf_tokens._kept[next(iter(csrf_tokens._kept))] = ("old", csrf_tokens.time.monotonic() - 0.02)
    with _page(app, "browser-one"):
        assert csrf_tokens.csrf_token() != "old"
    assert len(signings) == 2


def test_the_pages_forms_take_the_kept_token(app: Flask, signings: list[str]) -> None:
    """Templates call this module's ``csrf_token``, not Flask-WTF's, which would sign on every page."""
    drawn = []
    for _page_number in range(2):
        with _page(app, "browser-one"):
            drawn.append(render_template_string('<input name="csrf_token" value="{{ csrf_token() }}">'))
    assert drawn[0] == drawn[1] and len(signings) == 1
