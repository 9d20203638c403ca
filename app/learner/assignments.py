"""A learner's assignments: which are open in their classes, how far they are, which questions remain.

An assignment counts the answers given to its questions after it was set (and before it was closed), so a
question answered last week does not count as done for an assignment set today. The right-or-wrong that
counts is the first answer since it was set: practising a question again does not raise the score.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from app.auth.models import Enrollment, User
from app.auth.sessions import SignedInUser
from app.learner.models import Assignment, Attempt
from app.learner.quiz import QuizFilters, quiz_pool
from app.learner.scheduling import as_utc

# assignment id -> learner id -> question id -> was the first answer since the assignment was set right
FirstAnswers = dict[int, dict[int, dict[str, bool]]]


class AssignmentError(LookupError):
    """An assignment the learner cannot work on; ``status`` is the HTTP status to answer."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def first_answers(
    session: Session, assignments: Sequence[Assignment], learners: ColumnElement[bool]
) -> FirstAnswers:
    """Each learner's first answer to each question of each assignment, in one statement for all of them.

    ``learners`` is a condition on ``Attempt.user_id`` (one learner, or a class's learners).
    """
    found: FirstAnswers = {assignment.id: {} for assignment in assignments}
    if not assignments:
        return found
    question_ids = {question_id for assignment in assignments for question_id in assignment.question_ids}
    earliest = min(assignment.created_at for assignment in assignments)
    rows = session.execute(
        select(Attempt.user_id, Attempt.question_id, Attempt.correct, Attempt.created_at)
        .where(learners, Attempt.question_id.in_(question_ids), Attempt.created_at >= earliest)
        .order_by(Attempt.id)
    ).all()
    for assignment in assignments:
        asked = set(assignment.question_ids)
        since, until = as_utc(assignment.created_at), _closed(assignment)
        by_learner = found[assignment.id]
        for user_id, question_id, correct, answered_at in rows:
            at = as_utc(answered_at)
            if question_id in asked and since <= at and (until is None or at <= until):
                by_learner.setdefault(user_id, {}).setdefault(question_id, bool(correct))
    return found


def _closed(assignment: Assignment) -> datetime | None:
    return as_utc(assignment.closed_at) if assignment.closed_at is not None else None


@dataclass(frozen=True)
class OpenAssignment:
    """An open assignment as its learner sees it: how many of its questions they have answered since it was
    set, out of how many."""

    assignment: Assignment
    done: int
    total: int

    @property
    def finished(self) -> bool:
        return self.done >= self.total


def _learner_class_ids(user: User) -> Select[tuple[int]]:
    return select(Enrollment.classroom_id).where(Enrollment.user_id == user.id)


def enrollments_of(session: Session, user: User | SignedInUser) -> list[Enrollment]:
    """The learner's classes, oldest first: the study page lists them and finds assignments by them."""
    mine = select(Enrollment).where(Enrollment.user_id == user.id).order_by(Enrollment.id)
    return list(session.scalars(mine))


def open_assignments(
    session: Session, user: User | SignedInUser, enrollments: list[Enrollment] | None = None
) -> list[OpenAssignment]:
    """The open assignments of the learner's classes, those due soonest first (undated ones last).

    Reads the classes from ``enrollments``, which the study page shows anyway: a learner in no class
    costs no statement more, one in a class two (the assignments, the answers to them) and the published
    pool, which each worker keeps until the bank changes. A question retired since the assignment was set
    counts only if already answered, so answering all that can still be asked finishes it.
    """
    if enrollments is None:
        enrollments = enrollments_of(session, user)
    class_ids = [enrollment.classroom_id for enrollment in enrollments]
    if not class_ids:
        return []
    assignments = list(
        session.scalars(
            select(Assignment)
            .where(Assignment.classroom_id.in_(class_ids), Assignment.closed_at.is_(None))
            .order_by(Assignment.due_on.is_(None), Assignment.due_on, Assignment.created_at, Assignment.id)
        )
    )
    answers = first_answers(session, assignments, Attempt.user_id == user.id)
    # A question retired since the assignment was set cannot be asked: it counts only if already answered.
    published = {entry.question_id for entry in quiz_pool(session, QuizFilters())} if assignments else set()
    found = []
    for assignment in assignments:
        answered = answers[assignment.id].get(user.id, {})
        still = [q for q in assignment.question_ids if q in published or q in answered]
        found.append(OpenAssignment(assignment, len(answered), len(still)))
    return found


def questions_left(session: Session, user: User, assignment_id: str) -> list[str]:
    """The assignment's questions this learner has not answered since it was set, in its order; empty once
    they have answered all, or all that are still published (a question retired since cannot be shown).
    Raises ``AssignmentError`` for an assignment not of their classes, or closed."""
    assignment = None
    if assignment_id.isdigit():
        assignment = session.scalar(
            select(Assignment).where(
                Assignment.id == int(assignment_id),
                Assignment.classroom_id.in_(_learner_class_ids(user)),
            )
        )
    if assignment is None:
        raise AssignmentError("That assignment is not one of your classes'.", 404)
    if assignment.is_closed:
        raise AssignmentError(f"“{assignment.title}” is closed: your teacher no longer collects it.", 410)
    answers = first_answers(session, [assignment], Attempt.user_id == user.id)
    answered = answers[assignment.id].get(user.id, {})
    published = {entry.question_id for entry in quiz_pool(session, QuizFilters())}
    return [
        question_id
        for question_id in assignment.question_ids
        if question_id not in answered and question_id in published
    ]
