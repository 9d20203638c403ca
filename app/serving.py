"""What a production server needs from the factory: database pools, SQLite's locking, the proxy, cookies."""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import engine_options
from app.db import configure_sqlite
from app.extensions import db

PROXY_HEADERS = ("for", "proto", "host", "port", "prefix")


def prepare_database(app: Flask) -> None:
    """Before the engine exists: pool sizes for a database server, unless the config already set options."""
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS",
        engine_options(
            app.config["SQLALCHEMY_DATABASE_URI"], app.config["DB_POOL_SIZE"], app.config["DB_MAX_OVERFLOW"]
        ),
    )


def configure_engines(app: Flask) -> None:
    """After the engine exists: WAL, busy timeout, durability and BEGIN IMMEDIATE on SQLite."""
    with app.app_context():
        configure_sqlite(
            db.engine,
            synchronous=app.config["SQLITE_SYNCHRONOUS"],
            busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"],
        )


def secure_cookies(app: Flask) -> None:
    """The remember-me cookie follows the session cookie unless set apart."""
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])


def apply_proxy_fix(app: Flask) -> None:
    """Trust X-Forwarded-* headers only as many hops deep as the administrator says; none by default."""
    hops = {name: int(app.config[f"PROXY_FIX_X_{name.upper()}"]) for name in PROXY_HEADERS}
    if any(hops.values()):
        app.wsgi_app = ProxyFix(app.wsgi_app, **{f"x_{name}": count for name, count in hops.items()})
