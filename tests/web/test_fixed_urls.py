"""The menu's and the style sheet's links are built once per worker, yet follow the prefix the app is
mounted under on each request (a proxy may mount one app under several)."""

from collections.abc import Callable

from flask import g
from flask.testing import FlaskClient

from app.auth.models import User
from tests.conftest import log_in


def test_menu_links_follow_the_prefix_of_each_request(client: FlaskClient) -> None:
    plain = client.get("/meet").get_data(as_text=True)
    mounted = client.get("/meet", base_url="http://localhost/school").get_data(as_text=True)
    plain_again = client.get("/meet").get_data(as_text=True)

    assert 'href="/static/counterpoint.css"' in plain
    assert 'href="/login"' in plain
    assert 'href="/school/static/counterpoint.css"' in mounted
    assert 'href="/school/login"' in mounted
    assert 'href="/school/join"' in mounted
    assert "/school/" not in plain_again
    assert plain_again == plain


def test_each_kind_of_visitor_keeps_its_own_menu(client: FlaskClient, make_user: Callable[..., User]) -> None:
    """The menu is drawn once per kind of visitor: one worker serving a teacher, a learner, a guest and
    nobody gives each the menu that is theirs, with their own name on the log-out button."""
    make_user("Rivera", role="teacher")
    make_user("Ana")
    menus = {}
    for who in ("Rivera", "Ana", "guest", None):
        g.pop("_login_user", None)  # pytest-flask's one app context would keep the last browser's user
        browser = client.application.test_client()
        if who == "guest":
            browser.post("/guest")
        elif who is not None:
            log_in(browser, who)
        page = browser.get("/meet").get_data(as_text=True)
        menus[who] = page[page.index('<ul class="nav-links">') : page.index("</ul>")]
    assert "My classes" in menus["Rivera"] and "(Rivera)" in menus["Rivera"]
    assert "My classes" not in menus["Ana"] and "(Ana)" in menus["Ana"] and "Password" in menus["Ana"]
    assert "Keep my progress" in menus["guest"] and "Password" not in menus["guest"]
    assert "Log in" in menus[None] and "Log out" not in menus[None] and "Study" not in menus[None]
