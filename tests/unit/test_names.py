"""The rules for names, as plain functions: normalised, refused, compared by what they look like."""

import pytest

from app.auth.names import confusable, normalise, problem, skeleton


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Ａｎａ", "Ana"),  # fullwidth
        ("  Ana \t  Lopez ", "Ana Lopez"),
        ("Ana\u3000Lopez", "Ana Lopez"),  # ideographic space
        ("ﬁona", "fiona"),  # the fi ligature
        ("Jose\u0301", "José"),  # a combining accent is composed
    ],
)
def test_a_name_is_normalised(typed: str, stored: str) -> None:
    assert normalise(typed) == stored
    assert problem(typed) is None


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("A\u200dna", "U+200D ZERO WIDTH JOINER"),
        ("An\u200ba", "U+200B ZERO WIDTH SPACE"),
        ("Ana\u202eeno", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2067Ana\u2069", "U+2067 RIGHT-TO-LEFT ISOLATE"),
        ("\ufeffAna", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("Ana\u2028Lopez", "U+2028 LINE SEPARATOR"),
        ("Ana\x07", "U+0007"),
        ("Ana\ue000", "U+E000"),  # private use
        ("Ana\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
        ("Ana\u0378", "U+0378"),  # unassigned
        ("Ana\u3164", "U+3164 HANGUL FILLER"),
    ],
)
def test_control_and_invisible_characters_are_refused_by_name(name: str, named: str) -> None:
    message = problem(name)
    assert message is not None and named in message and "invisible or control character" in message


def test_nul_is_refused() -> None:
    assert problem("An\x00a") == "The name contains a NUL character. Type it again without it."


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "\u3164\u3164", "\u2800\u2800", "\u034f\u034f"])
def test_a_name_of_invisible_characters_only_is_refused(name: str) -> None:
    assert problem(name) is not None


@pytest.mark.parametrize("name", ["\u0301\u0301", "---", "  ", ""])
def test_a_name_needs_a_letter_or_a_digit(name: str) -> None:
    assert problem(name) == "The name needs at least one letter or digit."


def test_the_message_names_the_thing() -> None:
    assert problem("History\u202e", noun="class name").startswith("The class name contains")


def test_tabs_and_line_breaks_are_only_spacing() -> None:
    assert problem("History \t 10B\r\n") is None
    assert normalise("History \t 10B\r\n") == "History 10B"


@pytest.mark.parametrize(
    ("lookalike", "latin"),
    [
        ("\u0410na", "Ana"),  # Cyrillic capital A
        ("An\u0430", "Ana"),  # Cyrillic small a
        ("\u0391\u039d\u0391", "ANA"),  # Greek capitals
        ("Ｍａｒｉａ", "Maria"),  # fullwidth
        ("\u0421\u0435\u0440\u0430", "Cepa"),  # all Cyrillic
        ("Sam1", "Saml"),
        ("Ana", "ana"),  # case
        ("ＨＩＳＴＯＲＹ １０Ｂ", "History 10B"),
        ("\u0397istory", "History"),  # Greek capital Eta
        ("An\u200da", "Ana"),  # an invisible character stored before these rules
    ],
)
def test_lookalikes_have_one_skeleton(lookalike: str, latin: str) -> None:
    assert skeleton(lookalike) == skeleton(latin)


@pytest.mark.parametrize(("one", "other"), [("Ana", "Anna"), ("José", "Jose"), ("Ana", "Ava"), ("Li", "Lu")])
def test_different_names_keep_different_skeletons(one: str, other: str) -> None:
    assert skeleton(one) != skeleton(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Ian", "lan"), ("\u0410na", "Ana"), ("ANA", "ana"), ("Ｉｒｅｎｅ", "lrene"), ("Sam1", "SamI")],
)
def test_confusable_names(one: str, other: str) -> None:
    assert confusable(one, other) and confusable(other, one)


@pytest.mark.parametrize(("one", "other"), [("IAN", "LAN"), ("ian", "lan"), ("Ana", "Anna"), ("Rui", "Rul")])
def test_names_that_look_different(one: str, other: str) -> None:
    assert not confusable(one, other)
