"""Pure: a learner's last days of answers as a small stacked bar chart, described as data.

The template writes the SVG from these numbers and strings, so Jinja escapes every piece of text and no
markup is ever built by hand here. The drawing uses a fixed viewBox scaled to the container's width: its
sizes are chosen so that day labels stay about 12 px high on a 360 px phone.

Right answers are solid bars at the bottom, wrong ones are striped and stacked above them: a legend names
both and the stripes tell them apart without colour. The title and description say the numbers in words
for anyone who cannot see the bars.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

WIDTH = 360
HEIGHT = 220
FONT_SIZE = 13
PLOT_LEFT = 30
PLOT_RIGHT = WIDTH - 8
PLOT_TOP = 40
PLOT_BOTTOM = HEIGHT - 28
BAR_SHARE = 0.7  # of each day's slot; the rest is the gap between bars
MAX_DAY_LABELS = 6  # "28 Sep" needs about 40 units at this font size
CHAR_WIDTH = 0.6  # a generous average width of a sans-serif character, in ems

# Both pass WCAG's 3:1 for graphics against white and the page's paper; blue and orange stay apart for
# the common colour-vision deficiencies, and the stripes carry the difference when colour does not.
CORRECT_FILL = "#1f5f8b"
WRONG_FILL = "#b45309"
STRIPE = "#ffffff"
INK = "#1d2328"
GRID = "#c9c4b9"


@dataclass(frozen=True)
class DayTally:
    """One day's answers; ``day`` is a UTC date."""

    day: date
    correct: int
    wrong: int

    @property
    def total(self) -> int:
        return self.correct + self.wrong


@dataclass(frozen=True)
class Bar:
    """One day's stacked bar: the right answers from the baseline up, the wrong ones above them."""

    day: date
    x: float
    width: float
    correct_y: float
    correct_height: float
    wrong_y: float
    wrong_height: float
    text: str  # "3 Mar: 2 right, 1 wrong", shown as a tooltip


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"  # SVG text-anchor


@dataclass(frozen=True)
class GridLine:
    y: float
    value: int
    label: Label


@dataclass(frozen=True)
class LegendItem:
    kind: str  # "correct" or "wrong": the template picks the solid fill or the stripes
    x: float
    y: float
    size: float
    label: Label


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    title: str
    desc: str
    bars: tuple[Bar, ...]
    day_labels: tuple[Label, ...]
    grid: tuple[GridLine, ...]
    legend: tuple[LegendItem, ...]
    plot_left: float
    plot_right: float
    baseline_y: float
    empty_message: Label | None  # drawn instead of bars when there is nothing to show
    total: int
    correct: int
    font_size: int = FONT_SIZE
    correct_fill: str = CORRECT_FILL
    wrong_fill: str = WRONG_FILL
    stripe: str = STRIPE
    ink: str = INK
    grid_colour: str = GRID

    @property
    def wrong(self) -> int:
        return self.total - self.correct


def day_label(day: date) -> str:
    """'3 Mar': short, and the same in every locale the server might run in."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def daily_chart(days: Sequence[DayTally]) -> Chart:
    """The chart for ``days``, oldest first; counts below zero are treated as zero."""
    days = [DayTally(d.day, max(d.correct, 0), max(d.wrong, 0)) for d in days]
    total = sum(d.total for d in days)
    correct = sum(d.correct for d in days)
    top, step = _scale(max((d.total for d in days), default=0))
    plot_height = PLOT_BOTTOM - PLOT_TOP
    slot = (PLOT_RIGHT - PLOT_LEFT) / len(days) if days else 0.0

    def height(count: int) -> float:
        return _round(count / top * plot_height)

    bars = []
    for index, tally in enumerate(days):
        correct_height = height(tally.correct)
        wrong_height = height(tally.wrong)
        correct_y = _round(PLOT_BOTTOM - correct_height)
        bars.append(
            Bar(
                day=tally.day,
                x=_round(PLOT_LEFT + index * slot + slot * (1 - BAR_SHARE) / 2),
                width=_round(slot * BAR_SHARE),
                correct_y=correct_y,
                correct_height=correct_height,
                wrong_y=_round(correct_y - wrong_height),
                wrong_height=wrong_height,
                text=f"{day_label(tally.day)}: {tally.correct} right, {tally.wrong} wrong",
            )
        )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        title=_title(days, total, correct),
        desc=_desc(days),
        bars=tuple(bars),
        day_labels=_day_labels(days, slot),
        grid=_grid(top, step) if total else (),
        legend=_legend(),
        plot_left=PLOT_LEFT,
        plot_right=PLOT_RIGHT,
        baseline_y=PLOT_BOTTOM,
        empty_message=None if total else Label(WIDTH / 2, (PLOT_TOP + PLOT_BOTTOM) / 2, _empty_text(days)),
        total=total,
        correct=correct,
    )


def _round(value: float) -> float:
    """Two decimals are finer than any screen; they keep the SVG short."""
    return round(value, 2)


def _scale(highest: int) -> tuple[int, int]:
    """A round top for the axis and its step: at most four steps of 1, 2 or 5 times a power of ten."""
    if highest <= 0:
        return 1, 1
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(highest / step) <= 4:
                return step * math.ceil(highest / step), step
        magnitude *= 10


def _period(days: Sequence[DayTally]) -> str:
    return "Last day" if len(days) == 1 else f"Last {len(days)} days"


def _title(days: Sequence[DayTally], total: int, correct: int) -> str:
    if not total:
        return _empty_text(days)
    return f"{_period(days)}: {plural(total, 'answer')}, {correct} right"


def _empty_text(days: Sequence[DayTally]) -> str:
    return f"{_period(days)}: no answers yet" if days else "No answers yet"


def _desc(days: Sequence[DayTally]) -> str:
    answered = [d for d in days if d.total]
    if not answered:
        return "No day has any answers, so there are no bars to show."
    parts = [f"{day_label(d.day)}: {d.correct} right, {d.wrong} wrong" for d in answered]
    quiet = len(days) - len(answered)
    rest = f" No answers on the other {plural(quiet, 'day')}." if quiet else ""
    return (
        "Each bar is one day: right answers are solid at the bottom, wrong answers striped on top. "
        + "; ".join(parts)
        + "."
        + rest
    )


def _day_labels(days: Sequence[DayTally], slot: float) -> tuple[Label, ...]:
    """Every day when they fit, else every few days counted back from the newest, which is always named."""
    every = max(math.ceil(len(days) / MAX_DAY_LABELS), 1)
    y = PLOT_BOTTOM + FONT_SIZE + 6
    labels = []
    for index in range(len(days) - 1, -1, -every):
        text = day_label(days[index].day)
        half = len(text) * FONT_SIZE * CHAR_WIDTH / 2
        # Under its bar, but pulled in at the edges so that no label is cut off by the viewBox.
        x = min(max(PLOT_LEFT + (index + 0.5) * slot, half + 2), WIDTH - half - 2)
        labels.append(Label(_round(x), y, text))
    return tuple(reversed(labels))


def _grid(top: int, step: int) -> tuple[GridLine, ...]:
    plot_height = PLOT_BOTTOM - PLOT_TOP
    lines = []
    for value in range(0, top + 1, step):
        y = _round(PLOT_BOTTOM - value / top * plot_height)
        lines.append(GridLine(y, value, Label(PLOT_LEFT - 6, _round(y + FONT_SIZE / 3), str(value), "end")))
    return tuple(lines)


def _legend() -> tuple[LegendItem, ...]:
    size = 14
    y = 10
    items = []
    x = PLOT_LEFT
    for kind, text, width in (("correct", "Right", 70), ("wrong", "Wrong", 80)):
        items.append(LegendItem(kind, x, y, size, Label(x + size + 6, y + size - 2, text, "start")))
        x += width
    return tuple(items)
