"""The upload preview: the head fills only empty fields, and doubtful headings are flagged."""

import re
from html import unescape

from flask.testing import FlaskClient

from app.auth.models import User
from tests.teacher.test_source_upload import NARRATIVE, preview, source_count
from tests.teacher.test_source_upload import teacher as teacher  # the logged-in teacher fixture

# Invented: one heading with a trailing digit (a footnote style the parser does not read), one lone answer.
DOUBTFUL = (
    "The Closed Port\n"
    "Introduction1\n"
    "Nobody answered the petition of the town, and by June the warehouses were half empty.\n"
    "No\n"
    "In the autumn a committee of correspondence was formed in the town.\n"
    "Harbour Trade\n"
    "The ropewalks had stopped work and many families left for the countryside.\n"
)


def field_value(page: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', page)
    assert tag, f"no field {name}"
    value = re.search(r'\bvalue="([^"]*)"', tag.group())
    return unescape(value.group(1)) if value else ""


def test_empty_title_and_author_are_filled_from_the_head_and_say_so(
    teacher: User, client: FlaskClient
) -> None:
    response = preview(
        client, NARRATIVE.read_bytes(), NARRATIVE.name, "narrative", title="", author="", short_name=""
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert field_value(page, "title").startswith(
        "A Narrative, of the Excursion and Ravages of the King's Troops"
    )
    assert field_value(page, "author") == "Provincial Congress"
    assert field_value(page, "short_name") == "the Provincial Congress"
    assert "Filled in from the head of the text: Title, Author or issuer, Short name" in unescape(page)
    assert source_count() == 2  # a preview saves nothing


def test_what_the_teacher_typed_wins_over_the_head(teacher: User, client: FlaskClient) -> None:
    response = preview(client, NARRATIVE.read_bytes(), NARRATIVE.name, "narrative", author="")
    page = response.get_data(as_text=True)
    assert field_value(page, "title") == "The narrative account"
    assert field_value(page, "short_name") == "the narrative account"
    assert field_value(page, "author") == "Provincial Congress"  # only the empty field was filled
    assert "Filled in from the head of the text: Author or issuer." in unescape(page)


def test_doubtful_headings_are_flagged_and_footnote_styles_listed(teacher: User, client: FlaskClient) -> None:
    response = preview(client, DOUBTFUL.encode(), "closed-port.txt", "closed-port")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 200, page
    flagged = re.search(r'<ul class="anomalies suspicious-headings">(.*?)</ul>', page, re.S)
    assert flagged, "no list of headings to check"
    assert "“Introduction1”" in flagged.group(1) or "Introduction1" in flagged.group(1)
    assert "ends in “1”, which looks like a footnote marker" in flagged.group(1)
    assert "<q>No</q> is one short word" in flagged.group(1)
    assert "Harbour Trade" not in flagged.group(1)
    assert "[footnoteRef:1]" in page and "Footnote styles the parser reads" in page


def test_a_transcript_previews_with_no_answer_as_a_heading(teacher: User, client: FlaskClient) -> None:
    text = "Q. Did the watchman see the fire?\nA. No\nQ. Did you?\nA. Yes, sir\n"
    page = unescape(preview(client, text.encode(), "inquiry.txt", "inquiry").get_data(as_text=True))
    assert "Headings to check" not in page
    assert '<ol class="parse-headings">' not in page
