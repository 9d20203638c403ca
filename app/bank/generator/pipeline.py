"""Pure: two source files in, a complete draft bank folder out, in the same format as question_bank/.

parse -> sentences -> answerable spans -> claim-pair suggestions -> questions -> filters -> validation.
Everything written is a draft (status: draft, origin: generated): a person reviews it before learners
see any of it.
"""

import random
import re
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.bank.generator.attribution import DraftPair, both_questions, neither_questions, pair_questions
from app.bank.generator.questions import DraftQuestion, QuestionMaker, SourceSentence, readable
from app.bank.generator.spans import build_people_index, find_spans
from app.bank.generator.suggesters import DEFAULT_SUGGESTER, build_suggester
from app.bank.generator.vector_store import VectorStore
from app.bank.schema import Issue
from app.bank.validator import validate_bank
from app.bank.yamlio import read_bank
from app.sources.parser import ParsedText, collapse_whitespace, decode_source, parse_text

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class GeneratedSource:
    id: str
    path: Path
    parsed: ParsedText
    title: str
    short_name: str
    sentences: list[SourceSentence] = field(default_factory=list)


@dataclass
class GenerationReport:
    seconds: float
    sentences: dict[str, int]
    without_counterpart: dict[str, int]
    pairs: int
    confident_pairs: int
    questions: Counter[str]
    issues: list[Issue]
    suggester: str = DEFAULT_SUGGESTER  # the ranking that ran


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:40] or "source"


def _default_title(path: Path, letter: str) -> str:
    """A readable name until a person fills in sources.yaml: the file's words, or "Text A"."""
    words = re.findall(r"[A-Za-z]{2,}", path.stem)
    return " ".join(words).capitalize() if len(words) >= 2 else f"Text {letter}"


def _load(path: Path, taken: set[str], letter: str) -> GeneratedSource:
    text = decode_source(path.read_bytes(), str(path))
    parsed = parse_text(text)
    source_id = slug(path.stem)
    while source_id in taken:
        source_id += "-2"
    taken.add(source_id)
    title = parsed.title or _default_title(path, letter)
    short = " ".join(title.split()[:6]) + ("…" if len(title.split()) > 6 else "")
    source = GeneratedSource(source_id, path, parsed, title, f"“{short}”")
    verbatim = collapse_whitespace(text)
    for passage in parsed.passages:
        for sentence in passage.sentences:
            if sentence.text not in verbatim:
                continue  # it runs through footnote markup: not a quote the bank could ground
            source.sentences.append(
                SourceSentence(source_id, source.short_name, sentence.text, passage.heading, passage.text)
            )
    return source


def _suggest_pairs(
    a: GeneratedSource, b: GeneratedSource, suggester_name: str, store: VectorStore | None
) -> tuple[dict[tuple[str, str], DraftPair], dict[str, DraftPair]]:
    """Best counterpart of every readable sentence, both ways; sentences with none stay unpaired."""

    def build(*texts: list[str]) -> Any:
        return build_suggester(suggester_name, *texts, store=store)

    texts_a, texts_b = [s.text for s in a.sentences], [s.text for s in b.sentences]
    paragraphs_a, paragraphs_b = [s.paragraph for s in a.sentences], [s.paragraph for s in b.sentences]
    pairs: dict[tuple[str, str], DraftPair] = {}
    by_sentence: dict[str, DraftPair] = {}
    for own, other, suggester, a_side in (
        (a, b, build(texts_a, texts_b, paragraphs_a, paragraphs_b), True),
        (b, a, build(texts_b, texts_a, paragraphs_b, paragraphs_a), False),
    ):
        for sentence in own.sentences:
            if not readable(sentence.text):
                continue
            best = suggester.suggest(sentence.text, k=1)
            if not best:
                continue
            match = other.sentences[best[0].candidate_index]
            first, second = (sentence, match) if a_side else (match, sentence)
            key = (first.text, second.text)
            if key not in pairs:
                pairs[key] = DraftPair(
                    f"gen-pair-{len(pairs) + 1:03d}", first, second, best[0].score, best[0].confident
                )
            by_sentence.setdefault(sentence.text, pairs[key])
    return pairs, by_sentence


def _pair_entry(pair: DraftPair) -> dict[str, Any]:
    if pair.relation == "corroborates":
        rationale = f"{pair.note}; check that the two make the same claim, then write the rationale."
    else:
        rationale = (
            f"Suggested by shared wording (score {pair.score:.2f}); check that both claims are about the "
            "same point, then set the relation and write the rationale."
        )
    return {
        "id": pair.id,
        "topic": "suggested automatically" + ("" if pair.confident else " (low confidence)"),
        "a": {"source": pair.a.source_id, "quote": pair.a.text},
        "b": {"source": pair.b.source_id, "quote": pair.b.text},
        "relation": pair.relation,
        "rationale": rationale,
        "status": "draft",
    }


def _source_entry(source: GeneratedSource) -> dict[str, Any]:
    return {
        "id": source.id,
        "file": source.path.name,
        "title": source.title,
        "author": "Unknown: fill in who wrote or issued this text",
        "short_name": source.short_name,
        "kind": "Unknown: fill in the kind of text",
        "date": "Unknown: fill in when it was written",
        "citation": source.path.name,
        "about": "Not yet described: say who produced this text, for whom, and why, before learners see it.",
    }


def _question_entry(question: DraftQuestion) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": question.id, "type": question.type, "prompt": question.prompt}
    if question.choices is not None:
        entry["choices"] = question.choices
    entry["answer"] = question.answer
    if question.accepted_answers:
        entry["accepted_answers"] = question.accepted_answers
    entry["explanation"] = question.explanation
    entry["support"] = {"source": question.support.source_id, "quote": question.support.text}
    if question.claim_pair:
        entry["claim_pair"] = question.claim_pair
    if question.support.heading:
        entry["section"] = question.support.heading
    entry.update(skill=question.skill, tags=question.tags, origin="generated", status="draft")
    return entry


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")


def generate_bank(
    file_a: Path,
    file_b: Path,
    out: Path,
    seed: int = 0,
    suggester: str = DEFAULT_SUGGESTER,
    vector_store: VectorStore | None = None,
) -> GenerationReport:
    """Write a draft bank for two sources into ``out`` and check it with the bank's own validator.

    ``suggester`` picks the claim-pair ranking: "semantic" (the default; raises SemanticUnavailable when
    not installed, see ``suggesters.choose``) or "lexical". ``vector_store`` keeps sentence vectors
    between runs, so a second run on the same texts skips the encoder.
    """
    began = time.perf_counter()
    taken: set[str] = set()
    a, b = _load(file_a, taken, "A"), _load(file_b, taken, "B")
    sentences = a.sentences + b.sentences
    people = build_people_index([p.text for s in (a, b) for p in s.parsed.passages])
    spans_by_sentence = {s.text: find_spans(s.text, people) for s in sentences}
    pool = [span for spans in spans_by_sentence.values() for span in spans]
    common = {w for s in sentences for w in re.findall(r"\b[a-z][a-z’'-]*\b", s.text)}
    maker = QuestionMaker(people, pool, common, random.Random(seed))
    pair_by_texts, pair_of = _suggest_pairs(a, b, suggester, vector_store)
    questions = [q for s in sentences for q in maker.for_sentence(s)]
    for question in questions:
        if (pair := pair_of.get(question.support.text)) is not None:
            question.claim_pair = pair.id
    names = {a.id: a.short_name, b.id: b.short_name}
    questions += pair_questions(list(pair_by_texts.values()), maker, names)
    questions += both_questions(a.sentences, b.sentences, spans_by_sentence, maker, names, pair_by_texts)
    questions += neither_questions(sentences, maker, pool, spans_by_sentence)
    pairs = list(pair_by_texts.values())

    (out / "sources").mkdir(parents=True, exist_ok=True)
    for source in (a, b):
        shutil.copyfile(source.path, out / "sources" / source.path.name)
    _dump(out / "sources" / "sources.yaml", {"sources": [_source_entry(a), _source_entry(b)]})
    _dump(out / "claim_pairs" / "suggested.yaml", {"claim_pairs": [_pair_entry(pair) for pair in pairs]})
    for source in (a, b):
        own = [_question_entry(q) for q in questions if q.support.source_id == source.id]
        _dump(out / "questions" / f"{source.id}.yaml", {"questions": own})

    bank, issues = read_bank(out)
    issues += validate_bank(bank)
    paired = {pair.a.text for pair in pairs} | {pair.b.text for pair in pairs}
    return GenerationReport(
        seconds=time.perf_counter() - began,
        sentences={s.id: len(s.sentences) for s in (a, b)},
        without_counterpart={s.id: sum(1 for x in s.sentences if x.text not in paired) for s in (a, b)},
        pairs=len(pairs),
        confident_pairs=sum(p.confident for p in pairs),
        questions=Counter(q.type for q in questions),
        issues=issues,
        suggester=suggester,
    )
