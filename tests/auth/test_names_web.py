"""Names on the pages and commands: stored normalised, refused with invisible characters, and refused when
they look like a name already in the class (or a class of the same teacher)."""

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Classroom, ClassroomTeacher, User
from app.auth.services import create_classroom, enroll
from app.extensions import db
from tests.conftest import PASSWORD, log_in

CYRILLIC_ANA = "\u0410na"  # Cyrillic capital A, then Latin "na"
LOOKS_SAME = "looks the same as a name already in this class"


def join(client: FlaskClient, code: str, name: str):
    return client.post(
        "/join", data={"join_code": code, "username": name, "password": PASSWORD, "confirm": PASSWORD}
    )


def users() -> int:
    return db.session.scalar(select(func.count(User.id)))


def classes() -> int:
    return db.session.scalar(select(func.count(Classroom.id)))


@pytest.fixture
def ana_in_class(classroom: Classroom, make_user: Callable[..., User]) -> User:
    ana = make_user("Ana")
    enroll(db.session, ana, classroom)
    db.session.commit()
    return ana


# --- joining -----------------------------------------------------------------------------------------------


def test_a_lookalike_of_a_classmate_cannot_join(
    client: FlaskClient, classroom: Classroom, ana_in_class
) -> None:
    before = users()
    response = join(client, classroom.join_code, CYRILLIC_ANA)
    assert response.status_code == 200
    assert LOOKS_SAME in response.get_data(as_text=True)
    assert users() == before  # no account was left behind


def test_a_lookalike_of_the_teacher_cannot_join(client: FlaskClient, classroom: Classroom) -> None:
    response = join(client, classroom.join_code, "Ms Riv\u0435ra")  # Cyrillic small e
    assert LOOKS_SAME in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.role == "learner")) is None


def test_the_same_name_may_join_a_class_where_it_looks_like_no_one(
    client: FlaskClient, classroom: Classroom
) -> None:
    assert join(client, classroom.join_code, CYRILLIC_ANA).status_code == 302


def test_a_fullwidth_name_is_stored_normalised_and_logs_in_either_way(
    client: FlaskClient, classroom: Classroom
) -> None:
    assert join(client, classroom.join_code, "Ｂｅｎ Ｏｋａｆｏｒ").status_code == 302
    ben = db.session.scalar(select(User).where(User.role == "learner"))
    assert (ben.username, ben.username_key) == ("Ben Okafor", "ben okafor")
    client.post("/logout")
    log_in(client, "Ｂｅｎ Ｏｋａｆｏｒ")
    client.post("/logout")
    log_in(client, "ben okafor")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Ben\u200dny", "U+200D ZERO WIDTH JOINER"),
        ("\u202eyneB", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("Ben\x00ny", "NUL character"),
        ("\u200b\u200b\u200b", "invisible or control character"),
        ("\u3164\u3164", "U+3164 HANGUL FILLER"),
    ],
)
def test_joining_with_an_invisible_or_control_character_is_refused(
    client: FlaskClient, classroom: Classroom, name: str, message: str
) -> None:
    response = join(client, classroom.join_code, name)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.role == "learner")) is None


def test_a_guest_keeping_progress_under_a_lookalike_name_stays_a_guest(
    client: FlaskClient, classroom: Classroom, ana_in_class
) -> None:
    client.post("/guest")
    response = client.post(
        "/account/keep",
        data={
            "join_code": classroom.join_code,
            "username": CYRILLIC_ANA,
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert LOOKS_SAME in response.get_data(as_text=True)
    guest = db.session.scalar(select(User).where(User.role == "guest"))
    assert guest is not None and guest.username is None
    assert "/account/keep" in client.get("/account/keep").request.path  # still a guest, still logged in


def test_a_learner_whose_name_looks_like_a_member_cannot_join_another_class(
    client: FlaskClient, classroom: Classroom, ana_in_class, make_user: Callable[..., User]
) -> None:
    make_user(CYRILLIC_ANA)
    other = create_classroom(db.session, "History 11A", classroom.teacher)
    enroll(db.session, ana_in_class, other)
    db.session.commit()
    log_in(client, CYRILLIC_ANA)
    response = client.post("/join", data={"join_code": other.join_code})
    assert LOOKS_SAME in response.get_data(as_text=True)
    assert len(db.session.scalars(select(User).where(User.username == CYRILLIC_ANA)).one().enrollments) == 0


def test_setup_refuses_a_bidi_control(client: FlaskClient, app: Flask) -> None:
    response = client.post(
        "/setup", data={"username": "Ms Rivera\u202e", "password": PASSWORD, "confirm": PASSWORD}
    )
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in response.get_data(as_text=True)
    assert users() == 0


def test_a_name_typed_with_nul_at_login_is_refused_not_an_error(client: FlaskClient, learner: User) -> None:
    client.post("/logout")
    response = client.post("/login", data={"username": "A\x00na", "password": PASSWORD})
    assert response.status_code == 200
    assert "That name and password do not match." in response.get_data(as_text=True)


def test_a_name_stored_before_normalisation_still_logs_in(client: FlaskClient, loaded_app: Flask) -> None:
    old = User(username="Ｃleo", username_key="ｃleo", role="learner")  # not rewritten by these rules
    old.set_password(PASSWORD)
    db.session.add(old)
    db.session.commit()
    log_in(client, "Ｃleo")


# --- classes and co-teachers -------------------------------------------------------------------------------


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    log_in(client, "Ms Rivera")
    return classroom.teacher


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("History\u202e 11A", "The class name contains an invisible or control character (U+202E"),
        ("\u2066History 11A\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200b\u200b", "The class name contains an invisible or control character"),
        ("\u0397istory 10B", "looks the same as one of your classes"),  # Greek capital Eta
        ("ＨＩＳＴＯＲＹ １０Ｂ", "looks the same as one of your classes"),
    ],
)
def test_the_teacher_form_refuses_invisible_and_lookalike_class_names(
    client: FlaskClient, teacher: User, name: str, message: str
) -> None:
    response = client.post("/teach/classes", data={"name": name})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert classes() == 1


def test_a_fullwidth_class_name_is_stored_normalised(client: FlaskClient, teacher: User) -> None:
    assert client.post("/teach/classes", data={"name": "Ｈｉｓｔｏｒｙ １１Ａ"}).status_code == 302
    assert db.session.scalar(select(Classroom.name).order_by(Classroom.id.desc()).limit(1)) == "History 11A"


def test_a_co_teacher_whose_name_looks_like_a_learner_is_refused(
    client: FlaskClient, teacher: User, classroom: Classroom, make_user: Callable[..., User]
) -> None:
    enroll(db.session, make_user("Mr Okafor"), classroom)
    db.session.commit()
    make_user("Mr \u041ekafor", role="teacher")  # Cyrillic capital O
    response = client.post(f"/teach/classes/{classroom.id}/teachers", data={"username": "Mr \u041ekafor"})
    assert response.status_code == 400
    assert LOOKS_SAME in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ClassroomTeacher.id))) == 0


# --- the command line --------------------------------------------------------------------------------------


def test_the_cli_refuses_a_class_name_with_a_bidi_control(app: Flask, runner) -> None:
    runner.invoke(args=["users", "create", "rivera", "--role", "teacher", "--password", PASSWORD])
    result = runner.invoke(args=["classes", "create", "History\u202e 10B", "--teacher", "rivera"])
    assert result.exit_code == 1
    refusal = "classes create: The class name contains an invisible or control character (U+202E"
    assert refusal in result.output
    assert classes() == 0
    result = runner.invoke(args=["classes", "create", "History 10B", "--teacher", "ＲＩＶＥＲＡ"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["classes", "create", "Hist\u043ery 10B", "--teacher", "rivera"])
    assert result.exit_code == 1
    assert "looks the same as one of your classes" in result.output


def test_the_cli_refuses_a_username_with_a_zero_width_joiner(app: Flask, runner) -> None:
    args = ["users", "create", "A\u200dna", "--role", "learner", "--password", PASSWORD]
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert "users create: The name contains an invisible or control character (U+200D" in result.output
    assert users() == 0
