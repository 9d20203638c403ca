"""Pure: years, numbers and percentages written in figures, and the counted noun after a number.

A four-digit number may be a year ("in 1928") or a count ("1928 out of 2410 warehouses"); the words around
it decide, and where they do not, it is not offered at all. References ("pp. 78-79", note calls, "Route
66") are blocked, so no finder offers a piece of them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from app.bank.generator.candidates import Candidate, Span, blocked, candidate
from app.bank.generator.wordlists import (
    APPROXIMATORS,
    COUNT_WORDS,
    EVENT_NOUNS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NOT_PLURAL_S,
    REFERENCE_BEFORE,
    SCALES,
    SEASONS,
    STOP,
    WEEKDAYS,
    YEAR_BEFORE,
)

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_PERCENT = re.compile(rf"(?P<num>{_NUMBER})(?P<space>\s?)(?P<sym>%|per\s?cent\b|percent\b)", re.IGNORECASE)
_SCALED = re.compile(rf"(?P<num>{_NUMBER})(?P<space>\s)(?P<scale>million|billion|thousand)\b", re.IGNORECASE)
_DIGIT_RANGE = re.compile(
    rf"(?P<a>{_NUMBER})(?P<sep>\s?[-–]\s?|\s+(?:to|or)\s+)(?P<b>{_NUMBER})(?![\d\w%]|\.\d)"
)
_YEAR_RANGE = re.compile(
    r"(?P<a>1\d{3}|20\d{2})(?P<sep>\s?[-–—]\s?|/)(?P<b>1\d{3}|20\d{2}|\d{2})(?![\d\w%]|[.,]\d)"
)
_DECADE = re.compile(
    r"(?P<pre>(?:early|mid|late)[-\s])?(?P<decade>1\d{2}0|20\d0)(?P<suf>s|’s|'s)(?!\w)", re.I
)
_PLAIN_NUMBER = re.compile(rf"{_NUMBER}(?![\d\w%]|\.\d|-[^\W\d_])")
_REFERENCE_SHAPES = re.compile(r"\d+(?:\.\d+){2,}|\d+:\d+|\(\d{1,2}\)|^\s*\d{1,2}[.)]\s")


def numeric_candidates(sentence: str) -> list[Candidate]:
    """Years, year ranges, decades, percentages and counts written in figures; references block."""
    out = [blocked(match.start(), match.end()) for match in _REFERENCE_SHAPES.finditer(sentence)]
    out += _percentages(sentence)
    out += _year_ranges(sentence)
    out += _decades(sentence)
    out += _scaled_numbers(sentence)
    out += _plain_numbers(sentence)
    return out


def _percentages(sentence: str) -> list[Candidate]:
    out: list[Candidate] = []
    for match in _PERCENT.finditer(sentence):
        if _glued(sentence, match.start(), match.end()) or reference_before(sentence, match.start()):
            continue
        number = match.group("num")
        value = round(float(number.replace(",", "")) / 100, 12)
        decimals = len(number.split(".")[1]) if "." in number else 0
        symbol = match.group("sym")
        fmt = _digits_fmt(number) + match.group("space") + symbol
        granularity = "decimal" if decimals else "integer"
        out.append(
            candidate(
                Span("percentage", match.group(), match.start(), match.end(), value, granularity, fmt), 2
            )
        )
    return out


def _year_ranges(sentence: str) -> list[Candidate]:
    """ "1912-1994", "1951–52": a life or a period, unless the words after make the numbers counts."""
    out: list[Candidate] = []
    for match in _YEAR_RANGE.finditer(sentence):
        if _glued(sentence, match.start(), match.end()) or reference_before(sentence, match.start()):
            continue
        first, second = int(match.group("a")), match.group("b")
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if not 0 < last - first <= 150 or _count_after(sentence, match.end()):
            continue
        fmt = "{}" + match.group("sep") + ("{:02d}" if len(second) == 2 else "{}")
        span = Span("year", match.group(), match.start(), match.end(), (first, last), "range", fmt)
        out.append(candidate(span, 2))
    return out


def _decades(sentence: str) -> list[Candidate]:
    out: list[Candidate] = []
    for match in _DECADE.finditer(sentence):
        if _glued(sentence, match.start(), match.end()):
            continue
        prefix = match.group("pre") or ""
        fmt = prefix + "{}" + match.group("suf")
        value = int(match.group("decade"))
        out.append(
            candidate(Span("year", match.group(), match.start(), match.end(), value, "decade", fmt), 2)
        )
    return out


def _scaled_numbers(sentence: str) -> list[Candidate]:
    """ "100 million", "1.5 billion": the value counts the scale, the format keeps it."""
    out: list[Candidate] = []
    for match in _SCALED.finditer(sentence):
        if _glued(sentence, match.start(), match.end()) or reference_before(sentence, match.start()):
            continue
        number = match.group("num")
        scale = match.group("scale")
        value = float(number.replace(",", "")) * SCALES[scale.lower()]
        fmt = _digits_fmt(number) + match.group("space") + scale
        granularity = "decimal" if "." in number else "integer"
        span = Span("number", match.group(), match.start(), match.end(), value, granularity, fmt)
        out.append(candidate(with_unit(span, sentence), 3))
    return out


def _plain_numbers(sentence: str) -> list[Candidate]:
    """Single numbers, each a year, a count or neither by its context, and ranges of two counts."""
    out: list[Candidate] = []
    previous_kind: dict[int, str] = {}
    singles: list[tuple[re.Match[str], str]] = []
    for match in _PLAIN_NUMBER.finditer(sentence):
        kind = _single_kind(sentence, match, previous_kind)
        previous_kind[match.start()] = kind
        singles.append((match, kind))
    for match in _DIGIT_RANGE.finditer(sentence):
        kinds = [k for m, k in singles if m.start() in (match.start(), match.start("b"))]
        if len(kinds) != 2 or kinds[0] != "number" or kinds[1] != "number":
            continue
        low, high = (float(match.group(g).replace(",", "")) for g in ("a", "b"))
        if low >= high or _month_after(sentence, match.end()):
            continue
        inner = _digits_fmt(match.group("a"))
        if _digits_fmt(match.group("b")) != inner:
            continue
        fmt = "range:" + match.group("sep") + ":" + inner
        span = Span("number", match.group(), match.start(), match.end(), (low, high), "range", fmt)
        out.append(candidate(with_unit(span, sentence), 3))
    for match, kind in singles:
        if kind == "blocked":
            out.append(blocked(match.start(), match.end()))
            continue
        if kind == "skip":
            continue
        text = match.group()
        if kind == "year":
            out.append(candidate(Span("year", text, match.start(), match.end(), int(text), "year", "{}"), 4))
            continue
        value = float(text.replace(",", ""))
        granularity = "thousands" if "," in text else "decimal" if "." in text else "integer"
        span = Span("number", text, match.start(), match.end(), value, granularity, _digits_fmt(text))
        out.append(candidate(with_unit(span, sentence), 4))
    return out


def _digits_fmt(number: str) -> str:
    """ "0", "0.00", "0,000": how the figures are written, for render_like."""
    decimals = len(number.split(".")[1]) if "." in number else 0
    whole = "0,000" if "," in number else "0"
    return whole + ("." + "0" * decimals if decimals else "")


def _glued(sentence: str, start: int, end: int) -> bool:
    """Digits stuck to a word or to closing punctuation are note calls ("the war.12 Then"), not facts."""
    before = sentence[start - 1] if start else ""
    if before and (before.isalnum() or before in "._[〈<{^"):  # "[3]", "〈1 paragraph〉": editorial marks
        return True
    if before in ',;:”"’)]' and start >= 2 and not sentence[start - 2].isspace():
        return not re.match(r"\s+[a-z]", sentence[end:])  # "cotton wool,1,000,000 meters" is a number
    return False


def words_before(sentence: str, start: int, count: int) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w’'.]+|[,;:(]", sentence[:start])[-count:]]


def _words_after(sentence: str, end: int, count: int) -> list[str]:
    return re.findall(r"[\w’'-]+|[,;:)]", sentence[end:])[:count]


def reference_before(sentence: str, start: int) -> bool:
    """ "pp. 78", "No. 5", "op. 1": a number that points somewhere is not a fact to ask about."""
    before = words_before(sentence, start, 1)
    return bool(before) and before[0].rstrip(".") in REFERENCE_BEFORE


def _month_after(sentence: str, end: int) -> bool:
    after = _words_after(sentence, end, 1)
    return bool(after) and after[0].lower() in MONTHS


def _plural_like(word: str) -> bool:
    lower = word.lower()
    if lower in COUNT_WORDS:
        return True
    return (
        word[:1].islower()
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is"))
        and lower not in NOT_PLURAL_S
        and len(lower) > 2
    )


def _count_after(sentence: str, end: int) -> bool:
    """ "1928 out of", "1861 bridges", "1036 of 1249": what follows makes the number a count."""
    after = _words_after(sentence, end, 3)
    if after[:2] == ["out", "of"] or (len(after) >= 2 and after[0] == "of" and after[1][:1].isdigit()):
        return True
    for word in after[:2]:
        if not re.fullmatch(r"[A-Za-z’'-]+", word):
            return False
        if _plural_like(word):
            return True
        if word.lower() in STOP or word.lower() in EVENT_NOUNS:
            return False
    return False


def _single_kind(sentence: str, match: re.Match[str], previous: dict[int, str]) -> str:
    """ "year", "number", "blocked" (a reference or part of a name), or "skip" (a 4-digit number that might
    be either: offering it as one or the other could mislead, so it is not offered)."""
    start, end, text = match.start(), match.end(), match.group()
    if _glued(sentence, start, end) or reference_before(sentence, start):
        return "blocked"
    if re.search(r"\d\s?[-–]\s?$", sentence[:start]) and previous:
        return previous[max(previous)]  # the second half of "pp. 78-79" is what the first half is
    before_text = sentence[:start]
    prev_token = re.search(r"([^\W\d_][\w’'.]*)\s+$", before_text)
    if prev_token:
        word = prev_token.group(1)
        bare = word.rstrip(".")
        sentence_initial = not re.search(r"\S", before_text[: prev_token.start()])
        if (
            word[:1].isupper()
            and not sentence_initial
            and bare.lower() not in STOP
            and bare.lower() not in APPROXIMATORS
            and bare.lower() not in MONTHS
            and bare.lower() not in SEASONS
            and bare.lower() not in MONTH_ABBREVIATIONS
            and bare.lower() not in YEAR_BEFORE
            and bare.lower() not in WEEKDAYS
        ):
            return "blocked"  # "Evans 13869", "Route 66": part of a name
    if "," in text or "." in text or not re.fullmatch(r"1\d{3}|20\d{2}", text):
        return "number"
    before = words_before(sentence, start, 2)
    if before[-2:] == ["out", "of"] or _count_after(sentence, end):
        return "number"
    if before and before[-1] == "of" and re.search(r"\d[\d,]*\s+of\s+$", before_text):
        return "number"  # "830 of 945"
    if not before:
        return "year"
    last = before[-1].rstrip(".")
    if last in YEAR_BEFORE or last in MONTHS or last in SEASONS or last == "(":
        return "year"
    after = _words_after(sentence, end, 1)
    if last == "the" and after and after[0].lower() in EVENT_NOUNS:
        return "year"
    if last in {",", "and", "or", "&", ";"} and previous:
        return previous[max(previous)] if previous[max(previous)] in {"year", "number"} else "skip"
    if after and after[0] == ",":
        return "year"  # "the treaty signed 1953, which": a count would name what it counts
    return "skip"


def with_unit(span: Span, sentence: str) -> Span:
    """The counted noun: "5,346 tons of", "396 out of 624 station buildings", "six Companies", "3 o'Clock"."""
    after = _words_after(sentence, span.end, 7)
    unit = ""
    content = 0
    for n, word in enumerate(after):
        lower = word.lower().replace("’", "'")
        if re.fullmatch(r"\d[\d,.]*", word) or (lower in {"out", "of"} and n < 2):
            continue  # "396 out of 624 station buildings"
        content += 1
        if not re.fullmatch(r"[A-Za-z'’-]+", word) or lower in STOP or content > 3:
            break
        if lower == "o'clock" or _plural_like(lower):
            unit = lower
            break
    if not unit and after and re.fullmatch(r"[a-z][a-z’'-]*", after[0]) and after[0] not in STOP:
        unit = after[0].replace("’", "'")
    return replace(span, unit=_singular(unit))


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1]
