"""Pure: whose voice a sentence is in, when it is not simply the source's author speaking.

A pamphlet that prints sworn depositions speaks through its deponents ("I JOHN PARKER, of lawful age, do
testify…"): a question must say "According to John Parker's deposition, printed in …", not give his words
as the pamphlet's own (REVIEW.md criterion 2). A study that reports what someone wrote ("Razuvaev reported
that…") makes a claim resting on that person's words, which an explanation should say. A sentence
addressed to "you" is a quoted document, not the author's claim, and is not asked about at all.
"""

from __future__ import annotations

import re

# "I JOHN PARKER, of lawful age, … do testify and declare", "WE SOLOMON BROWN, JONATHAN LORING, and …"
_DEPOSITION = re.compile(
    r"^(?:THE\s+)?(?P<who>I|WE)\s+(?P<names>.{3,1500}?)\b(?:do\s+)?(?:further\s+)?"
    r"(?:testify|depose|declare|swear|solemnly)",
    re.IGNORECASE | re.DOTALL,
)
_NAME = re.compile(r"\b([A-Z][A-Za-z'’.-]+(?:\s+[A-Z][A-Za-z'’.-]+){1,3})\b")
_DESCRIPTION = re.compile(r",\s+(?!and\b|jun\b|jr\b|sen\b|\d)(?=[a-z])")
_ADDRESSED = re.compile(r"^[“\"‘']?(?:you|your|yours)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"^[“\"‘']?(?:I|we|our|my|us)\b(?!\.)", re.IGNORECASE)

# "Razuvaev reported that", "Suzdalev explained", "as the historian Chen Jian has documented"
_REPORTING_VERBS = (
    "reported|explained|told|wrote|informed|cabled|telegraphed|argued|asserted|stated|declared|said|stressed|"
    "noted|complained|admonished|replied|countered|proposed|suggested|insisted|warned|recalled|claimed|"
    "has documented|has shown|has argued"
)
_RELAYED = re.compile(
    rf"(?:^|[,;][”\"’']?\s+|\b(?i:as)\s+(?:the\s+\w+\s+)?)(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){{0,3}})\s+"
    rf"(?:{_REPORTING_VERBS})\b"
)
_NOT_SPEAKERS = frozenset({"he", "she", "they", "it", "this", "that", "the", "we", "i", "moscow", "beijing"})


def deponents(paragraph: str) -> str:
    """ "John Parker", "Solomon Brown and two others", or "" when the paragraph is no sworn statement."""
    match = _DEPOSITION.match(paragraph.strip())
    if match is None:
        return ""
    # The names come before the first description (", all of lawful age", ", belonging to the …").
    listed = _DESCRIPTION.split(match["names"].replace("\n", " "), maxsplit=1)[0]
    names = [_title_case(name) for name in _NAME.findall(listed)]
    if not names:
        return ""
    if len(names) == 1:
        return names[0] if match["who"].upper() == "I" else f"{names[0]} and others"
    others = len(names) - 1
    return f"{names[0]} and {_count(others)}"


def deposition_voice(deponent: str) -> str:
    """How a prompt names a deponent's words: "John Parker's sworn deposition"."""
    if " and " in deponent:
        return f"the sworn deposition of {deponent}"
    return f"{deponent}{'’' if deponent.endswith('s') else '’s'} sworn deposition"


def addressed(sentence: str) -> bool:
    """ "You in the People's Democracies must…": a quoted document speaking, not the author."""
    return bool(_ADDRESSED.match(sentence))


def first_person(sentence: str) -> bool:
    """ "I immediately ordered…", "We were fired on…": someone's own account, whoever prints it."""
    return bool(_FIRST_PERSON.match(sentence))


# "As the Chinese historian Shen Zhi-hua has shown", "According to Soviet scholars": another scholar's
# reading of the record, which the author adopts.
_SCHOLARSHIP = re.compile(
    r"\b(?P<who>(?:the\s+)?(?:[A-Z][a-z]+\s+)?(?:historians?|scholars?|researchers?)"
    r"(?:\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)?)\s+(?:has|have|had)\s+(?:shown|documented|argued|found|"
    r"demonstrated|noted|suggested)\b"
    r"|^(?:\W*)According to (?P<group>(?:[A-Z][a-z]+\s+)?(?:historians|scholars|researchers))\b"
)


def cited_scholarship(sentence: str) -> str:
    """Whose research a sentence rests on when its author relays another scholar ("the Chinese historian
    Shen Zhi-hua", "Soviet scholars"), else ""."""
    match = _SCHOLARSHIP.search(sentence)
    if match is None:
        return ""
    who = match["who"] or match["group"]
    return who[0].lower() + who[1:] if who.startswith("The ") else who


def relayed_speaker(sentence: str) -> str:
    """The person whose report a sentence relays ("Razuvaev reported that…" -> "Razuvaev"), else ""."""
    for match in _RELAYED.finditer(sentence):
        name = match["name"]
        if name.split()[0].lower() not in _NOT_SPEAKERS:
            return name.removesuffix("’s").removesuffix("'s")
    return ""


def _count(others: int) -> str:
    words = ("one other", "two others", "three others", "four others", "five others")
    return words[others - 1] if others <= len(words) else f"{others} others"


def _title_case(name: str) -> str:
    """ "JOHN PARKER" -> "John Parker"; a name written in mixed case stays as written."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in name.split())
