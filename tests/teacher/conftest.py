"""Teacher tests drive a teacher's and a learner's client in one test."""

import pytest
from flask import Flask, g


@pytest.fixture(autouse=True)
def each_request_loads_its_own_user(app: Flask) -> None:
    """pytest-flask keeps one app context open for the whole test, so ``g`` outlives a request, and with it
    Flask-Login's cached user. In a server every request has a fresh ``g``; here we forget the cached user
    at the start of each request, so that two test clients are two people."""

    @app.before_request
    def forget_cached_user() -> None:
        g.pop("_login_user", None)
