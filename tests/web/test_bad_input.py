"""No 500 from bad input: numbers in a URL or a query string that no row can have are refused, not crashed on.

Every id and revision number is an integer column; SQLite cannot even compare one with a number beyond
2**63 - 1, and PostgreSQL's columns stop at 2**31 - 1. The walk reads the routes from the app's URL map, so
a route added later is tried too: every ``<int:...>`` slot gets huge, negative and non-numeric values (the
other slots name real rows, so the number is what gets looked up), as every kind of visitor.
"""

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import User
from app.auth.services import create_classroom, enroll
from app.bank.models import ClaimPair, Question
from app.config import PROJECT_ROOT
from app.converters import MAX_ID, whole_number, whole_number_or
from app.extensions import db
from tests.conftest import log_in

BAD_NUMBERS = (
    str(2**31),  # beyond a PostgreSQL integer
    str(2**63),  # beyond a SQLite integer
    str(2**64),
    "9" * 40,
    "-1",
    "abc",
    "1e3",
)
SLOT = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
ROLES = ("anonymous", "guest", "learner", "teacher")
# Query-string numbers, by route: each is read with the app's bounded reader.
QUERY_NUMBERS = {
    "teacher_claims.compare_revisions": ("from", "to"),
    "teacher_bank.compare": ("a", "b"),
    "teacher_bank.questions": ("page",),
    "teacher_bank.picker": ("start", "before"),
}


def _real_values(app: Flask, classroom_id: int, learner_id: int) -> dict[str, str]:
    """A real row for every named slot, so that a bad number is the only thing wrong with a URL."""
    with app.app_context():
        pair_id = db.session.scalars(select(ClaimPair.id).order_by(ClaimPair.id)).first()
        question_id = db.session.scalars(select(Question.id).order_by(Question.id)).first()
    return {
        "classroom_id": str(classroom_id),
        "user_id": str(learner_id),
        "pair_id": str(pair_id),
        "question_id": str(question_id),
        "number": "1",
        "source_id": "dprk",
    }


def _fill(rule: str, values: dict[str, str], bad_slot: str, bad: str) -> str:
    def value(match: re.Match[str]) -> str:
        return bad if match["name"] == bad_slot else values.get(match["name"], "x")

    return SLOT.sub(value, rule)


def bad_number_requests(app: Flask, values: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(method, URL, endpoint) for every method of every rule with a number slot, each slot made bad."""
    for rule in app.url_map.iter_rules():
        slots = [m["name"] for m in SLOT.finditer(rule.rule) if m["converter"] == "int"]
        for slot in slots:
            for bad in BAD_NUMBERS:
                url = _fill(rule.rule, values, slot, bad)
                for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                    yield method, url, rule.endpoint


@pytest.fixture
def class_values(loaded_app: Flask, make_user: Callable[..., User]) -> dict[str, str]:
    """A class with a teacher and a learner: the real values for every slot but the bad one.

    A server error becomes a 500 answer rather than an exception in the test, as it would in production.
    """
    loaded_app.config["PROPAGATE_EXCEPTIONS"] = False
    teacher = make_user("Ms Rivera", role="teacher")
    learner = make_user("Ana")
    room = create_classroom(db.session, "History 10B", teacher)
    enroll(db.session, learner, room)
    db.session.commit()
    return _real_values(loaded_app, room.id, learner.id)


def _visitor(client: FlaskClient, role: str) -> FlaskClient:
    """The test's client as ``role``: one role per test, as the logged-in user is kept for the test."""
    if role == "guest":
        assert client.post("/guest").status_code == 302
    elif role == "learner":
        log_in(client, "Ana")
    elif role == "teacher":
        log_in(client, "Ms Rivera")
    return client


def test_the_walk_finds_every_number_slot(app: Flask) -> None:
    walked = {endpoint for _, _, endpoint in bad_number_requests(app, {})}
    assert len(walked) >= 12  # classes, their teachers and learners, and question and pair revisions
    assert {"teacher.classroom", "teacher_claims.revision", "teacher_bank.restore"} <= walked


@pytest.mark.parametrize("role", ROLES)
def test_bad_numbers_in_a_url_never_give_a_500(
    loaded_app: Flask, client: FlaskClient, class_values: dict[str, str], role: str
) -> None:
    client, values = _visitor(client, role), class_values
    failures = []
    for method, url, endpoint in bad_number_requests(loaded_app, values):
        status = client.open(url, method=method).status_code
        # A teacher passes the guard, so the number itself is refused: not found (or, when the same path
        # has a rule for another method, werkzeug's "method not allowed"); nothing is looked up.
        if status >= 500 or (role == "teacher" and status not in (404, 405)):
            failures.append(f"{method} {url} ({endpoint}): {status}")
    assert not failures, f"as {role}:\n" + "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_bad_numbers_in_a_query_string_never_give_a_500(
    loaded_app: Flask, client: FlaskClient, class_values: dict[str, str], role: str
) -> None:
    client, values = _visitor(client, role), class_values
    rules = {rule.endpoint: rule.rule for rule in loaded_app.url_map.iter_rules()}
    failures = []
    for endpoint, names in QUERY_NUMBERS.items():
        path = _fill(rules[endpoint], values, "", "")
        for name in names:
            for bad in BAD_NUMBERS:
                status = client.get(path, query_string={name: bad}).status_code
                if status >= 500:
                    failures.append(f"GET {path}?{name}={bad} ({endpoint}): {status}")
    assert not failures, f"as {role}:\n" + "\n".join(failures)


def test_a_claim_pair_comparison_with_a_huge_revision_number_is_not_found(
    client: FlaskClient, class_values: dict[str, str]
) -> None:
    teacher = _visitor(client, "teacher")
    path = f"/teach/claims/{class_values['pair_id']}/compare"
    for bad in BAD_NUMBERS:
        assert teacher.get(path, query_string={"from": "1", "to": bad}).status_code == 404


def test_query_string_numbers_are_read_with_the_bounded_reader() -> None:
    """Flask's ``type=int`` takes any size of number; the app reads them with ``whole_number`` instead."""
    offenders = [
        f"{path.relative_to(PROJECT_ROOT)}:{number}"
        for path in sorted(Path(PROJECT_ROOT, "app").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"type\s*=\s*int\b", line)
    ]
    assert not offenders


NOT_WHOLE_NUMBERS = ("", "-1", "+1", " 1", "1.0", "²", "١", str(MAX_ID + 1), str(2**63), "9" * 5000)


@pytest.mark.parametrize("text", NOT_WHOLE_NUMBERS)
def test_whole_number_refuses_what_no_row_can_have(text: str) -> None:
    with pytest.raises(ValueError):
        whole_number(text)
    assert whole_number_or(text, -1) == -1


def test_whole_number_reads_plain_digits_up_to_the_bound() -> None:
    assert [whole_number(text) for text in ("0", "7", "007", str(MAX_ID))] == [0, 7, 7, MAX_ID]


@pytest.mark.parametrize("correct", ["abc", "-1", str(2**64), "9" * 5000])
def test_a_malformed_right_choice_in_the_editor_is_a_form_error(
    client: FlaskClient, class_values: dict[str, str], correct: str
) -> None:
    teacher = _visitor(client, "teacher")
    response = teacher.post(
        "/teach/questions/new?type=multiple_choice",
        data={"choices-0": "One", "choices-1": "Two", "correct": correct, "prompt": "Which?"},
    )
    assert response.status_code == 400
