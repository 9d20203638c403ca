"""People and classes: learners, teachers, guests who practise before they have an account."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.auth.names import normalise
from app.db import utc_now
from app.extensions import db

ROLES = ("learner", "teacher", "guest")


def username_key(username: str) -> str:
    """Usernames are matched without regard to case, spacing or compatibility forms: "Ana", "ana " and a
    fullwidth "Ａｎａ" are one person."""
    return normalise(username).casefold()


def legacy_username_key(username: str) -> str:
    """The key of a name stored before names were NFKC-normalised; such keys are not rewritten."""
    return " ".join(username.split()).casefold()


class AccountIdentity:
    """What Flask-Login and the pages ask of whoever is logged in, whether a User row or the plain row a
    request reads (``app.auth.sessions.SignedInUser``): the login session's token, guest or not, a name."""

    username: str | None
    role: str
    session_token: str | None

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember-me cookie: the login session's random
        token, never the user's id, so that ending the session on the server ends every copy of the cookie."""
        if self.session_token is None:
            raise RuntimeError("log in through app.auth.sessions: this user has no login session")
        return self.session_token

    @property
    def is_guest(self) -> bool:
        return self.role == "guest"

    @property
    def display_name(self) -> str:
        return self.username or "Guest"


class User(AccountIdentity, UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str | None] = mapped_column(String(80))
    username_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    enrollments: Mapped[list["Enrollment"]] = relationship(back_populates="user")

    # The token of the login session this request runs in; set by ``app.auth.sessions``, never stored.
    session_token = None

    def set_password(self, password: str) -> None:
        # Werkzeug's default scrypt: about 0.1 s a hash, so a class of 30 logs in within seconds.
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return self.password_hash is not None and check_password_hash(self.password_hash, password)


class Classroom(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Question kinds the teacher keeps out of the class's flashcards. Stored as the kinds left out, not the
    # kinds kept, so a kind added to the app later becomes cards until a teacher says otherwise.
    card_kinds_left_out: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")

    teacher: Mapped[User] = relationship()
    enrollments: Mapped[list["Enrollment"]] = relationship(back_populates="classroom")


class Enrollment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    classroom: Mapped[Classroom] = relationship(back_populates="enrollments")
    user: Mapped[User] = relationship(back_populates="enrollments")

    __table_args__ = (UniqueConstraint("classroom_id", "user_id"),)


class ClassroomTeacher(db.Model):
    """A co-teacher: another teacher who sees and runs the class as its owner (``Classroom.teacher``) does."""

    __tablename__ = "classroom_teacher"

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)

    classroom: Mapped[Classroom] = relationship()
    user: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("classroom_id", "user_id"),)


class ThrottleEvent(db.Model):
    """A failed login or a new guest, remembered in the database so every app server counts the same events.

    ``key`` is what the event is counted by besides the address: the username key for a failed login, the
    client address for a guest. Rows older than the longest window are deleted as new ones are written.
    """

    __tablename__ = "throttle_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(100))
    client_address: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    __table_args__ = (
        Index("ix_throttle_event_kind_key", "kind", "key", "occurred_at"),
        Index("ix_throttle_event_kind_address", "kind", "client_address", "occurred_at"),
    )


class LoginSession(db.Model):
    """One login on one browser, kept on the server so it can be ended: by logging out (this one), by a
    password change or reset (all of the user's).

    The browser holds a random token (in the session and the remember-me cookie); only its SHA-256 is
    stored, so a copy of this table logs no one in. The token is replaced each time the remember-me cookie
    is used, and ``renewed_at`` is when the current one was issued: a token unrenewed for longer than the
    remember-me duration is refused. Rows revoked or expired are deleted at the user's next login.
    """

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    renewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()
