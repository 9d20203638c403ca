"""Pure: what the GIFT and CSV importers read out of a teacher's file, before anything touches the bank.

Both importers turn text into the same records: questions still without an id, source or skill of the bank
(the teacher picks defaults on the import form) and problems named by line or row, so the preview can list
every one at once and an import never saves half a file.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_IMPORT_BYTES = 1_000_000
# Far above a real import (a Moodle course's question bank holds a few hundred), so the preview of the
# largest file accepted checks every question in a few seconds.
MAX_IMPORT_QUESTIONS = 2_000


class ImportUnreadable(ValueError):
    """The file cannot be read at all (too large, not UTF-8); the message says what to do."""


class TooManyQuestions(ImportUnreadable):
    """The file holds more questions than one import may; raised as soon as the count is passed."""

    def __init__(self, limit: int = MAX_IMPORT_QUESTIONS):
        super().__init__(
            f"The file holds more than {limit:,} questions; an import may hold at most {limit:,}. "
            "Split it into smaller files and import them one after another."
        )


def count_item(count: int, limit: int = MAX_IMPORT_QUESTIONS) -> int:
    """``count + 1``, the number of questions (or rows that try to be one) read so far; past the limit,
    ``TooManyQuestions``, so a huge file costs no more than the limit's worth of work."""
    if count >= limit:
        raise TooManyQuestions(limit)
    return count + 1


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong in the file: ``where`` is "line 12" or "row 3, column 'quote'"."""

    where: str
    message: str
    blocking: bool = True  # False: the item is left out on purpose (an unsupported GIFT type) and said so

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ImportedQuestion:
    """A question as the file has it; fields the file may leave out are empty."""

    where: str  # "line 12" (GIFT) or "row 3" (CSV)
    type: str
    prompt: str
    answer: str | bool
    explanation: str = ""
    choices: tuple[str, ...] | None = None
    accepted_answers: tuple[str, ...] = ()
    wanted_id: str = ""  # a CSV id or a GIFT title, made into an id if free
    source: str = ""
    quote: str = ""
    claim_pair: str = ""
    section: str = ""
    skill: str = ""
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # things changed on the way in, told to the teacher


@dataclass
class ParsedImport:
    questions: list[ImportedQuestion] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def decode_upload(data: bytes, limit: int = MAX_IMPORT_BYTES) -> str:
    """The file's text: at most ``limit`` bytes of UTF-8 (a byte-order mark dropped), else a clear refusal."""
    if len(data) > limit:
        raise ImportUnreadable(
            f"The file is {len(data):,} bytes; an import may be at most {limit:,} bytes "
            f"({limit / 1_000_000:g} MB). Split it into smaller files."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportUnreadable(
            f"The file is not UTF-8 text (byte {error.start} cannot be read). "
            "Save it as UTF-8 (in a spreadsheet: “CSV UTF-8”) and upload it again."
        ) from None
    if "\x00" in text:
        raise ImportUnreadable("The file holds binary data, not text. Upload a .gift, .txt or .csv file.")
    return text


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
ID_MAX = 80


def slug(text: str, words: int = 8) -> str:
    """A lowercase ascii id from a title or a prompt's first words: 'Stalin's toast' -> 'stalin-s-toast'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    parts = [part for part in _NOT_SLUG.split(ascii_text) if part][:words]
    return "-".join(parts)[:ID_MAX].strip("-")


def free_id(wanted: str, taken: set[str], tried: dict[str, int] | None = None) -> str:
    """``wanted`` itself if no question has it, else the first free ``wanted-2``, ``wanted-3`` …

    ``tried`` remembers, across calls that only add to ``taken``, the last number found taken for each
    id, so a file of many questions wanting the same id costs linear time, not quadratic."""
    if wanted not in taken:
        return wanted
    number = (tried or {}).get(wanted, 1) + 1
    while f"{wanted}-{number}" in taken:
        number += 1
    if tried is not None:
        tried[wanted] = number
    return f"{wanted}-{number}"
