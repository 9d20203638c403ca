"""Draft banks name sources as a person or the text's head says, and never build a claim from a question."""

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.bank.generator.frames import frames, without_salutation
from app.bank.generator.pipeline import SourceFacts, _load, _profile, generate_bank
from app.bank.validator import errors_in
from app.sources.parser import Sentence, parse_text
from tests.bank.test_generate import questions_in
from tests.conftest import SHIPPED_BANK

DATA = Path(__file__).resolve().parents[1] / "data"
INQUIRY = DATA / "invented-transcript" / "harbour-inquiry.txt"
GAGE = DATA / "lexington-1775" / "gage-circumstantial-account.txt"
NARRATIVE = DATA / "lexington-1775" / "provincial-congress-narrative.txt"
STATE_TEXT = SHIPPED_BANK / "sources" / "000_33bd84a31d842da9.txt"
PAPER = SHIPPED_BANK / "sources" / "003_f1b226380e4620e3.txt"


def read_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def prompts(out: Path) -> list[str]:
    return [q["prompt"] for path in (out / "questions").glob("*.yaml") for q in read_yaml(path)["questions"]]


def explanations(out: Path) -> list[str]:
    return [
        q["explanation"] for path in (out / "questions").glob("*.yaml") for q in read_yaml(path)["questions"]
    ]


def sources(out: Path) -> dict[str, dict[str, str]]:
    return {s["file"]: s for s in read_yaml(out / "sources" / "sources.yaml")["sources"]}


@pytest.fixture(scope="module")
def transcript_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("transcript") / "bank"
    report = generate_bank(INQUIRY, GAGE, out)
    assert not errors_in(report.issues)
    return out


def test_no_prompt_quotes_a_question_or_a_speaker_label(transcript_bank: Path) -> None:
    found = prompts(transcript_bank)
    assert found  # the witness's long answers still make questions
    assert not [p for p in found if re.search(r"(?:[“\"]|^)(?:Q|A)[.:] ", p)]
    assert not [p for p in found if "?”" in p]


def test_no_claim_rests_on_a_question_turn_or_a_bare_short_answer(transcript_bank: Path) -> None:
    parsed = parse_text(INQUIRY.read_text(encoding="utf-8"))
    unusable = {
        s.text
        for p in parsed.passages
        for s in p.sentences
        if s.in_question or (s.speaker and len(s.text.split()) < 4)
    }
    assert {"What number of people were on the wharf when the fire began?", "No", "Yes, sir"} <= unusable
    supports = [
        q["support"]["quote"]
        for path in (transcript_bank / "questions").glob("*.yaml")
        for q in read_yaml(path)["questions"]
    ]
    sides = [
        pair[side]["quote"]
        for pair in read_yaml(transcript_bank / "claim_pairs" / "suggested.yaml")["claim_pairs"]
        for side in ("a", "b")
        if not pair[side].get("silent")  # a silence quotes nothing
    ]
    assert supports and sides
    assert not unusable & set(supports + sides)


def test_a_sources_yaml_beside_the_files_names_the_sources(tmp_path: Path) -> None:
    report = generate_bank(STATE_TEXT, PAPER, tmp_path / "bank")
    assert not errors_in(report.issues)
    named = sources(tmp_path / "bank")
    assert named[PAPER.name]["short_name"] == "Weathersby"
    assert named[PAPER.name]["title"] == "North Korea and the Armistice Negotiations"
    found = prompts(tmp_path / "bank")
    assert not [p for p in found if "Text B" in p]
    assert any(p.startswith("According to Weathersby") for p in found)


def test_without_a_sources_yaml_the_texts_head_names_them(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    files = [Path(shutil.copy(path, folder)) for path in (GAGE, NARRATIVE)]
    generate_bank(*files, tmp_path / "bank")
    named = sources(tmp_path / "bank")
    assert named[NARRATIVE.name]["author"] == "Provincial Congress"
    assert named[NARRATIVE.name]["short_name"] == "the Provincial Congress"
    assert named[GAGE.name]["title"].startswith("A Circumstantial Account")
    # The Congress speaks in its own name or prints a deponent's words: either way it is named.
    assert any(
        e.startswith("It is from") and "the Provincial Congress" in e.split(".")[0]
        for e in explanations(tmp_path / "bank")
    )


def test_a_persons_facts_beat_the_head(tmp_path: Path) -> None:
    facts = SourceFacts("The Gage account", "Thomas Gage", "the British account")
    generate_bank(GAGE, NARRATIVE, tmp_path / "bank", facts=(facts, None))
    named = sources(tmp_path / "bank")
    assert (named[GAGE.name]["title"], named[GAGE.name]["author"]) == ("The Gage account", "Thomas Gage")
    found = prompts(tmp_path / "bank") + explanations(tmp_path / "bank")
    assert any(e.startswith("It is from the British account") for e in explanations(tmp_path / "bank"))
    assert not any("Circumstantial" in p for p in found)


def test_two_witnesses_to_one_inquiry_are_told_apart(tmp_path: Path) -> None:
    """Both files open "British Wreck Commissioner's Inquiry": prompts must still say whose evidence it is."""
    folder = DATA / "californian-1912"
    out = tmp_path / "bank"
    report = generate_bank(
        folder / "gibson-evidence.txt", folder / "lord-evidence.txt", out, suggester="lexical"
    )
    assert not errors_in(report.issues)
    names = {s["short_name"] for s in sources(out).values()}
    assert names == {"“Testimony of James Gibson”", "“Testimony of Stanley Lord”"}
    assert not [p for p in prompts(out) if "Inquiry”" in p]


def test_a_witness_denial_asks_which_witness_said_it_and_filler_does_not(tmp_path: Path) -> None:
    """Telling one witness's evidence from another's is the skill a transcript pair teaches, on what a
    witness denies or claims, not on "The Chief Officer came back some time after" (REVIEW.md 8)."""
    folder = DATA / "californian-1912"
    out = tmp_path / "bank"
    generate_bank(folder / "gibson-evidence.txt", folder / "lord-evidence.txt", out, suggester="lexical")
    which = [q for q in questions_in(out) if q["type"] == "which_source"]
    quotes = {q["support"]["quote"] for q in which}
    assert "I did not know anything about these rockets until 7 o’clock the next morning." in quotes
    assert "The Chief Officer came back some time after." not in quotes
    assert not [q for q in quotes if q.rstrip("”\"’').").endswith("?")]
    # The Commissioner's remark between two questions is printed in Lord's file but is not Lord's evidence.
    pairs = (out / "claim_pairs" / "suggested.yaml").read_text(encoding="utf-8")
    remark = "Then I cannot understand why you should ask him"
    assert not [q for q in questions_in(out) if remark in q["support"]["quote"]] and remark not in pairs


def test_between_two_transcripts_an_answer_is_asked_with_its_question(tmp_path: Path) -> None:
    """ "Into the chart room." says nothing alone, and "I told him…" names no one: between two witnesses'
    evidence, an answer is asked about with the question put, and the quote stays the answer alone."""
    folder = DATA / "californian-1912"
    out = tmp_path / "bank"
    report = generate_bank(
        folder / "gibson-evidence.txt", folder / "lord-evidence.txt", out, suggester="lexical"
    )
    assert not errors_in(report.issues)
    asked = {
        q["support"]["quote"]: q["prompt"]
        for q in questions_in(out)
        if q["type"] == "which_source" and "the witness answered" in q["prompt"]
    }
    assert asked["I told him that they were all white."] == (
        "Which source says this? Asked “What did you tell him?”, the witness answered: "
        "“I told him that they were all white.”"
    )
    assert len(asked) >= 20
    # No label, no answer that gives the witness away, no question about who the witness is.
    assert not [
        p for p in asked.values() if re.search(r"(?:[“\"]|^)(?:Q|A)[.:] |\(The |Captain\?|your name", p)
    ]
    assert not [p for p in asked.values() if re.search(r"Gibson|Stanley|Lord\b", p.split("answered")[1])]


@pytest.mark.parametrize(
    "paragraph",
    [
        "INTRODUCTION.",
        "The Closed Port.",
        "MARGARET ELLERY.",
        "Camp at Harbour Point, Bay Territory, May 25, 1859.",
        "* For refutation see my “Address on the Port,” published at the Town Office",
    ],
)
def test_a_heading_title_signature_dateline_or_reference_note_is_no_claim(paragraph: str) -> None:
    assert frames(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "A doctor accompanied them.",
        "The Closed Port has been blamed on the merchants of the town.",
        "* At this Time the advanced Companies loaded, and were not loaded when they received the Fire.",
    ],
)
def test_a_short_claim_or_a_note_that_says_something_is_kept(paragraph: str) -> None:
    assert not frames(paragraph)


def test_a_salutation_is_cut_from_the_claim_it_opens() -> None:
    text = "MAJOR: When I left the fort, the General directed me to bury the dead."
    cut = without_salutation(Sentence(0, len(text), text))
    assert cut.text == "When I left the fort, the General directed me to bury the dead."
    assert text[cut.start : cut.end] == cut.text
    plain = Sentence(0, 4, "I am")
    assert without_salutation(plain) is plain


def test_a_rank_after_the_authors_name_in_the_title_line_still_says_what_kind_of_text_it_is(
    tmp_path: Path,
) -> None:
    """ "REPORT …, BY J. H. ELLERY, BREVET MAJOR, UNITED STATES ARMY": the army rank makes it an official
    report, though the title and the author are now given without it."""
    text = tmp_path / "report.txt"
    text.write_text(
        "REPORT ON THE CLOSED PORT, BY J. H. ELLERY, BREVET MAJOR, UNITED STATES ARMY.\n\n"
        "The harbour was closed in June and the warehouses stood half empty until the autumn.\n",
        encoding="utf-8",
    )
    source = _load(text, set(), "A")
    assert (source.title, source.author, source.short_name) == (
        "Report on the Closed Port",
        "J. H. Ellery",
        "Ellery",
    )
    assert _profile(source).category == "official"
    facts = SourceFacts(author="Jane Ellery")  # a person's own words about the author are taken as they are
    assert _profile(_load(text, set(), "A", facts)).author == "Jane Ellery"


def test_an_embedded_account_is_framed_with_its_speaker_and_an_unnamed_one_is_not_asked(
    tmp_path: Path,
) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "A herd boy called Tom Reed came to my camp on the 20th of May. "
        "He related what follows in plain words:\n\n"
        "I was herding sheep near the spring when the train came along the road from Cedar City.\n\n"
        "His sister came to the camp the next day. Her story was as follows:\n\n"
        "I saw the wagons burning on the hill above the spring that night. This is all I know about it.\n\n"
        "I rode back to the fort in the morning.\n",
        encoding="utf-8",
    )
    loaded = _load(report, set(), "A")
    voices = {s.text: (s.voice, s.account) for s in loaded.sentences if not s.clause}
    assert voices[
        "I was herding sheep near the spring when the train came along the road from Cedar City."
    ] == (
        "Tom Reed",
        True,
    )
    assert not [text for text in voices if "wagons burning" in text]  # "Her story" names no woman
    assert "I rode back to the fort in the morning." not in voices  # the author's own first person, as before


def test_in_a_transcript_a_lead_in_does_not_hand_the_next_turn_over(tmp_path: Path) -> None:
    inquiry = tmp_path / "inquiry.txt"
    inquiry.write_text(
        "Q. What did the watchman tell you that night on the wharf?\n\n"
        "A. A man called Tom Reed came running down the wharf to the shed, and he said:\n\n"
        "A. I saw the customs shed burning from the end of the wharf before the bell rang.\n",
        encoding="utf-8",
    )
    assert {(s.voice, s.account) for s in _load(inquiry, set(), "A").sentences} == {("", False)}
