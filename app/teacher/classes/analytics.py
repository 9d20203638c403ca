"""Read-only class analytics for teachers: classical item analysis and the figures behind the CSV export.

Item analysis follows classical test theory, on each enrolled learner's FIRST attempt at each question (a
retry after feedback measures the feedback, not the item):

- facility: the share of those first attempts that were right (0 to 1);
- discrimination: the point-biserial correlation between a learner's first-attempt correctness on this item
  (0 or 1) and their rest score: the share right of their first attempts at every OTHER question they
  answered. A share, not a count, because learners in a self-paced quiz answer different numbers of
  questions; the item itself is left out so it cannot correlate with itself. The correlation is Pearson's r
  with population standard deviations, which for a 0/1 variable equals (M1 - M0) / s * sqrt(p * q). It is
  None when fewer than ``MIN_LEARNERS_FOR_DISCRIMINATION`` learners answered the item and at least one
  other, or when either variable does not vary (everyone right, or equal rest scores);
- option counts (multiple choice and which-source): how many first attempts chose each option of the
  question's current revision, never-chosen options included; answers given to an older revision's
  options that the current one no longer offers are counted apart as ``other_responses``;
- attribution mix-ups: every attempt (retries too) that named the wrong source.

``item_analysis`` runs three queries whatever the number of learners, questions or attempts.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.auth.models import Classroom, Enrollment, User
from app.bank.evidence import source_label
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.bank.types import QUESTION_TYPES, option_types
from app.learner.models import Attempt
from app.sources.models import Source
from app.teacher.classes.services import roster

MIN_LEARNERS_FOR_DISCRIMINATION = 5
LOW_DISCRIMINATION = 0.2
HIGH_FACILITY = 0.95
LOW_FACILITY = 0.2
MIN_LEARNERS_FOR_UNCHOSEN_DISTRACTOR = 10
MIN_LEARNERS_FOR_FLAGS = 5  # below this, one learner's slip would flag a sound question


@dataclass(frozen=True)
class OptionCount:
    option: str  # as stored in an attempt's response: the choice's text, or a source id for which-source
    label: str  # as the learner saw it
    chosen: int  # first attempts that chose it
    is_answer: bool


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    prompt: str  # of the current revision
    type: str
    status: str
    attempts: int  # every attempt, retries included
    learners: int  # learners who answered it: one first attempt each
    first_correct: int
    facility: float  # first_correct / learners
    discrimination: float | None
    options: tuple[OptionCount, ...]  # empty for question types without options to count
    other_responses: int  # first attempts that chose an option the current revision no longer has
    mixups: int  # attribution errors over every attempt
    flags: tuple[str, ...]  # why the item needs checking; empty when it looks sound

    @property
    def needs_checking(self) -> bool:
        return bool(self.flags)

    @property
    def facility_percent(self) -> int:
        return int(self.facility * 100 + 0.5)


@dataclass(frozen=True)
class _FirstAttempt:
    correct: bool
    response: str


def item_analysis(session: Session, classroom_id: int) -> tuple[ItemStats, ...]:
    """Every question the class's learners answered: flagged items first, then by question id."""
    attempts = session.execute(
        select(
            Attempt.user_id,
            Attempt.question_id,
            Attempt.correct,
            Attempt.error_kind,
            Attempt.response,
        )
        .join(Enrollment, Enrollment.user_id == Attempt.user_id)
        .join(User, User.id == Attempt.user_id)
        .where(Enrollment.classroom_id == classroom_id, User.role == "learner")
        .order_by(Attempt.created_at, Attempt.id)
    ).all()
    if not attempts:
        return ()
    first: dict[str, dict[int, _FirstAttempt]] = defaultdict(dict)  # question -> learner -> first attempt
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # question -> [attempts, mix-ups]
    for row in attempts:
        first[row.question_id].setdefault(row.user_id, _FirstAttempt(bool(row.correct), row.response))
        counts[row.question_id][0] += 1
        counts[row.question_id][1] += row.error_kind == "attribution"

    revisions = {
        row.id: row
        for row in session.execute(
            select(
                Question.id,
                Question.status,
                QuestionRevision.type,
                QuestionRevision.prompt,
                QuestionRevision.choices,
                QuestionRevision.answer,
            )
            .join(QuestionRevision, CURRENT_REVISION)
            .where(Question.id.in_(list(first)))
        )
    }
    sources = session.execute(select(Source.id, Source.short_name).order_by(Source.position)).all()

    # Each learner's first-attempt totals over every question, for the rest scores.
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # learner -> [right, answered]
    for by_learner in first.values():
        for user_id, answer in by_learner.items():
            totals[user_id][0] += answer.correct
            totals[user_id][1] += 1

    items = [
        _item(question_id, revisions[question_id], by_learner, counts[question_id], totals, sources)
        for question_id, by_learner in first.items()
        if question_id in revisions
    ]
    return tuple(sorted(items, key=lambda item: (not item.needs_checking, item.question_id)))


def _item(
    question_id: str,
    revision: Any,
    by_learner: dict[int, _FirstAttempt],
    counts: list[int],
    totals: dict[int, list[int]],
    sources: list[Any],
) -> ItemStats:
    learners = len(by_learner)
    first_correct = sum(answer.correct for answer in by_learner.values())
    facility = first_correct / learners
    pairs = []
    for user_id, answer in by_learner.items():
        right, answered = totals[user_id]
        if answered > 1:
            pairs.append((float(answer.correct), (right - answer.correct) / (answered - 1)))
    discrimination = point_biserial(pairs) if len(pairs) >= MIN_LEARNERS_FOR_DISCRIMINATION else None
    options, other = _option_counts(revision, by_learner, sources)
    flags = _flags(facility, discrimination, options, learners)
    return ItemStats(
        question_id=question_id,
        prompt=revision.prompt,
        type=revision.type,
        status=revision.status,
        attempts=counts[0],
        learners=learners,
        first_correct=first_correct,
        facility=facility,
        discrimination=discrimination,
        options=options,
        other_responses=other,
        mixups=counts[1],
        flags=flags,
    )


def point_biserial(pairs: list[tuple[float, float]]) -> float | None:
    """Pearson's r of (0/1 correctness, rest score) pairs; None when either side does not vary."""
    n = len(pairs)
    if n < 2:
        return None
    mean_x = sum(x for x, _ in pairs) / n
    mean_y = sum(y for _, y in pairs) / n
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in pairs) / n
    var_x = sum((x - mean_x) ** 2 for x, _ in pairs) / n
    var_y = sum((y - mean_y) ** 2 for _, y in pairs) / n
    if var_x < 1e-12 or var_y < 1e-12:
        return None
    return covariance / math.sqrt(var_x * var_y)


def _option_counts(
    revision: Any, by_learner: dict[int, _FirstAttempt], sources: list[Any]
) -> tuple[tuple[OptionCount, ...], int]:
    if revision.type not in option_types():
        return (), 0
    qtype = QUESTION_TYPES[revision.type]
    if qtype.has_choices:
        labelled = [(choice, choice) for choice in revision.choices or []]
    else:
        names = {row.id: source_label(row.short_name) for row in sources}
        options = qtype.option_values(None, tuple(row.id for row in sources)) or []
        labelled = [(option, names.get(option, option.capitalize())) for option in options]
    chosen: dict[str, int] = defaultdict(int)
    for answer in by_learner.values():
        chosen[answer.response] += 1
    known = {option for option, _ in labelled}
    other = sum(count for response, count in chosen.items() if response not in known)
    return tuple(
        OptionCount(option, label, chosen.get(option, 0), option == str(revision.answer))
        for option, label in labelled
    ), other


def _flags(
    facility: float, discrimination: float | None, options: tuple[OptionCount, ...], learners: int
) -> tuple[str, ...]:
    flags: list[str] = []
    if learners < MIN_LEARNERS_FOR_FLAGS:
        return ()
    if discrimination is not None and discrimination < LOW_DISCRIMINATION:
        flags.append(f"Low discrimination ({discrimination:.2f}, below {LOW_DISCRIMINATION:.2f})")
    if facility > HIGH_FACILITY:
        flags.append(f"Very easy (facility {facility:.2f}, above {HIGH_FACILITY:.2f})")
    elif facility < LOW_FACILITY:
        flags.append(f"Very hard (facility {facility:.2f}, below {LOW_FACILITY:.2f})")
    if learners >= MIN_LEARNERS_FOR_UNCHOSEN_DISTRACTOR:
        flags.extend(
            f"Distractor never chosen: “{option.label}”"
            for option in options
            if not option.is_answer and option.chosen == 0
        )
    return tuple(flags)


@dataclass(frozen=True)
class ExportRow:
    """One learner's line of the progress CSV: the roster's figures plus attribution mix-ups."""

    name: str
    joined_at: datetime
    answered: int
    correct: int
    accuracy_percent: int | None
    mixups: int
    cards_due: int
    last_active: datetime | None


def progress_rows(session: Session, classroom: Classroom, now: datetime) -> list[ExportRow]:
    """The roster's four queries and one more for the mix-ups; one row per learner, by name."""
    rows = roster(session, classroom, now)
    mixups = dict(
        session.execute(
            select(Attempt.user_id, func.sum(case((Attempt.error_kind == "attribution", 1), else_=0)))
            .where(Attempt.user_id.in_([row.user_id for row in rows]))
            .group_by(Attempt.user_id)
        ).all()
    )
    return [
        ExportRow(
            name=row.name,
            joined_at=row.joined_at,
            answered=row.answered,
            correct=row.correct,
            accuracy_percent=row.accuracy_percent,
            mixups=int(mixups.get(row.user_id) or 0),
            cards_due=row.cards_due,
            last_active=row.last_active,
        )
        for row in rows
    ]
