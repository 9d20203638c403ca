"""SQLite done right: WAL, a busy timeout, chosen durability, writers that queue, readers that never wait."""

import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app import create_app
from app.db import starts_writing
from app.extensions import db

WRITERS = 8
TRANSACTIONS_EACH = 25


def _app(database: Path, **settings: object) -> Flask:
    return create_app(
        {"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", **settings}
    )


@pytest.fixture
def scratch_app(tmp_path: Path) -> Iterator[Flask]:
    """The app's engine on a file with one scratch table: a row per write and one shared counter."""
    app = _app(tmp_path / "scratch.sqlite3", SQLITE_BUSY_TIMEOUT_MS=30_000)
    with app.app_context():
        db.session.execute(text("CREATE TABLE mark (writer INTEGER, n INTEGER, UNIQUE (writer, n))"))
        db.session.execute(text("CREATE TABLE tally (total INTEGER NOT NULL)"))
        db.session.execute(text("INSERT INTO tally VALUES (0)"))
        db.session.commit()
    yield app
    with app.app_context():
        db.engine.dispose()


def _pragmas(app: Flask) -> dict[str, object]:
    with app.app_context(), db.engine.connect() as connection:
        return {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
        }


def test_defaults_are_wal_normal_durability_a_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    assert _pragmas(_app(tmp_path / "a.sqlite3")) == {
        "journal_mode": "wal",
        "synchronous": 1,  # NORMAL
        "busy_timeout": 10_000,
        "foreign_keys": 1,
    }


def test_durability_and_timeout_follow_the_settings(tmp_path: Path) -> None:
    app = _app(tmp_path / "a.sqlite3", SQLITE_SYNCHRONOUS="full", SQLITE_BUSY_TIMEOUT_MS=2500)
    pragmas = _pragmas(app)
    assert pragmas["synchronous"] == 2  # FULL
    assert pragmas["busy_timeout"] == 2500


def test_an_unknown_durability_level_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="SQLITE_SYNCHRONOUS"):
        _app(tmp_path / "a.sqlite3", SQLITE_SYNCHRONOUS="SOMETIMES")


def test_concurrent_writers_queue_instead_of_failing(scratch_app: Flask) -> None:
    """Each transaction reads, writes, reads again and writes: the pattern a plain BEGIN fails under load."""
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def write(writer: int) -> None:
        with scratch_app.app_context():
            start.wait()
            for n in range(TRANSACTIONS_EACH):
                try:
                    db.session.execute(text("SELECT count(*) FROM mark")).scalar()
                    db.session.execute(text("INSERT INTO mark VALUES (:w, :n)"), {"w": writer, "n": n})
                    total = db.session.execute(text("SELECT total FROM tally")).scalar()
                    db.session.execute(text("UPDATE tally SET total = :t"), {"t": total + 1})
                    db.session.commit()
                except Exception as error:
                    db.session.rollback()
                    errors.append(error)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with scratch_app.app_context():
        assert db.session.execute(text("SELECT count(*) FROM mark")).scalar() == WRITERS * TRANSACTIONS_EACH
        # The counter was read and written back inside the write lock: no increment was lost.
        assert db.session.execute(text("SELECT total FROM tally")).scalar() == WRITERS * TRANSACTIONS_EACH


def test_an_open_reading_session_does_not_hold_up_a_writer(tmp_path: Path) -> None:
    app = _app(tmp_path / "a.sqlite3", SQLITE_BUSY_TIMEOUT_MS=200)
    with app.app_context():
        db.session.execute(text("CREATE TABLE note (body TEXT)"))
        db.session.commit()
        assert db.session.execute(text("SELECT count(*) FROM note")).scalar() == 0  # session stays open
        with app.app_context():  # another request: its own session and connection
            db.session.execute(text("INSERT INTO note VALUES ('written while someone reads')"))
            db.session.commit()
        assert db.session.execute(text("SELECT count(*) FROM note")).scalar() == 1


def test_readers_do_not_wait_for_a_writer_holding_the_lock(tmp_path: Path) -> None:
    app = _app(tmp_path / "a.sqlite3", SQLITE_BUSY_TIMEOUT_MS=200)
    with app.app_context():
        db.session.execute(text("CREATE TABLE note (body TEXT)"))
        db.session.execute(text("INSERT INTO note VALUES ('committed')"))
        db.session.commit()
        db.session.execute(text("INSERT INTO note VALUES ('not yet committed')"))  # holds the write lock
        with app.app_context():
            bodies = db.session.execute(text("SELECT body FROM note")).scalars().all()
            assert bodies == ["committed"]
            with pytest.raises(
                OperationalError, match="database is locked"
            ):  # a second writer waits, then gives up
                db.session.execute(text("INSERT INTO note VALUES ('second writer')"))
            db.session.rollback()
        db.session.commit()


def test_a_savepoint_before_any_write_belongs_to_the_transaction(tmp_path: Path) -> None:
    """With the driver in charge, a SAVEPOINT outside BEGIN commits on its own; ours rolls back whole."""
    app = _app(tmp_path / "a.sqlite3")
    with app.app_context():
        db.session.execute(text("CREATE TABLE note (body TEXT)"))
        db.session.commit()
        with db.session.begin_nested():
            db.session.execute(text("INSERT INTO note VALUES ('inside a savepoint')"))
        db.session.rollback()
        assert db.session.execute(text("SELECT count(*) FROM note")).scalar() == 0


@pytest.mark.parametrize(
    ("statement", "writes"),
    [
        ("SELECT 1", False),
        ("  insert into x values (1)", True),
        ("UPDATE x SET a = 1", True),
        ("(SELECT 1)", False),
        ("SAVEPOINT sa_savepoint_1", True),
        ("PRAGMA table_info(x)", False),
        ("CREATE TABLE y (a)", True),
    ],
)
def test_which_statements_take_the_write_lock(statement: str, writes: bool) -> None:
    assert starts_writing(statement) is writes


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """The common umask 022, under which files are created world-readable unless the app says otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("permissive_umask")
def test_a_new_instance_folder_and_database_are_readable_by_their_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They hold the secret key and the password hashes; SQLite's -wal and -shm files follow the database."""
    instance = tmp_path / "instance"
    monkeypatch.setenv("COUNTERPOINT_INSTANCE_PATH", str(instance))
    app = create_app({"TESTING": True})  # the default database, in the instance folder
    database = instance / "counterpoint.sqlite3"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{database}"
    try:
        with app.app_context(), db.engine.connect() as connection:
            connection.execute(text("CREATE TABLE note (body TEXT)"))
            connection.execute(text("INSERT INTO note VALUES ('written')"))
            connection.commit()
            files = {path.name: _mode(path) for path in instance.iterdir()}
    finally:
        with app.app_context():
            db.engine.dispose()
    assert _mode(instance) == 0o700
    assert files == {
        "secret_key": 0o600,
        "counterpoint.sqlite3": 0o600,
        "counterpoint.sqlite3-wal": 0o600,
        "counterpoint.sqlite3-shm": 0o600,
    }


@pytest.mark.usefixtures("permissive_umask")
def test_a_new_database_file_elsewhere_is_private_too(tmp_path: Path) -> None:
    app = _app(tmp_path / "a.sqlite3")
    with app.app_context():
        db.session.execute(text("SELECT 1"))
        db.session.remove()
        db.engine.dispose()
    assert _mode(tmp_path / "a.sqlite3") == 0o600
