"""Pure: wrong answers for a span (distractors), and any value written the way a span is written.

A multiple-choice distractor must be one a teacher would accept as fair: of the same kind and
granularity, drawn from the same texts, and written the same way ("April 23d, 1775" beside "May 22d,
1775", "Two Hundred" beside "Five Hundred").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from app.bank.generator.candidates import Span
from app.bank.generator.wordlists import MONTH_NAMES, ORDINAL_BY_NUMBER, SCALES, TENS, UNITS


def same_kind_candidates(span: Span, pool: Sequence[Span]) -> list[Span]:
    """Wrong answers for `span` from `pool`: same kind, granularity and format family, each value once,
    closest first (years by distance, numbers by ratio and the same counted noun first, people by how
    often the texts name them)."""
    family = _family(span)
    answer_text = render_like(span, span.value)
    chosen: dict[object, Span] = {}
    counts: Counter[object] = Counter()
    order: dict[object, int] = {}
    for n, other in enumerate(pool):
        if other.kind != span.kind or _family(other) != family or other.value == span.value:
            continue
        try:
            if render_like(span, other.value) == answer_text:
                continue
        except (TypeError, ValueError):
            continue
        counts[other.value] += 1
        order.setdefault(other.value, n)
        if other.value not in chosen or (other.unit == span.unit and chosen[other.value].unit != span.unit):
            chosen[other.value] = other
    roles: dict[object, set[str]] = defaultdict(set)
    for other in pool:
        if other.kind == "person" and other.unit:
            roles[other.value].add(other.unit)

    def rank(candidate: Span) -> tuple[object, ...]:
        if span.kind == "person":
            # An officer among officers, a historian among historians, then the most named.
            shared = 0 if span.unit and span.unit in roles[candidate.value] else 1
            titled = 0 if span.unit and roles[candidate.value] else 1
            return (shared, titled, -counts[candidate.value], order[candidate.value])
        return _closeness(span, candidate, order[candidate.value])

    seen_renders: set[str] = set()
    result = []
    for candidate in sorted(chosen.values(), key=rank):
        rendered = render_like(span, candidate.value)
        if rendered in seen_renders:
            continue
        seen_renders.add(rendered)
        result.append(candidate)
    return result


def _family(span: Span) -> tuple[object, ...]:
    """What a distractor shares with the answer: a month for a month, "81.5%" for "75.1%", words for words."""
    if span.kind == "person":
        return ("person",)
    if span.kind == "date":
        return (span.granularity, span.value[0] is None)  # type: ignore[index]
    if span.kind == "year":
        return (span.granularity,)
    if span.kind in {"number", "percentage"}:
        if span.granularity == "range":
            inner = span.fmt.split(":", 2)[2]
            return ("range", inner.split(":")[0] if inner.startswith("words") else _numeric_family(inner))
        if span.granularity == "words":
            return ("words",)
        return (span.granularity, _numeric_family(span.fmt))
    return (span.kind, span.granularity)


def _numeric_family(fmt: str) -> tuple[int, str]:
    match = re.match(r"0(?:,000)?(?:\.(0+))?(.*)", fmt)
    if not match:
        return (0, fmt)
    decimals = len(match.group(1) or "")
    rest = match.group(2).strip().lower()
    scale = rest if rest in SCALES else ""
    return (decimals, scale)


def _closeness(span: Span, other: Span, order: int) -> tuple[object, ...]:
    """The nearest values make the hardest distractors; ties go to the first in the texts."""
    if span.kind == "year":
        if span.granularity == "range":
            a, b = span.value  # type: ignore[misc]
            c, d = other.value  # type: ignore[misc]
            return (abs(a - c) + abs(b - d), order)
        return (abs(int(span.value) - int(other.value)), order)  # type: ignore[call-overload]
    if span.kind == "date":
        return (_date_distance(span.value, other.value), order)  # type: ignore[arg-type]
    unit_mismatch = bool(span.unit) and other.unit != span.unit
    if span.granularity == "range":
        a = span.value[1]  # type: ignore[index]
        b = other.value[1]  # type: ignore[index]
    else:
        a, b = span.value, other.value
    return (unit_mismatch, _ratio_distance(float(a), float(b)), order)  # type: ignore[arg-type]


def _ratio_distance(a: float, b: float) -> float:
    if a > 0 and b > 0:
        return abs(math.log(b / a))
    return abs(a - b) + 1000.0


def _date_distance(a: tuple[int | None, int, int | None], b: tuple[int | None, int, int | None]) -> float:
    year_a, month_a, day_a = a
    year_b, month_b, day_b = b
    months = (month_b - month_a) + 12 * ((year_b or 0) - (year_a or 0))
    return abs(months * 30.44 + ((day_b or 1) - (day_a or 1)))


def render_like(span: Span, value: object) -> str:
    """Write `value` the way `span` is written: 1953 -> "1953", 0.751 -> "75.1%" (or "75.1 %"), 240000 ->
    "240,000", (1953, 3, 5) -> "5 March 1953" or "March 5, 1953". Raises ValueError if the format needs a
    part the value lacks (a day for a month-only value)."""
    if span.kind == "person":
        return str(value)
    if span.kind == "year":
        if span.granularity == "range":
            first, last = value  # type: ignore[misc]
            return span.fmt.format(first, last % 100 if ":02d" in span.fmt else last)
        return span.fmt.format(value)
    if span.kind == "date":
        return _render_date(span.fmt, value)  # type: ignore[arg-type]
    if span.kind == "percentage":
        return _render_number(span.fmt, float(value) * 100)  # type: ignore[arg-type]
    if span.granularity == "range" or span.fmt.startswith("range:"):
        _, separator, inner = span.fmt.split(":", 2)
        low, high = value  # type: ignore[misc]
        return _render_number(inner, low) + separator + _render_number(inner, high)
    return _render_number(span.fmt, float(value))  # type: ignore[arg-type]


def _render_number(fmt: str, value: float) -> str:
    if fmt.startswith("words:"):
        _, case, hyphen, conjunction = fmt.split(":")
        words = _int_to_words(round(value), hyphen, conjunction == "and")
        if case == "upper":
            return words.upper()
        if case == "title":
            return " ".join(part[:1].upper() + part[1:] for part in words.split(" "))
        return words
    match = re.match(r"(0(?:,000)?)(?:\.(0+))?(.*)", fmt, re.S)
    if not match:
        raise ValueError(f"unknown number format {fmt!r}")
    whole, decimals, rest = match.group(1), len(match.group(2) or ""), match.group(3)
    scale = rest.strip().lower()
    if scale in SCALES:
        value = value / SCALES[scale]
    comma = "," if whole == "0,000" else ""
    number = f"{value:{comma}.{decimals}f}"
    return number + rest


def _int_to_words(n: int, hyphen: str, conjunction: bool) -> str:
    if n < 0:
        return "minus " + _int_to_words(-n, hyphen, conjunction)
    names = {v: k for k, v in UNITS.items()} | {v: k for k, v in TENS.items()}
    if n < 20:
        return names[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return names[tens * 10] + (hyphen + names[units] if units else "")
    for scale_name, scale in sorted(SCALES.items(), key=lambda item: -item[1]):
        if n >= scale:
            head, rest = divmod(n, scale)
            words = _int_to_words(head, hyphen, conjunction) + " " + scale_name
            if rest:
                joiner = " and " if conjunction and rest < 100 else " "
                words += joiner + _int_to_words(rest, hyphen, conjunction)
            return words
    return str(n)


def _ordinal_suffix(day: int, old_style: bool) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    last = day % 10
    if old_style:
        return {1: "st", 2: "d", 3: "d"}.get(last, "th")
    return {1: "st", 2: "nd", 3: "rd"}.get(last, "th")


def _render_date(fmt: str, value: tuple[int | None, int, int | None]) -> str:
    year, month, day = value
    if ("{yyyy}" in fmt and year is None) or (
        any(p in fmt for p in ("{d}", "{dd}", "{dayword}", "{Dayword}", "{DAYWORD}")) and day is None
    ):
        raise ValueError(f"{value!r} lacks a part of {fmt!r}")
    month_name = MONTH_NAMES[month - 1]
    word = ORDINAL_BY_NUMBER.get(day or 0, "")
    fields = {
        "d": str(day or ""),
        "dd": f"{day or 0:02d}",
        "ord": _ordinal_suffix(day or 0, False),
        "ord_old": _ordinal_suffix(day or 0, True),
        "ord_any": _ordinal_suffix(day or 0, year is not None and year < 1800),
        "Month": month_name,
        "MONTH": month_name.upper(),
        "Mon": month_name[:3],
        "dayword": word,
        "Dayword": word.capitalize(),
        "DAYWORD": word.upper(),
        "yyyy": str(year or ""),
    }
    return fmt.format(**fields)
