"""The claim map keeps the bank's contrast rules: silence pairs, one relation for the same two claims, and
no edit that takes a published question's own claim out of its pair."""

from markupsafe import escape

from app.auth.models import User
from app.bank.models import ClaimPair
from app.extensions import db
from tests.conftest import LOST_NOTHING, TOAST
from tests.teacher.test_claim_map_edit import LIST, PAIR, edit_form, new_pair_form, pair_count, teacher

__all__ = ["teacher"]  # the logged-in teacher on the tiny bank, shared with the claim map's edit tests

PATIENCE = "The communist allies must therefore endure and be patient."
WHY_SILENT = "The publication never mentions the war's last years: it honours a leader, not a stalemate."


def silence_form(**changes: str) -> dict[str, str]:
    return (
        new_pair_form(
            pair_id="patience-silence",
            a_quote="",
            b_quote=PATIENCE,
            relation="silent",
            rationale=WHY_SILENT,
            status="published",
        )
        | changes
    )


def test_a_silence_pair_is_made_with_one_side_left_empty(teacher: User, client) -> None:
    response = client.post(f"{LIST}/new", data=silence_form(), follow_redirects=True)
    assert response.status_code == 200
    pair = db.session.get(ClaimPair, "patience-silence")
    assert pair is not None and pair.silent_source_id == "dprk" and pair.a_quote == ""
    page = client.get(f"{LIST}/patience-silence").get_data(as_text=True)
    assert "Silent: this source says nothing on the point." in page
    assert str(escape(WHY_SILENT)) in page
    assert "<mark></mark>" not in page


def test_a_silence_needs_exactly_one_empty_side(teacher: User, client) -> None:
    before = pair_count()
    both_quoted = client.post(f"{LIST}/new", data=silence_form(a_quote=TOAST)).get_data(as_text=True)
    assert "A silence pair quotes one side and leaves the other side" in both_quoted
    assert pair_count() == before


def test_the_same_two_claims_cannot_carry_another_relation(teacher: User, client) -> None:
    before = pair_count()
    data = new_pair_form(a_quote=TOAST, b_quote=LOST_NOTHING, relation="qualifies")
    page = client.post(f"{LIST}/new", data=data).get_data(as_text=True)
    assert (
        "The pair “stalin-sacrifice” sets the same two claims against each other and calls it contradicts"
        in (page.replace("&#34;", '"'))
    )
    assert pair_count() == before
    same = new_pair_form(a_quote=TOAST, b_quote=LOST_NOTHING, relation="contradicts")
    assert client.post(f"{LIST}/new", data=same).status_code == 302


def test_an_edit_that_moves_a_pair_off_its_questions_claims_is_refused(teacher: User, client) -> None:
    pair = db.session.get(ClaimPair, "stalin-sacrifice")
    other_sentence = "This was an unprecedented event for him, who had never before revealed his feelings"
    page = client.post(f"{PAIR}/edit", data=edit_form(pair, a_quote=other_sentence)).get_data(as_text=True)
    assert "These published questions would lose their own claim in this pair" in page
    assert "toast-tf" in page
    db.session.refresh(pair)
    assert pair.a_quote == TOAST


def test_the_claim_map_filters_silence_pairs(teacher: User, client) -> None:
    client.post(f"{LIST}/new", data=silence_form())
    page = client.get(LIST, query_string={"relation": "silent"}).get_data(as_text=True)
    assert '<option value="silent" selected>silent</option>' in page
    assert "patience-silence" in page and "stalin-sacrifice" not in page
    assert "silent: says nothing on this point" in page
