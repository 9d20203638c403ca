"""Configuration: safe defaults, then the instance folder, then the environment.

SQLite in the instance folder is the default so that a single command serves a working app; a school
that outgrows one machine sets ``DATABASE_URL`` to a PostgreSQL server.
"""

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BANK_DIR = PROJECT_ROOT / "question_bank"


def instance_secret_key(instance_path: Path) -> str:
    """Read the instance's secret key, creating it on first run so no one ships a shared default."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def default_config(instance_path: Path) -> dict[str, object]:
    """The settings every install starts from."""
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance_path / 'counterpoint.sqlite3'}",
        "BANK_DIR": str(DEFAULT_BANK_DIR),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "CARDS_NEW_PER_DAY": 10,
    }


def environment_overrides() -> dict[str, object]:
    """Deployment settings taken from the environment, for installs that do not edit files."""
    overrides: dict[str, object] = {}
    if url := os.environ.get("DATABASE_URL"):
        overrides["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(url)
    if bank := os.environ.get("COUNTERPOINT_BANK_DIR"):
        overrides["BANK_DIR"] = bank
    if key := os.environ.get("SECRET_KEY"):
        overrides["SECRET_KEY"] = key
    return overrides


def normalise_database_url(url: str) -> str:
    """Accept the ``postgres://`` spelling many hosts hand out; SQLAlchemy wants ``postgresql://``."""
    if url.startswith("postgres://"):
        return "postgresql://" + url.removeprefix("postgres://")
    return url
