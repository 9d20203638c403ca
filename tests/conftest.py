"""Shared fixtures: an app on a fresh, migrated SQLite file per test, and small bank builders."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade

from app import create_app
from app.bank.services import load_bank
from app.config import DEFAULT_BANK_DIR
from app.extensions import db

SHIPPED_BANK = DEFAULT_BANK_DIR


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    instance = tmp_path / "instance"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite3'}",
            "BANK_DIR": str(SHIPPED_BANK),
        }
    )
    app.instance_path = str(instance)
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def loaded_app(app: Flask) -> Flask:
    """The app with the shipped bank loaded, as after the README's first command."""
    with app.app_context():
        load_bank(db.session, SHIPPED_BANK)
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
