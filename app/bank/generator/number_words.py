"""Pure: numbers written in words ("Five Hundred Men", "sixty-two", "an hundred", "two to three years").

Older texts write counts in words; a distractor for one is written in words too, in the same case.
"""

from __future__ import annotations

import re

from app.bank.generator.candidates import Candidate, Span, blocked, candidate
from app.bank.generator.quantities import reference_before, with_unit, words_before
from app.bank.generator.wordlists import MONTHS, NUMBER_WORDS, SCALES, TENS, UNITS

_NUMBER_WORD_RE = re.compile(
    r"(?<![\w])(?:an?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)


def word_number_candidates(sentence: str) -> list[Candidate]:
    """Numbers and ranges written in words; a lone "one", an ordinal or a number in a name blocks."""
    words = list(_NUMBER_WORD_RE.finditer(sentence))
    phrases: list[tuple[int, int, int, bool]] = []  # start, end, value, lonely (just "one")
    i = 0
    while i < len(words):
        parsed = _parse_number_words(sentence, words, i)
        if parsed is None:
            i += 1
            continue
        j, value = parsed
        start, end = words[i].start(), words[j - 1].end()
        lonely = j - i == 1 and words[i].group().lower() == "one"
        phrases.append((start, end, value, lonely))
        i = j
    out: list[Candidate] = []
    used: set[int] = set()
    for n in range(len(phrases) - 1):
        (s1, e1, v1, _), (s2, e2, v2, _) = phrases[n], phrases[n + 1]
        joiner = re.fullmatch(r"\s+(to|or)\s+|\s*[-–]\s*", sentence[e1:s2])
        if joiner and v1 < v2 and not _hyphen_ordinal(sentence, e2):
            fmt = "range:" + sentence[e1:s2] + ":" + _words_fmt(sentence[s1:e1], sentence[s2:e2])
            span = Span("number", sentence[s1:e2], s1, e2, (float(v1), float(v2)), "range", fmt)
            out.append(candidate(with_unit(span, sentence), 3))
            used.update({n, n + 1})
    for n, (start, end, value, lonely) in enumerate(phrases):
        if n in used:
            continue
        text = sentence[start:end]
        if lonely or _hyphen_ordinal(sentence, end) or reference_before(sentence, start):
            out.append(blocked(start, end))
            continue
        if _inside_name(sentence, start, end) or _after_month(sentence, start):
            out.append(blocked(start, end))
            continue
        span = Span("number", text, start, end, float(value), "words", _words_fmt(text))
        out.append(candidate(with_unit(span, sentence), 4))
    return out


def _parse_number_words(sentence: str, words: list[re.Match[str]], i: int) -> tuple[int, int] | None:
    """The longest well-formed number phrase from words[i]: "one thousand, seven hundred and seventy five",
    "twenty-four", "an hundred". Returns (index after it, value)."""
    total = 0
    current = 0
    last_kind = ""  # "unit", "teen", "tens", "hundred", "scale", "article"
    best: tuple[int, int] | None = None
    j = i
    while j < len(words):
        word = words[j].group().lower()
        if j > i:
            gap = sentence[words[j - 1].end() : words[j].start()]
            joined_and = re.fullmatch(r"\s+and\s+", gap) is not None
            joined_comma = re.fullmatch(r",\s+", gap) is not None
            if not (re.fullmatch(r"\s+|\s*-\s*", gap) or joined_and or joined_comma):
                break
            if joined_and and last_kind not in {"hundred", "scale"}:
                break
            if joined_comma and last_kind != "scale":
                break
        if word in {"a", "an"}:
            following = words[j + 1].group().lower() if j + 1 < len(words) else ""
            gap = sentence[words[j].end() : words[j + 1].start()] if following else ""
            if j > i or following not in SCALES or not gap.isspace():
                break  # "a two kilometer wide zone": the article is not part of the number
            last_kind = "article"
        elif word in UNITS:
            if last_kind in {"unit", "teen"} or (last_kind == "tens" and UNITS[word] >= 10):
                break
            if UNITS[word] >= 10:
                current += UNITS[word]
                last_kind = "teen"
            else:
                current += UNITS[word]
                last_kind = "unit"
        elif word in TENS:
            if last_kind in {"unit", "teen", "tens"}:
                break
            current += TENS[word]
            last_kind = "tens"
        elif word == "hundred":
            if not (last_kind == "article" or (last_kind in {"unit", "teen"} and 0 < current < 100)):
                break
            current = (current or 1) * 100
            last_kind = "hundred"
        else:  # thousand, million, billion
            if last_kind == "scale" or (current == 0 and last_kind != "article"):
                break
            total += (current or 1) * SCALES[word]
            current = 0
            last_kind = "scale"
        j += 1
        if last_kind != "article":
            best = (j, total + current)
    return best


def _hyphen_ordinal(sentence: str, end: int) -> bool:
    return bool(re.match(r"-[^\W\d_]", sentence[end:]))  # "fifty-second regiment"


def _inside_name(sentence: str, start: int, end: int) -> bool:
    """ "the Three Year Plan": a capitalised number word in a name."""
    if not sentence[start].isupper():
        return False
    before = words_before(sentence, start, 1)
    after = re.match(r"\s+([A-Z][\w’'-]*)", sentence[end:])
    return bool(before and before[0] == "the" and after and not after.group(1).lower().endswith("s"))


def _after_month(sentence: str, start: int) -> bool:
    before = words_before(sentence, start, 1)
    return bool(before) and before[0].rstrip(".").lower() in MONTHS  # "April one thousand ... seventy five"


def _words_fmt(*texts: str) -> str:
    """The case, hyphen and "and" of the words ("Five Hundred", "twenty-four"), for render_like."""
    letters = " ".join(texts)
    words = [w for w in re.findall(r"[A-Za-z]+", letters) if w.lower() not in {"a", "an", "and"}]
    if all(w.isupper() for w in words) and any(len(w) > 1 for w in words):
        case = "upper"
    elif all(w[0].isupper() for w in words):
        case = "title"
    else:
        case = "lower"
    hyphen = (
        " "
        if re.search(r"(?:ty)\s+(?:one|two|three|four|five|six|seven|eight|nine)\b", letters, re.I)
        else "-"
    )
    conjunction = "and" if re.search(r"hundred\s+and\s", letters, re.I) else ""
    return f"words:{case}:{hyphen}:{conjunction}"
