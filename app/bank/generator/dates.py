"""Pure: dates in a sentence ("5 March 1953", "May 22d, 1775", "the nineteenth of APRIL, 1775").

Each date keeps a format (`{d} {Month} {yyyy}`, `{Month} {d}{ord_old}, {yyyy}`) so a distractor is
written the way the source writes dates.
"""

from __future__ import annotations

import datetime as _dt
import re

from app.bank.generator.candidates import Candidate, Span, blocked, candidate
from app.bank.generator.wordlists import MONTH_ABBREVIATIONS, MONTHS, ORDINAL_WORDS

_MONTH_PATTERN = (
    r"(?P<month>(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.)"
)
_YEAR_PATTERN = r"(?P<year>1\d{3}|20\d{2})(?![\d\w]|[-–]\d)"
_DAY_PATTERN = r"(?P<day>[0-3]?\d)(?P<ord>st|nd|rd|th|d)?"
_ORDINAL_PATTERN = "(?P<dayword>" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + ")"
_DATE_PATTERNS = [
    re.compile(
        rf"(?<![\w/–-]){_DAY_PATTERN}(?P<sep1>\s+(?:day\s+)?of\s+|\s+){_MONTH_PATTERN}(?![\w/])"
        rf"(?:(?P<sep2>,\s*|\.\s+|\s+){_YEAR_PATTERN})?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w/-]){_ORDINAL_PATTERN}(?P<sep1>\s+(?:day\s+)?of\s+){_MONTH_PATTERN}(?![\w/])"
        rf"(?:(?P<sep2>,\s*|\s+){_YEAR_PATTERN})?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w/]){_MONTH_PATTERN}(?P<sep1>\s+){_DAY_PATTERN}(?![\d\w])(?!\s*[-–]\s*\d)"
        rf"(?:(?P<sep2>,\s*|\.\s+|\s+){_YEAR_PATTERN})?",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![\w/]){_MONTH_PATTERN}(?P<sep1>,?\s+|\s+of\s+){_YEAR_PATTERN}", re.IGNORECASE),
]
_DAY_RANGE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|d)?\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th|d)?\s+{_MONTH_PATTERN}(?:,?\s+\d{{4}})?",
    re.IGNORECASE,
)


def date_candidates(sentence: str) -> list[Candidate]:
    """Dates with a day or a year; a day range ("11-12 July") blocks, so no half of it is offered."""
    out: list[Candidate] = []
    for match in _DAY_RANGE.finditer(sentence):
        out.append(blocked(match.start(), match.end()))
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(sentence):
            span = _date_span(match)
            if span is not None:
                out.append(candidate(span, 1))
    return out


def _date_span(match: re.Match[str]) -> Span | None:
    """The date a pattern matched, unless its month is a word ("may") or it is no real day."""
    groups = match.groupdict()
    month_text = groups["month"]
    if not month_text[0].isupper():
        return None  # "may", "march" as words
    month_key = month_text.rstrip(".").lower()
    month = MONTHS.get(month_key) or MONTH_ABBREVIATIONS[month_key]
    day = None
    if groups.get("day"):
        day = int(groups["day"])
    elif groups.get("dayword"):
        day = ORDINAL_WORDS[groups["dayword"].lower()]
    year = int(groups["year"]) if groups.get("year") else None
    if day is not None and not 1 <= day <= 31:
        return None
    if day is not None and year is not None:
        try:
            _dt.date(year, month, day)
        except ValueError:
            return None
    fmt = _ordered_fmt(match)
    text = match.group()
    return Span("date", text, match.start(), match.end(), (year, month, day), "day" if day else "month", fmt)


def _date_piece(name: str, text: str) -> str:
    if name == "day":
        return "{dd}" if len(text) == 2 and text.startswith("0") else "{d}"
    if name == "dayword":
        return "{DAYWORD}" if text.isupper() else "{Dayword}" if text[0].isupper() else "{dayword}"
    if name == "ord":  # "23d" is old style, "23rd" modern; "19th" says nothing, so the date's period decides
        return {"d": "{ord_old}", "nd": "{ord}", "rd": "{ord}"}.get(text.lower(), "{ord_any}")
    if name == "month":
        if text.endswith("."):
            return "{Mon}."
        return "{MONTH}" if text.isupper() else "{Month}"
    if name == "year":
        return "{yyyy}"
    return text.replace("{", "").replace("}", "")


def _ordered_fmt(match: re.Match[str]) -> str:
    """The date's format for render_like: its pieces in the order written, separators kept as they are."""
    pieces = []
    for name, text in match.groupdict().items():
        if text is not None:
            pieces.append((match.start(name), _date_piece(name, text)))
    return "".join(piece for _, piece in sorted(pieces))
