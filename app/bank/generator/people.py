"""Pure: the people two texts name (the people index), and the names in a sentence that are answers.

The index is built once from both texts, so a sentence's "Zhou" reads as "Zhou Enlai", "Captain Parker"
as John Parker rather than Jonas, and "Moscow" as a place; `person_candidates` then offers only names the
index knows (or a titled name it never saw).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.bank.generator.candidates import Candidate, Span, blocked, candidate
from app.bank.generator.name_runs import (
    Run,
    Token,
    capitalised_runs,
    is_acronym,
    is_initial_text,
    is_thing_word,
    name_shape,
    normal_word,
    title_of,
    tokenize,
    verb_follows,
)
from app.bank.generator.wordlists import GIVEN_NAMES, LOCATIVES, SURNAME_FIRST


@dataclass(frozen=True)
class PeopleIndex:
    """The people two texts name, so a sentence's "Zhou" reads as "Zhou Enlai" and a place is not a person."""

    # Canonical names, the fullest form the texts use ("Zhou Enlai", "Stalin"); a surname that only a title
    # tells apart keeps the title ("Colonel Smith" beside John Smith and Timothy Smith).
    full_names: frozenset[str]
    # Unambiguous short forms -> full name ("Zhou" -> "Zhou Enlai"; "Captain Parker" -> "John Parker").
    by_short: dict[str, str]
    # Every capitalised run the index weighed, so find_spans does not second-guess its verdicts.
    seen: frozenset[str] = frozenset()

    def canonical(self, name: str) -> str | None:
        """The canonical full name for any written form ("ZHOU ENLAI", "Kim Il Sung’s", "Capt. Parker")."""
        words = [normal_word(w) for w in re.findall(r"[^\W\d_][\w’'.-]*", name)]
        words = [w[:-2] if w.endswith(("’s", "'s")) and len(w) > 3 else w for w in words]
        title = None
        while words and title_of(words[0]) is not None:
            title = title_of(words[0])
            words = words[1:]
        key = " ".join(w.rstrip(".") if not is_initial_text(w) else w for w in words)
        if not key:
            return None
        if title and f"{title} {key}" in self.by_short:
            return self.by_short[f"{title} {key}"]
        if title and f"{title} {key}" in self.full_names:
            return f"{title} {key}"
        if key in self.full_names:
            return key
        return self.by_short.get(key)


@dataclass
class _Evidence:
    """What the texts say about one capitalised run, summed over every place it stands."""

    cues: float = 0.0  # title, verb of speech, "who", role word, "I JOHN PARKER"
    places: float = 0.0  # "in Moscow", "at Concord"
    titles: Counter[str] = field(default_factory=Counter)
    shape: str = ""
    tokens: tuple[str, ...] = ()
    neighbours: set[str] = field(default_factory=set)  # names listed beside it ("X, Y and Z")


def build_people_index(texts: Sequence[str]) -> PeopleIndex:
    """Find the people named in the texts, from cues in the texts themselves.

    Pass the parser's passages of both sources (`[p.text for p in parsed.passages]`); sentences work too,
    but a sentence split after an initial ("Ia. | Malik") cuts the name. Not the raw files: footnote
    bodies name archivists and authors, and "I. V. Stalin" in a citation would make the text's "Stalin" a
    short form of it.

    A capitalised run is a person when something around it says so (a title, a verb of speech, "who",
    a role word such as "historian"), when its words look like a name (a common given name first, a
    family name written first, an initial), or when it stands in a list beside other people. Runs that
    hold a place or organisation word, follow "the", or are mostly used as places ("in Moscow") are not.
    """
    runs_by_sentence: list[tuple[list[Run], list[Token | str]]] = []
    lower_words: set[str] = set()
    title_cased: set[str] = set()
    for text in texts:
        for chunk in _paragraphs_of(text):
            items = tokenize(chunk)
            for item in items:
                if isinstance(item, Token):
                    if not item.cap:
                        lower_words.add(item.lower)
                    elif not item.all_caps and not item.sentence_start:
                        title_cased.add(item.norm)
            runs_by_sentence.append((capitalised_runs(items, chunk), items))

    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    seen: set[str] = set()
    for runs, items in runs_by_sentence:
        keys_in_order: list[tuple[Run, str]] = []
        for run in runs:
            key = run.key
            seen.add(key)
            if run.articled or _unusable(run, title_cased):
                continue
            info = evidence[key]
            info.tokens = tuple(t.norm for t in run.tokens)
            info.shape = info.shape or name_shape(run.tokens)
            if run.title:
                info.titles[run.title] += 1
                info.cues += 1
            if run.role or run.first_person or verb_follows(run):
                info.cues += 1
            before = run.before_run
            if isinstance(before, Token) and before.lower in LOCATIVES and not run.title:
                info.places += LOCATIVES[before.lower]
            keys_in_order.append((run, key))
        for (left, left_key), (right, right_key) in itertools.pairwise(keys_in_order):
            if _listed_together(items, left, right):
                evidence[left_key].neighbours.add(right_key)
                evidence[right_key].neighbours.add(left_key)

    people = _decide_people(evidence, lower_words)
    return _index_from(people, evidence, lower_words, seen)


def _paragraphs_of(text: str) -> Iterable[str]:
    """Texts may be passages, sentences or whole texts; a blank line always ends a name."""
    yield from (part for part in re.split(r"\n\s*\n", text) if part.strip())


def _unusable(run: Run, title_cased: set[str]) -> bool:
    """A run that cannot be a person whatever the evidence: part of a compound, a thing, an acronym."""
    before = run.before_run
    if isinstance(before, Token) and before.glued and before.end + 1 == run.start:
        return True  # "an anti-Kim Il Sung provocation"
    if any(is_thing_word(t) for t in run.tokens):
        return True
    if any(is_acronym(t, run.tokens, title_cased) for t in run.tokens) and not (
        run.title and len(run.tokens) == 1
    ):
        return True
    if all(t.lower in GIVEN_NAMES for t in run.tokens) and len(run.tokens) == 1:
        return True  # "THOMAS and DANIEL HARRINGTON": a bare given name says nothing on its own
    nxt = run.after[0] if run.after else None
    return isinstance(nxt, str) and nxt == "-"  # "Soviet-Korean", "Chinese-Korean"


def _listed_together(items: list[Token | str], left: Run, right: Run) -> bool:
    """ "JOHN CHANDLER, jun. RUEBEN LOCK", "Kim Il Sung and Peng Dehuai", "Stalin and Mao"."""
    between = items[left.end_index + 1 : right.index]
    if right.title or not between or len(between) > 4 or verb_follows(right):
        return False  # "wrote Das Kapital, and Engels replied": clauses joined, not names listed
    words = [x.lower if isinstance(x, Token) else x for x in between]
    allowed = {",", "and", "&", "jun", "sen", "jr", "sr", ".", "3d", "2d", "esq"}
    return all(w in allowed for w in words) and any(w in {",", "and", "&"} for w in words)


def _decide_people(evidence: dict[str, _Evidence], lower_words: set[str]) -> set[str]:
    """The runs that are people: by their own cues and shape first, then by the company they keep."""

    def common(word: str) -> bool:
        return word.lower() in lower_words and word.lower() not in GIVEN_NAMES

    people: set[str] = set()
    for key, info in evidence.items():
        words = info.tokens
        if info.places >= max(info.cues, 0.5) and info.places > 0:
            continue  # mostly used as a place: "in Moscow", "at Lexington"
        if len(words) == 1:
            if info.cues >= 1 and not common(words[0]) and not info.shape and not words[0].endswith("."):
                people.add(key)
            continue
        looks_like_a_name = info.shape in {"given", "initial"}
        if looks_like_a_name or (
            (info.shape == "surname-first" or info.cues >= 1) and not any(map(common, words))
        ):
            people.add(key)
    # A name listed beside people is a person ("RUEBEN LOCK" among the deponents), and so is a name whose
    # family name speaks alone elsewhere ("Karl Marx" where "Marx later wrote"), if nothing says otherwise.
    changed = True
    while changed:
        changed = False
        for key, info in evidence.items():
            if key in people or len(info.tokens) < 2 or len(info.tokens) > 3:
                continue
            if info.places or any(map(common, info.tokens)):
                continue
            if info.neighbours & people or {info.tokens[0], info.tokens[-1]} & people:
                people.add(key)
                changed = True
    # "Elijah Sanderson Middlesex": a known name with a stray word after it is that name.
    for key in list(people):
        words = key.split()
        for cut in range(len(words) - 1, 1, -1):
            if " ".join(words[:cut]) in people:
                people.discard(key)
                break
    return people


def _index_from(
    people: set[str], evidence: dict[str, _Evidence], lower_words: set[str], seen: set[str]
) -> PeopleIndex:
    """Full names, and the short forms that can mean only one of them."""
    multi = sorted(p for p in people if len(p.split()) > 1)
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_titled: dict[str, set[str]] = defaultdict(set)
    for name in multi:
        words = name.split()
        # The family name by convention, and whichever end of the name the texts use alone ("Mao replied").
        shorts = {_surname(name)} | {
            w for w in (words[0], words[-1]) if w in evidence and w.lower() not in GIVEN_NAMES
        }
        for surname in shorts:
            if not re.fullmatch(r"[A-Z][a-z]?\.", surname):
                by_surname[surname].add(name)
            for title in evidence[name].titles:
                by_titled[f"{title} {surname}"].add(name)
    by_short: dict[str, str] = {}
    for surname, names in by_surname.items():
        if len(names) == 1 and surname.lower() not in lower_words and surname.lower() not in GIVEN_NAMES:
            by_short[surname] = next(iter(names))
    for titled, names in by_titled.items():
        if len(names) == 1:
            by_short[titled] = next(iter(names))
    full_names = set(multi)
    for name in people - set(multi):
        if name in by_short:
            continue  # "Mao" alone is Mao Zedong
        if name in by_surname:
            # "Smith" beside John Smith and Timothy Smith: only a title can tell them apart.
            for title in evidence[name].titles:
                titled = f"{title} {name}"
                if titled not in by_short:
                    full_names.add(titled)
            continue
        full_names.add(name)
    return PeopleIndex(frozenset(full_names), by_short, frozenset(seen))


def _surname(name: str) -> str:
    """ "Zhou" of "Zhou Enlai", "Parker" of "John Parker": the family name, wherever the name puts it."""
    words = name.split()
    if len(words) >= 2 and words[0].lower() in SURNAME_FIRST and len(words) <= 3:
        return words[0]
    return words[-1]


# Person spans -------------------------------------------------------------------------------------


def person_candidates(sentence: str, people: PeopleIndex) -> list[Candidate]:
    """The names in a sentence the index knows, by their canonical names; a name inside a compound blocks."""
    items = tokenize(sentence)
    title_cased = {t.norm for t in items if isinstance(t, Token) and t.cap and not t.all_caps}
    out: list[Candidate] = []
    for run in capitalised_runs(items, sentence):
        before = run.before_run
        if isinstance(before, Token) and before.glued and before.end + 1 == run.start:
            out.append(blocked(run.start, run.end))
            continue
        if run.articled or any(is_thing_word(t) for t in run.tokens):
            continue
        out.extend(_match_known(sentence, run, people, title_cased))
    return out


def _match_known(sentence: str, run: Run, people: PeopleIndex, title_cased: set[str]) -> list[Candidate]:
    """Cover the run with known names, left to right, longest first; a stray word may only trail."""
    tokens = run.tokens
    found: list[Candidate] = []
    i = 0
    while i < len(tokens):
        match = None
        for j in range(len(tokens), i, -1):
            key = " ".join(t.norm for t in tokens[i:j])
            value = None
            if i == 0 and run.title:
                value = people.by_short.get(f"{run.title} {key}")
                if value is None and f"{run.title} {key}" in people.full_names:
                    value = f"{run.title} {key}"
            if value is None:
                value = key if key in people.full_names else people.by_short.get(key)
            unseen = i == 0 and j == len(tokens) and run.title and key not in people.seen
            if value is None and unseen and not any(is_acronym(t, tokens, title_cased) for t in tokens):
                value = key  # a titled name the index never saw: "General Smith" in a new sentence
            if value is not None:
                match = (j, value, key)
                break
        if match is None:
            last = found[-1].span if found else None
            if last is None or last.granularity != "full" or " " not in last.text.strip():
                return []
            break  # "Elijah Sanderson Middlesex": keep the full name, leave the stray word
        j, value, key = match
        start, end = tokens[i].start, tokens[j - 1].end
        text = sentence[start:end]
        granularity = "full" if key == value else "surname"
        span = Span("person", text, start, end, value, granularity, "name", _role_of(run) if i == 0 else "")
        found.append(candidate(span, 5))
        i = j
    return found


def _role_of(run: Run) -> str:
    """The title or role written before a name ("captain", "historian"), so distractors can share it."""
    if run.title:
        return run.title.lower()
    before = run.before_run
    if run.role and isinstance(before, Token):
        return before.lower
    return ""
