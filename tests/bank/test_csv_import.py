"""Reading a spreadsheet of questions: the documented header, rows, and problems named by row and column."""

import pytest

from app.bank.formats.csv_import import COLUMNS, parse_csv, template_csv
from app.bank.formats.import_records import (
    MAX_IMPORT_QUESTIONS,
    ImportUnreadable,
    TooManyQuestions,
    decode_upload,
    free_id,
)

HEADER = "type,prompt,choices,answer,source,quote,tags\n"


def problems(text: str) -> list[str]:
    return [str(problem) for problem in parse_csv(text).problems]


def test_the_template_reads_back_as_three_questions() -> None:
    text = template_csv()
    assert text.splitlines()[0] == ",".join(COLUMNS)
    result = parse_csv(text)
    assert result.problems == []
    mc, tf, typed = result.questions
    assert mc.type == "multiple_choice" and len(mc.choices) == 3 and mc.answer in mc.choices
    assert mc.tags == ("comintern", "rehe") and mc.skill == "close_reading"
    assert (tf.type, tf.answer, tf.where) == ("true_false", True, "row 3")
    assert typed.answer == "Council of Mutual Economic Assistance"
    assert typed.accepted_answers == ("Council for Mutual Economic Assistance",)


def test_columns_come_in_any_order_and_only_three_are_required() -> None:
    text = 'Answer,Prompt,TYPE\nfalse,"According to Weathersby, the war ended in 1951.",True False\n'
    (question,) = parse_csv(text).questions
    assert (question.type, question.answer, question.where) == ("true_false", False, "row 2")
    assert question.prompt == "According to Weathersby, the war ended in 1951."
    assert question.quote == "" and question.source == ""


def test_a_cell_running_over_several_lines_is_one_row() -> None:
    text = HEADER + 'typed,"In which\nyear?",,1953,,,\nflashcard,Front,,Back,,,\n'
    first, second = parse_csv(text).questions
    assert first.prompt == "In which year?" and second.where == "row 3"


def test_each_bad_cell_is_named_by_row_and_column() -> None:
    text = HEADER + (
        "essay,Write.,,x,,,\n"
        "multiple_choice,Which?,,a,,,\n"
        "true_false,According to X.,,perhaps,,,\n"
        "true_false,According to X.,a|b,true,,,\n"
        "typed,,,,,,\n"
    )
    assert problems(text) == [
        "row 2, column 'type': 'essay' is not a type; use one of multiple_choice, true_false, typed, cloze, "
        "which_source, flashcard",
        "row 3, column 'choices': a multiple_choice question needs its choices, separated by |",
        "row 4, column 'answer': a true_false answer is true or false, not 'perhaps'",
        "row 5, column 'choices': a true_false question takes no choices; leave the cell empty",
        "row 6, column 'prompt': the prompt is empty",
        "row 6, column 'answer': the answer is empty",
    ]
    assert parse_csv(text).questions == []


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("type,prompt,answer,colour\n", "unknown column(s) 'colour'"),
        ("type,prompt\n", "missing the column(s) 'answer'"),
        ("type,prompt,answer,prompt\n", "column(s) 'prompt' appear twice"),
    ],
)
def test_a_bad_header_stops_before_any_row(header: str, message: str) -> None:
    (problem,) = problems(header + "typed,Which year?,1953\n")
    assert problem.startswith("row 1 (header): ") and message in problem


def test_a_row_with_too_many_cells_says_how_to_quote_a_comma() -> None:
    (problem,) = problems("type,prompt,answer\ntyped,Which year, roughly?,1953\n")
    assert problem.startswith("row 2: 4 cells but the header has 3 columns")


def test_broken_quoting_is_reported_with_its_row() -> None:
    (problem,) = problems('type,prompt,answer\ntyped,Which year?,1953\ntyped,"Which" year?,1953\n')
    assert problem.startswith("row 3: not valid CSV")


def test_empty_files_and_blank_rows() -> None:
    assert "the file is empty" in problems("")[0]
    assert "no questions below the header" in problems("type,prompt,answer\n,,\n")[0]


def test_uploads_are_utf8_with_or_without_a_byte_order_mark() -> None:
    assert decode_upload("\ufefftype,prompt\n".encode()) == "type,prompt\n"
    with pytest.raises(ImportUnreadable, match=r"not UTF-8 text \(byte 5 cannot be read\)"):
        decode_upload(b"type," + "é".encode("latin-1"))
    with pytest.raises(ImportUnreadable, match="binary data"):
        decode_upload(b"PK\x03\x04\x00\x00")


def test_an_upload_over_the_limit_is_refused_with_its_size() -> None:
    with pytest.raises(
        ImportUnreadable,
        match=r"The file is 1,200,000 bytes; an import may be at most 1,000,000 bytes \(1 MB\)",
    ):
        decode_upload(b"x" * 1_200_000)
    assert len(decode_upload(b"x" * 1_000_000)) == 1_000_000


def test_free_ids_for_many_questions_wanting_one_id_are_those_a_fresh_search_finds() -> None:
    taken, tried = {"toast", "toast-3"}, {}
    chosen = []
    for _ in range(5):
        fresh = free_id("toast", taken)
        remembered = free_id("toast", taken, tried)
        assert remembered == fresh
        taken.add(remembered)
        chosen.append(remembered)
    assert chosen == ["toast-2", "toast-4", "toast-5", "toast-6", "toast-7"]


def test_a_csv_past_the_question_limit_stops_at_the_first_row_too_many() -> None:
    rows = "".join(f"true_false,According to X claim {n}.,true\n" for n in range(MAX_IMPORT_QUESTIONS + 1))
    with pytest.raises(TooManyQuestions, match="more than 2,000 questions"):
        parse_csv("type,prompt,answer\n" + rows)
    assert len(parse_csv("type,prompt,answer\n" + rows.split("\n", 1)[1]).questions) == MAX_IMPORT_QUESTIONS
