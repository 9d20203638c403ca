"""Writes for accounts and classes, given an explicit session; routes and commands only call these."""

import secrets
from datetime import datetime
from functools import cache

from sqlalchemy import delete, exists, select, text, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from app.auth import names, sessions, throttle
from app.auth.models import (
    Classroom,
    ClassroomTeacher,
    Enrollment,
    ThrottleEvent,
    User,
    legacy_username_key,
    username_key,
)

# No 0/O or 1/I/L: a join code is read aloud and copied from a board.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# 31⁸ ≈ 8.5 × 10¹¹ codes (about 40 bits); classes made before this had six characters, which still work:
# a code is looked up as typed, whatever its length.
JOIN_CODE_LENGTH = 8
MIN_PASSWORD_LENGTH = 8
CLASS_NAME_MAX = 120


class AccountError(ValueError):
    """A request that cannot be honoured; the message is shown to the person as it is."""


class NameTaken(AccountError):
    """The chosen name belongs to another account: counted as a guess (``JOIN_GUESS``) by the routes."""


class Throttled(Exception):
    """Too many recent attempts: refused before any password is checked or any account is created."""

    def __init__(self, refusal: throttle.Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


def find_user(session: Session, username: str) -> User | None:
    """The user of that name however it is typed (case, spacing, fullwidth forms); a name stored before
    names were normalised is still found under its old key. A NUL never matches (PostgreSQL refuses it)."""
    if "\x00" in username:
        return None
    user = session.scalar(select(User).where(User.username_key == username_key(username)))
    if user is None and (legacy := legacy_username_key(username)) != username_key(username):
        user = session.scalar(select(User).where(User.username_key == legacy))
    return user


def find_classroom(session: Session, join_code: str) -> Classroom | None:
    code = "".join(join_code.split()).upper()
    if "\x00" in code:
        return None
    return session.scalar(select(Classroom).where(Classroom.join_code == code))


def _check_new_credentials(session: Session, username: str, password: str) -> str:
    if (problem := names.problem(username)) is not None:
        raise AccountError(problem)
    name = names.normalise(username)
    if not 2 <= len(name) <= 40:
        raise AccountError("A name needs 2 to 40 characters.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if find_user(session, name) is not None:
        raise NameTaken(f"The name “{name}” is taken; add an initial or a number.")
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


def start_guest(session: Session, address: str, limits: throttle.Limits, now: datetime) -> User:
    """A new guest, unless this address has started too many this hour (raises ``Throttled``)."""
    now = throttle.as_utc(now)
    _lock_and_prune(session, limits, now)
    _refuse_if_full(session, limits.guests_per_address, address, now)
    guest = create_guest(session)
    session.add(
        ThrottleEvent(kind=throttle.GUEST_CREATED, key=address, client_address=address, occurred_at=now)
    )
    session.flush()
    return guest


def keep_guest_progress(session: Session, guest: User, username: str, password: str) -> User:
    """Turn a guest into a learner in place: same id, so every answer and review stays theirs."""
    if not guest.is_guest:
        raise AccountError("This account already has a name.")
    name = _check_new_credentials(session, username, password)
    guest.username, guest.username_key, guest.role = name, username_key(name), "learner"
    set_password(session, guest, password)
    return guest


def change_password(session: Session, user: User, current_password: str, new_password: str) -> None:
    """A person changing their own password proves they know the current one: a borrowed session cannot."""
    if user.is_guest:
        raise AccountError("A guest has no password yet; keep your progress to choose one.")
    if not user.check_password(current_password):
        raise AccountError("That is not your current password.")
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    set_password(session, user, new_password)


def set_password(session: Session, user: User, password: str) -> None:
    """A new password ends every login session of the account: whoever held the old one, or a copy of a
    cookie, is logged out everywhere. The caller logs the person back in if they are the one changing it."""
    user.set_password(password)
    sessions.end_all(session, user)
    session.flush()


def enroll(session: Session, user: User, classroom: Classroom) -> Enrollment:
    """Join a class; joining twice is harmless. Refused if the name looks like one already in the class."""
    existing = session.scalar(
        select(Enrollment).where(Enrollment.classroom_id == classroom.id, Enrollment.user_id == user.id)
    )
    if existing is not None:
        return existing
    refuse_lookalike_member(session, classroom, user)
    enrollment = Enrollment(classroom=classroom, user=user)
    session.add(enrollment)
    session.flush()
    return enrollment


def class_member_names(session: Session, classroom: Classroom, leaving_out: User | None = None) -> list[str]:
    """The names on the class: its learners (and anyone else enrolled), its creator and its co-teachers."""
    others = [] if leaving_out is None or leaving_out.id is None else [leaving_out.id]
    enrolled = select(Enrollment.user_id).where(Enrollment.classroom_id == classroom.id)
    co_teaching = select(ClassroomTeacher.user_id).where(ClassroomTeacher.classroom_id == classroom.id)
    return list(
        session.scalars(
            select(User.username).where(
                User.username.is_not(None),
                User.id.not_in(others),
                (User.id == classroom.teacher_id) | User.id.in_(enrolled) | User.id.in_(co_teaching),
            )
        )
    )


def refuse_lookalike_member(session: Session, classroom: Classroom, user: User) -> None:
    """Raise ``NameTaken`` if ``user``'s name looks the same as another name in the class: a learner
    could otherwise pass as a classmate or a teacher on every list the class shows. It tells that such a
    name exists, so the routes count it as a guess, like a taken name."""
    if user.username is None:
        return
    for other in class_member_names(session, classroom, leaving_out=user):
        if names.confusable(user.username, other):
            raise NameTaken(
                f"The name “{user.username}” looks the same as a name already in this class; "
                "add an initial or a number."
            )


def new_join_code(session: Session) -> str:
    """A join code no class has yet."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if session.scalar(select(Classroom.id).where(Classroom.join_code == code)) is None:
            return code


def create_classroom(session: Session, name: str, teacher: User) -> Classroom:
    """The one way a class is made: the teacher's page and the command line apply the same name rules."""
    if teacher.role != "teacher":
        raise AccountError(f"{teacher.display_name} is not a teacher.")
    raw, name = name, names.normalise(name)
    if not name:
        raise AccountError("A class needs a name.")
    if (problem := names.problem(raw, noun="class name")) is not None:
        raise AccountError(problem)
    if len(name) > CLASS_NAME_MAX:
        raise AccountError(f"A class name needs at most {CLASS_NAME_MAX} characters.")
    if any(names.confusable(name, other) for other in _class_names_of(session, teacher)):
        raise AccountError(
            f"The class name “{name}” looks the same as one of your classes; add a year, a group or a letter."
        )
    classroom = Classroom(name=name, join_code=new_join_code(session), teacher=teacher)
    session.add(classroom)
    session.flush()
    return classroom


def _class_names_of(session: Session, teacher: User) -> list[str]:
    """The names of the classes a teacher created or co-teaches."""
    co_taught = select(ClassroomTeacher.classroom_id).where(ClassroomTeacher.user_id == teacher.id)
    return list(
        session.scalars(
            select(Classroom.name).where((Classroom.teacher_id == teacher.id) | Classroom.id.in_(co_taught))
        )
    )


def teacher_exists(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(User.role == "teacher"))))


def _lock_accounts(session: Session) -> None:
    """Take the write lock before looking, so two first-run setups cannot both see "no teacher yet".

    SQLite holds its one write lock from the first write statement of a transaction, even one that changes
    no row; PostgreSQL is told to lock the table against other writers until the transaction ends.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text('LOCK TABLE "user" IN SHARE ROW EXCLUSIVE MODE'))
    else:
        session.execute(update(User).where(User.role == "teacher").values(role=User.role))


def create_first_teacher(session: Session, username: str, password: str) -> User:
    """The one-time setup of a fresh install: refused as soon as any teacher exists."""
    _lock_accounts(session)
    if teacher_exists(session):
        raise AccountError("This classroom is already set up. Log in instead.")
    return create_user(session, username, password, role="teacher")


def authenticate(
    session: Session,
    username: str,
    password: str,
    address: str,
    limits: throttle.Limits,
    now: datetime,
    device_key: str | None = None,
) -> User | None:
    """The user whose name and password match, or None; ``Throttled`` once a name or address failed too often.

    ``device_key`` (from ``app.auth.devices``) is given when this browser holds a genuine device cookie in
    which this name has logged in before: its failures are then counted by that key instead of the name,
    so the name's pause does not keep its owner out here, while the address limit counts as for anyone.

    Commits twice. The attempt is first written down as a failure and committed, before the password is
    checked: so parallel attempts count one another and a burst cannot slip past the limit during the
    0.1 s password hash, and no database lock is held during the hash. A refused attempt is not written
    down (the pause ends on time however often someone retries), and its password is never checked: the
    attacker learns nothing and the server spends nothing. A match deletes the name's failures (with a
    device key, only that browser's: a login of the owner must not give a guesser elsewhere a new round).
    """
    if "\x00" in username:  # no name holds one, and PostgreSQL would refuse to store it as a throttle key
        check_password_hash(_unmatchable_hash(), password)
        return None
    now, key = throttle.as_utc(now), username_key(username)[:100]
    _lock_and_prune(session, limits, now)
    if device_key is not None:
        key = device_key
        _refuse_if_full(session, limits.login_per_device, key, now)
    else:
        _refuse_if_full(session, limits.login_per_name, key, now)
    _refuse_if_full(session, limits.login_per_address, address, now)
    session.add(ThrottleEvent(kind=throttle.LOGIN_FAILURE, key=key, client_address=address, occurred_at=now))
    session.commit()
    user = find_user(session, username)
    if user is None or user.password_hash is None:
        check_password_hash(_unmatchable_hash(), password)  # the same cost: timing tells no names
        return None
    if not user.check_password(password):
        return None
    _hold_throttle_lock(session)
    session.execute(
        delete(ThrottleEvent).where(ThrottleEvent.kind == throttle.LOGIN_FAILURE, ThrottleEvent.key == key)
    )
    session.commit()
    return user


def begin_join_guess(session: Session, address: str, limits: throttle.Limits, now: datetime) -> int:
    """Before a join code or a new name is looked up: ``Throttled`` if this address guessed wrong too often.

    As with logins, the attempt is written down as a wrong guess and committed before anything is looked
    up, so parallel attempts count one another; ``forgive_join_guess`` deletes it when the code was right
    and the name free. Returns the event's id.
    """
    now = throttle.as_utc(now)
    _lock_and_prune(session, limits, now)
    _refuse_if_full(session, limits.join_per_address, address, now)
    event = ThrottleEvent(kind=throttle.JOIN_GUESS, key=address, client_address=address, occurred_at=now)
    session.add(event)
    session.commit()
    return event.id


def forgive_join_guess(session: Session, event_id: int) -> None:
    """The attempt guessed nothing wrong (a right code, a free name): it does not count."""
    _hold_throttle_lock(session)
    session.execute(delete(ThrottleEvent).where(ThrottleEvent.id == event_id))


@cache
def _unmatchable_hash() -> str:
    """A hash of a random password, checked when the name is unknown, so a miss costs what a match does."""
    return generate_password_hash(secrets.token_hex(32))


# Any constant shared by every app server: the PostgreSQL advisory lock that serialises throttle writes.
THROTTLE_LOCK_ID = 0x436F756E


def _lock_and_prune(session: Session, limits: throttle.Limits, now: datetime) -> None:
    """Make counting then writing one step across every app server, and forget events no limit counts.

    SQLite: the DELETE opens the transaction with ``BEGIN IMMEDIATE`` (see app/db.py), taking the
    database's one write lock, so the counts that follow are exact. PostgreSQL: a transaction-scoped
    advisory lock does the same, and keeps two prunes from deadlocking. Either is held for a few small
    statements, never during a password hash, and released at commit or rollback.
    """
    _hold_throttle_lock(session)
    session.execute(delete(ThrottleEvent).where(ThrottleEvent.occurred_at <= limits.prune_before(now)))


def _hold_throttle_lock(session: Session) -> None:
    """On PostgreSQL, wait for and hold the throttle lock until commit; SQLite's first write does it."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": THROTTLE_LOCK_ID})


def _refuse_if_full(session: Session, limit: throttle.Limit, value: str, now: datetime) -> None:
    """Raise ``Throttled`` if one more event would pass ``limit`` for this name or address.

    A refusal rolls the transaction back (nothing is written, the lock is released at once).
    """
    if not limit.is_on:
        return
    column = ThrottleEvent.key if limit.by == throttle.BY_NAME else ThrottleEvent.client_address
    newest_first = session.scalars(
        select(ThrottleEvent.occurred_at)
        .where(
            ThrottleEvent.kind == limit.kind, column == value, ThrottleEvent.occurred_at > now - limit.window
        )
        .order_by(ThrottleEvent.occurred_at.desc())
        .limit(limit.allowed)
    ).all()
    refusal = throttle.refusal(limit, newest_first, now)
    if refusal is not None:
        session.rollback()
        raise Throttled(refusal)
