"""The teacher's tools: first-run setup, access by role, classes, join codes, the roster and co-teachers."""

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Classroom, Enrollment, User
from app.auth.services import AccountError, create_classroom, create_first_teacher, enroll
from app.extensions import db
from app.learner.models import Attempt
from app.teacher.classes import services
from tests.conftest import PASSWORD, log_in
from tests.learner.test_quiz import first_question, right_option_index, show

NEW_PASSWORD = "a fresh temporary one"


def _now() -> datetime:
    return datetime.now(UTC)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def set_up(client: FlaskClient, name: str = "Rivera", password: str = PASSWORD, confirm: str | None = None):
    return client.post(
        "/setup", data={"username": name, "password": password, "confirm": confirm or password}
    )


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    """The classroom's teacher, logged in on ``client``."""
    log_in(client, "Ms Rivera")
    return classroom.teacher


# --- first run -------------------------------------------------------------------------------------------


def test_a_fresh_install_offers_setup_on_the_home_page(client: FlaskClient, app: Flask) -> None:
    page = client.get("/").get_data(as_text=True)
    assert "Set up this classroom" in page and 'href="/setup"' in page
    assert client.get("/setup").status_code == 200


def test_setup_creates_the_first_teacher_logs_in_and_then_is_gone(client: FlaskClient, app: Flask) -> None:
    response = set_up(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/teach/"
    rivera = db.session.scalar(select(User).where(User.username == "Rivera"))
    assert rivera.role == "teacher" and rivera.password_hash.startswith("scrypt:")
    assert "My classes" in client.get("/teach/").get_data(as_text=True)
    client.post("/logout")
    assert "Set up this classroom" not in client.get("/").get_data(as_text=True)
    assert client.get("/setup").status_code == 404
    assert set_up(client, name="Intruder").status_code == 404
    assert count(User) == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"password": "short"}, "A password needs at least 8 characters (and at most 200)."),
        ({"confirm": "something else"}, "The passwords differ."),
        ({"name": "X"}, "A name needs at least 2 characters (and at most 40)."),
    ],
)
def test_setup_with_bad_input_says_what_is_wrong(client: FlaskClient, app: Flask, fields, message) -> None:
    response = set_up(
        client,
        name=fields.get("name", "Rivera"),
        password=fields.get("password", PASSWORD),
        confirm=fields.get("confirm"),
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(User) == 0


def test_setup_is_refused_by_the_service_once_a_teacher_exists(app: Flask, make_user) -> None:
    """The check runs inside the writing transaction, so a setup that lost a race cannot add a teacher."""
    with app.app_context():
        create_first_teacher(db.session, "First", PASSWORD)
        db.session.commit()
        with pytest.raises(AccountError, match="already set up"):
            create_first_teacher(db.session, "Second", PASSWORD)
        db.session.rollback()
        assert count(User) == 1


def test_setup_is_gone_once_any_teacher_exists_even_from_the_command(client: FlaskClient, runner) -> None:
    result = runner.invoke(args=["users", "create", "rivera", "--role", "teacher", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert client.get("/setup").status_code == 404


# --- access ----------------------------------------------------------------------------------------------

TEACHER_URLS = [
    ("GET", "/teach/"),
    ("POST", "/teach/classes"),
    ("GET", "/teach/classes/{room}"),
    ("GET", "/teach/classes/{room}/code"),
    ("POST", "/teach/classes/{room}/code"),
    ("POST", "/teach/classes/{room}/teachers"),
    ("POST", "/teach/classes/{room}/cards"),
    ("GET", "/teach/classes/{room}/learners/{learner}/password"),
    ("POST", "/teach/classes/{room}/learners/{learner}/password"),
    ("GET", "/teach/classes/{room}/learners/{learner}/remove"),
    ("POST", "/teach/classes/{room}/learners/{learner}/remove"),
]


def _call(client: FlaskClient, method: str, url: str, classroom: Classroom, learner_id: int):
    target = url.format(room=classroom.id, learner=learner_id)
    return client.get(target) if method == "GET" else client.post(target, data={"password": NEW_PASSWORD})


@pytest.mark.parametrize(("method", "url"), TEACHER_URLS)
def test_a_learner_gets_403_on_every_teacher_page(
    client: FlaskClient, classroom: Classroom, learner: User, method: str, url: str
) -> None:
    enroll(db.session, learner, classroom)
    db.session.commit()
    response = _call(client, method, url, classroom, learner.id)
    assert response.status_code == 403
    assert "This page is for teachers." in response.get_data(as_text=True)
    assert db.session.get(User, learner.id).check_password(PASSWORD)
    assert count(Enrollment) == 1


@pytest.mark.parametrize(("method", "url"), TEACHER_URLS)
def test_a_guest_gets_403_on_every_teacher_page(
    client: FlaskClient, classroom: Classroom, method: str, url: str
) -> None:
    client.post("/guest")
    response = _call(client, method, url, classroom, 1)
    assert response.status_code == 403
    assert "This page is for teachers." in response.get_data(as_text=True)


@pytest.mark.parametrize(("method", "url"), TEACHER_URLS)
def test_anonymous_visitors_are_sent_to_log_in(
    client: FlaskClient, classroom: Classroom, method: str, url: str
) -> None:
    response = _call(client, method, url, classroom, 1)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_another_teachers_class_is_not_found(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    other = create_classroom(db.session, "Other class", make_user("Mr Okafor", role="teacher"))
    ben = make_user("Ben")
    enroll(db.session, ben, other)
    db.session.commit()
    for method, url in TEACHER_URLS[2:]:
        assert _call(client, method, url, other, ben.id).status_code == 404, url
    assert "Other class" not in client.get("/teach/").get_data(as_text=True)
    assert db.session.get(User, ben.id).check_password(PASSWORD)
    assert count(Enrollment) == 1


def test_a_teacher_cannot_reset_the_password_of_a_teacher_who_joined_as_a_learner(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    okafor = make_user("Mr Okafor", role="teacher")
    enroll(db.session, okafor, classroom)
    db.session.commit()
    url = f"/teach/classes/{classroom.id}/learners/{okafor.id}/password"
    assert client.post(url, data={"password": NEW_PASSWORD}).status_code == 404
    assert db.session.get(User, okafor.id).check_password(PASSWORD)


def test_a_teacher_logging_in_lands_on_their_classes(client: FlaskClient, classroom: Classroom) -> None:
    response = client.post("/login", data={"username": "Ms Rivera", "password": PASSWORD})
    assert response.headers["Location"] == "/teach/"
    assert 'href="/teach/"' in client.get("/study").get_data(as_text=True)


# --- classes ---------------------------------------------------------------------------------------------


def test_create_a_class_and_see_its_code(client: FlaskClient, teacher: User) -> None:
    response = client.post("/teach/classes", data={"name": "  History   11A "})
    assert response.status_code == 302
    room = db.session.scalar(select(Classroom).where(Classroom.name == "History 11A"))
    assert room.teacher_id == teacher.id
    assert response.headers["Location"] == f"/teach/classes/{room.id}"
    page = client.get("/teach/").get_data(as_text=True)
    assert room.join_code in page and "History 11A" in page and "History 10B" in page


@pytest.mark.parametrize(("name", "message"), [("   ", "A class needs a name."), ("x" * 121, "at most 120")])
def test_a_class_name_is_checked(client: FlaskClient, teacher: User, name: str, message: str) -> None:
    response = client.post("/teach/classes", data={"name": name})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(Classroom) == 1


def test_a_class_name_with_html_is_shown_as_text(client: FlaskClient, teacher: User) -> None:
    client.post("/teach/classes", data={"name": "<script>alert(1)</script>"})
    room = db.session.scalar(select(Classroom).where(Classroom.name.like("<script>%")))
    for url in ("/teach/", f"/teach/classes/{room.id}"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_new_join_code_replaces_the_old_one(
    client: FlaskClient, classroom: Classroom, teacher: User
) -> None:
    old = classroom.join_code
    response = client.post(f"/teach/classes/{classroom.id}/code")
    assert response.status_code == 302
    new = db.session.get(Classroom, classroom.id).join_code
    assert new != old
    assert new in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post("/logout")
    data = {"username": "Ben", "password": PASSWORD, "confirm": PASSWORD}
    refused = client.post("/join", data={**data, "join_code": old})
    assert "No class has that code." in refused.get_data(as_text=True)
    assert client.post("/join", data={**data, "join_code": new}).status_code == 302
    assert count(Enrollment) == 1


def test_the_roster_shows_each_learners_figures(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    ana, ben = make_user("Ana"), make_user("Ben")
    enroll(db.session, ana, classroom)
    enroll(db.session, ben, classroom)
    db.session.commit()
    learner_client = client.application.test_client()
    log_in(learner_client, "Ana")
    for kind, right in (("multiple_choice", True), ("true_false", True), ("which_source", False)):
        presentation = show(ana, first_question(kind).id)
        index = right_option_index(presentation)
        response = index if right else str((int(index) + 1) % len(presentation.choice_order))
        learner_client.post(f"/quiz/q/{presentation.token}", data={"response": response})
    rows = {row.name: row for row in services.roster(db.session, classroom, _now())}
    assert (rows["Ana"].answered, rows["Ana"].correct, rows["Ana"].accuracy_percent) == (3, 2, 67)
    assert rows["Ana"].last_active is not None
    assert (rows["Ben"].answered, rows["Ben"].accuracy_percent, rows["Ben"].last_active) == (0, None, None)
    page = client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert "Learners (2)" in page and "67%" in page and "not yet" in page
    assert page.index("Ana") < page.index("Ben")


def test_the_roster_counts_cards_due(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    ana = make_user("Ana")
    enroll(db.session, ana, classroom)
    db.session.commit()
    learner_client = client.application.test_client()
    log_in(learner_client, "Ana")
    page = learner_client.get("/cards/review").get_data(as_text=True)
    token = page.split('action="/cards/review/', 1)[1].split('"', 1)[0]
    learner_client.post(f"/cards/review/{token}", data={"rating": "1"})  # Again: due again within minutes
    later = services.roster(db.session, classroom, _now() + timedelta(days=1))
    assert later[0].cards_due == 1
    assert later[0].last_active is not None


def test_a_teacher_resets_a_learners_password(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    ana = make_user("Ana")
    enroll(db.session, ana, classroom)
    db.session.commit()
    url = f"/teach/classes/{classroom.id}/learners/{ana.id}/password"
    assert "Reset Ana's password" in client.get(url).get_data(as_text=True)
    short = client.post(url, data={"password": "short"})
    assert short.status_code == 400
    assert "A password needs at least 8 characters (and at most 200)." in short.get_data(as_text=True)
    response = client.post(url, data={"password": NEW_PASSWORD})
    assert response.status_code == 302
    assert "Tell them the new one" in client.get(response.headers["Location"]).get_data(as_text=True)
    other = client.application.test_client()
    refused = other.post("/login", data={"username": "Ana", "password": PASSWORD})
    assert "That name and password do not match." in refused.get_data(as_text=True)
    log_in(other, "Ana", NEW_PASSWORD)
    assert db.session.get(User, ana.id).password_hash.startswith("scrypt:")


def test_removing_a_learner_keeps_their_answers(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    ana = make_user("Ana")
    enroll(db.session, ana, classroom)
    db.session.commit()
    learner_client = client.application.test_client()
    log_in(learner_client, "Ana")
    presentation = show(ana, first_question("true_false").id)
    learner_client.post(f"/quiz/q/{presentation.token}", data={"response": "0"})
    url = f"/teach/classes/{classroom.id}/learners/{ana.id}/remove"
    assert "Their account, answers and flashcard reviews are kept" in client.get(url).get_data(as_text=True)
    assert client.post(url).status_code == 302
    assert count(Enrollment) == 0
    assert count(Attempt) == 1
    assert db.session.get(User, ana.id) is not None
    assert "No learners yet" in client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert client.get(url).status_code == 404


# --- co-teachers -----------------------------------------------------------------------------------------


def test_a_co_teacher_sees_and_runs_the_class(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    make_user("Mr Okafor", role="teacher")
    make_user("Ana")
    url = f"/teach/classes/{classroom.id}/teachers"
    for name, message in (
        ("Ana", "No teacher is called “Ana”."),
        ("Nobody", "No teacher is called “Nobody”."),
        ("ms rivera", "Ms Rivera already teaches this class."),
    ):
        response = client.post(url, data={"username": name})
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert client.post(url, data={"username": "mr okafor"}).status_code == 302
    assert "Mr Okafor already teaches" in client.post(url, data={"username": "Mr Okafor"}).get_data(
        as_text=True
    )
    okafor = client.application.test_client()
    log_in(okafor, "Mr Okafor")
    page = okafor.get("/teach/").get_data(as_text=True)
    assert "History 10B" in page and classroom.join_code in page and "co-teaching with Ms Rivera" in page
    assert okafor.get(f"/teach/classes/{classroom.id}").status_code == 200
    assert okafor.post(f"/teach/classes/{classroom.id}/code").status_code == 302


def test_a_new_join_code_is_confirmed_first(client: FlaskClient, classroom: Classroom, teacher: User) -> None:
    old = classroom.join_code
    page = client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert f'href="/teach/classes/{classroom.id}/code"' in page
    assert (
        f'action="/teach/classes/{classroom.id}/code"' not in page
    )  # no one-click rotation on the class page
    confirm = client.get(f"/teach/classes/{classroom.id}/code").get_data(as_text=True)
    assert f'The old code <strong class="join-code-inline">{old}</strong> stops working at once' in confirm
    assert f"Keep {old}" in confirm
    assert db.session.get(Classroom, classroom.id).join_code == old  # asking changes nothing
    assert client.post(f"/teach/classes/{classroom.id}/code").status_code == 302
    assert db.session.get(Classroom, classroom.id).join_code != old


def _co_teach(classroom: Classroom, *names: str, make_user) -> list[User]:
    teachers = [make_user(name, role="teacher") for name in names]
    for teacher in teachers:
        services.add_co_teacher(db.session, classroom, teacher.username)
    db.session.commit()
    return teachers


def _teachers_of(classroom: Classroom) -> list[str]:
    room = db.session.get(Classroom, classroom.id)
    return [room.teacher.display_name] + [t.display_name for t in services.co_teachers(db.session, room)]


def test_a_teacher_removes_a_co_teacher_after_confirming(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    (okafor,) = _co_teach(classroom, "Mr Okafor", make_user=make_user)
    page = client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    url = f"/teach/classes/{classroom.id}/teachers/{okafor.id}/remove"
    assert f'href="{url}"' in page
    assert "Mr Okafor will no longer see this class" in client.get(url).get_data(as_text=True)
    assert _teachers_of(classroom) == ["Ms Rivera", "Mr Okafor"]
    assert client.post(url).status_code == 302
    assert _teachers_of(classroom) == ["Ms Rivera"]
    assert client.get(url).status_code == 404
    okafor_client = client.application.test_client()
    log_in(okafor_client, "Mr Okafor")
    assert okafor_client.get(f"/teach/classes/{classroom.id}").status_code == 404


def test_a_co_teacher_may_leave_but_not_remove_the_creator(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    _co_teach(classroom, "Mr Okafor", make_user=make_user)
    okafor = client.application.test_client()
    log_in(okafor, "Mr Okafor")
    creator = f"/teach/classes/{classroom.id}/teachers/{classroom.teacher_id}/remove"
    refused = okafor.post(creator)
    assert refused.status_code == 400
    assert "Only Ms Rivera can take themself off the class they created." in refused.get_data(as_text=True)
    me = db.session.scalar(select(User).where(User.username == "Mr Okafor"))
    leave = f"/teach/classes/{classroom.id}/teachers/{me.id}/remove"
    assert "Leave History 10B?" in okafor.get(leave).get_data(as_text=True)
    response = okafor.post(leave)
    assert response.status_code == 302 and response.headers["Location"] == "/teach/"
    assert _teachers_of(classroom) == ["Ms Rivera"]
    classes = okafor.get("/teach/").get_data(as_text=True)
    assert "You no longer teach History 10B." in classes
    assert f'href="/teach/classes/{classroom.id}"' not in classes


def test_the_last_teacher_cannot_leave_and_a_leaving_creator_hands_the_class_on(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    url = f"/teach/classes/{classroom.id}/teachers/{teacher.id}/remove"
    alone = client.post(url)
    assert alone.status_code == 400
    assert "You are this class&#39;s only teacher, and a class always keeps one." in alone.get_data(
        as_text=True
    )
    assert _teachers_of(classroom) == ["Ms Rivera"]
    _co_teach(classroom, "Mr Okafor", "Ms Bose", make_user=make_user)
    assert "The co-teacher added first takes the class over." in client.get(url).get_data(as_text=True)
    assert client.post(url).status_code == 302
    assert _teachers_of(classroom) == ["Mr Okafor", "Ms Bose"]
    assert client.get(f"/teach/classes/{classroom.id}").status_code == 404


def test_a_teacher_of_another_class_cannot_be_removed_here(
    client: FlaskClient, classroom: Classroom, make_user, teacher: User
) -> None:
    stranger = make_user("Mr Okafor", role="teacher")
    assert client.get(f"/teach/classes/{classroom.id}/teachers/{stranger.id}/remove").status_code == 404
    assert client.post(f"/teach/classes/{classroom.id}/teachers/{stranger.id}/remove").status_code == 404


# --- CSRF ------------------------------------------------------------------------------------------------


@pytest.mark.csrf
def test_a_teacher_post_without_a_token_is_refused(client: FlaskClient, classroom: Classroom) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"username": "Ms Rivera", "password": PASSWORD, "csrf_token": token})
    old = classroom.join_code
    assert client.post(f"/teach/classes/{classroom.id}/code").status_code == 400
    assert client.post("/teach/classes", data={"name": "Sneaky"}).status_code == 400
    assert db.session.get(Classroom, classroom.id).join_code == old
    assert count(Classroom) == 1


@pytest.mark.csrf
def test_setup_without_a_token_creates_nobody(client: FlaskClient, app: Flask) -> None:
    assert set_up(client).status_code == 400
    assert count(User) == 0
