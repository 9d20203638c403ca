"""The app the in-process page benchmarks measure: a fresh database, the shipped bank, a teacher logged in."""

import logging
import tempfile
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
def teacher_app() -> Iterator[tuple[Flask, FlaskClient]]:
    """The app on a throwaway SQLite file, and a client logged in as its teacher, for the block."""
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
        with app.app_context():
            upgrade()
            load_bank(db.session, DEFAULT_BANK_DIR)
            create_user(db.session, "Bench Teacher", PASSWORD, "teacher")
            db.session.commit()
        client = app.test_client()
        client.post("/login", data={"username": "Bench Teacher", "password": PASSWORD})
        yield app, client
