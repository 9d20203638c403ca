"""Every request reads the account afresh (as one plain row): a change to it shows on the very next page."""

from collections.abc import Callable

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy import delete, update

from app.auth.models import Enrollment, LoginSession, User
from app.extensions import db
from tests.conftest import log_in


@pytest.fixture(autouse=True)
def each_request_loads_its_own_user(app: Flask) -> None:
    """pytest-flask keeps one app context (and Flask-Login's cached user) for the whole test; a server
    starts every request afresh, as this makes the test client do."""

    @app.before_request
    def forget_cached_user() -> None:
        g.pop("_login_user", None)


def test_a_role_change_applies_to_the_next_request(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    teacher = make_user("Ms Rivera", role="teacher")
    log_in(client, "Ms Rivera")
    assert client.get("/teach/").status_code == 200

    db.session.execute(update(User).where(User.id == teacher.id).values(role="learner"))
    db.session.commit()

    assert client.get("/teach/").status_code == 403
    assert client.get("/study").status_code == 200


def test_a_removed_account_is_logged_out(
    app: Flask, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    gone = make_user("Ben")
    log_in(client, "Ben")
    assert client.get("/study").status_code == 200

    db.session.execute(delete(LoginSession).where(LoginSession.user_id == gone.id))
    db.session.execute(delete(Enrollment).where(Enrollment.user_id == gone.id))
    db.session.execute(delete(User).where(User.id == gone.id))
    db.session.commit()

    response = client.get("/study")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_study_page_names_the_learners_classes(
    loaded_app: Flask, client: FlaskClient, classroom, make_user: Callable[..., User]
) -> None:
    from app.auth.services import enroll

    ana = make_user("Ana")
    enroll(db.session, ana, classroom)
    db.session.commit()
    log_in(client, "Ana")

    page = client.get("/study").get_data(as_text=True)

    assert "Hello, Ana" in page
    assert "Your class: History 10B" in page
