"""Find inline Word-export markup in a plain-text source: footnote markers, footnote bodies, bookmarks.

Word's plain-text export puts `[footnoteRef:N]` where a note is cited and the note itself inline as
`[N: citation]`, often gathered at the end of the paragraph. Bodies hold their own brackets
(`[hereafter APRF]`), may run over a line break, and sometimes lose their closing bracket. Everything
here works on offsets into the original text, so the caller can blank markup out without moving text.
Stdlib only; nothing here raises on bad markup, it is reported instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

# What a teacher is told before saving a file: the only note styles read as footnotes. Anything else (a
# superscript digit, "[1]", "*" or "†" at the foot) stays in the text as it is.
FOOTNOTE_STYLES = (
    ("[footnoteRef:1]", "where a note is cited (Word's plain-text export)"),
    ("[1: the note's text]", "the note itself, anywhere after the citation, even over a line break"),
    ("[bookmark: name]", "a Word bookmark: dropped from the text"),
)
_OPENING = re.compile(r"\[(?:footnoteRef:(?P<ref>\d+)\]|(?P<body>\d+):\s|(?P<word>[A-Za-z][\w-]*):\s)")
_BRACKET_OR_BREAK = re.compile(r"[\[\]\r\n]")


@dataclass(frozen=True)
class RawFootnote:
    number: int
    start: int
    end: int
    closed: bool
    text: str


@dataclass(frozen=True)
class RawMarker:
    number: int
    start: int
    end: int


@dataclass(frozen=True)
class RawMarkup:
    word: str  # "bookmark" or an unknown tag
    start: int
    end: int


@dataclass(frozen=True)
class MarkupScan:
    markers: tuple[RawMarker, ...]
    bodies: tuple[RawFootnote, ...]  # in text order, duplicates included
    dropped: tuple[RawMarkup, ...]  # removed from the text (bookmarks)
    unknown: tuple[RawMarkup, ...]  # reported but left in the text

    def masked_spans(self) -> list[tuple[int, int]]:
        """Spans to blank out so that passage text reads cleanly."""
        items = [*self.markers, *self.bodies, *self.dropped]
        return sorted((item.start, item.end) for item in items)


def scan_markup(text: str, stop_lines: Collection[int]) -> MarkupScan:
    """Find all markup; a bracket left open is closed before any line starting at an offset in stop_lines.

    stop_lines holds the start offsets of headings and paragraph-breaking blank lines: an unclosed
    footnote must not swallow the next section.
    """
    markers: list[RawMarker] = []
    bodies: list[RawFootnote] = []
    dropped: list[RawMarkup] = []
    unknown: list[RawMarkup] = []
    pos = 0
    while match := _OPENING.search(text, pos):
        start = match.start()
        if match["ref"] is not None:
            markers.append(RawMarker(int(match["ref"]), start, match.end()))
            pos = match.end()
            continue
        end, closed = _match_bracket(text, start, stop_lines)
        if match["body"] is not None:
            inner = text[match.end() : end - 1 if closed else end]
            bodies.append(RawFootnote(int(match["body"]), start, end, closed, " ".join(inner.split())))
            pos = end
        elif match["word"].lower() == "bookmark":
            dropped.append(RawMarkup(match["word"], start, end))
            pos = end
        else:
            # Left in the text, so the scan continues inside it: a footnote there is still found.
            unknown.append(RawMarkup(match["word"], start, end))
            pos = match.end()
    return MarkupScan(tuple(markers), tuple(bodies), tuple(dropped), tuple(unknown))


def _match_bracket(text: str, start: int, stop_lines: Collection[int]) -> tuple[int, bool]:
    """End offset of the bracket group opening at start, and whether its closing bracket was found."""
    depth = 0
    for match in _BRACKET_OR_BREAK.finditer(text, start):
        char = match.group()
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return match.end(), True
        elif match.end() in stop_lines:
            return _last_non_space(text, match.start()), False
    return _last_non_space(text, len(text)), False


def _last_non_space(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank the spans out with spaces, keeping line breaks, so every offset stays valid."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def footnote_anomalies(scan: MarkupScan, line_of: Callable[[int], int]) -> list[tuple[str, str, int]]:
    """(kind, message, offset) for each markup problem an editor should look at."""
    found: list[tuple[str, str, int]] = []

    def report(kind: str, offset: int, message: str) -> None:
        found.append((kind, message, offset))

    bodies: dict[int, RawFootnote] = {}
    for body in scan.bodies:
        line = line_of(body.start)
        if body.number in bodies:
            first = line_of(bodies[body.number].start)
            report(
                "duplicate_footnote",
                body.start,
                f"Footnote {body.number} has a second body on line {line} (the first is on line {first}); "
                "the second was ignored.",
            )
            continue
        bodies[body.number] = body
        if not body.closed:
            report(
                "unclosed_footnote",
                body.start,
                f"Footnote {body.number} (line {line}) has no closing ']'; it was ended at line "
                f"{line_of(body.end)}, before the next heading or paragraph (the source stays as published).",
            )
    markers: dict[int, RawMarker] = {}
    for marker in scan.markers:
        line = line_of(marker.start)
        if marker.number in markers:
            first = line_of(markers[marker.number].start)
            report(
                "duplicate_marker",
                marker.start,
                f"Footnote {marker.number} is cited again on line {line} (first on line {first}); "
                "it stays attached to the first citation.",
            )
            continue
        markers[marker.number] = marker
        if marker.number not in bodies:
            report(
                "marker_without_footnote",
                marker.start,
                f"[footnoteRef:{marker.number}] on line {line} has no footnote body "
                f"'[{marker.number}: ...]' anywhere in the text; the marker is left out of the passage.",
            )
    for number, body in bodies.items():
        if number not in markers:
            report(
                "footnote_without_marker",
                body.start,
                f"Footnote {number} (line {line_of(body.start)}) is never cited: "
                f"there is no [footnoteRef:{number}] marker in the text.",
            )
    found.extend(_gaps(bodies, markers))
    for item in scan.dropped:
        report(
            "dropped_markup",
            item.start,
            f"Removed Word {item.word} markup on line {line_of(item.start)}; it is not part of the text.",
        )
    for item in scan.unknown:
        report(
            "unknown_markup",
            item.start,
            f"Unrecognised markup '[{item.word}: ...' on line {line_of(item.start)} was left in the passage "
            "text; remove it from the source if it is not part of the document.",
        )
    return found


def _gaps(bodies: dict[int, RawFootnote], markers: dict[int, RawMarker]) -> list[tuple[str, str, int]]:
    """One anomaly per run of numbers, from 1 to the highest, that appear neither as marker nor as body."""
    first_offset = {n: b.start for n, b in bodies.items()}
    for n, m in markers.items():
        first_offset[n] = min(m.start, first_offset.get(n, m.start))
    found = []
    previous = 0
    for number in sorted(first_offset):
        if number > previous + 1:
            missing = f"{previous + 1}" if number == previous + 2 else f"{previous + 1}-{number - 1}"
            after = f"after footnote {previous}" if previous else "at the start"
            found.append(
                (
                    "footnote_number_gap",
                    f"Footnote number(s) {missing} missing {after} (next is {number}): neither a marker nor "
                    "a body was found. Check whether a note was lost.",
                    first_offset[number],
                )
            )
        previous = number
    return found
