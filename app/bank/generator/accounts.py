"""Pure: embedded accounts, where a text introduces someone and then gives that person's own words.

A report that says "Her story was as follows:" or "He says:", or prints "From the Leavenworth Times:"
above a quoted paragraph, speaks through that person or paper for the paragraphs after the lead-in: a
question must credit those words to the speaker, never to the author (REVIEW.md criterion 2). When the
lead-in names nobody it can be sure of, the words are not asked about at all, which is safer than a
wrong attribution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby

from app.bank.generator.wordlists import GIVEN_NAMES, TITLES

# A lead-in that ends in a colon, with a verb of saying ("and he said:", "related what follows in very good
# English:") or an account noun ("Her story was as follows:", "This is the evidence of an enemy:") just
# before it. "were said to be:" introduces a list, not a speaker.
_SAYING = (
    r"said|says|related|relates|stated|states|wrote|writes|testified|testifies|declared|declares|told|tells"
)
_ACCOUNT = r"story|account|statement|narrative|testimony|evidence|words|version|quotation|extract"
_COLON_CUE = re.compile(rf"\b(?:(?P<verb>{_SAYING})|{_ACCOUNT})\b(?!\s+to\s+be\b)[^.;:!?]{{0,40}}:$")
# "I here give what he said", "I subjoin below her own account": a lead-in without the colon.
_HERE_GIVE = re.compile(
    r"\b(?:here|below)\s+(?:give|subjoin|append|insert|quote|copy|print)\s+(?:what\s+(?P<said>he|she|they)"
    r"\s+(?:said|told|related|stated|wrote)|(?P<own>his|her|their)\s+(?:own\s+)?(?:story|account|statement|"
    r"words|narrative))\b"
)
# "From the Idaho (Montana) Statesman:" alone on its line: a paper quoted in the paragraph after it.
_FROM_PAPER = re.compile(
    r"^From\s+(?P<paper>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:\([A-Z][\w’'. -]*\)|[A-Z][\w’'.-]*|of|and|&))*):$"
)
# "This is all I know about it.", "These are all the facts within my knowledge…": the speaker has done.
_CLOSING = re.compile(
    r"\b(?:this|that|these|those)\s+(?:is|are)\s+all\b[^.]{0,40}\b(?:I|we)\s+know\b"
    r"|\ball\s+the\s+facts\s+within\s+(?:my|our)\s+knowledge\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"^[“\"]")
_FIRST_PERSON = re.compile(r"\bI\b|\b(?i:we|my|our|me)\b")
_FIRST_PERSON_SUBJECT = re.compile(r"^(?:I|We)\b")
_PRONOUN_OPENING = re.compile(r"^(?:He|She|His|Her|They|Their)\b")
_WIFE = re.compile(r"\b[Hh]is\s+(?:[a-z]+\s+)?wife\b")
_MALE = frozenset({"he", "his", "him"})
_FEMALE = frozenset({"she", "her"})
_FEMALE_TITLES = frozenset({"Mrs", "Miss", "Ms", "Madame", "Lady", "Dame", "Queen", "Princess", "Empress"})

# A person a lead-in names: a titled name ("Mr. Jacob Hamblin", "Judge Cradlebaugh"), a name after
# "called" or "named" ("a boy called Albert Hamblin"), or a given name with a surname ("John D. Lee").
_WORD = r"[A-Z][\w’'-]*"
_TITLE = "|".join(sorted(TITLES, key=len, reverse=True))
_GIVEN = "|".join(sorted((name.capitalize() for name in GIVEN_NAMES), key=len, reverse=True))
_PERSON = re.compile(
    rf"\b(?:(?P<title>{_TITLE})\.?\s+(?P<titled>(?:[A-Z]\.\s+)*{_WORD}(?:\s+(?:[A-Z]\.\s+)*{_WORD})?)"
    rf"|(?:called|named)\s+(?P<named>{_WORD}(?:\s+{_WORD})?)"
    rf"|(?P<given>(?:{_GIVEN})\s+(?:[A-Z]\.\s+)*{_WORD}))\b"
)
MAX_ACCOUNT = 20  # paragraphs an account may run to its closing formula; past that it is not one
# What the author makes of an account just given: "His story is artfully made up", "gave what he really
# believed was a true account". Looked for in the author's own paragraphs right after the account.
_JUDGED_ACCOUNT = re.compile(rf"\b(?:{_ACCOUNT})\b", re.IGNORECASE)
_JUDGEMENT = re.compile(
    r"\b(?:made up|false(?:hood)?|untrue|not true|can ?not be true|absurd|improbable|unlikely|invented|"
    r"fabricated|trained|needs proof|true|truthful|reliable|credible|trustworthy|confirmed|corroborated|"
    r"good faith|doubtful)\b",
    re.IGNORECASE,
)
VERDICT_REACH = 2  # the author's paragraphs after an account in which a verdict on it is looked for


def account_voices(paragraphs: Sequence[Sequence[str]]) -> list[str | None]:
    """For each paragraph (as its sentences), whose embedded account it is: "" for the author's own words,
    the speaker ("Jacob Hamblin", "the Leavenworth Times"), or None for words a lead-in gives to someone it
    does not name."""
    voices: list[str | None] = [""] * len(paragraphs)
    index = 0
    while index < len(paragraphs):
        lead_in = _lead_in(paragraphs[index])
        span = _account_span(paragraphs, index + 1, lead_in) if lead_in is not False else range(0)
        for inside in span:
            voices[inside] = lead_in or None
        index = span.stop if span else index + 1
    return voices


def _lead_in(sentences: Sequence[str]) -> str | bool | None:
    """The speaker a paragraph hands over to, None when it names none, False when it is no lead-in.

    A colon with no saying in it ("…page 67:", "…the same revelation:") still hands over when quoted
    paragraphs follow (see `_account_span`), but to no one it names."""
    text = " ".join(sentences).strip()
    if not sentences or not text:
        return False
    if paper := _FROM_PAPER.match(text):
        return paper["paper"]
    for position, sentence in enumerate(sentences):
        here = _HERE_GIVE.search(sentence)
        if here:
            return _speaker(sentences[:position], sentence[: here.start()], here["said"] or here["own"])
    last = sentences[-1].strip()
    cue = _COLON_CUE.search(last)
    if cue is None:
        return None if last.endswith(":") else False
    before = last[: cue.start()]
    if cue["verb"] and _FIRST_PERSON_SUBJECT.match(last) and not re.search(r"\b(?:he|she|they)\b", before):
        return None  # "I told them:": the author's own words, or words the author cannot pin on anyone
    words = last.split()
    pronoun = words[0].lower() if words[0].lower() in _MALE | _FEMALE else ""
    pronoun = pronoun or next((w for w in re.findall(r"\b(?:he|she|his|her)\b", before)), "")
    return _speaker(sentences[:-1], before, pronoun)


def _speaker(earlier: Sequence[str], cue_sentence: str, pronoun: str) -> str | None:
    """Who speaks: the person the lead-in's sentence opens with ("Mr. McGrorty thought …, and he said:"),
    else the first person who fits the pronoun in the nearest sentence that names one. A sentence opening
    "He …" points back past its own names ("He was sent by Mr. Hamblin … and related what follows:" is
    the boy the sentence before named); a "she" needs a woman's title, since a surname could be her
    husband's."""
    opening = _PERSON.match(cue_sentence.strip())
    if opening and _fits(opening, pronoun):
        return _name(opening)
    own = [] if _PRONOUN_OPENING.match(cue_sentence.strip()) else [cue_sentence]
    for sentence in [*own, *reversed(earlier)]:
        for match in _PERSON.finditer(sentence):
            if _fits(match, pronoun):
                return _name(match)
    return _wife_of([*earlier, *own]) if pronoun in _FEMALE else None


def _wife_of(sentences: Sequence[str]) -> str | None:
    """ "Mr. Hamblin … His eldest wife came to my camp … Her story was as follows:" -> "Mrs. Hamblin": the
    wife is named by the husband the nearest sentence naming a man points to, else by no one."""
    for index in range(len(sentences) - 1, -1, -1):
        wife = _WIFE.search(sentences[index])
        if wife is None:
            continue
        for sentence in [sentences[index][: wife.start()], *reversed(sentences[:index])]:
            husband = next((m for m in _PERSON.finditer(sentence) if _fits(m, "he")), None)
            if husband is not None:
                return f"Mrs. {_name(husband).split()[-1]}"
        return None
    return None


def _fits(person: re.Match[str], pronoun: str) -> bool:
    female = TITLES.get(person["title"] or "") in _FEMALE_TITLES
    return female if pronoun in _FEMALE else not (pronoun in _MALE and female)


def _name(person: re.Match[str]) -> str:
    """ "Mr. Jacob Hamblin" -> "Jacob Hamblin"; "Mr. Bishop" and "Mrs. Hamblin" keep the title that makes
    them a name."""
    if person["title"] is None:
        name = person["named"] or person["given"]
    elif person["title"] in ("Mr", "Mister") and len(person["titled"].split()) > 1:
        name = person["titled"]
    else:
        name = person.group(0)
    return name.removesuffix("’s").removesuffix("'s")


def _account_span(paragraphs: Sequence[Sequence[str]], start: int, speaker: str | None) -> range:
    """The paragraphs after a lead-in that are the speaker's: those wholly in quotation marks; or, in the
    speaker's first person, the run up to a closing formula ("This is all I know about it."), or just the
    first when none comes before the author plainly takes over again (a new lead-in, the speaker named)."""
    if start >= len(paragraphs):
        return range(0)
    texts = [" ".join(p).strip() for p in paragraphs]
    if _QUOTED.match(texts[start]):
        stop = start
        while stop < len(texts) and _QUOTED.match(texts[stop]):
            stop += 1
        return range(start, stop)
    if (
        speaker is None
        and not _HERE_GIVE.search(texts[start - 1])
        and _COLON_CUE.search(texts[start - 1]) is None
    ):
        return range(0)  # a colon before a list or an explanation: no one speaks
    if not _FIRST_PERSON.search(texts[start]):
        return range(0)
    for stop in range(start, min(len(texts), start + MAX_ACCOUNT)):
        if stop > start and (_lead_in(paragraphs[stop]) is not False or (speaker and speaker in texts[stop])):
            break
        if _CLOSING.search(texts[stop]):
            return range(start, stop + 1)
    return range(start, start + 1)


def author_verdicts(paragraphs: Sequence[Sequence[str]], voices: Sequence[str | None]) -> list[str]:
    """For each paragraph of a named account, the author's verdict on it ("His story is artfully made up;
    evidently part truth and part falsehood."), found in the author's paragraphs right after the account;
    "" where there is none. An explanation quotes it: whether the author vouches for the witness he
    quotes is the first thing to ask of the witness's words."""
    verdicts: list[str] = []
    for speaker, run in groupby(voices):  # an account is a run of paragraphs in one speaker's voice
        start = len(verdicts)
        end = start + len(list(run))
        after = slice(end, end + VERDICT_REACH)
        verdict = _verdict_after(paragraphs[after], voices[after]) if speaker else ""
        verdicts += [verdict] * (end - start)
    return verdicts


def _verdict_after(paragraphs: Sequence[Sequence[str]], voices: Sequence[str | None]) -> str:
    for sentences, voice in zip(paragraphs, voices, strict=True):
        if voice != "":
            break  # another account begins
        for sentence in sentences:
            if _JUDGED_ACCOUNT.search(sentence) and _JUDGEMENT.search(sentence):
                return sentence
    return ""
