"""Pure: a spreadsheet of questions (CSV, UTF-8) read into draft questions, problems named by row and column.

Row 1 is the header; its columns may come in any order and only ``type``, ``prompt`` and ``answer`` are
required. ``choices``, ``tags`` and a typed answer's alternatives are separated by ``|``. Rows are numbered
as a spreadsheet numbers them (the header is row 1), so a teacher can go straight to the cell.
"""

import csv
import io

from app.bank.formats.import_records import ImportedQuestion, ImportProblem, ParsedImport, count_item
from app.bank.types import MULTIPLE_CHOICE, QUESTION_TYPES, TRUE_FALSE, TYPED

COLUMNS = (
    "id", "type", "prompt", "choices", "answer", "explanation", "source", "quote", "claim_pair", "section",
    "skill", "tags",
)  # fmt: skip
REQUIRED = ("type", "prompt", "answer")
SEPARATOR = "|"
TRUE_WORDS, FALSE_WORDS = ("true", "t", "yes"), ("false", "f", "no")

_REHE = "Advance towards Liaoxi and Rehe and operate jointly with the Chinese Worker-Peasant Red Army"
TEMPLATE_ROWS = (
    {
        "type": MULTIPLE_CHOICE.name,
        "prompt": "According to the DPRK publication, what did the Comintern's directive of the mid-1930s "
        "order the anti-Japanese armed forces in northeast China to do?",
        "choices": f"{_REHE}"
        "|Keep to guerrilla warfare in the mountains of northeast China and avoid the open areas"
        "|Withdraw towards the Soviet border and defend it against a Japanese attack",
        "answer": _REHE,
        "explanation": "The story sets up Kim's refusal of the directive as the wise, independent choice.",
        "source": "dprk",
        "quote": "these anti-Japanese armed forces must advance towards Liaoxi and Rehe",
        "skill": "close_reading",
        "tags": "comintern|rehe",
    },
    {
        "type": TRUE_FALSE.name,
        "prompt": "According to the DPRK publication, Stalin proposed a toast of thanks to Kim Il Sung.",
        "answer": "true",
        "explanation": "The publication presents the toast as proof of Stalin's gratitude.",
        "source": "dprk",
        "quote": "I propose to extend heartfelt thanks to Comrade Kim Il Sung with warm applause.",
    },
    {
        "type": TYPED.name,
        "prompt": "According to the DPRK publication, what do the letters CMEA stand for?",
        "answer": "Council of Mutual Economic Assistance|Council for Mutual Economic Assistance",
        "source": "dprk",
    },
)


def template_csv() -> str:
    """A CSV a teacher can open in a spreadsheet and fill in: the header and one row per common type."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(TEMPLATE_ROWS)
    return out.getvalue()


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(SEPARATOR) if part.strip())


def _header(cells: list[str], problems: list[ImportProblem]) -> list[str] | None:
    names = [" ".join(cell.split()).lower().replace(" ", "_") for cell in cells]
    unknown = [cells[n] for n, name in enumerate(names) if name not in COLUMNS]
    duplicated = sorted({name for name in names if name and names.count(name) > 1})
    missing = [name for name in REQUIRED if name not in names]
    for message in (
        f"unknown column(s) {', '.join(map(repr, unknown))}" if unknown else "",
        f"column(s) {', '.join(map(repr, duplicated))} appear twice" if duplicated else "",
        f"missing the column(s) {', '.join(map(repr, missing))}" if missing else "",
    ):
        if message:
            problems.append(
                ImportProblem("row 1 (header)", f"{message}; the columns are {', '.join(COLUMNS)}")
            )
    return None if unknown or duplicated or missing else names


class _Row:
    """One row's cells by column name; each bad cell becomes a problem naming row and column."""

    def __init__(self, number: int, cells: dict[str, str], problems: list[ImportProblem]):
        self.number, self.cells, self.problems = number, cells, problems
        self.ok = True

    def problem(self, column: str, message: str) -> None:
        self.problems.append(ImportProblem(f"row {self.number}, column {column!r}", message))
        self.ok = False

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def one_line(self, column: str) -> str:
        return " ".join(self.get(column).split())


def _question(row: _Row) -> ImportedQuestion | None:
    qtype = row.one_line("type").lower().replace(" ", "_").replace("-", "_")
    kind = QUESTION_TYPES.get(qtype)
    if kind is None:
        row.problem("type", f"{row.get('type')!r} is not a type; use one of {', '.join(QUESTION_TYPES)}")
    prompt = row.one_line("prompt")
    if not prompt:
        row.problem("prompt", "the prompt is empty")
    raw_answer = row.one_line("answer")
    answer: str | bool = raw_answer
    accepted: tuple[str, ...] = ()
    if not raw_answer:
        row.problem("answer", "the answer is empty")
    elif kind is not None and kind.boolean_answer:
        if raw_answer.lower() not in (*TRUE_WORDS, *FALSE_WORDS):
            row.problem("answer", f"a {qtype} answer is true or false, not {raw_answer!r}")
        answer = raw_answer.lower() in TRUE_WORDS
    elif kind is not None and kind.accepts_alternatives:
        answer, *rest = _split(raw_answer) or ("",)
        accepted = tuple(rest)
    choices = _split(row.get("choices")) or None
    if kind is not None and kind.has_choices and not choices:
        row.problem("choices", f"a {qtype} question needs its choices, separated by {SEPARATOR}")
    elif choices and kind is not None and not kind.has_choices:
        row.problem("choices", f"a {qtype} question takes no choices; leave the cell empty")
    if not row.ok:
        return None
    return ImportedQuestion(
        where=f"row {row.number}", type=qtype, prompt=prompt, answer=answer,
        explanation=row.get("explanation"), choices=choices, accepted_answers=accepted,
        wanted_id=row.one_line("id"), source=row.one_line("source"), quote=row.get("quote"),
        claim_pair=row.one_line("claim_pair"), section=row.one_line("section"),
        skill=row.one_line("skill").lower().replace(" ", "_"), tags=_split(row.get("tags")),
    )  # fmt: skip


def parse_csv(text: str) -> ParsedImport:
    """Every question of the CSV and every problem, by row and column; nothing is read past a broken quote.

    Raises ``TooManyQuestions`` past ``MAX_IMPORT_QUESTIONS`` rows below the header."""
    result = ParsedImport()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    names: list[str] | None = None
    number = rows = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if names is None:
                names = _header(cells, result.problems)
                if names is None:
                    return result
                continue
            if not any(cell.strip() for cell in cells):
                continue
            rows = count_item(rows)
            if len(cells) > len(names):
                result.problems.append(
                    ImportProblem(
                        f"row {number}",
                        f"{len(cells)} cells but the header has {len(names)} columns "
                        "(a comma inside a cell needs the cell in double quotes)",
                    )
                )
                continue
            row = _Row(number, dict(zip(names, cells, strict=False)), result.problems)
            if question := _question(row):
                result.questions.append(question)
    except csv.Error as error:
        result.problems.append(ImportProblem(f"row {number + 1}", f"not valid CSV: {error}"))
    if names is None:
        result.problems.append(
            ImportProblem("row 1", f"the file is empty; row 1 names the columns: {', '.join(COLUMNS)}")
        )
    elif not result.questions and not result.problems:
        result.problems.append(ImportProblem("row 2", "no questions below the header"))
    return result
