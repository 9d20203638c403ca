"""The quiz cycle's own statements, sent to the database driver directly.

A learner's quiz cycle (next, question, answer, feedback) runs eleven statements, each built once at
import. Through SQLAlchemy each cost about 25 µs besides the database's own work (an execution context,
the result's wrapping, the events), and the ORM session's connection about 45 µs a request: together
near a tenth of the cycle's CPU on SQLite. SQLAlchemy still writes these statements: ``DriverStatement``
compiles one per dialect, once, and keeps its type handling (the dialect's own converters of each value
and column); only running it is left to the driver.

- *The connection.* The session's own when its transaction has begun, so a read sees what the session
  wrote and a write joins its transaction; otherwise the request's own, taken at its first statement and
  given back when the app context ends (``release``): the one the last request of the process left, kept
  outside the pool while it is clean and live, or one from the engine's pool.
- *Writes.* The connection's driver runs with no transaction of its own (see app.db): a write outside a
  transaction is atomic by itself and needs no BEGIN. ``one_transaction`` makes several one, with the
  same ``BEGIN IMMEDIATE`` SQLite gets through SQLAlchemy.
- *Errors* are raised as SQLAlchemy's (an ``IntegrityError`` is still one). A lost connection is
  invalidated and the pool's other connections closed, as SQLAlchemy does, so that app.faults can run the
  request again on a fresh one.
- *Observers.* ``listen`` registers a callable told of each statement before it is sent: app.faults notes
  a request's writes with it, and the statement-count test counts with it.
"""

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import g, has_app_context
from sqlalchemy import Engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, scoped_session
from sqlalchemy.pool import Pool, PoolProxiedConnection
from sqlalchemy.sql.expression import Executable

from app.db import BEGIN_TRANSACTION

_POOLED = "driver_connection"  # where a request keeps the connection it took from the pool

Listener = Callable[[str, Any], None]  # (the statement, the driver's connection)
_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    """Tell ``listener`` of every statement run through this module, before it is sent."""
    if listener not in _listeners:
        _listeners.append(listener)


def remove(listener: Listener) -> None:
    _listeners.remove(listener)


@dataclass(frozen=True)
class _Compiled:
    """A statement as one dialect runs it: the SQL, how to bind a mapping of values, how to read a row."""

    sql: str
    positional: bool
    names: tuple[str, ...]  # the values' names, in the order of the placeholders when positional
    given: dict[str, Any]  # values the statement carries itself (a literal, a LIMIT)
    converters: tuple[tuple[str, Callable[[Any], Any]], ...]  # the dialect's converter of each value
    readers: tuple[tuple[int, Callable[[Any], Any]], ...]  # the dialect's converter of a column, by place

    def parameters(self, values: Mapping[str, Any]) -> Any:
        bound = {**self.given, **values} if self.given else dict(values)
        for name, convert in self.converters:
            bound[name] = convert(bound[name])
        if self.positional:
            return tuple(bound[name] for name in self.names)
        return bound

    def read(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The rows with each column that needs it converted (most need nothing: a row is read as it is)."""
        if not self.readers:
            return rows
        converted = []
        for row in rows:
            values = list(row)
            for index, read in self.readers:
                values[index] = read(values[index])
            converted.append(tuple(values))
        return converted


def _compile(statement: Executable, dialect: Dialect) -> _Compiled:
    compiled = statement.compile(dialect=dialect)
    sql = str(compiled)
    if "POSTCOMPILE" in sql or getattr(compiled, "insert_prefetch", None) or compiled.escaped_bind_names:
        # Values SQLAlchemy would fill in at run time (an expanding IN, a column default): not done here.
        raise ValueError(f"give every value of this statement explicitly: {sql}")
    binds = compiled.binds
    names = tuple(compiled.positiontup) if compiled.positional else tuple(binds)
    converters = []
    for name in dict.fromkeys(names):
        convert = binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            converters.append((name, convert))
    columns = getattr(statement, "selected_columns", ())
    readers = tuple(
        (index, read)
        for index, column in enumerate(columns)
        if (read := column.type.dialect_impl(dialect).result_processor(dialect, None)) is not None
    )
    return _Compiled(
        sql=sql,
        positional=compiled.positional,
        names=names,
        given={
            name: bind.value for name, bind in binds.items() if not bind.required and bind.callable is None
        },
        converters=tuple(converters),
        readers=readers,
    )


@dataclass
class _Connection:
    """The driver's connection a statement runs on, and how to drop it when it turns out dead."""

    dbapi: Any
    dialect: Dialect
    engine: Engine
    invalidate: Callable[[BaseException], None]
    pooled: PoolProxiedConnection | None = None  # one taken from the pool, given back by ``release``
    pool: Pool | None = None  # the pool it came from


# The connection the last request of this process gave back, kept for the next instead of going through
# the pool (its checkout and checkin, with their locks, queue and events, cost half of a login lookup).
# One per engine, whatever the server's threads: a request takes it or, if another holds it, one from
# the pool. It is kept only outside a transaction, while valid and while its pool is the engine's.
_idle: dict[int, _Connection] = {}


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _usable(kept: _Connection, engine: Engine) -> bool:
    """Still the engine's (not from a pool since disposed), and not invalidated."""
    pooled = kept.pooled
    return kept.engine is engine and kept.pool is engine.pool and pooled is not None and pooled.is_valid


def _from_pool(engine: Engine) -> _Connection:
    kept = _idle.pop(id(engine), None)
    if kept is not None:
        if _usable(kept, engine):
            return kept
        _give_back(kept)
    try:
        proxied = engine.raw_connection()
    except engine.dialect.loaded_dbapi.Error as error:  # as SQLAlchemy raises a failure to connect
        raise DBAPIError.instance(None, None, error, engine.dialect.loaded_dbapi.Error) from error
    if not event.contains(engine, "engine_disposed", _close_kept):  # before any of its connections is kept
        event.listen(engine, "engine_disposed", _close_kept)
    return _Connection(
        proxied.driver_connection, engine.dialect, engine, proxied.invalidate, proxied, engine.pool
    )


def _connection(session: Session) -> _Connection:
    """The session's connection once its transaction has begun, else the request's own (see ``_idle``)."""
    own = session.registry() if isinstance(session, scoped_session) else session
    if own.in_transaction() or not has_app_context():
        connection = session.connection()
        return _Connection(
            connection.connection.driver_connection,
            connection.dialect,
            connection.engine,
            connection.invalidate,
        )
    pooled = g.get(_POOLED)
    if pooled is None:
        pooled = _from_pool(_engine_of(session))
        g.setdefault(_POOLED, pooled)
    return pooled


def _give_back(connection: _Connection) -> None:
    if connection.pooled is None:
        return
    if connection.pool is not connection.engine.pool and connection.pooled.is_valid:
        # Its pool was disposed since (its connections closed): close this one too, rather than hand it
        # to a pool no one takes from, which would leave it open.
        connection.pooled.invalidate()
    connection.pooled.close()


def release() -> None:
    """Done with the request's connection (app.faults calls it as the app context ends): kept for the
    next request if none is, else given back to the pool; one in a transaction or invalidated is given
    back to the pool, which rolls back or closes it."""
    pooled = g.pop(_POOLED, None) if has_app_context() else None
    if pooled is None:
        return
    if not (_usable(pooled, pooled.engine) and not _in_transaction(pooled) and _keep(pooled)):
        _give_back(pooled)


def _keep(connection: _Connection) -> bool:
    """Keep ``connection`` for the next request, unless one is kept already."""
    return _idle.setdefault(id(connection.engine), connection) is connection


def _close_kept(engine: Engine) -> None:
    """The engine's pool was disposed (its connections closed): the kept one is closed with them, so that
    SQLite folds its write-ahead log into the file and PostgreSQL has no session left open."""
    kept = _idle.pop(id(engine), None)
    if kept is not None:
        _give_back(kept)  # from a pool now disposed: closed


def _forget_kept_in_a_forked_child() -> None:
    """A forked process must never use, nor close, its parent's connections (the engine's
    ``dispose(close=False)`` leaves the pool's alone): the kept ones are dropped without a word, and
    held so that no finalizer runs on them."""
    _inherited.extend(_idle.values())
    _idle.clear()


_inherited: list[_Connection] = []
os.register_at_fork(after_in_child=_forget_kept_in_a_forked_child)


class DriverStatement:
    """A statement built once with SQLAlchemy and run on the driver: ``rows``, ``first`` or ``run``."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._by_dialect: dict[str, _Compiled] = {}

    def _compiled(self, dialect: Dialect) -> _Compiled:
        compiled = self._by_dialect.get(dialect.name)
        if compiled is None:
            compiled = self._by_dialect[dialect.name] = _compile(self.statement, dialect)
        return compiled

    def _execute(self, session: Session, values: Mapping[str, Any]) -> tuple[Any, _Compiled]:
        connection = _connection(session)
        compiled = self._compiled(connection.dialect)
        parameters = compiled.parameters(values)
        for listener in _listeners:
            listener(compiled.sql, connection.dbapi)
        cursor = connection.dbapi.cursor()
        try:
            cursor.execute(compiled.sql, parameters)
        except connection.dialect.loaded_dbapi.Error as error:
            cursor.close()
            raise _as_sqlalchemy_error(error, connection, compiled.sql, parameters) from error
        return cursor, compiled

    def rows(self, session: Session, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row the statement reads, each value converted as SQLAlchemy would."""
        cursor, compiled = self._execute(session, values)
        try:
            return compiled.read(cursor.fetchall())
        finally:
            cursor.close()

    def first(self, session: Session, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row the statement reads, or None."""
        rows = self.rows(session, values)
        return rows[0] if rows else None

    def run(self, session: Session, values: Mapping[str, Any]) -> int:
        """Run a write; the number of rows it changed."""
        cursor, _compiled = self._execute(session, values)
        try:
            return cursor.rowcount
        finally:
            cursor.close()


def _in_transaction(connection: _Connection) -> bool:
    if connection.dialect.name == "sqlite":
        return connection.dbapi.in_transaction
    from psycopg.pq import TransactionStatus  # the driver of a PostgreSQL URL

    return connection.dbapi.info.transaction_status != TransactionStatus.IDLE


@contextmanager
def one_transaction(session: Session) -> Iterator[None]:
    """The block's statements as one transaction, committed at its end and rolled back if it raises; inside
    a transaction already begun (by the session), they join it and its commit decides."""
    connection = _connection(session)
    if _in_transaction(connection):
        yield
        return
    _send(connection, BEGIN_TRANSACTION.get(connection.dialect.name, "BEGIN"))
    try:
        yield
    except BaseException:
        _send(connection, "ROLLBACK")
        raise
    _send(connection, "COMMIT")


def _send(connection: _Connection, sql: str) -> None:
    cursor = connection.dbapi.cursor()
    try:
        cursor.execute(sql)
    except connection.dialect.loaded_dbapi.Error as error:
        raise _as_sqlalchemy_error(error, connection, sql, ()) from error
    finally:
        cursor.close()


def _as_sqlalchemy_error(error: Exception, connection: _Connection, sql: str, parameters: Any) -> DBAPIError:
    """The driver's error as SQLAlchemy raises it; a lost connection is dropped with the pool's others."""
    lost = connection.dialect.is_disconnect(error, connection.dbapi, None)
    if lost:
        connection.invalidate(error)  # a pooled one is still given back by ``release``
        connection.engine.dispose()  # the others were opened before the server went away too
    return DBAPIError.instance(
        sql,
        parameters,
        error,
        connection.dialect.loaded_dbapi.Error,
        connection_invalidated=lost,
        dialect=connection.dialect,
    )
