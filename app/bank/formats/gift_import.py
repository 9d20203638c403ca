"""Pure: Moodle GIFT text read into draft questions: multiple choice, true/false and short answer.

What Moodle teachers already have comes in as drafts. Questions are separated by blank lines; ``//`` comment
lines and ``$CATEGORY:`` lines are skipped; ``::title::`` names a question; ``[html]`` texts become plain
text; ``\\: \\= \\~ \\# \\{ \\} \\n \\\\`` are GIFT's escapes. Matching, numeric, essay and description items
are not quiz types the app has: each is reported with its line, never dropped in silence. The app's own GIFT
export (``gift.py``) reads back to the same prompts, choices and answers.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from app.bank.formats.import_records import ImportedQuestion, ImportProblem, ParsedImport, count_item
from app.bank.types import MULTIPLE_CHOICE, TRUE_FALSE, TYPED

_SPECIAL = "\\:=~#{}"
# Escaped special characters are hidden behind private-use characters while the structure is read.
_HIDE = {char: chr(0xE000 + n) for n, char in enumerate(_SPECIAL)}
_SHOW = str.maketrans({hidden: char for char, hidden in _HIDE.items()})
_ESCAPE = re.compile(r"\\(.)", re.S)
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
_TITLE = re.compile(r"^\s*::(.*?)::", re.S)
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_WILDCARD = re.compile(r"(?<!\\)\*")
_TRUE, _FALSE = ("T", "TRUE"), ("F", "FALSE")
SUPPORTED = "only multiple choice, true/false and short answer are imported"


class _Malformed(ValueError):
    """A question the file gets wrong; the message says how to write it."""


class _Unsupported(ValueError):
    """A GIFT item of a kind the app has no quiz type for."""


@dataclass(frozen=True)
class _Answer:
    right: bool
    weight: float | None
    text: str
    feedback: str


def _hide_escapes(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        char = match.group(1)
        if char == "n":
            return "\n"
        return _HIDE.get(char, match.group(0))

    return _ESCAPE.sub(replace, text)


def _show(text: str) -> str:
    return text.translate(_SHOW)


def _one_line(text: str) -> str:
    return " ".join(_show(text).split())


def _paragraphs(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in _show(text).strip().splitlines()).strip()


class _TextOfHtml(HTMLParser):
    """The words of an HTML fragment, as a reader sees them; scripts and styles are no words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skipping += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    reader = _TextOfHtml()
    reader.feed(fragment)
    reader.close()
    return "".join(reader.parts)


def _blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, lines) of each blank-line-separated block, comment lines left out."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if not stripped:
            if block:
                yield start, block
            block = []
            continue
        if not block:
            start = number
        block.append(line)
    if block:
        yield start, block


def _answers(inner: str) -> list[_Answer]:
    parts = re.split(r"([=~])", inner)
    if parts[0].strip():
        raise _Malformed(
            f"{_one_line(parts[0])!r} stands before the first answer: each answer starts with = (right) "
            "or ~ (wrong); a literal = or ~ is written \\= or \\~"
        )
    answers = []
    for marker, body in zip(parts[1::2], parts[2::2], strict=True):
        body, _, feedback = body.partition("#")
        weight = None
        if found := _WEIGHT.match(body):
            weight = float(found.group(1))
            body = body[found.end() :]
        if not body.strip():
            raise _Malformed("an answer is empty (a lone = or ~)")
        answers.append(_Answer(marker == "=", weight, body, feedback))
    return answers


def _true_false(inner: str) -> tuple[bool, str] | None:
    """(answer, feedback for the right answer) when the block is ``{T}``, ``{FALSE#…#…}`` and the like."""
    head, *feedback = inner.split("#")
    word = head.strip().upper()
    if word not in (*_TRUE, *_FALSE) or "=" in inner or "~" in inner:
        return None
    return word in _TRUE, feedback[1] if len(feedback) > 1 else ""


def _short_answer(answers: list[_Answer]) -> tuple[str, tuple[str, ...], str, list[str]]:
    accepted, notes = [], []
    for answer in answers:
        if _WILDCARD.search(answer.text):
            raise _Malformed(
                f"the short answer {_one_line(answer.text)!r} uses the wildcard *, which the app does not "
                "read: write each accepted answer out (a literal asterisk is \\*)"
            )
        words = _one_line(answer.text.replace("\\*", "*"))
        if answer.weight is not None and answer.weight < 100:
            notes.append(
                f"the partly right answer {words!r} is left out (the app marks answers right or wrong)"
            )
        else:
            accepted.append(words)
    if not accepted:
        raise _Malformed("no answer is fully right")
    feedback = next((a.feedback for a in answers if a.weight is None or a.weight >= 100), "")
    return accepted[0], tuple(accepted[1:]), feedback, notes


def _multiple_choice(answers: list[_Answer]) -> tuple[tuple[str, ...], str, str]:
    rights = [a for a in answers if a.right or (a.weight or 0) >= 100]
    partly = [a for a in answers if not a.right and 0 < (a.weight or 0) < 100]
    if partly and not any(a.right for a in answers):
        raise _Unsupported("a multiple-answer question (several choices score)")
    if len(rights) != 1:
        raise _Malformed(f"a multiple-choice question needs exactly one right answer (=), has {len(rights)}")
    return tuple(_one_line(a.text) for a in answers), _one_line(rights[0].text), rights[0].feedback


def _question(start: int, lines: list[str]) -> ImportedQuestion:
    text = _hide_escapes("\n".join(lines))
    title = ""
    if found := _TITLE.match(text):
        title, text = _one_line(found.group(1)), text[found.end() :]
    opening = text.find("{")
    if opening < 0:
        if "}" in text:
            raise _Malformed("a '}' without its '{' (a literal brace is written \\})")
        raise _Unsupported("a description (no answer block in braces)")
    closing = text.find("}", opening)
    if closing < 0:
        raise _Malformed("the answer block '{' is never closed with '}' (a literal brace is written \\{)")
    before, inner, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    if "{" in inner or "{" in after or "}" in after or "}" in before:
        raise _Malformed(
            "more than one answer block, or a stray brace (a literal brace is written \\{ or \\})"
        )
    is_html = False
    if found := _FORMAT.match(before):
        is_html, before = found.group(1).lower() == "html", before[found.end() :]
    inner, _, general = inner.partition("####")
    inner = inner.strip()
    if not inner:
        raise _Unsupported("an essay question (an empty answer block)")
    if inner.startswith("#"):
        raise _Unsupported("a numeric question ({#…})")
    if "->" in inner:
        raise _Unsupported("a matching question (answers with ->)")
    notes: list[str] = []
    choices: tuple[str, ...] | None = None
    accepted: tuple[str, ...] = ()
    answer: str | bool
    if (true_false := _true_false(inner)) is not None:
        qtype, (answer, feedback) = TRUE_FALSE.name, true_false
    else:
        answers = _answers(inner)
        if all(a.right for a in answers):
            qtype = TYPED.name
            answer, accepted, feedback, notes = _short_answer(answers)
        else:
            qtype = MULTIPLE_CHOICE.name
            choices, answer, feedback = _multiple_choice(answers)
    prompt = _one_line(before) if not after.strip() else f"{_one_line(before)} ____ {_one_line(after)}"
    explanation = _paragraphs(general) or _paragraphs(feedback)
    if is_html:
        prompt = " ".join(html_to_text(prompt).split())
        explanation = _paragraphs(html_to_text(explanation))
        if choices is not None:
            choices = tuple(" ".join(html_to_text(c).split()) for c in choices)
            answer = " ".join(html_to_text(str(answer)).split())
        notes.append("HTML turned into plain text")
    if not prompt:
        raise _Malformed("the question has no text before its answer block")
    return ImportedQuestion(
        where=f"line {start}", type=qtype, prompt=prompt, answer=answer, explanation=explanation,
        choices=choices, accepted_answers=accepted, wanted_id=title, notes=tuple(notes),
    )  # fmt: skip


def parse_gift(text: str) -> ParsedImport:
    """Every question of a GIFT file, and every problem named by the line its question starts on.

    Raises ``TooManyQuestions`` past ``MAX_IMPORT_QUESTIONS`` items."""
    result = ParsedImport()
    items = 0
    for start, lines in _blocks(text):
        if lines[0].lstrip().startswith("$CATEGORY:"):
            lines, start = lines[1:], start + 1  # categories are the teacher's to choose here
            if not lines:
                continue
        items = count_item(items)
        try:
            result.questions.append(_question(start, lines))
        except _Unsupported as kind:
            result.problems.append(
                ImportProblem(f"line {start}", f"{kind}: not imported; {SUPPORTED}", False)
            )
        except _Malformed as error:
            result.problems.append(ImportProblem(f"line {start}", str(error)))
    if not result.questions and not result.problems:
        result.problems.append(ImportProblem("line 1", "no questions found: is this a GIFT file?"))
    return result
