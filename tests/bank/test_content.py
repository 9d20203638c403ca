"""One declaration of a question's and a claim pair's content (app.bank.content), read by every consumer:
the files, ``bank load``, the database, ``bank dump``, the JSON export, the editors and imports."""

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from app.bank import content
from app.bank.content import (
    PAIR_CONTENT,
    PAIR_FIELDS,
    QUESTION_CONTENT,
    QUESTION_FIELDS,
    QUESTION_KEYS,
    ContentField,
    content_of,
    file_entry,
    quote_side,
)
from app.bank.dump import bank_files
from app.bank.formats.json_export import export_document
from app.bank.models import ClaimPair, ClaimPairRevision, Question, QuestionRevision
from app.bank.schema import ClaimPairSpec, QuestionSpec
from app.bank.yamlio import CLAIM_PAIR_FIELDS, load_yaml_file, read_bank
from app.bank.yamlio import QUESTION_FIELDS as QUESTION_FILE_KEYS
from app.extensions import db
from app.teacher import revisions
from app.teacher.claims.routes import PAIR_FIELD_LABELS
from app.teacher.claims.services import PairDraft
from app.teacher.questions import services as editor
from app.teacher.questions.grounding import BankView
from app.teacher.questions.imports.services import ImportDefaults, preview_import, save_drafts
from tests.conftest import SHIPPED_BANK

SHIPPED, _ = read_bank(SHIPPED_BANK)


def raw_items(root: Path, folder: str, key: str) -> dict[str, dict[str, Any]]:
    """Every item of the bank's files as the author wrote it, by id."""
    items = {}
    for path in sorted((root / folder).glob("*.yaml")):
        document, problems = load_yaml_file(path, path.name)
        assert not problems
        items |= {item["id"]: item for item in document[key]}
    return items


def written(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry as an author writes it: optional fields left out when empty."""
    return {key: _plain(value) for key, value in entry.items() if value is not None and value != []}


def _plain(value: Any) -> Any:
    """Text without outer spaces; a list's items as text (``1953`` in a tag list is read as "1953")."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [str(item).strip() for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def test_every_consumer_reads_the_one_declaration() -> None:
    assert QuestionRevision.CONTENT_FIELDS == QUESTION_FIELDS
    assert ClaimPairRevision.CONTENT_FIELDS == PAIR_FIELDS
    assert set(QUESTION_KEYS) == QUESTION_FILE_KEYS
    assert {"id", *(f.key for f in PAIR_CONTENT)} == CLAIM_PAIR_FIELDS
    assert list(revisions.FIELD_LABELS) == list(QUESTION_FIELDS)
    assert list(PAIR_FIELD_LABELS) == list(PAIR_FIELDS)
    # The editor's and the claim map's inputs carry exactly what a person types.
    assert {f.name for f in dataclasses.fields(PairDraft)} == set(PAIR_FIELDS)
    typed = {f.name for f in dataclasses.fields(editor.QuestionInput)}
    assert typed == set(QUESTION_FIELDS) - set(content.DERIVED_QUESTION_FIELDS)
    # The typed records have a place for every key of the files.
    assert {f.key for f in QUESTION_CONTENT} <= {f.name for f in dataclasses.fields(QuestionSpec)}
    assert {f.key for f in PAIR_CONTENT} <= {f.name for f in dataclasses.fields(ClaimPairSpec)}


@pytest.mark.parametrize("spec", SHIPPED.questions, ids=lambda spec: spec.id)
def test_a_shipped_question_writes_back_as_its_file_says(spec: QuestionSpec) -> None:
    """files → content → files: the same mapping, key by key, for every shipped question."""
    raw = raw_items(SHIPPED_BANK, "questions", "questions")[spec.id]
    values = content.question_content_of_spec(spec)
    assert written(content.question_entry(spec.id, values, spec.status)) == written(raw)
    assert content.question_spec(spec.id, values, spec.status, spec.file) == spec


@pytest.mark.parametrize("spec", SHIPPED.claim_pairs, ids=lambda spec: spec.id)
def test_a_shipped_pair_writes_back_as_its_file_says(spec: ClaimPairSpec) -> None:
    raw = raw_items(SHIPPED_BANK, "claim_pairs", "claim_pairs")[spec.id]
    values = content.pair_content_of_spec(spec)
    assert written(content.pair_entry(spec.id, values)) == written(raw)
    assert content.pair_spec(spec.id, values, spec.file) == spec
    # The claim map's form is filled with the pair and, submitted unchanged, gives it back.
    assert content.from_form(content.form_values(values, PAIR_CONTENT), PAIR_CONTENT) == values


def test_the_json_export_writes_every_field(loaded_app: Flask) -> None:
    document = export_document(SHIPPED)
    assert all(list(q) == [*QUESTION_KEYS[:9], "contrast", *QUESTION_KEYS[9:]] for q in document["questions"])
    assert all(list(p) == ["id", *content.keys(PAIR_CONTENT)] for p in document["claim_pairs"])


def test_load_then_dump_keeps_every_field_of_every_item(loaded_app: Flask, tmp_path: Path) -> None:
    """The database holds each item's content as the files say, and ``bank dump`` writes it all back."""
    for spec in SHIPPED.questions:
        question = db.session.get(Question, spec.id)
        assert question.current_content() == content.question_content_of_spec(spec)
    for spec in SHIPPED.claim_pairs:
        pair = db.session.get(ClaimPair, spec.id)
        assert pair.current_content() == pair.revisions[-1].content() == content.pair_content_of_spec(spec)
    files, _ = bank_files(db.session, SHIPPED_BANK)
    out = tmp_path / "out"
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    for folder, key in (("questions", "questions"), ("claim_pairs", "claim_pairs")):
        assert raw_items(out, folder, key).keys() == raw_items(SHIPPED_BANK, folder, key).keys()
        dumped, shipped = raw_items(out, folder, key), raw_items(SHIPPED_BANK, folder, key)
        assert {i: written(item) for i, item in dumped.items()} == {i: written(v) for i, v in shipped.items()}


def test_the_editor_keeps_every_field_of_a_shipped_question(loaded_app: Flask) -> None:
    """Saving a question unchanged through the editor's input makes no revision: nothing is lost."""
    view = BankView(db.session, SHIPPED_BANK)
    for spec in SHIPPED.questions[:12]:
        question = db.session.get(Question, spec.id)
        data = editor.QuestionInput.from_revision(question.current_revision)
        result = editor.save_question(db.session, view, question, data, "Ms Rivera")
        assert result.revision is None, spec.id


def test_an_import_carries_every_field_into_the_draft(loaded_app: Flask) -> None:
    csv = (
        "id,type,prompt,answer,explanation,source,quote,section,skill,tags\n"
        'toast-imported,cloze,"According to the DPRK publication, Stalin proposed a toast to ____.",'
        'Kim Il Sung|Kim,"The toast.",dprk,'
        '"I propose to extend heartfelt thanks to Comrade Kim Il Sung with warm applause.",'
        "Stalin’s Toast,close_reading,stalin|toast\n"
    )
    preview = preview_import(db.session, csv, "csv", ImportDefaults("dprk", "sourcing"), SHIPPED_BANK)
    assert preview.ready, preview.blocking
    save_drafts(db.session, preview, "Ms Rivera")
    question = db.session.get(Question, "toast-imported")
    assert question.current_content() == content.question_content_of_spec(preview.rows[0].spec)
    assert question.current_content() | {"prompt": "", "explanation": "", "support_quote": ""} == {
        "type": "cloze", "prompt": "", "choices": None, "answer": "Kim Il Sung", "accepted_answers": ["Kim"],
        "explanation": "", "support_source_id": "dprk", "support_quote": "", "claim_pair_id": None,
        "section": "Stalin’s Toast", "skill": "close_reading", "tags": ["stalin", "toast"],
        "origin": "imported",
    }  # fmt: skip


def test_a_field_added_to_the_declaration_is_read_and_written_with_the_rest() -> None:
    """The functions follow the declaration: a new field needs no change to them."""

    @dataclasses.dataclass
    class Record:
        prompt: str
        support_source_id: str
        support_quote: str
        difficulty: str

    fields = (
        ContentField("prompt", "prompt", "prompt"),
        ContentField("support_source_id", "support", "support source", content.QUOTE, "source"),
        ContentField("support_quote", "support", "support quote", content.QUOTE, "quote"),
        ContentField("difficulty", "difficulty", "difficulty"),
    )
    values = content_of(Record("Who?", "dprk", "Words.", "hard"), fields)
    assert values == {
        "prompt": "Who?",
        "support_source_id": "dprk",
        "support_quote": "Words.",
        "difficulty": "hard",
    }
    entry = file_entry("q-1", values, fields, quote_side, status="draft")
    assert entry == {
        "id": "q-1", "prompt": "Who?", "support": {"source": "dprk", "quote": "Words."},
        "difficulty": "hard", "status": "draft",
    }  # fmt: skip
