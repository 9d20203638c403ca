"""Every schema change is a migration: upgrading an empty database gives exactly the models."""

import configparser
import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
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


def _migration_scripts() -> ScriptDirectory:
    config = Config(str(ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return ScriptDirectory.from_config(config)


def test_migration_file_names_sort_in_the_order_of_the_revision_chain() -> None:
    scripts = _migration_scripts()
    by_file = sorted(scripts.walk_revisions(), key=lambda script: Path(script.path).name)
    chain = list(reversed(list(scripts.walk_revisions())))  # walk_revisions goes from the head down
    assert [script.revision for script in by_file] == [script.revision for script in chain]
    assert by_file[0].down_revision is None
    for earlier, later in itertools.pairwise(by_file):
        assert later.down_revision == earlier.revision, Path(later.path).name


def test_new_migration_files_are_named_by_date_and_time_first() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "migrations" / "alembic.ini")
    template = parser.get("alembic", "file_template", fallback="")
    assert template.startswith("%%(year)d%%(month).2d%%(day).2d_%%(hour).2d%%(minute).2d_"), template
    assert "%%(rev)s" in template
    for path in (ROOT / "migrations" / "versions").glob("*.py"):
        assert re.fullmatch(r"\d{8}_\d{4}_[0-9a-f]{12}_\w+\.py", path.name), path.name
