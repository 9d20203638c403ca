"""Writes for accounts and classes, given an explicit session; routes and commands only call these."""

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import Classroom, Enrollment, User, username_key

# No 0/O or 1/I/L: a join code is read aloud and copied from a board.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
MIN_PASSWORD_LENGTH = 8


class AccountError(ValueError):
    """A request that cannot be honoured; the message is shown to the person as it is."""


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username_key == username_key(username)))


def find_classroom(session: Session, join_code: str) -> Classroom | None:
    code = "".join(join_code.split()).upper()
    return session.scalar(select(Classroom).where(Classroom.join_code == code))


def _check_new_credentials(session: Session, username: str, password: str) -> str:
    name = " ".join(username.split())
    if not 2 <= len(name) <= 40:
        raise AccountError("A name needs 2 to 40 characters.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if find_user(session, name) is not None:
        raise AccountError(f"The name “{name}” is taken; add an initial or a number.")
    return name


def create_user(session: Session, username: str, password: str, role: str) -> User:
    name = _check_new_credentials(session, username, password)
    user = User(username=name, username_key=username_key(name), role=role)
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def create_guest(session: Session) -> User:
    guest = User(role="guest")
    session.add(guest)
    session.flush()
    return guest


def keep_guest_progress(session: Session, guest: User, username: str, password: str) -> User:
    """Turn a guest into a learner in place: same id, so every answer and review stays theirs."""
    if not guest.is_guest:
        raise AccountError("This account already has a name.")
    name = _check_new_credentials(session, username, password)
    guest.username, guest.username_key, guest.role = name, username_key(name), "learner"
    guest.set_password(password)
    session.flush()
    return guest


def enroll(session: Session, user: User, classroom: Classroom) -> Enrollment:
    """Join a class; joining twice is harmless."""
    existing = session.scalar(
        select(Enrollment).where(Enrollment.classroom_id == classroom.id, Enrollment.user_id == user.id)
    )
    if existing is not None:
        return existing
    enrollment = Enrollment(classroom=classroom, user=user)
    session.add(enrollment)
    session.flush()
    return enrollment


def create_classroom(session: Session, name: str, teacher: User) -> Classroom:
    if teacher.role != "teacher":
        raise AccountError(f"{teacher.display_name} is not a teacher.")
    if not name.strip():
        raise AccountError("A class needs a name.")
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if session.scalar(select(Classroom).where(Classroom.join_code == code)) is None:
            break
    classroom = Classroom(name=name.strip(), join_code=code, teacher=teacher)
    session.add(classroom)
    session.flush()
    return classroom
