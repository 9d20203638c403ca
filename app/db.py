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
"""

import sqlite3
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, MetaData, event
from sqlalchemy.orm import DeclarativeBase

from app.config import SQLITE_SYNCHRONOUS_LEVELS

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
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
        _context: object,
        _executemany: bool,
    ) -> None:
        if connection.in_transaction() and not cursor.connection.in_transaction and starts_writing(statement):
            cursor.execute("BEGIN IMMEDIATE")
