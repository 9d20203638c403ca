"""Every teacher URL, found by walking the URL map, refuses everyone but teachers.

The guard sits once on each teacher blueprint; this test proves that no view escapes it, including views
added later, because it reads the routes from the app rather than from a list kept by hand.
"""

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import User
from tests.conftest import log_in


def requests_to_try(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, method, URL) for every method of every rule under /teach, each variable filled with 1.

    The guard answers before any lookup, so a value that names nothing is as good as a real one.
    """
    urls = app.url_map.bind("localhost")
    tried = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/teach"):
            continue
        url = urls.build(rule.endpoint, dict.fromkeys(rule.arguments, 1))
        tried.extend((rule.endpoint, method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"}))
    return tried


def test_every_teacher_blueprint_is_walked(app: Flask) -> None:
    endpoints = {endpoint for endpoint, _, _ in requests_to_try(app)}
    blueprints = {endpoint.split(".")[0] for endpoint in endpoints}
    assert blueprints == {
        "teacher",
        "teacher_bank",
        "teacher_claims",
        "teacher_exports",
        "teacher_imports",
        "teacher_sources",
    }
    assert len(endpoints) >= 40  # the whole set of teacher views, not a sample


def _each(client: FlaskClient, app: Flask) -> Iterator[tuple[str, int, str]]:
    for endpoint, method, url in requests_to_try(app):
        response = client.open(url, method=method)
        yield f"{method} {url} ({endpoint})", response.status_code, response.headers.get("Location", "")


def test_anonymous_visitors_are_sent_to_log_in_from_every_teacher_url(
    app: Flask, client: FlaskClient
) -> None:
    for request, status, location in _each(client, app):
        assert status == 302 and "/login" in location, f"{request} answered {status} to an anonymous visitor"


@pytest.mark.parametrize("role", ["guest", "learner"])
def test_guests_and_learners_are_refused_every_teacher_url(
    app: Flask, client: FlaskClient, make_user: Callable[..., User], role: str
) -> None:
    if role == "guest":
        assert client.post("/guest").status_code == 302
    else:
        make_user("Ana")
        log_in(client, "Ana")
    for request, status, _ in _each(client, app):
        assert status == 403, f"{request} answered {status} to a {role}"


def test_a_teacher_gets_past_the_guard(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("Ms Rivera", role="teacher")
    log_in(client, "Ms Rivera")
    assert client.get("/teach/").status_code == 200
    for request, status, location in _each(client, app):
        assert status != 403 and "/login" not in location, f"{request} refused a teacher ({status})"
