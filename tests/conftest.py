"""Shared fixtures: an app on a fresh, migrated database per test, and small bank builders.

The database is a SQLite file unless ``COUNTERPOINT_TEST_DATABASE_URL`` names a PostgreSQL server (see
``tests/databases.py``); tests marked ``sqlite_only`` or ``postgres_only`` skip on the other, saying why.
"""

import os
import shutil
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from app import create_app
from app.auth.models import Classroom, User
from app.auth.services import create_classroom, create_user
from app.bank.services import load_bank
from app.config import DEFAULT_BANK_DIR
from app.extensions import db
from tests.databases import ON_POSTGRES, PostgresServer, SqliteFiles, databases

SHIPPED_BANK = DEFAULT_BANK_DIR


def _test_config(database_url: str, csrf: bool) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "BANK_DIR": str(SHIPPED_BANK),
        "WTF_CSRF_ENABLED": csrf,
    }


def _release(app: Flask) -> None:
    """Close every connection, so SQLite folds its write-ahead log into the file, which can then be copied
    (and PostgreSQL lets the database be cloned or dropped)."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


_LIVE_APPS: "weakref.WeakSet[Flask]" = weakref.WeakSet()


def _forget_parent_connections() -> None:
    """The live server is a forked process: it must open its own connections, never use its parent's."""
    for app in list(_LIVE_APPS):
        with app.app_context():
            db.engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_parent_connections)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if ON_POSTGRES and item.get_closest_marker("sqlite_only"):
        pytest.skip("inherently SQLite; this run is on PostgreSQL")
    if not ON_POSTGRES and item.get_closest_marker("postgres_only"):
        pytest.skip("needs PostgreSQL: set COUNTERPOINT_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def test_databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqliteFiles | PostgresServer]:
    """The run's databases: SQLite files, or databases on the PostgreSQL server of the environment."""
    server = databases(tmp_path_factory.mktemp("databases"))
    yield server
    server.close()


@pytest.fixture(scope="session")
def database_templates(test_databases: SqliteFiles | PostgresServer) -> dict[str, str]:
    """Two databases made once per run with the real commands: migrated, and migrated plus the bank.

    Each test gets its own clone, so every test still runs on a real database of its own, without
    paying for migrations and a bank load every time.
    """
    empty, loaded = test_databases.template_url("empty"), test_databases.template_url("loaded")
    test_databases.create(empty)
    app = create_app(_test_config(empty, csrf=False))
    with app.app_context():
        upgrade()
    _release(app)
    test_databases.clone(empty, loaded)
    app = create_app(_test_config(loaded, csrf=False))
    with app.app_context():
        load_bank(db.session, SHIPPED_BANK)
    _release(app)
    return {"empty": empty, "loaded": loaded}


@pytest.fixture
def app(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    test_databases: SqliteFiles | PostgresServer,
    database_templates: dict[str, str],
) -> Iterator[Flask]:
    """A fresh app on its own migrated database. CSRF is off unless the test is marked ``csrf``."""
    database = test_databases.test_url(tmp_path)
    test_databases.clone(database_templates["empty"], database)
    app = create_app(_test_config(database, csrf=request.node.get_closest_marker("csrf") is not None))
    app.instance_path = str(tmp_path / "instance")
    _LIVE_APPS.add(app)
    yield app
    _release(app)
    test_databases.drop(database)


@pytest.fixture
def loaded_app(
    app: Flask, test_databases: SqliteFiles | PostgresServer, database_templates: dict[str, str]
) -> Flask:
    """The app with the shipped bank loaded, as after the README's first command."""
    _release(app)
    test_databases.clone(database_templates["loaded"], app.config["SQLALCHEMY_DATABASE_URI"])
    return app


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    """A copy of the shipped bank that a test may break on purpose."""
    target = tmp_path / "bank"
    shutil.copytree(SHIPPED_BANK, target, ignore=shutil.ignore_patterns("README.md"))
    return target


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


TOAST = "I propose to extend heartfelt thanks to Comrade Kim Il Sung with warm applause."
LOST_NOTHING = (
    "dismissed the Koreans’ concerns with the memorable comment that they “have lost nothing, except people.”"
)

TINY_PAIRS = f"""\
claim_pairs:
  - id: stalin-sacrifice
    a: {{source: dprk, quote: "{TOAST}"}}
    b: {{source: weathersby, quote: "{LOST_NOTHING}"}}
    relation: contradicts
    rationale: The sources give opposite pictures of how Stalin regarded North Korea's sacrifices.
    status: published
"""

TINY_QUESTIONS = f"""\
questions:
  - id: toast-tf
    type: true_false
    prompt: According to the DPRK publication, Stalin proposed a toast of thanks to Kim Il Sung.
    answer: true
    explanation: The publication presents the toast as Stalin's personal gratitude.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    section: Stalin’s Toast
    skill: close_reading
    origin: authored
    status: published
  - id: lost-nothing-cloze
    type: cloze
    prompt: According to Weathersby, Stalin said the Koreans "have lost nothing, except ____."
    answer: people
    explanation: Stalin dismissed Korean losses while urging that the war go on.
    support: {{source: weathersby, quote: "{LOST_NOTHING}"}}
    claim_pair: stalin-sacrifice
    skill: corroboration
    origin: authored
    status: published
"""


def write_bank(root: Path, pairs: str = TINY_PAIRS, questions: str = TINY_QUESTIONS) -> Path:
    """A small bank on the two real sources, for tests that need exact control of its items."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    for name in ("sources.yaml", "000_33bd84a31d842da9.txt", "003_f1b226380e4620e3.txt"):
        shutil.copyfile(SHIPPED_BANK / "sources" / name, root / "sources" / name)
    (root / "claim_pairs").mkdir(exist_ok=True)
    (root / "questions").mkdir(exist_ok=True)
    (root / "claim_pairs" / "pairs.yaml").write_text(pairs, encoding="utf-8")
    (root / "questions" / "questions.yaml").write_text(questions, encoding="utf-8")
    return root


@pytest.fixture
def tiny_bank(tmp_path: Path) -> Path:
    return write_bank(tmp_path / "tiny")


PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    def make(name: str = "Ana", role: str = "learner", password: str = PASSWORD) -> User:
        user = create_user(db.session, name, password, role)
        db.session.commit()
        return user

    return make


@pytest.fixture
def classroom(loaded_app: Flask, make_user: Callable[..., User]) -> Classroom:
    room = create_classroom(db.session, "History 10B", make_user("Ms Rivera", role="teacher"))
    db.session.commit()
    return room


def log_in(client: FlaskClient, name: str, password: str = PASSWORD) -> None:
    response = client.post("/login", data={"username": name, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def learner(loaded_app: Flask, client: FlaskClient, make_user: Callable[..., User]) -> User:
    """A learner with an account, logged in on ``client``."""
    user = make_user("Ana")
    log_in(client, "Ana")
    return user
