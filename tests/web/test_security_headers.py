"""Security headers on every response, and pages the Content-Security-Policy can hold to.

The policy allows scripts and styles from the app's own files only, so no page may carry an inline
``<script>``, an ``on*=`` handler, a ``<style>`` block or a ``style=`` attribute. Every GET page of the app
is rendered for a role that may see it, with arguments that exist, and its HTML is checked; a new page
without an entry in ``pages_by_endpoint`` fails the walk until someone adds it.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from app.auth.models import Classroom, User
from app.auth.services import create_user, enroll
from app.bank.formats.registry import EXPORT_FORMATS
from app.bank.models import ClaimPair, Question
from app.bank.types import labels, quiz_types
from app.extensions import db
from app.learner import quiz, sessions
from app.learner.quiz import QuizFilters
from app.serving import CONTENT_SECURITY_POLICY
from app.teacher.classes.assignments import create_assignment
from tests.conftest import PASSWORD, log_in
from tests.learner.test_quiz import show
from tests.teacher.test_claim_map_edit import edit_form
from tests.teacher.test_editor_history import form_of

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"
PAIR = "d2-cost-of-blood-vs-lost-nothing"
QID = "dprk-intro-mc-1"
EXPECTED_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@dataclass
class InlineCode(HTMLParser):
    """What the policy would block in a page: inline scripts, handlers, style blocks and style attributes."""

    found: list[str] = field(default_factory=list)
    _script_line: int | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        names = {name.lower(): value for name, value in attrs}
        if tag == "script":
            if "src" not in names:
                self._script_line = line
            if (names.get("type") or "").lower() not in {"", "text/javascript", "module"}:
                self.found.append(f"line {line}: <script type={names['type']!r}>")
        if tag == "style":
            self.found.append(f"line {line}: <style>")
        for name, value in names.items():
            if name.startswith("on"):
                self.found.append(f"line {line}: <{tag} {name}=…>")
            elif name == "style":
                self.found.append(f"line {line}: <{tag} style={value!r}>")
            elif name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"line {line}: <{tag} {name}=javascript:…>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script_line = None

    def handle_data(self, data: str) -> None:
        if self._script_line is not None and data.strip():
            self.found.append(f"line {self._script_line}: inline <script> with code")
            self._script_line = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_line = None


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_checker_finds_what_the_policy_blocks() -> None:
    page = """<p style="color: red" onclick="go()">x</p><style>p {}</style>
<script>alert(1)</script><script src="/static/a.js"></script><a href="javascript:go()">y</a>"""
    found = inline_code(page)
    assert [entry.split(": ", 1)[1] for entry in found] == [
        "<p style='color: red'>",
        "<p onclick=…>",
        "<style>",
        "inline <script> with code",
        "<a href=javascript:…>",
    ]
    assert inline_code('<script src="/static/a.js" defer></script><svg><rect width="3"/></svg>') == []


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_no_template_has_inline_script_or_style(template: Path) -> None:
    """Also the templates the walk cannot reach (a throttled guest, an import preview)."""
    assert inline_code(template.read_text(encoding="utf-8")) == []


# --- every page, rendered ---------------------------------------------------------------------------------


@dataclass
class People:
    """A classroom with a learner who has answered questions, and a teacher who has edited the bank."""

    classroom: Classroom
    teacher: User
    learner: User
    visitor: FlaskClient
    guest_client: FlaskClient
    learner_client: FlaskClient
    teacher_client: FlaskClient
    tokens: dict[str, tuple[str, str]]  # quiz type: (a question's token, an answered question's token)
    quiz_session_id: int  # a quiz session Ana has started
    assignment_id: int  # an assignment of Ana's class


@pytest.fixture(autouse=True)
def each_request_loads_its_own_user(app: Flask) -> None:
    """Several clients are several people: forget the user pytest-flask's long app context cached."""

    @app.before_request
    def forget_cached_user() -> None:
        g.pop("_login_user", None)


@pytest.fixture
def people(classroom: Classroom, loaded_app: Flask) -> People:
    learner = create_user(db.session, "Ana", PASSWORD, "learner")
    enroll(db.session, learner, classroom)
    db.session.commit()
    tokens = {}
    for kind in quiz_types():
        question = next(
            q
            for q in db.session.scalars(
                select(Question).where(Question.status == "published").order_by(Question.id)
            )
            if q.current_revision.type == kind
        )
        unanswered = show(learner, question.id, seed=1).token
        answered = show(learner, question.id, seed=2)
        choice = "0" if answered.choice_order is not None else "an answer"
        quiz.submit_answer(db.session, learner, answered.token, choice)
        db.session.commit()
        tokens[kind] = (unanswered, answered.token)
    quiz_session_id = sessions.start_session(db.session, learner, random.Random(3), size=5).quiz_session_id
    assignment = create_assignment(
        db.session, classroom, classroom.teacher, "Read closely", QuizFilters(), [], 3, rng=random.Random(4)
    )
    db.session.commit()

    clients = [loaded_app.test_client() for _ in range(4)]
    visitor, guest_client, learner_client, teacher_client = clients
    assert guest_client.post("/guest").status_code == 302
    log_in(learner_client, "Ana")
    log_in(teacher_client, "Ms Rivera")
    # A second revision of a question and of a claim pair, so that the compare pages show a difference.
    question = db.session.get(Question, QID)
    edited = form_of(
        question.current_revision, prompt="Which claim opens the DPRK publication?", reason="shorter"
    )
    assert teacher_client.post(f"/teach/questions/{QID}/edit", data=edited).status_code == 302
    pair = db.session.get(ClaimPair, PAIR)
    changed = edit_form(pair, rationale=pair.rationale + " Both speak of losses.", reason="clearer")
    assert teacher_client.post(f"/teach/claims/{PAIR}/edit", data=changed).status_code == 302
    return People(
        classroom,
        classroom.teacher,
        learner,
        visitor,
        guest_client,
        learner_client,
        teacher_client,
        tokens,
        quiz_session_id,
        assignment.id,
    )


def pages_by_endpoint(p: People) -> dict[str, list[tuple[FlaskClient, str]]]:
    """Every GET endpoint: who asks for which paths. Each path must answer 200."""
    room, ana, teacher = p.classroom.id, p.learner.id, p.teacher.id
    visitor, guest, learner, teach = p.visitor, p.guest_client, p.learner_client, p.teacher_client
    tokens = p.tokens.values()
    return {
        "main.home": [(visitor, "/"), (learner, "/"), (teach, "/")],
        "health.healthz": [(visitor, "/healthz")],
        "static": [(visitor, "/static/counterpoint.css"), (visitor, "/static/editor.js")],
        "auth.login": [(visitor, "/login")],
        "auth.join": [(visitor, "/join"), (learner, "/join")],
        "auth.keep_progress": [(guest, "/account/keep")],
        "auth.change_password": [(learner, "/account/password"), (teach, "/account/password")],
        "learner.meet": [(visitor, "/meet")],
        "sources.read": [(visitor, "/sources/dprk"), (learner, "/sources/weathersby")],
        "sources.compare": [(visitor, "/read"), (learner, f"/read?pair={PAIR}")],
        "learner.dashboard": [(learner, "/study"), (guest, "/study")],
        "learner.quiz_start": [(learner, "/quiz"), (guest, "/quiz")],
        "learner.question": [(learner, f"/quiz/q/{unanswered}") for unanswered, _ in tokens],
        "learner.feedback": [(learner, f"/quiz/q/{answered}/feedback") for _, answered in tokens],
        "learner.session_summary": [(learner, f"/quiz/session/{p.quiz_session_id}")],
        "learner.cards": [(learner, "/cards")],
        "learner.card_review": [(learner, "/cards/review")],
        "learner.progress": [(learner, "/progress"), (guest, "/progress")],
        "teacher.dashboard": [(teach, "/teach/")],
        "teacher.classroom": [(teach, f"/teach/classes/{room}")],
        "teacher.confirm_rotate_code": [(teach, f"/teach/classes/{room}/code")],
        "teacher.items": [(teach, f"/teach/classes/{room}/items")],
        "teacher.new_assignment": [(teach, f"/teach/classes/{room}/assignments/new")],
        "teacher.assignment": [(teach, f"/teach/classes/{room}/assignments/{p.assignment_id}")],
        "teacher.learner": [(teach, f"/teach/classes/{room}/learners/{ana}")],
        "teacher.reset_password": [(teach, f"/teach/classes/{room}/learners/{ana}/password")],
        "teacher.remove_learner": [(teach, f"/teach/classes/{room}/learners/{ana}/remove")],
        "teacher.remove_teacher": [(teach, f"/teach/classes/{room}/teachers/{teacher}/remove")],
        "teacher.progress_csv": [(teach, f"/teach/classes/{room}/progress.csv")],
        "teacher_bank.questions": [(teach, "/teach/questions")],
        "teacher_bank.preview": [
            (teach, f"/teach/questions/{QID}"),
            (teach, f"/teach/questions/{QID}/revisions/1"),
        ],
        "teacher_bank.history": [(teach, f"/teach/questions/{QID}/revisions")],
        "teacher_bank.compare": [(teach, f"/teach/questions/{QID}/compare")],
        "teacher_bank.edit_question": [(teach, f"/teach/questions/{QID}/edit")],
        "teacher_bank.new_question": [(teach, "/teach/questions/new")]
        + [(teach, f"/teach/questions/new?type={kind}") for kind in labels()],
        "teacher_bank.picker": [
            (teach, "/teach/picker/dprk"),
            (teach, "/teach/picker/dprk?start=10&find=Stalin"),
        ],
        "teacher_imports.upload_form": [(teach, "/teach/import")],
        "teacher_imports.template": [(teach, "/teach/import/template.csv")],
        "teacher_exports.index": [(teach, "/teach/exports")],
        "teacher_exports.download": [(teach, f"/teach/exports/{fmt}") for fmt in EXPORT_FORMATS],
        "teacher_sources.index": [(teach, "/teach/sources")],
        "teacher_sources.show": [(teach, "/teach/sources/dprk")],
        "teacher_sources.new": [(teach, "/teach/sources/new")],
        "teacher_sources.drafts": [(teach, "/teach/sources/drafts/dprk/weathersby")],
        "teacher_claims.pairs": [(teach, "/teach/claims")],
        "teacher_claims.pair": [(teach, f"/teach/claims/{PAIR}")],
        "teacher_claims.edit_pair": [(teach, f"/teach/claims/{PAIR}/edit")],
        "teacher_claims.new_pair": [(teach, "/teach/claims/new")],
        "teacher_claims.revision": [(teach, f"/teach/claims/{PAIR}/revisions/1")],
        "teacher_claims.compare_revisions": [(teach, f"/teach/claims/{PAIR}/compare?from=1&to=2")],
        "teacher_claims.suggest": [
            (teach, "/teach/claims/suggest"),
            (teach, "/teach/claims/suggest?quote=Stalin"),
        ],
    }


# Pages that exist only before any teacher does: checked by test_the_first_visit_and_error_pages_too.
BEFORE_SETUP = {"auth.setup"}


def problems_with(response: TestResponse) -> Iterator[str]:
    for name, value in EXPECTED_HEADERS.items():
        if response.headers.get(name) != value:
            yield f"{name} is {response.headers.get(name)!r}"
    if response.mimetype == "text/html":
        yield from inline_code(response.get_data(as_text=True))


def test_every_page_carries_the_headers_and_no_inline_code(app: Flask, people: People) -> None:
    pages = pages_by_endpoint(people)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    assert sorted(endpoints - pages.keys() - BEFORE_SETUP) == [], "add these pages to pages_by_endpoint"
    assert sorted(pages.keys() - endpoints) == [], "pages_by_endpoint names endpoints that are gone"
    found = []
    for client, path in (page for listed in pages.values() for page in listed):
        with client.get(path) as response:
            if response.status_code != 200:
                found.append(f"{path}: status {response.status_code}")
            found.extend(f"{path}: {problem}" for problem in problems_with(response))
    assert found == []


def test_the_first_visit_and_error_pages_too(loaded_app: Flask, client: FlaskClient) -> None:
    """Before any teacher exists: the setup page; then a 404, a stranger sent to log in, a refused POST."""
    for path, status in (("/", 200), ("/setup", 200), ("/sources/nope", 404), ("/study", 302)):
        with client.get(path) as response:
            assert response.status_code == status, path
            assert list(problems_with(response)) == [], path
    with client.post("/logout") as response:
        assert list(problems_with(response)) == []


def test_both_cookies_are_same_site_lax(client: FlaskClient, learner: User) -> None:
    """Logging in sets the session cookie and Flask-Login's remember-me cookie."""
    client.post("/logout")
    response = client.post("/login", data={"username": "Ana", "password": PASSWORD})
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert set(cookies) >= {"session", "remember_token"}
    for name in ("session", "remember_token"):
        assert "SameSite=Lax" in cookies[name], cookies[name]
