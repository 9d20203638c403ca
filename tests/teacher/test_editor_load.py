"""`bank load` never silently undoes a teacher's edits in the browser; `--overwrite` is the deliberate way."""

from dataclasses import replace
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from app.bank.models import Question
from app.bank.services import load_bank
from app.extensions import db
from app.teacher.questions import services
from app.teacher.questions.grounding import BankView
from tests.conftest import TOAST

TEACHER = "Ms Rivera"


def browser_edit(bank: Path, question_id: str, **changes: object) -> None:
    """What the editor's save does, through the same service."""
    question = db.session.get(Question, question_id)
    data = services.QuestionInput.from_revision(question.current_revision)
    result = services.save_question(
        db.session, BankView(db.session, bank), question, replace(data, **changes), TEACHER
    )
    assert result.revision is not None
    db.session.commit()


def current(question_id: str) -> tuple[str, str, int]:
    db.session.expire_all()
    question = db.session.get(Question, question_id)
    return question.current_revision.prompt, question.status, question.current_revision_number


def test_an_edit_made_in_the_browser_survives_a_load_of_the_unchanged_files(
    app: Flask, tiny_bank: Path
) -> None:
    load_bank(db.session, tiny_bank)
    browser_edit(tiny_bank, "toast-tf", prompt="According to the DPRK publication, Stalin thanked Kim.")
    report = load_bank(db.session, tiny_bank)
    assert current("toast-tf") == ("According to the DPRK publication, Stalin thanked Kim.", "published", 2)
    assert report.kept == ["toast-tf"] and not report.changed
    warning = next(w for w in report.warnings if w.item == "toast-tf")
    assert warning.severity == "warning"
    assert (
        "edited in the browser by Ms Rivera (revision 2" in warning.message and "bank dump" in warning.message
    )


def test_overwrite_makes_the_files_win_with_a_new_revision(app: Flask, tiny_bank: Path) -> None:
    load_bank(db.session, tiny_bank)
    file_prompt = current("toast-tf")[0]
    browser_edit(tiny_bank, "toast-tf", prompt="According to the DPRK publication, Stalin thanked Kim.")
    report = load_bank(db.session, tiny_bank, overwrite=True)
    assert current("toast-tf") == (file_prompt, "published", 3)
    assert report.kept == [] and report.questions["revised"] == 1
    assert db.session.get(Question, "toast-tf").current_revision.author == "bank load"


def test_a_status_change_made_in_the_browser_is_kept_too(app: Flask, tiny_bank: Path) -> None:
    load_bank(db.session, tiny_bank)
    question = db.session.get(Question, "toast-tf")
    services.set_status(db.session, BankView(db.session, tiny_bank), question, "retired", TEACHER)
    db.session.commit()
    report = load_bank(db.session, tiny_bank)
    assert current("toast-tf")[1] == "retired" and report.kept == ["toast-tf"]


def test_a_question_made_in_the_browser_is_never_retired_by_a_load(app: Flask, tiny_bank: Path) -> None:
    load_bank(db.session, tiny_bank)
    view = BankView(db.session, tiny_bank)
    data = services.QuestionInput(
        type="flashcard", prompt="Stalin's toast", answer="Thanks to Kim", explanation="The toast.",
        support_source_id="dprk", support_quote=TOAST, skill="close_reading",
        claim_pair_id="stalin-sacrifice",
    )  # fmt: skip
    services.create_question(db.session, view, "toast-card", data, TEACHER)
    db.session.commit()
    for overwrite in (False, True):
        report = load_bank(db.session, tiny_bank, overwrite=overwrite)
        assert current("toast-card")[1] == "draft"
        assert "toast-card" in report.kept and report.questions["retired"] == 0
        assert any("made in the browser and not in the files" in w.message for w in report.warnings)


def test_files_that_already_hold_the_edit_load_quietly(app: Flask, tiny_bank: Path) -> None:
    load_bank(db.session, tiny_bank)
    questions = tiny_bank / "questions" / "questions.yaml"
    old = "Stalin proposed a toast of thanks to Kim Il Sung."
    browser_edit(tiny_bank, "toast-tf", prompt=f"According to the DPRK publication, {old[:-1]} at a banquet.")
    questions.write_text(
        questions.read_text(encoding="utf-8").replace(old, f"{old[:-1]} at a banquet."), encoding="utf-8"
    )
    report = load_bank(db.session, tiny_bank)
    assert report.kept == [] and not report.changed
    assert current("toast-tf")[2] == 2


def test_a_question_edited_in_the_files_and_not_in_the_browser_still_updates(
    app: Flask, tiny_bank: Path
) -> None:
    load_bank(db.session, tiny_bank)
    questions = tiny_bank / "questions" / "questions.yaml"
    questions.write_text(
        questions.read_text(encoding="utf-8").replace("war go on.", "war go on!"),
        encoding="utf-8",
    )
    report = load_bank(db.session, tiny_bank)
    assert report.questions["revised"] == 1 and report.kept == []


def test_the_cli_reports_kept_edits_and_takes_overwrite(app: Flask, tiny_bank: Path) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["bank", "load", "--bank", str(tiny_bank)]).exit_code == 0
    browser_edit(tiny_bank, "toast-tf", prompt="According to the DPRK publication, Stalin thanked Kim.")
    result = runner.invoke(args=["bank", "load", "--bank", str(tiny_bank)])
    assert result.exit_code == 0
    assert "toast-tf: left as edited in the browser by Ms Rivera" in result.output
    assert "1 question(s) edited in the browser left as they are" in result.output
    assert current("toast-tf")[2] == 2
    result = runner.invoke(args=["bank", "load", "--bank", str(tiny_bank), "--overwrite"])
    assert result.exit_code == 0 and "1 revised" in result.output
    assert current("toast-tf")[2] == 3
    ids = db.session.scalars(select(Question.id).order_by(Question.id)).all()
    assert ids == ["lost-nothing-cloze", "toast-tf"]


def test_saving_a_question_whose_file_leaves_out_its_section_unchanged_makes_no_revision(
    app: Flask, tiny_bank: Path
) -> None:
    load_bank(db.session, tiny_bank)
    question = db.session.get(Question, "lost-nothing-cloze")
    assert question.current_revision.section is None
    data = services.QuestionInput.from_revision(question.current_revision)
    view = BankView(db.session, tiny_bank)
    assert services.save_question(db.session, view, question, data, TEACHER).revision is None
    moved = replace(data, support_quote="memorable comment that they “have lost nothing, except people.”")
    revision = services.save_question(db.session, view, question, moved, TEACHER).revision
    assert revision is not None and revision.section == "The Utility of Prolonging the War"
