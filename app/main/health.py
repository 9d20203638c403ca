"""``/healthz``: is this server able to serve? For load balancers, uptime checks and the administrator.

It answers without a login and without a session, and says only "ok" or what is wrong in general words:
never a database URL, a host name or an error message that could carry either.
"""

import logging
from functools import cache

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from app.extensions import db, migrate

bp = Blueprint("health", __name__)
logger = logging.getLogger(__name__)


@cache
def _script_heads(directory: str) -> frozenset[str]:
    """The newest migration(s) this code ships; the files do not change while the server runs."""
    config = migrate.get_config(directory=directory)
    return frozenset(ScriptDirectory.from_config(config).get_heads())


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            database_heads = frozenset(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError:
        logger.exception("health check: the database cannot be reached")
        return _answer("error", 503, database="unreachable")
    expected = _script_heads(current_app.extensions["migrate"].directory)
    if database_heads != expected:
        logger.error("health check: the database is not at the newest migration; run `flask db upgrade`")
        return _answer("error", 503, database="ok", migrations="not at head: run `flask db upgrade`")
    return _answer("ok", 200, database="ok", migrations="ok")


def _answer(status: str, code: int, **checks: str) -> tuple[Response, int]:
    response = jsonify(status=status, checks=checks)
    response.headers["Cache-Control"] = "no-store"
    return response, code
