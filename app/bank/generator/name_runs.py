"""Pure: words as tokens, and runs of capitalised words with the cues around them (the stuff of names).

The people index weighs these runs across both texts; `find_spans` matches them against the index. What
a run looks like on its own (a given name first, an initial, a place word inside it, an acronym) is
decided here, so both read a run the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.bank.generator.wordlists import (
    ADVERBS,
    APPOSITION_ROLES,
    ARTICLES,
    AUXILIARIES,
    FIRST_PERSON,
    GIVEN_NAMES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NOT_INITIALS,
    NOT_PERSON_SUFFIXES,
    NOT_PERSON_WORDS,
    PARTICLES,
    PERSON_VERBS,
    ROLES,
    STOP,
    SURNAME_FIRST,
    TITLE_ONLY,
    TITLES,
    WEEKDAYS,
)

_WORD = re.compile(r"[^\W\d_](?:[\w’'-]*[^\W_])?")


def normal_word(word: str) -> str:
    """All-capital words ("PARKER", "MASSACHUSETTS-BAY") written as names are written elsewhere."""
    if len(word) > 1 and word.isupper():
        return "-".join(part.capitalize() for part in word.split("-")).replace("’S", "’s").replace("'S", "'s")
    return word


def title_of(word: str) -> str | None:
    return TITLES.get(word.rstrip("."))


def is_initial_text(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]?\.", word)) and word[:-1] not in NOT_INITIALS


@dataclass
class Token:
    """A word with what a name finder needs to know about it."""

    text: str  # as written, possessive "’s" removed, an initial's or title's period included
    start: int
    end: int
    norm: str  # as a name is written ("PARKER" -> "Parker")
    lower: str
    cap: bool  # starts with a capital letter
    possessive: bool = False
    sentence_start: bool = False
    glued: bool = False  # "anti-Kim": a capitalised name inside a lower-case compound
    initial: bool = False  # "V.", "Ia."
    title: str | None = None  # normalised title ("Capt." -> "Captain")
    all_caps: bool = False


def tokenize(text: str) -> list[Token | str]:
    """Words as Token, every other non-space character as a one-character string."""
    out: list[Token | str] = []
    position = 0
    boundary = True
    length = len(text)
    while position < length:
        char = text[position]
        if char.isspace():
            if char == "\n" and position + 1 < length and text[position + 1] == "\n":
                boundary = True
            position += 1
            continue
        match = _WORD.match(text, position)
        if not match:
            out.append(char)
            if char in '.!?:;“"‘' or char == "\n":
                boundary = True
            elif char not in "”’'()[]—–-*†":
                boundary = False
            position += 1
            continue
        word = match.group()
        end = match.end()
        possessive = False
        if word.endswith(("’s", "'s", "’S", "'S")) and len(word) > 3:
            word = word[:-2]
            possessive = True
        dotted = not possessive and end < length and text[end] == "."
        token = Token(
            word, position, position + len(word), normal_word(word), word.lower(), word[0].isupper()
        )
        token.possessive = possessive
        token.sentence_start = boundary
        token.all_caps = len(word) > 1 and word.isupper()
        if "-" in word and not token.cap:
            token.glued = word.rsplit("-", 1)[-1][:1].isupper()
        title = TITLES.get(word) if word[:1].isupper() else None
        if dotted and (title or is_initial_text(word + ".")):
            token.text += "."
            token.end += 1
            token.norm = token.text if is_initial_text(word + ".") else token.norm
            token.initial = title is None
            end = token.end
        token.title = title
        out.append(token)
        boundary = False
        position = end
    return out


@dataclass
class Run:
    """A candidate name: consecutive capitalised words, after its titles, with the cues around it."""

    tokens: list[Token]
    title: str | None  # the last title before the name
    before_run: Token | str | None  # the item right before the run's titles
    after: list[Token | str]  # up to six items after the run
    articled: bool  # "the Kim Chaek plant": a thing named after someone, not the person
    first_person: bool  # "I JOHN PARKER, of lawful age"
    role: bool  # "the historian Chen Jian"
    index: int  # position of the first token among the items, to find list neighbours
    end_index: int

    @property
    def key(self) -> str:
        return " ".join(t.norm for t in self.tokens)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def _is_name_word(item: Token | str) -> bool:
    return (
        isinstance(item, Token)
        and item.cap
        and item.lower not in STOP
        and item.lower.rstrip(".") not in MONTHS
        and not (item.lower in MONTH_ABBREVIATIONS and item.text.endswith("."))
    )


def capitalised_runs(items: list[Token | str], text: str) -> list[Run]:
    """Every run of capitalised words that could be a name, split at titles, things and given names."""
    runs: list[Run] = []
    i = 0
    while i < len(items):
        item = items[i]
        if not _is_name_word(item):
            i += 1
            continue
        j = i
        group: list[Token] = [item]  # type: ignore[list-item]
        while True:
            last = group[-1]
            if last.possessive or j + 1 >= len(items):
                break
            nxt = items[j + 1]
            gap = text[last.end : nxt.start] if isinstance(nxt, Token) else None
            if _is_name_word(nxt) and gap is not None and gap.isspace() and "\n\n" not in gap:
                group.append(nxt)  # type: ignore[arg-type]
                j += 1
                continue
            if (
                isinstance(nxt, Token)
                and nxt.lower in PARTICLES
                and j + 2 < len(items)
                and _is_name_word(items[j + 2])
                and text[last.end : nxt.start] == " "
                and text[nxt.end : items[j + 2].start] == " "  # type: ignore[union-attr]
            ):
                group.extend([nxt, items[j + 2]])  # type: ignore[list-item]
                j += 2
                continue
            break
        runs.extend(_split_run(items, i, group))
        i = j + 1
    return runs


def _split_run(items: list[Token | str], i: int, group: list[Token]) -> list[Run]:
    """Titles off the front ("DPRK Foreign Minister | Pak Hon-Yong"), things too ("State | Dean Rusk");
    unpunctuated lists split at given names ("William Read | Josiah Johnson | William Stickney")."""
    title = None
    cut = 0
    for k, token in enumerate(group):
        if not token.title or token.possessive:
            continue
        if token.title in TITLE_ONLY and not (k + 1 < len(group) and group[k + 1].title):
            continue  # "Field Pieces", "Vice" alone: only a title before another title
        title = token.title
        cut = k + 1
    names = group[cut:]
    # "Secretary of State Dean Rusk", "United Nations Ia. Malik": the name after the thing.
    thing = max((k for k, t in enumerate(names[:-1]) if is_thing_word(t)), default=None)
    if thing is not None:
        title = None
        cut += thing + 1
        names = names[thing + 1 :]
    if not names:
        return []
    before_run = items[i + cut - 1] if thing is not None else items[i - 1] if i > 0 else None
    plain = not cut
    first_person = plain and isinstance(before_run, Token) and before_run.lower in FIRST_PERSON
    role = (
        isinstance(before_run, Token)
        and not before_run.cap
        and (before_run.lower in ROLES or before_run.lower.endswith("-named"))
    )
    articled = plain and isinstance(before_run, Token) and before_run.lower in ARTICLES
    pieces: list[list[Token]] = [names]
    if len(names) > 3:
        pieces = []
        current: list[Token] = []
        for token in names:
            if current and len(current) >= 2 and token.lower in GIVEN_NAMES:
                pieces.append(current)
                current = []
            current.append(token)
        pieces.append(current)
    runs = []
    offset = i + cut
    for n, piece in enumerate(pieces):
        first = offset
        offset += len(piece)
        runs.append(
            Run(
                tokens=piece,
                title=title if n == 0 else None,
                before_run=before_run if n == 0 else items[first - 1],
                after=items[first + len(piece) : first + len(piece) + 6],
                articled=articled and n == 0,
                first_person=first_person and n == 0,
                role=role and n == 0,
                index=first,
                end_index=first + len(piece) - 1,
            )
        )
    return runs


def verb_follows(run: Run) -> bool:
    """ "Mao replied", "Zhou thus explained", "Stalin had sharply limited", "Suzdalev, who took over"."""
    if run.tokens[-1].possessive:
        return False
    after = run.after
    if after[:1] == [","] and len(after) > 1 and isinstance(after[1], Token):
        if after[1].lower == "who":
            return True
        if after[1].lower in ARTICLES:  # "Li Kenong, the chief Chinese representative": a role in apposition
            words = [x.lower for x in after[2:5] if isinstance(x, Token)]
            return any(w in ROLES or w in APPOSITION_ROLES for w in words)
    for item in after[:4]:  # at most three adverbs or auxiliaries between the name and its verb
        if not isinstance(item, Token) or item.cap:
            return False
        if item.lower == "who" or item.lower in PERSON_VERBS:
            return True
        if not (item.lower in ADVERBS or item.lower in AUXILIARIES or item.lower.endswith("ly")):
            return False
    return False


def name_shape(tokens: Sequence[Token]) -> str:
    """What a run looks like on its own: "given" (John Parker), "surname-first" (Zhou Enlai), "initial" (V.
    Molotov), or "" (nothing about the words themselves says person)."""
    first = tokens[0]
    if len(tokens) >= 2 and first.lower in GIVEN_NAMES:
        return "given"
    if 2 <= len(tokens) <= 3 and first.lower in SURNAME_FIRST:
        return "surname-first"
    if len(tokens) >= 2 and first.initial and not tokens[-1].initial:
        return "initial"
    return ""


def is_thing_word(token: Token) -> bool:
    """A place, organisation or thing word ("Army", "Moscow", "Tuesday", "Stalinism"): no name holds one."""
    lower = token.lower.rstrip(".")
    parts = lower.split("-")
    return (
        lower in NOT_PERSON_WORDS
        or any(part in NOT_PERSON_WORDS for part in parts)
        or lower in WEEKDAYS
        or (lower.endswith(NOT_PERSON_SUFFIXES) and lower not in GIVEN_NAMES and len(lower) > 5)
    )


def is_acronym(token: Token, run: Sequence[Token], title_cased: set[str]) -> bool:
    """ "DPRK", "UN", "POWs": acronyms. A word in capitals beside other words in capitals ("SAMUEL FREEMAN")
    or written in title case elsewhere ("General GAGE") is a word set in capitals."""
    bare = token.text.rstrip(".")
    if re.fullmatch(r"[A-Z]{2,}s?", bare) is None:
        return False
    if len(bare) <= 2 or not re.search(r"[AEIOUY]", bare):
        return True
    if token.norm in title_cased:
        return False
    return sum(1 for t in run if t.all_caps and len(t.text) > 2) < 2
