"""A learner's progress, from attempts and reviews written straight into the database with chosen times."""

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from flask import Flask, render_template
from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.bank.models import Question, QuestionRevision
from app.bank.types import quiz_types
from app.extensions import db
from app.learner.chart import daily_chart
from app.learner.models import Attempt, Presentation, ReviewLog
from app.learner.progress import Progress, progress_for
from app.learner.scheduling import Review, card_state

NOW = datetime(2025, 3, 14, 15, 30, tzinfo=UTC)


@pytest.fixture
def session(loaded_app: Flask) -> Iterator[Session]:
    with loaded_app.app_context():
        yield db.session


def new_user(session: Session, name: str = "ana") -> User:
    user = User(username=name, username_key=name, role="learner")
    session.add(user)
    session.flush()
    return user


def answer(
    session: Session,
    user: User,
    question_id: str,
    correct: bool,
    at: datetime,
    error_kind: str | None = None,
    response: str = "an answer",
    revision: QuestionRevision | None = None,
) -> Attempt:
    """An attempt on the question's current revision (or ``revision``), as if graded at ``at``."""
    revision = revision or session.get(Question, question_id).current_revision
    if not correct and error_kind is None:
        error_kind = "wrong"
    presentation = Presentation(
        token=uuid.uuid4().hex, user_id=user.id, revision_id=revision.id, choice_order=None, created_at=at
    )
    attempt = Attempt(
        presentation=presentation,
        user_id=user.id,
        question_id=question_id,
        revision_id=revision.id,
        response=response,
        correct=correct,
        error_kind=error_kind,
        created_at=at,
    )
    session.add_all([presentation, attempt])
    session.flush()
    return attempt


def review(session: Session, user: User, question_id: str, rating: int, at: datetime) -> ReviewLog:
    revision = session.get(Question, question_id).current_revision
    presentation = Presentation(
        token=uuid.uuid4().hex, user_id=user.id, revision_id=revision.id, mode="card", created_at=at
    )
    session.add(presentation)
    session.flush()
    log = ReviewLog(
        presentation_id=presentation.id,
        user_id=user.id,
        question_id=question_id,
        revision_id=revision.id,
        rating=rating,
        reviewed_at=at,
    )
    session.add(log)
    session.flush()
    return log


def published(session: Session) -> list[tuple[Question, QuestionRevision]]:
    questions = session.scalars(select(Question).where(Question.status == "published").order_by(Question.id))
    return [(q, q.current_revision) for q in questions]


def quiz_questions(session: Session, **where: object) -> list[str]:
    """Published quiz questions whose current revision matches ``where`` (source=…, section=…, skill=…)."""
    names = {"source": "support_source_id", "section": "section", "skill": "skill", "type": "type"}
    return [
        q.id
        for q, r in published(session)
        if r.type in quiz_types() and all(getattr(r, names[k]) == v for k, v in where.items())
    ]


def group(rows: tuple, key: object):
    return next(row for row in rows if row.key == key)


def test_a_new_learner_sees_every_group_unmastered_and_every_card_new(session: Session) -> None:
    user = new_user(session)
    progress = progress_for(session, user, NOW)
    assert progress.totals.attempts == 0
    assert progress.totals.accuracy is None
    assert not progress.has_attempts
    assert [row.label for row in progress.by_source] == [
        "Kim Il Sung and His Spirit of Independence",
        "North Korea and the Armistice Negotiations",
    ]
    assert sum(row.published for row in progress.by_source) == len(quiz_questions(session)) > 0
    assert all(row.mastery == 0 and row.accuracy is None for row in progress.by_source)
    assert progress.cards.new == len(published(session))
    assert progress.cards.due_now == progress.cards.due_today == progress.cards.due_this_week == 0
    assert progress.recent == ()
    assert len(progress.daily) == 14 and all(d.total == 0 for d in progress.daily)


def test_accuracy_counts_mixups_apart_from_other_errors(session: Session) -> None:
    user = new_user(session)
    which = quiz_questions(session, type="which_source")
    typed = quiz_questions(session, type="typed")
    answer(session, user, which[0], True, NOW - timedelta(hours=3))
    answer(session, user, which[1], False, NOW - timedelta(hours=2), error_kind="attribution")
    answer(session, user, which[2], False, NOW - timedelta(hours=2), error_kind="attribution")
    answer(session, user, typed[0], False, NOW - timedelta(hours=1), error_kind="wrong")
    answer(session, user, typed[1], True, NOW - timedelta(minutes=5))

    totals = progress_for(session, user, NOW).totals
    assert (totals.attempts, totals.correct, totals.wrong) == (5, 2, 3)
    assert totals.accuracy == pytest.approx(0.4)
    assert totals.accuracy_percent == 40
    assert totals.attribution_mixups == 2
    assert totals.other_errors == 1


def test_mastery_follows_the_most_recent_attempt(session: Session) -> None:
    user = new_user(session)
    slipped, fixed = quiz_questions(session, source="dprk")[:2]
    # Inserted out of time order on purpose: the time of the answer decides, not the row's id.
    answer(session, user, slipped, False, NOW - timedelta(hours=1))
    answer(session, user, slipped, True, NOW - timedelta(days=2))
    answer(session, user, fixed, True, NOW - timedelta(hours=1))
    answer(session, user, fixed, False, NOW - timedelta(days=2))

    dprk = group(progress_for(session, user, NOW).by_source, "dprk")
    assert dprk.mastered == 1
    assert dprk.published == len(quiz_questions(session, source="dprk"))
    assert dprk.mastery == pytest.approx(1 / dprk.published)
    assert (dprk.attempts, dprk.correct, dprk.accuracy) == (4, 2, 0.5)


def test_answers_are_grouped_by_source_section_and_skill(session: Session) -> None:
    user = new_user(session)
    toast = quiz_questions(session, source="dprk", section="Stalin’s Toast", skill="close_reading")[0]
    opening = quiz_questions(session, source="weathersby", section=None, skill="sourcing")[0]
    answer(session, user, toast, True, NOW - timedelta(hours=2))
    answer(session, user, opening, False, NOW - timedelta(hours=1))
    progress = progress_for(session, user, NOW)

    dprk, paper = group(progress.by_source, "dprk"), group(progress.by_source, "weathersby")
    assert dprk.label == "Kim Il Sung and His Spirit of Independence"
    assert (dprk.attempts, dprk.correct, paper.attempts, paper.correct) == (1, 1, 1, 0)

    sections = progress.by_section
    assert sections[0].key is None and sections[0].label == "Opening"  # the opening comes first
    assert sections[0].detail == "the DPRK publication and Weathersby"
    assert (sections[0].attempts, sections[0].correct) == (1, 0)
    toast_row = group(sections, "Stalin’s Toast")
    assert (toast_row.attempts, toast_row.correct, toast_row.mastered) == (1, 1, 1)
    assert toast_row.published == len(quiz_questions(session, section="Stalin’s Toast"))
    assert toast_row.detail == "the DPRK publication"
    # Reading order: the DPRK publication's headings before the paper's, each in the order of the text.
    assert [row.label for row in sections].index("Stalin’s Toast") < [row.label for row in sections].index(
        "North Korean Attitudes"
    )

    assert [row.label for row in progress.by_skill] == [
        "Sourcing",
        "Close reading",
        "Corroboration",
        "Contextualization",
    ]
    skills = {row.key: row for row in progress.by_skill}
    assert skills["close_reading"].attempts == skills["sourcing"].attempts == 1
    assert sum(row.published for row in progress.by_skill) == len(quiz_questions(session))
    assert sum(row.attempts for row in progress.by_section) == 2


def test_another_learners_answers_and_reviews_never_count(session: Session) -> None:
    ana, ben = new_user(session, "ana"), new_user(session, "ben")
    question = quiz_questions(session)[0]
    answer(session, ben, question, True, NOW - timedelta(hours=1))
    answer(session, ben, question, False, NOW - timedelta(minutes=1), error_kind="attribution")
    review(session, ben, question, 1, NOW - timedelta(hours=1))
    answer(session, ana, question, False, NOW - timedelta(hours=2))

    progress = progress_for(session, ana, NOW)
    totals = progress.totals
    assert (totals.attempts, totals.correct, totals.attribution_mixups) == (1, 0, 0)
    assert sum(row.mastered for row in progress.by_source) == 0
    assert progress.cards.new == len(published(session)) and progress.cards.due_now == 0
    assert [item.correct for item in progress.recent] == [False]
    assert sum(d.total for d in progress.daily) == 1


def test_retired_questions_leave_mastery_but_their_answers_still_count(session: Session) -> None:
    user = new_user(session)
    kept, retired = quiz_questions(session, source="weathersby")[:2]
    answer(session, user, kept, True, NOW - timedelta(hours=2))
    answer(session, user, retired, True, NOW - timedelta(hours=1))
    review(session, user, retired, 3, NOW - timedelta(days=30))
    before = group(progress_for(session, user, NOW).by_source, "weathersby")

    session.get(Question, retired).status = "retired"
    session.flush()
    progress = progress_for(session, user, NOW)
    after = group(progress.by_source, "weathersby")
    assert (after.published, after.mastered) == (before.published - 1, 1)
    assert (after.attempts, after.correct) == (2, 2)
    assert (
        progress.cards.new == len(published(session))
        and progress.cards.reviewed == 0
        and progress.cards.due_now == 0
    )


def test_a_group_with_no_published_question_and_no_answer_is_left_out(session: Session) -> None:
    user = new_user(session)
    for question_id in quiz_questions(session, skill="contextualization"):
        session.get(Question, question_id).status = "retired"
    session.flush()
    assert "contextualization" not in [row.key for row in progress_for(session, user, NOW).by_skill]

    answer(session, user, question_id, True, NOW - timedelta(hours=1))  # the last retired one
    row = group(progress_for(session, user, NOW).by_skill, "contextualization")
    assert (row.attempts, row.published, row.mastery) == (1, 0, None)


def test_answers_group_by_the_revision_shown_and_mastery_by_the_current_one(session: Session) -> None:
    user = new_user(session)
    question_id = quiz_questions(session, skill="close_reading")[0]
    question = session.get(Question, question_id)
    shown = question.current_revision
    answer(session, user, question_id, True, NOW - timedelta(hours=1), revision=shown)
    content = {**shown.content(), "skill": "contextualization"}
    edited = QuestionRevision(
        question_id=question_id, number=shown.number + 1, author="t", reason="", **content
    )
    session.add(edited)
    question.current_revision_number = edited.number
    session.flush()

    skills = progress_for(session, user, NOW).by_skill
    close_reading, context = group(skills, "close_reading"), group(skills, "contextualization")
    assert (close_reading.attempts, close_reading.mastered) == (1, 0)
    assert (context.attempts, context.mastered) == (0, 1)


def test_cards_due_today_this_week_and_new(session: Session) -> None:
    user = new_user(session)
    ids = [q.id for q, _ in published(session)]
    histories = {
        ids[0]: [(1, NOW - timedelta(hours=2))],  # Again two hours ago: due again minutes later
        ids[1]: [(3, NOW - timedelta(minutes=1))],  # Good a minute ago: due later today
        ids[2]: [(3, NOW - timedelta(minutes=70)), (3, NOW - timedelta(minutes=60))],  # Good twice: in days
        ids[3]: [(4, NOW - timedelta(minutes=1)), (4, NOW)],  # Easy twice: weeks away
    }
    for question_id, history in histories.items():
        for rating, at in history:
            review(session, user, question_id, rating, at)
    dues = {q: card_state([Review(r, at) for r, at in h]).due for q, h in histories.items()}
    end_of_today = datetime(2025, 3, 15, tzinfo=UTC)
    assert dues[ids[0]] <= NOW  # the fixture does what its comments say
    assert NOW < dues[ids[1]] < end_of_today
    assert end_of_today <= dues[ids[2]] <= NOW + timedelta(days=7)
    assert dues[ids[3]] > NOW + timedelta(days=7)

    cards = progress_for(session, user, NOW).cards
    assert (cards.due_now, cards.due_today, cards.due_this_week) == (1, 2, 3)
    assert (cards.new, cards.reviewed) == (len(published(session)) - 4, 4)


def test_recent_history_is_the_last_fifteen_newest_first(session: Session) -> None:
    user = new_user(session)
    ids = quiz_questions(session, type="typed")
    for n in range(20):
        at = NOW - timedelta(minutes=100 - n)
        answer(session, user, ids[n % len(ids)], n % 3 == 0, at, response=f"r{n}")
    which = quiz_questions(session, type="which_source")[0]
    answer(session, user, which, False, NOW, error_kind="attribution", response="weathersby")

    recent = progress_for(session, user, NOW).recent
    assert len(recent) == 15
    times = [item.answered_at for item in recent]
    assert times == sorted(times, reverse=True)
    newest = recent[0]
    assert (newest.question_id, newest.correct, newest.error_kind, newest.verdict) == (
        which,
        False,
        "attribution",
        "Mix-up",
    )
    assert newest.response == "Weathersby"  # the source's name, not its id
    assert newest.answered_at == NOW and newest.answered_at.tzinfo is not None
    assert newest.prompt == session.get(Question, which).current_revision.prompt
    assert [item.response for item in recent[1:]] == [f"r{n}" for n in range(19, 5, -1)]
    assert recent[1].verdict == ("Right" if 19 % 3 == 0 else "Wrong")


def test_daily_series_covers_fourteen_days_including_quiet_ones(session: Session) -> None:
    user = new_user(session)
    question = quiz_questions(session)[0]
    today_start = datetime(2025, 3, 14, tzinfo=UTC)
    answer(session, user, question, True, today_start)  # midnight counts for today
    answer(session, user, question, False, NOW - timedelta(minutes=1))
    answer(session, user, question, True, NOW - timedelta(days=3))
    answer(session, user, question, True, today_start - timedelta(days=13))  # the oldest day shown
    answer(session, user, question, True, today_start - timedelta(days=13, seconds=1))  # one day too old
    answer(session, user, question, True, today_start + timedelta(days=1))  # tomorrow: not yet

    daily = progress_for(session, user, NOW).daily
    assert [d.day for d in daily] == [date(2025, 3, 1) + timedelta(days=i) for i in range(14)]
    assert (daily[-1].correct, daily[-1].wrong) == (1, 1)
    assert (daily[-4].correct, daily[-4].wrong) == (1, 0)
    assert (daily[0].correct, daily[0].wrong) == (1, 0)
    assert sum(d.total for d in daily) == 4
    assert sum(1 for d in daily if d.total == 0) == 11


def count_queries(session: Session, call: Callable[[], object]) -> int:
    statements = []

    def record(*args: object) -> None:
        statements.append(args[2])

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def bulk_attempts(session: Session, user: User, count: int) -> None:
    """Thousands of answers in two statements, spread over the bank and the last month."""
    revisions = [r for _, r in published(session) if r.type in quiz_types()]
    presentations, attempts = [], []
    for n in range(count):
        revision = revisions[n % len(revisions)]
        at = NOW - timedelta(minutes=13 * n)
        presentations.append(
            {
                "token": uuid.uuid4().hex,
                "user_id": user.id,
                "revision_id": revision.id,
                "mode": "quiz",
                "filters": {},
                "created_at": at,
            }
        )
        attempts.append(
            {
                "user_id": user.id,
                "question_id": revision.question_id,
                "revision_id": revision.id,
                "response": "x",
                "correct": n % 4 != 0,
                "error_kind": None if n % 4 else ("attribution" if n % 8 == 0 else "wrong"),
                "created_at": at,
            }
        )
    # The database numbers the rows (PostgreSQL's sequences must see them), in the order they were given.
    ids = session.scalars(
        insert(Presentation).returning(Presentation.id, sort_by_parameter_order=True), presentations
    )
    for attempt, presentation_id in zip(attempts, ids, strict=True):
        attempt["presentation_id"] = presentation_id
    session.execute(insert(Attempt), attempts)
    session.flush()


def test_a_fixed_number_of_queries_however_much_was_answered(session: Session) -> None:
    user = new_user(session)
    few = count_queries(session, lambda: progress_for(session, user, NOW))
    bulk_attempts(session, user, 3000)
    for question_id in quiz_questions(session)[:40]:
        review(session, user, question_id, 3, NOW - timedelta(days=2))
    many = count_queries(session, lambda: progress_for(session, user, NOW))
    assert few == many == 9  # eight for the figures, one for the kinds of question that are cards

    progress = progress_for(session, user, NOW)
    assert progress.totals.attempts == 3000
    assert progress.totals.attribution_mixups == 375 and progress.totals.other_errors == 375


def render(app: Flask, progress: Progress) -> str:
    """The page as a learner would get it; endpoints the page links to are stubbed if not there yet."""
    for endpoint in ("learner.quiz_start", "learner.cards", "learner.progress", "learner.dashboard"):
        if endpoint not in app.view_functions:
            app.add_url_rule(f"/_stub/{endpoint}", endpoint=endpoint, view_func=lambda: "")
    with app.test_request_context("/progress"):
        return render_template("learner/progress.html", progress=progress, chart=daily_chart(progress.daily))


def test_the_page_shows_accuracy_mixups_chart_and_history(loaded_app: Flask, session: Session) -> None:
    user = new_user(session)
    which = quiz_questions(session, type="which_source")
    typed = quiz_questions(session, type="typed")
    answer(session, user, which[0], True, NOW - timedelta(days=1))
    answer(session, user, which[1], False, NOW - timedelta(hours=3), "attribution", response="dprk")
    answer(session, user, typed[0], False, NOW - timedelta(hours=2), response="<b>Kim</b>")
    answer(session, user, typed[1], True, NOW - timedelta(hours=1))
    page = render(loaded_app, progress_for(session, user, NOW))

    assert "<strong>50%</strong> 2 of 4 answers right" in page
    assert "<dt>Source mix-ups</dt>" in page
    assert "<strong>1</strong> You named one source when the other says it." in page
    assert '<svg viewBox="0 0 360 220" width="100%" role="img"' in page
    assert "Last 14 days: 4 answers, 2 right" in page
    assert "Mix-up</strong>: you named the other source" in page
    assert "Your answer: The DPRK publication" in page
    assert "&lt;b&gt;Kim&lt;/b&gt;" in page and "<b>Kim</b>" not in page
    assert page.count("✓") == 2 and "✗" in page
    assert "Kim Il Sung and His Spirit of Independence" in page and "Close reading" in page
    assert "Answer a few questions to see your progress here." not in page


def test_the_page_tells_a_new_learner_what_to_do(loaded_app: Flask, session: Session) -> None:
    user = new_user(session)
    page = render(loaded_app, progress_for(session, user, NOW))
    assert "Answer a few questions to see your progress here." in page
    with loaded_app.test_request_context():
        from flask import url_for

        assert f'href="{url_for("learner.quiz_start")}"' in page
        assert f'href="{url_for("learner.cards")}"' in page
    assert "<svg" not in page
    assert f"<dt>New cards</dt><dd><strong>{len(published(session))}</strong>" in page
