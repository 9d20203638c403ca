"""Split a plain-text historical source into title, headings, passages, sentences and footnotes.

Sources arrive as they were exported: PDF text hard-wrapped at a proportional-font width (sometimes with
a blank line after every line), or word-processor text with one paragraph per line and Word's inline
footnote markup. Students quote passages and the question bank checks quotes against the file, so
passage text is the original words with only markup blanked out and whitespace collapsed; offsets
always point into the original text. Pure and stdlib-only (no Flask, no database).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .footnotes import MarkupScan, RawFootnote, footnote_anomalies, mask, scan_markup
from .head import HEAD_LINES, read_head, starts_with_by
from .turns import asks_question, is_transcript, label_at

HARD_WRAPPED = "hard-wrapped"
PARAGRAPH_PER_LINE = "paragraph-per-line"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ENDS_SENTENCE = re.compile(r"[.!?][”\"’')\]]*$")
_ENDS_LIKE_PROSE = re.compile(r"[.!?,;:][”\"’')\]]*$")
_BOUNDARY = re.compile(r"[.!?]+[”\"’')\]]*(?=\s+(\S))")
_WORD_NOTE = re.compile(r"\[(?:footnoteRef:\d+\]|\d+:\s)")
_NUMBERED_HEADING = re.compile(r"\d+(\.\d+)*\.?\s+[A-Z]")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-zà-ÿ][\w’'-]*")
_OPENERS = "(“\"‘'["
_CLOSERS = "”\"’')]"
# Never end a sentence after these ("No." before a number needs no entry: see _split_sentences).
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "jun", "prof", "gen", "col", "lt", "capt", "gov", "rev"}
    | {"hon", "esq", "messrs", "viz", "ss", "al", "e.g", "i.e", "cf", "ca", "c", "vs", "p", "pp", "vol"}
    | {"vols", "ed", "eds", "ch", "fig", "op", "cit"}
)
# Limits far above any real text, so an upload of machine-made filler is refused before it costs a worker
# its request. The texts shipped have at most 86 passages, 236 sentences and 95 lines with text; a 1 MB
# book of ordinary paragraphs has about 2,000 passages and 10,000 sentences.
MAX_TEXT_LINES = 40_000
MAX_PASSAGES = 5_000
MAX_SENTENCES = 25_000

# Approximate advance widths (1/1000 em) of a book serif font: PDF lines wrap by width, not by count.
_GLYPH_WIDTHS = {
    char: width
    for chars, width in (
        (" .,;:!'|ijlI", 270),
        ("ftr()[]-’‘", 330),
        ('sJ"“”', 400),
        ("acez?", 444),
        ("FPS–", 556),
        ("ELTZ", 611),
        ("BCR", 667),
        ("ADGHKNOQUVXYw", 722),
        ("mM", 800),
        ("W—", 950),
    )
    for char in chars
}
_DEFAULT_GLYPH_WIDTH = 500  # lower-case letters, digits and anything unlisted
# Generic glyph widths misjudge a real font by a few percent; a line that ends a sentence inside a
# paragraph is rare, so a near-tie counts as "the next word would have fitted".
_GLYPH_SLACK = 0.06


def collapse_whitespace(text: str) -> str:
    """Runs of any whitespace become one space, ends stripped: how quotes are matched against sources."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Sentence:
    """A sentence of a passage, so feedback can point at the exact sentence a claim rests on."""

    start: int  # offsets into Passage.text, end exclusive
    end: int
    text: str  # a transcript's speaker label ("Q.", "Mr. SMITH.") is left out: it is nobody's words
    speaker: str | None = None  # in a transcript: "Q", "A", "Mr. SMITH", "THE COURT"
    in_question: bool = False  # said in a turn that asks a question: never a claim


@dataclass(frozen=True)
class Footnote:
    """A note's citation text, kept apart from the passage so quotes never run into it."""

    number: int
    text: str  # body without "[N:" and "]", whitespace collapsed
    passage_ordinal: int | None  # the passage whose text cites it; None if never cited
    start: int  # the whole body markup in the original text
    end: int


@dataclass(frozen=True)
class Passage:
    """One paragraph as a reader sees it: the unit students quote and questions are grounded in."""

    ordinal: int  # 1-based, in reading order; passage ids are made from it
    heading: str | None  # the section heading it falls under; None before the first heading
    text: str  # original words, markup blanked, whitespace collapsed
    start: int  # first/last non-space character of the paragraph (markup included) in the original text
    end: int
    sentences: tuple[Sentence, ...]
    footnote_numbers: tuple[int, ...]  # in order of citation


@dataclass(frozen=True)
class Heading:
    """A section heading, so readers and questions can refer to a part of the source by name."""

    ordinal: int
    text: str
    start: int


@dataclass(frozen=True)
class Anomaly:
    """Something odd in the source an editor should check; parsing carries on regardless."""

    kind: str  # e.g. "unclosed_footnote", "dropped_markup", "unknown_markup", "footnote_number_gap"
    message: str  # names the footnote and line, says what to do
    offset: int


@dataclass(frozen=True)
class ParsedText:
    """Everything the app stores about a source's text."""

    title: str | None  # from the head: a heading-like first line (kept out of the headings) or a title page
    layout: str  # "hard-wrapped" or "paragraph-per-line"
    headings: tuple[Heading, ...]
    passages: tuple[Passage, ...]
    footnotes: tuple[Footnote, ...]  # sorted by number
    anomalies: tuple[Anomaly, ...]  # in text order
    subtitle: str | None = None  # a line under the title that continues it
    author: str | None = None  # a "By …" line, a name line under the title, or an issuing body
    author_is_person: bool = False  # the author is a person's name, so prompts can use the surname
    affiliation: str | None = None  # the author's rank or office, as the title line gives it after the name


class SourceDecodeError(ValueError):
    """An uploaded source file is not UTF-8 text."""


class SourceTooLarge(ValueError):
    """A source has more lines, passages or sentences than any real text; the message says which."""


def check_text_lines(text: str) -> None:
    """Refuse, before parsing, a text with more lines of words than ``MAX_TEXT_LINES``: cheap and linear."""
    lines = sum(1 for line in text.splitlines() if line.strip())
    if lines > MAX_TEXT_LINES:
        raise SourceTooLarge(
            f"it has {lines:,} lines of text; a source may have at most {MAX_TEXT_LINES:,}. A real text "
            "never has so many: check that this is the source itself, or split it into several sources."
        )


def check_parsed_size(parsed: ParsedText) -> None:
    """Refuse a parse with more passages than ``MAX_PASSAGES`` or sentences than ``MAX_SENTENCES``."""
    passages = len(parsed.passages)
    if passages > MAX_PASSAGES:
        raise SourceTooLarge(
            f"it has {passages:,} passages (paragraphs); a source may have at most {MAX_PASSAGES:,}. "
            "Check that paragraphs are not cut into lines of a few words, or split it into several sources."
        )
    sentences = sum(len(passage.sentences) for passage in parsed.passages)
    if sentences > MAX_SENTENCES:
        raise SourceTooLarge(
            f"it has {sentences:,} sentences; a source may have at most {MAX_SENTENCES:,}. "
            "Split it into several sources."
        )


def decode_source(data: bytes, name: str) -> str:
    """Decode a source file as UTF-8, dropping a byte-order mark; say exactly where it is not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceDecodeError(
            f"{name}: byte {error.start} ({data[error.start : error.start + 1]!r}) is not valid UTF-8. "
            "Source files must be UTF-8 plain text; re-save the file as UTF-8 and try again."
        ) from error
    return text.removeprefix("\ufeff")


@dataclass
class _Line:
    start: int
    end: int  # before the line break
    raw: str
    text: str = ""  # masked (markup blanked), stripped
    kind: str = "text"  # "text", "blank", or "markup" (only markup on it)
    indent: int = 0  # leading whitespace, tabs expanded

    @property
    def width_text(self) -> str:
        """The line as laid out, indentation included: what had to fit within the wrap width."""
        return " " * self.indent + self.text


def parse_text(text: str, layout: str | None = None) -> ParsedText:
    """Parse a whole source; never raises on odd input, problems become anomalies."""
    if layout not in (None, HARD_WRAPPED, PARAGRAPH_PER_LINE):
        raise ValueError(f"unknown layout {layout!r}; use {HARD_WRAPPED!r} or {PARAGRAPH_PER_LINE!r}")
    lines = _split_lines(text)
    detected, double_spaced = _detect_layout(lines)
    layout = layout or detected
    separator = 2 if layout == HARD_WRAPPED and double_spaced else 1
    scan = scan_markup(text, _markup_stops(lines, separator))
    masked = mask(text, scan.masked_spans())
    for line in lines:
        line.text = masked[line.start : line.end].strip()
        line.kind = "blank" if not line.raw.strip() else ("text" if line.text else "markup")
        expanded = line.raw.expandtabs(4)
        line.indent = len(expanded) - len(expanded.lstrip())

    content = [line for line in lines if line.kind == "text"]
    turns = _turn_region(content)
    title = None
    body_lines = lines
    if (
        len(content) > 1
        and not (turns and label_at(content[0].text))
        and _looks_like_heading(content[0], max_words=20)
        and (layout == PARAGRAPH_PER_LINE or len(content[0].width_text) <= 0.7 * _longest(content))
        and (not content[1].text[0].islower() or starts_with_by(content[1].text))  # "by Jane Doe" may follow
    ):
        title = collapse_whitespace(content[0].text)
        body_lines = lines[lines.index(content[0]) + 1 :]
    head = read_head(
        [collapse_whitespace(line.text) for line in content[:HEAD_LINES]], _lower_words(masked), title
    )
    # Head lines that would read as headings ("By Jane Doe") are not sections. Head lines that read as
    # paragraphs stay passages, so passage numbers (and the ids made from them) never move.
    head_starts = {content[i].start for i in head.lines}
    byline_start = content[head.author_line].start if head.author_line is not None else None
    if layout == HARD_WRAPPED:
        blocks = _hard_wrapped_blocks(body_lines, separator, turns)
    else:
        blocks = _line_blocks(body_lines, turns)

    headings: list[Heading] = []
    spans: list[tuple[int, int, str | None]] = []  # passage start, end, heading
    for block in blocks:
        if isinstance(block, _Line):
            if block.start in head_starts:
                continue
            headings.append(Heading(len(headings) + 1, collapse_whitespace(block.text), _first_char(block)))
        elif block[0].start == byline_start and len(block) == 1:
            continue  # "By Jane Doe" names the author: it is neither a section nor a claim
        else:
            end = block[-1].start + len(block[-1].raw.rstrip())
            spans.append((_first_char(block[0]), end, headings[-1].text if headings else None))
    passages, footnotes = _passages_and_footnotes(masked, spans, scan, transcript=turns is not None)
    line_starts = [line.start for line in lines]
    found = footnote_anomalies(scan, lambda offset: bisect.bisect_right(line_starts, offset))
    anomalies = tuple(Anomaly(*item) for item in sorted(found, key=lambda item: item[2]))
    return ParsedText(
        head.title,
        layout,
        tuple(headings),
        passages,
        footnotes,
        anomalies,
        subtitle=head.subtitle,
        author=head.author,
        author_is_person=head.author_is_person,
        affiliation=head.affiliation,
    )


def _lower_words(text: str) -> set[str]:
    """Words the text uses in lower case: a line made only of other words may be a name."""
    return set(_LOWER_WORD.findall(text))


def _turn_region(content: list[_Line]) -> tuple[int, int] | None:
    """Where a transcript's turns run (first to last labelled line), or None for a text without turns."""
    if not is_transcript(line.text for line in content):
        return None
    labelled = [line.start for line in content if label_at(line.text)]
    return labelled[0], labelled[-1]


def _in_turns(line: _Line, turns: tuple[int, int] | None) -> bool:
    """Inside a transcript no line is a heading: "A. No" is an answer, not a section."""
    return turns is not None and turns[0] <= line.start <= turns[1]


def _turn_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of a transcript's paragraph, each with its speaker and its label left out.

    A turn starts at the paragraph's start or at a sentence opening with a label ("… the green? A. Yes.").
    Sentences before the first label (narration, a continued turn) have no speaker.
    """
    whole = _split_sentences(text)
    cuts: list[tuple[int, int, str, bool | None]] = []  # turn start, body start, speaker, asks
    for sentence in whole:
        if cuts and sentence.start < cuts[-1][1]:
            continue  # inside the label just found ("Mr. SMITH." splits as a sentence of its own)
        if (label := label_at(text[sentence.start :])) is not None:
            cuts.append((sentence.start, sentence.start + label.length, label.speaker, label.asks))
    if not cuts:
        return whole
    result = [s for s in whole if s.end <= cuts[0][0]]
    for index, (_, body_start, speaker, asks) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        body = _split_sentences(text[body_start:end].rstrip())
        question = asks if asks is not None else asks_question(None, [s.text for s in body])
        result += [
            Sentence(body_start + s.start, body_start + s.end, s.text, speaker, question) for s in body
        ]
    return tuple(result)


def _passages_and_footnotes(
    masked: str, spans: list[tuple[int, int, str | None]], scan: MarkupScan, transcript: bool = False
) -> tuple[tuple[Passage, ...], tuple[Footnote, ...]]:
    """Build passages from their spans and attach each footnote to the passage holding its marker."""
    starts = [start for start, _, _ in spans]
    cited: dict[int, list[int]] = {}
    citing: dict[int, int] = {}
    for marker in scan.markers:
        index = bisect.bisect_right(starts, marker.start) - 1
        if index >= 0 and marker.start < spans[index][1]:
            cited.setdefault(index, []).append(marker.number)
            citing.setdefault(marker.number, index + 1)
    passages = []
    for index, (start, end, heading) in enumerate(spans):
        text = collapse_whitespace(masked[start:end])
        numbers = tuple(cited.get(index, ()))
        sentences = _turn_sentences(text) if transcript else _split_sentences(text)
        passages.append(Passage(index + 1, heading, text, start, end, sentences, numbers))
    bodies: dict[int, RawFootnote] = {}
    for raw in scan.bodies:
        bodies.setdefault(raw.number, raw)  # a duplicate is reported as an anomaly
    footnotes = tuple(
        Footnote(n, raw.text, citing.get(n), raw.start, raw.end) for n, raw in sorted(bodies.items())
    )
    return tuple(passages), footnotes


def _split_lines(text: str) -> list[_Line]:
    lines, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(_Line(start, match.start(), text[start : match.start()]))
        start = match.end()
    if start < len(text):
        lines.append(_Line(start, len(text), text[start:]))
    return lines


def _ends_sentence(line_text: str) -> bool:
    """Whether a line's last word closes a sentence (an initial or 'pp.' does not)."""
    if not _ENDS_SENTENCE.search(line_text):
        return False
    return not _is_abbreviation(line_text.rsplit(None, 1)[-1])


def _detect_layout(lines: list[_Line]) -> tuple[str, bool]:
    """(layout, double_spaced): hard-wrapped when many near-full-width lines stop mid-sentence."""
    # Lines carrying Word footnote markup are paragraphs of a word-processor export; they say nothing
    # about wrapping and end in brackets, so leave them out of the statistics.
    content = [line for line in lines if line.raw.strip() and not _WORD_NOTE.search(line.raw)]
    lengths = sorted(len(line.raw.strip()) for line in content)
    if len(content) < 3:
        return PARAGRAPH_PER_LINE, False
    typical = lengths[int(0.9 * (len(lengths) - 1))]
    if typical > 250:  # nobody wraps lines that long: these are whole paragraphs
        return PARAGRAPH_PER_LINE, False
    wrapped = [
        i
        for i, line in enumerate(lines)
        if len(line.raw.strip()) >= 0.75 * typical
        and not _ends_sentence(line.raw.strip())
        and not _WORD_NOTE.search(line.raw)
    ]
    if len(wrapped) < 0.3 * len(content):
        return PARAGRAPH_PER_LINE, False
    # Double spacing: even lines that stop mid-sentence are followed by a blank line.
    followed = [i for i in wrapped if i + 1 < len(lines) and not lines[i + 1].raw.strip()]
    return HARD_WRAPPED, len(followed) >= 0.5 * len(wrapped)


def _markup_stops(lines: list[_Line], separator: int) -> set[int]:
    """Line starts an unclosed footnote body must not cross: headings and paragraph-breaking blanks."""
    stops = set()
    for i, line in enumerate(lines):
        if line.raw.strip():
            if "[" not in line.raw and _looks_like_heading(line, max_words=12, text=line.raw.strip()):
                stops.add(line.start)
        elif separator == 1 or (i + 1 < len(lines) and not lines[i + 1].raw.strip()):
            stops.add(line.start)
    return stops


def _looks_like_heading(line: _Line, max_words: int, text: str | None = None) -> bool:
    """Short, capitalised, no closing punctuation and no markup: a title or section heading."""
    text = line.text if text is None else text
    if line.raw.strip() != text or not text:
        return False
    if not (text[0].isupper() or _NUMBERED_HEADING.match(text)):
        return False
    return len(text.split()) <= max_words and not _ENDS_LIKE_PROSE.search(text)


def _line_blocks(lines: list[_Line], turns: tuple[int, int] | None = None) -> list[_Line | list[_Line]]:
    """Paragraph-per-line: every line is a passage or a heading; markup-only lines join the one above."""
    blocks: list[_Line | list[_Line]] = []
    content = [line for line in lines if line.kind == "text"]
    k = -1
    for line in lines:
        if line.kind == "markup" and blocks and isinstance(blocks[-1], list):
            blocks[-1].append(line)
        elif line.kind == "text":
            k += 1
            heading = (
                k + 1 < len(content)
                and not content[k + 1].text[0].islower()
                and not _in_turns(line, turns)
                and _looks_like_heading(line, max_words=12)
            )
            blocks.append(line if heading else [line])
    return blocks


def _hard_wrapped_blocks(
    lines: list[_Line], separator: int, turns: tuple[int, int] | None = None
) -> list[_Line | list[_Line]]:
    """Rebuild wrapped paragraphs from blank-line separators, headings, indentation and line widths."""
    content = [line for line in lines if line.kind == "text"]
    if not content:
        return []
    breaks = _separated(lines, separator)
    fits = _fit_test(content, breaks)
    # With real blank-line separators they mark paragraphs; without them, a sentence ending where the
    # next word would have fitted is the sign of a paragraph break.
    use_widths = separator > 1 or not any(breaks[1:])
    usual_indent = Counter(line.indent for line in content).most_common(1)[0][0]
    longest = _longest(content)
    blocks: list[_Line | list[_Line]] = []
    k = -1
    for line in lines:
        if line.kind == "markup" and blocks and isinstance(blocks[-1], list):
            blocks[-1].append(line)  # the rest of a footnote body that ran over the line break
        if line.kind != "text":
            continue
        k += 1
        previous = content[k - 1] if k else line
        following = content[k + 1] if k + 1 < len(content) else None
        after_break = breaks[k] or isinstance(blocks[-1], _Line)
        ended = after_break or _ends_sentence(previous.text)
        if (
            ended
            and following
            and not _in_turns(line, turns)
            and _stands_apart(line, following, longest)
            and _looks_like_heading(line, max_words=12)
        ):
            blocks.append(line)
        elif (
            after_break
            or (_in_turns(line, turns) and label_at(line.text))
            or (
                ended
                and (
                    line.indent > usual_indent
                    or (use_widths and fits(previous.width_text, line.text.split()[0]))
                )
            )
        ):
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return blocks


def _separated(lines: list[_Line], separator: int) -> list[bool]:
    """For each text line, whether a paragraph-separating run of blank lines (or the start) precedes it."""
    result, blank = [], 0
    for line in lines:
        if line.kind == "blank":
            blank += 1
        elif line.kind == "text":
            result.append(not result or blank >= separator)
            blank = 0
        else:
            blank = 0  # a line of footnote markup stands in for the text line it continues
    return result


def _stands_apart(line: _Line, following: _Line, longest: int) -> bool:
    """In wrapped text a heading is also clearly short of the wrap width and is not continued below."""
    return len(line.width_text) <= 0.7 * longest and not following.text[0].islower()


def _fit_test(content: list[_Line], breaks: list[bool]) -> Callable[[str, str], bool]:
    """A test 'would this word have fitted at the end of that line?', calibrated on the file's own wraps.

    If plain character counts explain every wrap (no line broke before a word that would have fitted),
    the file was wrapped by counting characters and counts are used exactly. Otherwise it was wrapped
    in a proportional font: estimate glyph widths and allow a little slack.
    """
    pairs = [
        (content[k - 1].width_text, content[k].text.split()[0])
        for k in range(1, len(content))
        if not breaks[k] and not _ends_sentence(content[k - 1].text)
    ]
    longest = _longest(content)
    if not any(len(text) + 1 + len(word) <= longest for text, word in pairs):
        return lambda text, word: len(text) + 1 + len(word) <= longest

    def width(text: str) -> int:
        return sum(_GLYPH_WIDTHS.get(char, _DEFAULT_GLYPH_WIDTH) for char in text)

    limit = max(width(line.width_text) for line in content) * (1 + _GLYPH_SLACK)
    return lambda text, word: width(text) + _GLYPH_WIDTHS[" "] + width(word) <= limit


def _longest(content: list[_Line]) -> int:
    return max(len(line.width_text) for line in content)


def _first_char(line: _Line) -> int:
    return line.start + len(line.raw) - len(line.raw.lstrip())


def _is_abbreviation(word: str) -> bool:
    """Whether a word ending in '.' is an initial or abbreviation rather than a sentence end."""
    core = word.lstrip(_OPENERS).rstrip(_CLOSERS)
    if not core.endswith("."):
        return False
    stem = core[:-1]
    if _INITIALS.fullmatch(stem):
        return True
    return stem.lower() in _ABBREVIATIONS


def _split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences of collapsed passage text.

    A boundary is end punctuation (and closing quotes) then a space, unless the next word starts in
    lower case or with a digit ("No. 42", "April 23d. 1775") or the word is an initial or abbreviation.
    """
    sentences = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        next_char = match.group(1)
        if next_char.islower() or next_char.isdigit():
            continue
        word = text[text.rfind(" ", 0, match.start()) + 1 : match.end()]
        if "." in match.group() and _is_abbreviation(word):
            continue
        sentences.append(Sentence(start, match.end(), text[start : match.end()]))
        start = match.end() + 1
    if start < len(text):
        sentences.append(Sentence(start, len(text), text[start:]))
    return tuple(sentences)
