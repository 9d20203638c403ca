"""The editor grounds quotes in the database's sources with the same law as `bank check`."""

import shutil
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from app.bank.grounding import QuoteNotFound
from app.extensions import db
from app.sources.models import Passage, Source
from app.sources.stored import SourceUnavailable, source_document
from app.teacher.questions.grounding import BankView, sentence_parts
from tests.conftest import LOST_NOTHING, SHIPPED_BANK, TOAST


def test_quotes_are_grounded_in_the_stored_sources(loaded_app: Flask) -> None:
    view = BankView(db.session, SHIPPED_BANK)
    exact = view.ground("dprk", TOAST)
    assert (exact.quote, exact.section) == (TOAST, "Stalin’s Toast")
    spaced = view.ground("dprk", TOAST.replace(" ", "\n  ", 3))
    assert spaced.quote == TOAST
    straight = view.ground("weathersby", LOST_NOTHING.replace("’", "'").replace("“", '"').replace("”", '"'))
    assert straight.quote == LOST_NOTHING and straight.replaced
    with pytest.raises(QuoteNotFound, match="not found verbatim"):
        view.ground("dprk", "Stalin raised his glass to the Korean people.")
    with pytest.raises(QuoteNotFound, match="no source 'lexington'"):
        view.ground("lexington", TOAST)


def test_a_source_stored_without_its_text_is_read_from_the_bank_folder_and_proven(
    loaded_app: Flask, tmp_path: Path
) -> None:
    source = db.session.get(Source, "dprk")
    stored = source.text
    source.text = None
    assert source_document(source, SHIPPED_BANK).text == stored
    folder = tmp_path / "bank"
    shutil.copytree(SHIPPED_BANK / "sources", folder / "sources")
    (folder / "sources" / source.file).write_text(stored + "\nAn added line.\n", encoding="utf-8")
    with pytest.raises(SourceUnavailable, match="changed since the bank was loaded"):
        source_document(source, folder)
    with pytest.raises(SourceUnavailable, match="not in the bank folder"):
        source_document(source, tmp_path / "nowhere")


def test_sentence_parts_put_the_paragraph_back_together(loaded_app: Flask) -> None:
    for passage in db.session.scalars(select(Passage).limit(40)):
        parts = sentence_parts(passage.text, [(s.start, s.end) for s in passage.sentences])
        assert "".join(text for text, _n in parts) == passage.text
        assert [n for _t, n in parts if n] == list(range(1, len(passage.sentences) + 1))
