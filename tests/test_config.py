"""Configuration a self-hoster relies on: one private secret key, every setting from the environment."""

import multiprocessing
import os
import stat
from pathlib import Path

import pytest

from app import create_app
from app.config import (
    PROJECT_ROOT,
    SETTINGS,
    ConfigError,
    engine_options,
    environment_overrides,
    instance_secret_key,
    normalise_database_url,
)

WORKERS = 8


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = instance_secret_key(tmp_path)
    assert len(first) == 64
    assert instance_secret_key(tmp_path) == first
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600


def test_database_url_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", "from-env")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("other.sqlite3")
    assert app.config["SECRET_KEY"] == "from-env"


def test_default_database_is_sqlite_in_the_instance_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SECRET_KEY", "x")
    app = create_app()
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"]
        == f"sqlite:///{Path(app.instance_path) / 'counterpoint.sqlite3'}"
    )


def test_postgres_scheme_is_normalised() -> None:
    assert normalise_database_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_database_url("postgresql+psycopg://h/db") == "postgresql+psycopg://h/db"
    assert normalise_database_url("sqlite:///x") == "sqlite:///x"


def _key_in_a_fresh_process(folder: str, start, keys) -> None:
    start.wait()
    keys.put(instance_secret_key(Path(folder)))


def test_workers_starting_at_once_agree_on_one_secret_key(tmp_path: Path) -> None:
    """Two workers with different keys would log users out at random; every one must read the same key."""
    context = multiprocessing.get_context("fork")
    for attempt in range(5):
        folder = tmp_path / f"instance-{attempt}"
        start, keys = context.Barrier(WORKERS), context.Queue()
        workers = [
            context.Process(target=_key_in_a_fresh_process, args=(str(folder), start, keys))
            for _ in range(WORKERS)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=30)
        assert [worker.exitcode for worker in workers] == [0] * WORKERS
        found = {keys.get(timeout=5) for _ in range(WORKERS)}
        assert found == {(folder / "secret_key").read_text(encoding="ascii").strip()}
        assert sorted(p.name for p in folder.iterdir()) == ["secret_key"]  # no temporary file left behind


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("COUNTERPOINT_LOG_FORMAT", "TEXT")
    monkeypatch.setenv("COUNTERPOINT_LOG_LEVEL", "warning")
    monkeypatch.setenv("COUNTERPOINT_PROXY_FIX_X_FOR", "1")
    monkeypatch.setenv("COUNTERPOINT_SESSION_COOKIE_SECURE", "true")
    monkeypatch.setenv("COUNTERPOINT_SQLITE_SYNCHRONOUS", "full")
    monkeypatch.setenv("COUNTERPOINT_CARDS_NEW_PER_DAY", "4")
    app = create_app()
    assert app.config["LOG_FORMAT"] == "text"
    assert app.config["LOG_LEVEL"] == "WARNING"
    assert app.config["PROXY_FIX_X_FOR"] == 1
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SQLITE_SYNCHRONOUS"] == "FULL"
    assert app.config["CARDS_NEW_PER_DAY"] == 4


def test_instance_config_file_is_read_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text('CARDS_NEW_PER_DAY = 7\nLOG_LEVEL = "ERROR"\n', encoding="utf-8")
    monkeypatch.setenv("COUNTERPOINT_INSTANCE_PATH", str(instance))
    monkeypatch.setenv("SECRET_KEY", "x")
    monkeypatch.setenv("COUNTERPOINT_LOG_LEVEL", "DEBUG")
    app = create_app()
    assert app.config["CARDS_NEW_PER_DAY"] == 7
    assert app.config["LOG_LEVEL"] == "DEBUG"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("COUNTERPOINT_CARDS_NEW_PER_DAY", "ten"),
        ("COUNTERPOINT_PROXY_FIX_X_FOR", "-1"),
        ("COUNTERPOINT_SESSION_COOKIE_SECURE", "perhaps"),
        ("COUNTERPOINT_SQLITE_SYNCHRONOUS", "SOMETIMES"),
        ("COUNTERPOINT_LOG_FORMAT", "xml"),
    ],
)
def test_a_bad_setting_stops_the_start_and_names_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        environment_overrides({variable: value})


def test_the_readme_documents_every_setting() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    table_rows = [line for line in readme.splitlines() if line.startswith("| `")]
    documented = {row.split("`")[1] for row in table_rows}
    assert {setting.env for setting in SETTINGS} <= documented


def test_pool_sizes_apply_to_a_database_server_only() -> None:
    assert engine_options("sqlite:///x.sqlite3", 5, 10) == {}
    assert engine_options("postgresql://h/db", 3, 2) == {"pool_size": 3, "max_overflow": 2}
