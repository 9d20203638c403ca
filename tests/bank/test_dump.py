"""``bank dump``: the database's current bank written back to files that load to the same bank."""

import shutil
from pathlib import Path

import pytest
from flask import Flask

from app.bank.dump import DumpError, dump_bank
from app.bank.services import load_bank
from app.bank.yamlio import read_bank
from app.extensions import db
from app.sources.models import Source
from tests.conftest import SHIPPED_BANK, TINY_QUESTIONS, write_bank


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_round_trip_of_the_shipped_bank(loaded_app: Flask, runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(args=["bank", "dump", "--bank", str(out)])
    assert result.exit_code == 0, result.output
    assert "bank dump: wrote" in result.output
    original, _ = read_bank(SHIPPED_BANK)
    dumped, issues = read_bank(out)
    assert not [i for i in issues if i.severity == "error"]
    # Same items, same values, and each in the file of the same name it came from.
    assert set(dumped.claim_pairs) == set(original.claim_pairs)
    assert set(dumped.questions) == set(original.questions)
    assert [d.meta for d in dumped.sources] == [d.meta for d in original.sources]
    for name in ("000_33bd84a31d842da9.txt", "003_f1b226380e4620e3.txt"):
        assert (out / "sources" / name).read_bytes() == (SHIPPED_BANK / "sources" / name).read_bytes()
    assert not load_bank(db.session, out).changed
    # Stable: dumping again (now with ``out`` as the bank it came from) writes the very same bytes.
    again = tmp_path / "again"
    dump_bank(db.session, again, out)
    assert files_of(again) == files_of(out)


def test_the_dumped_folder_passes_check(loaded_app: Flask, runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(args=["bank", "dump", "--bank", str(out)]).exit_code == 0
    result = runner.invoke(args=["bank", "check", "--bank", str(out)])
    assert result.exit_code == 0, result.output
    assert "bank check: OK: 2 sources" in result.output


def test_an_edited_question_dumps_its_new_text(app: Flask, bank_copy: Path, tmp_path: Path) -> None:
    load_bank(db.session, bank_copy)
    shipped, _ = read_bank(bank_copy)
    original = next(q for q in shipped.questions if q.id == "dprk-intro-which-1")
    path = bank_copy / original.file
    old = original.explanation.split()[:4]  # the first words, as the file writes them on one line
    text = path.read_text(encoding="utf-8")
    assert text.count(" ".join(old)) == 1
    path.write_text(text.replace(" ".join(old), "Edited: " + " ".join(old)), "utf-8")
    assert load_bank(db.session, bank_copy).questions["revised"] == 1
    dump_bank(db.session, tmp_path / "out", bank_copy)
    dumped, _ = read_bank(tmp_path / "out")
    question = next(q for q in dumped.questions if q.id == "dprk-intro-which-1")
    assert question.explanation.startswith("Edited: " + " ".join(old))
    assert question.file == original.file


def test_a_retired_question_is_not_written(app: Flask, tiny_bank: Path, tmp_path: Path) -> None:
    load_bank(db.session, tiny_bank)
    write_bank(tiny_bank, questions=TINY_QUESTIONS[: TINY_QUESTIONS.index("  - id: lost-nothing-cloze")])
    assert load_bank(db.session, tiny_bank).questions["retired"] == 1
    report = dump_bank(db.session, tmp_path / "out", tiny_bank)
    dumped, _ = read_bank(tmp_path / "out")
    assert [q.id for q in dumped.questions] == ["toast-tf"]
    assert report.questions == 1


def test_a_draft_is_written_as_draft(app: Flask, tiny_bank: Path, tmp_path: Path) -> None:
    drafted = TINY_QUESTIONS.replace("status: published", "status: draft", 1)
    write_bank(tiny_bank, questions=drafted)
    load_bank(db.session, tiny_bank)
    report = dump_bank(db.session, tmp_path / "out", tiny_bank)
    dumped, _ = read_bank(tmp_path / "out")
    assert {q.id: q.status for q in dumped.questions} == {
        "toast-tf": "draft",
        "lost-nothing-cloze": "published",
    }
    assert report.drafts == 1


def test_a_new_question_goes_to_its_support_sources_file(app: Flask, tiny_bank: Path, tmp_path: Path) -> None:
    load_bank(db.session, tiny_bank)
    (tiny_bank / "questions" / "questions.yaml").unlink()  # as if both had been written in the browser
    dump_bank(db.session, tmp_path / "out", tiny_bank)
    dumped, _ = read_bank(tmp_path / "out")
    assert {q.id: q.file for q in dumped.questions} == {
        "toast-tf": "questions/dprk.yaml",
        "lost-nothing-cloze": "questions/weathersby.yaml",
    }
    assert {p.file for p in dumped.claim_pairs} == {"claim_pairs/pairs.yaml"}


def test_refuses_a_non_empty_folder(loaded_app: Flask, runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(args=["bank", "dump", "--bank", str(out)])
    assert result.exit_code == 1
    assert "is not empty; use --force" in result.output
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_force_replaces_the_folder_whole(loaded_app: Flask, runner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "questions").mkdir(parents=True)
    (out / "questions" / "stale.yaml").write_text("questions: []\n", encoding="utf-8")
    (out / "README.md").write_text("# our bank\n", encoding="utf-8")
    result = runner.invoke(args=["bank", "dump", "--bank", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert "kept README.md" in result.output
    assert not (out / "questions" / "stale.yaml").exists()
    assert (out / "README.md").read_text(encoding="utf-8") == "# our bank\n"
    shipped_files = sorted(p.name for p in (SHIPPED_BANK / "questions").iterdir())
    assert sorted(p.name for p in (out / "questions").iterdir()) == shipped_files
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary folder left


def test_an_empty_database_is_a_clear_error(app: Flask, runner, tmp_path: Path) -> None:
    result = runner.invoke(args=["bank", "dump", "--bank", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nothing loaded yet" in result.output
    assert not (tmp_path / "out").exists()


def test_a_changed_source_file_is_a_clear_error(app: Flask, runner, tiny_bank: Path, tmp_path: Path) -> None:
    load_bank(db.session, tiny_bank)
    with (tiny_bank / "sources" / "000_33bd84a31d842da9.txt").open("ab") as text:
        text.write(b"\nA sentence added later.\n")
    result = runner.invoke(args=["bank", "dump", "--bank", str(tmp_path / "out"), "--from", str(tiny_bank)])
    assert result.exit_code == 1
    assert "sources/000_33bd84a31d842da9.txt: source 'dprk' has sha256" in result.output
    assert "the file changed since `bank load`" in result.output
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_missing_source_file_is_written_from_the_database_or_is_a_clear_error(
    app: Flask, tiny_bank: Path, tmp_path: Path
) -> None:
    load_bank(db.session, tiny_bank)
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(tiny_bank, elsewhere)
    (elsewhere / "sources" / "003_f1b226380e4620e3.txt").unlink()
    dump_bank(db.session, tmp_path / "out", elsewhere)  # the text loaded into the database is written
    original = (tiny_bank / "sources" / "003_f1b226380e4620e3.txt").read_bytes()
    assert (tmp_path / "out" / "sources" / "003_f1b226380e4620e3.txt").read_bytes() == original
    db.session.get(Source, "weathersby").text = None  # a database loaded before texts were stored
    with pytest.raises(DumpError, match="source 'weathersby' not found"):
        dump_bank(db.session, tmp_path / "again", elsewhere)
