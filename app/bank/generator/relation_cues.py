"""Pure: the word-level cues ``relations`` reads from two sentences, each returned as verbatim fragments.

Every cue is general (negation words, hedges, limits, figures with their counted noun, "first" with its
subject, a short list of words of opposite sense) so that it holds for any pair of historical texts, not
only the two we ship. A fragment is a piece of the sentence as written, so a rationale can quote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from app.bank.generator.dates import date_candidates
from app.bank.generator.number_words import word_number_candidates
from app.bank.generator.pairs import content_stems, stem
from app.bank.generator.quantities import numeric_candidates
from app.bank.generator.questions import hedged
from app.bank.generator.wordlists import MONTHS, WEEKDAYS

Fragment = str


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'-]*|\d(?:[\d,.]*\d)?")
NEGATIONS = _words("not never no nothing none neither nor refused refuse refuses denied deny denies")
# "not only", "nothing but", "no less": these limit or stress, they do not deny.
_NOT_NEGATING_NEXT = _words("only least less so merely just but except until yet more longer doubt")
# Verbs too light to carry a claim: "did not make it" denies nothing that "some make it" asserts.
_LIGHT_VERBS = frozenset(
    stem(word) for word in _words("make made take took give gave have had get got come came become became")
)
_DETERMINERS = _words("the a an this that these those its their his her our")
NEGATION_WINDOW = 4  # content words after a negation that it can reach
# A negation's reach ends at a preposition: "not ready for world war" denies the readiness, not the war.
# Words that end what a negation denies: a preposition, or the exception of "none left but the children".
_SCOPE_ENDS = _words(
    "for of in on at by with from into upon against about after before during over but except save"
)
_AUXILIARIES = _words("had have has was were is are did do does then who which that first also")
_FIRST_VERBS = _words("fire fired shot began begun start started attacked struck opened broke drew")
_HEDGE = re.compile(
    r"\b(?:(?:is|are|was|were) said to|supposed(?:ly)?|so-called|alleged(?:ly)?|claim(?:s|ed)?|"
    r"according to|purported(?:ly)?|reportedly|ostensibl[ey]|apparently|pretended|pretext)\b",
    re.IGNORECASE,
)
_SCARE_QUOTE = re.compile(r"(?<=[\s(])“([^“”]{1,40})”")
SCARE_QUOTE_WORDS = 3  # a quoted phrase this short inside a sentence marks distance, not a citation
_LIMIT = re.compile(
    r"\b(?:only|except|although|though|however|despite|nonetheless|nevertheless|unless|whereas|"
    r"even though|at least|at most|not so much|but(?! also))\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"\b(?:(?:a few|several|some|many) (?P<scale>hundred|thousand)|"
    r"(?P<plural>hundreds|thousands|dozens))"
    r"\s+(?:of\s+)?(?:the\s+)?(?P<unit>[a-z][a-z’'-]+)",
    re.IGNORECASE,
)
_VAGUE_RANGE = {"hundred": (200.0, 900.0), "thousand": (2000.0, 9000.0)}
_PLURAL_RANGE = {"hundreds": (200.0, 999.0), "thousands": (2000.0, 9999.0), "dozens": (24.0, 144.0)}
LIMIT_REACH = 6  # words after "only", "except", "although" … that the limit governs
APPROXIMATE_BY = 0.25  # "about 70" may be 53 to 88
INVENTORY_FIGURES = 3  # a sentence with more figures than this is a list, not one count
_TIME_UNITS = frozenset(stem(w) for w in ("years", "months", "weeks", "days", "hours", "minutes"))
_CLOCK_WORDS = _words("past to after before")
_IRREGULAR_UNITS = {"men": "man", "women": "woman", "people": "person", "children": "child"}
# Words of opposite sense, as stems or word starts: one side's word in the first group, the other's in the
# second. Kept short and general: stances a historian's and an official account most often oppose.
_OPPOSITES = (
    (r"independen\w*|sovereign\w*", r"subordinat\w*|dependen\w*|dependent|vassal\w*|satellite\w*|puppet\w*"),
    (r"voluntar\w*|willing\w*|freely", r"compelled|forced|coerc\w*|reluctant\w*|unwilling\w*"),
    (r"independen\w*", r"compelled|forced|coerc\w*|obey\w*|obedien\w*"),
    (r"victor\w*|won|triumph\w*|succeed\w*|success\w*", r"defeat\w*|fail\w*|lost|routed"),
    (
        r"prais\w*|thank\w*|gratitude|grateful|honou?r\w*|admir\w*",
        r"dismiss\w*|rebuk\w*|upbraid\w*|scorn\w*|"
        r"criticiz\w*|criticis\w*|condemn\w*|reproach\w*|contempt\w*",
    ),
    (r"accept\w*|agreed|approv\w*", r"reject\w*|refus\w*|disapprov\w*"),
    (r"friend\w*|ally|allies|allied", r"enem\w*|hostil\w*|adversar\w*"),
    (r"increas\w*|grew|rose|expand\w*", r"decreas\w*|declin\w*|fell|shrank|reduc\w*"),
)


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _is_name(match: re.Match[str], position: int) -> bool:
    return match.group()[0].isupper() and position > 0


def _content_stem(word: str) -> str | None:
    stems = content_stems(word)
    return stem(word) if stems else None


def shared_names(a: str, b: str) -> list[str]:
    """Names (capitalised words inside a sentence) both give: who or where, not what is claimed."""
    names_b = {
        stem(m.group()) for i, m in enumerate(_tokens(b)) if _is_name(m, i) and _content_stem(m.group())
    }
    found = [m.group() for i, m in enumerate(_tokens(a)) if _is_name(m, i) and _content_stem(m.group())]
    # "September" dates two claims; it names no one they are both about.
    return list(dict.fromkeys(w for w in found if stem(w) in names_b and w.lower() not in _CALENDAR))


_CALENDAR = frozenset(MONTHS) | WEEKDAYS
_CLAIM_CUES = NEGATIONS | {"only", "except", "although", "though", "however", "despite"}
# Words any account uses ("the man came among them and went away"): sharing them shows no one point.
_STORY_WORDS = frozenset(
    re.findall(r"\w+", "among around away man men part came come went place left made make take took")
)


def claim_stems(text: str) -> dict[str, str]:
    """Stem -> word as written, for the ordinary words of a sentence (not names, figures or cue words)."""
    found: dict[str, str] = {}
    for i, m in enumerate(_tokens(text)):
        word = m.group()
        if _is_name(m, i) or word.lower() in _CLAIM_CUES or word.lower() in _STORY_WORDS or word[0].isdigit():
            continue
        if (key := _content_stem(word)) is not None:
            found.setdefault(key, word)
    return found


def shared_claim_words(a: str, b: str) -> list[str]:
    """Ordinary words (not names, not the cue words themselves) whose stems both sentences use."""
    stems_b = claim_stems(b)
    return [word for key, word in claim_stems(a).items() if key in stems_b]


def narrative_years(passages: Sequence[tuple[str | None, Sequence[str]]]) -> list[frozenset[int]]:
    """For each sentence of a text, in order, the years its narrative is at: the years of the latest
    sentence up to it (itself included) that names one, within its section. A history moves through
    time; "they suffered heavy casualties" under a 1930s date is not about 1952. A new section starts
    with no known years, since it may go back in time without saying so.

    ``passages`` are (heading, sentences) in the order of the text."""
    found: list[frozenset[int]] = []
    current: frozenset[int] = frozenset()
    section: str | None = None
    for heading, sentences in passages:
        if heading != section:
            section, current = heading, frozenset()
        for sentence in sentences:
            current = frozenset(years_of(sentence)) or current
            found.append(current)
    return found


def years_of(text: str) -> set[int]:
    """The years a sentence speaks of: years, dates, short ranges, decades (long spans by their ends)."""
    years: set[int] = set()
    for found in (*date_candidates(text), *numeric_candidates(text)):
        span = found.span
        if span is None:
            continue
        if span.kind == "date" and isinstance(span.value, tuple) and span.value[0]:
            years.add(int(span.value[0]))
        elif span.kind == "year" and isinstance(span.value, tuple):
            first, last = int(span.value[0]), int(span.value[1])
            years.update(range(first, last + 1) if last - first <= 10 else (first, last))
        elif span.kind == "year" and isinstance(span.value, int):
            years.update(
                range(span.value, span.value + 10) if span.granularity == "decade" else (span.value,)
            )
    return years


def negated_shared(own: str, other: str) -> Iterator[tuple[Fragment, Fragment, str]]:
    """(negated fragment of ``own``, plain fragment of ``other``, the word): a claim word that ``own``
    denies and ``other`` states without a negation. One per sentence at most: the first is the clearest."""
    own_tokens, other_tokens = _tokens(own), _tokens(other)
    plain_in_other: dict[str, int] = {}
    for j, m in enumerate(other_tokens):
        key = _content_stem(m.group())
        if key is None or _is_name(m, j) or _negated_at(other_tokens, j) or key in _LIGHT_VERBS:
            continue
        if m.group().lower() in _STORY_WORDS:
            continue  # "none left" against "clothes left on the bodies": no one claim denied
        if j and other_tokens[j - 1].group().lower() in _DETERMINERS and m.group().lower().endswith("ing"):
            continue  # "the following losses" is not the verb "follow"
        plain_in_other.setdefault(key, j)
    for i, cue in enumerate(own_tokens):
        if not _negation(own_tokens, i):
            continue
        for j in range(i + 1, min(len(own_tokens), i + 1 + NEGATION_WINDOW)):
            if own_tokens[j].group().lower() in _SCOPE_ENDS:
                break
            key = _content_stem(own_tokens[j].group())
            if key and key in plain_in_other and own_tokens[j].group().lower() not in NEGATIONS:
                k = plain_in_other[key]
                plain = other[
                    other_tokens[max(0, k - 2)].start() : other_tokens[
                        min(len(other_tokens) - 1, k + 1)
                    ].end()
                ]
                yield own[cue.start() : own_tokens[j].end()], plain, own_tokens[j].group()
                return


def _negation(tokens: list[re.Match[str]], i: int) -> bool:
    word = tokens[i].group().lower()
    if word not in NEGATIONS and not word.endswith(("n't", "n’t")):
        return False
    following = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
    return following not in _NOT_NEGATING_NEXT


def _negated_at(tokens: list[re.Match[str]], j: int) -> bool:
    for i in range(j - 1, max(-1, j - 1 - NEGATION_WINDOW), -1):
        if _negation(tokens, i):
            return True
        if tokens[i].group().lower() in _SCOPE_ENDS:
            return False
    return False


def first_subjects(a: str, b: str) -> Iterator[tuple[Fragment, Fragment, str]]:
    """Who did it first: the same verb with "first" and a different subject on each side."""
    found_a, found_b = _first_claim(a), _first_claim(b)
    if found_a and found_b:
        (subject_a, verb_a, fragment_a), (subject_b, verb_b, fragment_b) = found_a, found_b
        if stem(verb_a) == stem(verb_b) and stem(subject_a) != stem(subject_b):
            yield fragment_a, fragment_b, verb_a


def _first_claim(text: str) -> tuple[str, str, Fragment] | None:
    tokens = _tokens(text)
    for f, token in enumerate(tokens):
        if token.group().lower() != "first":
            continue
        for v in (f - 1, f + 1):
            if not 0 <= v < len(tokens):
                continue
            verb = tokens[v].group().lower()
            if verb not in _FIRST_VERBS and not (verb.endswith("ed") and _content_stem(verb)):
                continue
            for s in range(min(f, v) - 1, -1, -1):
                subject = tokens[s].group()
                if subject.lower() in _AUXILIARIES:
                    continue
                if _content_stem(subject) is None:
                    break
                end = tokens[max(f, v)].end()
                return subject, verb, text[tokens[s].start() : end]
    return None


def _figures(text: str) -> list[tuple[Fragment, str, float, float]]:
    """(as written, counted thing, low, high) for each count in a sentence."""
    figures: list[tuple[Fragment, str, float, float]] = []
    taken: list[tuple[int, int]] = []
    for match in _VAGUE.finditer(text):
        unit = _unit(match.group("unit"))
        low, high = (
            _VAGUE_RANGE[match.group("scale").lower()]
            if match.group("scale")
            else _PLURAL_RANGE[match.group("plural").lower()]
        )
        figures.append((match.group(), unit, low, high))
        taken.append((match.start(), match.end()))
    for found in (*numeric_candidates(text), *word_number_candidates(text)):
        span = found.span
        if span is None or span.kind != "number" or not span.unit:
            continue
        if any(start < span.end and span.start < end for start, end in taken):
            continue
        counted = _counted(text, span.end, _unit(span.unit))
        if counted is None:
            continue
        low, high = span.value if isinstance(span.value, tuple) else (span.value, span.value)
        if hedged(text, span):
            low, high = float(low) * (1 - APPROXIMATE_BY), float(high) * (1 + APPROXIMATE_BY)
        figures.append(
            (f"{span.text} {_word_after(text, span.end)}".strip(), counted, float(low), float(high))
        )
        taken.append((span.start, span.end))
    return figures


def _counted(text: str, end: int, unit: str) -> str | None:
    """What a figure counts. A span of time counts nothing by itself ("30 years junior" and "for twenty
    years" are an age and a duration), so it is the unit with the word after it; a clock time ("five
    minutes past two", "7 o'Clock") is no count at all (None)."""
    if unit == "o'clock":
        return None  # "about 7 o'Clock" is a time of day, not a count of anything
    if unit not in _TIME_UNITS:
        return unit
    after = re.findall(r"[A-Za-z’'-]+", text[end:])[1:2]
    following = after[0].lower() if after else ""
    if following in _CLOCK_WORDS and unit in {"minut", "hour"}:
        return None
    return f"{unit} {following}".strip()


def _word_after(text: str, end: int) -> str:
    following = text[end:].split(maxsplit=1)
    return following[0].strip(",.;:") if following else ""


def _unit(word: str) -> str:
    word = word.lower().replace("’", "'")
    return _IRREGULAR_UNITS.get(word, stem(word))


def figure_conflicts(a: str, b: str) -> Iterator[tuple[Fragment, Fragment, str, bool]]:
    """(figure of a, figure of b, counted thing, disjoint): two counts of the same thing that differ.
    Disjoint ranges cannot both be right; overlapping ones ("about 70" and "80") only differ in precision."""
    figures_a, figures_b = _figures(a), _figures(b)
    if len(figures_a) > INVENTORY_FIGURES or len(figures_b) > INVENTORY_FIGURES:
        return
    for text_a, unit_a, low_a, high_a in figures_a:
        same = [f for f in figures_b if f[1] == unit_a]
        if not same or any(low == low_a and high == high_a for _t, _u, low, high in same):
            continue
        text_b, _unit_b, low_b, high_b = same[0]
        yield text_a, text_b, unit_a, high_a < low_b or high_b < low_a
        return


def opposite_words(a: str, b: str) -> Iterator[tuple[Fragment, Fragment]]:
    """A word of one sense on one side and of the opposite sense on the other (each side lacking the
    other's): "independence" against "subordinate", "thanks" against "dismissed"."""
    for first, second in _OPPOSITES:
        for left, right in ((first, second), (second, first)):
            in_a = re.search(rf"\b(?:{left})\b", a, re.IGNORECASE)
            in_b = re.search(rf"\b(?:{right})\b", b, re.IGNORECASE)
            if (
                in_a
                and in_b
                and not re.search(rf"\b(?:{right})\b", a, re.I)
                and not re.search(rf"\b(?:{left})\b", b, re.I)
            ):
                yield in_a.group(), in_b.group()
                return


def hedges(text: str) -> list[Fragment]:
    """Words that keep a claim at a distance: "supposed", "so-called", "is said to", scare quotes."""
    found = [m.group() for m in _HEDGE.finditer(text)]
    for match in _SCARE_QUOTE.finditer(text):
        if len(match.group(1).split()) <= SCARE_QUOTE_WORDS and not text[: match.start()].rstrip().endswith(
            ":"
        ):
            found.append(match.group())
    return found


def limits(text: str, other: str = "") -> list[Fragment]:
    """A limit or condition and the words it governs: "only in 1953", "except people". Given ``other``,
    only the limits that govern a word ``other`` also uses: those limit the shared point, not an aside."""
    tokens = _tokens(text)
    other_stems = {stem(m.group()) for m in _tokens(other)} if other else set()
    found = []
    for match in _LIMIT.finditer(text):
        before = text[: match.start()].split()
        if match.group().lower() == "only" and before and before[-1].lower() == "not":
            continue  # "not only … but also" stresses, it does not limit
        following = [t for t in tokens if t.start() >= match.end()]
        if other and not any(
            _content_stem(t.group()) and stem(t.group()) in other_stems for t in following[:LIMIT_REACH]
        ):
            continue
        end = following[:3][-1].end() if following else match.end()
        found.append(text[match.start() : end])
    return found
