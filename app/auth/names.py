"""The rules for a person's or a class's name, as plain functions on strings: no web framework, no database.

A name is stored in its NFKC form with its spaces collapsed (``normalise``), so a fullwidth "Ａｎａ" is
stored, shown and looked up as "Ana". A name with a control, format (zero-width, bidi override), private-use
or unassigned character, or with no letter or digit at all, is refused (``problem``). Two names that would
look the same on a class list have the same ``skeleton``: the callers refuse a new one that looks like a
name already in the class (or, for class names, like another class of the same teacher).

The skeleton is a small stand-in for the confusable skeleton of Unicode TR39: NFKC, a table of the Cyrillic
and Greek letters (and the digits one and zero) that are drawn like Latin ones, then casefolding;
``confusable`` also compares the names with their case kept, where a capital I is a small l. It is
deliberately coarse: a false match only asks someone to add an initial.
"""

import unicodedata

# Refused wherever they appear: controls (NUL among them), format characters (zero-width space, joiner and
# non-joiner, the bidi embeddings, overrides and isolates, the byte order mark, soft hyphen), surrogates,
# private use, unassigned code points, and the line and paragraph separators.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

# A tab or a line break typed or pasted into a name is only spacing: ``normalise`` turns it into one space.
SPACING_CONTROLS = frozenset("\t\n\r")

# Characters that draw nothing but are letters, marks or symbols to Unicode, so the categories miss them:
# the combining grapheme joiner, the Hangul fillers, the Khmer inherent vowels, the Mongolian variation
# selectors and vowel separator, the variation selectors, and the blank Braille pattern.
INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)

# Letters of other scripts drawn like Latin letters, upper and lower case, and the Latin look-alikes among
# themselves (capital I, digit one and lower-case l; digit zero and O). Applied before and after casefolding.
_LOOKALIKES = {
    # Cyrillic capitals
    "А": "a", "В": "b", "Е": "e", "Ѕ": "s", "І": "l", "Ј": "j", "К": "k", "М": "m", "Н": "h", "О": "o",
    "Р": "p", "С": "c", "Т": "t", "У": "y", "Х": "x", "Ԛ": "q", "Ԝ": "w", "Ү": "y", "Ӏ": "l",
    # Cyrillic small letters
    "а": "a", "в": "b", "е": "e", "ѕ": "s", "і": "i", "ј": "j", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ԛ": "q", "ԝ": "w", "ү": "y", "ӏ": "l", "һ": "h",
    "ԁ": "d", "ɡ": "g",
    # Greek capitals
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "l", "Κ": "k", "Μ": "m", "Ν": "n", "Ο": "o",
    "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    # Greek small letters
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    # Latin look-alikes
    "1": "l", "|": "l", "0": "o",
}  # fmt: skip
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
# Capital I is drawn like a small l, but casefolding makes it an i: only the case-kept comparison sees it.
_CASE_KEPT_TABLE = str.maketrans(_LOOKALIKES | {"I": "l"})


def normalise(name: str) -> str:
    """NFKC, spaces trimmed and collapsed: the form a name is stored, shown and compared in."""
    return " ".join(unicodedata.normalize("NFKC", name).split())


def problem(name: str, noun: str = "name") -> str | None:
    """Why ``name`` cannot be a name, as a sentence to show the person who typed it; None if it can.

    ``noun`` names the thing in the sentence ("name", "class name"). Length is the caller's rule.
    """
    for char in name + normalise(name):
        if char in SPACING_CONTROLS:
            continue
        if char == "\x00":
            return f"The {noun} contains a NUL character. Type it again without it."
        if _draws_nothing(char):
            return (
                f"The {noun} contains an invisible or control character ({_code_point(char)}). "
                "Type it again without it."
            )
    if not any(unicodedata.category(char)[0] in "LN" for char in normalise(name)):
        return f"The {noun} needs at least one letter or digit."
    return None


def skeleton(name: str) -> str:
    """What ``name`` looks like, whatever its case, for comparison only: equal skeletons are names a reader
    could mistake ("Аna" in Cyrillic and "ana", "ＨＩＳＴＯＲＹ" and "History"). Never stored or shown.

    Invisible characters (in names stored before these rules) are dropped.
    """
    text = _visible_decomposed(name).translate(_LOOKALIKE_TABLE).casefold().translate(_LOOKALIKE_TABLE)
    return " ".join(unicodedata.normalize("NFC", text).split())


def confusable(name: str, other: str) -> bool:
    """Whether a reader could take one name for the other: the same skeleton, or the same shape with case
    kept, where a capital I is a small l ("Ian" and "lan")."""
    return skeleton(name) == skeleton(other) or _case_kept_skeleton(name) == _case_kept_skeleton(other)


def _case_kept_skeleton(name: str) -> str:
    text = _visible_decomposed(name).translate(_CASE_KEPT_TABLE)
    return " ".join(unicodedata.normalize("NFC", text).split())


def _visible_decomposed(name: str) -> str:
    text = unicodedata.normalize("NFD", normalise(name))
    return "".join(char for char in text if not _draws_nothing(char))


def _draws_nothing(char: str) -> bool:
    return unicodedata.category(char) in REFUSED_CATEGORIES or char in INVISIBLE


def _code_point(char: str) -> str:
    label = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {label}" if label else f"U+{ord(char):04X}"
