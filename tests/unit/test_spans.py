"""Years, dates, numbers and percentages on the real sources and on small sentences built to one purpose:
what a teacher would notice (a count offered as a year, a date cut in two, a reference offered as a fact).
People are in test_people.py, distractors in test_distractors.py."""

import itertools

import pytest

from app.bank.generator.spans import find_spans, render_like
from tests.unit.spans_texts import (
    DPRK_FILE,
    GAGE_FILE,
    NARRATIVE_FILE,
    PAPER_FILE,
    korea_people,
    lexington_people,
    sentence_with,
    sentences,
    span_at,
    spans_of,
    texts,
)

# Years, and counts that look like years ------------------------------------------------------------


def test_a_count_out_of_a_total_is_a_number_never_a_year():
    sentence = sentence_with(PAPER_FILE, "1928 out of 2410 warehouses")
    years = spans_of(sentence, kind="year")
    assert texts(years) == ["1951"]  # "the first half of 1951", nothing else
    for count in ("1928", "2410", "3687", "4500", "2779", "5644", "1036", "1249"):
        span = span_at(sentence, count)
        assert (span.kind, span.granularity, span.value) == ("number", "integer", float(count))
    assert span_at(sentence, "2410").unit == "warehouse"
    assert span_at(sentence, "2779").unit == "km"


@pytest.mark.parametrize(
    ("sentence", "text", "kind"),
    [
        ("In 1928 the party met again.", "1928", "year"),
        ("He sent 1928 soldiers to the front.", "1928", "number"),
        ("The 2410 prisoners were freed.", "2410", "number"),
        ("Of the 1861 bridges, few stood.", "1861", "number"),
        ("They lost 1036 out of 1249 locomotives.", "1036", "number"),
        ("They lost 1036 out of 1249 locomotives.", "1249", "number"),
        ("The 1938 incident of Lake Khasan mattered.", "1938", "year"),
        ("Trade grew in 1952 and 1953.", "1953", "year"),
        ("For 1951 the list included coal.", "1951", "year"),
        ("By early 1952 the leadership wanted peace.", "1952", "year"),
    ],
)
def test_years_and_counts_are_told_apart_by_their_context(sentence, text, kind):
    assert span_at(sentence, text).kind == kind


def test_a_number_with_separators_is_never_a_year():
    span = span_at("They shipped 1,000 tons of coal.", "1,000")
    assert (span.kind, span.granularity, span.value, span.unit) == ("number", "thousands", 1000.0, "ton")


def test_a_four_digit_number_with_no_telling_context_is_not_offered_as_either():
    assert spans_of("The code was 1950 exactly.") == []


def test_decades_keep_their_prefix_and_render_alike():
    sentence = sentence_with(DPRK_FILE, "mid-1930s")
    span = span_at(sentence, "mid-1930s")
    assert (span.kind, span.granularity, span.value) == ("year", "decade", 1930)
    assert render_like(span, 1940) == "mid-1940s"
    plain = span_at("It happened in the 1930s.", "1930s")
    assert (plain.granularity, plain.value, render_like(plain, 1920)) == ("decade", 1930, "1920s")


def test_a_life_span_is_one_range_not_two_years():
    sentence = sentence_with(DPRK_FILE, "maintained the principle of independence")
    assert [(s.kind, s.text, s.value, s.granularity) for s in spans_of(sentence, kind="year")] == [
        ("year", "1912-1994", (1912, 1994), "range")
    ]
    occupation = sentence_with(DPRK_FILE, "(1905-1945)")
    assert span_at(occupation, "1905-1945").value == (1905, 1945)
    assert span_at(occupation, "1949").granularity == "year"  # "In early 1949"
    short = span_at("During 1951–52 the talks dragged on.", "1951–52")
    assert short.value == (1951, 1952)
    assert render_like(short, (1953, 1954)) == "1953–54"


# Dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fragment", "text", "value", "granularity"),
    [
        (PAPER_FILE, "Stalin’s death on 5 March 1953", "5 March 1953", (1953, 3, 5), "day"),
        (PAPER_FILE, "open negotiations in June 1951", "June 1951", (1951, 6, None), "month"),
        (PAPER_FILE, "message to Stalin on 14 November 1951", "14 November 1951", (1951, 11, 14), "day"),
        (PAPER_FILE, "your telegram of October 24", "October 24", (None, 10, 24), "day"),
        (DPRK_FILE, "important meeting in May 1988", "May 1988", (1988, 5, None), "month"),
        (GAGE_FILE, "A CIRCUMSTANTIAL ACCOUNT", "19th of April 1775", (1775, 4, 19), "day"),
        (GAGE_FILE, "ON Tuesday the 18th of April", "18th of April", (None, 4, 18), "day"),
        (NARRATIVE_FILE, "Watertown, May 22d, 1775", "May 22d, 1775", (1775, 5, 22), "day"),
        (
            NARRATIVE_FILE,
            "On the nineteenth of APRIL, 1775",
            "nineteenth of APRIL, 1775",
            (1775, 4, 19),
            "day",
        ),
        (NARRATIVE_FILE, "Lexington, 25th of April, 1775", "25th of April, 1775", (1775, 4, 25), "day"),
    ],
)
def test_dates_in_the_formats_the_sources_use(path, fragment, text, value, granularity):
    span = span_at(sentence_with(path, fragment), text)
    assert (span.kind, span.value, span.granularity) == ("date", value, granularity)


def test_dates_written_month_first_and_with_abbreviations():
    assert span_at("Stalin died on March 5, 1953, in Moscow.", "March 5, 1953").value == (1953, 3, 5)
    assert span_at("It began on April 19, 1775.", "April 19, 1775").value == (1775, 4, 19)
    assert span_at("He left on Aug. 13, 1951.", "Aug. 13, 1951").value == (1951, 8, 13)


def test_a_day_range_and_a_shared_month_are_not_split_into_false_answers():
    sentence = sentence_with(PAPER_FILE, "on 11-12 July")
    assert texts(spans_of(sentence)) == ["6,000"]  # not "12 July", not "11"
    sentence = sentence_with(PAPER_FILE, "July/August 1951")
    assert [(s.kind, s.text) for s in spans_of(sentence, korea_people()) if s.kind != "person"] == [
        ("year", "1951")
    ]


def test_may_and_march_as_words_are_not_dates():
    assert spans_of("The troops may march on 5 miles of road.", kind="date") == []
    assert spans_of("Kim Il Sung said it may lose independence.", kind="date") == []


def test_dates_render_in_the_style_of_their_source():
    modern = span_at("Stalin died on 5 March 1953.", "5 March 1953")
    assert render_like(modern, (1951, 11, 14)) == "14 November 1951"
    old = span_at(sentence_with(NARRATIVE_FILE, "Watertown, May 22d, 1775"), "May 22d, 1775")
    assert render_like(old, (1775, 4, 23)) == "April 23d, 1775"
    assert render_like(old, (1775, 4, 19)) == "April 19th, 1775"
    words = span_at(sentence_with(NARRATIVE_FILE, "On the nineteenth of APRIL"), "nineteenth of APRIL, 1775")
    assert render_like(words, (1775, 4, 18)) == "eighteenth of APRIL, 1775"
    month = span_at("It began in June 1951.", "June 1951")
    assert render_like(month, (1952, 9, None)) == "September 1952"
    with pytest.raises(ValueError):
        render_like(modern, (1953, 3, None))


# Numbers and percentages --------------------------------------------------------------------------


def test_percentages_with_and_without_a_space_keep_their_format():
    sentence = sentence_with(PAPER_FILE, "75.1% of all capital investments")
    percentages = spans_of(sentence, kind="percentage")
    assert [(s.text, s.value, s.granularity) for s in percentages] == [
        ("75.1%", 0.751, "decimal"),
        ("24.6%", 0.246, "decimal"),
        ("81.5%", 0.815, "decimal"),
    ]
    assert render_like(percentages[0], 0.527) == "52.7%"
    spaced = span_at("Investment reached 75.1 % of the total.", "75.1 %")
    assert (spaced.value, render_like(spaced, 0.5)) == (0.751, "50.0 %")
    whole = span_at("They lost 12 per cent of it.", "12 per cent")
    assert (whole.granularity, render_like(whole, 0.3)) == ("integer", "30 per cent")


def test_thousands_separators_scales_and_decimals():
    sentence = sentence_with(PAPER_FILE, "240,000 tons of coal")
    coal = span_at(sentence, "240,000")
    assert (coal.value, coal.granularity, coal.unit) == (240000.0, "thousands", "ton")
    assert render_like(coal, 1_250_000) == "1,250,000"
    assert span_at(sentence, "21,500,000").value == 21_500_000.0
    penicillin = span_at(sentence, "100 million")
    assert (penicillin.value, render_like(penicillin, 50_000_000)) == (100_000_000.0, "50 million")
    wool = [s for s in spans_of(sentence) if s.text == "1,000,000"]
    assert len(wool) == 3  # "cotton wool,1,000,000 meters of gauze" included
    ore = span_at(sentence_with(PAPER_FILE, "0.84 tons of beryllium"), "0.84")
    assert (ore.granularity, render_like(ore, 1.5)) == ("decimal", "1.50")


def test_numbers_in_words_and_ranges_of_them():
    sentence = sentence_with(PAPER_FILE, "These two to three years we must use")
    span = span_at(sentence, "two to three")
    assert (span.kind, span.granularity, span.value, span.unit) == ("number", "range", (2.0, 3.0), "year")
    assert render_like(span, (15.0, 20.0)) == "fifteen to twenty"
    gage = sentence_with(GAGE_FILE, "Five Hundred Men")
    men = span_at(gage, "Five Hundred")
    assert (men.value, men.granularity, render_like(men, 200)) == (500.0, "words", "Two Hundred")
    assert span_at(sentence_with(PAPER_FILE, "sixty-two Soviet specialists"), "sixty-two").value == 62.0
    assert span_at("about an hundred of the militia", "an hundred").value == 100.0
    assert span_at("a two kilometer wide zone", "two").value == 2.0


@pytest.mark.parametrize(
    "sentence",
    [
        "See pp. 78-79 and note 12.",
        "(1) The first point.",
        "At the 38th parallel the 10th Regiment stopped.",
        "the end of the war.12 Then it stopped.",
        "† 〈1 paragraph〉",
        "I JOHN BATEMAN, belonging to the fifty-second regiment, marched.",
        "the record is Evans 13869 in the catalogue",
        "He left at 10:30 sharp.",
        "They reported in section 3.2.1 of the plan.",
    ],
)
def test_references_ordinals_and_note_calls_are_not_answers(sentence):
    assert [s for s in spans_of(sentence) if s.kind != "person"] == []


def test_a_number_word_inside_a_name_is_not_an_answer():
    sentence = sentence_with(PAPER_FILE, "the Three Year Plan for 1954-1956")
    assert "Three" not in texts(spans_of(sentence))
    assert "one" not in texts(spans_of("One needs infantry, and one cannot win."))


def test_every_span_is_exact_sorted_and_disjoint_on_all_texts():
    for path, people in (
        (DPRK_FILE, korea_people()),
        (PAPER_FILE, korea_people()),
        (GAGE_FILE, lexington_people()),
        (NARRATIVE_FILE, lexington_people()),
    ):
        for sentence in sentences(path):
            spans = find_spans(sentence, people)
            for span in spans:
                assert sentence[span.start : span.end] == span.text
                assert span.kind in {"year", "date", "number", "percentage", "person"}
                before = sentence[span.start - 1] if span.start else " "
                after = sentence[span.end] if span.end < len(sentence) else " "
                assert not before.isalnum() and not after.isalnum(), (span, sentence)
            assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
