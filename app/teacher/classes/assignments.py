"""A class's assignments for its teachers: set one from the published bank, list them, read the results,
close one. Writes take an explicit session and leave the commit to the caller.

Results read the class's answers to the assignment's questions given after it was set (see
``app.learner.assignments``): done means every question answered at least once since then, and the score
is the share of questions right at the first answer since then.
"""

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import Classroom, Enrollment, User
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.learner.assignments import first_answers
from app.learner.models import Assignment, Attempt
from app.learner.quiz import QuizFilters, quiz_pool

MOST_QUESTIONS = 50
MOST_MISSED_SHOWN = 5


class AssignmentChoiceError(ValueError):
    """The teacher's choice names no question the class could be given; the message says why."""


def parse_question_ids(text: str) -> list[str]:
    """Hand-picked ids as a teacher pastes them: separated by commas, spaces or new lines, repeats dropped."""
    return list(dict.fromkeys(part for part in re.split(r"[\s,;]+", text or "") if part))


def choose_questions(
    session: Session, filters: QuizFilters, picked: list[str], count: int, rng: random.Random
) -> list[str]:
    """The question ids an assignment will hold: the hand-picked ones in the order given, or a random
    choice among the published quiz questions that match the filters, kept in the bank's order; at most
    ``count`` of them. Only published questions: learners can be shown nothing else."""
    if picked:
        published = {entry.question_id for entry in quiz_pool(session, QuizFilters())}
        unknown = [question_id for question_id in picked if question_id not in published]
        if unknown:
            raise AssignmentChoiceError(
                "Not published quiz questions of the bank: " + ", ".join(unknown[:10]) + "."
            )
        return picked[:count]
    matching = [entry.question_id for entry in quiz_pool(session, filters)]
    if not matching:
        raise AssignmentChoiceError("No published questions match that source, section and kind.")
    chosen = set(rng.sample(matching, min(count, len(matching))))
    return [question_id for question_id in matching if question_id in chosen]


def create_assignment(
    session: Session,
    classroom: Classroom,
    teacher: User,
    title: str,
    filters: QuizFilters,
    picked: list[str],
    count: int,
    due_on: date | None = None,
    rng: random.Random | None = None,
) -> Assignment:
    """Set an assignment: its questions are fixed now, so every learner of the class gets the same ones."""
    question_ids = choose_questions(session, filters, picked, count, rng or random.Random())
    selection: dict[str, object] = {"count": count}
    if picked:
        selection["picked"] = True
    else:
        selection.update(filters.as_dict())
    assignment = Assignment(
        classroom_id=classroom.id,
        title=title.strip(),
        question_ids=question_ids,
        selection=selection,
        due_on=due_on,
        created_by_id=teacher.id,
    )
    session.add(assignment)
    session.flush()
    return assignment


def close_assignment(session: Session, assignment: Assignment, now: datetime | None = None) -> None:
    """A closed assignment leaves the learners' study pages and counts no later answers; it stays listed."""
    if assignment.closed_at is None:
        assignment.closed_at = now or datetime.now(UTC)
        session.flush()


def assignment_for(session: Session, classroom: Classroom, assignment_id: int) -> Assignment | None:
    """The assignment, only if it belongs to this class (whose teachers the route has checked)."""
    return session.scalar(
        select(Assignment).where(Assignment.id == assignment_id, Assignment.classroom_id == classroom.id)
    )


def _class_learners(classroom: Classroom):
    return (
        select(Enrollment.user_id)
        .join(User, User.id == Enrollment.user_id)
        .where(Enrollment.classroom_id == classroom.id, User.role == "learner")
    )


@dataclass(frozen=True)
class AssignmentSummary:
    assignment: Assignment
    done: int  # learners who answered every question since it was set


def assignments_for(session: Session, classroom: Classroom) -> list[AssignmentSummary]:
    """The class's assignments, open ones first then newest first, with how many learners have done each:
    two statements however many there are."""
    assignments = list(
        session.scalars(
            select(Assignment)
            .where(Assignment.classroom_id == classroom.id)
            .order_by(Assignment.closed_at.is_not(None), Assignment.created_at.desc(), Assignment.id.desc())
        )
    )
    answers = first_answers(session, assignments, Attempt.user_id.in_(_class_learners(classroom)))
    return [
        AssignmentSummary(
            a, sum(len(by_question) == len(a.question_ids) for by_question in answers[a.id].values())
        )
        for a in assignments
    ]


@dataclass(frozen=True)
class LearnerResult:
    user_id: int
    name: str
    answered: int
    right_first: int
    total: int

    @property
    def done(self) -> bool:
        return self.answered >= self.total

    @property
    def score_percent(self) -> int | None:
        """Share right at the first answer, once every question is answered (a partial score misleads)."""
        return round(100 * self.right_first / self.total) if self.done and self.total else None


@dataclass(frozen=True)
class MissedQuestion:
    question_id: str
    prompt: str
    missed: int  # learners whose first answer since the assignment was set was wrong
    answered: int  # learners who answered it since then


@dataclass(frozen=True)
class AssignmentResults:
    learners: list[LearnerResult]
    most_missed: list[MissedQuestion]

    @property
    def done(self) -> int:
        return sum(result.done for result in self.learners)


def results_for(session: Session, assignment: Assignment) -> AssignmentResults:
    """Every learner of the class with how far they are and their score, and the questions most often
    missed at the first answer."""
    learners = session.execute(
        select(User.id, User.username)
        .join(Enrollment, Enrollment.user_id == User.id)
        .where(Enrollment.classroom_id == assignment.classroom_id, User.role == "learner")
        .order_by(User.username_key, User.id)
    ).all()
    answers = first_answers(
        session, [assignment], Attempt.user_id.in_([user_id for user_id, _name in learners])
    )[assignment.id]
    total = len(assignment.question_ids)
    results = [
        LearnerResult(
            user_id,
            name or "Guest",
            len(answers.get(user_id, {})),
            sum(answers.get(user_id, {}).values()),
            total,
        )
        for user_id, name in learners
    ]
    results.sort(key=lambda result: (not result.done, -result.answered, result.name.casefold()))
    return AssignmentResults(results, _most_missed(session, assignment, answers))


def _most_missed(
    session: Session, assignment: Assignment, answers: dict[int, dict[str, bool]]
) -> list[MissedQuestion]:
    missed: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for by_question in answers.values():
        for question_id, correct in by_question.items():
            answered[question_id] += 1
            missed[question_id] += not correct
    worst = [question_id for question_id, count in missed.most_common(MOST_MISSED_SHOWN) if count]
    if not worst:
        return []
    prompts = dict(
        session.execute(
            select(Question.id, QuestionRevision.prompt)
            .join(QuestionRevision, CURRENT_REVISION)
            .where(Question.id.in_(worst))
        ).all()
    )
    return [
        MissedQuestion(
            question_id, prompts.get(question_id, question_id), missed[question_id], answered[question_id]
        )
        for question_id in worst
    ]
