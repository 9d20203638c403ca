"""Speaker turns in a question-and-answer transcript, for matching gold sentences and finding the testimony.

Two facts about transcripts shape the gold checks:

- A parser may keep or drop the label that opens a turn ("Q.", "A.", "Mr. Smith:", "THE COURT:", the
  number of a printed question, the dash before a printed answer). A gold sentence written with the label
  must still match a parser sentence without it, and the other way round, so sentences are compared by
  ``match_key``: whitespace collapsed, one leading label removed.
- Only the witness's answers are claims. ``witness_answer_flags`` says, for each parser sentence, whether
  it lies in a turn opened by one of the labels the gold file names as the witness's. It reads the turns
  from the file itself, not from the parser, so the answer is the same however the parser splits turns.
"""

import re
from collections.abc import Sequence

from app.sources.parser import collapse_whitespace

_TITLES = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Senator|Capt|Judge|Gen|Col)"
SPEAKER_LABEL = re.compile(
    r"""^(?:
        [QA]\.                                         # Q. / A.
      | \d+\.                                          # a numbered question in printed minutes: "7554."
      | [-–—]                                          # the dash that opens a printed answer
      | """
    + _TITLES
    + r"""\.?\s+[A-Z][A-Z'’-]+\.                        # Senator SMITH. / Mr. GILL.
      | [A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3}\s*:,?     # Mr. Smith: / THE COURT: / The Commissioner:
    )(?=\s|$)""",
    re.VERBOSE,
)


def speaker_label(text: str) -> str:
    """The label that opens ``text`` ("" if none), whitespace collapsed."""
    found = SPEAKER_LABEL.match(collapse_whitespace(text))
    return found.group(0) if found else ""


def match_key(text: str) -> str:
    """How gold and parser sentences are compared: whitespace collapsed, one leading label removed."""
    collapsed = collapse_whitespace(text)
    label = speaker_label(collapsed)
    return collapsed[len(label) :].strip() if label and len(label) < len(collapsed) else collapsed


def _answer_spans(text: str, answer_labels: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The file's text with whitespace collapsed, and the character spans of the witness's turns in it.

    A turn opens at a line that starts with a speaker label and runs over the lines after it until the next
    labelled line or a blank line (headings and page titles stand apart after a blank line).
    """
    wanted = {collapse_whitespace(label).rstrip(":,") for label in answer_labels}
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    position, open_start = 0, None
    for line in text.splitlines():
        words = collapse_whitespace(line)
        label = speaker_label(words)
        if open_start is not None and (not words or label):
            spans.append((open_start, position))
            open_start = None
        if not words:
            continue
        if label and label.rstrip(":,") in wanted:
            open_start = position
        pieces.append(words)
        position += len(words) + 1
    if open_start is not None:
        spans.append((open_start, position))
    return " ".join(pieces), spans


def witness_answer_flags(
    text: str, sentences: Sequence[str], answer_labels: Sequence[str]
) -> tuple[list[bool], list[str]]:
    """For each parser sentence (in order), whether it is part of the witness's answers.

    Returns the flags and the sentences that could not be found in the file in order; those are reported
    by the gold checks rather than silently left unjudged.
    """
    flat, spans = _answer_spans(text, answer_labels)
    flags: list[bool] = []
    lost: list[str] = []
    cursor = 0
    for sentence in sentences:
        start = -1
        for candidate in (collapse_whitespace(sentence), match_key(sentence)):
            start = flat.find(candidate, cursor)
            if start >= 0:
                end = start + len(candidate)
                break
        if start < 0:
            flags.append(False)
            lost.append(sentence)
            continue
        cursor = end
        flags.append(any(start < span_end and end > span_start for span_start, span_end in spans))
    return flags, lost
