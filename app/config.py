"""Configuration: safe defaults, then the instance folder, then the environment.

SQLite in the instance folder is the default so that a single command serves a working app; a school
that outgrows one machine sets ``DATABASE_URL`` to a PostgreSQL server. Every setting an administrator
may change is listed once in ``SETTINGS``, so the README's table and the code cannot drift apart.
"""

import contextlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BANK_DIR = PROJECT_ROOT / "question_bank"
SQLITE_SYNCHRONOUS_LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")
LOG_FORMATS = ("json", "text")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A setting from the environment that cannot be used; the message names the variable."""


def ensure_instance_folder(instance_path: Path) -> None:
    """Create a missing instance folder for its owner alone (0700): it holds the key and the database.

    A folder that exists keeps its mode; one that cannot be created is left for whatever needs it to report.
    """
    with contextlib.suppress(OSError):
        instance_path.mkdir(mode=0o700, parents=True, exist_ok=True)


def instance_secret_key(instance_path: Path) -> str:
    """Read the instance's secret key, creating it on first run so no one ships a shared default.

    Several server workers may start at the same moment: each writes a complete candidate key to a
    private temporary file and hard-links it into place, which succeeds for exactly one of them; the
    others read the winner's key. A reader can never see a half-written file, and all agree on one key.
    """
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return _read_key(key_file)
    instance_path.mkdir(mode=0o700, parents=True, exist_ok=True)  # new: its owner's alone
    candidate = secrets.token_hex(32)
    fd, temporary = _private_temporary_file(instance_path)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(candidate + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, key_file)
        except FileExistsError:
            return _read_key(key_file)
    finally:
        os.unlink(temporary)
    return candidate


def _private_temporary_file(folder: Path) -> tuple[int, str]:
    """A new file only its owner can read (mode 0600), in the folder the key will live in."""
    while True:
        name = folder / f".secret_key.{secrets.token_hex(8)}.tmp"
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), str(name)
        except FileExistsError:  # pragma: no cover - 64 random bits colliding
            continue


def _read_key(key_file: Path) -> str:
    key = key_file.read_text(encoding="ascii").strip()
    if not key:
        raise ConfigError(f"{key_file} is empty: delete it to generate a new key, or set SECRET_KEY")
    return key


def instance_folder() -> str | None:
    """Where the database, key and config.py live: ``COUNTERPOINT_INSTANCE_PATH``, else ``instance/``."""
    folder = os.environ.get("COUNTERPOINT_INSTANCE_PATH")
    return str(Path(folder).resolve()) if folder else None


def default_config(instance_path: Path) -> dict[str, object]:
    """The settings every install starts from."""
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance_path / 'counterpoint.sqlite3'}",
        "BANK_DIR": str(DEFAULT_BANK_DIR),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "CARDS_NEW_PER_DAY": 10,
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
        "PROXY_FIX_X_FOR": 0,
        "PROXY_FIX_X_PROTO": 0,
        "PROXY_FIX_X_HOST": 0,
        "PROXY_FIX_X_PORT": 0,
        "PROXY_FIX_X_PREFIX": 0,
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_SAMESITE": "Lax",  # the remember-me cookie follows (app.serving.secure_cookies)
        "DB_POOL_SIZE": 5,
        "DB_MAX_OVERFLOW": 10,
        "DB_CONNECT_RETRY_SECONDS": 3,
        "SQLITE_SYNCHRONOUS": "NORMAL",
        "SQLITE_BUSY_TIMEOUT_MS": 10_000,
        "LOGIN_FAILURES_PER_NAME": 10,
        "LOGIN_FAILURES_PER_ADDRESS": 50,
        "LOGIN_FAILURE_WINDOW_MINUTES": 15,
        "GUESTS_PER_ADDRESS_PER_HOUR": 60,
        "JOIN_FAILURES_PER_ADDRESS": 50,
    }


def normalise_database_url(url: str) -> str:
    """Accept the ``postgres://`` and ``postgresql://`` URLs hosts hand out, for the driver we install.

    SQLAlchemy reads a bare ``postgresql://`` as psycopg2; this project installs psycopg 3. A URL that
    names its driver (``postgresql+...://``) is left alone.
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError("must not be negative")
    return value


def _flag(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError("must be true or false")


def _one_of(*allowed: str, upper: bool = True) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().upper() if upper else text.strip().lower()
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return value

    return parse


@dataclass(frozen=True)
class Setting:
    """One environment variable, the config key it sets, and how to read it."""

    env: str
    key: str
    parse: Callable[[str], object]


SETTINGS: tuple[Setting, ...] = (
    Setting("DATABASE_URL", "SQLALCHEMY_DATABASE_URI", normalise_database_url),
    Setting("SECRET_KEY", "SECRET_KEY", str),
    Setting("COUNTERPOINT_BANK_DIR", "BANK_DIR", str),
    Setting("COUNTERPOINT_CARDS_NEW_PER_DAY", "CARDS_NEW_PER_DAY", _count),
    Setting("COUNTERPOINT_MAX_CONTENT_LENGTH", "MAX_CONTENT_LENGTH", _count),
    Setting("COUNTERPOINT_LOG_FORMAT", "LOG_FORMAT", _one_of(*LOG_FORMATS, upper=False)),
    Setting("COUNTERPOINT_LOG_LEVEL", "LOG_LEVEL", _one_of(*LOG_LEVELS)),
    Setting("COUNTERPOINT_PROXY_FIX_X_FOR", "PROXY_FIX_X_FOR", _count),
    Setting("COUNTERPOINT_PROXY_FIX_X_PROTO", "PROXY_FIX_X_PROTO", _count),
    Setting("COUNTERPOINT_PROXY_FIX_X_HOST", "PROXY_FIX_X_HOST", _count),
    Setting("COUNTERPOINT_PROXY_FIX_X_PORT", "PROXY_FIX_X_PORT", _count),
    Setting("COUNTERPOINT_PROXY_FIX_X_PREFIX", "PROXY_FIX_X_PREFIX", _count),
    Setting("COUNTERPOINT_SESSION_COOKIE_SECURE", "SESSION_COOKIE_SECURE", _flag),
    Setting("COUNTERPOINT_DB_POOL_SIZE", "DB_POOL_SIZE", _count),
    Setting("COUNTERPOINT_DB_MAX_OVERFLOW", "DB_MAX_OVERFLOW", _count),
    Setting("COUNTERPOINT_DB_CONNECT_RETRY_SECONDS", "DB_CONNECT_RETRY_SECONDS", _count),
    Setting("COUNTERPOINT_SQLITE_SYNCHRONOUS", "SQLITE_SYNCHRONOUS", _one_of(*SQLITE_SYNCHRONOUS_LEVELS)),
    Setting("COUNTERPOINT_SQLITE_BUSY_TIMEOUT_MS", "SQLITE_BUSY_TIMEOUT_MS", _count),
    Setting("COUNTERPOINT_LOGIN_FAILURES_PER_NAME", "LOGIN_FAILURES_PER_NAME", _count),
    Setting("COUNTERPOINT_LOGIN_FAILURES_PER_ADDRESS", "LOGIN_FAILURES_PER_ADDRESS", _count),
    Setting("COUNTERPOINT_LOGIN_FAILURE_WINDOW_MINUTES", "LOGIN_FAILURE_WINDOW_MINUTES", _count),
    Setting("COUNTERPOINT_GUESTS_PER_ADDRESS_PER_HOUR", "GUESTS_PER_ADDRESS_PER_HOUR", _count),
    Setting("COUNTERPOINT_JOIN_FAILURES_PER_ADDRESS", "JOIN_FAILURES_PER_ADDRESS", _count),
)


def environment_overrides(environ: dict[str, str] | None = None) -> dict[str, object]:
    """Deployment settings taken from the environment, for installs that do not edit files."""
    environ = dict(os.environ) if environ is None else environ
    overrides: dict[str, object] = {}
    for setting in SETTINGS:
        text = environ.get(setting.env)
        if not text:  # unset or empty: keep the default
            continue
        try:
            overrides[setting.key] = setting.parse(text)
        except ValueError as error:
            raise ConfigError(f"{setting.env}={text!r}: {error}") from None
    return overrides


def engine_options(database_uri: str, pool_size: int, max_overflow: int) -> dict[str, object]:
    """Pool sizes for a database server; SQLite in a file needs none (each connection is a file handle).

    A pooled connection is not checked before use (``pool_pre_ping`` cost a round trip per request): one
    the server dropped fails at the request's first statement, and the request is run again on a new
    connection (``app.faults``).
    """
    if database_uri.startswith("sqlite"):
        return {}
    return {"pool_size": pool_size, "max_overflow": max_overflow}
