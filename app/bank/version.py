"""The bank's version number: one row that every change to the bank moves on, so that each server process
may keep what it derived from the bank (which sources learners see, the quiz pool) until the number moves.

Every ORM flush that adds, changes or deletes a bank row (questions, claim pairs, their revisions, sources,
passages, footnotes) bumps the number in the same transaction, whichever path wrote it: ``bank load``, the
teacher's editors, imports, uploads. The number lives in the database, so all workers see the same one.
"""

import threading
from collections.abc import Callable
from itertools import chain
from typing import Any, TypeVar

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Mapped, Session, SessionTransaction, mapped_column

from app.bank.models import ClaimPair, ClaimPairRevision, Question, QuestionRevision
from app.extensions import db
from app.sources.models import Footnote, Passage, Source

THE_ROW = 1
BANK_ROWS = (Question, QuestionRevision, ClaimPair, ClaimPairRevision, Source, Passage, Footnote)
_READ_KEY = "bank_version"  # where a session keeps the number it read, for the rest of its request

T = TypeVar("T")


class BankVersion(db.Model):
    """A single row: its number moves on with every change to the bank."""

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int]


# Read by nearly every request: built once, and run on the session's connection (no ORM rows to make).
NUMBER = select(BankVersion.number).where(BankVersion.id == THE_ROW)
# The same number as a column of a statement a request runs anyway (the login lookup): one round trip less.
NUMBER_COLUMN = NUMBER.scalar_subquery().label("bank_version")


def bank_version(session: Session) -> int | None:
    """The bank's version number, read once per session (a request); None if the row is missing."""
    if session.autoflush and (session.new or session.dirty or session.deleted):
        # The number must count this session's own pending bank changes, even when it was read (or
        # noted with ``note_bank_version``) before they were made: the flush moves it on.
        session.flush()
    if _READ_KEY not in session.info:
        number = session.connection().scalar(NUMBER)
        # The read may have flushed this session's own bank changes, which leave None: nothing is kept then.
        session.info.setdefault(_READ_KEY, number)
    return session.info[_READ_KEY]


def note_bank_version(session: Session, number: int | None) -> None:
    """Keep ``number``, read as ``NUMBER_COLUMN`` by a statement of this session, as the one
    ``bank_version`` gives, unless the session already has one (its own changes may have moved it)."""
    session.info.setdefault(_READ_KEY, number)


def forget_bank_version(session: Session) -> None:
    """Read the number again at its next use: a new request must see changes committed since the last."""
    session.info.pop(_READ_KEY, None)


def bump_bank_version(session: Session) -> None:
    """Move the number on, in the session's transaction (creating the row if it is missing)."""
    connection = session.connection()
    moved = connection.execute(
        update(BankVersion).where(BankVersion.id == THE_ROW).values(number=BankVersion.number + 1)
    )
    if moved.rowcount == 0:
        connection.execute(insert(BankVersion).values(id=THE_ROW, number=1))
    # Until this transaction ends, its bank is not the one any number names: derive without keeping.
    session.info[_READ_KEY] = None


def _changes_bank(session: Session) -> bool:
    changed = chain(session.new, session.deleted, (row for row in session.dirty if session.is_modified(row)))
    return any(isinstance(row, BANK_ROWS) for row in changed)


@event.listens_for(Session, "after_flush")
def _bump_after_bank_writes(session: Session, _context: Any) -> None:
    if _changes_bank(session):
        bump_bank_version(session)


@event.listens_for(Session, "after_commit")
def _read_again_after_the_transaction(session: Session) -> None:
    forget_bank_version(session)


@event.listens_for(Session, "after_soft_rollback")
def _read_again_after_a_rollback(session: Session, previous: SessionTransaction) -> None:
    if previous.nested:  # a savepoint: the enclosing transaction may still hold bank changes
        session.info[_READ_KEY] = None
    else:
        forget_bank_version(session)


_derived: dict[tuple[int, str, str], tuple[int, Any]] = {}
_derived_lock = threading.Lock()


def derived_from_bank(session: Session, name: str, compute: Callable[[Session], T]) -> T:
    """``compute(session)``, kept in this process until the bank's version number moves.

    What it returns must be plain data (no ORM rows): it outlives the session that computed it.
    """
    version = bank_version(session)
    if version is None:
        return compute(session)
    engine = session.get_bind()
    key = (id(engine), str(engine.url), name)
    with _derived_lock:
        kept = _derived.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    value = compute(session)
    with _derived_lock:
        _derived[key] = (version, value)
    return value
