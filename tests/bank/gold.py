"""Gold claim pairs: read the human judgements, check them against the parser, score a pair suggester.

The gold file (``tests/data/gold/dprk_weathersby.yaml``, rules in the README beside it) says, for every
sentence of source A, which sentences of source B make a claim about the same point, ranked, or that B is
silent on it. ``evaluate`` runs any suggester over those sentences and returns its figures as a plain dict,
so a test, a report command or a benchmark can all call it:

    from app.bank.generator.pairs import PairSuggester
    from tests.bank.gold import evaluate, format_report
    print(format_report(evaluate(PairSuggester)))

or, from the repository root, ``.venv/bin/python -m tests.bank.gold``.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from app.bank.yamlio import StrictLoader
from app.config import DEFAULT_BANK_DIR
from app.sources.parser import decode_source, parse_text

GOLD_DIR = Path(__file__).resolve().parent.parent / "data" / "gold"
GOLD_FILE = GOLD_DIR / "dprk_weathersby.yaml"
RELATIONS = ("contradicts", "qualifies", "corroborates")
MAX_COUNTERPARTS = 3
K = 3  # suggestions asked for per sentence; hit@3 looks at all of them


class GoldError(ValueError):
    """The gold file cannot be read as gold at all (not YAML, or the wrong shape)."""


@dataclass(frozen=True)
class Counterpart:
    b: str
    relation: str
    note: str


@dataclass(frozen=True)
class Judgement:
    a: str
    counterparts: tuple[Counterpart, ...]
    note: str  # why B is silent; may be empty when there are counterparts (each carries its own note)


@dataclass(frozen=True)
class Gold:
    source_a: str
    source_b: str
    judgements: tuple[Judgement, ...]
    sentences_a: tuple[str, ...]  # every parser sentence of each source, in order
    sentences_b: tuple[str, ...]

    @property
    def with_counterparts(self) -> tuple[Judgement, ...]:
        return tuple(j for j in self.judgements if j.counterparts)

    @property
    def without_counterparts(self) -> tuple[Judgement, ...]:
        return tuple(j for j in self.judgements if not j.counterparts)


class Suggestion(Protocol):
    candidate_index: int
    text: str
    score: float
    confident: bool


class Suggester(Protocol):
    def suggest(self, sentence: str, k: int = 3) -> Sequence[Suggestion]: ...


SuggesterFactory = Callable[[Sequence[str], Sequence[str]], Suggester]


def _parsed_source(source_id: str, bank_dir: Path = DEFAULT_BANK_DIR) -> Any:
    manifest = yaml.safe_load((bank_dir / "sources" / "sources.yaml").read_text(encoding="utf-8"))
    files = {entry["id"]: entry["file"] for entry in manifest["sources"]}
    if source_id not in files:
        raise GoldError(f"unknown source id {source_id!r}; the bank has {sorted(files)}")
    path = bank_dir / "sources" / files[source_id]
    return parse_text(decode_source(path.read_bytes(), str(path)))


def source_sentences(source_id: str, bank_dir: Path = DEFAULT_BANK_DIR) -> tuple[str, ...]:
    """The parser's sentences of one source of the bank, exactly as the app splits them."""
    return tuple(s.text for p in _parsed_source(source_id, bank_dir).passages for s in p.sentences)


def source_paragraphs(source_id: str, bank_dir: Path = DEFAULT_BANK_DIR) -> tuple[str, ...]:
    """For each sentence (same order as ``source_sentences``), the text of its passage."""
    return tuple(p.text for p in _parsed_source(source_id, bank_dir).passages for _s in p.sentences)


def with_paragraphs(suggester_class: Callable[..., Any]) -> SuggesterFactory:
    """A factory building ``suggester_class`` as ``bank generate`` does: each sentence with its paragraph."""

    def build(sentences_a: Sequence[str], sentences_b: Sequence[str]) -> Any:
        paragraphs = {}
        for source_id in ("dprk", "weathersby"):
            paragraphs.update(zip(source_sentences(source_id), source_paragraphs(source_id), strict=True))
        return suggester_class(
            sentences_a,
            sentences_b,
            [paragraphs[s] for s in sentences_a],
            [paragraphs[s] for s in sentences_b],
        )

    return build


def suggester_with_paragraphs(sentences_a: Sequence[str], sentences_b: Sequence[str]) -> Any:
    """The lexical suggester as ``bank generate`` builds it by default."""
    from app.bank.generator.pairs import PairSuggester

    return with_paragraphs(PairSuggester)(sentences_a, sentences_b)


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise GoldError(f"{where}: {key!r} must be a string, not {type(value).__name__}")
    return value


def load_gold(path: Path = GOLD_FILE, bank_dir: Path = DEFAULT_BANK_DIR) -> Gold:
    """Read the gold file and the two sources it is about; raise GoldError only if its shape is wrong.

    Content mistakes (a sentence that is not the parser's, a missing judgement, an unknown relation) are
    left for ``gold_problems``, which lists them all at once.
    """
    try:
        # The strict loader refuses duplicate keys: in a hand-edited file they hide a mistake.
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)
    except yaml.YAMLError as error:
        raise GoldError(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(raw, dict) or not isinstance(raw.get("judgements"), list):
        raise GoldError(f"{path.name}: expected a mapping with source_a, source_b and a list of judgements")
    judgements = []
    for number, entry in enumerate(raw["judgements"]):
        where = f"judgement {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("counterparts"), list):
            raise GoldError(f"{where}: expected a mapping with 'a' and a list of 'counterparts'")
        counterparts = []
        for rank, item in enumerate(entry["counterparts"]):
            if not isinstance(item, dict):
                raise GoldError(f"{where}, counterpart {rank}: expected a mapping with b, relation, note")
            counterparts.append(
                Counterpart(
                    b=_text(item, "b", where),
                    relation=_text(item, "relation", where),
                    note=_text(item, "note", where),
                )
            )
        judgements.append(
            Judgement(
                a=_text(entry, "a", where), counterparts=tuple(counterparts), note=_text(entry, "note", where)
            )
        )
    source_a, source_b = str(raw.get("source_a", "")), str(raw.get("source_b", ""))
    return Gold(
        source_a=source_a,
        source_b=source_b,
        judgements=tuple(judgements),
        sentences_a=source_sentences(source_a, bank_dir),
        sentences_b=source_sentences(source_b, bank_dir),
    )


def gold_problems(gold: Gold) -> list[str]:
    """Every way the gold disagrees with the parser or the rules in the README; [] means it is usable."""
    problems = []
    known_a, known_b = set(gold.sentences_a), set(gold.sentences_b)
    judged: dict[str, int] = {}
    for number, judgement in enumerate(gold.judgements):
        where = f"judgement {number} ({judgement.a[:50]!r})"
        if judgement.a not in known_a:
            problems.append(f"{where}: 'a' is not a sentence of {gold.source_a} as the parser splits it")
        judged[judgement.a] = judged.get(judgement.a, 0) + 1
        if not judgement.counterparts and not judgement.note.strip():
            problems.append(f"{where}: no counterparts, so a note must say why the paper is silent")
        if len(judgement.counterparts) > MAX_COUNTERPARTS:
            problems.append(
                f"{where}: {len(judgement.counterparts)} counterparts, at most {MAX_COUNTERPARTS}"
            )
        if "\n" in judgement.note:
            problems.append(f"{where}: the note must be one line")
        seen_b: set[str] = set()
        for rank, counterpart in enumerate(judgement.counterparts):
            at = f"{where}, counterpart {rank}"
            if counterpart.b not in known_b:
                problems.append(f"{at}: 'b' is not a sentence of {gold.source_b} as the parser splits it")
            if counterpart.b in seen_b:
                problems.append(f"{at}: the same 'b' is listed twice")
            seen_b.add(counterpart.b)
            if counterpart.relation not in RELATIONS:
                problems.append(
                    f"{at}: relation {counterpart.relation!r} is not one of {', '.join(RELATIONS)}"
                )
            if not counterpart.note.strip() or "\n" in counterpart.note:
                problems.append(f"{at}: every counterpart needs a one-line note")
    for sentence in gold.sentences_a:
        count = judged.get(sentence, 0)
        if count != 1:
            problems.append(f"{gold.source_a} sentence {sentence[:50]!r} is judged {count} times, not once")
    return problems


def _share(hits: int, total: int) -> float:
    if total == 0:
        raise ValueError("the gold needs sentences both with and without counterparts to be scored")
    return hits / total


def evaluate(suggester_factory: SuggesterFactory, gold: Gold | None = None) -> dict[str, Any]:
    """Score a suggester on the gold. ``suggester_factory(sentences_a, sentences_b)`` builds it.

    Per sentence of A, the suggester is asked for ``K`` suggestions, best first:

    - with gold counterparts: ``top1`` when the first suggestion is one of them (precision@1), ``hit``
      when any of the suggestions is (hit@3); an empty answer is a miss on both;
    - without: ``abstained`` when it suggests nothing, or nothing it marks ``confident``.

    ``overall`` is the share of all judged sentences handled right: top-1 correct where the paper has a
    counterpart, abstained where it does not.
    """
    gold = gold or load_gold()
    suggester = suggester_factory(list(gold.sentences_a), list(gold.sentences_b))
    index_a = {text: i for i, text in enumerate(gold.sentences_a)}
    index_b = {text: i for i, text in enumerate(gold.sentences_b)}
    rows = []
    for judgement in gold.judgements:
        suggestions = list(suggester.suggest(judgement.a, k=K))[:K]
        suggested = [gold.sentences_b[s.candidate_index] for s in suggestions]
        expected = {c.b for c in judgement.counterparts}
        row: dict[str, Any] = {
            "a_index": index_a.get(judgement.a),
            "a": judgement.a,
            "expected": [index_b.get(c.b) for c in judgement.counterparts],
            "suggested": [s.candidate_index for s in suggestions],
            "confident": [bool(s.confident) for s in suggestions],
            "has_counterpart": bool(expected),
        }
        if expected:
            row["top1"] = bool(suggested) and suggested[0] in expected
            row["hit"] = any(text in expected for text in suggested)
        else:
            row["abstained"] = not any(s.confident for s in suggestions)
        rows.append(row)
    with_rows = [r for r in rows if r["has_counterpart"]]
    without_rows = [r for r in rows if not r["has_counterpart"]]
    top1 = sum(r["top1"] for r in with_rows)
    hits = sum(r["hit"] for r in with_rows)
    abstained = sum(r["abstained"] for r in without_rows)
    return {
        "source_a": gold.source_a,
        "source_b": gold.source_b,
        "judged": len(rows),
        "with_counterpart": len(with_rows),
        "without_counterpart": len(without_rows),
        "top1_correct": top1,
        "hit_at_3_count": hits,
        "abstained_count": abstained,
        "precision_at_1": _share(top1, len(with_rows)),
        "hit_at_3": _share(hits, len(with_rows)),
        "no_counterpart_accuracy": _share(abstained, len(without_rows)),
        "overall": _share(top1 + abstained, len(rows)),
        "per_sentence": rows,
    }


def format_report(result: dict[str, Any], per_sentence: bool = True) -> str:
    """A short plain-text report of ``evaluate``'s result, for a terminal or a CI log."""
    lines = [
        f"Gold claim pairs {result['source_a']} -> {result['source_b']}: "
        f"{result['judged']} sentences judged, "
        f"{result['with_counterpart']} with counterparts, {result['without_counterpart']} without",
        f"  precision@1             {result['precision_at_1']:.3f}  "
        f"({result['top1_correct']}/{result['with_counterpart']})",
        f"  hit@3                   {result['hit_at_3']:.3f}  "
        f"({result['hit_at_3_count']}/{result['with_counterpart']})",
        f"  no-counterpart accuracy {result['no_counterpart_accuracy']:.3f}  "
        f"({result['abstained_count']}/{result['without_counterpart']})",
        f"  overall                 {result['overall']:.3f}  "
        f"({result['top1_correct'] + result['abstained_count']}/{result['judged']})",
    ]
    if per_sentence:
        lines.append("  per sentence (A index: gold B indices | suggested, * = confident):")
        for row in result["per_sentence"]:
            suggested = " ".join(
                f"{i}{'*' if sure else ''}"
                for i, sure in zip(row["suggested"], row["confident"], strict=True)
            )
            gold = " ".join(str(i) for i in row["expected"]) or "none"
            if row["has_counterpart"]:
                verdict = "top1" if row["top1"] else ("hit@3" if row["hit"] else "miss")
            else:
                verdict = "abstained" if row["abstained"] else "false pair"
            lines.append(f"    {row['a_index']:>3}: {gold:<12} | {suggested or '-':<16} {verdict}")
    return "\n".join(lines)


if __name__ == "__main__":
    from app.bank.generator.pairs import PairSuggester

    print("Sentences alone:")
    print(format_report(evaluate(PairSuggester), per_sentence=False))
    print("Sentences with their paragraphs (as bank generate uses it):")
    print(format_report(evaluate(suggester_with_paragraphs)))
