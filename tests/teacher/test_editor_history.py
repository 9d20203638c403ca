"""History, nothing lost: every save a revision, view and compare any two, restore by appending a copy."""

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import Classroom, User
from app.bank.models import Question, QuestionRevision
from app.extensions import db
from app.learner import quiz
from app.learner.models import Attempt
from tests.conftest import log_in
from tests.learner.test_quiz import show
from tests.teacher.test_analytics import answer

QID = "dprk-intro-mc-1"
EDIT = f"/teach/questions/{QID}/edit"


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    log_in(client, "Ms Rivera")
    return classroom.teacher


def question() -> Question:
    db.session.expire_all()
    return db.session.get(Question, QID)


def form_of(revision: QuestionRevision, **changes: str) -> dict[str, str]:
    """The edit form as the page fills it for ``revision``, with ``changes`` typed over it."""
    data = {
        "prompt": revision.prompt,
        "explanation": revision.explanation,
        "support_source_id": revision.support_source_id,
        "support_quote": revision.support_quote,
        "claim_pair_id": revision.claim_pair_id or "",
        "skill": revision.skill,
        "tags": ", ".join(revision.tags),
        "correct": str(revision.choices.index(revision.answer) + 1),
        **{f"choices-{n}": choice for n, choice in enumerate(revision.choices)},
    }
    data.update(changes)
    return data


def edit_prompt(client: FlaskClient, prompt: str, reason: str = "") -> None:
    response = client.post(EDIT, data=form_of(question().current_revision, prompt=prompt, reason=reason))
    assert response.status_code == 302, response.get_data(as_text=True)


OLD_PROMPT_START = "The DPRK publication opens"
NEW_PROMPT = "According to the DPRK publication, how does the text support its opening claim of independence?"


def test_the_edit_page_is_filled_with_the_current_revision(teacher: User, client: FlaskClient) -> None:
    page = client.get(EDIT).get_data(as_text=True)
    revision = question().current_revision
    assert OLD_PROMPT_START in page
    assert f'value="{revision.choices[1]}"' in page
    assert 'value="1" checked' in page  # the right answer is the first stored choice


def test_a_save_appends_a_revision_and_keeps_the_old_one(teacher: User, client: FlaskClient) -> None:
    edit_prompt(client, NEW_PROMPT, reason="clearer prompt")
    q = question()
    assert q.current_revision_number == 2 and [r.number for r in q.revisions] == [1, 2]
    new, old = q.current_revision, q.revisions[0]
    assert (new.prompt, new.author, new.reason) == (NEW_PROMPT, "Ms Rivera", "clearer prompt")
    assert old.prompt.startswith(OLD_PROMPT_START) and old.author == "bank load"
    assert q.status == "published"
    assert "Saved as revision 2." in client.get(f"/teach/questions/{QID}").get_data(as_text=True)


def test_a_save_that_changes_nothing_makes_no_revision(teacher: User, client: FlaskClient) -> None:
    response = client.post(EDIT, data=form_of(question().current_revision, reason="just looking"))
    assert response.status_code == 302
    assert question().current_revision_number == 1 and len(question().revisions) == 1
    page = client.get(f"/teach/questions/{QID}").get_data(as_text=True)
    assert "Nothing changed, so no new revision was made." in page


def test_a_generated_question_changed_by_a_person_becomes_edited(teacher: User, client: FlaskClient) -> None:
    question().current_revision.origin = "generated"
    db.session.commit()
    client.post(EDIT, data=form_of(question().current_revision))  # unchanged: stays generated
    assert question().current_revision.origin == "generated" and question().current_revision_number == 1
    edit_prompt(client, NEW_PROMPT)
    assert question().current_revision.origin == "edited"
    assert question().revisions[0].origin == "generated"


def answers_cell(row: str) -> str:
    return row.split('data-label="Answers">')[1].split("</td>")[0]


def test_the_history_says_who_when_why_what_changed_and_how_many_answered(
    teacher: User, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    ana, ben = make_user("Ana"), make_user("Ben")
    answer(ana, question())
    answer(ben, question(), right=False)
    edit_prompt(client, NEW_PROMPT, reason="clearer prompt")
    answer(ana, question())
    page = client.get(f"/teach/questions/{QID}/revisions").get_data(as_text=True)
    assert "2 revisions" in page
    row_2 = page.split('<th scope="row" class="num">2')[1].split("</tr>")[0]
    assert "Ms Rivera" in row_2 and "clearer prompt" in row_2 and "prompt changed" in row_2
    assert answers_cell(row_2) == "1"
    row_1 = page.split('<th scope="row" class="num">1')[1].split("</tr>")[0]
    assert "bank load" in row_1 and "created" in row_1 and answers_cell(row_1) == "2"
    preview = client.get(f"/teach/questions/{QID}").get_data(as_text=True)
    assert '<td class="num">2</td>' in preview and '<td class="num">1</td>' in preview


def test_compare_shows_the_words_that_changed(teacher: User, client: FlaskClient) -> None:
    old_prompt = question().current_revision.prompt
    edit_prompt(client, old_prompt.replace("throughout his life", "all his life"))
    page = client.get(f"/teach/questions/{QID}/compare", query_string={"a": 1, "b": 2}).get_data(as_text=True)
    assert "<del>throughout</del>" in page and "<ins>all</ins>" in page
    assert "Prompt changed." in page
    assert page.count('class="is-changed"') == 1
    assert client.get(f"/teach/questions/{QID}/compare?a=1&b=9").status_code == 404


def test_any_revision_can_be_previewed_as_a_learner_sees_it(teacher: User, client: FlaskClient) -> None:
    edit_prompt(client, NEW_PROMPT)
    old = client.get(f"/teach/questions/{QID}/revisions/1").get_data(as_text=True)
    assert OLD_PROMPT_START in old and NEW_PROMPT not in old
    assert "You are viewing <strong>revision 1</strong>" in old
    assert "The feedback, after a right answer" in old and "evidence-support" in old
    current = client.get(f"/teach/questions/{QID}").get_data(as_text=True)
    assert NEW_PROMPT in current and "You are viewing" not in current
    assert client.get(f"/teach/questions/{QID}/revisions/7").status_code == 404


def test_restore_appends_a_copy_of_the_old_revision(
    teacher: User, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    ana = make_user("Ana")
    answer(ana, question())
    edit_prompt(client, NEW_PROMPT)
    answer(ana, question())
    response = client.post(
        f"/teach/questions/{QID}/revisions/1/restore", data={"reason": "students confused"}
    )
    assert response.status_code == 302
    q = question()
    assert [r.number for r in q.revisions] == [1, 2, 3] and q.current_revision_number == 3
    assert q.current_revision.content() == q.revisions[0].content()
    assert q.current_revision.reason == "restored revision 1: students confused"
    assert q.revisions[1].prompt == NEW_PROMPT  # history is never rewritten
    attempts = db.session.scalars(select(Attempt).order_by(Attempt.id)).all()
    assert [a.revision.number for a in attempts] == [1, 2]
    again = client.post(f"/teach/questions/{QID}/revisions/1/restore", follow_redirects=True)
    assert "already has the current content" in again.get_data(as_text=True)
    assert len(question().revisions) == 3


def test_an_answer_is_graded_against_the_revision_shown_even_after_an_edit(
    teacher: User, client: FlaskClient, make_user: Callable[..., User]
) -> None:
    ana = make_user("Ana")
    presentation = show(ana, QID)
    shown = presentation.revision
    right = shown.answer
    new_choices = [c if c != right else "A different right answer" for c in shown.choices]
    form = form_of(shown, **{f"choices-{n}": c for n, c in enumerate(new_choices)})
    assert client.post(EDIT, data=form).status_code == 302
    assert question().current_revision.answer == "A different right answer"
    attempt = quiz.submit_answer(
        db.session, ana, presentation.token, str(presentation.choice_order.index(right))
    )
    assert attempt.correct and attempt.revision_id == shown.id
