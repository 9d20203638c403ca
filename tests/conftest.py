"""Shared fixtures: an app on a fresh, migrated SQLite file per test, and small bank builders."""

import shutil
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

SHIPPED_BANK = DEFAULT_BANK_DIR


def _test_config(database: Path, csrf: bool) -> dict[str, object]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
        "BANK_DIR": str(SHIPPED_BANK),
        "WTF_CSRF_ENABLED": csrf,
    }


def _release(app: Flask) -> None:
    """Close every connection, so SQLite folds its write-ahead log into the file, which can then be copied."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two database files made once per run with the real commands: migrated, and migrated plus the bank.

    Each test gets its own copy, so every test still runs on a real SQLite file of its own, without
    paying for migrations and a bank load every time.
    """
    folder = tmp_path_factory.mktemp("database-templates")
    empty, loaded = folder / "empty.sqlite3", folder / "loaded.sqlite3"
    app = create_app(_test_config(empty, csrf=False))
    with app.app_context():
        upgrade()
    _release(app)
    shutil.copyfile(empty, loaded)
    app = create_app(_test_config(loaded, csrf=False))
    with app.app_context():
        load_bank(db.session, SHIPPED_BANK)
    _release(app)
    return {"empty": empty, "loaded": loaded}


@pytest.fixture
def app(
    tmp_path: Path, request: pytest.FixtureRequest, database_templates: dict[str, Path]
) -> Iterator[Flask]:
    """A fresh app on its own migrated SQLite file. CSRF is off unless the test is marked ``csrf``."""
    database = tmp_path / "test.sqlite3"
    shutil.copyfile(database_templates["empty"], database)
    app = create_app(_test_config(database, csrf=request.node.get_closest_marker("csrf") is not None))
    app.instance_path = str(tmp_path / "instance")
    yield app
    _release(app)


@pytest.fixture
def loaded_app(app: Flask, database_templates: dict[str, Path]) -> Flask:
    """The app with the shipped bank loaded, as after the README's first command."""
    _release(app)
    database = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    shutil.copyfile(database_templates["loaded"], database)
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
