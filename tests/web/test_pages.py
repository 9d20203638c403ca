"""The pages the README's first command shows: home and the reading view of each source."""

from flask import Flask
from flask.testing import FlaskClient


def test_home_before_the_bank_is_loaded_says_how_to_load_it(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert "No sources loaded yet" in page
    assert "flask --app app bank load" in page


def test_home_introduces_both_sources(loaded_app: Flask, client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert "Kim Il Sung and His Spirit of Independence" in page
    assert "North Korea and the Armistice Negotiations" in page
    assert "Kathryn Weathersby" in page
    assert 'href="/sources/weathersby"' in page
    assert "60 footnotes" in page


def test_reading_view_of_the_paper_shows_headings_passages_and_footnotes(
    loaded_app: Flask, client: FlaskClient
) -> None:
    response = client.get("/sources/weathersby")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h2>Requests for Aid for Postwar Reconstruction</h2>" in page
    assert 'id="weathersby-fn53"' in page
    assert 'id="weathersby-fn60"' in page
    assert "have lost nothing, except people" in page
    assert "[footnoteRef" not in page
    assert "[bookmark" not in page


def test_reading_view_of_the_state_text_joins_wrapped_lines(loaded_app: Flask, client: FlaskClient) -> None:
    page = client.get("/sources/dprk").get_data(as_text=True)
    assert "<h2>Stalin’s Toast</h2>" in page
    assert "maintained the principle of independence throughout his life." in page
    assert "About this source" in page


def test_unknown_source_is_a_clear_404(loaded_app: Flask, client: FlaskClient) -> None:
    response = client.get("/sources/nope")
    assert response.status_code == 404
    assert "There is no source with that id." in response.get_data(as_text=True)


def test_404_as_json_for_clients_that_ask(loaded_app: Flask, client: FlaskClient) -> None:
    response = client.get("/sources/nope", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"] == "Not Found"


def test_stylesheet_is_served_by_the_app(client: FlaskClient) -> None:
    with client.get("/static/counterpoint.css") as response:
        assert response.status_code == 200
        assert "--measure" in response.get_data(as_text=True)
