"""Read a text's head: its title, subtitle and author (or issuing body) from its first lines.

A teacher who uploads a file should not have to type what the file already says, and a draft bank should
say "According to Weathersby" rather than "According to Text B". Only the first few lines are read, and
only lines that look like a title page: a name line must be made of words the text never uses in lower
case, so a heading such as "Historical Background" is not taken for an author. Pure and stdlib-only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEAD_LINES = 6  # a title page rarely has more lines before the text starts
_MAX_HEAD_WORDS = 45  # an old title page's title runs to a few dozen words
_NAME_WORDS = (2, 5)

_BY_LINE = re.compile(
    r"^(?:(?:written|compiled|edited|translated)\s+)?by\s+(?P<who>.+?)[.,;]?$|^author:\s*(?P<named>.+?)[.]?$",
    re.IGNORECASE,
)
_ISSUER = re.compile(
    r"\b(?:by\s+order\s+of|issued\s+by|published\s+by)\s+(?:the\s+)?(?P<who>[A-Z][^.,;:]*?)\s*(?:[.,;:]|$)",
    re.IGNORECASE,
)
_BODY_WORDS = frozenset(
    {
        "agency",
        "association",
        "bureau",
        "college",
        "commission",
        "committee",
        "congress",
        "council",
        "department",
        "embassy",
        "government",
        "house",
        "institute",
        "ministry",
        "office",
        "party",
        "press",
        "society",
        "university",
        "academy",
    }
)
_NAME_TOKEN = re.compile(r"(?:[A-Z]\.)+|[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)*|[A-Z][A-Z'’-]+")
_NAME_JOINERS = frozenset({"and", "&", "de", "van", "von", "der", "la", "le", "di", "da", "bin", "ibn"})
_SMALL_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    }
)
_CAPS_WORD = re.compile(r"[A-Z][A-Z'’-]{2,}")
# "SPECIAL REPORT OF THE MASSACRE, BY J. H. CARLETON, BREVET MAJOR, …": the name runs to the next comma.
_TITLE_BY = re.compile(r"^(?P<title>.+?),\s+by\s+(?P<who>[^,]+?)\.?(?:,\s*(?P<rank>.*))?$", re.IGNORECASE)
# A first line that names a part of the book, not the book: its title comes further down.
_SECTION_WORD = re.compile(
    r"^(?:introduction|introductory|preface|foreword|prologue|prefatory note|introductory note|"
    r"advertisement|to the reader|dedication|contents|table of contents)[.:]?$",
    re.IGNORECASE,
)
SHORT_TITLE_WORDS = 6  # how many of a long title's words name it in prompts
_LONGEST_SHORT_TITLE = 9  # a name the cut fell inside may run on to here
_ENDS_LIKE_PROSE = re.compile(r"[.!?,;:][”\"’')\]]*$")


@dataclass(frozen=True)
class Head:
    """What the first lines say about the text; ``lines`` are the indexes of the lines used."""

    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    author_is_person: bool = False  # a name ("Kathryn Weathersby") rather than an issuing body
    lines: tuple[int, ...] = ()
    author_line: int | None = None  # the index of a line that only names the author ("By …")
    affiliation: str | None = None  # the author's rank or office after the name ("Brevet Major, US Army")


def read_head(lines: list[str], lower_case_words: set[str], title: str | None = None) -> Head:
    """The head of a text from its first content lines (stripped, whitespace collapsed).

    ``title`` is a title the parser already took from the first line (a heading-like line); otherwise the
    first line is a title only if it reads like a title page (opening with words in capitals).
    ``lower_case_words`` are the words the text uses in lower case: a name line is made of none of them.
    """
    lines = lines[:HEAD_LINES]
    if not lines:
        return Head()
    if _SECTION_WORD.match(title or lines[0]):
        return _after_section_word(lines, lower_case_words)
    used = [0]
    if title is None:
        if not _title_page_line(lines[0]):
            return Head()
        title = lines[0].rstrip(".").strip()
    title, named, rank = _split_by(title, lower_case_words)
    title = plain_case(title)
    subtitle = author = author_line = None
    is_person = False
    end = len(lines)
    for index in range(1, len(lines)):
        line = lines[index]
        if _reads_as_prose(line):
            end = index
            break  # the text itself has begun
        found = _author_line(line, lower_case_words)
        if found is not None:
            author, is_person = found
            used.append(index)
            author_line = index
            break
        if subtitle is None and index == 1 and _subtitle(line, lines[2:3], lower_case_words):
            subtitle = plain_case(line.rstrip(".").strip())
            used.append(index)
    if author is None and named:
        return Head(title, subtitle, named, True, tuple(used), author_line, rank)
    if author is None:
        author = _issuer(lines[:end])
    return Head(title, subtitle, author, is_person, tuple(used), author_line)


def _split_by(title: str, lower_case_words: set[str]) -> tuple[str, str | None, str | None]:
    """(title, author, rank) from a title line that names its author ("REPORT OF THE MASSACRE, BY J. H.
    CARLETON, BREVET MAJOR"): the name runs to the next comma, and the rank after it is not the title's."""
    match = _TITLE_BY.match(title)
    if match is None or not _is_name(match["who"].strip(), lower_case_words):
        return title, None, None  # "…, by a Number of the People" is part of the title, not a signature
    rank = (match["rank"] or "").strip().rstrip(".") or None
    return match["title"].strip(), name_case(match["who"].strip()), rank and plain_case(rank)


def _after_section_word(lines: list[str], lower_case_words: set[str]) -> Head:
    """A text that opens on "INTRODUCTION." names itself further down: its title is the first short line
    in title case that is not a name, and a name in capitals closing the section above signs it."""
    title = author = None
    for index in range(1, len(lines)):
        line = lines[index].rstrip(".").strip()
        signed = line.isupper() and _reads_as_prose(lines[index - 1]) and _is_name(line, lower_case_words)
        if author is None and signed:
            author = name_case(line)
            continue
        if title is None and _title_case(line) and not _is_name(line, lower_case_words):
            title = plain_case(line)
    return Head(title, None, author, author is not None)


def _title_case(line: str) -> bool:
    """A short line of capitalised words (small words aside): "The Mountain Meadows Massacre"."""
    words = line.split()
    return (
        1 <= len(words) <= _LONGEST_SHORT_TITLE
        and not _ENDS_LIKE_PROSE.search(line)
        and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words)
        and words[0][:1].isupper()
    )


def short_name(head: Head) -> str | None:
    """How prompts name the text: an author's surname, an issuing body, else a short title (or None)."""
    if head.author and head.author_is_person:
        names = [part.split()[-1] for part in re.split(r"\s+(?:and|&)\s+", head.author) if part.split()]
        return " and ".join(names[:2]) + (" and others" if len(names) > 2 else "")
    if head.author:
        return head.author if head.author.lower().startswith("the ") else f"the {head.author}"
    if head.title:
        words = head.title.split(":")[0].split()
        kept = words[: _short_title_end(words)]
        if len(kept) == len(words):
            return "“" + " ".join(words) + "”"
        while len(kept) > 1 and kept[-1].lower().strip(",") in _SMALL_WORDS:
            kept.pop()  # "Inquiry into the Fire at the…" reads better as "Inquiry into the Fire…"
        return "“" + " ".join(kept).rstrip(",;:") + "…”"
    return None


def _short_title_end(words: list[str]) -> int:
    """Where a short title stops: after ``SHORT_TITLE_WORDS`` words, or at the end of a name the cut would
    fall inside ("Report of the Mountain Meadow Massacre", not "…the Mountain Meadow…") if it ends soon."""
    end = SHORT_TITLE_WORDS
    if end >= len(words):
        return len(words)

    def named(i: int) -> bool:
        return words[i][:1].isupper() and words[i].lower() not in _SMALL_WORDS

    if not (named(end - 1) and named(end)):
        return end
    run_end = end
    while run_end < len(words) and named(run_end):
        run_end += 1
    return run_end if run_end <= _LONGEST_SHORT_TITLE else end


def names_a_person(author: str) -> bool:
    """Whether an author someone typed ("Thomas Gage", "K. Weathersby (historian)") is a person's name."""
    name = re.split(r"[,(]", author)[0].strip()
    words = [w for w in name.split() if w.lower() not in _NAME_JOINERS]
    return (
        _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1] * 2
        and all(_NAME_TOKEN.fullmatch(w) for w in words)
        and not any(w.lower() in _BODY_WORDS for w in words)
    )


def plain_case(text: str) -> str:
    """Words set in capitals on a title page become ordinary capitalised words; acronyms without vowels
    (DPRK) stay, others cannot be told from words (USSR becomes Ussr): the teacher checks the preview."""
    if len(_CAPS_WORD.findall(text)) < 2:
        return text
    words = text.split(" ")
    for i, word in enumerate(words):
        core = word.strip(",.;:()“”\"'")
        if len(core) < 2 or not core.isupper() or not re.search(r"[AEIOUY]", core):
            continue  # not in capitals, or an acronym such as DPRK
        lowered = "-".join(part[:1] + part[1:].lower() for part in core.split("-"))
        if i > 0 and lowered.lower() in _SMALL_WORDS:
            lowered = lowered.lower()
        words[i] = word.replace(core, lowered)
    return " ".join(words)


def name_case(name: str) -> str:
    """A name set in capitals as a person writes it ("J. H. CARLETON" -> "J. H. Carleton"); unlike a title,
    one word in capitals is enough, and initials stay as they are."""
    if not name.isupper():
        return name
    words = []
    for i, word in enumerate(name.split(" ")):
        if i > 0 and word.lower() in _NAME_JOINERS:
            word = word.lower()  # "M. J. ELLERY AND T. ROWE", "JAN VAN DER BERG"
        elif len(word.strip(".")) > 1:
            word = "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
        words.append(word)
    return " ".join(words)


def starts_with_by(line: str) -> bool:
    """A line starting "by …" continues a title above it rather than the text."""
    return bool(_BY_LINE.match(line.strip()))


def _reads_as_prose(line: str) -> bool:
    """Many words in lower case, and not a title page's line: the text has begun."""
    lower = sum(1 for word in line.split() if word[:1].islower())
    return lower >= 5 and not _title_page_line(line) and not _BY_LINE.match(line)


def _subtitle(line: str, following: list[str], lower_case_words: set[str]) -> bool:
    """The line under the title continues it: set in capitals like it, or followed by the author line."""
    if _title_page_line(line):
        return True
    if _ENDS_LIKE_PROSE.search(line) or len(line.split()) > 20 or not line[:1].isupper():
        return False
    return bool(following) and _author_line(following[0], lower_case_words) is not None


def _title_page_line(line: str) -> bool:
    """A title page's line: opens with words in capitals ("A NARRATIVE, OF THE …") and is not too long."""
    words = line.split()
    if not words or len(words) > _MAX_HEAD_WORDS:
        return False
    opening = [w.strip(",.;:") for w in words[:3]]
    return sum(1 for w in opening if len(w) >= 2 and w.isupper()) >= 2


def _author_line(line: str, lower_case_words: set[str]) -> tuple[str, bool] | None:
    """(who, is a person) for a "By …" line, an "Author:" line or a line that is only a name."""
    text = line.strip()
    issued = _ISSUER.match(text)
    if issued and len(issued.group("who").split()) >= 2:
        return plain_case(issued.group("who").strip()), False
    match = _BY_LINE.match(text)
    if match:
        who = (match.group("who") or match.group("named") or "").strip()
        if who and who[0].isupper() and len(who.split()) <= 10:
            who = name_case(who) if who.isupper() else who
            return who, _is_name(who.split(",")[0], lower_case_words)
        return None
    first = text.split(",")[0].strip()
    if _is_name(first, lower_case_words):
        return (plain_case(first) if first.isupper() else first), True
    if _is_body(text):
        return plain_case(text.rstrip(".")), False
    return None


def _is_name(text: str, lower_case_words: set[str]) -> bool:
    """Two to five capitalised words or initials, none of which the text uses as an ordinary word."""
    words = text.split()
    if not _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1] + 2:
        return False
    name_words = [w for w in words if w.lower() not in _NAME_JOINERS]
    if not _NAME_WORDS[0] <= len(name_words) <= _NAME_WORDS[1] * 2:
        return False
    for word in name_words:
        if not _NAME_TOKEN.fullmatch(word):
            return False
        if word.lower().strip(".") in lower_case_words:
            return False
    return True


def _is_body(text: str) -> bool:
    """A line naming an institution ("Ministry of Foreign Affairs"), with no sentence in it."""
    words = text.rstrip(".").split()
    if not 2 <= len(words) <= 10 or _ENDS_LIKE_PROSE.search(text.rstrip(".")):
        return False
    if not all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words):
        return False
    return any(w.lower().strip(",") in _BODY_WORDS for w in words)


def _issuer(lines: list[str]) -> str | None:
    """An issuing body named on the title page: "by order of the PROVINCIAL CONGRESS", "Issued by …"."""
    for line in lines:
        for match in _ISSUER.finditer(line):
            who = match.group("who").strip()
            if len(who.split()) >= 2:
                return plain_case(who)
    return None
