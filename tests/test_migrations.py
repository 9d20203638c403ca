"""Every schema change is a migration: upgrading an empty database gives exactly the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask

from app.extensions import db


def test_upgrade_of_an_empty_database_matches_the_models(app: Flask) -> None:
    # The app fixture has just run `flask db upgrade` on a fresh SQLite file.
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_db_check_reports_no_pending_changes(runner) -> None:
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output
