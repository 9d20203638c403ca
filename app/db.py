"""Declarative base with a naming convention, and SQLite configured for a classroom's concurrent writes.

SQLite allows one writer at a time. A transaction that has read and then wants to write cannot wait for
the write lock if another writer committed in between: SQLite fails it at once with "database is
locked", whatever the busy timeout. A transaction that takes the lock with ``BEGIN IMMEDIATE`` before
anything else instead queues behind the other writers, up to the busy timeout. But taking the lock for
every transaction would make each page view, and each session kept open while a page renders or a
password is checked, hold up every writer.

So SQLAlchemy, not the driver, decides when a transaction begins: statements that only read run as they
come (each sees the latest committed data, as with PostgreSQL's default isolation), and the first write,
DDL or SAVEPOINT of a transaction is preceded by ``BEGIN IMMEDIATE``; from then on to the commit,
reads included, everything happens under the write lock. Readers never wait, writers queue, and nothing
fails as "database is locked" while the busy timeout lasts.

The database holds password hashes, so a new database file is created readable by its owner only (0600)
before SQLite opens it; SQLite gives the ``-wal`` and ``-shm`` files beside it the same mode.
"""

import contextlib
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session

from app.config import SQLITE_SYNCHRONOUS_LEVELS

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# How each database begins a transaction at its first write: SQLite takes the write lock at once.
BEGIN_TRANSACTION = {"sqlite": "BEGIN IMMEDIATE", "postgresql": "BEGIN"}
# The first word of a statement that changes the database or opens a savepoint: these take the lock.
WRITE_VERBS = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "SAVEPOINT"})


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utc_now() -> datetime:
    """The default of every timestamp column: the current time, aware, in UTC."""
    return datetime.now(UTC)


def starts_writing(statement: str) -> bool:
    """Whether a statement writes (or opens a savepoint), judged by its first word."""
    words = statement.lstrip(" \t\r\n(").split(None, 1)
    return bool(words) and words[0].upper() in WRITE_VERBS


def create_private_file(database: str) -> None:
    """Create a missing SQLite file with mode 0600 (an empty file is an empty database).

    Nothing happens for an in-memory or ``file:`` URI database, for a file that exists, or when the folder
    is missing (SQLite then reports that it cannot open the database, as before).
    """
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.parent.is_dir():
        return
    with contextlib.suppress(FileExistsError):  # another worker made it first
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def configure_sqlite(engine: Engine, *, synchronous: str = "NORMAL", busy_timeout_ms: int = 10_000) -> None:
    """WAL, a busy timeout, foreign keys, the chosen durability, and BEGIN IMMEDIATE at the first write.

    Does nothing for other databases.
    """
    if engine.dialect.name != "sqlite":
        return
    synchronous = synchronous.upper()
    if synchronous not in SQLITE_SYNCHRONOUS_LEVELS:
        raise ValueError(f"SQLITE_SYNCHRONOUS must be one of {', '.join(SQLITE_SYNCHRONOUS_LEVELS)}")
    busy_timeout_ms = int(busy_timeout_ms)

    @event.listens_for(engine, "do_connect")
    def _create_private(_dialect: object, _record: object, cargs: list[Any], cparams: dict[str, Any]) -> None:
        if not cparams.get("uri"):
            create_private_file(str(cargs[0] if cargs else cparams.get("database", "")))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    @event.listens_for(engine, "before_cursor_execute")
    def _begin_before_first_write(
        connection: Connection,
        cursor: sqlite3.Cursor,
        statement: str,
        _parameters: object,
        _context: Any,
        _executemany: bool,
    ) -> None:
        if connection.in_transaction() and not cursor.connection.in_transaction and starts_writing(statement):
            cursor.execute(BEGIN_TRANSACTION["sqlite"])


# A lock held until the transaction ends ("LOCK TABLE", "SELECT pg_advisory_xact_lock(…)") needs one open.
_LOCKS_UNTIL_COMMIT = re.compile(r"^\s*LOCK\b|\bpg_advisory_xact_lock\b", re.IGNORECASE)


def configure_postgresql(engine: Engine) -> None:
    """Reads outside a transaction, and ``BEGIN`` only before the first write, as on SQLite.

    The driver would open a transaction for a request's first statement and the pool would roll it back at
    the end: two round trips on every page that only reads. With the driver in autocommit, a read runs at
    once (each statement sees the latest committed data, as under PostgreSQL's default isolation, READ
    COMMITTED, it does anyway), and the first write, DDL or SAVEPOINT of a transaction is preceded by
    ``BEGIN``: from there to the commit everything is one transaction, as before. So is a statement that
    takes a lock held until the commit (``LOCK TABLE``, an advisory transaction lock); nothing in the app
    locks rows it only reads (no ``SELECT … FOR UPDATE``), so nothing is lost by reading before ``BEGIN``.
    Does nothing for other databases.
    """
    if engine.dialect.name != "postgresql":
        return
    from psycopg.pq import TransactionStatus  # the driver of a PostgreSQL URL, installed with the app

    idle = TransactionStatus.IDLE

    @event.listens_for(engine, "connect")
    def _autocommit(dbapi_connection: Any, _record: object) -> None:
        if dbapi_connection.info.transaction_status != idle:
            dbapi_connection.rollback()  # the dialect's first look at the server opened one
        dbapi_connection.autocommit = True

    @event.listens_for(engine, "before_cursor_execute")
    def _begin_before_first_write(
        connection: Connection,
        cursor: Any,
        statement: str,
        _parameters: object,
        _context: Any,
        _executemany: bool,
    ) -> None:
        if (
            connection.in_transaction()
            and cursor.connection.info.transaction_status == idle
            and (starts_writing(statement) or _LOCKS_UNTIL_COMMIT.search(statement))
        ):
            cursor.execute(BEGIN_TRANSACTION["postgresql"])


def commit_pending(session: Session | scoped_session) -> None:
    """Commit the session's transaction, if it has begun one (any read, write or added row begins it).

    A quiz request's writes go to the driver (``app.driver_statements``), each committed alone or in
    ``one_transaction``; its ORM session then has no transaction, and committing it anyway began and
    ended an empty one, with its events, for nothing (a fortieth of such a request).
    """
    target = session.registry() if isinstance(session, scoped_session) else session
    if target.in_transaction():
        target.commit()


def commit_keeping_loaded(session: Session | scoped_session) -> None:
    """Commit without expiring the rows already loaded: the request ends right after, and reading them
    again (the current user for the request log, a token for a redirect) would cost a query each."""
    target = session.registry() if isinstance(session, scoped_session) else session
    expire = target.expire_on_commit
    target.expire_on_commit = False
    try:
        target.commit()
    finally:
        target.expire_on_commit = expire
