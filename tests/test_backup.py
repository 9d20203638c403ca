"""``db backup`` while the app is writing, and ``db restore`` that loses nothing and clobbers nothing.

Runs on SQLite and, when the suite runs against PostgreSQL, on PostgreSQL (``pg_dump``/``pg_restore``).
"""

import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, insert, select

from app import create_app
from app.auth.models import User
from app.auth.services import create_guest
from app.backup import backup
from app.extensions import db
from tests.conftest import PASSWORD, _release, _test_config, log_in
from tests.databases import ON_POSTGRES, PostgresServer, SqliteFiles


class GuestWriter(threading.Thread):
    """Another user of the app: creates guests, one commit each, and remembers every id it saw committed."""

    def __init__(self, app: Flask) -> None:
        super().__init__(daemon=True)
        self.app = app
        self.committed: list[int] = []
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with self.app.app_context():
                while not self.stop.is_set():
                    guest = create_guest(db.session)
                    db.session.commit()
                    self.committed.append(guest.id)
                db.session.remove()
        except BaseException as error:  # reported by finish(), in the test's thread
            self.error = error

    def finish(self) -> list[int]:
        self.stop.set()
        self.join(timeout=30)
        assert self.error is None, self.error
        return self.committed


def user_ids() -> set[int]:
    db.session.remove()
    return set(db.session.scalars(select(User.id)))


def wait_for_commits(writer: GuestWriter, count: int) -> None:
    event = threading.Event()
    for _ in range(500):
        if len(writer.committed) >= count:
            return
        event.wait(0.01)
    raise AssertionError(f"the writer committed only {len(writer.committed)} rows")


@pytest.fixture
def empty_database(
    tmp_path: Path, test_databases: SqliteFiles | PostgresServer, database_templates: dict[str, str]
) -> Iterator[Flask]:
    """A second app, on a database just migrated and still empty, as a new server would start."""
    folder = tmp_path / "second"
    folder.mkdir()
    url = test_databases.test_url(folder)
    test_databases.clone(database_templates["empty"], url)
    second = create_app(_test_config(url, csrf=False))
    second.instance_path = str(folder / "instance")
    yield second
    _release(second)
    test_databases.drop(url)


def test_backup_during_writes_restores_every_committed_row(
    loaded_app: Flask, runner: FlaskCliRunner, make_user, tmp_path: Path
) -> None:
    make_user("Ana")
    writer = GuestWriter(loaded_app)
    writer.start()
    wait_for_commits(writer, 20)
    # A write transaction stays open across the backup: the backup must neither wait for it nor include it.
    with db.engine.connect() as open_transaction:
        open_transaction.execute(insert(User).values(username="Uncommitted", role="learner"))
        committed_before = set(writer.committed) | {user.id for user in db.session.scalars(select(User))}
        result = runner.invoke(args=["db", "backup", str(tmp_path / "class.backup")])
        open_transaction.commit()
    wait_for_commits(writer, len(committed_before) + 20)
    committed_by_the_end = set(writer.finish())
    assert result.exit_code == 0, result.output
    assert "db backup: wrote" in result.output

    result = runner.invoke(args=["db", "restore", str(tmp_path / "class.backup"), "--force"])

    assert result.exit_code == 0, result.output
    restored = user_ids()
    assert committed_before <= restored  # nothing committed before the backup began is missing
    assert restored <= committed_before | committed_by_the_end  # and nothing half-made appeared
    assert not committed_by_the_end <= restored  # the database really went back to the backup's moment
    assert db.session.scalar(select(func.count()).where(User.username == "Uncommitted")) == 0
    if not ON_POSTGRES:
        database = loaded_app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_restore_into_an_empty_database_gives_a_working_app(
    loaded_app: Flask, runner: FlaskCliRunner, make_user, tmp_path: Path, empty_database: Flask
) -> None:
    make_user("Ana")
    backup = tmp_path / "class.backup"
    assert runner.invoke(args=["db", "backup", str(backup)]).exit_code == 0

    with empty_database.app_context():  # the CLI acts on the innermost app, as `flask --app` would
        result = empty_database.test_cli_runner().invoke(args=["db", "restore", str(backup)])

    assert result.exit_code == 0, result.output
    client = empty_database.test_client()
    log_in(client, "Ana", PASSWORD)
    question = client.post("/quiz/next", data={"type": "true_false"}, follow_redirects=True)
    assert question.status_code == 200
    assert "According to" in question.get_data(as_text=True)


def test_restore_refuses_a_database_that_holds_data(
    loaded_app: Flask, runner: FlaskCliRunner, make_user, tmp_path: Path
) -> None:
    backup = tmp_path / "class.backup"
    assert runner.invoke(args=["db", "backup", str(backup)]).exit_code == 0
    make_user("Ben")

    result = runner.invoke(args=["db", "restore", str(backup)])

    assert result.exit_code == 1
    assert "already holds data" in result.output and "--force" in result.output
    assert "Ben" in {user.username for user in db.session.scalars(select(User))}


def test_backup_will_not_overwrite_a_file_unless_forced(
    loaded_app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("not a backup", encoding="utf-8")

    refused = runner.invoke(args=["db", "backup", str(target)])
    assert refused.exit_code == 1 and "already exists" in refused.output
    assert target.read_text(encoding="utf-8") == "not a backup"

    forced = runner.invoke(args=["db", "backup", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() != b"not a backup"
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".partial")] == []


def test_restore_rejects_a_file_that_is_not_a_backup(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("these are my lesson notes\n" * 100, encoding="utf-8")

    result = runner.invoke(args=["db", "restore", str(bogus)])

    assert result.exit_code == 1
    assert "not a" in result.output and "backup" in result.output
    assert runner.invoke(args=["db", "check"]).exit_code == 0  # the database is still there and current


@pytest.mark.sqlite_only
def test_a_sqlite_backup_is_one_self_contained_file(loaded_app: Flask, runner, tmp_path: Path) -> None:
    target = tmp_path / "class.sqlite3"
    assert runner.invoke(args=["db", "backup", str(target)]).exit_code == 0
    _release(loaded_app)
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("class")) == [
        "class.sqlite3"
    ]
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert connection.execute("SELECT count(*) FROM question").fetchone()[0] > 100


@pytest.mark.postgres_only
def test_a_postgres_backup_is_pg_dumps_custom_format(loaded_app: Flask, runner, tmp_path: Path) -> None:
    target = tmp_path / "class.dump"
    assert runner.invoke(args=["db", "backup", str(target)]).exit_code == 0
    assert target.read_bytes()[:5] == b"PGDMP"
    listing = subprocess.run(
        ["pg_restore", "--list", str(target)], capture_output=True, text=True, check=True
    )
    assert "TABLE DATA public question_revision" in listing.stdout


def test_pg_dump_gets_the_password_from_the_environment_not_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = []

    def fake_run(command, env, **_options):
        calls.append((command, env))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(subprocess, "run", fake_run)

    backup("postgresql+psycopg://teacher:s3cret-pw@db.school:6543/counterpoint", tmp_path / "class.dump")

    [(command, env)] = calls
    assert not any("s3cret-pw" in part for part in command)
    assert env["PGPASSWORD"] == "s3cret-pw"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"]) == (
        "db.school",
        "6543",
        "teacher",
        "counterpoint",
    )
