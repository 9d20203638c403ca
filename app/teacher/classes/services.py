"""Teacher reads and writes, given an explicit session; the routes only call these.

Roster figures come from four grouped queries per class (enrolled learners, their answers, their card
kinds, their review logs), whatever the class size: a class of 30 costs the same four round trips as a
class of 3.
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.orm import Session

from app.auth.models import Classroom, ClassroomTeacher, Enrollment, User
from app.auth.services import (
    MIN_PASSWORD_LENGTH,
    AccountError,
    find_user,
    new_join_code,
    refuse_lookalike_member,
    set_password,
)
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.bank.types import QUESTION_TYPES
from app.learner.card_kinds import card_kinds_by_learner
from app.learner.models import Attempt, ReviewLog
from app.learner.scheduling import Review, as_utc, card_state


def _teaches(user_id: int):
    co_teacher = select(ClassroomTeacher.classroom_id).where(ClassroomTeacher.user_id == user_id)
    return or_(Classroom.teacher_id == user_id, Classroom.id.in_(co_teacher))


@dataclass(frozen=True)
class ClassSummary:
    classroom: Classroom
    learners: int


def classes_for(session: Session, teacher: User) -> list[ClassSummary]:
    """The classes a teacher owns or co-teaches, newest first, with how many learners joined each."""
    learners = (
        select(Enrollment.classroom_id, func.count(Enrollment.id).label("learners"))
        .group_by(Enrollment.classroom_id)
        .subquery()
    )
    rows = session.execute(
        select(Classroom, func.coalesce(learners.c.learners, 0))
        .outerjoin(learners, learners.c.classroom_id == Classroom.id)
        .where(_teaches(teacher.id))
        .order_by(Classroom.created_at.desc(), Classroom.id.desc())
    ).all()
    return [ClassSummary(classroom, count) for classroom, count in rows]


def classroom_for(session: Session, teacher: User, classroom_id: int) -> Classroom | None:
    """The class, only if this teacher owns or co-teaches it: another teacher's class is not found."""
    return session.scalar(select(Classroom).where(Classroom.id == classroom_id, _teaches(teacher.id)))


def rotate_join_code(session: Session, classroom: Classroom) -> str:
    """A new code at once; the old one stops working (learners who joined stay in the class)."""
    old = classroom.join_code
    code = new_join_code(session)
    while code == old:
        code = new_join_code(session)
    classroom.join_code = code
    session.flush()
    return code


def enrolled_learner(session: Session, classroom: Classroom, user_id: int) -> User | None:
    """A learner of this class; never a teacher who happens to have joined it."""
    return session.scalar(
        select(User)
        .join(Enrollment, Enrollment.user_id == User.id)
        .where(Enrollment.classroom_id == classroom.id, User.id == user_id, User.role == "learner")
    )


def reset_password(session: Session, learner: User, new_password: str) -> None:
    if learner.role != "learner":
        raise AccountError("Only a learner's password can be reset here.")
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    set_password(session, learner, new_password)  # and the learner is logged out everywhere


def remove_learner(session: Session, classroom: Classroom, learner: User) -> None:
    """Take the learner off the class list; their answers and reviews are theirs and stay."""
    enrollment = session.scalar(
        select(Enrollment).where(Enrollment.classroom_id == classroom.id, Enrollment.user_id == learner.id)
    )
    if enrollment is not None:
        session.delete(enrollment)
        session.flush()


def co_teachers(session: Session, classroom: Classroom) -> list[User]:
    return list(
        session.scalars(
            select(User)
            .join(ClassroomTeacher, ClassroomTeacher.user_id == User.id)
            .where(ClassroomTeacher.classroom_id == classroom.id)
            .order_by(User.username_key)
        )
    )


def add_co_teacher(session: Session, classroom: Classroom, username: str) -> User:
    teacher = find_user(session, username)
    if teacher is None or teacher.role != "teacher":
        raise AccountError(f"No teacher is called “{' '.join(username.split())}”.")
    already = teacher.id == classroom.teacher_id or session.scalar(
        select(
            exists().where(
                ClassroomTeacher.classroom_id == classroom.id, ClassroomTeacher.user_id == teacher.id
            )
        )
    )
    if already:
        raise AccountError(f"{teacher.display_name} already teaches this class.")
    refuse_lookalike_member(session, classroom, teacher)
    session.add(ClassroomTeacher(classroom_id=classroom.id, user_id=teacher.id))
    session.flush()
    return teacher


def classroom_teacher(session: Session, classroom: Classroom, user_id: int) -> User | None:
    """The class's creator or one of its co-teachers; anyone else is not a teacher of this class."""
    if user_id == classroom.teacher_id:
        return classroom.teacher
    return session.scalar(
        select(User)
        .join(ClassroomTeacher, ClassroomTeacher.user_id == User.id)
        .where(ClassroomTeacher.classroom_id == classroom.id, User.id == user_id)
    )


def remove_teacher(session: Session, classroom: Classroom, teacher: User, acting: User) -> None:
    """Take a teacher off a class. A class always keeps a teacher: when its creator leaves, the co-teacher
    added first takes it over; and only the creator can take the creator off."""
    if teacher.id == classroom.teacher_id:
        if acting.id != teacher.id:
            raise AccountError(f"Only {teacher.display_name} can take themself off the class they created.")
        successor = session.scalar(
            select(ClassroomTeacher)
            .where(ClassroomTeacher.classroom_id == classroom.id)
            .order_by(ClassroomTeacher.added_at, ClassroomTeacher.id)
            .limit(1)
        )
        if successor is None:
            raise AccountError(
                "You are this class's only teacher, and a class always keeps one. Add a co-teacher first."
            )
        classroom.teacher_id = successor.user_id
        session.delete(successor)
    else:
        link = session.scalar(
            select(ClassroomTeacher).where(
                ClassroomTeacher.classroom_id == classroom.id, ClassroomTeacher.user_id == teacher.id
            )
        )
        if link is None:
            raise AccountError(f"{teacher.display_name} does not teach this class.")
        session.delete(link)
    session.flush()
    session.expire(classroom, ["teacher"])


@dataclass(frozen=True)
class RosterRow:
    user_id: int
    name: str
    joined_at: datetime
    answered: int
    correct: int
    cards_due: int
    last_active: datetime | None

    @property
    def accuracy_percent(self) -> int | None:
        return int(self.correct * 100 / self.answered + 0.5) if self.answered else None


def roster(session: Session, classroom: Classroom, now: datetime) -> list[RosterRow]:
    """One row per learner, by name: four grouped queries for the whole class."""
    now = as_utc(now)
    members = session.execute(
        select(User.id, User.username, Enrollment.joined_at)
        .join(Enrollment, Enrollment.user_id == User.id)
        .where(Enrollment.classroom_id == classroom.id, User.role == "learner")
        .order_by(User.username_key)
    ).all()
    ids = [member.id for member in members]
    answers = {
        row.user_id: row
        for row in session.execute(
            select(
                Attempt.user_id,
                func.count(Attempt.id).label("answered"),
                func.sum(case((Attempt.correct.is_(True), 1), else_=0)).label("correct"),
                func.max(Attempt.created_at).label("latest"),
            )
            .where(Attempt.user_id.in_(ids))
            .group_by(Attempt.user_id)
        )
    }
    logs: dict[int, dict[str, list[Review]]] = defaultdict(lambda: defaultdict(list))
    latest_review: dict[int, datetime] = {}
    card_kinds = card_kinds_by_learner(session, ids)
    rows = session.execute(
        select(ReviewLog.user_id, ReviewLog.question_id, ReviewLog.rating, ReviewLog.reviewed_at)
        .add_columns(Question.status, QuestionRevision.type)
        .join(Question, Question.id == ReviewLog.question_id)
        .join(QuestionRevision, CURRENT_REVISION)
        .where(ReviewLog.user_id.in_(ids))
    )
    for user_id, question_id, rating, reviewed_at, status, kind in rows:
        reviewed_at = as_utc(reviewed_at)
        latest_review[user_id] = max(latest_review.get(user_id, reviewed_at), reviewed_at)
        if status == "published" and kind in card_kinds[user_id]:
            logs[user_id][question_id].append(Review(rating, reviewed_at))

    def cards_due(user_id: int) -> int:
        dues = (card_state(reviews).due for reviews in logs[user_id].values())
        return sum(1 for due in dues if due is not None and due <= now)

    result = []
    for member in members:
        answered = answers.get(member.id)
        moments = [as_utc(answered.latest)] if answered is not None else []
        moments += [latest_review[member.id]] if member.id in latest_review else []
        result.append(
            RosterRow(
                user_id=member.id,
                name=member.username or "Guest",
                joined_at=as_utc(member.joined_at),
                answered=answered.answered if answered is not None else 0,
                correct=int(answered.correct or 0) if answered is not None else 0,
                cards_due=cards_due(member.id),
                last_active=max(moments) if moments else None,
            )
        )
    return result


def card_kinds_kept(classroom: Classroom) -> list[str]:
    """The registered question kinds this class studies as flashcards, in the registry's order."""
    left_out = set(classroom.card_kinds_left_out or [])
    return [name for name in QUESTION_TYPES if name not in left_out]


def set_card_kinds(classroom: Classroom, kept: Collection[str]) -> None:
    """Keep ``kept`` as the class's card kinds; the rest of the registry is left out.

    At least one kind must stay: a class with no cards at all would show learners an empty deck with no
    explanation, and a teacher who wants no flashcards can simply not send learners there.
    """
    unknown = set(kept) - set(QUESTION_TYPES)
    if unknown:
        raise AccountError(f"Unknown question kind: {', '.join(sorted(unknown))}.")
    if not kept:
        raise AccountError("Keep at least one kind of question as flashcards.")
    classroom.card_kinds_left_out = [name for name in QUESTION_TYPES if name not in kept]
