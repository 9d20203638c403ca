"""The question-type registry: a type registered in one place is seen by every consumer, an incomplete one
is refused, and no code outside app/bank/types names a type."""

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

import app as app_package
from app.auth.models import Classroom
from app.bank.formats import anki, gift, moodle_xml
from app.bank.schema import QuestionSpec
from app.bank.types import (
    HELPERS,
    QUESTION_TYPES,
    IncompleteType,
    InvalidResponse,
    QuestionType,
    grade,
    quiz_filters,
    quiz_types,
    register,
)
from app.bank.types.base import CHOICES, MULTICHOICE, SHORTANSWER
from app.bank.types.rules import TypeContext, text_answer
from app.bank.types.templating import check_template
from app.bank.types.typed import TypedForm
from app.bank.validator import errors_in, validate_bank
from app.bank.yamlio import read_bank
from app.extensions import db
from app.learner import quiz
from app.learner.forms import QuizFilterForm
from tests.conftest import LOST_NOTHING, TINY_QUESTIONS, log_in, write_bank

APP_DIR = Path(app_package.__file__).parent
TYPES_DIR = APP_DIR / "bank" / "types"
NAME = "one_word"


def _check_one_word(question: QuestionSpec, _context: TypeContext) -> list[str]:
    problems = text_answer(question)
    if isinstance(question.answer, str) and len(question.answer.split()) != 1:
        problems.append("a one-word answer is one word")
    return problems


class OneWordForm(TypedForm):
    TYPE = NAME
    PROMPT_LABEL = "Question for one word"


# A throwaway type: typed like a typed answer, with a rule of its own; it borrows the typed template.
ONE_WORD = QuestionType(
    name=NAME,
    label="One word",
    check=_check_one_word,
    editor_form=OneWordForm,
    export=SHORTANSWER,
    accepts_alternatives=True,
    template="question_types/typed.html",
)

ONE_WORD_QUESTION = f"""\
  - id: lost-nothing-one-word
    type: {NAME}
    prompt: According to Weathersby, what did Stalin say the Koreans had lost, in one word?
    answer: people
    accepted_answers: [lives]
    explanation: Stalin dismissed Korean losses while urging that the war go on.
    support: {{source: weathersby, quote: "{LOST_NOTHING}"}}
    claim_pair: stalin-sacrifice
    skill: corroboration
    origin: authored
    status: published
"""


@pytest.fixture
def one_word(monkeypatch: pytest.MonkeyPatch) -> Iterator[QuestionType]:
    """The throwaway type in the registry for one test; the registry is as before afterwards."""
    monkeypatch.setitem(QUESTION_TYPES, NAME, ONE_WORD)
    yield ONE_WORD


def one_word_bank(root: Path, answer: str = "people") -> Path:
    return write_bank(
        root, questions=TINY_QUESTIONS + ONE_WORD_QUESTION.replace("answer: people", f"answer: {answer}")
    )


def problems(root: Path) -> list[str]:
    bank, issues = read_bank(root)
    return [str(issue) for issue in errors_in(issues + validate_bank(bank))]


# The registry refuses a type that lacks a piece.


def test_a_type_without_an_editor_form_cannot_be_made() -> None:
    with pytest.raises(TypeError):
        QuestionType(name=NAME, label="One word", check=_check_one_word, export=SHORTANSWER)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"label": " "}, "needs a label"),
        ({"check": None}, "needs a check"),
        ({"editor_form": TypedForm}, "editor form whose TYPE is 'one_word'"),
        ({"export": MULTICHOICE}, "cannot export as 'multichoice'"),
        ({"options": "colours"}, "options must be one of"),
        ({"options": CHOICES, "export": MULTICHOICE}, "accepts no other spellings"),
        ({"name": "One Word"}, "lower-case name"),
    ],
)
def test_an_incomplete_or_contradictory_type_is_refused(changes: dict[str, object], message: str) -> None:
    fields = {
        "name": NAME,
        "label": "One word",
        "check": _check_one_word,
        "editor_form": OneWordForm,
        "export": SHORTANSWER,
        "accepts_alternatives": True,
    }
    with pytest.raises(IncompleteType, match=re.escape(message)):
        QuestionType(**{**fields, **changes})  # type: ignore[arg-type]


def test_the_registry_refuses_a_second_type_of_the_same_name_and_anything_else() -> None:
    with pytest.raises(IncompleteType, match="already registered"):
        register(QUESTION_TYPES["typed"])
    with pytest.raises(IncompleteType, match="is not a QuestionType"):
        register("one_word")  # type: ignore[arg-type]


def test_register_adds_a_complete_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.bank.types.QUESTION_TYPES", dict(QUESTION_TYPES))
    from app.bank import types

    assert register(ONE_WORD) is ONE_WORD
    assert types.QUESTION_TYPES[NAME] is ONE_WORD


def test_a_type_without_its_template_is_refused_when_the_app_starts(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    nameless = QuestionType(
        name=NAME, label="One word", check=_check_one_word, editor_form=OneWordForm, export=SHORTANSWER
    )
    monkeypatch.setitem(QUESTION_TYPES, NAME, nameless)
    with pytest.raises(IncompleteType, match=r"no template 'question_types/one_word.html'"):
        check_template(app, NAME)
    monkeypatch.setitem(QUESTION_TYPES, NAME, ONE_WORD)
    check_template(app, NAME)


def test_every_type_module_of_the_package_is_registered_in_position_order() -> None:
    modules = {
        path.stem
        for path in TYPES_DIR.glob("*.py")
        if path.stem not in HELPERS and not path.stem.startswith("_")
    }
    assert set(QUESTION_TYPES) == modules
    positions = [qtype.position for qtype in QUESTION_TYPES.values()]
    assert positions == sorted(positions)


def test_every_shipped_type_has_its_template(app: Flask) -> None:
    for name in QUESTION_TYPES:
        check_template(app, name)


# A registered type is seen by every consumer.


def test_bank_check_knows_the_new_type_and_applies_its_rule(tmp_path: Path, one_word: QuestionType) -> None:
    assert problems(one_word_bank(tmp_path / "good")) == []
    found = problems(one_word_bank(tmp_path / "bad", answer="many people"))
    assert len(found) == 1 and "a one-word answer is one word" in found[0]


def test_without_the_type_bank_check_calls_it_unknown(tmp_path: Path) -> None:
    found = problems(one_word_bank(tmp_path))
    assert any(f"unknown type '{NAME}'" in problem for problem in found), found


def test_the_bank_check_command_passes_with_the_new_type(
    runner, tmp_path: Path, one_word: QuestionType
) -> None:
    result = runner.invoke(args=["bank", "check", "--bank", str(one_word_bank(tmp_path))])
    assert result.exit_code == 0, result.output


def test_grading_uses_the_new_type(one_word: QuestionType) -> None:
    assert grade(NAME, "people", ["lives"], "  People. ", None).correct
    assert grade(NAME, "people", ["lives"], "lives", None).correct
    wrong = grade(NAME, "people", ["lives"], "soldiers", None)
    assert (wrong.correct, wrong.error_kind, wrong.expected) == (False, "wrong", "people")
    with pytest.raises(InvalidResponse):
        grade(NAME, "people", [], "   ", None)


def test_an_unregistered_type_is_not_graded() -> None:
    with pytest.raises(InvalidResponse):
        grade(NAME, "people", [], "people", None)


def test_the_quiz_asks_the_new_type(app: Flask, runner, tmp_path: Path, one_word: QuestionType) -> None:
    assert NAME in quiz_types()
    assert (NAME, "One word") in quiz_filters()
    result = runner.invoke(args=["bank", "load", "--bank", str(one_word_bank(tmp_path))])
    assert result.exit_code == 0, result.output
    pool = quiz.quiz_pool(db.session, quiz.QuizFilters(type=NAME))
    assert [revision.question_id for revision in pool] == ["lost-nothing-one-word"]
    mixed = quiz.quiz_pool(db.session, quiz.QuizFilters())
    assert "lost-nothing-one-word" in {revision.question_id for revision in mixed}
    with app.test_request_context():
        assert (NAME, "One word") in [(c.value, c.label) for c in QuizFilterForm().type.choices]


def test_the_learner_answers_the_new_type(
    app: Flask, runner, client: FlaskClient, tmp_path: Path, one_word: QuestionType, make_user
) -> None:
    runner.invoke(args=["bank", "load", "--bank", str(one_word_bank(tmp_path))])
    make_user("Lee")
    log_in(client, "Lee")
    page = client.post("/quiz/next", data={"type": NAME}, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "One word" in html and "what did Stalin say the Koreans had lost" in html
    assert 'name="response"' in html and 'type="text"' in html


def test_the_editor_offers_and_draws_the_new_type(
    classroom: Classroom, client: FlaskClient, one_word: QuestionType
) -> None:
    log_in(client, "Ms Rivera")
    kinds = client.get("/teach/questions/new").get_data(as_text=True)
    assert f"/teach/questions/new?type={NAME}" in kinds and "One word" in kinds
    page = client.get(f"/teach/questions/new?type={NAME}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "New question: one word" in html and "Question for one word" in html
    assert 'name="accepted_answers"' in html


def test_the_exporters_map_the_new_type(tmp_path: Path, one_word: QuestionType) -> None:
    bank, issues = read_bank(one_word_bank(tmp_path))
    assert errors_in(issues) == []
    text = gift.export_gift(bank)
    assert "::lost-nothing-one-word::" in text and "\t=people\n\t=lives\n" in text
    root = ET.fromstring(moodle_xml.export_moodle_xml(bank).split("\n", 1)[1])
    [element] = [q for q in root.iter("question") if q.findtext("name/text") == "lost-nothing-one-word"]
    assert element.get("type") == "shortanswer"
    assert [a.findtext("text") for a in element.iter("answer")] == ["people", "lives"]
    deck = anki.build_deck(bank)
    [note] = [n for n in deck.notes if n.fields[-1] == "lost-nothing-one-word"]
    assert "Also accepted: lives" in note.fields[1]
    assert f"type::{NAME}" in note.tags


def test_a_type_left_out_of_moodle_is_left_out_of_both_moodle_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card_only = QuestionType(
        name=NAME,
        label="One word",
        check=_check_one_word,
        editor_form=OneWordForm,
        export=None,
        in_quiz=False,
        template="question_types/flashcard.html",
    )
    monkeypatch.setitem(QUESTION_TYPES, NAME, card_only)
    bank, _issues = read_bank(one_word_bank(tmp_path))
    assert "lost-nothing-one-word" not in gift.export_gift(bank)
    assert "lost-nothing-one-word" not in moodle_xml.export_moodle_xml(bank)
    assert NAME not in quiz_types()


# No code outside the registry names a type.


def _python_literals() -> list[str]:
    names = set(QUESTION_TYPES)
    found = []
    for path in sorted(APP_DIR.rglob("*.py")):
        if TYPES_DIR in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{path.relative_to(APP_DIR)}:{node.lineno}: {node.value!r}")
    return found


def _template_literals() -> list[str]:
    names = "|".join(map(re.escape, QUESTION_TYPES))
    pattern = re.compile(rf"""['"]({names})['"]""")
    found = []
    for path in sorted([*APP_DIR.glob("templates/**/*.html"), *APP_DIR.glob("static/*.js")]):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if match := pattern.search(line):
                found.append(f"{path.relative_to(APP_DIR)}:{number}: {match.group(0)}")
    return found


def test_no_type_name_is_written_outside_the_registry() -> None:
    assert _python_literals() == []
    assert _template_literals() == []


def test_the_literal_search_would_find_one() -> None:
    """The check above is not vacuous: a literal of a type's name is found by the same walk."""
    tree = ast.parse('if question.type == "which_source": pass')
    assert any(isinstance(n, ast.Constant) and n.value in QUESTION_TYPES for n in ast.walk(tree))


def test_each_type_has_one_label_everywhere() -> None:
    labels = [qtype.label for qtype in QUESTION_TYPES.values()]
    assert len(set(labels)) == len(labels)
    assert QUESTION_TYPES["which_source"].label == "Which source says this?"
