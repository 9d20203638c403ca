"""The progress chart as data: sizes a template can draw, and words for anyone who cannot see the bars."""

import math
from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from itertools import pairwise

import pytest

from app.learner import chart
from app.learner.chart import Chart, DayTally, daily_chart

MONDAY = date(2025, 3, 3)


def days(*counts: tuple[int, int], start: date = MONDAY) -> list[DayTally]:
    return [DayTally(start + timedelta(days=i), right, wrong) for i, (right, wrong) in enumerate(counts)]


def numbers(value: object) -> list[float]:
    """Every number in the chart, however deeply nested."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, tuple | list):
        return [n for item in value for n in numbers(item)]
    if is_dataclass(value):
        return [n for f in fields(value) for n in numbers(getattr(value, f.name))]
    return []


def assert_drawable(drawn: Chart) -> None:
    for number in numbers(drawn):
        assert math.isfinite(number)
        assert number >= 0
    for bar in drawn.bars:
        assert bar.wrong_y >= chart.PLOT_TOP - 0.01
        assert bar.correct_y + bar.correct_height == pytest.approx(drawn.baseline_y)
        assert bar.wrong_y + bar.wrong_height == pytest.approx(bar.correct_y)
        assert bar.x >= chart.PLOT_LEFT and bar.x + bar.width <= chart.PLOT_RIGHT


def test_empty_series_draws_no_bars_and_says_so() -> None:
    drawn = daily_chart([])
    assert drawn.bars == () and drawn.day_labels == () and drawn.grid == ()
    assert drawn.title == "No answers yet"
    assert drawn.empty_message is not None
    assert "no bars" in drawn.desc
    assert_drawable(drawn)


def test_days_without_answers_keep_their_labels_and_say_there_is_nothing_yet() -> None:
    drawn = daily_chart(days(*[(0, 0)] * 14))
    assert len(drawn.bars) == 14
    assert all(bar.correct_height == 0 and bar.wrong_height == 0 for bar in drawn.bars)
    assert drawn.title == "Last 14 days: no answers yet"
    assert drawn.empty_message is not None and drawn.empty_message.text == drawn.title
    assert drawn.day_labels
    assert_drawable(drawn)


def test_one_day_fills_the_plot_to_a_round_top() -> None:
    drawn = daily_chart(days((3, 1)))
    (bar,) = drawn.bars
    plot_height = chart.PLOT_BOTTOM - chart.PLOT_TOP
    assert bar.correct_height == pytest.approx(plot_height * 3 / 4)
    assert bar.wrong_height == pytest.approx(plot_height / 4)
    assert bar.wrong_y == pytest.approx(chart.PLOT_TOP)
    assert [label.text for label in drawn.day_labels] == ["3 Mar"]
    assert drawn.title == "Last day: 4 answers, 3 right"
    assert drawn.desc.endswith("3 Mar: 3 right, 1 wrong.")
    assert [line.value for line in drawn.grid] == [0, 1, 2, 3, 4]
    assert_drawable(drawn)


def test_fourteen_days_bars_are_proportional_and_stacked() -> None:
    series = days((2, 1), (0, 0), (5, 0), (0, 3), *[(0, 0)] * 8, (7, 2), (3, 0))
    drawn = daily_chart(series)
    assert len(drawn.bars) == 14
    per_answer = {
        round(height / count, 6)
        for bar, tally in zip(drawn.bars, series, strict=True)
        for height, count in ((bar.correct_height, tally.correct), (bar.wrong_height, tally.wrong))
        if count
    }
    assert len(per_answer) == 1  # the same height per answer on every day, right or wrong
    tallest = max(drawn.bars, key=lambda bar: bar.correct_height + bar.wrong_height)
    assert tallest.day == series[12].day
    assert drawn.grid[-1].value >= 9  # the axis reaches the busiest day
    assert drawn.total == 23 and drawn.correct == 17 and drawn.wrong == 6
    assert_drawable(drawn)


def test_bars_keep_their_order_and_spacing() -> None:
    drawn = daily_chart(days(*[(1, 1)] * 14))
    xs = [bar.x for bar in drawn.bars]
    assert xs == sorted(xs)
    gaps = {round(b - a, 1) for a, b in pairwise(xs)}
    assert len(gaps) == 1
    assert all(bar.width > 0 for bar in drawn.bars)


def test_title_and_desc_state_the_numbers_in_words() -> None:
    series = days((2, 1), *[(0, 0)] * 11, (15, 5), (0, 0))
    drawn = daily_chart(series)
    assert drawn.title == "Last 14 days: 23 answers, 17 right"
    assert "3 Mar: 2 right, 1 wrong" in drawn.desc
    assert "15 Mar: 15 right, 5 wrong" in drawn.desc
    assert "No answers on the other 12 days." in drawn.desc
    assert "striped" in drawn.desc and "solid" in drawn.desc
    assert drawn.bars[0].text == "3 Mar: 2 right, 1 wrong"


def test_singular_words_for_one_answer() -> None:
    assert daily_chart(days((1, 0), (0, 0))).title == "Last 2 days: 1 answer, 1 right"


def test_day_labels_are_spaced_for_a_phone_and_always_name_the_newest_day() -> None:
    drawn = daily_chart(days(*[(1, 0)] * 14, start=date(2025, 9, 20)))
    texts = [label.text for label in drawn.day_labels]
    assert len(texts) <= chart.MAX_DAY_LABELS
    assert texts[-1] == "3 Oct"
    xs = [label.x for label in drawn.day_labels]
    narrowest = min(b - a for a, b in pairwise(xs))
    widest = max(len(text) for text in texts) * drawn.font_size * chart.CHAR_WIDTH
    assert narrowest > widest  # labels never overlap
    for label in drawn.day_labels:  # nor leave the viewBox
        half = len(label.text) * drawn.font_size * chart.CHAR_WIDTH / 2
        assert label.x - half >= 0 and label.x + half <= drawn.width
    # At 360 px wide, minus the page's margins, the labels stay at least 11 px high.
    assert drawn.font_size * (330 / drawn.width) >= 11


def test_negative_counts_are_drawn_as_nothing() -> None:
    drawn = daily_chart(days((-2, 3), (4, -1)))
    assert drawn.total == 7 and drawn.correct == 4
    assert drawn.bars[0].correct_height == 0
    assert drawn.bars[1].wrong_height == 0
    assert_drawable(drawn)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("background", ["#ffffff", "#fbfaf7"])
def test_colours_meet_the_contrast_for_graphics(background: str) -> None:
    drawn = daily_chart(days((1, 1)))
    for colour in (drawn.correct_fill, drawn.wrong_fill, drawn.ink):
        assert _contrast(colour, background) >= 3
    assert _contrast(drawn.ink, background) >= 4.5  # the labels are text
    assert [item.kind for item in drawn.legend] == ["correct", "wrong"]
    assert [item.label.text for item in drawn.legend] == ["Right", "Wrong"]
