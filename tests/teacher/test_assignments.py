"""Assignments: the questions set, what counts as done and the score, closing, and who may see them."""

import random

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import Classroom
from app.auth.services import create_classroom, enroll
from app.bank.models import CURRENT_REVISION, Question, QuestionRevision
from app.bank.version import bump_bank_version
from app.extensions import db
from app.learner.assignments import AssignmentError, open_assignments, questions_left
from app.learner.models import Assignment, Presentation
from app.learner.quiz import QuizFilters
from app.teacher.classes import assignments
from tests.conftest import log_in
from tests.teacher.test_analytics import answer, enrolled


def set_assignment(classroom: Classroom, count: int = 3, **filters: str) -> Assignment:
    made = assignments.create_assignment(
        db.session,
        classroom,
        classroom.teacher,
        "Read closely",
        QuizFilters(**filters),
        [],
        count,
        rng=random.Random(7),
    )
    db.session.commit()
    return made


def question(question_id: str) -> Question:
    return db.session.get(Question, question_id)


def test_an_assignment_by_source_and_kind_holds_only_such_questions_and_at_most_the_number(
    classroom: Classroom,
) -> None:
    source = db.session.scalar(select(QuestionRevision.support_source_id).order_by(QuestionRevision.id))
    made = set_assignment(classroom, count=4, source=source, type="true_false")
    assert len(made.question_ids) == 4 and len(set(made.question_ids)) == 4
    revisions = db.session.scalars(
        select(QuestionRevision)
        .join(Question, CURRENT_REVISION)
        .where(Question.id.in_(made.question_ids), Question.status == "published")
    ).all()
    assert len(revisions) == 4
    assert {(r.support_source_id, r.type) for r in revisions} == {(source, "true_false")}


def test_hand_picked_ids_keep_their_order_are_limited_and_unknown_ones_are_refused(
    classroom: Classroom,
) -> None:
    ids = db.session.scalars(
        select(Question.id).where(Question.status == "published").order_by(Question.id.desc()).limit(3)
    ).all()
    picked = assignments.parse_question_ids(f"{ids[0]}, {ids[1]}\n{ids[2]} {ids[0]}")
    made = assignments.create_assignment(
        db.session, classroom, classroom.teacher, "Picked", QuizFilters(), picked, 2
    )
    assert made.question_ids == [ids[0], ids[1]] and made.selection == {"count": 2, "picked": True}
    with pytest.raises(assignments.AssignmentChoiceError, match="no-such-question"):
        assignments.choose_questions(db.session, QuizFilters(), ["no-such-question"], 1, random.Random(1))


def test_done_and_score_count_only_answers_given_after_the_assignment_was_set(
    classroom: Classroom, make_user
) -> None:
    ana, ben = enrolled(classroom, make_user, 2)
    early = set_assignment(classroom, type="true_false")
    first, second, third = (question(question_id) for question_id in early.question_ids)
    answer(ana, first, right=True)  # before the assignment below: does not count for it
    made = set_assignment(classroom, type="true_false")
    assert made.question_ids == early.question_ids  # the same seed chooses the same questions
    answer(ana, first, right=False)
    answer(ana, first, right=True)  # a second try does not change the first answer's verdict
    answer(ana, second, right=True)
    answer(ana, third, right=True)
    answer(ben, first, right=True)

    results = assignments.results_for(db.session, made)
    by_name = {row.name: row for row in results.learners}
    assert by_name["L1"].done and by_name["L1"].right_first == 2 and by_name["L1"].score_percent == 67
    assert not by_name["L2"].done and by_name["L2"].answered == 1 and by_name["L2"].score_percent is None
    assert results.done == 1
    assert [(m.question_id, m.missed, m.answered) for m in results.most_missed] == [(first.id, 1, 2)]
    summaries = {s.assignment.id: s.done for s in assignments.assignments_for(db.session, classroom)}
    assert summaries == {early.id: 1, made.id: 1}
    assert questions_left(db.session, ben, str(made.id)) == [second.id, third.id]
    assert [(o.done, o.total) for o in open_assignments(db.session, ben)] == [(1, 3), (1, 3)]


def test_closing_removes_it_from_the_learners_open_list_and_later_answers_do_not_count(
    classroom: Classroom, make_user
) -> None:
    (ana,) = enrolled(classroom, make_user, 1)
    made = set_assignment(classroom, count=2)
    assert [o.assignment.id for o in open_assignments(db.session, ana)] == [made.id]
    assignments.close_assignment(db.session, made)
    db.session.commit()
    assert open_assignments(db.session, ana) == []
    with pytest.raises(AssignmentError) as refused:
        questions_left(db.session, ana, str(made.id))
    assert refused.value.status == 410
    answer(ana, question(made.question_ids[0]))
    assert assignments.results_for(db.session, made).learners[0].answered == 0
    assert [s.assignment.is_closed for s in assignments.assignments_for(db.session, classroom)] == [True]


def test_a_question_retired_after_the_assignment_was_set_is_no_longer_asked(
    classroom: Classroom, make_user
) -> None:
    (ana,) = enrolled(classroom, make_user, 1)
    made = set_assignment(classroom, count=2)
    question(made.question_ids[0]).status = "retired"
    bump_bank_version(db.session)
    db.session.commit()
    assert questions_left(db.session, ana, str(made.id)) == made.question_ids[1:]
    # Answering every question still asked finishes it: "1 of 1 done", not "1 of 2" for ever.
    answer(ana, question(made.question_ids[1]))
    (seen,) = open_assignments(db.session, ana)
    assert (seen.done, seen.total, seen.finished) == (1, 1, True)
    assert questions_left(db.session, ana, str(made.id)) == []


def test_a_learner_of_another_class_neither_sees_nor_starts_it(classroom: Classroom, make_user) -> None:
    made = set_assignment(classroom)
    other = create_classroom(db.session, "Other", make_user("Mr Okafor", role="teacher"))
    ben = make_user("Ben")
    enroll(db.session, ben, other)
    db.session.commit()
    assert open_assignments(db.session, ben) == []
    with pytest.raises(AssignmentError) as refused:
        questions_left(db.session, ben, str(made.id))
    assert refused.value.status == 404


# --- through the pages -------------------------------------------------------------------------------------


@pytest.fixture
def teacher_client(client: FlaskClient, classroom: Classroom) -> FlaskClient:
    log_in(client, "Ms Rivera")
    return client


def test_a_teacher_sets_an_assignment_from_the_class_page(
    teacher_client: FlaskClient, classroom: Classroom
) -> None:
    page = teacher_client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert "Assignments" in page and "New assignment" in page
    form = teacher_client.get(f"/teach/classes/{classroom.id}/assignments/new").get_data(as_text=True)
    assert "Both sources" in form and "True or false" in form
    response = teacher_client.post(
        f"/teach/classes/{classroom.id}/assignments",
        data={"title": "Sourcing", "type": "which_source", "count": "3", "due_on": "2026-12-11"},
    )
    assert response.status_code == 302
    made = db.session.scalar(select(Assignment))
    assert made.title == "Sourcing" and len(made.question_ids) == 3 and str(made.due_on) == "2026-12-11"
    page = teacher_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sourcing" in page and "0 of 0 done" in page and "Close" in page
    assert teacher_client.post(f"{response.headers['Location']}/close").status_code == 302
    page = teacher_client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert "Sourcing" in page and "closed" in page


def test_a_choice_that_matches_nothing_is_refused_with_a_reason(
    teacher_client: FlaskClient, classroom: Classroom
) -> None:
    response = teacher_client.post(
        f"/teach/classes/{classroom.id}/assignments",
        data={"title": "Nothing", "picked": "no-such-id", "count": "3"},
    )
    assert response.status_code == 400 and "no-such-id" in response.get_data(as_text=True)
    assert db.session.scalar(select(Assignment)) is None


@pytest.mark.parametrize("path", ["", "/close"])
def test_another_teacher_gets_404_and_a_learner_403(
    client: FlaskClient, classroom: Classroom, make_user, path: str
) -> None:
    made = set_assignment(classroom)
    url = f"/teach/classes/{classroom.id}/assignments/{made.id}{path}"
    make_user("Mr Okafor", role="teacher")
    log_in(client, "Mr Okafor")
    send = client.post if path else client.get
    assert send(url).status_code == 404
    assert client.get(f"/teach/classes/{classroom.id}/assignments/new").status_code == 404
    client.post("/logout")
    (ana,) = enrolled(classroom, make_user, 1)
    log_in(client, ana.username)
    assert send(url).status_code == 403
    assert db.session.get(Assignment, made.id).closed_at is None


def test_a_learner_starts_an_assignment_and_gets_only_its_questions_until_done(
    client: FlaskClient, classroom: Classroom, make_user
) -> None:
    (ana,) = enrolled(classroom, make_user, 1)
    made = set_assignment(classroom, count=2)
    log_in(client, ana.username)
    page = client.get("/study").get_data(as_text=True)
    assert "Read closely" in page and "0 of 2 done" in page
    assert page.index("Read closely") < page.index("Meet the sources")
    asked = []
    for _ in range(2):
        response = client.post("/quiz/next", data={"assignment": str(made.id)})
        token = response.headers["Location"].rsplit("/", 1)[-1]
        presentation = db.session.scalar(select(Presentation).where(Presentation.token == token))
        assert presentation.filters == {"assignment": str(made.id)}
        asked.append(presentation.revision.question_id)
        assert client.post(f"/quiz/q/{token}", data={"response": "0"}).status_code == 302
    assert sorted(asked) == sorted(made.question_ids)  # each once: the one answered is not asked again
    assert "2 of 2 done" in client.get("/study").get_data(as_text=True)
    done = client.post("/quiz/next", data={"assignment": str(made.id)})
    assert done.status_code == 302 and done.headers["Location"].endswith("/study")


def test_a_learner_cannot_start_another_class_s_assignment(
    client: FlaskClient, classroom: Classroom, make_user
) -> None:
    made = set_assignment(classroom)
    make_user("Ben")
    log_in(client, "Ben")
    assert client.post("/quiz/next", data={"assignment": str(made.id)}).status_code == 404
