"""Imports into drafts: the upload, the preview, the all-or-nothing commit, and every bad file refused."""

import base64
import html
import io
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.auth.models import Classroom, User
from app.bank.dump import dump_bank
from app.bank.formats.gift import export_gift
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.bank.services import load_bank
from app.bank.validator import errors_in, validate_bank
from app.bank.yamlio import read_bank
from app.extensions import db
from app.teacher.questions import services as editor_services
from app.teacher.questions.grounding import BankView
from app.teacher.questions.imports import services as import_services
from tests.conftest import LOST_NOTHING, PASSWORD, SHIPPED_BANK, log_in, write_bank

UPLOAD, COMMIT, TEMPLATE = "/teach/import", "/teach/import/commit", "/teach/import/template.csv"

GIFT = """\
// Two questions from Moodle.
::toast-question::According to the DPRK publication, what did Stalin propose? {
  =A toast of thanks to Kim Il Sung
  ~A trade agreement
  ####The publication presents the toast as gratitude.
}

According to the DPRK publication, Stalin thanked Kim Il Sung. {T}
"""


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    log_in(client, "Ms Rivera")
    return classroom.teacher


def imported() -> list[QuestionRevision]:
    return list(
        db.session.scalars(
            select(QuestionRevision)
            .join(Question, CURRENT_REVISION)
            .where(QuestionRevision.origin == "imported")
            .order_by(QuestionRevision.question_id)
        )
    )


def post_multipart(client: FlaskClient, url: str, fields: dict[str, object]):
    """POST as a browser sends a form with a file. The body is encoded in memory: the test client's own
    encoder spools a body over 500 kB to a temporary file it never closes."""
    boundary, body = encode_multipart(fields)
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def upload(client: FlaskClient, content: str | bytes, filename: str = "moodle.gift", source: str = "dprk"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    fields = {"format": "auto", "source": source, "skill": "sourcing"}
    return post_multipart(client, UPLOAD, {**fields, "file": FileStorage(io.BytesIO(data), filename)})


def commit_fields(page: str) -> dict[str, str]:
    """The hidden fields of the preview's commit form, as the browser would send them."""
    found = re.findall(r'name="(\w+)" type="hidden" value="([^"]*)"', page)
    return {name: html.unescape(value) for name, value in found}


def commit(client: FlaskClient, page: str):
    return post_multipart(client, COMMIT, commit_fields(page))


def import_whole(client: FlaskClient, content: str, filename: str = "moodle.gift", source: str = "dprk"):
    preview = upload(client, content, filename, source)
    assert preview.status_code == 200, preview.get_data(as_text=True)
    return commit(client, preview.get_data(as_text=True))


# --- access ----------------------------------------------------------------------------------------------


def test_learners_get_403_and_strangers_are_sent_to_log_in(
    loaded_app: Flask, client: FlaskClient, make_user
) -> None:
    requests = (("GET", UPLOAD), ("POST", UPLOAD), ("POST", COMMIT), ("GET", TEMPLATE))
    for method, url in requests:
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    make_user("Ana")
    log_in(client, "Ana")
    for method, url in requests:
        response = client.open(url, method=method)
        assert response.status_code == 403, url
        assert "This page is for teachers." in response.get_data(as_text=True)
    assert imported() == []


# --- GIFT into drafts ------------------------------------------------------------------------------------


def test_a_gift_file_is_previewed_then_imported_as_drafts(teacher: User, client: FlaskClient) -> None:
    page = upload(client, GIFT).get_data(as_text=True)
    assert "Import 2 drafts" in page
    assert "According to the DPRK publication, what did Stalin propose?" in page
    assert "No support quote yet" in page
    assert imported() == []  # the preview saves nothing
    response = commit(client, page)
    assert response.status_code == 302
    assert response.headers["Location"] == "/teach/questions?origin=imported&status=draft"
    tf, mc = imported()  # by id
    assert mc.question_id == "toast-question" and tf.question_id.startswith("imported-according-to-the-dprk")
    for revision in (mc, tf):
        assert revision.question.status == "draft" and revision.number == 1
        assert (revision.author, revision.reason) == ("Ms Rivera", "imported from Moodle GIFT")
        assert (revision.support_source_id, revision.support_quote, revision.skill) == (
            "dprk",
            "",
            "sourcing",
        )
    assert mc.choices == ["A toast of thanks to Kim Il Sung", "A trade agreement"]
    assert mc.explanation == "The publication presents the toast as gratitude."
    assert tf.answer is True and tf.explanation == ""
    listing = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 drafts imported" in listing and "toast-question" in listing


def test_an_imported_draft_is_not_published_until_its_quote_is_grounded(
    teacher: User, client: FlaskClient
) -> None:
    import_whole(client, GIFT)
    question = db.session.get(Question, "toast-question")
    view = BankView(db.session, SHIPPED_BANK)
    with pytest.raises(editor_services.EditorInvalid) as refused:
        editor_services.set_status(db.session, view, question, "published", "Ms Rivera")
    assert "support: a published question needs a support quote from its source" in str(refused.value)
    assert db.session.get(Question, "toast-question").status == "draft"


def test_unsupported_gift_types_are_listed_and_the_rest_imports(teacher: User, client: FlaskClient) -> None:
    page = upload(client, GIFT + "\nMatch them. {=Kim -> Korea =Mao -> China}\n").get_data(as_text=True)
    assert "Not imported" in page
    assert "line 10: a matching question (answers with -&gt;): not imported" in page
    assert "Import 2 drafts" in page


def test_a_malformed_gift_file_imports_nothing_and_names_the_line(teacher: User, client: FlaskClient) -> None:
    response = upload(client, GIFT + "\nWhich? {=a =b ~c}\n")
    page = response.get_data(as_text=True)
    assert "1 problem to fix first" in page
    assert "line 10: a multiple-choice question needs exactly one right answer (=), has 2" in page
    assert "Import 2 drafts" not in page and 'action="/teach/import/commit"' not in page
    fields = commit_fields(upload(client, GIFT).get_data(as_text=True))
    fields["payload"] = "not base64!"
    damaged = post_multipart(client, COMMIT, fields)
    assert damaged.status_code == 400 and "damaged on the way" in damaged.get_data(as_text=True)
    assert imported() == []


def test_the_apps_own_gift_export_imports_back_under_new_ids(teacher: User, client: FlaskClient) -> None:
    bank, _issues = read_bank(SHIPPED_BANK)
    page = upload(client, export_gift(bank)).get_data(as_text=True)
    assert "id &#39;dprk-intro-which-1&#39; is taken: imported as &#39;dprk-intro-which-1-2&#39;" in page
    assert commit(client, page).status_code == 302
    drafts = imported()
    gift_questions = [q for q in bank.questions if q.status == "published" and q.type != "flashcard"]
    assert len(drafts) == len(gift_questions) and all(d.question_id.endswith("-2") for d in drafts)
    original = db.session.get(Question, "dprk-intro-which-1")
    assert original.status == "published" and original.current_revision_number == 1


# --- CSV into drafts -------------------------------------------------------------------------------------


def csv_text(*rows: str) -> str:
    return "type,prompt,answer,source,quote,explanation\n" + "".join(row + "\n" for row in rows)


STRAIGHT = LOST_NOTHING.replace("’", "'").replace("“", '"').replace("”", '"')
TF_ROW = 'true_false,"According to Weathersby, Stalin dismissed Korean losses.",true,weathersby'


def test_a_csv_quote_with_straight_marks_becomes_the_sources_exact_words(
    teacher: User, client: FlaskClient
) -> None:
    quoted = '"' + STRAIGHT.replace('"', '""') + '"'
    page = upload(client, csv_text(f"{TF_ROW},{quoted},He said so."), "rows.csv").get_data(as_text=True)
    assert "quote marks or dashes differed; replaced by the source&#39;s exact words" in page
    assert "1 of 1 have a support quote found in their source" in page
    assert commit(client, page).status_code == 302
    (revision,) = imported()
    assert revision.support_quote == LOST_NOTHING and revision.support_source_id == "weathersby"
    assert revision.section is not None and revision.reason == "imported from CSV"


def test_a_quote_not_in_the_source_stops_the_whole_csv(teacher: User, client: FlaskClient) -> None:
    text = csv_text(f"{TF_ROW},,", f'{TF_ROW},"Stalin wept for the Koreans.",')
    response = upload(client, text, "rows.csv")
    page = response.get_data(as_text=True)
    assert "row 3: quote: not found verbatim in" in page
    assert 'action="/teach/import/commit"' not in page
    assert commit_fields(page) == {}  # no commit form at all; and a hand-made commit is checked again:
    good = commit_fields(upload(client, csv_text(f"{TF_ROW},,"), "rows.csv").get_data(as_text=True))
    good["payload"] = base64.b64encode(text.encode()).decode()
    refused = post_multipart(client, COMMIT, good)
    assert refused.status_code == 400 and "row 3: quote: not found verbatim" in refused.get_data(as_text=True)
    assert imported() == []


def test_a_csv_row_naming_an_unknown_source_or_pair_is_refused(teacher: User, client: FlaskClient) -> None:
    text = "type,prompt,answer,source,claim_pair\n" + (
        'true_false,"According to X, so.",true,nowhere,\n'
        'true_false,"According to X, so.",true,dprk,no-such-pair\n'
    )
    page = upload(client, text, "rows.csv").get_data(as_text=True)
    assert "row 2: source &#39;nowhere&#39; is not in the bank (known: dprk, weathersby)" in page
    assert "row 3: unknown claim pair &#39;no-such-pair&#39;" in page


def test_nothing_is_saved_when_writing_fails_half_way(
    teacher: User, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = upload(client, GIFT).get_data(as_text=True)
    real = import_services.question_content_of_spec
    calls = []

    def fail_on_the_second(spec):
        calls.append(spec.id)
        if len(calls) == 2:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(spec)

    monkeypatch.setattr(import_services, "question_content_of_spec", fail_on_the_second)
    response = commit(client, page)
    assert response.status_code == 500
    assert "The import failed and nothing was saved" in response.get_data(as_text=True)
    assert len(calls) == 2 and imported() == []
    assert db.session.get(Question, "toast-question") is None


def test_the_template_downloads_and_imports_as_it_is(teacher: User, client: FlaskClient) -> None:
    response = client.get(TEMPLATE)
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith(
        "id,type,prompt,choices,answer,explanation,source,quote,claim_pair,section,skill,tags"
    )
    page = upload(client, text, "counterpoint-questions.csv").get_data(as_text=True)
    assert "Import 3 drafts" in page and "2 of 3 have a support quote found in their source" in page
    assert commit(client, page).status_code == 302 and len(imported()) == 3


# --- bad files -------------------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_with_a_clear_message(teacher: User, client: FlaskClient) -> None:
    just_over = upload(client, b"x" * 1_000_001)
    assert just_over.status_code == 400
    assert (
        "The file is 1,000,001 bytes; an import may be at most 1,000,000 bytes (1 MB)"
        in just_over.get_data(as_text=True)
    )
    far_over = upload(client, b"x" * 1_500_000)
    assert far_over.status_code == 413
    assert "The file is larger than 1 MB; split it into smaller files." in far_over.get_data(as_text=True)
    assert imported() == []


TOO_MANY = "The file holds more than 2,000 questions; an import may hold at most 2,000."


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        ("type,prompt,answer\n" + "".join(f"true_false,C{n}?,true\n" for n in range(40_000)), "rows.csv"),
        ("".join(f"Claim {n}. {{T}}\n\n" for n in range(10_000)), "moodle.gift"),
        ("type,prompt,answer\n" + "".join(f"true_false,C{n}?,true\n" for n in range(2_001)), "rows.csv"),
    ],
)
def test_more_questions_than_one_import_may_hold_are_refused_on_the_form(
    teacher: User, client: FlaskClient, content: str, filename: str
) -> None:
    response = upload(client, content, filename)
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert TOO_MANY in page and 'name="file"' in page  # the upload form again, with the message
    assert imported() == []


def test_an_import_at_the_question_limit_is_previewed_and_a_forged_commit_past_it_refused(
    teacher: User, client: FlaskClient
) -> None:
    rows = "".join(
        f"true_false,According to the DPRK publication claim {n} holds.,true\n" for n in range(2_000)
    )
    at_limit = "type,prompt,answer\n" + rows
    assert "Import 2000 drafts" in upload(client, at_limit, "rows.csv").get_data(as_text=True)
    over = at_limit + "true_false,One more?,true\n"
    fields = {"format": "csv", "source": "dprk", "skill": "sourcing", "filename": "rows.csv"}
    payload = base64.b64encode(over.encode("utf-8")).decode("ascii")
    response = post_multipart(client, COMMIT, {**fields, "payload": payload})
    assert response.status_code == 400 and TOO_MANY in html.unescape(response.get_data(as_text=True))
    assert imported() == []


def test_a_file_that_is_not_utf8_is_refused(teacher: User, client: FlaskClient) -> None:
    text = "type,prompt,answer\ntyped,Où?,Pyongyang\n"
    response = upload(client, text.encode("cp1252"), "rows.csv")
    assert response.status_code == 400
    message = f"The file is not UTF-8 text (byte {text.index('ù')} cannot be read)"
    assert message in response.get_data(as_text=True)


def test_html_and_script_in_a_file_are_shown_as_text(teacher: User, client: FlaskClient) -> None:
    gift = 'According to X, <script>alert("x")</script> is <b>bold</b>. {T####<img src=x onerror=alert(1)>}'
    page = upload(client, gift).get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; is &lt;b&gt;bold&lt;/b&gt;" in page
    assert "<script>alert" not in page and "<b>bold" not in page
    assert commit(client, page).status_code == 302
    (revision,) = imported()
    assert revision.prompt == 'According to X, <script>alert("x")</script> is <b>bold</b>.'
    shown = client.get(f"/teach/questions/{revision.question_id}").get_data(as_text=True)
    assert "&lt;script&gt;" in shown and "<script>alert" not in shown and "<img src=x" not in shown


def test_an_empty_upload_says_to_choose_a_file(teacher: User, client: FlaskClient) -> None:
    response = client.post(
        UPLOAD, data={"source": "dprk", "skill": "sourcing"}, content_type="multipart/form-data"
    )
    assert response.status_code == 400 and "Choose a file to import." in response.get_data(as_text=True)


@pytest.mark.csrf
def test_import_posts_without_a_token_are_refused(classroom: Classroom, client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"username": "Ms Rivera", "password": PASSWORD, "csrf_token": token})
    assert upload(client, GIFT).status_code == 400
    preview = post_multipart(
        client,
        UPLOAD,
        {"file": FileStorage(io.BytesIO(GIFT.encode()), "a.gift"), "format": "auto", "source": "dprk",
         "skill": "sourcing", "csrf_token": token},
    )  # fmt: skip
    fields = commit_fields(preview.get_data(as_text=True))
    assert fields.pop("csrf_token")
    assert post_multipart(client, COMMIT, fields).status_code == 400
    assert imported() == []


# --- drafts on disk --------------------------------------------------------------------------------------


def test_imported_drafts_dump_check_and_load_back_unchanged(
    teacher: User, client: FlaskClient, tmp_path: Path
) -> None:
    import_whole(client, GIFT)
    target = tmp_path / "dumped"
    dump_bank(db.session, target, SHIPPED_BANK)
    written = (target / "questions" / "dprk.yaml").read_text(encoding="utf-8")
    assert "- id: toast-question" in written and 'support: {source: dprk, quote: ""}' in written
    report = load_bank(db.session, target)  # dump and load both run `bank check` and refuse on any error
    assert report.questions == {"created": 0, "revised": 0, "retired": 0}


DRAFT_ON_DISK = """\
questions:
  - id: imported-toast
    type: true_false
    prompt: According to the DPRK publication, Stalin thanked Kim Il Sung.
    answer: true
    support: {source: dprk, quote: ""}
    skill: sourcing
    origin: imported
    status: draft
"""


def test_on_disk_a_draft_may_wait_for_its_quote_and_explanation_but_a_published_one_may_not(
    tmp_path: Path,
) -> None:
    root = write_bank(tmp_path / "bank", questions=DRAFT_ON_DISK)
    bank, issues = read_bank(root)
    assert errors_in(issues + validate_bank(bank)) == []
    assert bank.questions[-1].support.quote == "" and bank.questions[-1].explanation == ""
    (root / "questions" / "questions.yaml").write_text(
        DRAFT_ON_DISK.replace("status: draft", "status: published"), encoding="utf-8"
    )
    bank, issues = read_bank(root)
    problems = [str(issue) for issue in errors_in(issues + validate_bank(bank))]
    assert "questions/questions.yaml: imported-toast: missing 'explanation'" in problems
    assert (
        "questions/questions.yaml: imported-toast: 'support' needs a source id and non-empty quote text"
        in problems
    )
