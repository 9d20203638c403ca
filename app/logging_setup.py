"""Logs an administrator can search: one JSON object per line on stderr, one line per request.

The app's own loggers (``app`` and below) get the handler; a server's own loggers (gunicorn's) can use the
same formatter through ``deploy/gunicorn.conf.py``. A request line carries its id, method, path, status,
duration and the user id when someone is logged in; never a query string, a form field or a cookie, and
route values named like tokens or codes are replaced by their names, so no secret reaches the log. That
holds when the route refuses the method too (the path is matched again for a method it allows, to find
its values), and a path that matches no route keeps only the segments that cannot be a token.

Every request is logged, even one whose error escaped the app's handlers: ``log_unanswered_requests``
(set up with the error pages, which then answer it) writes the line the response hook never got to.
"""

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ClassVar

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import inspect
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.wrappers import Response

APP_LOGGER = "app"
REQUEST_LOGGER = "app.requests"
REQUEST_ID_HEADER = "X-Request-ID"
SECRET_ROUTE_VALUES = ("token", "code", "key")
# A segment of a path that matches no route is logged only if it is a number or a short word: every token
# the app hands out is longer (a presentation token has 32 characters), so none can be logged this way.
PLAIN_SEGMENT = re.compile(r"[0-9]{1,20}|[A-Za-z._-]{1,24}")
REDACTED = "<redacted>"
REQUEST_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id", "remote_addr")


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, then any request fields present."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in REQUEST_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """A short readable line for development."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")


class _RequestIdFilter(logging.Filter):
    """Adds the current request's id to any record logged while a request is handled."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None and has_request_context():
            record.request_id = g.get("request_id")
        return True


class StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time, so a replaced stderr is always honoured."""

    owned: ClassVar[bool] = True

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def formatter_for(log_format: str) -> logging.Formatter:
    return TextFormatter() if log_format == "text" else JsonFormatter()


def configure_logging(app: Flask) -> None:
    """Send the app's logs to stderr in the configured format and level, and log every request once."""
    logger = logging.getLogger(APP_LOGGER)
    for handler in [h for h in logger.handlers if getattr(h, "owned", False)]:
        logger.removeHandler(handler)
    handler = StderrHandler()
    handler.setFormatter(formatter_for(app.config["LOG_FORMAT"]))
    handler.addFilter(_RequestIdFilter())
    logger.addHandler(handler)
    logger.setLevel(app.config["LOG_LEVEL"])
    logger.propagate = False
    app.before_request(_start_request)
    app.after_request(_log_request)


def _start_request() -> None:
    """Once per request, even when a lost database connection makes the app run the request again."""
    if "request_id" in g:
        return
    g.request_started = time.perf_counter()
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if _plausible_request_id(given) else uuid.uuid4().hex


def _plausible_request_id(value: str) -> bool:
    """A proxy's id is kept if it is short and plain, so a crafted header cannot forge log lines."""
    return 0 < len(value) <= 64 and all(c.isalnum() or c in "-_." for c in value)


def _log_request(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = _write_request_line(response.status_code)
    return response


def log_unanswered_requests(app: Flask, status_for: Callable[[BaseException], int]) -> None:
    """Log a request whose error escaped every handler (no response hook ran for it), with the status
    ``status_for`` says the client is sent."""

    @app.teardown_request
    def _log_unanswered_request(error: BaseException | None) -> None:
        if error is not None and not g.get("request_logged"):
            _write_request_line(status_for(error), error)


def _write_request_line(status: int, error: BaseException | None = None) -> str:
    """Log the request once, with ``status``; the request's id is returned for the response header."""
    context = g._get_current_object()  # type: ignore[attr-defined]  (read once: each proxy read costs)
    context.request_logged = True
    started = context.get("request_started")
    duration_ms = round((time.perf_counter() - started) * 1000, 1) if started else None
    request_id = context.get("request_id") or uuid.uuid4().hex
    logger = logging.getLogger(REQUEST_LOGGER)
    level = logging.ERROR if status >= 500 else logging.INFO
    if not logger.isEnabledFor(level):  # a level above the line's: nothing to build
        return request_id
    current = request._get_current_object()  # type: ignore[attr-defined]
    path = _loggable_path()
    logger.log(
        level,
        "%s %s %s",
        current.method,
        path,
        status,
        exc_info=error,
        extra={
            "request_id": request_id,
            "method": current.method,
            "path": path,
            "status": status,
            "duration_ms": duration_ms,
            "user_id": _user_id(context.get("_login_user")),
            "remote_addr": current.remote_addr,
        },
    )
    return request_id


def _loggable_path() -> str:
    path = request.path
    values = _route_values()
    if values is None:
        return "/".join(_plain_or_redacted(part) for part in path.split("/"))
    for name, value in values.items():
        if any(word in name for word in SECRET_ROUTE_VALUES) and str(value):
            path = path.replace(str(value), f"<{name}>")
    return path


def _plain_or_redacted(segment: str) -> str:
    return segment if not segment or PLAIN_SEGMENT.fullmatch(segment) else REDACTED


def _route_values() -> dict[str, Any] | None:
    """The values of the route the path matched, even when the route refused the method; None if no route."""
    if request.url_rule is not None:
        return request.view_args or {}
    refused = request.routing_exception
    if not isinstance(refused, MethodNotAllowed) or not refused.valid_methods:
        return None
    adapter = current_app.create_url_adapter(request)
    if adapter is None:  # pragma: no cover - a request always has one
        return None
    try:
        _rule, values = adapter.match(method=refused.valid_methods[0], return_rule=True)
    except HTTPException:  # a redirect too
        return None
    return values


def _user_id(user: Any) -> int | None:
    """The id of the user Flask-Login already loaded (``user``): logging never queries.

    The id of a ``User`` row comes from its identity in the session, which a commit leaves alone; reading
    the ``id`` attribute after a commit would reload the whole row (and fail if the database is gone).
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    state = inspect(user, raiseerr=False)
    if state is None or state.identity is None:  # not a mapped row (a test double) or not yet saved
        return getattr(user, "id", None) if state is None else None
    return state.identity[0]
