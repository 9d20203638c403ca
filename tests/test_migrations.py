"""Every schema change is a migration: upgrading an empty database gives exactly the models."""

import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask

from app.extensions import db

ROOT = Path(__file__).resolve().parents[1]


def test_upgrade_of_an_empty_database_matches_the_models(app: Flask) -> None:
    # The app fixture has just run `flask db upgrade` on a fresh SQLite file.
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_db_check_reports_no_pending_changes(runner) -> None:
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def test_db_current_shows_the_same_revision_as_db_heads_after_an_upgrade(app: Flask, tmp_path) -> None:
    """The README's upgrade steps tell an admin to compare these two; on a migrated database they agree."""
    environment = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "COUNTERPOINT_INSTANCE_PATH": str(tmp_path / "instance"),
    }

    def flask_db(command: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "app", "db", command],
            capture_output=True, text=True, env=environment, cwd=ROOT, check=True,
        )  # fmt: skip
        return done.stdout

    heads, current = flask_db("heads"), flask_db("current")
    head = heads.split()[0]
    assert len(head) == 12 and "(head)" in heads and head in current
