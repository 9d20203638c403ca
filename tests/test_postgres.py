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
