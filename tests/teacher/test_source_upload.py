"""Sources added in the browser: preview before saving, every refusal clear and nothing half-saved, drafts
generated for two sources, hidden from learners until published, and written back by ``bank dump``."""

import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.auth.models import User
from app.bank.dump import dump_bank
from app.bank.models import ClaimPair, Question, QuestionRevision
from app.bank.services import load_bank
from app.bank.types import label as type_label
from app.bank.validator import errors_in, validate_bank
from app.bank.yamlio import read_bank
from app.extensions import db
from app.sources.models import Footnote, Passage, Source
from app.teacher.sources.generation import draft_prefix
from tests.conftest import PASSWORD, SHIPPED_BANK, log_in

LEXINGTON = Path(__file__).resolve().parents[1] / "data" / "lexington-1775"
GAGE = LEXINGTON / "gage-circumstantial-account.txt"
NARRATIVE = LEXINGTON / "provincial-congress-narrative.txt"
NEW = "/teach/sources/new"
PREFIX = draft_prefix("gage", "narrative")


def details(source_id: str, **changes: str) -> dict[str, str]:
    values = {
        "source_id": source_id,
        "title": f"The {source_id} account",
        "author": "Thomas Gage" if source_id == "gage" else "Massachusetts Provincial Congress",
        "short_name": f"the {source_id} account",
        "kind": "Official account",
        "date": "1775",
        "citation": "Printed in Boston, 1775.",
        "about": "Written to persuade readers in Britain who fired first.",
    }
    return {**values, **changes}


def preview(client: FlaskClient, data: bytes, name: str, source_id: str, **changes: str):
    """POST the upload form as a browser does. The body is encoded in memory: the test client's own encoder
    spools a body over 500 kB to a temporary file it never closes."""
    form = {
        **details(source_id, **changes),
        "file": FileStorage(io.BytesIO(data), name),
        "preview": "Preview",
    }
    boundary, body = encode_multipart(form)
    return client.post(NEW, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page)
    assert found, f"no hidden {name} field on the page"
    return unescape(found.group(1))


def save_previewed(client: FlaskClient, page: str, source_id: str, **changes: str):
    form = {**details(source_id, **changes), "payload": hidden(page, "payload")}
    return client.post(NEW, data={**form, "filename": hidden(page, "filename"), "save": "Save"})


def upload(client: FlaskClient, path: Path, source_id: str, **changes: str) -> None:
    page = preview(client, path.read_bytes(), path.name, source_id, **changes)
    assert page.status_code == 200, page.get_data(as_text=True)
    saved = save_previewed(client, page.get_data(as_text=True), source_id, **changes)
    assert saved.status_code == 302 and saved.headers["Location"] == f"/teach/sources/{source_id}"


def source_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Source))


@pytest.fixture
def teacher(loaded_app: Flask, client: FlaskClient, make_user: Callable[..., User]) -> User:
    user = make_user("Ms Rivera", role="teacher")
    log_in(client, "Ms Rivera")
    return user


@pytest.fixture
def lexington(teacher: User, client: FlaskClient) -> None:
    """Both Lexington accounts uploaded through the pages."""
    upload(client, GAGE, "gage")
    upload(client, NARRATIVE, "narrative")


def generate(client: FlaskClient, first: str = "gage", second: str = "narrative"):
    return client.post("/teach/sources/generate", data={"first": first, "second": second})


# --- access ----------------------------------------------------------------------------------------------


def test_strangers_log_in_and_learners_and_guests_get_403(
    loaded_app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    pages = ("/teach/sources", NEW, "/teach/sources/dprk", "/teach/sources/drafts/dprk/weathersby")
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert "/login" in generate(client, "dprk", "weathersby").headers["Location"]
    make_user("Ana")
    log_in(client, "Ana")
    for url in pages:
        assert client.get(url).status_code == 403
    assert generate(client, "dprk", "weathersby").status_code == 403
    assert preview(client, GAGE.read_bytes(), GAGE.name, "gage").status_code == 403
    client.post("/logout")
    client.post("/guest")
    assert client.get(NEW).status_code == 403
    assert source_count() == 2


def test_teacher_navigation_links_to_sources(teacher: User, client: FlaskClient) -> None:
    page = client.get("/teach/").get_data(as_text=True)
    assert 'href="/teach/sources">Sources</a>' in page


@pytest.mark.csrf
def test_posts_without_the_form_token_are_refused_and_save_nothing(
    loaded_app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    make_user("Ms Rivera", role="teacher")
    token = hidden(client.get("/login").get_data(as_text=True), "csrf_token")
    client.post("/login", data={"username": "Ms Rivera", "password": PASSWORD, "csrf_token": token})
    form = {**details("gage"), "file": (io.BytesIO(GAGE.read_bytes()), GAGE.name), "preview": "Preview"}
    assert client.post(NEW, data=form, content_type="multipart/form-data").status_code == 400
    previewed = client.post(
        NEW, data={**form, "csrf_token": token, "file": (io.BytesIO(GAGE.read_bytes()), GAGE.name)}
    )
    assert previewed.status_code == 200
    saved = save_previewed(client, previewed.get_data(as_text=True), "gage")
    assert saved.status_code == 400 and source_count() == 2  # the save form without its token
    assert generate(client, "dprk", "weathersby").status_code == 400
    assert not db.session.scalars(select(Question).where(Question.id.startswith("gen-"))).all()


# --- preview, then save ------------------------------------------------------------------------------------


def test_the_preview_shows_the_parse_and_saves_nothing(teacher: User, client: FlaskClient) -> None:
    response = preview(client, NARRATIVE.read_bytes(), NARRATIVE.name, "narrative")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nothing is saved yet" in page
    assert re.search(r"<dt>Passages</dt><dd>\d+</dd>", page)
    assert "A NARRATIVE, OF THE EXCURSION" in page  # the title line the parser found
    assert "TOGETHER WITH THE DEPOSITIONS" in page  # the first passage, shown in full
    assert "more passages" in page
    assert 'value="Save this source"' in page
    assert source_count() == 2 and db.session.get(Source, "narrative") is None


def test_saving_stores_the_text_passages_and_footnotes_in_the_database(
    teacher: User, client: FlaskClient
) -> None:
    upload(client, GAGE, "gage")
    source = db.session.get(Source, "gage")
    data = GAGE.read_bytes()
    assert source.text == data.decode("utf-8") and source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.file == GAGE.name and source.title == "The gage account" and source.position == 2
    assert len(source.passages) > 1
    page = client.get("/teach/sources/gage").get_data(as_text=True)
    assert "Hidden from learners" in page
    assert "gage-p001" in page and source.passages[-1].id in page
    assert "Anomalies (0)" in page
    listing = client.get("/teach/sources").get_data(as_text=True)
    assert "The gage account" in listing and "hidden" in listing


def test_anomalies_and_footnotes_are_shown_before_and_after_saving(
    teacher: User, client: FlaskClient
) -> None:
    text = (
        "A Short Account\n\nThe March\n\n"
        "The troops marched at night.[footnoteRef:1] They reached the town.\n\n[1: The first note.]\n\n"
        "A second paragraph follows. It cites an odd note.[2: A note that never closes\n\n"
        "A third paragraph ends the text. It is short.\n"
    )
    response = preview(client, text.encode(), "short.txt", "short")
    page = unescape(response.get_data(as_text=True))
    assert "unclosed_footnote" in page and "has no closing ']'" in page
    assert "<dt>Footnotes</dt><dd>" in page and "The March" in page
    assert save_previewed(client, response.get_data(as_text=True), "short").status_code == 302
    shown = unescape(client.get("/teach/sources/short").get_data(as_text=True))
    assert "unclosed_footnote" in shown and "The first note." in shown and "cited in" in shown
    assert db.session.scalar(select(func.count()).select_from(Footnote).where(Footnote.source_id == "short"))


# --- refusals: a clear message, nothing saved ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n \n", "is empty"),
        ("Caf\u00e9 au lait, written in Latin-1.\n".encode("latin-1"), "is not valid UTF-8"),
        (b"A" * (1024 * 1024 + 1), "a source may be at most 1 MB"),
        (b"Some text\x00 with a NUL byte.\n", "not plain text"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(
    teacher: User, client: FlaskClient, data: bytes, message: str
) -> None:
    response = preview(client, data, "bad.txt", "bad")
    assert response.status_code == 400
    assert message in unescape(response.get_data(as_text=True))
    assert source_count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Ab.\n\n" * 199_000, "it has 199,000 lines of text; a source may have at most 40,000"),
        ("".join(f"P{n}.\n\n" for n in range(5_001)).encode(), "it has 5,001 passages (paragraphs)"),
        (b"Ab. " * 25_001, "it has 25,001 sentences; a source may have at most 25,000"),
    ],
)
def test_a_source_past_the_line_passage_or_sentence_limit_is_refused_on_the_form(
    teacher: User, client: FlaskClient, data: bytes, message: str
) -> None:
    response = preview(client, data, "filler.txt", "filler")
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    assert f"filler.txt is too large to be one source: {message}" in page and 'name="file"' in page
    assert source_count() == 2


def test_a_source_near_the_size_limit_saves_through_the_preview(teacher: User, client: FlaskClient) -> None:
    paragraph = NARRATIVE.read_text(encoding="utf-8")
    text = "\n\n".join(f"Part {n}.\n\n{paragraph}" for n in range(1, 40))[: 1000 * 1000]
    data = text.encode("utf-8")[: 1024 * 1024].decode("utf-8", "ignore").encode("utf-8")
    assert 900_000 < len(data) <= 1024 * 1024
    page = preview(client, data, "long.txt", "long")
    assert page.status_code == 200
    assert save_previewed(client, page.get_data(as_text=True), "long").status_code == 302
    assert db.session.get(Source, "long").sha256 == hashlib.sha256(data).hexdigest()


def test_an_upload_over_the_request_limit_gets_a_clear_page(teacher: User, client: FlaskClient) -> None:
    response = preview(client, b"A" * (3 * 1024 * 1024), "huge.txt", "huge")
    assert response.status_code == 413
    assert "A source file may be at most 1 MB" in response.get_data(as_text=True)
    assert source_count() == 2


def test_missing_file_and_bad_details_are_refused(teacher: User, client: FlaskClient) -> None:
    response = client.post(NEW, data={**details("gage"), "preview": "Preview"})
    assert response.status_code == 400 and "Choose the source&#39;s plain-text file." in response.get_data(
        as_text=True
    )
    response = preview(client, GAGE.read_bytes(), GAGE.name, "Gage 1775!", kind="")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Use lower-case letters, digits and single hyphens" in page and "Give the source's kind." in page
    assert 'value="Save this source"' not in page and source_count() == 2


def test_a_taken_id_an_identical_file_and_a_page_name_are_refused(teacher: User, client: FlaskClient) -> None:
    shipped = db.session.get(Source, "dprk")
    data = (SHIPPED_BANK / "sources" / shipped.file).read_bytes()
    response = preview(client, data, "copy.txt", "dprk-copy")
    assert response.status_code == 400
    assert f"identical to the source “{shipped.title}” (dprk)" in unescape(response.get_data(as_text=True))
    response = preview(client, GAGE.read_bytes(), GAGE.name, "weathersby")
    assert "A source with the id “weathersby” already exists" in unescape(response.get_data(as_text=True))
    response = preview(client, GAGE.read_bytes(), GAGE.name, "new")
    assert "names a page of the app" in unescape(response.get_data(as_text=True))
    assert source_count() == 2
    # A save that skips the preview's checks is checked again, and refused the same way.
    page = preview(client, GAGE.read_bytes(), GAGE.name, "gage").get_data(as_text=True)
    assert save_previewed(client, page, "weathersby").status_code == 400
    assert db.session.get(Source, "weathersby").title == "North Korea and the Armistice Negotiations"
    assert source_count() == 2


def test_html_in_the_text_and_details_is_shown_as_text(teacher: User, client: FlaskClient) -> None:
    text = "An Account\n\n<script>alert('text')</script> The troops <b>marched</b>. They came back.\n"
    script = "<script>alert('title')</script>"
    response = preview(
        client, text.encode(), "x.txt", "xss", title=script, about="<img src=x onerror=alert(1)>"
    )
    page = response.get_data(as_text=True)
    assert "<script>alert(" not in page and "<b>marched" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in page
    save_previewed(client, page, "xss", title=script, about="<img src=x onerror=alert(1)>")
    assert db.session.get(Source, "xss").title == script
    for url in ("/teach/sources", "/teach/sources/xss", "/sources/xss"):
        shown = client.get(url).get_data(as_text=True)
        assert "<script>alert(" not in shown and "&lt;script&gt;alert(" in shown, url


# --- generation --------------------------------------------------------------------------------------------


def test_generating_stores_drafts_with_prefixed_ids_and_shows_a_summary(
    lexington: None, client: FlaskClient
) -> None:
    before = db.session.scalar(select(func.count()).select_from(Question))
    response = generate(client, "narrative", "gage")  # either order gives the same ids
    assert response.status_code == 302
    assert response.headers["Location"] == "/teach/sources/drafts/gage/narrative"
    questions = db.session.scalars(select(Question).where(Question.id.startswith(PREFIX))).all()
    pairs = db.session.scalars(select(ClaimPair).where(ClaimPair.id.startswith(PREFIX))).all()
    assert questions and pairs
    assert db.session.scalar(select(func.count()).select_from(Question)) == before + len(questions)
    assert {q.status for q in questions} == {"draft"} and {p.status for p in pairs} == {"draft"}
    revisions = [q.current_revision for q in questions]
    assert {r.origin for r in revisions} == {"generated"}
    assert {r.support_source_id for r in revisions} == {"gage", "narrative"}
    assert any(r.explanation.startswith("It is from the gage account") for r in revisions)
    assert {p.a_source_id for p in pairs} | {p.b_source_id for p in pairs} == {"gage", "narrative"}
    rationales = " ".join(p.rationale for p in pairs)  # they name the sources as the teacher described them
    assert "the gage account" in rationales and "Text A" not in rationales and "Text B" not in rationales
    summary = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Questions: {len(questions)} created." in unescape(summary)
    commonest, count = Counter(r.type for r in revisions).most_common(1)[0]
    assert re.search(rf">{re.escape(type_label(commonest))}</a></th>\s*<td[^>]*>{count}</td>", summary)
    assert f'href="/teach/questions?q={PREFIX}"' in summary
    listed = client.get("/teach/questions", query_string={"q": PREFIX}).get_data(as_text=True)
    assert f"{len(questions)} of" in listed


def test_generating_again_never_duplicates_nor_touches_edited_or_published_items(
    lexington: None, client: FlaskClient
) -> None:
    generate(client)
    questions = db.session.scalars(
        select(Question).where(Question.id.startswith(PREFIX)).order_by(Question.id)
    ).all()
    edited, published, untouched = questions[0], questions[1], questions[2]
    edited_revision = QuestionRevision(
        question=edited, number=2, author="Ms Rivera", reason="edited",
        **{**edited.current_revision.content(), "prompt": "A teacher's own prompt?"},
    )  # fmt: skip
    db.session.add(edited_revision)
    edited.current_revision_number = 2
    published.status = "published"
    untouched.current_revision.prompt = "An old generator's wording"  # as if the generator changed since
    db.session.commit()
    counts = (
        db.session.scalar(select(func.count()).select_from(Question)),
        db.session.scalar(select(func.count()).select_from(ClaimPair)),
    )

    response = generate(client)
    flashed = unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "1 updated" in flashed and "2 left alone" in flashed
    db.session.expire_all()
    assert counts == (
        db.session.scalar(select(func.count()).select_from(Question)),
        db.session.scalar(select(func.count()).select_from(ClaimPair)),
    )
    assert db.session.get(Question, edited.id).current_revision.prompt == "A teacher's own prompt?"
    assert db.session.get(Question, published.id).status == "published"
    regenerated = db.session.get(Question, untouched.id)
    assert regenerated.current_revision_number == 2
    assert regenerated.current_revision.prompt != "An old generator's wording"


def test_generation_refuses_one_source_twice(lexington: None, client: FlaskClient) -> None:
    response = generate(client, "gage", "gage")
    assert response.status_code == 400 and "Choose two different sources." in response.get_data(as_text=True)
    assert not db.session.scalars(select(Question).where(Question.id.startswith("gen-"))).all()


# --- who sees what ---------------------------------------------------------------------------------------


def learner_pages(app: Flask, make_user: Callable[..., User]) -> dict[str, str]:
    other = app.test_client()
    make_user("Ben")
    log_in(other, "Ben")
    return {url: other.get(url).get_data(as_text=True) for url in ("/", "/meet", "/read", "/quiz")} | {
        "/sources/gage": str(other.get("/sources/gage").status_code)
    }


def test_uploaded_sources_and_drafts_stay_hidden_from_learners_until_published(
    loaded_app: Flask, lexington: None, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    generate(client)
    seen = learner_pages(loaded_app, make_user)
    for url in ("/", "/meet", "/read", "/quiz"):
        assert "The gage account" not in seen[url], url
        assert "North Korea and the Armistice Negotiations" in seen[url] or url == "/quiz", url
    assert 'value="gage"' not in seen["/quiz"] and 'value="dprk"' in seen["/quiz"]
    assert seen["/sources/gage"] == "404"
    assert client.get("/sources/gage").status_code == 200  # the teacher sees every source
    assert "The gage account" in client.get("/meet").get_data(as_text=True)

    pair = db.session.scalars(select(ClaimPair).where(ClaimPair.id.startswith(PREFIX))).first()
    pair.status = "published"
    db.session.commit()
    seen = learner_pages(loaded_app, make_user=lambda name: make_user(name + "2"))
    assert "The gage account" in seen["/meet"] and 'value="gage"' in seen["/quiz"]
    assert seen["/sources/gage"] == "200"


# --- storage: load stores the text, dump writes it back -----------------------------------------------------


def test_bank_load_stores_each_text_even_when_the_file_is_unchanged(loaded_app: Flask) -> None:
    for source in db.session.scalars(select(Source)):
        assert source.text == (SHIPPED_BANK / "sources" / source.file).read_text(encoding="utf-8-sig")
        source.text = None  # as in a database loaded before the column existed
    db.session.commit()
    report = load_bank(db.session, SHIPPED_BANK)
    assert report.sources_changed == 2
    assert all(s.text for s in db.session.scalars(select(Source)))
    assert not load_bank(db.session, SHIPPED_BANK).changed


def test_dump_writes_uploaded_sources_from_the_database_and_round_trips(
    lexington: None, client: FlaskClient, tmp_path: Path
) -> None:
    generate(client)
    target = tmp_path / "dumped"
    report = dump_bank(db.session, target, SHIPPED_BANK)
    assert report.sources == 4
    assert (target / "sources" / GAGE.name).read_bytes() == GAGE.read_bytes()
    assert (target / "sources" / NARRATIVE.name).read_bytes() == NARRATIVE.read_bytes()
    bank, issues = read_bank(target)
    assert not errors_in(issues + validate_bank(bank))
    assert {doc.meta.id for doc in bank.sources} == {"dprk", "weathersby", "gage", "narrative"}
    passages = db.session.scalar(select(func.count()).select_from(Passage))
    assert not load_bank(db.session, target).changed  # loading the dump changes nothing
    assert db.session.scalar(select(func.count()).select_from(Passage)) == passages
