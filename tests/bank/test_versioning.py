"""One revision rule for questions and claim pairs: every change of content or status appends a revision,
and ``bank load`` keeps, changes and retires both by the same rule."""

from pathlib import Path

from flask import Flask

from app.bank.models import ClaimPair, Question
from app.bank.services import load_bank
from app.bank.versioning import append_revision, without_status
from app.extensions import db
from app.teacher.claims.services import PairDraft, ground, save_pair
from app.teacher.questions import services as editor
from app.teacher.questions.grounding import BankView
from tests.conftest import TINY_PAIRS, TINY_QUESTIONS, write_bank

TEACHER = "Ms Rivera"
PAIR, QUESTIONS = "stalin-sacrifice", ("toast-tf", "lost-nothing-cloze")


def history(item: Question | ClaimPair) -> list[tuple[int, str, str]]:
    db.session.refresh(item)
    return [(r.number, r.author, r.reason) for r in item.revisions]


def pair_status(view: BankView, pair: ClaimPair, status: str) -> None:
    """The claim map's save, with only the status changed."""
    draft = PairDraft.from_content({**pair.current_content(), "status": status})
    grounded = ground(draft, view.indexes.get, str)
    save_pair(db.session, pair, grounded, TEACHER, f"set to {status}", pair.revisions[-1].number)


def test_retiring_and_restoring_adds_a_revision_to_a_question_and_to_a_pair(
    app: Flask, tiny_bank: Path
) -> None:
    load_bank(db.session, tiny_bank)
    view = BankView(db.session, tiny_bank)
    questions = [db.session.get(Question, qid) for qid in QUESTIONS]
    pair = db.session.get(ClaimPair, PAIR)
    before = {q.id: q.current_content() for q in questions}

    for question in questions:  # a pair that published questions use cannot be retired before them
        editor.set_status(db.session, view, question, "retired", TEACHER)
    pair_status(view, pair, "retired")
    db.session.commit()
    for item in (*questions, pair):
        assert item.status == "retired"
        assert history(item)[-1][:2] == (2, TEACHER)

    pair_status(view, pair, "draft")
    for question in questions:
        editor.set_status(db.session, view, question, "draft", TEACHER)
    db.session.commit()
    for item in (*questions, pair):
        assert item.status == "draft"
        assert [number for number, _, _ in history(item)] == [1, 2, 3]
    # A question's status change is a revision of the same content; a pair's records its status.
    assert {q.id: q.current_content() for q in questions} == before
    assert [r.status for r in pair.revisions] == ["published", "retired", "draft"]


def test_append_revision_is_the_same_for_both(app: Flask, tiny_bank: Path) -> None:
    load_bank(db.session, tiny_bank)
    question, pair = db.session.get(Question, "toast-tf"), db.session.get(ClaimPair, PAIR)
    for item in (question, pair):
        content = item.current_content()
        revision = append_revision(db.session, item, TEACHER, "retired", status="retired")
        assert (revision.number, revision.author, revision.reason) == (2, TEACHER, "retired")
        assert item.status == "retired"
        assert without_status(item.current_content()) == without_status(content)
        assert revision.content() == item.current_content()
    db.session.commit()


def test_bank_load_retires_and_restores_a_question_and_a_pair_by_one_rule(app: Flask, tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank")
    load_bank(db.session, root)
    write_bank(root, pairs="claim_pairs: []\n", questions="questions: []\n")
    report = load_bank(db.session, root)
    assert (report.pairs["retired"], report.questions["retired"]) == (1, 2)
    items = [db.session.get(ClaimPair, PAIR), *(db.session.get(Question, q) for q in QUESTIONS)]
    for item in items:
        assert item.status == "retired"
        assert history(item) == [
            (1, "bank load", "created"),
            (2, "bank load", "retired: no longer in the files"),
        ]

    assert not load_bank(db.session, root).changed  # already retired: nothing more
    write_bank(root)
    report = load_bank(db.session, root)
    assert (report.pairs["updated"], report.questions["revised"]) == (1, 2)
    for item in items:
        assert item.status == "published"
        assert history(item)[-1] == (3, "bank load", "published")


def test_bank_load_keeps_a_question_and_a_pair_edited_in_the_browser_alike(
    app: Flask, tmp_path: Path
) -> None:
    root = write_bank(tmp_path / "bank")
    load_bank(db.session, root)
    question, pair = db.session.get(Question, "toast-tf"), db.session.get(ClaimPair, PAIR)
    append_revision(
        db.session, question, TEACHER, "clearer", {**question.current_content(), "prompt": "Edited?"}
    )
    append_revision(db.session, pair, TEACHER, "clearer", {**pair.current_content(), "rationale": "Edited."})
    db.session.commit()
    write_bank(root, pairs=TINY_PAIRS.replace("opposite", "contrary"), questions=TINY_QUESTIONS.replace(
        "proposed a toast", "raised a toast"))  # fmt: skip

    report = load_bank(db.session, root)
    assert (report.kept, report.kept_pairs) == (["toast-tf"], [PAIR])
    assert [str(w) for w in report.warnings if "left as edited in the browser by Ms Rivera" in str(w)]
    assert question.current_content()["prompt"] == "Edited?" and pair.rationale == "Edited."

    report = load_bank(db.session, root, overwrite=True)
    assert (report.pairs["updated"], report.questions["revised"]) == (1, 1)
    assert "raised a toast" in question.current_content()["prompt"] and "contrary" in pair.rationale
    assert history(question)[-1] == history(pair)[-1] == (3, "bank load", "edited")


def test_bank_load_keeps_a_question_and_a_pair_made_in_the_browser(app: Flask, tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank")
    load_bank(db.session, root)
    question_content = db.session.get(Question, "toast-tf").current_content()
    pair_content = {**db.session.get(ClaimPair, PAIR).current_content(), "status": "draft"}
    question, pair = Question(id="made-here-tf", status="draft"), ClaimPair(id="made-here")
    db.session.add_all([question, pair])
    append_revision(db.session, question, TEACHER, "created in the editor", question_content)
    append_revision(db.session, pair, TEACHER, "created in the claim map", pair_content)
    db.session.commit()

    for overwrite in (False, True):
        report = load_bank(db.session, root, overwrite=overwrite)
        assert (report.kept, report.kept_pairs) == (["made-here-tf"], ["made-here"])
        assert (report.questions["retired"], report.pairs["retired"]) == (0, 0)
        assert question.status == pair.status == "draft"
    assert [n for n, _, _ in history(question)] == [n for n, _, _ in history(pair)] == [1]
