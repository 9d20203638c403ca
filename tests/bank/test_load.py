"""``bank load``: an idempotent, all-or-nothing sync that never deletes a learner's history."""

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.bank import services
from app.bank.models import ClaimPair, Question, QuestionRevision
from app.bank.services import BankInvalid, load_bank
from app.extensions import db
from app.sources.models import Footnote, Passage, Sentence, Source
from tests.conftest import TINY_QUESTIONS, write_bank

MODELS = (Source, Passage, Sentence, Footnote, ClaimPair, Question, QuestionRevision)


def row_counts() -> dict[str, int]:
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in MODELS}


def snapshot() -> list[tuple]:
    """Every question's status and every revision's content, to prove a reload changed nothing."""
    questions = db.session.scalars(select(Question).order_by(Question.id)).all()
    return [
        (q.id, q.status, q.current_revision_number, [r.content() for r in q.revisions]) for q in questions
    ]


def test_load_stores_sources_pairs_and_questions(app: Flask, tiny_bank: Path) -> None:
    report = load_bank(db.session, tiny_bank)
    assert report.questions["created"] == 2
    counts = row_counts()
    assert counts["Source"] == 2
    assert counts["Footnote"] == 60
    assert counts["ClaimPair"] == 1
    assert counts["QuestionRevision"] == 2
    toast = db.session.get(Question, "toast-tf")
    assert toast.current_revision.answer is True
    assert toast.current_revision.claim_pair.relation == "contradicts"


def test_loading_twice_changes_nothing(app: Flask, tiny_bank: Path) -> None:
    load_bank(db.session, tiny_bank)
    before = (row_counts(), snapshot())
    report = load_bank(db.session, tiny_bank)
    assert not report.changed
    assert (row_counts(), snapshot()) == before


def test_an_edit_appends_a_revision_and_keeps_the_old_one(app: Flask, tiny_bank: Path) -> None:
    load_bank(db.session, tiny_bank)
    edited = TINY_QUESTIONS.replace("Stalin dismissed Korean losses", "Stalin brushed aside Korean losses")
    write_bank(tiny_bank, questions=edited)
    report = load_bank(db.session, tiny_bank)
    assert report.questions == {"created": 0, "revised": 1, "retired": 0}
    question = db.session.get(Question, "lost-nothing-cloze")
    assert question.current_revision_number == 2
    assert [r.explanation.split()[1] for r in question.revisions] == ["dismissed", "brushed"]


def test_a_question_removed_from_the_files_is_retired_not_deleted(app: Flask, tiny_bank: Path) -> None:
    load_bank(db.session, tiny_bank)
    only_first = TINY_QUESTIONS[: TINY_QUESTIONS.index("  - id: lost-nothing-cloze")]
    write_bank(tiny_bank, questions=only_first)
    report = load_bank(db.session, tiny_bank)
    assert report.questions["retired"] == 1
    retired = db.session.get(Question, "lost-nothing-cloze")
    assert retired.status == "retired"
    # Retiring is a revision of the same content, as it is for a claim pair and in the editor.
    first, second = retired.revisions
    assert (second.number, second.author) == (2, "bank load")
    assert second.reason == "retired: no longer in the files"
    assert second.content() == first.content()
    write_bank(tiny_bank)
    load_bank(db.session, tiny_bank)
    restored = db.session.get(Question, "lost-nothing-cloze")
    assert restored.status == "published"
    assert [(r.number, r.reason) for r in restored.revisions][-1] == (3, "published")


def test_an_invalid_bank_writes_nothing(app: Flask, tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace("answer: people", "answer: soldiers"))
    with pytest.raises(BankInvalid) as raised:
        load_bank(db.session, root)
    assert any(i.item == "lost-nothing-cloze" for i in raised.value.issues)
    assert set(row_counts().values()) == {0}


def test_an_invalid_edit_leaves_the_loaded_bank_untouched(app: Flask, tiny_bank: Path) -> None:
    load_bank(db.session, tiny_bank)
    before = (row_counts(), snapshot())
    write_bank(
        tiny_bank, questions=TINY_QUESTIONS.replace("claim_pair: stalin-sacrifice", "claim_pair: gone", 1)
    )
    with pytest.raises(BankInvalid):
        load_bank(db.session, tiny_bank)
    assert (row_counts(), snapshot()) == before


def test_a_failure_while_writing_rolls_everything_back(
    app: Flask, tiny_bank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_sync_questions", fail)
    with pytest.raises(RuntimeError):
        load_bank(db.session, tiny_bank)
    db.session.remove()
    assert set(row_counts().values()) == {0}


def test_the_shipped_bank_loads(loaded_app: Flask) -> None:
    counts = row_counts()
    assert counts["Source"] == 2
    published = db.session.scalar(
        select(func.count()).select_from(Question).where(Question.status == "published")
    )
    assert published >= 30
    assert counts["ClaimPair"] >= 12
