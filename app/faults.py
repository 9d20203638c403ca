"""When the database goes away mid-flight: a restart of PostgreSQL, a dropped connection, a file SQLite
cannot open.

A restart must cost a class no failed page view. Three things make that so:

- A new connection to a server that is restarting is tried again for ``DB_CONNECT_RETRY_SECONDS``
  instead of failing at once.
- A request whose connection is lost before it sent anything that writes is run once more from the start,
  on a fresh connection, whatever its method: nothing it did has reached the database, so doing it twice
  is safe. That is also how a pooled connection that died with the old server is found: no check before
  each request (``pool_pre_ping`` would cost every request one more round trip), the first statement on it
  fails, and the whole pool is replaced (SQLAlchemy invalidates every connection older than the failure).
- Anything else (a request that had already sent a write, or a database still away after the retry) is
  answered 503 with ``Retry-After``. A transaction cut off before its commit died with its connection;
  one cut off during its commit may have been saved; either way an answer sent again counts once,
  because every answer carries its one-time token.
"""

import logging
import time
from typing import Any

from flask import Flask, current_app, g, has_app_context
from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError, OperationalError, PendingRollbackError, SQLAlchemyError

from app import driver_statements
from app.db import starts_writing
from app.extensions import db

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
_WROTE = "database_written"
_RETRIED = "database_retried"


def database_unavailable(error: BaseException) -> bool:
    """Whether an error means the database could not be reached or dropped the connection (not a bug).

    A ``PendingRollbackError`` is the same event seen later: code that caught the first error (a page's
    optional part, say) carried on with the dead connection. An ``InterfaceError`` is not counted unless
    the connection was invalidated: SQLite raises it for a value it cannot bind, which is a bug.
    """
    if isinstance(error, (OperationalError, PendingRollbackError)):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def _note_write(statement: str, _connection: object) -> None:
    if has_app_context() and starts_writing(statement):
        g.setdefault(_WROTE, True)


def note_writes(engine: Engine) -> None:
    """Remember, for the current request, that a statement that changes the database was sent, through
    SQLAlchemy or straight to the driver (``app.driver_statements``)."""

    @event.listens_for(engine, "before_cursor_execute")
    def _note_sqlalchemy_write(
        _connection: Connection,
        _cursor: object,
        statement: str,
        _parameters: object,
        _context: object,
        _executemany: bool,
    ) -> None:
        _note_write(statement, None)

    driver_statements.listen(_note_write)


def retry_connections(engine: Engine, seconds: float) -> None:
    """Keep trying to connect to a database server for ``seconds`` before giving up.

    A restart refuses connections for a moment (a third of a second on a small server); a request that
    waits that long is better than a failed one. SQLite has no server to wait for, so nothing changes there.
    """
    if engine.dialect.name == "sqlite" or seconds <= 0:
        return

    @event.listens_for(engine, "do_connect")
    def _connect_patiently(dialect: Any, _record: object, cargs: list[Any], cparams: dict[str, Any]) -> Any:
        give_up_at = time.monotonic() + seconds
        pause = 0.05
        while True:
            try:
                return dialect.connect(*cargs, **cparams)
            except dialect.loaded_dbapi.OperationalError:
                if time.monotonic() + pause > give_up_at:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.5)


def may_try_again(error: BaseException) -> bool:
    """A lost connection, on a request that has sent no write, that has not been tried again yet.

    A POST counts like a GET: what it does outside the database (reading its form, checking its token) has
    no lasting effect, and its writes are the statements ``note_writes`` watches for.
    A failure to connect is not tried again: connecting already waited ``DB_CONNECT_RETRY_SECONDS``.
    """
    return (
        database_unavailable(error)
        and not failed_to_connect(error)
        and not g.get(_WROTE)
        and not g.get(_RETRIED)
    )


def failed_to_connect(error: BaseException) -> bool:
    """Whether no connection could be made at all (no statement was being run)."""
    return isinstance(error, DBAPIError) and error.statement is None and not error.connection_invalidated


def forget_unloaded_user() -> None:
    """Make the request anonymous unless its user is already loaded, so that rendering a page (Flask-Login
    puts ``current_user`` in every template) does not go to the database for it."""
    if "_login_user" not in g:
        g._login_user = current_app.login_manager.anonymous_user()  # type: ignore[attr-defined]


def try_again() -> Any:
    """Run the request once more from its ``before_request`` hooks on, on a fresh session.

    The user Flask-Login loaded belongs to the dead session, so it is forgotten and loaded again.
    """
    g.setdefault(_RETRIED, True)
    logger.warning("the database connection was lost before anything was written: trying the request again")
    discard_session()
    g.pop("_login_user", None)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        answer = app.preprocess_request()
        return answer if answer is not None else app.dispatch_request()
    except Exception as error:  # the second attempt's own error gets the usual handling
        return app.handle_user_exception(error)


def discard_session() -> None:
    """Drop the request's session and its connection without letting a dead connection raise again."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        logger.warning("rolling back on a lost database connection failed", exc_info=True)
    close_session()


def close_session() -> None:
    """Close the session (objects already loaded stay readable) and give back the connection the request's
    driver statements took; a dead connection is logged, not raised."""
    try:
        driver_statements.release()
    except SQLAlchemyError:
        logger.warning("giving back a lost database connection failed", exc_info=True)
    try:
        db.session.remove()
    except SQLAlchemyError:
        logger.warning("closing a session on a lost database connection failed", exc_info=True)
        db.session.registry.clear()  # what remove() skipped when close() raised


def close_sessions_quietly(app: Flask) -> None:
    """End each request's session with ``close_session``, so a dead connection cannot fail the teardown
    after the response was made (the server would then send its own 500 instead)."""

    @app.teardown_appcontext
    def _close_session(_error: BaseException | None) -> None:
        close_session()
