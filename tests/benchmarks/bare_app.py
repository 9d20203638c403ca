"""The yardstick of the load benchmark: a Flask app that does one INSERT per request and nothing else.

Served by gunicorn with the same settings as Counterpoint, on the same kind of database configured the same
way (WAL, busy timeout and BEGIN IMMEDIATE on SQLite), so that the ratio of the two measures our own cost.
Its client runs the quiz cycle's shape (POST, GET, POST, GET), and every one of the four requests writes a
row, so a bare cycle is the least four requests that write can cost.
"""

import os

from flask import Flask
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, create_engine, func
from sqlalchemy.engine import Engine

from app.db import configure_sqlite

metadata = MetaData()
hit = Table(
    "hit", metadata, Column("id", Integer, primary_key=True), Column("at", DateTime, default=func.now())
)
# The bare cycle: the methods of the quiz cycle's four requests, in order.
BARE_CYCLE = ("POST", "GET", "POST", "GET")


def bare_engine(database_url: str) -> Engine:
    engine = create_engine(database_url)
    configure_sqlite(engine)
    return engine


def create_bare_app() -> Flask:
    """One route: GET or POST / inserts a row and answers its id."""
    app = Flask(__name__)
    engine = bare_engine(os.environ["DATABASE_URL"])

    @app.route("/", methods=("GET", "POST"))
    def insert_one() -> str:
        with engine.begin() as connection:
            row_id = connection.execute(hit.insert()).inserted_primary_key[0]
        return str(row_id)

    return app
