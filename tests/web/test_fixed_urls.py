"""The menu's and the style sheet's links are built once per worker, yet follow the prefix the app is
mounted under on each request (a proxy may mount one app under several)."""

from flask.testing import FlaskClient


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
