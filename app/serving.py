"""What a production server needs from the factory: database pools, SQLite's locking, the proxy, cookies,
and the security headers every response carries."""

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import engine_options
from app.db import configure_postgresql, configure_sqlite
from app.extensions import db
from app.faults import close_sessions_quietly, note_writes, retry_connections

PROXY_HEADERS = ("for", "proto", "host", "port", "prefix")

# Scripts and styles come only from the app's own files: no inline <script>, no on*= handler, no <style>
# and no style="" attribute, so markup slipped into a page cannot run. No page may be framed by another.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def prepare_database(app: Flask) -> None:
    """Before the engine exists: pool sizes for a database server, unless the config already set options."""
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        engine_options(
            app.config["SQLALCHEMY_DATABASE_URI"], app.config["DB_POOL_SIZE"], app.config["DB_MAX_OVERFLOW"]
        ),
    )


def configure_engines(app: Flask) -> None:
    """After the engine exists: WAL, busy timeout, durability and BEGIN IMMEDIATE on SQLite; on any
    database, what a lost connection needs (``app.faults``): patient connects, and knowing whether a
    request wrote before its connection was lost."""
    with app.app_context():
        configure_sqlite(
            db.engine,
            synchronous=app.config["SQLITE_SYNCHRONOUS"],
            busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"],
        )
        configure_postgresql(db.engine)
        retry_connections(db.engine, float(app.config["DB_CONNECT_RETRY_SECONDS"]))
        note_writes(db.engine)
    close_sessions_quietly(app)


def secure_cookies(app: Flask) -> None:
    """The remember-me cookie follows the session cookie unless set apart: Secure, and SameSite."""
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", app.config["SESSION_COOKIE_SAMESITE"])


def add_security_headers(app: Flask) -> None:
    """Every response, error pages and static files included, carries ``SECURITY_HEADERS``.

    A view that sets one of these headers itself keeps its own value.
    """

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        # One pass over the response's headers (setdefault would scan them once per header).
        present = {name.lower() for name, _value in response.headers}
        response.headers.extend(
            (name, value) for name, value in SECURITY_HEADERS.items() if name.lower() not in present
        )
        return response


def apply_proxy_fix(app: Flask) -> None:
    """Trust X-Forwarded-* headers only as many hops deep as the administrator says; none by default."""
    hops = {name: int(app.config[f"PROXY_FIX_X_{name.upper()}"]) for name in PROXY_HEADERS}
    if any(hops.values()):
        app.wsgi_app = ProxyFix(app.wsgi_app, **{f"x_{name}": count for name, count in hops.items()})
