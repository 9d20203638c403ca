"""Backups a school can take while the app is serving, and restores that cannot clobber data by accident.

SQLite is copied with its online backup API, which reads one consistent snapshot while writers go on
(a plain file copy can catch a half-written page or miss the write-ahead log). PostgreSQL is dumped with
``pg_dump`` in its custom format, which also reads one snapshot. Credentials travel in the environment of
the child process (``PGPASSWORD``), never on its command line, where other users could read them.
"""

import os
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL, make_url

# Tables whose rows say nothing about a school's data: the schema version is always there.
# Rows every migrated database has: the schema's revision, and the bank's version counter (one row from the
# start). Neither is anything a restore would lose.
BOOKKEEPING_TABLES = frozenset({"alembic_version", "bank_version"})


class BackupError(Exception):
    """A backup or restore that was refused or failed, with a message for the person at the terminal."""


def backup(database_url: str, target: Path, force: bool = False) -> None:
    """Write a consistent copy of the database to ``target``, which must not exist unless ``force``."""
    if target.exists() and not force:
        raise BackupError(f"{target} already exists; choose a new name or pass --force to replace it")
    url = make_url(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        _write_atomically(target, lambda partial: _sqlite_backup(_sqlite_file(url), partial))
    elif url.get_backend_name() == "postgresql":
        _write_atomically(target, lambda partial: _pg_dump(url, partial))
    else:
        raise BackupError(f"no backup method for {url.get_backend_name()} databases")


def restore(database_url: str, engine: Engine, source: Path, force: bool = False) -> None:
    """Replace the database's content with the backup in ``source``; refuses a database with data in it."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    occupied = tables_with_rows(engine)
    if occupied and not force:
        raise BackupError(
            f"the database already holds data (in {', '.join(occupied)}); restoring would replace it. "
            "Restore into an empty database, or pass --force after taking a backup of this one."
        )
    url = make_url(database_url)
    engine.dispose()
    if url.get_backend_name() == "sqlite":
        _sqlite_restore(source, _sqlite_file(url))
    elif url.get_backend_name() == "postgresql":
        _pg_restore(url, source)
    else:
        raise BackupError(f"no restore method for {url.get_backend_name()} databases")


def tables_with_rows(engine: Engine) -> list[str]:
    """The tables that hold anything worth keeping, in name order."""
    names = sorted(set(inspect(engine).get_table_names()) - BOOKKEEPING_TABLES)
    preparer = engine.dialect.identifier_preparer
    with engine.connect() as connection:
        return [
            name
            for name in names
            if connection.execute(text(f"SELECT 1 FROM {preparer.quote(name)} LIMIT 1")).first() is not None
        ]


def _sqlite_file(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(url.database)


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Write next to the target, then rename: a failed backup never leaves a file that looks complete."""
    handle, partial_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        write(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_backup(database: Path, partial: Path) -> None:
    if not database.is_file():
        raise BackupError(f"the database file {database} does not exist")
    source = sqlite3.connect(database, timeout=30)
    destination = sqlite3.connect(partial)
    try:
        # One step (pages=-1): the whole copy comes from a single read snapshot; writers go on in WAL mode.
        source.backup(destination, pages=-1)
        destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        _check_integrity(destination, partial)
    finally:
        destination.close()
        source.close()


def _sqlite_restore(source: Path, database: Path) -> None:
    """Copy the backup into the live file with the backup API, so open connections see the new content."""
    backup_file = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        try:
            _check_integrity(backup_file, source)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{source} is not a SQLite backup: {error}") from error
        live = sqlite3.connect(database, timeout=30)
        try:
            backup_file.backup(live, pages=-1)
            live.execute("PRAGMA journal_mode=WAL")
        finally:
            live.close()
    finally:
        backup_file.close()


def _check_integrity(connection: sqlite3.Connection, path: Path) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {result}")


def _pg_environment(url: URL) -> dict[str, str]:
    """libpq reads these variables: no credential appears in the command line."""
    environment = dict(os.environ)
    settings = {
        "PGHOST": url.host or url.query.get("host"),
        "PGPORT": str(url.port) if url.port else url.query.get("port"),
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
        "PGSSLMODE": url.query.get("sslmode"),
    }
    environment.update({name: str(value) for name, value in settings.items() if value})
    return environment


def _run(command: list[str], url: URL) -> None:
    try:
        result = subprocess.run(
            command, env=_pg_environment(url), capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed; install PostgreSQL's client programs "
            "(Debian: apt-get install postgresql-client) of the server's major version or newer"
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _pg_dump(url: URL, partial: Path) -> None:
    _run(["pg_dump", "--format=custom", "--no-password", f"--file={partial}"], url)


def _pg_restore(url: URL, source: Path) -> None:
    with source.open("rb") as handle:
        if handle.read(5) != b"PGDMP":
            raise BackupError(
                f"{source} is not a PostgreSQL backup made by db backup (pg_dump's custom format)"
            )
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={url.database}",
            str(source),
        ],
        url,
    )
