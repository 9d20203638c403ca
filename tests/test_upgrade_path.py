"""``flask db upgrade`` brings a database made by the first release to today's schema, losing nothing.

The rows are written with plain inserts into the tables as each old revision had them (not through
today's models), then the real upgrade command runs. On SQLite and, when the suite runs there, PostgreSQL.
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade
from werkzeug.security import generate_password_hash

from app import create_app
from app.auth.services import create_user
from app.extensions import db
from tests.conftest import LOST_NOTHING, PASSWORD, TOAST, _release, _test_config, log_in
from tests.databases import PostgresServer, SqliteFiles

FIRST = "1f7cf6edaaa2"  # sources, passages, claim pairs, questions and revisions
ACCOUNTS = "9f8bd6972d2d"  # users, classes, presentations, attempts, review log
WHEN = datetime(2026, 9, 1, 8, 30, tzinfo=UTC)


KINDS = {
    "text": sa.Text(),
    "int": sa.Integer(),
    "json": sa.JSON(),
    "time": sa.DateTime(timezone=True),
    "bool": sa.Boolean(),
}


def table(name: str, columns: str) -> sa.TableClause:
    """A table as an old revision had it: ``"id:int title"`` is an integer ``id`` and a text ``title``."""
    pairs = (column.partition(":") for column in columns.split())
    return sa.table(name, *(sa.column(column, KINDS[kind or "text"]) for column, _, kind in pairs))


# The first revision's tables, as that migration created them.
SOURCE = table(
    "source", "id file title author short_name kind date citation about sha256 layout position:int"
)
PASSAGE = table("passage", "id source_id ordinal:int heading text start:int end:int")
SENTENCE = table("sentence", "passage_id ordinal:int start:int end:int")
FOOTNOTE = table("footnote", "source_id number:int text passage_id")
CLAIM_PAIR = table(
    "claim_pair", "id a_source_id a_quote b_source_id b_quote relation rationale topic status updated_at:time"
)
QUESTION = table("question", "id status current_revision_number:int created_at:time updated_at:time")
QUESTION_REVISION = table(
    "question_revision",
    "id:int question_id number:int type prompt choices:json answer:json accepted_answers:json"
    " explanation support_source_id support_quote claim_pair_id section skill tags:json origin author reason"
    " created_at:time",
)
# The accounts revision's tables.
USER = table("user", "id:int username username_key password_hash role created_at:time")
CLASSROOM = table("classroom", "id:int name join_code teacher_id:int created_at:time")
ENROLLMENT = table("enrollment", "classroom_id:int user_id:int joined_at:time")
PRESENTATION = table(
    "presentation",
    "id:int token user_id:int revision_id:int choice_order:json mode filters:json created_at:time",
)
ATTEMPT = table(
    "attempt",
    "presentation_id:int user_id:int question_id revision_id:int response correct:bool error_kind"
    " time_taken_ms:int created_at:time",
)
REVIEW_LOG = table(
    "review_log",
    "presentation_id:int user_id:int question_id revision_id:int rating:int reviewed_at:time duration_ms:int",
)

TOAST_PARAGRAPH = f"At the banquet Stalin rose. “{TOAST}” The hall applauded."
PAPER_PARAGRAPH = f"In the talks of August 1952, Stalin {LOST_NOTHING} The war went on."


def insert(connection: sa.Connection, table: sa.TableClause, **values: object) -> int:
    """Insert a row and return the id the database gave it, as the old release let the database number it."""
    return connection.execute(sa.insert(table).values(**values).returning(table.c.id)).scalar_one()


def first_release_rows(connection: sa.Connection) -> dict[str, int]:
    """What a school had after loading a bank with the first release: two sources and two questions."""
    for position, (source_id, title) in enumerate([("dprk", "State text"), ("weathersby", "The paper")]):
        connection.execute(
            sa.insert(SOURCE).values(
                id=source_id,
                file=f"{source_id}.txt",
                title=title,
                author="An author",
                short_name=title,
                kind="text",
                date="1952",
                citation=f"{title}, 1952.",
                about="Who wrote it, and why.",
                sha256="0" * 64,
                layout="prose",
                position=position,
            )
        )
    for source_id, text in [("dprk", TOAST_PARAGRAPH), ("weathersby", PAPER_PARAGRAPH)]:
        passage = f"{source_id}-p001"
        connection.execute(
            sa.insert(PASSAGE).values(
                id=passage,
                source_id=source_id,
                ordinal=1,
                heading="Stalin’s Toast",
                text=text,
                start=0,
                end=len(text),
            )
        )
        connection.execute(sa.insert(SENTENCE).values(passage_id=passage, ordinal=1, start=0, end=len(text)))
    connection.execute(
        sa.insert(FOOTNOTE).values(
            source_id="weathersby", number=1, text="Archive, fond 45.", passage_id="weathersby-p001"
        )
    )
    connection.execute(
        sa.insert(CLAIM_PAIR).values(
            id="stalin-sacrifice",
            a_source_id="dprk",
            a_quote=TOAST,
            b_source_id="weathersby",
            b_quote=LOST_NOTHING,
            relation="contradicts",
            rationale="Opposite pictures of Stalin's regard.",
            topic="Stalin and Korean losses",
            status="published",
            updated_at=WHEN,
        )
    )
    revisions = [
        (
            "toast-tf",
            "true_false",
            "According to the DPRK publication, Stalin proposed a toast to Kim Il Sung.",
            None,
            True,
            [],
            "dprk",
            TOAST,
        ),
        (
            "lost-nothing-cloze",
            "cloze",
            'According to Weathersby, Stalin said the Koreans "have lost nothing, except ____."',
            None,
            "people",
            ["people", "their people"],
            "weathersby",
            LOST_NOTHING,
        ),
    ]
    revision_ids = {}
    for question_id, kind, prompt, choices, answer, accepted, source_id, quote in revisions:
        connection.execute(
            sa.insert(QUESTION).values(
                id=question_id,
                status="published",
                current_revision_number=1,
                created_at=WHEN,
                updated_at=WHEN,
            )
        )
        revision_ids[question_id] = insert(
            connection,
            QUESTION_REVISION,
            question_id=question_id,
            number=1,
            type=kind,
            prompt=prompt,
            choices=choices,
            answer=answer,
            accepted_answers=accepted,
            explanation="The passage says so.",
            support_source_id=source_id,
            support_quote=quote,
            claim_pair_id="stalin-sacrifice",
            section="Stalin’s Toast",
            skill="close_reading",
            tags=["stalin", "1952"],
            origin="authored",
            author="bank load",
            reason="first load",
            created_at=WHEN,
        )
    return revision_ids


def accounts_rows(connection: sa.Connection, revision_ids: dict[str, int]) -> None:
    """A class using the second release: a teacher, a learner, one answered and one open question."""
    hashed = generate_password_hash(PASSWORD)
    people = {
        name: insert(
            connection, USER, username=name, username_key=name.casefold(), password_hash=hashed, role=role,
            created_at=WHEN,
        )
        for name, role in [("Ms Rivera", "teacher"), ("Ana", "learner")]
    }  # fmt: skip
    room = insert(
        connection, CLASSROOM, name="History 10B", join_code="JOINME42", teacher_id=people["Ms Rivera"],
        created_at=WHEN,
    )  # fmt: skip
    connection.execute(sa.insert(ENROLLMENT).values(classroom_id=room, user_id=people["Ana"], joined_at=WHEN))
    toast, cloze = revision_ids["toast-tf"], revision_ids["lost-nothing-cloze"]
    shown = {
        token: insert(
            connection, PRESENTATION, token=token, user_id=people["Ana"], revision_id=revision, mode=mode,
            choice_order=order, filters=filters, created_at=WHEN,
        )
        for token, revision, mode, order, filters in [
            ("answered-token", cloze, "quiz", None, {}),
            ("open-token", toast, "quiz", ["true", "false"], {"type": "true_false"}),
            ("card-token", cloze, "card", None, {}),
        ]
    }  # fmt: skip
    connection.execute(
        sa.insert(ATTEMPT).values(
            presentation_id=shown["answered-token"], user_id=people["Ana"], question_id="lost-nothing-cloze",
            revision_id=cloze, response="People", correct=True, error_kind=None, time_taken_ms=8300,
            created_at=WHEN,
        )
    )  # fmt: skip
    connection.execute(
        sa.insert(REVIEW_LOG).values(
            presentation_id=shown["card-token"], user_id=people["Ana"], question_id="lost-nothing-cloze",
            revision_id=cloze, rating=3, reviewed_at=WHEN, duration_ms=4100,
        )
    )  # fmt: skip


ROWS_WRITTEN = {
    "source": 2,
    "passage": 2,
    "sentence": 2,
    "footnote": 1,
    "claim_pair": 1,
    "question": 2,
    "question_revision": 2,
    "user": 2,
    "classroom": 1,
    "enrollment": 1,
    "presentation": 3,
    "attempt": 1,
    "review_log": 1,
}


@pytest.fixture
def old_app(tmp_path: Path, test_databases: SqliteFiles | PostgresServer) -> Iterator[Flask]:
    """An app on a brand-new, empty database (no migration run yet)."""
    url = test_databases.test_url(tmp_path)
    test_databases.create(url)
    old = create_app(_test_config(url, csrf=False))
    old.instance_path = str(tmp_path / "instance")
    with old.app_context():
        yield old
    _release(old)
    test_databases.drop(url)


def row_counts() -> dict[str, int]:
    preparer = db.engine.dialect.identifier_preparer
    with db.engine.connect() as connection:
        return {
            name: connection.execute(sa.text(f"SELECT count(*) FROM {preparer.quote(name)}")).scalar_one()
            for name in ROWS_WRITTEN
        }


def test_a_first_release_database_upgrades_with_every_row_and_works(old_app: Flask) -> None:
    upgrade(revision=FIRST)
    with db.engine.begin() as connection:
        revision_ids = first_release_rows(connection)
    upgrade(revision=ACCOUNTS)
    with db.engine.begin() as connection:
        accounts_rows(connection, revision_ids)

    result = old_app.test_cli_runner().invoke(args=["db", "upgrade"])

    assert result.exit_code == 0, result.output
    assert row_counts() == ROWS_WRITTEN
    assert old_app.test_cli_runner().invoke(args=["db", "check"]).exit_code == 0  # schema now equals models
    with db.engine.connect() as connection:
        revision = connection.execute(
            sa.select(QUESTION_REVISION).where(QUESTION_REVISION.c.id == revision_ids["lost-nothing-cloze"])
        ).one()
        history = connection.execute(
            sa.text("SELECT claim_pair_id, number, b_quote FROM claim_pair_revision")
        ).all()
        attempt = connection.execute(sa.select(ATTEMPT)).one()
    assert (revision.answer, revision.accepted_answers, revision.tags) == (
        "people",
        ["people", "their people"],
        ["stalin", "1952"],
    )
    assert revision.created_at.replace(tzinfo=revision.created_at.tzinfo or UTC) == WHEN
    assert history == [("stalin-sacrifice", 1, LOST_NOTHING)]  # the pair's history begins with what existed
    assert (attempt.correct, attempt.response, attempt.time_taken_ms) == (True, "People", 8300)

    client = old_app.test_client()
    log_in(client, "Ana")
    question = client.get("/quiz/q/open-token").get_data(as_text=True)
    assert "Stalin proposed a toast to Kim Il Sung" in question
    feedback = client.get("/quiz/q/answered-token/feedback").get_data(as_text=True)
    assert "have lost nothing, except people" in feedback
    assert "I propose to extend heartfelt thanks" in feedback  # the contrasting claim, from the other source
    assert client.get("/progress").status_code == 200
    # New rows after the upgrade get fresh ids next to the old ones.
    answered = client.post("/quiz/q/open-token", data={"response": "0"})
    assert answered.status_code == 302
    assert "✓ Right" in client.get(answered.headers["Location"]).get_data(as_text=True)
    create_user(db.session, "Ben", PASSWORD, "learner")
    db.session.commit()
    assert row_counts()["attempt"] == 2 and row_counts()["user"] == 3
