"""A learner's quiz cycle as four requests, and a counter of the SQL statements each one runs.

Shared by the in-process benchmark (``bench_cycle``) and the test that pins the statement counts.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from app import driver_statements
from app.extensions import db

CYCLE_STEPS = ("next", "question", "answer", "feedback")


@dataclass
class StatementCounter:
    """Counts the statements sent to the database while it is listening, through SQLAlchemy or not."""

    count: int = 0
    statements: list[str] = field(default_factory=list)

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.count += 1
        self.statements.append(statement)

    def driver_statement(self, statement: str, _connection: object) -> None:
        """The same, for a statement sent to the driver directly (``app.driver_statements``)."""
        self(None, None, statement, None, None, False)


@contextmanager
def counting_statements(app: Flask) -> Iterator[StatementCounter]:
    """Every statement the app's engine runs inside the block is counted."""
    counter = StatementCounter()
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", counter)
    driver_statements.listen(counter.driver_statement)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", counter)
        driver_statements.remove(counter.driver_statement)


# The feedback page's "Next question" button within a quiz session.
SESSION_NEXT = re.compile(r'action="(/quiz/session/\d+/next)"')


class LearnerCycle:
    """Walks a logged-in test client through the cycle one request at a time; the answer is always "0".

    "next" presses the feedback page's "Next question" within the quiz session, or, at the start and after
    a session's last question, starts a new session of the default size (POST /quiz/next).
    """

    def __init__(self, client: FlaskClient):
        self.client = client
        self.question = self.feedback = self.session_next = ""

    def step(self, name: str) -> int:
        """Makes the request of step ``name``; returns its status."""
        if name == "next":
            response = self.client.post(self.session_next or "/quiz/next", data={})
            self.question = response.headers.get("Location", "")
        elif name == "question":
            response = self.client.get(self.question)
        elif name == "answer":
            response = self.client.post(self.question, data={"response": "0"})
            self.feedback = response.headers.get("Location", "")
        else:
            response = self.client.get(self.feedback)
            found = SESSION_NEXT.search(response.get_data(as_text=True))
            self.session_next = found.group(1) if found else ""
        return response.status_code
