"""Where the tests' databases live: SQLite files by default, or a PostgreSQL server when one is named.

Set ``COUNTERPOINT_TEST_DATABASE_URL`` to a PostgreSQL URL whose user may create databases (for example
``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``) and the whole suite runs against that server.
Either way each test gets a database of its own, cloned from a template made once per run: a file copy on
SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL.
"""

import itertools
import os
import secrets
import shutil
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SERVER_URL = os.environ.get("COUNTERPOINT_TEST_DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.startswith(("postgresql", "postgres"))


class SqliteFiles:
    """One file per database; a clone is a file copy, taken while no connection is open."""

    dialect = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def template_url(self, name: str) -> str:
        return f"sqlite:///{self.folder / name}.sqlite3"

    def create(self, url: str) -> None:
        """Nothing to do: SQLite creates the file on first connection."""

    def test_url(self, tmp_path: Path) -> str:
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"

    def clone(self, template_url: str, target_url: str) -> None:
        shutil.copyfile(_sqlite_path(template_url), _sqlite_path(target_url))

    def drop(self, url: str) -> None:
        """Nothing to do: the file lives in the test's own temporary folder."""

    def close(self) -> None:
        """Nothing to do: pytest removes its temporary folders."""


class PostgresServer:
    """One database per test on a real server; names carry a per-run prefix so runs never collide."""

    dialect = "postgresql"

    def __init__(self, server_url: str) -> None:
        self.server_url = make_url(server_url)
        self.admin = create_engine(self.server_url, isolation_level="AUTOCOMMIT", pool_size=1)
        self.prefix = f"cp_{os.getpid()}_{secrets.token_hex(3)}"
        self.counter = itertools.count(1)
        self.created: set[str] = set()

    def _url(self, name: str) -> str:
        return self.server_url.set(database=name).render_as_string(hide_password=False)

    def template_url(self, name: str) -> str:
        return self._url(f"{self.prefix}_{name}")

    def test_url(self, tmp_path: Path) -> str:
        return self._url(f"{self.prefix}_t{next(self.counter)}")

    def create(self, url: str) -> None:
        self._create(url)

    def clone(self, template_url: str, target_url: str) -> None:
        self.drop(target_url)
        self._create(target_url, template=make_url(template_url).database)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.created.discard(name)

    def close(self) -> None:
        for name in sorted(self.created):
            self.drop(self._url(name))
        self.admin.dispose()

    def _create(self, url: str, template: str | None = None) -> None:
        name = make_url(url).database
        clause = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        self.created.add(name)


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def databases(folder: Path) -> SqliteFiles | PostgresServer:
    """The databases of this run, on the server named in the environment or in SQLite files."""
    if SERVER_URL and not ON_POSTGRES:  # a typo must not quietly run the suite on SQLite a second time
        raise ValueError(f"COUNTERPOINT_TEST_DATABASE_URL must be a postgresql:// URL, not {SERVER_URL!r}")
    return PostgresServer(SERVER_URL) if ON_POSTGRES else SqliteFiles(folder)
