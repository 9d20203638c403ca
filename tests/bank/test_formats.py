"""The bank in the formats teachers already use: Moodle GIFT, Moodle XML, and a deck that Anki imports."""

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from app.bank.formats import export_items
from app.bank.formats.anki import DECK_NAME, FIELDS, write_apkg
from app.bank.formats.gift import escape, export_gift
from app.bank.formats.moodle_xml import export_moodle_xml
from app.bank.schema import QuestionSpec
from app.bank.validator import validate_bank
from app.bank.yamlio import BankFiles, read_bank
from tests.conftest import LOST_NOTHING, SHIPPED_BANK, TINY_PAIRS, TOAST, write_bank

# A pair serves at most 6 published questions: the small bank's others use a twin over the same two claims.
SMALL_PAIRS = TINY_PAIRS + TINY_PAIRS.removeprefix("claim_pairs:\n").replace(
    "id: stalin-sacrifice", "id: stalin-sacrifice-twin"
)
QUIZ_TYPES = {"multiple_choice", "true_false", "typed", "cloze", "which_source"}
SPECIAL_PROMPT = r"According to the DPRK publication, {which} toast = ~#1: a\b <&>?"

QUESTIONS = f"""\
questions:
  - id: toast-mc
    type: multiple_choice
    prompt: According to the DPRK publication, what did Stalin propose at the banquet?
    choices: [To thank Kim Il Sung, To end the war]
    answer: To thank Kim Il Sung
    explanation: The toast is told as proof of gratitude.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    section: Stalin’s Toast
    skill: corroboration
    tags: [stalin, toast]
    origin: authored
    status: published
  - id: toast-tf
    type: true_false
    prompt: According to the DPRK publication, Stalin proposed a toast of thanks to Kim Il Sung.
    answer: true
    explanation: The publication presents the toast as Stalin's personal gratitude.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    skill: close_reading
    origin: authored
    status: published
  - id: lost-typed
    type: typed
    prompt: According to Weathersby, what did Stalin say the Koreans had lost, apart from nothing?
    answer: people
    accepted_answers: [their people, "lives*"]
    explanation: Stalin dismissed Korean losses.
    support: {{source: weathersby, quote: "{LOST_NOTHING}"}}
    claim_pair: stalin-sacrifice
    skill: close_reading
    origin: authored
    status: published
  - id: lost-cloze
    type: cloze
    prompt: According to Weathersby, Stalin said the Koreans "have lost nothing, except ____."
    answer: people
    explanation: Stalin dismissed Korean losses while urging that the war go on.
    support: {{source: weathersby, quote: "{LOST_NOTHING}"}}
    claim_pair: stalin-sacrifice
    skill: corroboration
    origin: authored
    status: published
  - id: toast-which
    type: which_source
    prompt: "Which source says this? Stalin proposed heartfelt thanks to Kim Il Sung."
    answer: dprk
    explanation: Only the state text tells of the toast.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    skill: sourcing
    origin: authored
    status: published
  - id: toast-flash
    type: flashcard
    prompt: "Who says this, and what does the other source say? Stalin's toast to Kim Il Sung"
    answer: The DPRK publication says Stalin thanked Kim; Weathersby says he dismissed their losses.
    explanation: Two opposite pictures of the same man.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    skill: corroboration
    origin: authored
    status: published
  - id: special-chars
    type: multiple_choice
    prompt: '{SPECIAL_PROMPT}'
    choices: ["a = b", "~c {{d}}"]
    answer: "a = b"
    explanation: "Braces {{}} and a hash # stay: as written."
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice-twin
    skill: close_reading
    origin: authored
    status: published
  - id: draft-tf
    type: true_false
    prompt: According to the DPRK publication, Stalin refused to toast Kim Il Sung.
    answer: false
    explanation: A draft, not yet reviewed.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice-twin
    skill: close_reading
    origin: generated
    status: draft
"""

TOAST_FEEDBACK = (
    "The other source (North Korea and the Armistice Negotiations, contradicts)\\: "
    f"“{LOST_NOTHING}”"
    "\\nThe sources give opposite pictures of how Stalin regarded North Korea's sacrifices."
)


def _bank(root: Path) -> BankFiles:
    bank, issues = read_bank(root)
    assert [str(issue) for issue in issues] == []
    return bank


@pytest.fixture
def small_bank(tmp_path: Path) -> BankFiles:
    bank = _bank(write_bank(tmp_path / "small", SMALL_PAIRS, QUESTIONS))
    assert [str(issue) for issue in validate_bank(bank) if issue.severity == "error"] == []
    return bank


@pytest.fixture(scope="module")
def shipped_bank() -> BankFiles:
    return _bank(SHIPPED_BANK)


def published(bank: BankFiles, types: set[str] | None = None) -> list[QuestionSpec]:
    return [q for q in bank.questions if q.status == "published" and (types is None or q.type in types)]


def gift_blocks(text: str) -> dict[str, str]:
    """Each question's text by id: GIFT questions are separated by blank lines, comments start with //."""
    blocks = {}
    for block in text.split("\n\n"):
        if block.startswith("::"):
            name = re.match(r"::((?:\\.|[^:\\])*)::", block)
            assert name, block
            blocks[name.group(1)] = block.rstrip("\n")
    return blocks


# --- GIFT -------------------------------------------------------------------------------------------------


def test_gift_escapes_every_special_character() -> None:
    assert escape(r"a\b ~ = # { } : end") == r"a\\b \~ \= \# \{ \} \: end"
    assert escape("two\nlines") == "two\\nlines"


def test_gift_of_a_small_bank_has_one_block_per_quiz_question(small_bank: BankFiles) -> None:
    text = export_gift(small_bank)
    lines = text.splitlines()
    assert lines[:2] == [
        "// Counterpoint question bank, GIFT format for Moodle.",
        "// 6 questions; 1 flashcards left out (not quiz questions).",
    ]
    assert [line for line in lines if line.startswith("$CATEGORY")] == [
        "$CATEGORY: counterpoint/The DPRK publication/Stalin’s Toast",
        "$CATEGORY: counterpoint/Weathersby/The Utility of Prolonging the War",
    ]
    blocks = gift_blocks(text)
    assert list(blocks) == [
        "toast-mc",
        "toast-tf",
        "toast-which",
        "special-chars",
        "lost-typed",
        "lost-cloze",
    ]
    assert "toast-flash" not in text and "draft-tf" not in text


def test_gift_multiple_choice_and_true_false_blocks(small_bank: BankFiles) -> None:
    blocks = gift_blocks(export_gift(small_bank))
    assert blocks["toast-mc"].splitlines()[:3] == [
        "::toast-mc::[plain]According to the DPRK publication, what did Stalin propose at the banquet? {",
        "\t=To thank Kim Il Sung",
        "\t~To end the war",
    ]
    feedback = blocks["toast-mc"].splitlines()[3]
    assert feedback == (
        "\t####The toast is told as proof of gratitude."
        "\\nPassage (Kim Il Sung and His Spirit of Independence)\\: “" + TOAST + "”\\n" + TOAST_FEEDBACK
    )
    assert blocks["toast-mc"].splitlines()[4] == "}"
    assert blocks["toast-tf"].splitlines()[1] == "\tT"
    assert blocks["toast-tf"].splitlines()[2].startswith("\t####The publication presents the toast")


def test_gift_which_source_is_multiple_choice_over_the_sources_named_as_the_app_names_them(
    small_bank: BankFiles,
) -> None:
    lines = gift_blocks(export_gift(small_bank))["toast-which"].splitlines()
    assert lines[1:5] == ["\t=The DPRK publication", "\t~Weathersby", "\t~Both sources", "\t~Neither source"]


def test_gift_typed_and_cloze_are_short_answer_with_every_accepted_spelling(small_bank: BankFiles) -> None:
    blocks = gift_blocks(export_gift(small_bank))
    typed = blocks["lost-typed"].splitlines()
    # An asterisk is a wildcard in Moodle's short answer: the bank's asterisk stays literal (\* after GIFT).
    assert typed[1:4] == ["\t=people", "\t=their people", "\t=lives\\\\*"]
    cloze = blocks["lost-cloze"].splitlines()
    assert cloze[0] == (
        "::lost-cloze::[plain]According to Weathersby, Stalin said the Koreans "
        '"have lost nothing, except ____." {'
    )
    assert cloze[1] == "\t=people"
    assert (
        "The other source (Kim Il Sung and His Spirit of Independence, contradicts)\\: “" + TOAST in cloze[2]
    )


def test_gift_special_characters_in_prompt_choices_and_feedback(small_bank: BankFiles) -> None:
    lines = gift_blocks(export_gift(small_bank))["special-chars"].splitlines()
    assert lines[0] == (
        r"::special-chars::[plain]According to the DPRK publication, \{which\} toast \= \~\#1\: a\\b <&>? {"
    )
    assert lines[1:3] == [r"	=a \= b", r"	~\~c \{d\}"]
    assert lines[3].startswith(r"	####Braces \{\} and a hash \# stay\: as written.\nPassage")


def test_gift_includes_drafts_only_when_asked(small_bank: BankFiles) -> None:
    assert "::draft-tf::" in export_gift(small_bank, include_drafts=True)


def _unescaped(block: str) -> str:
    return re.sub(r"\\.", "", block)


def test_every_published_question_of_the_shipped_bank_is_in_the_gift_file(shipped_bank: BankFiles) -> None:
    text = export_gift(shipped_bank)
    blocks = gift_blocks(text)
    expected = published(shipped_bank, QUIZ_TYPES)
    assert sorted(blocks) == sorted(q.id for q in expected)
    by_id = {q.id: q for q in expected}
    for question_id, block in blocks.items():
        bare = _unescaped(block)
        # After escapes, each question has exactly one answer block, closed at its end, and one feedback.
        assert bare.count("{") == 1 and bare.count("}") == 1 and bare.endswith("}"), question_id
        assert bare.count("####") == 1, question_id
        answers = bare[bare.index("{") + 1 : bare.index("####")]
        question = by_id[question_id]
        if question.type in ("multiple_choice", "which_source"):
            assert answers.count("=") == 1, question_id
        if question.type == "true_false":
            assert answers.strip() == ("T" if question.answer else "F"), question_id
    flashcards = len(published(shipped_bank, {"flashcard"}))
    assert f"{flashcards} flashcards left out" in text


# --- Moodle XML -------------------------------------------------------------------------------------------


def test_moodle_xml_of_a_small_bank_parses_and_holds_each_type(small_bank: BankFiles) -> None:
    text = export_moodle_xml(small_bank)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    quiz = ET.fromstring(text.encode("utf-8"))
    questions = {q.findtext("name/text"): q for q in quiz.findall("question") if q.get("type") != "category"}
    types = {name: q.get("type") for name, q in questions.items()}
    assert types == {
        "toast-mc": "multichoice",
        "toast-tf": "truefalse",
        "toast-which": "multichoice",
        "special-chars": "multichoice",
        "lost-typed": "shortanswer",
        "lost-cloze": "shortanswer",
    }
    categories = [q.findtext("category/text") for q in quiz.findall("question[@type='category']")]
    assert categories == [
        "$course$/top/counterpoint/The DPRK publication/Stalin’s Toast",
        "$course$/top/counterpoint/Weathersby/The Utility of Prolonging the War",
    ]
    special = questions["special-chars"]
    assert special.find("questiontext").get("format") == "html"
    assert special.findtext("questiontext/text") == (
        r"<p>According to the DPRK publication, {which} toast = ~#1: a\b &lt;&amp;&gt;?</p>"
    )
    assert [(a.get("fraction"), a.findtext("text")) for a in special.findall("answer")] == [
        ("100", "<p>a = b</p>"),
        ("0", "<p>~c {d}</p>"),
    ]
    tf = [(a.get("fraction"), a.findtext("text")) for a in questions["toast-tf"].findall("answer")]
    assert tf == [("100", "true"), ("0", "false")]
    typed = [(a.get("fraction"), a.findtext("text")) for a in questions["lost-typed"].findall("answer")]
    assert typed == [("100", "people"), ("100", "their people"), ("100", "lives\\*")]
    which = [
        a.findtext("text") for a in questions["toast-which"].findall("answer") if a.get("fraction") == "100"
    ]
    assert which == ["<p>The DPRK publication</p>"]
    feedback = questions["toast-mc"].findtext("generalfeedback/text")
    assert feedback == (
        "<p>The toast is told as proof of gratitude.</p>"
        "<p><strong>Passage</strong> (Kim Il Sung and His Spirit of Independence, Stalin’s Toast):</p>"
        f"<blockquote>{TOAST}</blockquote>"
        "<p><strong>The other source</strong> (North Korea and the Armistice Negotiations, contradicts):</p>"
        f"<blockquote>{LOST_NOTHING}</blockquote>"
        "<p>The sources give opposite pictures of how Stalin regarded North Korea's sacrifices.</p>"
    )
    assert [t.text for t in questions["toast-mc"].findall("tags/tag/text")] == ["stalin", "toast"]


def test_moodle_xml_of_the_shipped_bank_counts_every_published_quiz_question(shipped_bank: BankFiles) -> None:
    quiz = ET.fromstring(export_moodle_xml(shipped_bank).encode("utf-8"))
    questions = [q for q in quiz.findall("question") if q.get("type") != "category"]
    expected = published(shipped_bank, QUIZ_TYPES)
    assert sorted(q.findtext("name/text") for q in questions) == sorted(q.id for q in expected)
    by_type: dict[str, int] = {}
    for question in expected:
        moodle = {"true_false": "truefalse", "typed": "shortanswer", "cloze": "shortanswer"}
        name = moodle.get(question.type, "multichoice")
        by_type[name] = by_type.get(name, 0) + 1
    assert {t: sum(q.get("type") == t for q in questions) for t in by_type} == by_type
    for question in questions:
        fractions = [a.get("fraction") for a in question.findall("answer")]
        assert "100" in fractions, question.findtext("name/text")
        if question.get("type") != "shortanswer":
            assert fractions.count("100") == 1
        feedback = question.findtext("generalfeedback/text")
        # The passage, then the other source's words on the point, or the record that it says nothing on it.
        silent = "says nothing on this point" in feedback
        assert feedback.count("<blockquote>") == (1 if silent else 2)
    sections = {q.findtext("category/text") for q in quiz.findall("question[@type='category']")}
    assert len(sections) >= 10


# --- Anki -------------------------------------------------------------------------------------------------


def test_export_items_are_published_only_by_default(small_bank: BankFiles) -> None:
    assert "draft-tf" not in [item.question.id for item in export_items(small_bank)]
    assert "draft-tf" in [item.question.id for item in export_items(small_bank, include_drafts=True)]


def test_write_apkg_writes_one_note_per_published_question(shipped_bank: BankFiles, tmp_path: Path) -> None:
    path = tmp_path / "counterpoint.apkg"
    assert write_apkg(shipped_bank, path) == len(published(shipped_bank))
    with zipfile.ZipFile(path) as package:
        assert "collection.anki2" in package.namelist()


def import_deck(collection_path: Path, package: Path):
    """Open (or create) an Anki collection and import the package with Anki's defaults, as its GUI does:
    a note whose GUID is already there is updated when the imported one is newer."""
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    collection = Collection(str(collection_path))
    try:
        request = ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
        collection.import_anki_package(request)
    except Exception:
        collection.close()
        raise
    return collection


def test_anki_imports_the_deck_with_every_note_and_card(shipped_bank: BankFiles, tmp_path: Path) -> None:
    pytest.importorskip(
        "anki.collection", reason="the anki package (test extra) is needed to import the deck"
    )
    package = tmp_path / "counterpoint.apkg"
    written = write_apkg(shipped_bank, package)
    collection = import_deck(tmp_path / "collection.anki2", package)
    try:
        assert collection.note_count() == written == len(published(shipped_bank))
        assert collection.card_count() == collection.note_count()
        assert DECK_NAME in [deck.name for deck in collection.decks.all_names_and_ids()]
        [note_id] = collection.find_notes('"QuestionId:dprk-intro-which-1"')
        note = collection.get_note(note_id)
        assert list(note.keys()) == list(FIELDS)
        assert note["Front"].startswith("<p>Which source makes this claim?")
        assert "<li>Neither source</li>" in note["Front"]
        assert note["Back"].startswith('<div class="answer">The DPRK publication</div>')
        assert "<mark>President Kim Il Sung (1912-1994) maintained the principle" in note["Passage"]
        assert "(contradicts)" in note["Contrast"] and "<mark>While Kim Il Sung" in note["Contrast"]
        assert note["Source"].startswith("The DPRK publication: ")
        assert "type::which_source" in note.tags
        flashcards = collection.find_notes("tag:type::flashcard")
        assert len(flashcards) == len(published(shipped_bank, {"flashcard"}))
    finally:
        collection.close()


def test_reimporting_an_edited_deck_updates_notes_instead_of_duplicating_them(tmp_path: Path) -> None:
    pytest.importorskip(
        "anki.collection", reason="the anki package (test extra) is needed to import the deck"
    )
    first = tmp_path / "first.apkg"
    write_apkg(_bank(write_bank(tmp_path / "v1", SMALL_PAIRS, QUESTIONS)), first, timestamp=1_700_000_000)
    edited = QUESTIONS.replace("The toast is told as proof of gratitude.", "Edited explanation.")
    second = tmp_path / "second.apkg"
    write_apkg(_bank(write_bank(tmp_path / "v2", SMALL_PAIRS, edited)), second, timestamp=1_700_086_400)
    import_deck(tmp_path / "collection.anki2", first).close()
    collection = import_deck(tmp_path / "collection.anki2", second)
    try:
        assert collection.note_count() == 7 and collection.card_count() == 7
        [note_id] = collection.find_notes('"QuestionId:toast-mc"')
        assert "Edited explanation." in collection.get_note(note_id)["Back"]
    finally:
        collection.close()
