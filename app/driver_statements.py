"""The quiz cycle's own statements, sent to the database driver directly.

A learner's quiz cycle (next, question, answer, feedback) runs eleven statements, each built once at
import. Through SQLAlchemy each cost about 25 µs besides the database's own work (an execution context,
the result's wrapping, the events), and the ORM session's connection about 45 µs a request: together
near a tenth of the cycle's CPU on SQLite. SQLAlchemy still writes these statements: ``DriverStatement``
compiles one per dialect, once, and keeps its type handling (the dialect's own converters of each value
and column); only running it is left to the driver.

- *The connection.* The session's own when its transaction has begun, so a read sees what the session
  wrote and a write joins its transaction; otherwise one the request takes from the engine's pool at its
  first statement and gives back when the app context ends (``release``).
- *Writes.* The connection's driver runs with no transaction of its own (see app.db): a write outside a
  transaction is atomic by itself and needs no BEGIN. ``one_transaction`` makes several one, with the
  same ``BEGIN IMMEDIATE`` SQLite gets through SQLAlchemy.
- *Errors* are raised as SQLAlchemy's (an ``IntegrityError`` is still one). A lost connection is
  invalidated and the pool's other connections closed, as SQLAlchemy does, so that app.faults can run the
  request again on a fresh one.
- *Observers.* ``listen`` registers a callable told of each statement before it is sent: app.faults notes
  a request's writes with it, and the statement-count test counts with it.
"""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from flask import g, has_app_context
from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, scoped_session
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
    give_back: Callable[[], None] | None = None  # a pooled connection's return to the pool


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _connection(session: Session) -> _Connection:
    """The session's connection once its transaction has begun, else the request's own from the pool."""
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
        engine = _engine_of(session)
        try:
            proxied = engine.raw_connection()
        except engine.dialect.loaded_dbapi.Error as error:  # as SQLAlchemy raises a failure to connect
            raise DBAPIError.instance(None, None, error, engine.dialect.loaded_dbapi.Error) from error
        pooled = _Connection(
            proxied.driver_connection, engine.dialect, engine, proxied.invalidate, proxied.close
        )
        g.setdefault(_POOLED, pooled)
    return pooled


def release() -> None:
    """Give the request's pooled connection back (app.faults calls it as the app context ends)."""
    pooled = g.pop(_POOLED, None) if has_app_context() else None
    if pooled is not None and pooled.give_back is not None:
        pooled.give_back()


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
