"""Prompts are set in one style of quotation marks, so the marks never tell which source a quote is from."""

from app.bank.generator.typography import typeset


def test_straight_marks_become_the_curly_marks_of_a_source_typed_that_way() -> None:
    straight = 'Which source says this? “…the Major\'s Horse, and the "Titanic," he said…”'
    curly = "Which source says this? “…the Major’s Horse, and the “Titanic,” he said…”"
    assert typeset(straight) == curly
    assert typeset(curly) == curly


def test_a_quotation_inside_a_quoted_passage_opens_and_closes_where_it_should() -> None:
    assert (
        typeset('“…"a barrel of arsenic would not poison it."…”')
        == "“…“a barrel of arsenic would not poison it.”…”"
    )
    assert typeset("the men's arms; 'Stop!' he cried (\"go\")") == "the men’s arms; ‘Stop!’ he cried (“go”)"
