"""Benchmark: generating a draft bank through the teacher's page, which runs synchronously in the request.

For our two texts and for the Lexington pair (uploaded through the pages first): the generator alone, the
first POST (every draft created) and a second POST (every draft found again, nothing duplicated). Prints
figures; asserts nothing. Run from the repository root:

    .venv/bin/python -m tests.benchmarks.bench_generate_page
"""

import io
import re
import tempfile
import time
from html import unescape
from pathlib import Path

from app.bank.generator.pipeline import generate_bank
from app.config import DEFAULT_BANK_DIR
from tests.benchmarks.teacher_app import teacher_app

ROOT = Path(__file__).resolve().parents[2]
LEXINGTON = ROOT / "tests/data/lexington-1775"
SHIPPED = DEFAULT_BANK_DIR / "sources"


def _hidden(page: str, name: str) -> str:
    return unescape(re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1))


def _upload(client, path: Path, source_id: str) -> float:
    details = {
        "source_id": source_id, "title": source_id, "author": "-", "kind": "-", "date": "1775",
        "citation": "-", "about": "-",
    }  # fmt: skip
    began = time.perf_counter()
    page = client.post(
        "/teach/sources/new",
        data={**details, "file": (io.BytesIO(path.read_bytes()), path.name), "preview": "Preview"},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    form = {**details, "payload": _hidden(page, "payload"), "filename": path.name, "save": "Save"}
    assert client.post("/teach/sources/new", data=form).status_code == 302
    return time.perf_counter() - began


def _generate(client, first: str, second: str) -> tuple[float, str]:
    began = time.perf_counter()
    response = client.post("/teach/sources/generate", data={"first": first, "second": second})
    seconds = time.perf_counter() - began
    flashed = re.search(r"Generated in[^<]*", client.get(response.headers["Location"]).get_data(as_text=True))
    return seconds, unescape(flashed.group(0)) if flashed else f"status {response.status_code}"


def main() -> None:
    with teacher_app() as (_app, client):
        gage, narrative = (
            LEXINGTON / "gage-circumstantial-account.txt",
            LEXINGTON / "provincial-congress-narrative.txt",
        )
        uploads = _upload(client, gage, "gage") + _upload(client, narrative, "narrative")
        print(f"upload with preview, both Lexington texts: {uploads:.2f} s")
        texts = {
            "DPRK publication + Weathersby": (
                ("dprk", "weathersby"),
                (SHIPPED / "000_33bd84a31d842da9.txt", SHIPPED / "003_f1b226380e4620e3.txt"),
            ),
            "Lexington 1775": (("gage", "narrative"), (gage, narrative)),
        }  # fmt: skip
        for name, ((first, second), files) in texts.items():
            with tempfile.TemporaryDirectory() as out:
                began = time.perf_counter()
                generate_bank(*files, Path(out) / "bank")
                alone = time.perf_counter() - began
            created, created_note = _generate(client, first, second)
            again, again_note = _generate(client, first, second)
            print(f"{name}:")
            print(f"  generator alone            {alone:6.2f} s")
            print(f"  page, first run            {created:6.2f} s  ({created_note})")
            print(f"  page, run again            {again:6.2f} s  ({again_note})")


if __name__ == "__main__":
    main()
