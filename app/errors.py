"""Error pages: a clear message in HTML, or JSON for clients that ask for it; never a stack trace.

An error page must render when the database cannot: a server error's page (5xx) shows no navigation that
needs the logged-in user, and a 4xx page whose navigation fails falls back to that plain page. A lost
database connection is tried again or answered 503 (``app.faults``). Whatever still escapes Flask, say
a handler that failed, is caught by ``LastResort``, which answers with the app's own markup without
rendering anything.
"""

import html
import logging
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, jsonify, render_template, request
from sqlalchemy.exc import OperationalError, PendingRollbackError, SQLAlchemyError
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from app.faults import (
    RETRY_AFTER_SECONDS,
    database_unavailable,
    discard_session,
    forget_unloaded_user,
    may_try_again,
    try_again,
)
from app.logging_setup import log_unanswered_requests
from app.serving import SECURITY_HEADERS

logger = logging.getLogger(__name__)

DATABASE_AWAY = (
    "The server cannot reach its database just now. Please wait a few seconds and try again; "
    "an answer sent again is counted once."
)


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def error_page(error: HTTPException, *, full_nav: bool) -> tuple[Any, int]:
    """The page for ``error``; with ``full_nav``, the navigation of the logged-in user if it can be had."""
    code = error.code or 500
    if _wants_json():
        return jsonify(error=error.name, message=error.description), code
    if full_nav:
        try:
            return render_template("errors/error.html", error=error, full_nav=True), code
        except SQLAlchemyError:  # the navigation needs the user, and the database failed to give it
            logger.warning("an error page fell back to its plain navigation", exc_info=True)
            discard_session()
    forget_unloaded_user()
    return render_template("errors/error.html", error=error, full_nav=False), code


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Any, int]:
        server_error = (error.code or 500) >= 500
        if server_error:
            discard_session()
        return error_page(error, full_nav=not server_error)

    @app.errorhandler(OperationalError)
    @app.errorhandler(PendingRollbackError)
    def database_away(error: SQLAlchemyError) -> Any:
        if may_try_again(error):
            return try_again()
        logger.error("the database is unavailable: answered 503", exc_info=error)
        discard_session()
        body, code = error_page(ServiceUnavailable(DATABASE_AWAY), full_nav=False)
        return body, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}

    log_unanswered_requests(app, escaped_status)
    app.wsgi_app = LastResort(app.wsgi_app, app)  # type: ignore[method-assign]


class LastResort:
    """The outermost WSGI layer: an error that escaped Flask gets the app's own page, not the server's.

    In debug and test runs (``PROPAGATE_EXCEPTIONS``) the error is raised on, so it is seen in full.
    """

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]], app: Flask) -> None:
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            return self.wsgi_app(environ, start_response)
        except Exception as error:
            if self._propagates():
                raise
            status = escaped_status(error)
            body = _plain_page(status, environ.get("SCRIPT_NAME", "")).encode()
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
            headers += list(SECURITY_HEADERS.items())
            if status == 503:
                headers.append(("Retry-After", str(RETRY_AFTER_SECONDS)))
            reason = "Service Unavailable" if status == 503 else "Internal Server Error"
            start_response(f"{status} {reason}", headers)
            return [body]

    def _propagates(self) -> bool:
        setting = self.app.config.get("PROPAGATE_EXCEPTIONS")
        return bool(self.app.testing or self.app.debug) if setting is None else bool(setting)


def escaped_status(error: BaseException) -> int:
    """The status ``LastResort`` answers for an error that escaped Flask."""
    return 503 if database_unavailable(error) else 500


def _plain_page(status: int, script_name: str) -> str:
    """The error page's markup, written out, for when nothing can be rendered."""
    root = html.escape(script_name, quote=True)
    if status == 503:
        title, message = "Service Unavailable", DATABASE_AWAY
    else:
        title, message = "Internal Server Error", "Something went wrong on the server. Please try again."
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} · Counterpoint</title>\n"
        f'<link rel="stylesheet" href="{root}/static/counterpoint.css">\n</head>\n<body>\n'
        f'<header class="site-header"><nav aria-label="Main"><a class="brand" href="{root}/">Counterpoint</a>'
        "</nav></header>\n"
        f'<main id="content"><section class="notice" role="alert"><h1>{status}: {title}</h1>'
        f'<p>{html.escape(message)}</p><p><a href="{root}/">Back to the start</a></p></section></main>\n'
        '<footer class="site-footer"><p>Counterpoint</p></footer>\n</body>\n</html>\n'
    )
