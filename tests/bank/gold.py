"""Gold claim pairs: read the human judgements, check them against the parser, score a pair suggester.

Each gold file in ``tests/data/gold/`` (rules in the README beside them) says, for every sentence of
source A, which sentences of source B make a claim about the same point, ranked, or that B is silent on it.
A source is named either by its id in the shipped bank (``source_a: dprk``) or by a file in the repository
(``file_a: tests/data/lexington-1775/gage-circumstantial-account.txt``). For a question-and-answer
transcript, ``answer_labels_a`` (or ``_b``) names the labels that open the witness's turns: only those
sentences are claims, so only they are judged on side A and only they may be counterparts on side B.
``evaluate`` runs any suggester over a gold file and returns its figures as a plain dict, so a test, a report
command or a benchmark can all call it:

    from app.bank.generator.pairs import PairSuggester
    from tests.bank.gold import evaluate, format_report, gold_files, load_gold
    for path in gold_files():
        print(format_report(evaluate(PairSuggester, load_gold(path))))

or, from the repository root, ``.venv/bin/python -m tests.bank.gold``.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import yaml

from app.bank.yamlio import StrictLoader
from app.config import DEFAULT_BANK_DIR
from app.sources.parser import collapse_whitespace, decode_source, parse_text
from tests.bank.speaker_turns import match_key, witness_answer_flags

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO_ROOT / "tests" / "data" / "gold"
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
    source_a: str  # a bank id or a repository path, for reports
    source_b: str
    judgements: tuple[Judgement, ...]
    sentences_a: tuple[str, ...]  # every parser sentence of each source, in order: what a suggester sees
    sentences_b: tuple[str, ...]
    paragraphs_a: tuple[str, ...] = ()  # each sentence's passage text, same order
    paragraphs_b: tuple[str, ...] = ()
    claims_a: tuple[str, ...] = ()  # the sentences that must be judged: all of A, or a witness's answers
    claims_b: tuple[str, ...] = ()  # the sentences a counterpart may be
    unplaced: tuple[str, ...] = ()  # transcript sentences that could not be found in their file's turns
    offered_a: tuple[bool, ...] = ()  # per sentence: whether ``bank generate`` may pair it (see claimable)
    offered_b: tuple[bool, ...] = ()
    when_a: tuple[frozenset[int], ...] = ()  # per sentence: the years its narrative is at (narrative_years)
    when_b: tuple[frozenset[int], ...] = ()

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


def _source_path(name: str, bank_dir: Path) -> Path:
    manifest = yaml.safe_load((bank_dir / "sources" / "sources.yaml").read_text(encoding="utf-8"))
    files = {entry["id"]: entry["file"] for entry in manifest["sources"]}
    if name not in files:
        raise GoldError(f"unknown source id {name!r}; the bank has {sorted(files)}")
    return bank_dir / "sources" / files[name]


@dataclass(frozen=True)
class ParsedSource:
    text: str
    sentences: tuple[str, ...]
    paragraphs: tuple[str, ...]
    offered: tuple[bool, ...] = ()  # per sentence: whether ``bank generate`` may pair it at all
    when: tuple[frozenset[int], ...] = ()  # per sentence: the years its narrative is at


def parsed_source(path: Path) -> ParsedSource:
    """One source file as the app reads it: its sentences in order, each with its passage's text."""
    from app.bank.generator.pipeline import claimable, is_transcript
    from app.bank.generator.relation_cues import narrative_years

    text = decode_source(path.read_bytes(), str(path))
    parsed = parse_text(text)
    verbatim = collapse_whitespace(text)
    transcript = is_transcript(parsed)
    rows = [
        (s.text, p.text, claimable(s, transcript) and s.text in verbatim)
        for p in parsed.passages
        for s in p.sentences
    ]
    when = narrative_years([(p.heading, [s.text for s in p.sentences]) for p in parsed.passages])
    return ParsedSource(
        text, tuple(r[0] for r in rows), tuple(r[1] for r in rows), tuple(r[2] for r in rows), tuple(when)
    )


def source_sentences(source_id: str, bank_dir: Path = DEFAULT_BANK_DIR) -> tuple[str, ...]:
    """The parser's sentences of one source of the bank, exactly as the app splits them."""
    return parsed_source(_source_path(source_id, bank_dir)).sentences


def source_paragraphs(source_id: str, bank_dir: Path = DEFAULT_BANK_DIR) -> tuple[str, ...]:
    """For each sentence (same order as ``source_sentences``), the text of its passage."""
    return parsed_source(_source_path(source_id, bank_dir)).paragraphs


def with_paragraphs(suggester_class: Callable[..., Any]) -> SuggesterFactory:
    """A factory building ``suggester_class`` as ``bank generate`` does: each sentence with its paragraph.

    ``evaluate`` sees the ``uses_paragraphs`` mark and passes each gold file's paragraphs along.
    """

    def build(
        sentences_a: Sequence[str],
        sentences_b: Sequence[str],
        paragraphs_a: Sequence[str] = (),
        paragraphs_b: Sequence[str] = (),
    ) -> Any:
        return suggester_class(sentences_a, sentences_b, list(paragraphs_a), list(paragraphs_b))

    build.uses_paragraphs = True  # type: ignore[attr-defined]
    return build


def suggester_with_paragraphs(
    sentences_a: Sequence[str],
    sentences_b: Sequence[str],
    paragraphs_a: Sequence[str] = (),
    paragraphs_b: Sequence[str] = (),
) -> Any:
    """The lexical suggester as ``bank generate`` builds it by default."""
    from app.bank.generator.pairs import PairSuggester

    return with_paragraphs(PairSuggester)(sentences_a, sentences_b, paragraphs_a, paragraphs_b)


suggester_with_paragraphs.uses_paragraphs = True  # type: ignore[attr-defined]


def gold_files(folder: Path = GOLD_DIR) -> list[Path]:
    """Every gold file, in name order: the tests and the report walk all of them."""
    return sorted(folder.glob("*.yaml"))


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str):
        raise GoldError(f"{where}: {key!r} must be a string, not {type(value).__name__}")
    return value


def _side(raw: dict[str, Any], side: str, bank_dir: Path) -> tuple[str, Path, list[str]]:
    """Where one side's source is (a bank id or a repository file) and its witness labels, if a transcript."""
    source_id, file = raw.get(f"source_{side}"), raw.get(f"file_{side}")
    if bool(source_id) == bool(file):
        raise GoldError(f"side {side}: give exactly one of source_{side} (a bank id) or file_{side} (a path)")
    labels = raw.get(f"answer_labels_{side}") or []
    if not isinstance(labels, list) or not all(isinstance(label, str) and label for label in labels):
        raise GoldError(f"answer_labels_{side} must be a list of labels such as ['A.'] or ['-']")
    if source_id:
        return str(source_id), _source_path(str(source_id), bank_dir), labels
    path = REPO_ROOT / str(file)
    if not path.is_file():
        raise GoldError(f"file_{side}: {file} is not a file in the repository")
    return str(file), path, labels


def _claims(source: ParsedSource, labels: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sentences that are claims (all of them, or only a witness's answers) and those not placed."""
    if not labels:
        return source.sentences, ()
    flags, lost = witness_answer_flags(source.text, source.sentences, labels)
    return tuple(s for s, is_answer in zip(source.sentences, flags, strict=True) if is_answer), tuple(lost)


def _judgements(raw: dict[str, Any]) -> tuple[Judgement, ...]:
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
    return tuple(judgements)


def load_gold(path: Path = GOLD_FILE, bank_dir: Path = DEFAULT_BANK_DIR) -> Gold:
    """Read a gold file and the two sources it is about; raise GoldError only if its shape is wrong.

    Content mistakes (a sentence that is not the parser's, a missing judgement, an unknown relation) are
    left for ``gold_problems``, which lists them all at once.
    """
    try:
        # The strict loader refuses duplicate keys: in a hand-edited file they hide a mistake.
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)
    except yaml.YAMLError as error:
        raise GoldError(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(raw, dict) or not isinstance(raw.get("judgements"), list):
        raise GoldError(f"{path.name}: expected a mapping with the two sources and a list of judgements")
    try:
        (name_a, path_a, labels_a), (name_b, path_b, labels_b) = (
            _side(raw, "a", bank_dir),
            _side(raw, "b", bank_dir),
        )
    except GoldError as error:
        raise GoldError(f"{path.name}: {error}") from error
    source_a, source_b = parsed_source(path_a), parsed_source(path_b)
    claims_a, lost_a = _claims(source_a, labels_a)
    claims_b, lost_b = _claims(source_b, labels_b)
    return Gold(
        source_a=name_a,
        source_b=name_b,
        judgements=_judgements(raw),
        sentences_a=source_a.sentences,
        sentences_b=source_b.sentences,
        paragraphs_a=source_a.paragraphs,
        paragraphs_b=source_b.paragraphs,
        claims_a=claims_a,
        claims_b=claims_b,
        unplaced=lost_a + lost_b,
        offered_a=source_a.offered,
        offered_b=source_b.offered,
        when_a=source_a.when,
        when_b=source_b.when,
    )


def _first_by_key(sentences: Sequence[str]) -> dict[str, str]:
    """Each match key with the first parser sentence that has it (a transcript repeats "Yes." often)."""
    found: dict[str, str] = {}
    for sentence in sentences:
        found.setdefault(match_key(sentence), sentence)
    return found


def gold_problems(gold: Gold) -> list[str]:
    """Every way the gold disagrees with the parser or the rules in the README; [] means it is usable.

    Sentences are compared by ``match_key``, so a parser that keeps or drops a transcript's speaker labels
    matches the same gold; any other change to a sentence shows here as an unmatched entry.
    """
    problems = [f"could not place {s[:50]!r} in its file's speaker turns" for s in gold.unplaced]
    claims_a = _first_by_key(gold.claims_a or gold.sentences_a)
    claims_b = _first_by_key(gold.claims_b or gold.sentences_b)
    all_b = {match_key(s) for s in gold.sentences_b}
    judged: dict[str, int] = {}
    for number, judgement in enumerate(gold.judgements):
        where = f"judgement {number} ({judgement.a[:50]!r})"
        key = match_key(judgement.a)
        if key not in claims_a:
            problems.append(f"{where}: 'a' is not a sentence of {gold.source_a} as the parser splits it")
        judged[key] = judged.get(key, 0) + 1
        if not judgement.counterparts and not judgement.note.strip():
            problems.append(f"{where}: no counterparts, so a note must say why the other source is silent")
        if len(judgement.counterparts) > MAX_COUNTERPARTS:
            problems.append(
                f"{where}: {len(judgement.counterparts)} counterparts, at most {MAX_COUNTERPARTS}"
            )
        if "\n" in judgement.note:
            problems.append(f"{where}: the note must be one line")
        seen_b: set[str] = set()
        for rank, counterpart in enumerate(judgement.counterparts):
            at = f"{where}, counterpart {rank}"
            key_b = match_key(counterpart.b)
            if key_b not in all_b:
                problems.append(f"{at}: 'b' is not a sentence of {gold.source_b} as the parser splits it")
            elif key_b not in claims_b:
                problems.append(f"{at}: 'b' is a question, not the witness's answer, so it is not a claim")
            if key_b in seen_b:
                problems.append(f"{at}: the same 'b' is listed twice")
            seen_b.add(key_b)
            if counterpart.relation not in RELATIONS:
                problems.append(
                    f"{at}: relation {counterpart.relation!r} is not one of {', '.join(RELATIONS)}"
                )
            if not counterpart.note.strip() or "\n" in counterpart.note:
                problems.append(f"{at}: every counterpart needs a one-line note")
    for key, sentence in claims_a.items():
        count = judged.get(key, 0)
        if count != 1:
            problems.append(f"{gold.source_a} sentence {sentence[:50]!r} is judged {count} times, not once")
    return problems


def _share(hits: int, total: int) -> float:
    if total == 0:
        raise ValueError("the gold needs sentences both with and without counterparts to be scored")
    return hits / total


class _OnOffered:
    """A suggester built, as ``bank generate`` builds it, on the sentences the generator may pair (no
    question of a transcript, no bare "Yes."), answering with indices into all of B's sentences."""

    def __init__(self, suggester: Suggester, rows_b: list[int]):
        self.suggester, self.rows_b = suggester, rows_b

    def suggest(self, sentence: str, k: int = 3) -> list[Any]:
        return [
            replace(s, candidate_index=self.rows_b[s.candidate_index])
            for s in self.suggester.suggest(sentence, k=k)
        ]


def _offered_rows(sentences: tuple[str, ...], offered: tuple[bool, ...]) -> list[int]:
    return [i for i in range(len(sentences)) if not offered or offered[i]]


def build_suggester(suggester_factory: SuggesterFactory, gold: Gold) -> Suggester:
    """Build the suggester over the sentences ``bank generate`` pairs, with paragraphs if it wants them."""
    rows_a = _offered_rows(gold.sentences_a, gold.offered_a)
    rows_b = _offered_rows(gold.sentences_b, gold.offered_b)
    sentences_a = [gold.sentences_a[i] for i in rows_a]
    sentences_b = [gold.sentences_b[i] for i in rows_b]
    if getattr(suggester_factory, "uses_paragraphs", False):
        paragraphs_a = [gold.paragraphs_a[i] for i in rows_a]
        paragraphs_b = [gold.paragraphs_b[i] for i in rows_b]
        built = suggester_factory(sentences_a, sentences_b, paragraphs_a, paragraphs_b)  # type: ignore[call-arg]
    else:
        built = suggester_factory(sentences_a, sentences_b)
    return _OnOffered(built, rows_b)


def evaluate(suggester_factory: SuggesterFactory, gold: Gold | None = None) -> dict[str, Any]:
    """Score a suggester on a gold file (the DPRK one by default).

    ``suggester_factory(sentences_a, sentences_b)`` builds it over every parser sentence of both sources,
    as ``bank generate`` does. Per judged sentence of A, it is asked for ``K`` suggestions, best first:

    - with gold counterparts: ``top1`` when the first suggestion is one of them (precision@1), ``hit``
      when any of the suggestions is (hit@3); an empty answer is a miss on both;
    - without: ``abstained`` when it suggests nothing, or nothing it marks ``confident``.

    ``overall`` is the share of all judged sentences handled right: top-1 correct where B has a
    counterpart, abstained where it does not.
    """
    gold = gold or load_gold()
    suggester = build_suggester(suggester_factory, gold)
    index_a = {match_key(text): i for i, text in reversed(list(enumerate(gold.sentences_a)))}
    index_b = {match_key(text): i for i, text in reversed(list(enumerate(gold.sentences_b)))}
    rows = []
    for judgement in gold.judgements:
        a_index = index_a.get(match_key(judgement.a))
        # Ask with the parser's own text, so a gold entry written with or without a label is asked the same.
        asked = gold.sentences_a[a_index] if a_index is not None else judgement.a
        suggestions = list(suggester.suggest(asked, k=K))[:K]
        suggested = [match_key(gold.sentences_b[s.candidate_index]) for s in suggestions]
        expected = {match_key(c.b) for c in judgement.counterparts}
        row: dict[str, Any] = {
            "a_index": a_index,
            "a": judgement.a,
            "expected": [index_b.get(match_key(c.b)) for c in judgement.counterparts],
            "suggested": [s.candidate_index for s in suggestions],
            "confident": [bool(s.confident) for s in suggestions],
            "has_counterpart": bool(expected),
        }
        if expected:
            row["top1"] = bool(suggested) and suggested[0] in expected
            row["hit"] = any(key in expected for key in suggested)
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


def contrast_outcomes(gold: Gold, result: dict[str, Any]) -> Counter[str]:
    """What a draft on each gold sentence of A would show as its contrast, as ``bank generate`` decides it
    (the best suggestion, kept as a pair only if ``pair_stands``), against the gold: "right pair", "wrong
    pair" (a counterpart that is not one of the gold's, or a pair where the gold says B is silent),
    "right silence", "false silence" (B has a counterpart, the draft says it is silent).

    ``result`` is what ``evaluate`` gave on this gold: its first suggestion per sentence is the best."""
    from app.bank.generator.pipeline import pair_stands
    from app.bank.generator.relations import ClaimSide, propose_relation

    outcomes: Counter[str] = Counter()
    for row in result["per_sentence"]:
        a_index = row["a_index"]
        asked = gold.sentences_a[a_index] if a_index is not None else row["a"]
        stands = False
        if row["suggested"]:
            other = row["suggested"][0]
            proposal = propose_relation(
                ClaimSide(
                    asked,
                    "A",
                    gold.paragraphs_a[a_index] if a_index is not None else asked,
                    gold.when_a[a_index] if a_index is not None else frozenset(),
                ),
                ClaimSide(gold.sentences_b[other], "B", gold.paragraphs_b[other], gold.when_b[other]),
            )
            stands = pair_stands(proposal)
        if not stands:
            outcomes["false silence" if row["has_counterpart"] else "right silence"] += 1
        else:
            outcomes["right pair" if row.get("top1") else "wrong pair"] += 1
    return outcomes


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


def default_suggester() -> SuggesterFactory:
    """The suggester ``bank generate`` uses unless told otherwise, built as it builds it (with paragraphs)."""
    from app.bank.generator.suggesters import choose, suggester_factory

    return with_paragraphs(suggester_factory(choose().name))


def gold_for_files(file_a: Path, file_b: Path) -> tuple[Gold, SuggesterFactory] | None:
    """The gold set judged on these two source files (in either order), with the default suggester."""
    wanted = {file_a.resolve(), file_b.resolve()}
    for path in gold_files():
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)
        sides = {_side(raw, side, DEFAULT_BANK_DIR)[1].resolve() for side in ("a", "b")}
        if sides == wanted:
            return load_gold(path), default_suggester()
    return None


def main() -> None:
    """Print every gold file's report: the default suggester, and the semantic one where it is installed."""
    from app.bank.generator import semantic
    from app.bank.generator.suggesters import suggester_factory

    runs = [("bank generate's default", default_suggester())]
    if semantic.available():
        runs.append(
            ("semantic (bank generate --suggester semantic)", with_paragraphs(suggester_factory("semantic")))
        )
    else:
        print(f"semantic suggester not measured: {semantic.INSTALL_HINT}\n")
    for path in gold_files():
        gold = load_gold(path)
        for name, factory in runs:
            print(f"{path.name}, {name}:")
            print(format_report(evaluate(factory, gold)) + "\n")


if __name__ == "__main__":
    main()
