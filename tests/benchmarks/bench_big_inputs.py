"""Benchmark: inputs far bigger than a real text, through the pages that must refuse or handle them quickly.

Times, in process: parsing and saving a 1 MB source of tiny paragraphs (``"Ab.\\n\\n" * 199000``) through the
upload service and, past its limits, the parser and the store alone; previewing a 1 MB CSV import (40,000
rows) and a 0.78 MB GIFT import (10,000 questions) through the import page; and the editor page's size and
time with a stored source of 99,000 sentences. Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_big_inputs
"""

import hashlib
import io
import logging
import re
import tempfile
import time

from flask_migrate import upgrade
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app import create_app
from app.auth.services import create_user
from app.bank.services import load_bank
from app.config import DEFAULT_BANK_DIR
from app.extensions import db
from app.sources.documents import SourceDocument, SourceMeta
from app.sources.parser import parse_text
from app.sources.services import sync_source
from app.teacher.sources import services as source_services

PASSWORD = "correct horse battery"
TINY_PARAGRAPHS = "Ab.\n\n" * 199_000
CSV_ROWS = 40_000
GIFT_QUESTIONS = 10_000
BIG_SENTENCES = 99_000


def _csv() -> str:
    rows = "".join(f"true_false,C{n:05d}?,true\n" for n in range(CSV_ROWS))
    return "type,prompt,answer\n" + rows


def _gift() -> str:
    return "".join(
        f"::q{n:05d}::According to the DPRK publication, claim number {n:05d} is true. {{T}}\n\n"
        for n in range(GIFT_QUESTIONS)
    )


def _details(source_id: str) -> source_services.SourceDetails:
    return source_services.SourceDetails(source_id, source_id, "-", "-", "-", "-", "-")


def _bare_document(source_id: str, text: str) -> SourceDocument:
    meta = SourceMeta(source_id, f"{source_id}.txt", source_id, "-", source_id, "-", "-", "-", "-")
    return SourceDocument(meta, text, hashlib.sha256(text.encode()).hexdigest(), parse_text(text))


def _upload_source(app) -> None:
    data = TINY_PARAGRAPHS.encode()
    with app.app_context():
        began = time.perf_counter()
        try:
            document = source_services.read_upload(data, "tiny.txt", _details("tiny"))
        except source_services.UploadRefused as refused:
            print(f"upload of {len(data) / 1e6:.2f} MB tiny paragraphs: refused in "
                  f"{time.perf_counter() - began:.2f} s: {refused}")  # fmt: skip
        else:
            parsed = time.perf_counter() - began
            source_services.add_source(db.session, document)
            db.session.commit()
            total = time.perf_counter() - began
            print(f"upload of {len(data) / 1e6:.2f} MB tiny paragraphs ({len(document.parsed.passages):,} "
                  f"passages): parse {parsed:.2f} s, parse + save {total:.2f} s")  # fmt: skip
        db.session.rollback()
        began = time.perf_counter()
        document = _bare_document("tiny-store", TINY_PARAGRAPHS)
        parsed = time.perf_counter() - began
        sync_source(db.session, document, 90)
        db.session.commit()
        print(f"  parser alone {parsed:.2f} s, parser + store past the limits "
              f"{time.perf_counter() - began:.2f} s")  # fmt: skip


def _preview(client, name: str, text: str, filename: str) -> None:
    data = text.encode()
    fields = {
        "format": "auto",
        "source": "dprk",
        "skill": "sourcing",
        "file": FileStorage(io.BytesIO(data), filename),
    }
    boundary, body = encode_multipart(fields)
    began = time.perf_counter()
    response = client.post(
        "/teach/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    seconds = time.perf_counter() - began
    page = response.get_data(as_text=True)
    said = re.search(r"Import [\d,]+ drafts?|may be at most[^<]*|at most [\d,]+ questions[^<]*", page)
    print(f"preview of {name} ({len(data) / 1e6:.2f} MB): {seconds:.2f} s, status {response.status_code}"
          f" ({said.group(0) if said else 'no summary found'})")  # fmt: skip


def _editor(app, client) -> None:
    per_paragraph = 10
    paragraph = " ".join(f"Sentence {n} here." for n in range(per_paragraph))
    text = "\n\n".join(paragraph for _ in range(BIG_SENTENCES // per_paragraph))
    with app.app_context():
        sync_source(db.session, _bare_document("big", text), 99)
        db.session.commit()
    for url in ("/teach/questions/new?type=true_false&source=big", "/teach/questions/new?type=true_false"):
        began = time.perf_counter()
        response = client.get(url)
        seconds = time.perf_counter() - began
        size = len(response.data) / 1e6
        print(f"editor page {url} with a stored source of {BIG_SENTENCES:,} sentences: "
              f"{size:.2f} MB in {seconds:.2f} s, status {response.status_code}")  # fmt: skip


def main() -> None:
    logging.disable(logging.INFO)  # the request log would drown the figures
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "SECRET_KEY": "benchmark",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3",
                "WTF_CSRF_ENABLED": False,
                "BANK_DIR": str(DEFAULT_BANK_DIR),
            }
        )
        with app.app_context():
            upgrade()
            load_bank(db.session, DEFAULT_BANK_DIR)
            create_user(db.session, "Bench Teacher", PASSWORD, "teacher")
            db.session.commit()
        client = app.test_client()
        client.post("/login", data={"username": "Bench Teacher", "password": PASSWORD})
        _preview(client, f"a CSV of {CSV_ROWS:,} rows", _csv(), "big.csv")
        _preview(client, f"a GIFT file of {GIFT_QUESTIONS:,} questions", _gift(), "big.gift")
        _upload_source(app)
        _editor(app, client)


if __name__ == "__main__":
    main()
