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


def test_a_sentence_all_in_quotation_marks_is_quoted_in_one_pair() -> None:
    doubled = "According to the Statesman, as quoted in Penrose: ““This crime is so heinous.””"
    assert typeset(doubled) == "According to the Statesman, as quoted in Penrose: “This crime is so heinous.”"
    opened = "Which source says this? ““Lee still lives at Harmony and his life is one of misery.”"
    assert (
        typeset(opened)
        == "Which source says this? “Lee still lives at Harmony and his life is one of misery.”"
    )
    nested = "Which source says this? “Zhou added that “if the Americans don’t want peace, we fight.””"
    assert typeset(nested) == nested
