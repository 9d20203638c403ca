"""The question editor in the browser: who may use it, one form per kind, grounding, publishing, bad input."""

import random
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Classroom, User
from app.bank.models import ClaimPair, Question, QuestionRevision
from app.extensions import db
from app.learner import quiz
from app.learner.cards import deck_for
from app.sources.models import Passage
from tests.conftest import LOST_NOTHING, PASSWORD, TOAST, log_in

NEW = "/teach/questions/new"
PAIR = "editor-toast-pair"  # made by the ``teacher`` fixture: the toast against "lost nothing, except people"
STRAIGHT_LOST_NOTHING = LOST_NOTHING.replace("’", "'").replace("“", '"').replace("”", '"')


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    db.session.add(toast_pair(PAIR, "published"))
    db.session.commit()
    log_in(client, "Ms Rivera")
    return classroom.teacher


def toast_pair(pair_id: str, status: str, dprk_quote: str = TOAST) -> ClaimPair:
    return ClaimPair(
        id=pair_id,
        a_source_id="dprk",
        a_quote=dprk_quote,
        b_source_id="weathersby",
        b_quote=LOST_NOTHING,
        relation="qualifies",
        rationale="A public toast in 1949 and a private remark in 1952 can both be true.",
        status=status,
    )


def count(model: Any) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def mc_form(**changes: str) -> dict[str, str]:
    """A complete multiple-choice question on the toast, as the form posts it."""
    data = {
        "prompt": "According to the DPRK publication, what did Stalin propose at the banquet?",
        "choices-0": "Heartfelt thanks to Kim Il Sung",
        "choices-1": "An armistice at once",
        "choices-2": "Admitting Korea to the CMEA",
        "correct": "1",
        "explanation": "The publication presents the toast as Stalin's personal gratitude.",
        "support_source_id": "dprk",
        "support_quote": TOAST,
        "claim_pair_id": PAIR,
        "skill": "close_reading",
        "tags": "stalin, toast",
        "reason": "",
    }
    data.update(changes)
    return data


def create(client: FlaskClient, qtype: str, data: dict[str, str]):
    return client.post(NEW, query_string={"type": qtype}, data=data)


def published_ids() -> set[str]:
    pool = quiz.quiz_pool(db.session, quiz.QuizFilters())
    return {revision.question_id for revision in pool}


def card_ids(user: User) -> set[str]:
    deck = deck_for(db.session, user, datetime.now(UTC), new_per_day=10)
    return {revision.question_id for revision in deck.new}


# --- access ----------------------------------------------------------------------------------------------

PAGES = [
    NEW,
    f"{NEW}?type=multiple_choice",
    "/teach/questions/dprk-intro-mc-1/edit",
    "/teach/questions/dprk-intro-mc-1/revisions",
    "/teach/questions/dprk-intro-mc-1/revisions/1",
    "/teach/questions/dprk-intro-mc-1/compare?a=1&b=1",
]
ACTIONS = [
    "/teach/questions/dprk-intro-mc-1/status/retire",
    "/teach/questions/dprk-intro-mc-1/duplicate",
    "/teach/questions/dprk-intro-mc-1/revisions/1/restore",
    "/teach/questions/dprk-intro-mc-1/edit",
]


def test_strangers_are_sent_to_log_in(loaded_app: Flask, client: FlaskClient) -> None:
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    for url in ACTIONS:
        response = client.post(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    assert db.session.get(Question, "dprk-intro-mc-1").status == "published"


def test_learners_and_guests_get_403_on_every_page_and_action(
    learner: User, client: FlaskClient, app: Flask
) -> None:
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    for url in ACTIONS:
        assert client.post(url, data={"prompt": "x"}).status_code == 403, url
    guest_client = app.test_client()
    guest_client.post("/guest")
    for url in PAGES[:3]:
        assert guest_client.get(url).status_code == 403, url
    question = db.session.get(Question, "dprk-intro-mc-1")
    assert question.status == "published" and question.current_revision_number == 1


def test_the_bank_list_and_question_page_link_to_the_editor(teacher: User, client: FlaskClient) -> None:
    listing = client.get("/teach/questions").get_data(as_text=True)
    assert f'action="{NEW}"' in listing and '<option value="true_false">True or false</option>' in listing
    page = client.get("/teach/questions/dprk-intro-mc-1").get_data(as_text=True)
    assert 'href="/teach/questions/dprk-intro-mc-1/edit"' in page
    assert 'href="/teach/questions/dprk-intro-mc-1/revisions"' in page


# --- one form per kind -----------------------------------------------------------------------------------

KIND_FORMS = {
    "multiple_choice": mc_form(),
    "true_false": mc_form(
        prompt="According to the DPRK publication, Stalin proposed a toast of thanks to Kim Il Sung.",
        answer="true",
    ),
    "typed": mc_form(
        prompt="According to the DPRK publication, whom did Stalin thank in his toast?",
        answer="Kim Il Sung",
        accepted_answers="Kim\nComrade Kim Il Sung",
    ),
    "cloze": mc_form(
        prompt="According to Weathersby, Stalin said the Koreans “have lost nothing, except ____.”",
        answer="people",
        support_source_id="weathersby",
        support_quote=LOST_NOTHING,
    ),
    "which_source": mc_form(prompt="Stalin extended heartfelt thanks to Kim Il Sung.", answer="dprk"),
    "flashcard": mc_form(
        prompt="According to the DPRK publication, what did Stalin propose in 1949?",
        answer="Thanks to Kim Il Sung, with applause",
    ),
}
KIND_LABELS = {
    "multiple_choice": "Choices",
    "true_false": "The statement is",
    "typed": "Also accept",
    "cloze": "Sentence with one blank",
    "which_source": "Who says this",
    "flashcard": "Back of the card",
}


@pytest.mark.parametrize("kind", sorted(KIND_FORMS))
def test_each_kind_has_its_form_and_saves_an_authored_draft(
    kind: str, teacher: User, client: FlaskClient
) -> None:
    page = client.get(NEW, query_string={"type": kind}).get_data(as_text=True)
    assert KIND_LABELS[kind] in page
    response = create(client, kind, KIND_FORMS[kind])
    assert response.status_code == 302, response.get_data(as_text=True)
    question_id = response.headers["Location"].rsplit("/", 1)[1]
    question = db.session.get(Question, question_id)
    revision = question.current_revision
    assert question.status == "draft" and question.current_revision_number == 1
    assert (revision.type, revision.origin, revision.author) == (kind, "authored", "Ms Rivera")
    assert revision.prompt == KIND_FORMS[kind]["prompt"]
    expected_answer = {"multiple_choice": "Heartfelt thanks to Kim Il Sung", "true_false": True}
    assert revision.answer == expected_answer.get(kind, KIND_FORMS[kind].get("answer"))
    if kind == "multiple_choice":
        assert revision.choices == [
            "Heartfelt thanks to Kim Il Sung",
            "An armistice at once",
            "Admitting Korea to the CMEA",
        ]
    if kind == "typed":
        assert revision.accepted_answers == ["Kim", "Comrade Kim Il Sung"]
    assert revision.tags == ["stalin", "toast"]
    assert question_id not in published_ids()


def test_a_new_question_may_be_given_its_own_id(teacher: User, client: FlaskClient) -> None:
    response = create(client, "multiple_choice", mc_form(question_id="toast-banquet-mc"))
    assert response.headers["Location"].endswith("/teach/questions/toast-banquet-mc")
    again = create(client, "multiple_choice", mc_form(question_id="toast-banquet-mc"))
    assert again.status_code == 400
    assert "already taken" in again.get_data(as_text=True)


def test_drafts_stay_invisible_to_learners_until_published(
    teacher: User, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    create(client, "flashcard", KIND_FORMS["flashcard"])
    create(client, "multiple_choice", mc_form(question_id="toast-mc"))
    flashcard_id = db.session.scalar(select(Question.id).where(Question.id.like("dprk-authored-flashcard-%")))
    ana = make_user("Ana")
    assert "toast-mc" not in published_ids()
    assert flashcard_id not in card_ids(ana)
    assert client.post("/teach/questions/toast-mc/status/publish").status_code == 302
    assert client.post(f"/teach/questions/{flashcard_id}/status/publish").status_code == 302
    assert "toast-mc" in published_ids()
    assert flashcard_id in card_ids(ana)
    revision = quiz.choose_next(db.session, ana, quiz.QuizFilters(source="dprk"), random.Random(1))
    assert revision is not None
    assert client.post("/teach/questions/toast-mc/status/unpublish").status_code == 302
    assert "toast-mc" not in published_ids()


# --- the support quote -----------------------------------------------------------------------------------


def test_a_pasted_quote_with_straight_quote_marks_becomes_the_sources_exact_words(
    teacher: User, client: FlaskClient
) -> None:
    response = create(
        client,
        "cloze",
        {**KIND_FORMS["cloze"], "support_quote": "  " + STRAIGHT_LOST_NOTHING.replace(" ", "\n ", 2)},
    )
    assert response.status_code == 302
    question_id = response.headers["Location"].rsplit("/", 1)[1]
    revision = db.session.get(Question, question_id).current_revision
    assert revision.support_quote == LOST_NOTHING
    assert revision.section == "The Utility of Prolonging the War"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The quote was replaced by the source's exact words" in page
    assert "have lost nothing, except people.”" in page


def test_a_quote_not_in_the_source_is_refused_and_nothing_is_saved(
    teacher: User, client: FlaskClient
) -> None:
    questions, revisions = count(Question), count(QuestionRevision)
    response = create(client, "multiple_choice", mc_form(support_quote="Stalin toasted the Korean people."))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Nothing was saved." in page
    assert "This quote is not in the source" in page and "not found verbatim" in page
    assert (count(Question), count(QuestionRevision)) == (questions, revisions)


def test_a_quote_from_the_other_source_is_refused(teacher: User, client: FlaskClient) -> None:
    response = create(client, "multiple_choice", mc_form(support_source_id="weathersby"))
    assert response.status_code == 400
    assert "This quote is not in the source" in response.get_data(as_text=True)


def test_a_quote_across_two_paragraphs_is_refused(teacher: User, client: FlaskClient) -> None:
    first = db.session.get(Question, "dprk-intro-mc-1").current_revision.support_quote
    passages = db.session.scalars(
        select(Passage).where(Passage.source_id == "dprk").order_by(Passage.ordinal)
    )
    texts = [p.text for p in passages]
    index = next(i for i, text in enumerate(texts) if first in text)
    spanning = texts[index][-40:] + " " + texts[index + 1][:40]
    response = create(client, "multiple_choice", mc_form(support_quote=spanning))
    assert response.status_code == 400
    assert "not inside one passage" in response.get_data(as_text=True) or "not found verbatim" in (
        response.get_data(as_text=True)
    )


def test_the_editor_lists_the_sources_passages_sentence_by_sentence(
    teacher: User, client: FlaskClient
) -> None:
    page = client.get(NEW, query_string={"type": "typed"}).get_data(as_text=True)
    assert page.count('class="picker-passage"') > 50
    assert '<span class="picker-sentence" data-sentence="1">' in page
    assert "I propose to extend heartfelt thanks to Comrade Kim Il Sung with warm applause." in page
    assert 'src="/static/editor.js"' in page


# --- bad fields ------------------------------------------------------------------------------------------


def test_each_bad_field_gets_its_own_message(teacher: User, client: FlaskClient) -> None:
    response = create(
        client, "multiple_choice", mc_form(prompt="", **{"choices-1": "", "choices-2": "", "correct": ""})
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Write the question." in page
    assert "Give at least two choices." in page
    assert "Mark which choice is right." in page


def test_the_validator_rules_of_each_kind_are_shown(teacher: User, client: FlaskClient) -> None:
    cloze = create(client, "cloze", {**KIND_FORMS["cloze"], "prompt": "According to Weathersby, who lost?"})
    assert "a cloze prompt needs exactly one blank ____" in cloze.get_data(as_text=True)
    tf = create(client, "true_false", {**KIND_FORMS["true_false"], "prompt": "Stalin thanked Kim."})
    assert "must be framed as a claim" in tf.get_data(as_text=True)
    which = create(client, "which_source", {**KIND_FORMS["which_source"], "answer": "weathersby"})
    assert "the support quote is in &#39;dprk&#39;" in which.get_data(as_text=True)
    same = create(client, "multiple_choice", mc_form(**{"choices-1": "heartfelt  THANKS to Kim Il Sung"}))
    assert "are the same" in same.get_data(as_text=True)
    assert all(r.status_code == 400 for r in (cloze, tf, which, same))
    assert db.session.scalar(select(func.count()).where(Question.id.like("%authored%"))) == 0


# --- publishing ------------------------------------------------------------------------------------------


def test_publishing_needs_a_published_claim_pair(teacher: User, client: FlaskClient) -> None:
    create(client, "multiple_choice", mc_form(question_id="no-pair", claim_pair_id=""))
    response = client.post("/teach/questions/no-pair/status/publish", follow_redirects=True)
    assert (
        "Not published: a published question needs a claim pair: the other source&#39;s claim"
        in response.get_data(as_text=True)
    )
    assert db.session.get(Question, "no-pair").status == "draft"

    db.session.add(toast_pair("draft-pair", "draft"))
    db.session.commit()
    client.post("/teach/questions/no-pair/edit", data=mc_form(claim_pair_id="draft-pair"))
    response = client.post("/teach/questions/no-pair/status/publish", follow_redirects=True)
    assert "claim pair &#39;draft-pair&#39; is not published" in response.get_data(as_text=True)
    assert db.session.get(Question, "no-pair").status == "draft"

    client.post("/teach/questions/no-pair/edit", data=mc_form(claim_pair_id=PAIR))
    client.post("/teach/questions/no-pair/status/publish")
    question = db.session.get(Question, "no-pair")
    assert question.status == "published"
    assert question.current_revision.author == "Ms Rivera"
    assert question.current_revision.reason == "published"


def test_publishing_on_a_pair_about_another_claim_is_refused(teacher: User, client: FlaskClient) -> None:
    """The contrast must speak to the question's own claim: a pair on the next sentence is only the topic."""
    neighbour = "This was an unprecedented event for him, who had never before revealed his feelings"
    db.session.add(toast_pair("neighbour-pair", "published", dprk_quote=neighbour))
    db.session.commit()
    create(client, "multiple_choice", mc_form(question_id="on-topic", claim_pair_id="neighbour-pair"))
    response = client.post("/teach/questions/on-topic/status/publish", follow_redirects=True)
    assert "claim pair &#39;neighbour-pair&#39; is only on the topic" in response.get_data(as_text=True)
    assert db.session.get(Question, "on-topic").status == "draft"


def test_a_seventh_published_question_on_one_pair_is_refused(teacher: User, client: FlaskClient) -> None:
    for n in range(7):
        create(client, "multiple_choice", mc_form(question_id=f"toast-{n}"))
        client.post(f"/teach/questions/toast-{n}/status/publish")
    assert [db.session.get(Question, f"toast-{n}").status for n in range(7)] == ["published"] * 6 + ["draft"]
    response = client.post("/teach/questions/toast-6/status/publish", follow_redirects=True)
    assert "already serves 6 published questions, the most one pair may" in response.get_data(as_text=True)


def test_an_edit_that_breaks_a_published_question_is_refused_whole(
    teacher: User, client: FlaskClient
) -> None:
    question = db.session.get(Question, "dprk-intro-mc-1")
    before = question.current_revision.content()
    data = {
        "prompt": "A new prompt that would otherwise be fine",
        "explanation": before["explanation"],
        "support_source_id": "dprk",
        "support_quote": before["support_quote"],
        "claim_pair_id": "",
        "skill": before["skill"],
        "tags": "",
        **{f"choices-{n}": choice for n, choice in enumerate(before["choices"])},
        "correct": str(before["choices"].index(before["answer"]) + 1),
    }
    response = client.post("/teach/questions/dprk-intro-mc-1/edit", data=data)
    assert response.status_code == 400
    assert "a published question needs a claim pair: the other source&#39;s claim" in response.get_data(
        as_text=True
    )
    db.session.expire_all()
    question = db.session.get(Question, "dprk-intro-mc-1")
    assert question.current_revision_number == 1 and question.current_revision.content() == before


def test_retire_and_bring_back_as_a_draft(teacher: User, client: FlaskClient) -> None:
    assert "dprk-intro-mc-1" in published_ids()
    client.post("/teach/questions/dprk-intro-mc-1/status/retire", data={"reason": "too easy"})
    question = db.session.get(Question, "dprk-intro-mc-1")
    assert question.status == "retired" and "dprk-intro-mc-1" not in published_ids()
    assert question.current_revision.reason == "too easy"
    page = client.get("/teach/questions/dprk-intro-mc-1").get_data(as_text=True)
    assert "Retired: learners no longer see this." in page and "Bring back as a draft" in page
    client.post("/teach/questions/dprk-intro-mc-1/status/reinstate")
    assert db.session.get(Question, "dprk-intro-mc-1").status == "draft"


def test_duplicate_makes_a_draft_copy_under_a_new_id(teacher: User, client: FlaskClient) -> None:
    response = client.post("/teach/questions/dprk-intro-mc-1/duplicate")
    assert response.headers["Location"].endswith("/teach/questions/dprk-intro-mc-1-copy/edit")
    client.post("/teach/questions/dprk-intro-mc-1/duplicate")
    original = db.session.get(Question, "dprk-intro-mc-1")
    for copy_id in ("dprk-intro-mc-1-copy", "dprk-intro-mc-1-copy-2"):
        copy = db.session.get(Question, copy_id)
        assert copy.status == "draft"
        assert copy.current_revision.content() == original.current_revision.content()
        assert copy.current_revision.reason == "duplicated from dprk-intro-mc-1 (revision 1)"
    assert original.current_revision_number == 1 and original.status == "published"


# --- hostile input ---------------------------------------------------------------------------------------

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_typed_into_any_field_is_shown_as_text(teacher: User, client: FlaskClient) -> None:
    response = create(
        client,
        "multiple_choice",
        mc_form(
            question_id="hostile",
            prompt=f"According to the DPRK publication {SCRIPT}?",
            explanation=SCRIPT,
            tags=SCRIPT.replace(",", ""),
            reason=SCRIPT,
            **{"choices-1": SCRIPT},
        ),
    )
    assert response.status_code == 302
    client.post("/teach/questions/hostile/edit", data=mc_form(prompt="According to the text, a calm prompt?"))
    pages = [
        client.get(url).get_data(as_text=True)
        for url in (
            "/teach/questions/hostile",
            "/teach/questions/hostile/edit",
            "/teach/questions/hostile/revisions",
            "/teach/questions/hostile/revisions/1",
            "/teach/questions/hostile/compare?a=1&b=2",
            "/teach/questions?q=hostile",
        )
    ]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in pages[3]
    assert "<del>" in pages[4] and "&lt;script&gt;" in pages[4]


@pytest.mark.csrf
def test_a_post_without_the_csrf_token_is_refused(classroom: Classroom, client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/login", data={"username": "Ms Rivera", "password": PASSWORD, "csrf_token": token})
    before = count(QuestionRevision)
    for url, data in (
        ("/teach/questions/dprk-intro-mc-1/edit", mc_form()),
        (f"{NEW}?type=multiple_choice", mc_form()),
        ("/teach/questions/dprk-intro-mc-1/status/retire", {}),
        ("/teach/questions/dprk-intro-mc-1/revisions/1/restore", {}),
        ("/teach/questions/dprk-intro-mc-1/duplicate", {}),
    ):
        assert client.post(url, data=data).status_code == 400, url
    assert count(QuestionRevision) == before
    assert db.session.get(Question, "dprk-intro-mc-1").status == "published"
