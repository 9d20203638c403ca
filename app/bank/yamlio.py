"""Pure: read a bank folder (sources, claim pairs, questions) into typed records, naming every problem.

Reading never stops at the first problem: an author fixing a bank wants the whole list at once.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.bank.content import (
    ANSWER,
    OPTIONAL,
    PAIR_CONTENT,
    PAIR_KEYS,
    QUESTION_CONTENT,
    QUESTION_KEYS,
    QUOTE,
    TEXTS,
    ContentField,
    keys,
)
from app.bank.schema import ClaimPairSpec, Issue, QuestionSpec, Quote
from app.bank.types import is_type
from app.sources.documents import LAYOUTS, SourceDocument, SourceMeta, read_source_document
from app.sources.parser import SourceDecodeError

SOURCES_FILE = "sources/sources.yaml"
CLAIM_PAIRS_DIR = "claim_pairs"
QUESTIONS_DIR = "questions"


@dataclass(frozen=True)
class BankFiles:
    root: Path
    sources: tuple[SourceDocument, ...]
    claim_pairs: tuple[ClaimPairSpec, ...]
    questions: tuple[QuestionSpec, ...]
    # Ids already reported as unreadable (a source file that is not UTF-8, a pair with a broken field),
    # and whether a claim-pair file could not be read at all: references to them are not reported twice.
    unreadable_sources: frozenset[str] = frozenset()
    unreadable_pairs: frozenset[str] = frozenset()
    claim_pair_file_unreadable: bool = False


# libyaml's parser where PyYAML was built with it (the wheels are): the same documents, parsed ~10x faster,
# which is most of the time of an export (the bank is written out and read back through these files).
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_SAFE_LOADER):  # type: ignore[valid-type, misc]
    """PyYAML keeps the last of two equal keys silently; a bank author needs to hear about it."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml_file(path: Path, name: str) -> tuple[Any, list[Issue]]:
    """Parse one YAML file; a syntax error becomes one issue with its line and column."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader), []
    except UnicodeDecodeError as error:
        return None, [Issue(name, None, f"not UTF-8 text (byte {error.start}): save the file as UTF-8")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        return None, [Issue(name, None, f"malformed YAML{where}: {problem}")]


class _ItemReader:
    """Reads the fields of one mapping, turning each missing or mistyped field into an issue."""

    def __init__(self, raw: dict[str, Any], file: str, label: str, allowed: set[str], issues: list[Issue]):
        self.raw, self.file, self.label, self.issues = raw, file, label, issues
        for key in raw:
            if key not in allowed:
                self.problem(f"unknown field {key!r} (allowed: {', '.join(sorted(allowed))})")

    def problem(self, message: str) -> None:
        self.issues.append(Issue(self.file, self.label, message))

    def text(self, name: str, required: bool = True) -> str | None:
        value = self.raw.get(name)
        if value is None or value == "":
            if required:
                self.problem(f"missing {name!r}")
            return None
        if isinstance(value, bool):
            self.problem(f"{name!r} was read as true/false: put the text in quotes")
            return None
        if isinstance(value, int | float):
            return str(value)
        if not isinstance(value, str):
            self.problem(f"{name!r} must be text")
            return None
        return value.strip()

    def one_of(self, name: str, options: tuple[str, ...]) -> str | None:
        value = self.text(name)
        if value is not None and value not in options:
            self.problem(f"{name!r} is {value!r}; expected one of {', '.join(options)}")
            return None
        return value

    def text_list(self, name: str) -> tuple[str, ...] | None:
        value = self.raw.get(name)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            self.problem(f"{name!r} must be a list of text (put true/false-like words in quotes)")
            return None
        return tuple(str(v).strip() if isinstance(v, str) else str(v) for v in value)

    def quote(self, name: str, allow_empty: bool = False, allow_silent: bool = False) -> Quote | None:
        value = self.raw.get(name)
        if allow_silent and isinstance(value, dict) and set(value) == {"source", "silent"}:
            return self._silent_side(name, value)
        if not isinstance(value, dict) or set(value) != {"source", "quote"}:
            self.problem(f"{name!r} must be {{source: <id>, quote: <exact words>}}")
            return None
        source, words = value["source"], value["quote"]
        if allow_empty and words is None:
            words = ""
        if not isinstance(source, str) or not isinstance(words, str) or not (words.strip() or allow_empty):
            self.problem(f"{name!r} needs a source id and non-empty quote text")
            return None
        return Quote(source=source, quote=words)

    def _silent_side(self, name: str, value: dict[str, Any]) -> Quote | None:
        """``{source: <id>, silent: true}``: the source says nothing on the point the other side makes."""
        if value["silent"] is not True or not isinstance(value["source"], str):
            self.problem(f"{name!r}: a silent side is {{source: <id>, silent: true}}")
            return None
        return Quote(source=value["source"], quote="")


def _items(path: Path, name: str, key: str, issues: list[Issue]) -> list[tuple[str, dict[str, Any]]] | None:
    """The mappings under ``key`` in one file, each labelled by its id; None if the file is unreadable."""
    document, problems = load_yaml_file(path, name)
    issues.extend(problems)
    if problems:
        return None
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        issues.append(Issue(name, None, f"expected a top-level {key!r} list"))
        return None
    items = []
    for position, raw in enumerate(document[key], start=1):
        if not isinstance(raw, dict):
            issues.append(Issue(name, f"item #{position}", "each item must be a mapping of fields"))
            continue
        label = raw["id"] if isinstance(raw.get("id"), str) and raw["id"] else f"item #{position}"
        if label.startswith("item #"):
            issues.append(Issue(name, label, "missing 'id'"))
        items.append((label, raw))
    return items


CLAIM_PAIR_FIELDS = set(PAIR_KEYS)
QUESTION_FIELDS = set(QUESTION_KEYS)
SOURCE_FIELDS = {"id", "file", "title", "author", "short_name", "kind", "date", "citation", "about", "layout"}


def _read_content(
    r: _ItemReader, fields: tuple[ContentField, ...], draft: bool = False, silent_sides: bool = False
) -> dict[str, Any]:
    """Every field of ``fields`` under the files' keys, as read (None where missing or unreadable)."""
    values: dict[str, Any] = {}
    for key in keys(fields):
        parts = [f for f in fields if f.key == key]
        field, may_wait = parts[0], draft and any(f.draft_may_omit for f in parts)
        if field.read == QUOTE:
            values[key] = r.quote(key, allow_empty=may_wait, allow_silent=silent_sides)
        elif field.read == TEXTS:
            values[key] = r.text_list(key)
        elif field.read == ANSWER and is_type(values.get("type") or "", "boolean_answer"):
            values[key] = r.raw.get(key)
            if not isinstance(values[key], bool):
                r.problem(f"a {values['type']} answer must be true or false")
        else:
            values[key] = r.text(key, required=field.read != OPTIONAL and not may_wait)
    return values


def _with_empties(values: dict[str, Any], fields: tuple[ContentField, ...]) -> dict[str, Any]:
    """What the files left out, as each field's empty value."""
    empties = {f.key: f.empty for f in fields}
    return {key: empties[key] if value is None else value for key, value in values.items()}


def _read_claim_pair(label: str, raw: dict[str, Any], file: str, issues: list[Issue]) -> ClaimPairSpec | None:
    before = len(issues)
    r = _ItemReader(raw, file, label, CLAIM_PAIR_FIELDS, issues)
    values = _read_content(r, PAIR_CONTENT, silent_sides=True)
    if len(issues) > before or None in (values["a"], values["b"]):
        return None
    return ClaimPairSpec(id=label, file=file, **_with_empties(values, PAIR_CONTENT))


def _read_question(label: str, raw: dict[str, Any], file: str, issues: list[Issue]) -> QuestionSpec | None:
    before = len(issues)
    r = _ItemReader(raw, file, label, QUESTION_FIELDS, issues)
    status = r.text("status")
    # A draft (imported, say) may wait for its quote and explanation; the validator refuses them published.
    values = _read_content(r, QUESTION_CONTENT, draft=status == "draft")
    if len(issues) > before or None in (values["support"], values["answer"], values["type"]):
        return None
    return QuestionSpec(id=label, status=status or "", file=file, **_with_empties(values, QUESTION_CONTENT))


def _read_sources(root: Path, issues: list[Issue], unreadable: set[str]) -> tuple[SourceDocument, ...]:
    path = root / SOURCES_FILE
    if not path.is_file():
        issues.append(Issue(SOURCES_FILE, None, "missing: a bank needs its sources listed here"))
        return ()
    documents = []
    for label, raw in _items(path, SOURCES_FILE, "sources", issues) or []:
        before = len(issues)
        r = _ItemReader(raw, SOURCES_FILE, label, SOURCE_FIELDS, issues)
        values = {name: r.text(name) for name in SOURCE_FIELDS - {"id", "layout"}}
        layout = r.text("layout", required=False)
        if layout is not None and layout not in LAYOUTS:
            r.problem(f"'layout' is {layout!r}; expected one of {', '.join(LAYOUTS)}")
        if len(issues) > before:
            unreadable.add(label)
            continue
        meta = SourceMeta(id=label, layout=layout, **{k: v or "" for k, v in values.items()})
        try:
            documents.append(read_source_document(meta, path.parent))
        except FileNotFoundError:
            unreadable.add(label)
            issues.append(Issue(SOURCES_FILE, label, f"source file {meta.file!r} not found beside it"))
        except SourceDecodeError as error:
            unreadable.add(label)
            issues.append(Issue(f"sources/{meta.file}", label, str(error)))
    return tuple(documents)


def _yaml_files(root: Path, folder: str) -> list[Path]:
    directory = root / folder
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]) if directory.is_dir() else []


def read_bank(root: Path) -> tuple[BankFiles, list[Issue]]:
    """Read every file of the bank at ``root``; items with structural problems are left out and reported."""
    issues: list[Issue] = []
    if not root.is_dir():
        empty = BankFiles(root, (), (), ())
        return empty, [Issue(str(root), None, "no such bank folder")]
    unreadable_sources: set[str] = set()
    unreadable_pairs: set[str] = set()
    sources = _read_sources(root, issues, unreadable_sources)
    pairs, questions = [], []
    pair_file_unreadable = False
    for path in _yaml_files(root, CLAIM_PAIRS_DIR):
        name = path.relative_to(root).as_posix()
        items = _items(path, name, "claim_pairs", issues)
        pair_file_unreadable |= items is None
        for label, raw in items or []:
            if pair := _read_claim_pair(label, raw, name, issues):
                pairs.append(pair)
            else:
                unreadable_pairs.add(label)
    for path in _yaml_files(root, QUESTIONS_DIR):
        name = path.relative_to(root).as_posix()
        for label, raw in _items(path, name, "questions", issues) or []:
            if question := _read_question(label, raw, name, issues):
                questions.append(question)
    bank = BankFiles(
        root,
        sources,
        tuple(pairs),
        tuple(questions),
        frozenset(unreadable_sources),
        frozenset(unreadable_pairs),
        pair_file_unreadable,
    )
    return bank, issues
