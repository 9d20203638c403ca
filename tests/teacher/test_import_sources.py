"""Each imported question's source: offered from the words it quotes, chosen by the teacher where the
words cannot tell, and the quote grounded in that chosen source."""

import io
import re

import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage

from app.auth.models import Classroom, User
from tests.conftest import LOST_NOTHING, log_in
from tests.teacher.test_imports import (
    COMMIT,
    UPLOAD,
    commit_fields,
    imported,
    post_multipart,
)


@pytest.fixture
def teacher(classroom: Classroom, client: FlaskClient) -> User:
    log_in(client, "Ms Rivera")
    return classroom.teacher


# Line 1 quotes words only the paper has; line 3 quotes nothing; line 5 quotes a name both texts use.
MIXED = """\
::lost::According to Weathersby, what did Stalin mean by "have lost nothing, except people"? {T}

::toast::According to the DPRK publication, Stalin thanked Kim Il Sung. {T}

::both::Who is "Kim Il Sung" in the text? {=The leader ~A general}
"""


def upload_unplaced(client: FlaskClient, content: str, filename: str = "mixed.gift"):
    """Upload leaving the form's source as it is: every question's source is decided in the preview."""
    fields = {"format": "auto", "source": "", "skill": "sourcing"}
    file = FileStorage(io.BytesIO(content.encode("utf-8")), filename)
    return post_multipart(client, UPLOAD, {**fields, "file": file})


def selected_sources(page: str) -> dict[str, str]:
    """Each per-question chooser and the source it shows selected ("" for none)."""
    found = {}
    for name, block in re.findall(r'<select id="(source-\d+)"(.*?)</select>', page, flags=re.S):
        chosen = re.search(r'<option value="(\w*)" selected>', block)
        found[name] = chosen.group(1) if chosen else ""
    return found


def test_the_source_holding_the_quoted_words_is_preselected_and_others_wait_for_a_choice(
    teacher: User, client: FlaskClient
) -> None:
    page = upload_unplaced(client, MIXED).get_data(as_text=True)
    assert selected_sources(page) == {"source-0": "weathersby", "source-1": "", "source-2": ""}
    assert "2 questions need a source" in page
    assert "Its quoted words are found only in" in page
    assert "Its quoted words are in both texts" in page
    assert "It quotes no words of either text" in page


def test_the_import_waits_until_every_question_has_its_source(teacher: User, client: FlaskClient) -> None:
    page = upload_unplaced(client, MIXED).get_data(as_text=True)
    fields = commit_fields(page) | {"source-0": "weathersby", "source-1": "dprk", "source-2": ""}
    refused = post_multipart(client, COMMIT, fields)
    assert refused.status_code == 400
    again = refused.get_data(as_text=True)
    assert "1 question needs a source" in again and 'href="#import-line-5"' in again
    assert selected_sources(again) == {"source-0": "weathersby", "source-1": "dprk", "source-2": ""}
    assert imported() == []


def test_each_question_is_stored_with_the_source_the_teacher_chose(
    teacher: User, client: FlaskClient
) -> None:
    page = upload_unplaced(client, MIXED).get_data(as_text=True)
    # The teacher keeps the offered source for one, overrides nothing else, and chooses the two undecided.
    fields = commit_fields(page) | {"source-0": "weathersby", "source-1": "dprk", "source-2": "weathersby"}
    assert post_multipart(client, COMMIT, fields).status_code == 302
    stored = {revision.question_id: revision.support_source_id for revision in imported()}
    assert stored == {"lost": "weathersby", "toast": "dprk", "both": "weathersby"}


def test_a_source_chosen_for_the_whole_file_fills_only_the_questions_the_words_do_not_place(
    teacher: User, client: FlaskClient
) -> None:
    fields = {"format": "auto", "source": "dprk", "skill": "sourcing"}
    file = FileStorage(io.BytesIO(MIXED.encode("utf-8")), "mixed.gift")
    page = post_multipart(client, UPLOAD, {**fields, "file": file}).get_data(as_text=True)
    assert selected_sources(page) == {"source-0": "weathersby", "source-1": "dprk", "source-2": "dprk"}
    assert "need a source" not in page
    assert post_multipart(client, COMMIT, commit_fields(page)).status_code == 302
    stored = {revision.question_id: revision.support_source_id for revision in imported()}
    assert stored == {"lost": "weathersby", "toast": "dprk", "both": "dprk"}


def test_a_quote_is_grounded_in_the_chosen_source_not_the_first(teacher: User, client: FlaskClient) -> None:
    quoted = '"' + LOST_NOTHING.replace('"', '""') + '"'
    csv = f'type,prompt,answer,quote\ntrue_false,"According to Weathersby, so.",true,{quoted}\n'
    page = upload_unplaced(client, csv, "rows.csv").get_data(as_text=True)
    assert selected_sources(page) == {"source-0": "weathersby"}
    wrong = post_multipart(client, COMMIT, commit_fields(page) | {"source-0": "dprk"})
    assert wrong.status_code == 400
    assert "row 2: quote: not found verbatim in 000_33bd84a31d842da9.txt" in wrong.get_data(as_text=True)
    assert imported() == []
    assert post_multipart(client, COMMIT, commit_fields(page) | {"source-0": "weathersby"}).status_code == 302
    (revision,) = imported()
    assert (revision.support_source_id, revision.support_quote) == ("weathersby", LOST_NOTHING)


def test_a_quote_found_in_no_source_stops_the_import(teacher: User, client: FlaskClient) -> None:
    csv = 'type,prompt,answer,quote\ntrue_false,"According to X, so.",true,Stalin wept for the Koreans.\n'
    page = upload_unplaced(client, csv, "rows.csv").get_data(as_text=True)
    assert "row 2: quote: found in no source" in page
    assert 'action="/teach/import/commit"' not in page


def test_a_file_at_the_question_limit_imports_with_a_source_chosen_for_every_question(
    teacher: User, client: FlaskClient
) -> None:
    gift = "".join(
        f"::limit-{n}::According to the DPRK publication, claim {n} holds. {{T}}\n\n" for n in range(2_000)
    )
    page = upload_unplaced(client, gift).get_data(as_text=True)
    assert "2000 questions need a source" in page
    chosen = {f"source-{n}": "dprk" for n in range(2_000)}  # as the browser posts every chooser
    response = post_multipart(client, COMMIT, commit_fields(page) | chosen)
    assert response.status_code == 302, response.status_code
    assert len(imported()) == 2_000
