"""The signed session cookie, verified and decoded once per worker for as long as a browser sends it.

Flask checks the cookie's signature and decodes it (HMAC, zlib, tagged JSON) on every request, about a
fortieth of a quiz page. A browser sends the same cookie until its session changes, so each worker keeps
what the cookies it verified hold, with the time each was signed. A kept cookie is one that was verified
under the same keys, byte for byte; its age is checked on every use, so an expired cookie is refused as
before. Only sessions of plain values (text, numbers, flags) are kept: each request gets its own copy, and
no request can change what another reads.
"""

import time
from typing import Any

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature

# Past this many cookies (a few hundred bytes each), start again: a worker serves far fewer browsers.
MOST_KEPT = 4096
PLAIN_VALUES = (str, int, float, bool, type(None))


class KeptCookieSessions(SecureCookieSessionInterface):
    """Flask's signed cookie sessions, with the cookies already verified kept per worker."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, Any], tuple[dict[str, Any], int]] = {}

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not app.secret_key:
            return None  # as Flask: no key, no session
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        key = (cookie, (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ())))
        kept = self._kept.get(key)
        if kept is None:
            return self._verify(app, cookie, key, max_age)
        data, signed_at = kept
        age = int(time.time()) - signed_at
        if age > max_age or age < 0:  # what itsdangerous refuses as expired
            return self.session_class()
        return self.session_class(data)

    def _verify(self, app: Flask, cookie: str, key: tuple[str, Any], max_age: int) -> SecureCookieSession:
        serializer = self.get_signing_serializer(app)
        assert serializer is not None  # there is a secret key
        try:
            data, signed_at = serializer.loads(cookie, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        if isinstance(data, dict) and all(isinstance(value, PLAIN_VALUES) for value in data.values()):
            if len(self._kept) >= MOST_KEPT:
                self._kept.clear()
            self._kept[key] = (dict(data), int(signed_at.timestamp()))
        return self.session_class(data)
