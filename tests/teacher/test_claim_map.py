"""The claim map's reading side: who may see it, the filtered list, one pair's page and the suggestions."""

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import select

from app.auth.models import User
from app.bank.models import ClaimPair, ClaimPairRevision
from app.bank.services import load_bank
from app.extensions import db
from tests.conftest import LOST_NOTHING, TINY_PAIRS, TOAST, log_in, write_bank

LIST = "/teach/claims"
PAIR = f"{LIST}/stalin-sacrifice"
EXTRA_PAIR = """\
  - id: banquet-and-flour
    a: {source: dprk, quote: "A grand banquet was held in honour of the delegation."}
    b: {source: weathersby, quote: "Kim Il Sung held to the autarkic model the Soviets had followed"}
    relation: qualifies
    rationale: The publication's banquet against the paper's stubborn planner.
    topic: Moscow, 1949
    status: draft
"""


@pytest.fixture
def bank(app: Flask, tmp_path: Path) -> Path:
    """The tiny bank (one published pair with two questions) plus a draft pair no question uses."""
    root = write_bank(tmp_path / "bank", pairs=TINY_PAIRS + EXTRA_PAIR)
    load_bank(db.session, root)
    return root


@pytest.fixture
def teacher(bank: Path, client: FlaskClient, make_user: Callable[..., User]) -> User:
    user = make_user("Ms Rivera", role="teacher")
    log_in(client, "Ms Rivera")
    return user


def listed(page: str) -> list[str]:
    return [
        pid for pid in re.findall(r'href="/teach/claims/([a-z0-9-]+)"', page) if pid not in ("new", "suggest")
    ]


# --- access ----------------------------------------------------------------------------------------------

PAGES = (LIST, PAIR, f"{PAIR}/edit", f"{PAIR}/revisions/1", f"{LIST}/new", f"{LIST}/suggest")


def test_anonymous_visitors_are_sent_to_log_in(bank: Path, client: FlaskClient) -> None:
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    response = client.post(f"{LIST}/new", data={"pair_id": "sneaky"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["learner", "guest"])
def test_learners_and_guests_are_refused_every_page_and_action(
    bank: Path, client: FlaskClient, make_user: Callable[..., User], role: str
) -> None:
    make_user("Ana", role=role)
    log_in(client, "Ana")
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "This page is for teachers." in response.get_data(as_text=True)
    for url in (f"{LIST}/new", f"{PAIR}/edit", f"{PAIR}/revisions/1/restore"):
        assert client.post(url, data={"pair_id": "sneaky", "rationale": "x"}).status_code == 403
    assert db.session.get(ClaimPair, "sneaky") is None


def test_teachers_see_the_claim_map_in_the_menu(teacher: User, client: FlaskClient) -> None:
    assert f'href="{LIST}"' in client.get("/teach/").get_data(as_text=True)


def test_an_unknown_pair_is_a_404_that_names_it(teacher: User, client: FlaskClient) -> None:
    response = client.get(f"{LIST}/no-such-pair")
    assert response.status_code == 404
    assert "no-such-pair" in response.get_data(as_text=True)


# --- the list --------------------------------------------------------------------------------------------


def test_the_list_shows_every_pair_with_its_relation_status_and_questions(
    teacher: User, client: FlaskClient
) -> None:
    page = client.get(LIST).get_data(as_text=True)
    assert "2 pairs in the bank" in page
    assert listed(page) == ["banquet-and-flour", "stalin-sacrifice"]
    card = page.split('href="/teach/claims/stalin-sacrifice"', 1)[1].split("</li>", 1)[0]
    assert "contradicts" in card and "published" in card and "2 questions" in card
    assert str(escape(TOAST)) in card  # short enough to show whole
    assert "have lost nothing" in card
    draft = page.split('href="/teach/claims/banquet-and-flour"', 1)[1].split("</li>", 1)[0]
    assert "qualifies" in draft and "draft" in draft and "0 questions" in draft and "Moscow, 1949" in draft


def test_the_list_filters_by_relation_status_and_source_and_searches(
    teacher: User, client: FlaskClient
) -> None:
    def ids(**args: str) -> list[str]:
        return listed(client.get(LIST, query_string=args).get_data(as_text=True))

    assert ids(relation="qualifies") == ["banquet-and-flour"]
    assert ids(status="published") == ["stalin-sacrifice"]
    assert ids(status="retired") == []
    assert ids(source="dprk") == ["banquet-and-flour", "stalin-sacrifice"]
    assert ids(q="HEARTFELT") == ["stalin-sacrifice"]  # a quote's words, any case
    assert ids(q="moscow") == ["banquet-and-flour"]  # the topic
    assert ids(q="stubborn") == ["banquet-and-flour"]  # the rationale
    page = client.get(LIST, query_string={"q": "nothing like this"}).get_data(as_text=True)
    assert "0 of 2 pairs match" in page and "No pair matches these filters." in page


# --- one pair --------------------------------------------------------------------------------------------


def test_the_pair_page_shows_both_quotes_highlighted_in_their_paragraphs(
    teacher: User, client: FlaskClient
) -> None:
    page = client.get(PAIR).get_data(as_text=True)
    marks = re.findall(r"<mark>(.*?)</mark>", page, flags=re.S)
    assert marks == [str(escape(TOAST)), str(escape(LOST_NOTHING))]
    # each quote stands in its paragraph: text around the highlight, and a link to read it in full
    assert re.search(r"<p>[^<]+<mark>" + re.escape(str(escape(TOAST))), page)
    assert page.count('href="/sources/dprk#dprk-p') >= 1 and 'href="/sources/weathersby#weathersby-p' in page
    assert "contradicts" in page
    assert (
        str(escape("The sources give opposite pictures of how Stalin regarded North Korea's sacrifices."))
        in page
    )


def test_the_pair_page_links_the_questions_that_hang_on_it(teacher: User, client: FlaskClient) -> None:
    page = client.get(PAIR).get_data(as_text=True)
    assert "Questions that hang on this pair (2)" in page
    assert 'href="/teach/questions/toast-tf"' in page and 'href="/teach/questions/lost-nothing-cloze"' in page
    draft_page = client.get(f"{LIST}/banquet-and-flour").get_data(as_text=True)
    assert "No question uses this pair yet." in draft_page
    assert "Draft: no published question may use this pair yet." in draft_page


def test_the_pair_page_shows_its_history(teacher: User, client: FlaskClient) -> None:
    page = client.get(PAIR).get_data(as_text=True)
    assert "History (1 revision)" in page
    assert f'href="{PAIR}/revisions/1"' in page and "bank load" in page


def test_html_in_a_rationale_is_shown_as_text(teacher: User, client: FlaskClient) -> None:
    pair = db.session.get(ClaimPair, "stalin-sacrifice")
    pair.rationale = "<script>alert('x')</script><b>bold</b>"
    db.session.commit()
    for url in (PAIR, f"{PAIR}/edit"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in page and "<b>bold</b>" not in page
        assert str(escape("<script>alert('x')</script>")) in page


# --- suggestions -----------------------------------------------------------------------------------------

SUGGEST = f"{LIST}/suggest"


def counterparts(page: str) -> list[str]:
    return re.findall(r'<li class="counterpart( is-weak)?">', page)


def test_suggestions_rank_the_other_sources_sentences_with_scores(teacher: User, client: FlaskClient) -> None:
    # "At the talks the Soviet side officially proposed that the DPRK join the CMEA …": the paper answers it
    # (the post-Stalin leaders' rejection of autarky), so the first suggestion is confident.
    page = client.get(SUGGEST, query_string={"source": "dprk", "sentence": "dprk:5:2"}).get_data(as_text=True)
    assert "Counterparts in Weathersby" in page
    found = counterparts(page)
    assert len(found) == 5
    assert found[0] == "" and " is-weak" in found  # a confident first choice, weak ones marked below it
    scores = [float(s) for s in re.findall(r"score (\d\.\d{3})", page)]
    assert scores == sorted(scores, reverse=True) and len(scores) == 5
    assert page.count("low confidence") == found.count(" is-weak")


def test_suggestions_say_no_counterpart_honestly(teacher: User, client: FlaskClient) -> None:
    # "When presiding over an important meeting in May 1988, …": the paper is silent on it.
    page = client.get(SUGGEST, query_string={"source": "dprk", "sentence": "dprk:9:1"}).get_data(as_text=True)
    assert counterparts(page) == []
    assert "No counterpart." in page and "may be silent on this point" in page


def test_a_pasted_claim_part_of_a_sentence_gets_suggestions_too(teacher: User, client: FlaskClient) -> None:
    claim = "Kim Il Sung refused to blindly follow the line"
    page = client.get(SUGGEST, query_string={"source": "dprk", "quote": claim}).get_data(as_text=True)
    assert "Counterparts in Weathersby" in page and claim in page
    assert counterparts(page)
    assert f'href="{LIST}/new?a_source=dprk&amp;a_quote=Kim' in page


def test_one_click_prefills_a_new_pair_from_a_candidate(teacher: User, client: FlaskClient) -> None:
    page = client.get(SUGGEST, query_string={"source": "dprk", "sentence": "dprk:21:1"}).get_data(
        as_text=True
    )
    link = re.search(r'<p class="counterpart-make"><a href="([^"]+)"', page).group(1).replace("&amp;", "&")
    first = re.search(r'<p class="counterpart-text">(.*?)</p>', page, flags=re.S).group(1)
    form = client.get(link).get_data(as_text=True)
    a_quote = re.search(r'<textarea[^>]*id="a_quote"[^>]*>(.*?)</textarea>', form, flags=re.S).group(1)
    b_quote = re.search(r'<textarea[^>]*id="b_quote"[^>]*>(.*?)</textarea>', form, flags=re.S).group(1)
    assert a_quote.strip().startswith("Under his leadership, the Korean People’s Revolutionary Army")
    assert b_quote.strip() == first  # side B's quote box holds the candidate
    a_menu = form.split('id="a_source"', 1)[1].split("</select>", 1)[0]
    b_menu = form.split('id="b_source"', 1)[1].split("</select>", 1)[0]
    assert '<option selected value="dprk">' in a_menu and '<option selected value="weathersby">' in b_menu


def test_the_pair_page_ranks_counterparts_for_side_a(teacher: User, client: FlaskClient) -> None:
    page = client.get(PAIR).get_data(as_text=True)
    assert "counterparts for side A in Weathersby" in page
    assert counterparts(page) or "No counterpart." in page


def test_every_pair_starts_with_its_first_revision(teacher: User) -> None:
    numbers = db.session.execute(select(ClaimPairRevision.claim_pair_id, ClaimPairRevision.number)).all()
    assert sorted(tuple(row) for row in numbers) == [("banquet-and-flour", 1), ("stalin-sacrifice", 1)]


def test_each_suggestion_shows_a_proposed_relation_and_its_rationale(
    teacher: User, client: FlaskClient
) -> None:
    page = client.get(SUGGEST, query_string={"source": "dprk", "sentence": "dprk:21:1"}).get_data(
        as_text=True
    )
    relations = re.findall(r'<span class="relation relation-(\w+)">', page)
    rationales = re.findall(r'<p class="counterpart-rationale">(.*?)</p>', page, flags=re.S)
    assert len(relations) == len(rationales) == len(counterparts(page)) == 5
    assert set(relations) <= {"contradicts", "qualifies", "corroborates"}
    for rationale in rationales:
        assert "check" in rationale.casefold() and "score" not in rationale


def test_picking_a_suggestion_prefills_its_relation_and_rationale(teacher: User, client: FlaskClient) -> None:
    page = client.get(SUGGEST, query_string={"source": "dprk", "sentence": "dprk:21:1"}).get_data(
        as_text=True
    )
    relation = re.search(r'<span class="relation relation-(\w+)">', page).group(1)
    rationale = re.search(r'<p class="counterpart-rationale">(.*?)</p>', page, flags=re.S).group(1)
    link = re.search(r'<p class="counterpart-make"><a href="([^"]+)"', page).group(1)
    form = client.get(html.unescape(link)).get_data(as_text=True)
    written = re.search(r'<textarea[^>]*id="rationale"[^>]*>(.*?)</textarea>', form, flags=re.S).group(1)
    assert html.unescape(written).strip() == html.unescape(rationale).strip()
    menu = form.split('id="relation"', 1)[1].split("</select>", 1)[0]
    assert f'<option selected value="{relation}">' in menu
