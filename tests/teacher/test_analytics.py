"""Item analysis and the learner detail page: numbers worked out by hand on a class built here."""

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, select

from app.auth.models import Classroom, User
from app.auth.services import create_classroom, enroll
from app.bank.models import Question
from app.extensions import db
from app.learner import quiz
from app.teacher.classes import analytics
from app.teacher.classes.analytics import ItemStats, item_analysis, point_biserial
from tests.conftest import log_in
from tests.learner.test_quiz import show


def questions_of(kind: str, count: int) -> list[Question]:
    found = db.session.scalars(
        select(Question).where(Question.status == "published").order_by(Question.id)
    ).all()
    return [q for q in found if q.current_revision.type == kind][:count]


def answer(user: User, question: Question, option: str | None = None, right: bool = True) -> None:
    """Answer through the quiz service: ``option`` by stored value, else the answer or a fixed wrong one."""
    presentation = show(user, question.id)
    revision = presentation.revision
    expected = str(revision.answer).lower() if revision.type == "true_false" else revision.answer
    if option is None:
        wrong = sorted(o for o in presentation.choice_order if o != expected)[0]
        option = expected if right else wrong
    quiz.submit_answer(db.session, user, presentation.token, str(presentation.choice_order.index(option)))


def first_wrong(question: Question) -> str:
    revision = question.current_revision
    return sorted(o for o in revision.choices if o != revision.answer)[0]


def enrolled(
    classroom: Classroom, make_user: Callable[..., User], count: int, prefix: str = "L"
) -> list[User]:
    users = [make_user(f"{prefix}{n}") for n in range(1, count + 1)]
    for user in users:
        enroll(db.session, user, classroom)
    db.session.commit()
    return users


@contextmanager
def counting_queries() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


# Six learners, four multiple-choice questions A-D, everyone answers all four (1 right, 0 wrong):
#        A  B  C  D
#   L1   1  1  1  1
#   L2   1  1  0  1
#   L3   1  0  1  1
#   L4   0  1  0  1     (L4 then retries A and gets it right: a retry changes no first-attempt figure)
#   L5   0  0  0  1
#   L6   0  0  1  1
# Rest score = share right on the other three. D is always right, so it only shifts every rest score by the
# same third and leaves the correlations of A, B, C as on the other two items alone:
#   A: x = 1,1,1,0,0,0 against B+C = 2,1,1,1,0,1: cov = 1/12 (in halves), sd_x = 1/2, sd_y = 1/sqrt(12),
#      so r = (1/12) / (1/2 * 1/sqrt(12)) = 1/sqrt(3) = 0.577; facility 3/6 = 0.5.
#   B: x = 1,1,0,1,0,0 against A+C = 2,1,2,0,0,1: the cross products cancel, r = 0: flagged.
#   C: x = 1,0,1,0,0,1 against A+B = 2,2,1,1,0,0: r = 0: flagged.
#   D: facility 1.0 > 0.95: flagged; discrimination None (x does not vary).
PATTERN = {
    "L1": (1, 1, 1, 1),
    "L2": (1, 1, 0, 1),
    "L3": (1, 0, 1, 1),
    "L4": (0, 1, 0, 1),
    "L5": (0, 0, 0, 1),
    "L6": (0, 0, 1, 1),
}


@pytest.fixture
def six(classroom: Classroom, make_user: Callable[..., User]) -> list[Question]:
    items = questions_of("multiple_choice", 4)
    learners = enrolled(classroom, make_user, 6)
    for user in learners:
        for question, right in zip(items, PATTERN[user.username], strict=True):
            answer(user, question, right=bool(right))
    answer(learners[3], items[0], right=True)  # L4's retry of A
    return items


def by_id(stats: tuple[ItemStats, ...]) -> dict[str, ItemStats]:
    return {item.question_id: item for item in stats}


def test_facility_and_discrimination_match_the_hand_worked_class(classroom: Classroom, six) -> None:
    a, b, c, d = six
    stats = by_id(item_analysis(db.session, classroom.id))
    assert set(stats) == {q.id for q in six}
    assert (stats[a.id].attempts, stats[a.id].learners, stats[a.id].first_correct) == (7, 6, 3)
    assert stats[a.id].facility == 0.5
    assert stats[a.id].discrimination == pytest.approx(1 / math.sqrt(3))
    assert stats[b.id].discrimination == pytest.approx(0, abs=1e-9)
    assert stats[c.id].discrimination == pytest.approx(0, abs=1e-9)
    assert stats[d.id].facility == 1.0 and stats[d.id].discrimination is None


def test_option_counts_list_every_option_including_never_chosen(classroom: Classroom, six) -> None:
    a = six[0]
    item = by_id(item_analysis(db.session, classroom.id))[a.id]
    revision = a.current_revision
    assert [o.option for o in item.options] == revision.choices
    counts = {o.option: o.chosen for o in item.options}
    assert counts[revision.answer] == 3  # first attempts only: L4's right retry is not counted
    assert counts[first_wrong(a)] == 3
    never = [o for o in item.options if o.chosen == 0]
    assert never and all(not o.is_answer for o in never)
    assert [o.is_answer for o in item.options].count(True) == 1
    assert item.other_responses == 0 and item.mixups == 0


def test_flags_and_flagged_items_first(classroom: Classroom, six) -> None:
    a, b, c, d = six
    stats = item_analysis(db.session, classroom.id)
    flagged = {item.question_id for item in stats if item.needs_checking}
    assert flagged == {b.id, c.id, d.id}
    assert [item.question_id for item in stats] == [*sorted([b.id, c.id, d.id]), a.id]
    items = by_id(stats)
    assert any("Low discrimination" in flag for flag in items[b.id].flags)
    assert any("Very easy" in flag for flag in items[d.id].flags)
    assert items[a.id].flags == ()  # six learners: too few for the never-chosen-distractor rule


def test_discrimination_needs_five_learners(classroom: Classroom, make_user) -> None:
    a, b = questions_of("multiple_choice", 2)
    learners = enrolled(classroom, make_user, 4)
    for user, right in zip(learners, (True, True, False, False), strict=True):
        answer(user, a, right=right)
        answer(user, b, right=right)
    stats = by_id(item_analysis(db.session, classroom.id))
    assert stats[a.id].discrimination is None and stats[a.id].flags == ()
    assert stats[a.id].facility == 0.5


def test_one_learner_s_answer_flags_nothing_and_the_page_says_why(
    teacher_client: FlaskClient, classroom: Classroom, make_user
) -> None:
    (question,) = questions_of("multiple_choice", 1)
    (learner,) = enrolled(classroom, make_user, 1)
    answer(learner, question, right=False)  # facility 0: "very hard", were it enough to judge
    (item,) = item_analysis(db.session, classroom.id)
    assert item.flags == ()
    page = teacher_client.get(f"/teach/classes/{classroom.id}/items").get_data(as_text=True)
    assert "Too few learners to judge yet (1 of 5)" in page and "Needs checking</strong>" not in page
    assert f"/teach/questions/{question.id}/edit" in page and f'href="/teach/questions/{question.id}"' in page


def test_a_distractor_never_chosen_by_ten_learners_is_flagged(classroom: Classroom, make_user) -> None:
    (question,) = questions_of("multiple_choice", 1)
    learners = enrolled(classroom, make_user, 10)
    for n, user in enumerate(learners[:9]):
        answer(user, question, right=n % 2 == 0)  # 5 right, 4 chose the same wrong option
    item = item_analysis(db.session, classroom.id)[0]
    assert item.learners == 9 and item.flags == ()
    answer(learners[9], question, right=False)
    item = item_analysis(db.session, classroom.id)[0]
    unchosen = [o.label for o in item.options if o.chosen == 0]
    assert item.learners == 10 and item.facility == 0.5
    assert unchosen and item.flags == tuple(f"Distractor never chosen: “{label}”" for label in unchosen)


def test_which_source_options_are_sources_and_mix_ups_count_every_attempt(
    classroom: Classroom, make_user
) -> None:
    sources = ("dprk", "weathersby")
    question = next(q for q in questions_of("which_source", 99) if q.current_revision.answer in sources)
    ana, ben = enrolled(classroom, make_user, 2)
    revision = question.current_revision  # a mix-up names one source for the other, not "both"
    wrong_source = next(s for s in ("dprk", "weathersby") if s != revision.answer)
    answer(ana, question, option=wrong_source)
    answer(ana, question, option=wrong_source)
    answer(ben, question, option=revision.answer)
    item = item_analysis(db.session, classroom.id)[0]
    assert [o.option for o in item.options] == [*quiz.source_ids(db.session), "both", "neither"]
    assert {o.option: o.chosen for o in item.options}[wrong_source] == 1
    assert item.mixups == 2 and item.attempts == 3 and item.learners == 2
    assert "Both" in [o.label for o in item.options]


def test_only_the_class_s_enrolled_learners_count(classroom: Classroom, make_user) -> None:
    (question,) = questions_of("multiple_choice", 1)
    (ana,) = enrolled(classroom, make_user, 1)
    outsider = make_user("Outsider")
    answer(ana, question, right=True)
    answer(outsider, question, right=False)
    assert item_analysis(db.session, classroom.id)[0].learners == 1
    assert item_analysis(db.session, classroom.id + 99) == ()


def test_item_analysis_runs_three_queries_whatever_the_size(classroom: Classroom, make_user, six) -> None:
    classroom_id = classroom.id
    db.session.expire_all()
    with counting_queries() as small:
        item_analysis(db.session, classroom_id)
    more = questions_of("multiple_choice", 10)[4:] + questions_of("true_false", 3)
    for user in enrolled(classroom, make_user, 5, prefix="M"):
        for question in more:
            answer(user, question, right=True)
    db.session.expire_all()
    with counting_queries() as large:
        stats = item_analysis(db.session, classroom_id)
    assert len(stats) == 4 + len(more)
    assert len(small) == len(large) == 3


def test_point_biserial_is_pearsons_r() -> None:
    pairs = [(1.0, 0.9), (1.0, 0.4), (0.0, 0.5), (0.0, 0.1), (1.0, 0.7)]
    mean1, mean0, p = (0.9 + 0.4 + 0.7) / 3, 0.3, 3 / 5
    ys = [y for _, y in pairs]
    sd = math.sqrt(sum((y - sum(ys) / 5) ** 2 for y in ys) / 5)
    assert point_biserial(pairs) == pytest.approx((mean1 - mean0) / sd * math.sqrt(p * (1 - p)))
    assert point_biserial([(1.0, 0.5)] * 5) is None


# --- pages -----------------------------------------------------------------------------------------------


@pytest.fixture
def teacher_client(client: FlaskClient, classroom: Classroom) -> FlaskClient:
    log_in(client, "Ms Rivera")
    return client


def test_the_item_page_shows_figures_flags_and_the_method(
    teacher_client: FlaskClient, classroom: Classroom, six
) -> None:
    page = teacher_client.get(f"/teach/classes/{classroom.id}/items").get_data(as_text=True)
    assert "first attempt" in page and "point-biserial" in page
    assert "3 need checking" in page and page.count("Needs checking</strong>") == 3
    assert "0.58" in page and "0.50" in page
    a, b = six[0], six[1]
    assert page.index(f"<code>{b.id}</code>") < page.index(f"<code>{a.id}</code>")
    for choice in a.current_revision.choices:
        assert str(choice).replace("'", "&#39;").replace('"', "&#34;") in page
    class_page = teacher_client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert f"/teach/classes/{classroom.id}/items" in class_page
    assert f"/teach/classes/{classroom.id}/progress.csv" in class_page


def test_an_empty_class_has_an_empty_item_page(teacher_client: FlaskClient, classroom: Classroom) -> None:
    page = teacher_client.get(f"/teach/classes/{classroom.id}/items").get_data(as_text=True)
    assert "No learner in this class has answered a question yet." in page


def test_the_learner_page_shows_mastery_by_source_and_section(
    teacher_client: FlaskClient, classroom: Classroom, six
) -> None:
    l1 = db.session.scalar(select(User).where(User.username == "L1"))
    page = teacher_client.get(f"/teach/classes/{classroom.id}/learners/{l1.id}").get_data(as_text=True)
    assert "<h1>L1</h1>" in page
    assert "By source" in page and "By section" in page and "Mastery" in page
    assert "100%" in page and "4 of 4 answers right" in page
    roster = teacher_client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert f'href="/teach/classes/{classroom.id}/learners/{l1.id}"' in roster


ANALYTICS_URLS = [
    "/teach/classes/{room}/items",
    "/teach/classes/{room}/learners/{learner}",
    "/teach/classes/{room}/progress.csv",
]


@pytest.mark.parametrize("url", ANALYTICS_URLS)
def test_a_learner_gets_403(client: FlaskClient, classroom: Classroom, make_user, url: str) -> None:
    (ana,) = enrolled(classroom, make_user, 1, prefix="Ana")
    log_in(client, "Ana1")
    response = client.get(url.format(room=classroom.id, learner=ana.id))
    assert response.status_code == 403


@pytest.mark.parametrize("url", ANALYTICS_URLS)
def test_another_teacher_gets_404(client: FlaskClient, classroom: Classroom, make_user, url: str) -> None:
    (ana,) = enrolled(classroom, make_user, 1, prefix="Ana")
    make_user("Mr Okafor", role="teacher")
    log_in(client, "Mr Okafor")
    assert client.get(url.format(room=classroom.id, learner=ana.id)).status_code == 404


@pytest.mark.parametrize("url", ANALYTICS_URLS)
def test_anonymous_visitors_are_sent_to_log_in(client: FlaskClient, classroom: Classroom, url: str) -> None:
    response = client.get(url.format(room=classroom.id, learner=1))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_learner_of_another_class_is_not_found(
    teacher_client: FlaskClient, classroom: Classroom, make_user
) -> None:
    ben = make_user("Ben")
    other = create_classroom(db.session, "Other", make_user("Mr Okafor", role="teacher"))
    enroll(db.session, ben, other)
    db.session.commit()
    assert teacher_client.get(f"/teach/classes/{classroom.id}/learners/{ben.id}").status_code == 404


def test_thresholds_are_as_the_issue_asks() -> None:
    assert analytics.LOW_DISCRIMINATION == 0.2 and analytics.MIN_LEARNERS_FOR_DISCRIMINATION == 5
    assert (analytics.HIGH_FACILITY, analytics.LOW_FACILITY) == (0.95, 0.2)
    assert analytics.MIN_LEARNERS_FOR_UNCHOSEN_DISTRACTOR == 10
