"""One revision rule for questions and claim pairs: every change of content or status appends a revision.

A revision is append-only: learners' attempts point at the exact question revision they answered, and a
pair's history shows every save. Both kinds of item are versioned the same way here: ``append_revision``
is the one way any writer (the editors, ``bank load``, imports, generation) changes an item, and
``load_decision`` is the one rule by which ``bank load`` keeps a person's work or lets the files win.
"""

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import utc_now


class RevisionMixin:
    """What every revision has: its number in its item's history, who made it, why, and when."""

    CONTENT_FIELDS: ClassVar[tuple[str, ...]]

    # Each revision model declares its own ``number`` (unique with its item's id) beside its item's key.
    author: Mapped[str] = mapped_column(String(120))
    reason: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    def content(self) -> dict[str, Any]:
        """The fields this revision saved; two revisions with equal content are the same."""
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS}


class VersionedMixin:
    """An item with a status and an append-only history of revisions (a question, a claim pair)."""

    id: Mapped[str]
    status: Mapped[str]
    updated_at: Mapped[datetime]
    revisions: list[Any]

    def current_content(self) -> dict[str, Any]:
        """The content learners see now (empty for an item not yet given any)."""
        raise NotImplementedError

    def state(self) -> dict[str, Any]:
        """Content and status: what a change of either changes."""
        return {**self.current_content(), "status": self.status}

    def _record(self, number: int, author: str, reason: str, content: dict[str, Any]) -> RevisionMixin:
        """Make ``content`` the item's current content, as revision ``number``."""
        raise NotImplementedError


def without_status(content: dict[str, Any]) -> dict[str, Any]:
    """Content apart from a status, to tell an edit from a status change (a pair's content has both)."""
    return {name: value for name, value in content.items() if name != "status"}


def latest_number(item: VersionedMixin) -> int:
    return max((revision.number for revision in item.revisions), default=0)


def latest_author(item: VersionedMixin) -> str | None:
    latest = max(item.revisions, key=lambda revision: revision.number, default=None)
    return latest.author if latest is not None else None


def append_revision(
    session: Session,
    item: VersionedMixin,
    author: str,
    reason: str,
    content: dict[str, Any] | None = None,
    status: str | None = None,
    number: int | None = None,
) -> RevisionMixin:
    """Record ``item`` with ``content`` (default: unchanged) and ``status`` (default: unchanged) as its
    next revision. A status change alone is a revision too, of the same content, so the history (and
    ``bank load``) sees who retired, restored or published an item and why.

    ``number`` is for a caller that read the latest number under a lock; by default it follows the
    item's revisions.
    """
    # A new item is written whole at the next flush, not half-made by reading its (empty) history.
    with session.no_autoflush:
        content = dict(content if content is not None else item.current_content())
        if status is not None:
            item.status = status
            if "status" in content:  # a pair's revisions record its status
                content["status"] = status
        revision = item._record(
            number if number is not None else latest_number(item) + 1, author[:120], reason[:255], content
        )
        session.add(revision)
    item.updated_at = utc_now()
    return revision


STATUS_REASONS = {"published": "published", "draft": "back to draft", "retired": "retired"}


def status_reason(status: str) -> str:
    """Why a status changed, in the words of the history table."""
    return STATUS_REASONS.get(status, status)


# What `bank load` does with one item, by the one rule for questions and claim pairs.
CREATE, UNCHANGED, APPLY, KEEP = "create", "unchanged", "apply", "keep"


def load_decision(
    item: VersionedMixin | None, wanted: dict[str, Any] | None, author: str, overwrite: bool
) -> str:
    """What a load by ``author`` does with ``item`` given the files' ``wanted`` state (None: not in them).

    In the files and new: create. In the files and the same: unchanged. Different: the files win unless the
    latest revision was made by someone else (a teacher in the browser), whose work is kept; ``overwrite``
    makes the files win over it. Not in the files: retired, unless already retired (unchanged) or no
    revision of it was made by a load: made in the browser, it is kept, ``overwrite`` or not (the files
    do not disagree with it, they do not know it).
    """
    if item is None:
        return CREATE
    if wanted is None:
        if item.status == "retired":
            return UNCHANGED
        authors = {revision.author for revision in item.revisions}
        return KEEP if authors and author not in authors else APPLY
    if item.state() == wanted:
        return UNCHANGED
    made_by = latest_author(item)  # None: a pair from before pairs had revisions, the files' own
    return KEEP if made_by not in (None, author) and not overwrite else APPLY
