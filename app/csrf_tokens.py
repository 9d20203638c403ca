"""A page's CSRF token, signed once a minute per browser session rather than once per page.

Flask-WTF signs the session's token anew, with the time so that it expires, for every page that shows a
form, and every page does (its "Log out" button): about 35 µs a page, a tenth of drawing a quiz question.
Each worker keeps the signed token it made for a session's token and gives it out again for up to a minute
(a hundredth of ``WTF_CSRF_TIME_LIMIT`` when that is shorter), so a token expires at most that much before
its time limit. Tokens are checked exactly as before, by ``CSRFProtect``.
"""

import time

from flask import Flask, current_app, g, session
from flask_wtf.csrf import generate_csrf

KEEP_SECONDS = 60.0
# Past this many browser sessions, start again: a worker serves far fewer within a minute.
MOST_KEPT = 4096
FIELD_NAME_SETTING = "WTF_CSRF_FIELD_NAME"

_kept: dict[tuple[object, str], tuple[str, float]] = {}


def _keep_seconds() -> float:
    limit = current_app.config.get("WTF_CSRF_TIME_LIMIT", 3600)
    return KEEP_SECONDS if limit is None else min(KEEP_SECONDS, limit / 100)


def csrf_token() -> str:
    """The signed token a form of this page carries: Flask-WTF's ``generate_csrf``, kept for a minute."""
    field = current_app.config.get(FIELD_NAME_SETTING, "csrf_token")
    signed = g.get(field)
    if signed is not None:  # this request has one already
        return signed
    secret = current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    raw = session.get(field)
    now = time.monotonic()
    if isinstance(raw, str):
        kept = _kept.get((secret, raw))
        if kept is not None and now - kept[1] < _keep_seconds():
            setattr(g, field, kept[0])
            return kept[0]
    signed = generate_csrf()
    if len(_kept) >= MOST_KEPT:
        _kept.clear()
    _kept[(secret, session[field])] = (signed, now)
    return signed


def use_kept_csrf_tokens(app: Flask) -> None:
    """Templates get ``csrf_token`` from here (after ``CSRFProtect.init_app``, whose function it replaces)."""
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})
