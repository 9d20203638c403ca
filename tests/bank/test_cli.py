"""The ``bank`` commands as a self-hoster or CI runs them: exit codes and messages."""

import json
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import TINY_QUESTIONS, write_bank


def test_check_passes_on_the_shipped_bank(runner) -> None:
    result = runner.invoke(args=["bank", "check"])
    assert result.exit_code == 0, result.output
    assert "bank check: OK: 2 sources" in result.output
    assert "note: sources/003_f1b226380e4620e3.txt: weathersby: parser:" in result.output


def test_check_fails_with_file_item_and_problem(runner, tmp_path: Path) -> None:
    root = write_bank(
        tmp_path, questions=TINY_QUESTIONS.replace("claim_pair: stalin-sacrifice", "claim_pair: x", 1)
    )
    result = runner.invoke(args=["bank", "check", "--bank", str(root)])
    assert result.exit_code == 1
    assert "error: questions/questions.yaml: toast-tf: unknown claim pair 'x'" in result.output
    assert "bank check: 1 error(s)" in result.output


def test_check_on_a_missing_folder(runner, tmp_path: Path) -> None:
    result = runner.invoke(args=["bank", "check", "--bank", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no such bank folder" in result.output


def test_load_twice_reports_nothing_changed(runner, tiny_bank: Path) -> None:
    first = runner.invoke(args=["bank", "load", "--bank", str(tiny_bank)])
    assert first.exit_code == 0, first.output
    assert "questions 2 created" in first.output
    second = runner.invoke(args=["bank", "load", "--bank", str(tiny_bank)])
    assert "already up to date" in second.output


def test_load_refuses_an_invalid_bank(runner, tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions="questions: [")
    result = runner.invoke(args=["bank", "load", "--bank", str(root)])
    assert result.exit_code == 1
    assert "questions/questions.yaml: malformed YAML at line" in result.output
    assert "nothing was loaded" in result.output


def test_export_writes_json(app: Flask, runner, tmp_path: Path, tiny_bank: Path) -> None:
    out = tmp_path / "bank.json"
    result = runner.invoke(args=["bank", "export", "--format", "json", str(out), "--bank", str(tiny_bank)])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [q["id"] for q in document["questions"]] == ["toast-tf", "lost-nothing-cloze"]


def test_export_to_standard_output(runner, tiny_bank: Path) -> None:
    result = runner.invoke(args=["bank", "export", "-", "--bank", str(tiny_bank)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["format"] == "counterpoint-bank"


def test_export_refuses_an_invalid_bank(runner, tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS.replace("answer: people", "answer: soldiers"))
    result = runner.invoke(args=["bank", "export", str(tmp_path / "out.json"), "--bank", str(root)])
    assert result.exit_code == 1
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(("fmt", "marker"), [("gift", "::"), ("moodle-xml", "<quiz>")])
def test_export_to_moodle_formats(runner, tmp_path: Path, fmt: str, marker: str) -> None:
    out = tmp_path / f"bank.{fmt}"
    result = runner.invoke(args=["bank", "export", "--format", fmt, str(out)])
    assert result.exit_code == 0, result.output
    assert marker in out.read_text(encoding="utf-8")


def test_export_an_anki_deck(runner, tmp_path: Path) -> None:
    out = tmp_path / "counterpoint.apkg"
    result = runner.invoke(args=["bank", "export", "--format", "apkg", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"
    assert f"wrote {out} (Anki deck;" in result.output
    refused = runner.invoke(args=["bank", "export", "--format", "apkg", "-"])
    assert refused.exit_code == 1
    assert "Anki deck is not text; give a file path such as counterpoint.apkg" in refused.output


def test_export_offers_the_registered_formats_and_names_them_when_refusing(runner, tiny_bank: Path) -> None:
    from app.bank.formats.registry import EXPORT_FORMATS, export_bytes
    from app.bank.yamlio import read_bank

    result = runner.invoke(args=["bank", "export", "--format", "csv", "-", "--bank", str(tiny_bank)])
    assert result.exit_code == 2
    assert all(f"'{name}'" in result.output for name in EXPORT_FORMATS)
    with pytest.raises(ValueError, match="unknown export format 'csv'; choose one of apkg, moodle-xml"):
        export_bytes(read_bank(tiny_bank)[0], "csv")
