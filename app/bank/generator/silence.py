"""Pure: the silence contrast, for a claim of one source that nothing in the other source faces.

The bank records such a claim as a pair with a silent side (relation ``silent``), and its questions point
to it, so the learner is told honestly that the other text says nothing here. The rationale says what the
silence means from what the generator knows about the other text: the years its statements cover and the
names it never uses. A silence is not a denial, and the rationale says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from app.bank.generator.pairs import content_stems
from app.bank.generator.relation_cues import years_of
from app.bank.generator.wordlists import MONTHS, WEEKDAYS
from app.bank.generator.wordlists import TITLES as NAME_TITLES
from app.sources.parser import collapse_whitespace

TOPIC_WORDS = 3  # words naming what a claim is about, when it names no one
TITLES = frozenset(
    [
        "president",
        "comrade",
        "general",
        "chairman",
        "premier",
        "marshal",
        "king",
        "queen",
        "lord",
        "sir",
        "mr",
        "mrs",
        "dr",
        "captain",
        "colonel",
        "major",
        "lieutenant",
        "governor",
        "ambassador",
        "minister",
        "secretary",
    ]
)
# Titles a text calls someone by with the surname alone: "Judge Cradlebaugh", "Bishop Lee", "Mr. Lee".
_ADDRESS_TITLES = "|".join(sorted({title.lower() for title in NAME_TITLES} | {"elder", "brother"}))
_WORD_BREAK = re.compile(r"[\s—–]+")
COVERED_SHARE = 0.8  # the span of years holding this share of a text's year mentions is what it covers


@dataclass(frozen=True)
class SilentSource:
    """What the generator knows about a source that may be silent on a claim."""

    name: str
    text: str  # all its sentences, joined
    years: tuple[int, int] | None  # the span most of its dated statements fall in


def silent_source(name: str, sentences: Sequence[str]) -> SilentSource:
    """Read once per source: the years it mostly speaks of (citations of later works fall outside)."""
    mentions = sorted(year for sentence in sentences for year in years_of(sentence))
    span = None
    if mentions:
        cut = int(len(mentions) * (1 - COVERED_SHARE) / 2)
        span = (mentions[cut], mentions[len(mentions) - 1 - cut])
    return SilentSource(name, collapse_whitespace(" ".join(sentences)), span)


def silence_rationale(claim: str, claim_source: str, other: SilentSource) -> str:
    """Why the other source is silent on ``claim``, as far as its words show, and what to check."""
    years = sorted(years_of(claim))
    unnamed = [name for name in _names(claim) if not _named_in(name, other.text)]
    topic = _listed(unnamed[:3]) if unnamed else _topic(claim)
    if years and other.years and (years[-1] < other.years[0] or years[0] > other.years[1]):
        reason = (
            f"its dated statements run mostly from {other.years[0]} to {other.years[1]}, and this claim of "
            f"{claim_source} is about {_years(years)}"
        )
    elif unnamed:
        reason = "it never uses " + ("that name" if len(unnamed) == 1 else "those names")
    else:
        reason = f"none of its sentences is close enough to this claim of {claim_source} to face it"
    return (
        f"{_capital(other.name)} says nothing on {topic}: {reason}. A silence is not a denial: it shows what "
        f"the text chose to cover. Check that {other.name} says nothing on this point anywhere, and pair the "
        "claim with its words if it does."
    )


def _names(claim: str) -> list[str]:
    """Runs of capitalised words inside the sentence: the people, places and bodies it names. A dash
    parts words ("Church—not"), a month or "I" names no one ("In January I went"), and a title opens a
    new name ("to California Colonel Alexander wrote")."""
    runs: list[str] = []
    current: list[str] = []
    for position, raw in enumerate(_WORD_BREAK.split(claim.replace("“", " ").replace("”", " "))):
        word = raw.strip(",.;:!?()[]’'")
        lowered = word.lower()
        names_no_one = word == "I" or lowered in MONTHS or lowered in WEEKDAYS
        capitalised = position > 0 and word[:1].isupper() and not names_no_one
        if capitalised and current and lowered in TITLES:
            runs.append(" ".join(current))
            current = []
        if capitalised and (current or content_stems(word)):
            current.append(word)
        if current and (not capitalised or raw[-1:] in ",.;:!?)"):
            runs.append(" ".join(current))
            current = []
    if current:
        runs.append(" ".join(current))
    return list(dict.fromkeys(_untitled(run) for run in runs if _untitled(run)))


def _named_in(name: str, text: str) -> bool:
    """ "Kim Il Sung’s" is named wherever "Kim Il Sung" is, "Church" wherever "church" is; "John
    Cradlebaugh" wherever a title names him by his surname ("Judge Cradlebaugh")."""
    bare = re.sub(r"[’']s$", "", name)
    if re.search(rf"(?<!\w){re.escape(bare)}(?!\w)", text, re.IGNORECASE):
        return True  # "the church" uses the name "Church"
    words = bare.split()
    return len(words) > 1 and bool(
        re.search(rf"(?<!\w)(?i:{_ADDRESS_TITLES})\.?\s+{re.escape(words[-1])}(?!\w)", text)
    )


def _untitled(name: str) -> str:
    """ "President Kim Il Sung" is named wherever "Kim Il Sung" is."""
    words = name.split()
    while words and words[0].lower() in TITLES:
        words.pop(0)
    if len(words) == 1 and (words[0].lower() in MONTHS or words[0].lower() in WEEKDAYS):
        return ""  # "June" dates a claim; it does not name what the claim is about
    return " ".join(words)


def _topic(claim: str) -> str:
    """What the claim is about, in its own words: its longest ordinary words."""
    words = Counter(
        w.strip(",.;:!?()“”’'")
        for w in claim.split()
        if w.islower() and content_stems(w.strip(",.;:!?()“”’'"))
    )
    longest = sorted(words, key=lambda w: (-len(w), w))[:TOPIC_WORDS]
    return _listed(longest) if longest else "this point"


def _years(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _listed(items: Sequence[str]) -> str:
    quoted = [f"“{item}”" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
