"""The app the in-process page benchmarks measure: a fresh database, the shipped bank, a user logged in."""

import logging
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from app import create_app
from app.auth.services import create_user
from app.bank.services import load_bank
from app.config import DEFAULT_BANK_DIR
from app.extensions import db

PASSWORD = "correct horse battery"


@contextmanager
def bench_app(
    username: str = "Bench Teacher", role: str = "teacher", bare_route: bool = False
) -> Iterator[tuple[Flask, FlaskClient]]:
    """The app on a throwaway SQLite file, and a client logged in as ``username`` (of ``role``), for the
    block. ``bare_route`` adds ``/bench-bare``, an endpoint that does nothing, to compare pages against."""
    logging.disable(logging.INFO)  # the request log would drown the figures
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SECRET_KEY": "benchmark",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
                "WTF_CSRF_ENABLED": False,
                "BANK_DIR": str(DEFAULT_BANK_DIR),
            }
        )
        if bare_route:
            app.add_url_rule("/bench-bare", "bench_bare", lambda: "ok")  # before the first request
        with app.app_context():
            upgrade()
            load_bank(db.session, DEFAULT_BANK_DIR)
            create_user(db.session, username, PASSWORD, role)
            db.session.commit()
        client = app.test_client()
        client.post("/login", data={"username": username, "password": PASSWORD})
        yield app, client


@contextmanager
def teacher_app() -> Iterator[tuple[Flask, FlaskClient]]:
    """The app with a teacher logged in: what the teacher-page benchmarks measure."""
    with bench_app() as (app, client):
        yield app, client


def median_ms(client: FlaskClient, url: str, repeat: int) -> float:
    """The median time of ``repeat`` GETs of a page, in milliseconds; any answer but 200 stops the run."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000
