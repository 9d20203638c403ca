"""A draft bank for two stored sources, made by the generator and stored as drafts in one transaction.

The generator works on files, so the two texts are written from the database into a temporary folder and
its bank is read back. Ids get a prefix naming both sources, so they never clash with other items, and a
second run finds its own drafts again: an untouched draft is updated, anything a person edited, published
or retired is left exactly as it is.
"""

import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.bank.content import pair_content_of_spec, question_content_of_spec
from app.bank.generator.pipeline import SourceFacts, generate_bank
from app.bank.generator.suggesters import choose
from app.bank.models import CURRENT_REVISION, ClaimPair, ClaimPairRevision, Question, QuestionRevision
from app.bank.schema import ClaimPairSpec, QuestionSpec
from app.bank.types import is_type
from app.bank.validator import errors_in
from app.bank.vectors import database_store
from app.bank.versioning import append_revision
from app.bank.yamlio import read_bank
from app.sources.models import Source

GENERATOR = "generator"
DRAFT = "draft"
ID_MAX = 120
# The generator names its sources after the files; these names are mapped back to the stored sources.
FILE_IDS = ("source-a", "source-b")


class GenerationRefused(ValueError):
    """The two sources cannot be generated from; nothing was stored."""


@dataclass
class GenerationResult:
    prefix: str
    seconds: float
    pairs: Counter[str] = field(default_factory=Counter)  # created, updated, unchanged, left alone
    questions: Counter[str] = field(default_factory=Counter)
    note: str = ""  # for the teacher: why the pairs are ranked by shared words only, when they are


def draft_prefix(first_id: str, second_id: str) -> str:
    """``gen-<a>-vs-<b>-``: the ids of one pair of sources' drafts, in either order of choosing."""
    a, b = sorted((first_id, second_id))
    return f"gen-{a}-vs-{b}-"


def generate_drafts(session: Session, first: Source, second: Source, seed: int = 0) -> GenerationResult:
    """Run the generator on two stored sources and store its bank as drafts; the caller commits."""
    if first.id == second.id:
        raise GenerationRefused("Choose two different sources.")
    a, b = sorted((first, second), key=lambda source: source.id)
    for source in (a, b):
        if source.text is None:
            raise GenerationRefused(
                f"The text of “{source.title}” is not in the database yet; run `flask --app app bank load`."
            )
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="counterpoint-generate-") as folder:
        root = Path(folder)
        (root / "in").mkdir()
        paths = []
        for name, source in zip(FILE_IDS, (a, b), strict=True):
            path = root / "in" / f"{name}.txt"
            path.write_text(source.text or "", encoding="utf-8")
            paths.append(path)
        # The teacher's title, author and short name, not a guess from the text, name the sources in prompts.
        facts = tuple(SourceFacts(s.title, s.author, s.short_name) for s in (a, b))
        choice = choose()
        store = database_store(session) if choice.name == "semantic" else None
        report = generate_bank(
            paths[0],
            paths[1],
            root / "bank",
            seed=seed,
            suggester=choice.name,
            facts=(facts[0], facts[1]),
            vector_store=store,
        )
        errors = errors_in(report.issues)
        if errors:
            raise GenerationRefused(f"The generated bank failed its own check: {errors[0]}")
        bank, _ = read_bank(root / "bank")
    names = {doc.meta.id: doc.meta.short_name for doc in bank.sources}
    mapping = _Mapping(draft_prefix(a.id, b.id), {FILE_IDS[0]: a, FILE_IDS[1]: b}, names)
    result = GenerationResult(prefix=mapping.prefix, seconds=0.0, note=choice.note)
    _store_pairs(session, [mapping.pair(spec) for spec in bank.claim_pairs], result.pairs)
    session.flush()
    _store_questions(session, [mapping.question(spec) for spec in bank.questions], result.questions)
    session.flush()
    result.seconds = time.perf_counter() - began
    return result


@dataclass
class _Mapping:
    """From the generator's names (file ids, its own short names) to the stored sources'."""

    prefix: str
    sources: dict[str, Source]
    generated_names: dict[str, str]

    def id(self, generated: str) -> str:
        rest = generated.removeprefix("gen-")
        for file_id, source in self.sources.items():
            if rest.startswith(file_id + "-"):
                rest = source.id + rest.removeprefix(file_id)
                break
        new = self.prefix + rest
        if len(new) > ID_MAX:
            raise GenerationRefused(f"The source ids are too long for the generated ids ({new[:40]}…).")
        return new

    def source(self, generated: str) -> str:
        return self.sources[generated].id if generated in self.sources else generated

    def words(self, text: str) -> str:
        """Prompts name a source as the teacher described it, not by the generator's guess from the file."""
        for file_id, name in self.generated_names.items():
            text = text.replace(name, self.sources[file_id].short_name)
        return text

    def pair(self, spec: ClaimPairSpec) -> dict[str, Any]:
        content = pair_content_of_spec(spec)
        content["id"] = self.id(spec.id)
        content["a_source_id"] = self.source(spec.a.source)
        content["b_source_id"] = self.source(spec.b.source)
        content["rationale"] = self.words(spec.rationale)  # it names the sources, as prompts do
        content["status"] = DRAFT
        return content

    def question(self, spec: QuestionSpec) -> dict[str, Any]:
        content = question_content_of_spec(spec)
        content["id"] = self.id(spec.id)
        content["support_source_id"] = self.source(spec.support.source)
        content["claim_pair_id"] = self.id(spec.claim_pair) if spec.claim_pair else None
        if isinstance(spec.answer, str):
            content["answer"] = self.source(spec.answer) if is_type(spec.type, "by_source") else spec.answer
            content["answer"] = self.words(content["answer"])
        content["prompt"] = self.words(spec.prompt)
        content["explanation"] = self.words(spec.explanation)
        return content


def _edited_by_people(session: Session, model: Any, key: Any, ids: list[str]) -> set[str]:
    """Ids with a revision someone other than the generator saved: a person's work, never overwritten."""
    if not ids:
        return set()
    return set(session.scalars(select(key).where(key.in_(ids), model.author != GENERATOR).distinct()))


def _store_pairs(session: Session, pairs: list[dict[str, Any]], counts: Counter[str]) -> None:
    ids = [p["id"] for p in pairs]
    existing = {p.id: p for p in session.scalars(select(ClaimPair).where(ClaimPair.id.in_(ids)))}
    edited = _edited_by_people(session, ClaimPairRevision, ClaimPairRevision.claim_pair_id, ids)
    latest = dict(
        session.execute(
            select(ClaimPairRevision.claim_pair_id, func.max(ClaimPairRevision.number))
            .where(ClaimPairRevision.claim_pair_id.in_(ids))
            .group_by(ClaimPairRevision.claim_pair_id)
        ).all()
    )
    for values in pairs:
        pair = existing.get(values["id"])
        content = {k: v for k, v in values.items() if k != "id"}
        if pair is None:
            pair = ClaimPair(id=values["id"])
            session.add(pair)
            append_revision(session, pair, GENERATOR, "generated", content)
            counts["created"] += 1
        elif pair.status != DRAFT or pair.id in edited:
            counts["left alone"] += 1
        elif pair.current_content() != content:
            number = latest.get(pair.id, 0) + 1
            append_revision(session, pair, GENERATOR, "generated again", content, number=number)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1


def _store_questions(session: Session, questions: list[dict[str, Any]], counts: Counter[str]) -> None:
    ids = [q["id"] for q in questions]
    existing = {q.id: q for q in session.scalars(select(Question).where(Question.id.in_(ids)))}
    edited = _edited_by_people(session, QuestionRevision, QuestionRevision.question_id, ids)
    for values in questions:
        content = {k: v for k, v in values.items() if k != "id"}
        question = existing.get(values["id"])
        if question is None:
            question = Question(id=values["id"], status=DRAFT)
            session.add(question)
            append_revision(session, question, GENERATOR, "generated", content)
            counts["created"] += 1
        elif question.status != DRAFT or question.id in edited:
            counts["left alone"] += 1
        elif question.current_content() != content:
            append_revision(session, question, GENERATOR, "generated again", content)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1


def drafts_by_type(session: Session, prefix: str) -> dict[str, Counter[str]]:
    """The questions one generation made, by kind and then status, as the bank holds them now."""
    rows = session.execute(
        select(QuestionRevision.type, Question.status, func.count())
        .join(Question, CURRENT_REVISION)
        .where(Question.id.startswith(prefix, autoescape=True))
        .group_by(QuestionRevision.type, Question.status)
    )
    found: dict[str, Counter[str]] = {}
    for kind, status, count in rows:
        found.setdefault(kind, Counter())[status] = count
    return found


def pairs_with_prefix(session: Session, prefix: str) -> Counter[str]:
    rows = session.execute(
        select(ClaimPair.status, func.count())
        .where(ClaimPair.id.startswith(prefix, autoescape=True))
        .group_by(ClaimPair.status)
    )
    return Counter({status: count for status, count in rows})
