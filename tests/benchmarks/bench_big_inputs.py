"""Benchmark: inputs far bigger than a real text, through the pages that must refuse or handle them quickly.

Times, in process: parsing and saving a 1 MB source of tiny paragraphs (``"Ab.\\n\\n" * 199000``) through the
upload service, a source at the passage limit, and, past the limits, the parser and the store alone;
previewing a 1 MB CSV import (40,000 rows) and a 0.78 MB GIFT import (10,000 questions) through the import
page, and files at the question limit (a 1 MB CSV whose every row quotes the source, previewed then
imported); and the editor page's size and time, and its picker's JSON windows, with a stored source of
99,000 sentences. Prints figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_big_inputs
"""

import csv
import hashlib
import io
import re
import time
from html import unescape

from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.bank.formats.import_records import MAX_IMPORT_QUESTIONS
from app.config import DEFAULT_BANK_DIR
from app.extensions import db
from app.sources.documents import SourceDocument, SourceMeta
from app.sources.models import Source
from app.sources.parser import MAX_PASSAGES, parse_text
from app.sources.services import sync_source
from app.sources.stored import source_document
from app.teacher.sources import services as source_services
from tests.benchmarks.teacher_app import teacher_app

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


def _csv_at_limit(quotes: list[str]) -> str:
    """``MAX_IMPORT_QUESTIONS`` rows of about 500 bytes, each quoting a sentence of the Weathersby paper."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["type", "prompt", "answer", "explanation", "source", "quote"])
    for n in range(MAX_IMPORT_QUESTIONS):
        quote = quotes[n % len(quotes)]
        explanation = f"Row {n}: " + "the paper reads the archive closely. " * 5
        writer.writerow(["true_false", f"According to Weathersby, claim {n} holds.", "true", explanation,
                         "weathersby", quote])  # fmt: skip
    return out.getvalue()


def _gift_at_limit() -> str:
    feedback = "The publication presents this as proof of independence. " * 6
    return "".join(
        f"::at-limit-{n}::According to the DPRK publication, claim {n} holds. {{T####{feedback}}}\n\n"
        for n in range(MAX_IMPORT_QUESTIONS)
    )


def _source_at_limit() -> str:
    """``MAX_PASSAGES`` paragraphs of two ordinary sentences each, about 1 MB."""
    return "\n\n".join(
        f"Paragraph {n} opens with a plain sentence of some length here. It closes with another one, "
        "as a real text would."
        for n in range(MAX_PASSAGES)
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
        data = _source_at_limit().encode()
        began = time.perf_counter()
        document = source_services.read_upload(data, "limit.txt", _details("at-limit"))
        parsed = time.perf_counter() - began
        source_services.add_source(db.session, document)
        db.session.commit()
        passages = len(document.parsed.passages)
        print(f"upload of {len(data) / 1e6:.2f} MB at the limit ({passages:,} passages): "
              f"parse {parsed:.2f} s, parse + save {time.perf_counter() - began:.2f} s")  # fmt: skip
        began = time.perf_counter()
        document = _bare_document("tiny-store", TINY_PARAGRAPHS)
        parsed = time.perf_counter() - began
        sync_source(db.session, document, 90)
        db.session.commit()
        print(f"  parser alone {parsed:.2f} s, parser + store past the limits "
              f"{time.perf_counter() - began:.2f} s")  # fmt: skip


def _preview(client, name: str, text: str, filename: str, commit: bool = False) -> None:
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
    said = re.search(r"Import [\d,]+ drafts?|The file holds more than[^<]*|may be at most[^<]*", page)
    print(f"preview of {name} ({len(data) / 1e6:.2f} MB): {seconds:.2f} s, status {response.status_code}"
          f" ({said.group(0) if said else 'no summary found'})")  # fmt: skip
    if commit and response.status_code == 200:
        found = re.findall(r'name="(\w+)" type="hidden" value="([^"]*)"', page)
        boundary, body = encode_multipart({name: unescape(value) for name, value in found})
        began = time.perf_counter()
        saved = client.post(
            "/teach/import/commit", data=body, content_type=f"multipart/form-data; boundary={boundary}"
        )
        print(
            f"  import (commit) of the same: {time.perf_counter() - began:.2f} s, status {saved.status_code}"
        )


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
    # The picker's windows as JSON, each sentence checked verbatim against the source's words: the first
    # request of a process reads those words, the next ones reuse them.
    for query in ("start=5000", "start=9000", "find=Sentence 7 here"):
        began = time.perf_counter()
        response = client.get(f"/teach/picker/big?{query}")
        seconds = time.perf_counter() - began
        print(f"picker window ?{query} of the same source: {len(response.data) / 1e3:.0f} kB in "
              f"{seconds * 1000:.0f} ms, status {response.status_code}")  # fmt: skip


def main() -> None:
    with teacher_app() as (app, client):
        _preview(client, f"a CSV of {CSV_ROWS:,} rows", _csv(), "big.csv")
        _preview(client, f"a GIFT file of {GIFT_QUESTIONS:,} questions", _gift(), "big.gift")
        with app.app_context():
            weathersby = source_document(db.session.get(Source, "weathersby"), DEFAULT_BANK_DIR)
            whole = " ".join(weathersby.text.split())  # sentences cut by footnote markup are not quotes
            sentences = [s.text for p in weathersby.parsed.passages for s in p.sentences]
            quotes = [text for text in sentences if len(text) > 40 and text in whole]
        _preview(
            client,
            f"a CSV of {MAX_IMPORT_QUESTIONS:,} quoted rows",
            _csv_at_limit(quotes),
            "limit.csv",
            commit=True,
        )
        _preview(client, f"a GIFT file of {MAX_IMPORT_QUESTIONS:,} questions", _gift_at_limit(), "limit.gift")
        _upload_source(app)
        _editor(app, client)


if __name__ == "__main__":
    main()
