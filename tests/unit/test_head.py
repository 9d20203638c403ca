"""The head of a text: title, subtitle and author read from its first lines, on real and invented heads."""

import textwrap

import pytest

from app.sources.head import Head, names_a_person, plain_case, short_name
from app.sources.parser import parse_text
from tests.unit.spans_texts import DPRK_FILE, GAGE_FILE, NARRATIVE_FILE, PAPER_FILE

# An invented body: the words "harbour" and "trade" appear in lower case, so a line "Harbour Trade" is a
# heading, never a person's name.
BODY = (
    "Nobody answered the petition of the town. By June the warehouses were half empty and the ropewalks "
    "had stopped work; many families left for the countryside and the harbour trade was gone.\n"
    "In the autumn a committee of correspondence was formed. Its letters travelled from town to town and "
    "were read aloud in taverns.\n"
)


def parsed_with(head: str):
    return parse_text(head + BODY)


def test_no_title_no_author():
    parsed = parsed_with("")
    assert (parsed.title, parsed.subtitle, parsed.author) == (None, None, None)
    assert len(parsed.passages) == 2


def test_a_title_with_no_author():
    parsed = parsed_with("The Closed Port\n")
    assert parsed.title == "The Closed Port"
    assert parsed.author is None
    assert short_name(Head(title=parsed.title)) == "“The Closed Port”"


@pytest.mark.parametrize(
    "by_line", ["By Margaret Ellery", "by Margaret Ellery", "BY MARGARET ELLERY", "Margaret Ellery"]
)
def test_a_by_line_or_a_name_line_names_the_author_and_is_not_a_heading(by_line):
    parsed = parsed_with(f"The Closed Port\n{by_line}\n\n")
    assert parsed.title == "The Closed Port"
    assert parsed.author == "Margaret Ellery" and parsed.author_is_person
    assert parsed.headings == ()
    assert [p.heading for p in parsed.passages] == [None, None]
    head = Head(title=parsed.title, author=parsed.author, author_is_person=True)
    assert short_name(head) == "Ellery"


def test_an_all_caps_title_reads_as_ordinary_words():
    parsed = parsed_with("THE CLOSED PORT\nBY MARGARET ELLERY\n")
    assert parsed.title == "The Closed Port"
    assert parsed.author == "Margaret Ellery"


def test_a_heading_under_the_title_is_not_taken_for_an_author():
    parsed = parsed_with("The Closed Port\nHarbour Trade\n")
    assert parsed.author is None
    assert [h.text for h in parsed.headings] == ["Harbour Trade"]


def test_an_affiliation_after_the_name_is_left_out():
    assert parsed_with("The Closed Port\nMargaret Ellery, University of Leeds\n").author == "Margaret Ellery"


def test_an_issuing_body_is_the_author_and_not_a_person():
    parsed = parsed_with("Report on the Harbour\nIssued by the Committee of Correspondence\n")
    assert parsed.author == "Committee of Correspondence" and not parsed.author_is_person
    assert short_name(Head(author=parsed.author)) == "the Committee of Correspondence"


def test_a_subtitle_followed_by_two_authors():
    parsed = parsed_with("The Closed Port\nA Town in the Year of the Embargo\nby M. J. Ellery and T. Rowe\n")
    assert parsed.subtitle == "A Town in the Year of the Embargo"
    assert parsed.author == "M. J. Ellery and T. Rowe"
    assert short_name(Head(author=parsed.author, author_is_person=True)) == "Ellery and Rowe"


def test_acronyms_keep_their_capitals():
    assert plain_case("THE DPRK AND ITS ALLIES") == "The DPRK and Its Allies"


def test_shipped_state_text_has_its_title_and_no_author():
    parsed = parse_text(DPRK_FILE.read_text(encoding="utf-8"))
    assert parsed.title == "Kim Il Sung and His Spirit of Independence"
    assert parsed.author is None  # the publication names no author; sources.yaml says who issued it


def test_shipped_paper_has_no_head_to_read():
    # The exported paper starts with its first paragraph: neither its title nor its author is in the file.
    parsed = parse_text(PAPER_FILE.read_text(encoding="utf-8"))
    assert (parsed.title, parsed.author) == (None, None)


def test_lexington_title_pages():
    gage = parse_text(GAGE_FILE.read_text(encoding="utf-8"))
    assert gage.title.startswith(
        "A Circumstantial Account Of an Attack that happened on the 19th of April 1775"
    )
    assert gage.title.endswith("Province of Massachusetts-Bay")
    assert gage.author is None  # unsigned: the "By a Number of the People" inside the title is not a byline
    narrative = parse_text(NARRATIVE_FILE.read_text(encoding="utf-8"))
    assert narrative.title.startswith("A Narrative, of the Excursion and Ravages of the King's Troops")
    assert narrative.subtitle.startswith("Together with the Depositions")
    assert narrative.author == "Provincial Congress"  # "by order of the PROVINCIAL CONGRESS"


@pytest.mark.parametrize("by_line", ["By Margaret Ellery", "by Margaret Ellery"])
def test_a_wrapped_text_with_a_by_line(by_line):
    wrapped = textwrap.fill(BODY.replace("\n", " "), 60)
    parsed = parse_text(f"The Closed Port\n\n{by_line}\n\n{wrapped}\n\n{wrapped}\n")
    assert parsed.layout == "hard-wrapped"
    assert (parsed.title, parsed.author) == ("The Closed Port", "Margaret Ellery")
    assert parsed.headings == ()
    assert len(parsed.passages) == 2


@pytest.mark.parametrize(
    ("author", "person"),
    [
        ("Thomas Gage", True),
        ("Kathryn Weathersby (historian)", True),
        ("M. J. Ellery and T. Rowe", True),
        ("Massachusetts Provincial Congress", False),
        ("DPRK state publication (circulated in DPRK embassy bulletins)", False),
    ],
)
def test_a_typed_author_is_told_apart_from_an_issuing_body(author, person):
    assert names_a_person(author) is person


def test_a_title_line_naming_its_author_gives_the_title_before_by_and_the_name_before_the_rank():
    parsed = parsed_with("REPORT ON THE CLOSED PORT, BY J. H. ELLERY, BREVET MAJOR, FIRST DRAGOONS.\n")
    assert parsed.title == "Report on the Closed Port"
    assert parsed.author == "J. H. Ellery" and parsed.author_is_person
    assert parsed.affiliation == "Brevet Major, First Dragoons"  # the rank, kept apart from the name
    assert short_name(Head(author=parsed.author, author_is_person=True)) == "Ellery"


def test_a_by_inside_a_title_that_names_nobody_stays_in_the_title():
    parsed = parsed_with("A TRUE ACCOUNT OF THE PORT, BY A NUMBER OF THE PEOPLE.\n")
    assert parsed.title.lower() == "a true account of the port, by a number of the people"
    assert parsed.author is None


def test_a_text_opening_on_a_section_word_finds_its_title_and_the_signature_below():
    parsed = parsed_with(
        "INTRODUCTION.\n\nThese pages were written for the friends of the town who asked how the port was "
        "closed and who was to blame for it.\n\nMARGARET ELLERY.\n\nThe Closed Port.\n\n"
    )
    assert parsed.title == "The Closed Port"
    assert parsed.author == "Margaret Ellery" and parsed.author_is_person


def test_a_section_word_alone_is_no_title():
    assert parsed_with("PREFACE\n").title is None


@pytest.mark.parametrize(
    ("title", "short"),
    [
        (
            "Special Report of the Mountain Meadow Massacre at Dawn",
            "“Special Report of the Mountain Meadow Massacre…”",
        ),
        ("Inquiry into the Fire at the Lower Wharf", "“Inquiry into the Fire…”"),
    ],
)
def test_a_short_title_is_not_cut_inside_a_name(title, short):
    assert short_name(Head(title=title)) == short
