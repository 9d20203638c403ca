"""Login sessions kept on the server, so that logging out, a password change or a reset really ends them.

A browser holds a random token, in the signed session cookie and in the remember-me cookie; the database
holds its SHA-256. Finding the user of a request is one indexed lookup joined to the user, the query the
request needed anyway; it is read as a plain row into a ``SignedInUser`` (every request pays for it, and the
ORM's bookkeeping for one row cost more than the query), and the few pages that change the account or
follow its relationships ask for the ``User`` row with ``row_of``. Writes happen only at login, at logout,
at a password change and when a browser comes back with its remember-me cookie (the token is then replaced,
so a copied cookie works once at most).
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from app.auth.models import AccountIdentity, LoginSession, User
from app.bank.version import NUMBER_COLUMN, note_bank_version
from app.db import utc_now
from app.driver_statements import DriverStatement

TOKEN_BYTES = 32
# Every request of a logged-in browser runs this lookup: built once, so a request only binds its values
# (building the statement and its cache key cost more than SQLite's part of running it). It reads the
# bank's version too, which nearly every page needs next: one statement (a round trip) less per page.
USER_BY_TOKEN = DriverStatement(
    select(User.id, User.username, User.username_key, User.role, NUMBER_COLUMN)
    .join(LoginSession, LoginSession.user_id == User.id)
    .where(
        LoginSession.token_hash == bindparam("token_hash"),
        LoginSession.revoked_at.is_(None),
        LoginSession.renewed_at > bindparam("renewed_after"),
    )
)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, _digest(token)


def start(session: Session, user: User, now: datetime, lifetime: timedelta) -> str:
    """A new login session for ``user``, whose token is returned (and set on ``user`` for Flask-Login).

    The user's revoked and expired sessions are deleted on the way, so the table stays small.
    """
    session.execute(
        delete(LoginSession).where(
            LoginSession.user_id == user.id,
            or_(LoginSession.revoked_at.is_not(None), LoginSession.renewed_at <= now - lifetime),
        )
    )
    token, token_hash = _new_token()
    session.add(LoginSession(user_id=user.id, token_hash=token_hash, created_at=now, renewed_at=now))
    session.flush()
    user.session_token = token
    return token


@dataclass(eq=False)
class SignedInUser(AccountIdentity):
    """Who a request's browser is logged in as: what every page reads of the user (id, name, role), and
    what Flask-Login asks of a user. It is not the ``User`` row: ``row_of`` gives that, for a change."""

    id: int
    username: str | None
    username_key: str | None
    role: str
    session_token: str | None

    is_authenticated = True
    is_active = True
    is_anonymous = False


def user_for(session: Session, token: str, now: datetime, lifetime: timedelta) -> SignedInUser | None:
    """The user of a live session with this token, or None if it is unknown, ended or expired."""
    found = USER_BY_TOKEN.first(session, {"token_hash": _digest(token), "renewed_after": now - lifetime})
    if found is None:
        return None
    *user, bank_version = found
    note_bank_version(session, bank_version)
    return SignedInUser(*user, token)


def row_of(session: Session, user: User | SignedInUser) -> User:
    """The ``User`` row of a signed-in user, carrying its login session, for a page that changes the
    account or reads its classes; a ``User`` is returned as it is."""
    if isinstance(user, User):
        return user
    row = session.get_one(User, user.id)
    row.session_token = user.session_token
    return row


def renew(session: Session, user: User | SignedInUser, now: datetime) -> str | None:
    """Replace the token of ``user``'s current session: the old one is refused from now on.

    None if the session was ended or renewed meanwhile (by a parallel request of the same browser).
    """
    token, token_hash = _new_token()
    renewed = session.execute(
        update(LoginSession)
        .where(LoginSession.token_hash == _digest(user.session_token), LoginSession.revoked_at.is_(None))
        .values(token_hash=token_hash, renewed_at=now)
    )
    if renewed.rowcount != 1:
        return None
    user.session_token = token
    return token


def end(session: Session, token: str) -> None:
    """Log out one browser: its token, wherever it was copied, is refused from now on."""
    session.execute(
        update(LoginSession)
        .where(LoginSession.token_hash == _digest(token), LoginSession.revoked_at.is_(None))
        .values(revoked_at=utc_now())
    )


def end_all(session: Session, user: User | SignedInUser) -> None:
    """Log the user out everywhere, as a new password must."""
    session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=utc_now())
    )
