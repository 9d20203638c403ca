"""The four real texts, their people and the small helpers the span tests share."""

from functools import cache
from pathlib import Path

from app.bank.generator.spans import PeopleIndex, Span, build_people_index, find_spans
from app.sources.parser import decode_source, parse_text

ROOT = Path(__file__).resolve().parents[2]
DPRK_FILE = ROOT / "question_bank" / "sources" / "000_33bd84a31d842da9.txt"
PAPER_FILE = ROOT / "question_bank" / "sources" / "003_f1b226380e4620e3.txt"
LEXINGTON = ROOT / "tests" / "data" / "lexington-1775"
GAGE_FILE = LEXINGTON / "gage-circumstantial-account.txt"
NARRATIVE_FILE = LEXINGTON / "provincial-congress-narrative.txt"
NOBODY = PeopleIndex(frozenset(), {})


@cache
def passages(path: Path) -> tuple[str, ...]:
    return tuple(p.text for p in parse_text(decode_source(path.read_bytes(), str(path))).passages)


@cache
def sentences(path: Path) -> tuple[str, ...]:
    parsed = parse_text(decode_source(path.read_bytes(), str(path)))
    return tuple(s.text for p in parsed.passages for s in p.sentences)


@cache
def korea_people() -> PeopleIndex:
    return build_people_index(passages(DPRK_FILE) + passages(PAPER_FILE))


@cache
def lexington_people() -> PeopleIndex:
    return build_people_index(passages(GAGE_FILE) + passages(NARRATIVE_FILE))


def sentence_with(path: Path, fragment: str) -> str:
    matches = [s for s in sentences(path) if fragment in s]
    assert len(matches) == 1, f"{fragment!r} is in {len(matches)} sentences of {path.name}"
    return matches[0]


def spans_of(sentence: str, people: PeopleIndex = NOBODY, kind: str | None = None) -> list[Span]:
    return [s for s in find_spans(sentence, people) if kind is None or s.kind == kind]


def span_at(sentence: str, text: str, people: PeopleIndex = NOBODY) -> Span:
    found = [s for s in find_spans(sentence, people) if s.text == text]
    assert len(found) == 1, f"{text!r} not found once in {[s.text for s in find_spans(sentence, people)]}"
    return found[0]


def texts(spans: list[Span]) -> list[str]:
    return [s.text for s in spans]
