"""The claim map ranks counterparts by meaning, keeps each sentence's vector in the database, and says so
plainly when the model is missing."""

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import User
from app.bank.generator import semantic
from app.bank.services import load_bank
from app.bank.vectors import DatabaseVectorStore
from app.extensions import db
from app.sources.models import SentenceVector
from tests.conftest import TINY_PAIRS, log_in, write_bank

SUGGEST = "/teach/claims/suggest"
CLAIM = {"source": "dprk", "sentence": "dprk:6:1"}  # Kim's suspicion of joining the economic bloc
needs_model = pytest.mark.skipif(
    not semantic.available(), reason=f"model not installed: {semantic.INSTALL_HINT}"
)


@pytest.fixture
def teacher(app: Flask, tmp_path: Path, client: FlaskClient, make_user: Callable[..., User]) -> User:
    load_bank(db.session, write_bank(tmp_path / "bank", pairs=TINY_PAIRS))
    user = make_user("Ms Rivera", role="teacher")
    log_in(client, "Ms Rivera")
    return user


def stored_vectors() -> int:
    return db.session.scalar(select(func.count()).select_from(SentenceVector)) or 0


def test_the_database_store_keeps_vectors_per_model(app: Flask) -> None:
    store = DatabaseVectorStore(db.session)
    store.save("model-a", {"k1": b"\x01" * 8})
    store.save("model-a", {"k1": b"\x02" * 8, "k2": b"\x03" * 8})  # a key already kept stays as it was
    db.session.commit()
    assert store.load("model-a", ["k1", "k2", "k3"]) == {"k1": b"\x01" * 8, "k2": b"\x03" * 8}
    assert store.load("model-b", ["k1"]) == {}


@needs_model
def test_a_warm_cache_answers_without_the_model(
    teacher: User, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert stored_vectors() == 0
    first = client.get(SUGGEST, query_string=CLAIM).get_data(as_text=True)
    assert stored_vectors() > 200  # both sources' sentences, kept on first use

    def no_model() -> None:
        raise AssertionError("the encoder ran although every vector was stored")

    monkeypatch.setattr(semantic, "encoder", no_model)
    second = client.get(SUGGEST, query_string=CLAIM).get_data(as_text=True)
    assert "counterpart-score" in second
    assert second.split("results-heading")[1] == first.split("results-heading")[1]


def test_without_the_model_the_page_ranks_by_shared_words_and_says_so(
    teacher: User, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> None:
        raise semantic.SemanticUnavailable(semantic.INSTALL_HINT)

    monkeypatch.setattr(semantic, "weights_dir", missing)
    response = client.get(SUGGEST, query_string=CLAIM)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "ranked by shared words only" in page
    assert stored_vectors() == 0


@needs_model
def test_bank_load_keeps_the_vectors_so_the_first_suggestion_needs_no_model(
    app: Flask,
    tmp_path: Path,
    runner,
    client: FlaskClient,
    make_user: Callable[..., User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = write_bank(tmp_path / "bank", pairs=TINY_PAIRS)
    first = runner.invoke(args=["bank", "load", "--bank", str(root)])
    assert first.exit_code == 0, first.output
    assert "kept the meaning vectors of" in first.output
    kept = stored_vectors()
    assert kept > 200

    def no_model() -> None:
        raise AssertionError("the encoder ran although bank load had kept every vector")

    monkeypatch.setattr(semantic, "encoder", no_model)
    make_user("Ms Rivera", role="teacher")
    log_in(client, "Ms Rivera")
    assert "counterpart-score" in client.get(SUGGEST, query_string=CLAIM).get_data(as_text=True)
    again = runner.invoke(args=["bank", "load", "--bank", str(root)])
    assert "kept the meaning vectors" not in again.output and stored_vectors() == kept
