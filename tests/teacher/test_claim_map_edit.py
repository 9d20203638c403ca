"""The claim map's writing side: create and edit pairs under the grounding law, history, compare, restore."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import func, select

from app.auth.models import User
from app.bank.models import ClaimPair, ClaimPairRevision
from app.bank.services import load_bank
from app.extensions import db
from tests.conftest import LOST_NOTHING, PASSWORD, TOAST, log_in, write_bank

LIST = "/teach/claims"
PAIR = f"{LIST}/stalin-sacrifice"
BANQUET = "A grand banquet was held in honour of the delegation."
AUTARKY = "Kim Il Sung held to the autarkic model the Soviets had followed"


@pytest.fixture
def teacher(app: Flask, tmp_path: Path, client: FlaskClient, make_user: Callable[..., User]) -> User:
    """A teacher logged in on the tiny bank: one published pair, ``stalin-sacrifice``, two questions on it."""
    load_bank(db.session, write_bank(tmp_path / "bank"))
    user = make_user("Ms Rivera", role="teacher")
    log_in(client, "Ms Rivera")
    return user


def new_pair_form(**changes: str) -> dict[str, str]:
    form = {
        "pair_id": "banquet-and-autarky",
        "a_source": "dprk",
        "a_sentence": "",
        "a_quote": BANQUET,
        "b_source": "weathersby",
        "b_sentence": "",
        "b_quote": AUTARKY,
        "relation": "qualifies",
        "rationale": "A celebration of friendship against a stubborn planner.",
        "topic": "",
        "status": "draft",
    }
    return form | changes


def edit_form(pair: ClaimPair, base: int = 1, **changes: str) -> dict[str, str]:
    form = {
        "a_source": pair.a_source_id,
        "a_sentence": "",
        "a_quote": pair.a_quote,
        "b_source": pair.b_source_id,
        "b_sentence": "",
        "b_quote": pair.b_quote,
        "relation": pair.relation,
        "rationale": pair.rationale,
        "topic": pair.topic or "",
        "status": pair.status,
        "reason": "",
        "base_revision": str(base),
    }
    return form | changes


def revisions(pair_id: str) -> list[ClaimPairRevision]:
    return list(
        db.session.scalars(
            select(ClaimPairRevision)
            .where(ClaimPairRevision.claim_pair_id == pair_id)
            .order_by(ClaimPairRevision.number)
        )
    )


def pair_count() -> int:
    return db.session.scalar(select(func.count()).select_from(ClaimPair))


def stalin_pair() -> ClaimPair:
    db.session.expire_all()
    return db.session.get(ClaimPair, "stalin-sacrifice")


# --- create ----------------------------------------------------------------------------------------------


def test_a_teacher_creates_a_pair_from_pasted_quotes(teacher: User, client: FlaskClient) -> None:
    response = client.post(f"{LIST}/new", data=new_pair_form(topic="Moscow, 1949"))
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"{LIST}/banquet-and-autarky"
    )
    pair = db.session.get(ClaimPair, "banquet-and-autarky")
    assert (pair.a_quote, pair.b_quote, pair.relation, pair.status, pair.topic) == (
        BANQUET, AUTARKY, "qualifies", "draft", "Moscow, 1949"
    )  # fmt: skip
    [first] = revisions(pair.id)
    assert (first.number, first.author, first.content()["a_quote"]) == (1, "Ms Rivera", BANQUET)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "is created (revision 1)" in page and f"<mark>{BANQUET}</mark>" in page


def test_a_teacher_creates_a_pair_by_choosing_sentences(teacher: User, client: FlaskClient) -> None:
    form = client.get(f"{LIST}/new").get_data(as_text=True)
    # side A lists the DPRK publication's sentences, side B the paper's, grouped by paragraph
    a_menu = form.split('id="a_sentence"', 1)[1].split("</select>", 1)[0]
    b_menu = form.split('id="b_sentence"', 1)[1].split("</select>", 1)[0]
    assert 'value="dprk:17:2"' in a_menu and "weathersby:" not in a_menu
    assert 'value="weathersby:' in b_menu and '<optgroup label="Paragraph 1' in b_menu
    data = new_pair_form(a_quote="", a_sentence="dprk:17:2", b_quote="", b_sentence="weathersby:4:2")
    assert client.post(f"{LIST}/new", data=data).status_code == 302
    pair = db.session.get(ClaimPair, "banquet-and-autarky")
    assert pair.a_quote == BANQUET
    assert (
        pair.b_quote.startswith("Though this process was quite predictable")
        and "caught Kim Il Sung" in pair.b_quote
    )


def test_a_pasted_quote_with_other_quote_marks_and_dashes_gets_the_sources_words(
    teacher: User, client: FlaskClient
) -> None:
    typed = LOST_NOTHING.replace("’", "'").replace("“", '"').replace("”", '"').replace(" ", "  \n", 2)
    response = client.post(f"{LIST}/new", data=new_pair_form(b_quote=typed), follow_redirects=True)
    assert response.status_code == 200
    assert db.session.get(ClaimPair, "banquet-and-autarky").b_quote == LOST_NOTHING
    assert "Side B: quote marks, dashes or spacing differed; the source&#39;s exact words are used." in (
        response.get_data(as_text=True)
    )


def test_a_quote_not_in_its_source_is_refused_and_nothing_is_saved(
    teacher: User, client: FlaskClient
) -> None:
    before = pair_count()
    response = client.post(f"{LIST}/new", data=new_pair_form(b_quote="Stalin praised Kim as a genius."))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Side B: this quote is not in Weathersby" in page
    assert "Stalin praised Kim as a genius." in page  # what the teacher typed is kept, to correct it
    assert pair_count() == before and revisions("banquet-and-autarky") == []


def test_a_quote_in_the_wrong_source_is_refused(teacher: User, client: FlaskClient) -> None:
    response = client.post(f"{LIST}/new", data=new_pair_form(a_quote=AUTARKY))
    assert response.status_code == 400
    assert "Side A: this quote is not in The DPRK publication" in response.get_data(as_text=True)


def test_both_sides_in_one_source_are_refused(teacher: User, client: FlaskClient) -> None:
    response = client.post(f"{LIST}/new", data=new_pair_form(b_source="dprk", b_quote=TOAST))
    assert response.status_code == 400
    assert "The two sides must come from different sources" in response.get_data(as_text=True)
    assert db.session.get(ClaimPair, "banquet-and-autarky") is None


def test_an_id_in_use_or_malformed_is_refused(teacher: User, client: FlaskClient) -> None:
    taken = client.post(f"{LIST}/new", data=new_pair_form(pair_id="stalin-sacrifice"))
    assert taken.status_code == 400 and "exists already" in taken.get_data(as_text=True)
    assert stalin_pair().relation == "contradicts" and len(revisions("stalin-sacrifice")) == 1
    for bad in ("Has Spaces", "new"):
        assert client.post(f"{LIST}/new", data=new_pair_form(pair_id=bad)).status_code == 400
    assert pair_count() == 1


def test_an_empty_rationale_is_refused(teacher: User, client: FlaskClient) -> None:
    response = client.post(f"{LIST}/new", data=new_pair_form(rationale="  "))
    assert response.status_code == 400 and "Say how the two claims relate." in response.get_data(as_text=True)


# --- edit ------------------------------------------------------------------------------------------------


def test_an_edit_makes_a_revision_and_learners_feedback_shows_it(teacher: User, client: FlaskClient) -> None:
    data = edit_form(
        stalin_pair(), rationale="Gratitude in one, indifference in the other.", reason="clearer"
    )
    response = client.post(f"{PAIR}/edit", data=data, follow_redirects=True)
    assert "Saved as revision 2." in response.get_data(as_text=True)
    first, second = revisions("stalin-sacrifice")
    assert first.rationale.startswith("The sources give opposite pictures")  # the old words are kept
    assert (second.number, second.author, second.reason) == (2, "Ms Rivera", "clearer")
    assert stalin_pair().rationale == "Gratitude in one, indifference in the other."
    preview = client.get("/teach/questions/toast-tf").get_data(as_text=True)
    assert "Gratitude in one, indifference in the other." in preview


def test_saving_without_a_change_makes_no_revision(teacher: User, client: FlaskClient) -> None:
    response = client.post(f"{PAIR}/edit", data=edit_form(stalin_pair()), follow_redirects=True)
    assert "Nothing changed, so no new revision was made." in response.get_data(as_text=True)
    assert len(revisions("stalin-sacrifice")) == 1


def test_the_edit_form_starts_from_the_pair_and_its_latest_revision(
    teacher: User, client: FlaskClient
) -> None:
    page = client.get(f"{PAIR}/edit").get_data(as_text=True)
    assert str(escape(TOAST)) in page and str(escape(LOST_NOTHING)) in page
    assert re.search(r'id="base_revision" name="base_revision" type="hidden" value="1"', page)


def test_an_edit_on_a_stale_page_is_refused_and_keeps_the_other_save(
    teacher: User, client: FlaskClient
) -> None:
    client.post(f"{PAIR}/edit", data=edit_form(stalin_pair(), topic="first save"))
    late = client.post(f"{PAIR}/edit", data=edit_form(stalin_pair(), base=1, topic="second save"))
    assert late.status_code == 400
    assert "Someone saved this pair (revision 2) after you opened it; nothing was saved." in late.get_data(
        as_text=True
    )
    assert stalin_pair().topic == "first save" and len(revisions("stalin-sacrifice")) == 2


def test_retiring_a_pair_that_published_questions_use_is_refused_naming_them(
    teacher: User, client: FlaskClient
) -> None:
    for status in ("retired", "draft"):
        response = client.post(f"{PAIR}/edit", data=edit_form(stalin_pair(), status=status))
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert f"This pair cannot become {status}: 2 published question(s) depend on it" in page
        assert "lost-nothing-cloze, toast-tf" in page
    assert stalin_pair().status == "published" and len(revisions("stalin-sacrifice")) == 1


def test_a_pair_no_published_question_uses_can_be_retired(teacher: User, client: FlaskClient) -> None:
    client.post(f"{LIST}/new", data=new_pair_form(status="published"))
    pair = db.session.get(ClaimPair, "banquet-and-autarky")
    response = client.post(f"{LIST}/{pair.id}/edit", data=edit_form(pair, status="retired"))
    assert response.status_code == 302
    assert [r.status for r in revisions(pair.id)] == ["published", "retired"]


def test_html_typed_into_a_rationale_is_stored_as_typed_and_shown_as_text(
    teacher: User, client: FlaskClient
) -> None:
    script = '<script>document.title="owned"</script><img src=x onerror=alert(1)>'
    client.post(f"{PAIR}/edit", data=edit_form(stalin_pair(), rationale=script))
    assert stalin_pair().rationale == script
    for url in (PAIR, f"{PAIR}/revisions/1", f"{PAIR}/compare?from=1&to=2", "/teach/questions/toast-tf"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>document" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page or "&lt;script" in page, url


# --- history: view, compare, restore ---------------------------------------------------------------------


def edited_twice(client: FlaskClient) -> None:
    client.post(f"{PAIR}/edit", data=edit_form(stalin_pair(), rationale="Thanks against indifference."))
    client.post(f"{PAIR}/edit", data=edit_form(stalin_pair(), base=2, relation="qualifies", topic="toast"))


def test_two_revisions_are_compared_word_by_word(teacher: User, client: FlaskClient) -> None:
    edited_twice(client)
    page = client.get(f"{PAIR}/compare", query_string={"from": 1, "to": 3}).get_data(as_text=True)
    assert "Revision 1 against revision 3" in page and "3 field(s) differ" in page
    assert "<ins>Thanks against indifference.</ins>" in page
    assert "<del>contradicts</del><ins>qualifies</ins>" in page
    assert page.count('<span class="claim-changed">changed</span>') == 3
    # the order of the two numbers does not matter; one revision alone is not a comparison
    reversed_page = client.get(f"{PAIR}/compare", query_string={"from": 3, "to": 1}).get_data(as_text=True)
    assert reversed_page.split("<h1>", 1)[1] == page.split("<h1>", 1)[1]
    assert client.get(f"{PAIR}/compare", query_string={"from": 2, "to": 2}).status_code == 404
    assert client.get(f"{PAIR}/compare", query_string={"from": 1, "to": 9}).status_code == 404


def test_restoring_an_old_revision_adds_a_new_one_and_loses_nothing(
    teacher: User, client: FlaskClient
) -> None:
    edited_twice(client)
    view = client.get(f"{PAIR}/revisions/1").get_data(as_text=True)
    assert "Restore revision 1" in view and "Current (revision 3)" in view
    response = client.post(f"{PAIR}/revisions/1/restore", follow_redirects=True)
    assert "Restored revision 1 as revision 4" in response.get_data(as_text=True)
    history = revisions("stalin-sacrifice")
    assert [r.number for r in history] == [1, 2, 3, 4]
    assert history[3].content() == history[0].content() and history[3].reason == "restored revision 1"
    assert stalin_pair().relation == "contradicts" and stalin_pair().topic is None
    again = client.post(f"{PAIR}/revisions/1/restore", follow_redirects=True).get_data(as_text=True)
    assert "Revision 1 is what the pair already says; nothing changed." in again
    assert len(revisions("stalin-sacrifice")) == 4


def test_restoring_a_revision_that_would_strand_published_questions_is_refused(
    teacher: User, client: FlaskClient
) -> None:
    # A revision 1 saved as a draft, then published, then used by the published questions: going back
    # to the draft would hide the contrast of every published question on it.
    pair = stalin_pair()
    revision = revisions(pair.id)[0]
    revision.status = "draft"
    db.session.commit()
    response = client.post(f"{PAIR}/revisions/1/restore", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Revision 1 was not restored." in page and "lost-nothing-cloze, toast-tf" in page
    assert stalin_pair().status == "published" and len(revisions(pair.id)) == 1


def test_an_unknown_revision_is_a_404(teacher: User, client: FlaskClient) -> None:
    assert client.get(f"{PAIR}/revisions/7").status_code == 404
    assert client.post(f"{PAIR}/revisions/7/restore").status_code == 404


# --- CSRF ------------------------------------------------------------------------------------------------


@pytest.mark.csrf
def test_writes_without_the_forms_token_are_refused(
    app: Flask, tmp_path: Path, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    load_bank(db.session, write_bank(tmp_path / "bank"))
    make_user("Ms Rivera", role="teacher")
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"username": "Ms Rivera", "password": PASSWORD, "csrf_token": token})

    created = client.post(f"{LIST}/new", data=new_pair_form())
    assert created.status_code == 400 and "CSRF token is missing" in created.get_data(as_text=True)
    edited = client.post(f"{PAIR}/edit", data=edit_form(stalin_pair(), topic="forged"))
    assert edited.status_code == 400
    client.post(f"{PAIR}/revisions/1/restore")
    assert db.session.get(ClaimPair, "banquet-and-autarky") is None
    assert stalin_pair().topic is None and len(revisions("stalin-sacrifice")) == 1

    # with the token from the form, the same save goes through
    form = client.get(f"{LIST}/new").get_data(as_text=True)
    token = form.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    assert client.post(f"{LIST}/new", data=new_pair_form(csrf_token=token)).status_code == 302
