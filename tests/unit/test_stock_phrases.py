"""A blank the texts' own wording fills elsewhere answers itself, and is not made."""

from app.bank.generator.stock_phrases import completes_stock_phrase, phrase_counts

TEXTS = [
    "The hills were held by the Mormons and Indians all that week.",
    "Some hills were occupied by the Mormons and Indians.",
    "The Indians were frequently passing our house.",
]


def test_an_answer_the_same_words_stand_around_elsewhere_is_given_away() -> None:
    counts = phrase_counts(TEXTS)
    assert completes_stock_phrase("Some hills were occupied by the Mormons and ", "Indians", ".", counts)


def test_an_answer_met_elsewhere_in_other_words_is_not() -> None:
    counts = phrase_counts(TEXTS)
    assert not completes_stock_phrase("The ", "Indians", " were frequently passing our house.", counts)
    assert not completes_stock_phrase("The hills were held by the ", "Indians", " all that week.", counts)
