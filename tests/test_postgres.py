"""When the suite runs against PostgreSQL, it really does: the app's engine and the tools it relies on."""

import shutil
import subprocess

import pytest
from flask import Flask
from sqlalchemy import text

from app.extensions import db

pytestmark = pytest.mark.postgres_only


def test_the_app_under_test_talks_to_postgresql(app: Flask) -> None:
    assert db.engine.dialect.name == "postgresql"
    assert db.session.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


def test_pg_dump_can_back_up_this_server(app: Flask) -> None:
    """``db backup`` refuses a server newer than its pg_dump; CI must install a client of the same version."""
    assert shutil.which("pg_dump") and shutil.which("pg_restore")
    server_major = db.session.execute(text("SHOW server_version_num")).scalar_one()[:-4]
    client = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True).stdout
    client_major = client.split()[-1].split(".")[0]
    assert int(client_major) >= int(server_major), client


def _server_transaction(app: Flask) -> str:
    """The server's view of the session's connection: "IDLE" (no transaction) or "INTRANS"."""
    raw = db.session.connection().connection.dbapi_connection
    return raw.info.transaction_status.name


def test_a_read_opens_no_transaction_and_a_write_opens_one_that_rolls_back(app: Flask) -> None:
    """A page that only reads costs no BEGIN and no ROLLBACK; a write is still all or nothing."""
    db.session.execute(text("SELECT count(*) FROM alembic_version")).scalar_one()
    assert _server_transaction(app) == "IDLE"
    db.session.execute(text("CREATE TEMPORARY TABLE probe (n integer)"))
    db.session.execute(text("INSERT INTO probe VALUES (1)"))
    assert _server_transaction(app) == "INTRANS"
    db.session.rollback()
    assert (
        db.session.execute(text("SELECT count(*) FROM pg_tables WHERE tablename = 'probe'")).scalar_one() == 0
    )


def test_a_lock_held_until_commit_is_taken_inside_a_transaction(app: Flask) -> None:
    """The throttle's advisory lock and the first-run ``LOCK TABLE`` would be let go at once outside one."""
    db.session.execute(text("SELECT pg_advisory_xact_lock(4242)"))
    assert _server_transaction(app) == "INTRANS"
    held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND granted"
    assert db.session.execute(text(held)).scalar_one() == 1
    db.session.commit()
    assert db.session.execute(text(held)).scalar_one() == 0
