"""People in the real sources and in prose the rules were not tuned on: a place offered as a person, a
name cut in two, a surname that could be anyone's."""

from pathlib import Path

import pytest

from app.bank.generator.spans import PeopleIndex, Span, build_people_index
from tests.unit.spans_texts import (
    DPRK_FILE,
    GAGE_FILE,
    NARRATIVE_FILE,
    NOBODY,
    PAPER_FILE,
    korea_people,
    lexington_people,
    sentence_with,
    sentences,
    span_at,
    spans_of,
    texts,
)

# People -------------------------------------------------------------------------------------------


def test_full_names_and_short_forms_map_to_one_person():
    people = korea_people()
    assert {
        "Kim Il Sung",
        "Zhou Enlai",
        "Mao Zedong",
        "Peng Dehuai",
        "Stalin",
        "Li Kenong",
    } <= people.full_names
    assert people.by_short["Zhou"] == "Zhou Enlai"
    assert people.by_short["Mao"] == "Mao Zedong"
    zhou = span_at(sentence_with(PAPER_FILE, "Zhou made it clear"), "Zhou", people)
    assert (zhou.kind, zhou.value, zhou.granularity) == ("person", "Zhou Enlai", "surname")
    full = span_at(sentence_with(PAPER_FILE, "when Zhou Enlai discussed"), "Zhou Enlai", people)
    assert (full.value, full.granularity) == ("Zhou Enlai", "full")
    stalin = span_at(sentence_with(PAPER_FILE, "brought to Stalin for resolution"), "Stalin", people)
    assert (stalin.value, stalin.granularity) == ("Stalin", "full")
    mao = span_at(sentence_with(PAPER_FILE, "Mao then forwarded to Stalin"), "Mao", people)
    assert mao.value == "Mao Zedong"


def test_titles_are_cues_not_part_of_the_name():
    people = korea_people()
    sentence = sentence_with(PAPER_FILE, "DPRK Foreign Minister Pak Hon-Yong")
    assert [(s.text, s.value) for s in spans_of(sentence, people, "person")] == [
        ("Pak Hon-Yong", "Pak Hon-Yong")
    ]
    sentence = sentence_with(PAPER_FILE, "UN Commander Matthew Ridgway")
    assert "Matthew Ridgway" in texts(spans_of(sentence, people, "person"))
    assert span_at(
        sentence_with(DPRK_FILE, "President Kim Il Sung (1912-1994) maintained"), "Kim Il Sung", people
    )


def test_a_title_tells_apart_people_who_share_a_surname():
    people = lexington_people()
    assert people.canonical("Capt. Parker") == "John Parker"  # Captain John Parker, not Jonas or Ebenezer
    parker = span_at(sentence_with(NARRATIVE_FILE, "Capt. Parker's men I believe"), "Parker", people)
    assert (parker.value, parker.granularity, parker.unit) == ("John Parker", "surname", "captain")
    # Lt. Col. Smith of the 10th is neither John, Phineas nor Timothy Smith of Lexington.
    smith = span_at(sentence_with(GAGE_FILE, "Lieutenant Colonel Smith"), "Smith", people)
    assert smith.value == "Colonel Smith"
    assert "Smith" not in people.by_short and "Harrington" not in people.by_short


def test_canonical_accepts_any_written_form():
    people = korea_people()
    assert people.canonical("ZHOU ENLAI") == "Zhou Enlai"
    assert people.canonical("Kim Il Sung’s") == "Kim Il Sung"
    assert people.canonical("Comrade Kim Il Sung") == "Kim Il Sung"
    assert people.canonical("Il") is None
    assert people.canonical("Pyongyang") is None
    assert lexington_people().canonical("JOHN PARKER") == "John Parker"


def test_names_set_in_capitals_and_unpunctuated_lists_of_justices():
    people = lexington_people()
    sentence = sentence_with(NARRATIVE_FILE, "Quorum, William Read Josiah Johnson William Stickney")
    assert texts(spans_of(sentence, people, "person")) == [
        "William Read",
        "Josiah Johnson",
        "William Stickney",
    ]
    sentence = sentence_with(NARRATIVE_FILE, "WE SOLOMON BROWN, JONATHAN LORING")
    persons = spans_of(sentence, people, "person")
    assert [(s.text, s.value) for s in persons] == [
        ("SOLOMON BROWN", "Solomon Brown"),
        ("JONATHAN LORING", "Jonathan Loring"),
        ("ELIJAH SANDERSON", "Elijah Sanderson"),
    ]
    sentence = sentence_with(NARRATIVE_FILE, "ELIJAH SANDERSON MIDDLESEX, Lexington")
    assert [(s.text, s.value) for s in spans_of(sentence, people, "person")] == [
        ("ELIJAH SANDERSON", "Elijah Sanderson")
    ]


def names(text: str) -> set[str]:
    return {name.strip() for name in text.split(";")}


NOT_PEOPLE_KOREA = names(
    "Soviet Union; Korean People’s Army; Korean People; Pyongyang; Moscow; Beijing; Korea; China;"
    " Russian Federation; Presidential Archive; Archive; Lake Khasan; Yalu River; Kim Chaek; Comintern;"
    " Juche; CMEA; DPRK; Chief; Chief of Staff; Il; Sung; Kim Il; Panmunjom; Kaesong; Sakhalin Island;"
    " Council of Ministers; Politburo; Mexico; Taiwan"
)
NOT_PEOPLE_LEXINGTON = names(
    "Lexington; Concord; Provincial Congress; Boston; Charlestown; Middlesex; Massachusetts-Bay; Cambridge;"
    " Lincoln; Watertown; Worcester; Light Infantry; Grenadiers; Bridge; Majesty; King; Stone; Green; Phips;"
    " Lexington Common; Main Body; Field Pieces; Justices"
)


@pytest.mark.parametrize(
    ("paths", "people", "forbidden"),
    [
        ((DPRK_FILE, PAPER_FILE), korea_people, NOT_PEOPLE_KOREA),
        ((GAGE_FILE, NARRATIVE_FILE), lexington_people, NOT_PEOPLE_LEXINGTON),
    ],
)
def test_places_organisations_and_things_are_not_people(paths, people, forbidden):
    index = people()
    found = {s.text for s in people_found(paths, index)} | {str(s.value) for s in people_found(paths, index)}
    assert not found & forbidden
    assert not index.full_names & forbidden


def test_an_archive_named_after_an_office_holds_no_person():
    people = korea_people()
    assert (
        spans_of("It is in the Archive of the President of the Russian Federation.", people, "person") == []
    )
    assert spans_of("The Korean People’s Army crossed the Yalu River near Pyongyang.", people, "person") == []


def test_no_span_inside_a_larger_name():
    people = korea_people()
    sentence = sentence_with(PAPER_FILE, "anti-Kim Il Sung provocation")
    assert texts(spans_of(sentence, people, "person")) == [
        "Kim Il Sung"
    ]  # the first, not the one in "anti-Kim"
    assert spans_of(sentence, people, "person")[0].start < sentence.index("anti-Kim")
    sentence = sentence_with(PAPER_FILE, "the Chief of Staff of the Korean People’s Army, Nam Il")
    assert texts(spans_of(sentence, people, "person")) == ["Nam Il"]
    sentence = sentence_with(PAPER_FILE, "the Kim Chaek ferrous-metallurgical plant")
    assert spans_of(sentence, people, "person") == []  # a plant named after someone, not the person


# Precision and recall of people, measured against lists made by reading the texts ------------------
# Each entry is one person, with every spelling of the name the text uses.

# One person per ";", every spelling the text uses separated by "|".
PEOPLE_BY_HAND_TEXT = {
    DPRK_FILE: "Kim Il Sung; Stalin",
    PAPER_FILE: (
        "Kim Il Sung; Shen Zhi-hua; Peng Dehuai; Stalin; Mao Zedong; Matthew Ridgway; Nam Il; Li Kenong;"
        " Pak Hon-Yong; Razuvaev; V. Molotov | Molotov; Zhou Enlai; Chen Jian; Suzdalev; Malik | Ia. Malik"
    ),
    GAGE_FILE: "Smith | Colonel Smith; Pitcairn; Parsons; Laurie; Percy",
    NARRATIVE_FILE: (
        "Gage; Smith | Colonel Smith; Percy; Isaiah Thomas; Samuel Freeman; Solomon Brown; Jonathan Loring;"
        " Elijah Sanderson; William Read; Josiah Johnson; William Stickney; Thomas Rice Willard;"
        " Daniel Harrington; Jonathan Hastings; Duncan Ingraham; Simon Winship; John Parker; John Robbins;"
        " Benjamin Tidd; Joseph Abbot | Joseph Abbott; Nathaniel Mulliken; Phillip Russell | Philip Russell;"
        " Moses Harrington; Thomas Harrington; William Grimer; William Tidd; Isaac Hastings; Jonas Stone;"
        " James Wyman; Thaddeus Harrington; John Chandler; Joshua Reed | Joshua Read;"
        " Joseph Simonds | Joseph Simons; Phineas Smith; Rueben Lock | Ruebenlock; Joel Viles;"
        " Nathan Reed | Nathan Read; Samuel Tidd; Benjamin Lock; Thomas Winship; Simeon Snow; John Smith;"
        " Ebenezer Parker; John Harrington; Enoch Willington; John Hosmer; Isaac Green; Phineas Stearns;"
        " Isaac Durant; Thomas Headly | Thomas Headley | Thomas Hadley; Nathaniel Parkhurst; Jonas Parker;"
        " John Munroe; John Windship; Solomon Peirce; John Muzzy; Abner Meads | Abner Mead; John Bridge;"
        " Ebenezer Bowman; William Munroe; Micah Hagar | Micha Hagar; Samuel Sanderson; Samuel Hastings;"
        " James Brown; Timothy Smith; Levi Mead; Levi Harrington; William Draper; Thomas Fessenden;"
        " John Bateman; Jones | Colonel Jones; John Cumming"
    ),
}
PEOPLE_BY_HAND = {
    path: [{name.strip() for name in person.split("|")} for person in names(text)]
    for path, text in PEOPLE_BY_HAND_TEXT.items()
}


def people_found(paths: tuple[Path, ...], people: PeopleIndex) -> list[Span]:
    return [s for path in paths for sentence in sentences(path) for s in spans_of(sentence, people, "person")]


def precision_recall(paths: tuple[Path, ...], people: PeopleIndex) -> tuple[float, float, set[str], list]:
    found = {str(s.value) for s in people_found(paths, people)}
    truth = [entry for path in paths for entry in PEOPLE_BY_HAND[path]]
    spellings = set().union(*truth)
    wrong = found - spellings
    missed = [entry for entry in truth if not entry & found]
    unique_truth = {frozenset(entry) for entry in truth}
    missed_unique = {frozenset(entry) for entry in missed}
    precision = (len(found) - len(wrong)) / len(found)
    recall = 1 - len(missed_unique) / len(unique_truth)
    return precision, recall, wrong, sorted(sorted(m) for m in missed_unique)


# Measured when this was written (precision/recall, index built from passages): DPRK 1.00/1.00; Weathersby
# 1.00/1.00 (0.93 from sentences: the parser ends a sentence at "Ia." of "Ia. Malik"); Gage 1.00/1.00;
# Congress narrative 1.00/0.99 (misses John Bridge, whose surname is a place word); the Lexington pair
# 1.00/0.99. The floors leave a little room for tuning elsewhere.
@pytest.mark.parametrize(
    ("name", "paths", "people", "min_precision", "min_recall"),
    [
        ("DPRK publication", (DPRK_FILE,), korea_people, 1.0, 1.0),
        ("Weathersby", (PAPER_FILE,), korea_people, 0.95, 0.95),
        ("Gage account", (GAGE_FILE,), lexington_people, 1.0, 1.0),
        ("Congress narrative", (NARRATIVE_FILE,), lexington_people, 0.95, 0.95),
        ("Lexington pair", (GAGE_FILE, NARRATIVE_FILE), lexington_people, 0.95, 0.95),
    ],
)
def test_people_found_against_the_hand_made_lists(name, paths, people, min_precision, min_recall):
    precision, recall, wrong, missed = precision_recall(paths, people())
    print(f"\n{name}: people precision {precision:.2f}, recall {recall:.2f}; wrong {sorted(wrong)}", end="")
    print(f"; missed {missed}")
    assert precision >= min_precision, wrong
    assert recall >= min_recall, missed


def test_sentences_make_the_same_index_except_where_a_sentence_split_cuts_a_name():
    from_sentences = build_people_index(sentences(DPRK_FILE) + sentences(PAPER_FILE))
    # The parser ends a sentence at "Ia." of "Ia. Malik"; whole passages keep the name together.
    assert korea_people().full_names - from_sentences.full_names == {"Ia. Malik"}
    assert from_sentences.full_names <= korea_people().full_names
    assert set(from_sentences.by_short.items()) <= set(korea_people().by_short.items())
    lexington = build_people_index(sentences(GAGE_FILE) + sentences(NARRATIVE_FILE))
    assert lexington == lexington_people()


HELD_OUT = (
    "On 3 October 1962, President John F. Kennedy met Ambassador Anatoly Dobrynin in Washington.",
    "Dobrynin told Robert Kennedy that Khrushchev wanted peace.",
    "Khrushchev wrote to Kennedy on 26 October, and the Kremlin replied at once.",
    "In Havana, Fidel Castro declared that Cuba would resist.",
    "Secretary of State Dean Rusk said the quarantine would hold.",
    "In 1848 Karl Marx and Friedrich Engels published the Manifesto in London.",
    "Marx later wrote Das Kapital, and Engels replied to his critics.",
)


def test_people_in_prose_the_rules_were_not_tuned_on():
    people = build_people_index(["\n\n".join(HELD_OUT)])
    found = {(s.text, s.value) for sentence in HELD_OUT for s in spans_of(sentence, people, "person")}
    assert found == {
        ("John F. Kennedy", "John F. Kennedy"),
        ("Anatoly Dobrynin", "Anatoly Dobrynin"),
        ("Dobrynin", "Anatoly Dobrynin"),
        ("Robert Kennedy", "Robert Kennedy"),
        ("Khrushchev", "Khrushchev"),
        ("Fidel Castro", "Fidel Castro"),
        ("Dean Rusk", "Dean Rusk"),  # not lost in "Secretary of State"
        ("Karl Marx", "Karl Marx"),  # a full name whose surname speaks alone elsewhere
        ("Friedrich Engels", "Friedrich Engels"),
        ("Marx", "Karl Marx"),
        ("Engels", "Friedrich Engels"),
    }  # "Kennedy" alone is John or Robert: not offered; Washington, Havana, Cuba, the Kremlin are places


def test_a_title_finds_a_person_the_index_never_saw():
    assert [(s.text, s.value) for s in spans_of("General Smith said so.", NOBODY, "person")] == [
        ("Smith", "Smith")
    ]
    assert spans_of("Moscow informed the North Koreans.", korea_people(), "person") == []
