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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from app.bank.generator.accounts import account_voices, author_verdicts
from app.bank.generator.answers import name_forms
from app.bank.generator.attribution import (
    DraftPair,
    both_questions,
    claim_questions,
    neither_questions,
    pair_questions,
)
from app.bank.generator.exchanges import exchange_question, name_words
from app.bank.generator.explanations import SourceProfile, profile, teach
from app.bank.generator.frames import frames, without_salutation
from app.bank.generator.questions import (
    DraftQuestion,
    QuestionMaker,
    SourceSentence,
    clauses,
    formulaic_sentences,
    prominent_people,
    prose,
)
from app.bank.generator.relation_cues import narrative_years
from app.bank.generator.relations import ClaimSide, RelationProposal, propose_relation
from app.bank.generator.silence import silence_rationale, silent_source
from app.bank.generator.spans import build_people_index, find_spans
from app.bank.generator.stock_phrases import phrase_counts
from app.bank.generator.suggesters import DEFAULT_SUGGESTER, build_suggester
from app.bank.generator.typography import typeset
from app.bank.generator.vector_store import VectorStore
from app.bank.generator.voices import addressed, deponents, deposition_voice, first_person
from app.bank.schema import SILENT, Issue
from app.bank.validator import validate_bank
from app.bank.yamlio import read_bank
from app.sources.head import Head, names_a_person, short_name
from app.sources.parser import ParsedText, Passage, Sentence, collapse_whitespace, decode_source, parse_text

_SLUG = re.compile(r"[^a-z0-9]+")
TITLE_KEY = 40  # characters of a title that identify its line among the sentences
_ASKS = re.compile(r"\?[”\"’')\]]*$")
MIN_ANSWER_WORDS = 4


@dataclass(frozen=True)
class SourceFacts:
    """What a person said about a source (a teacher's upload form, a sources.yaml): it beats detection."""

    title: str = ""
    author: str = ""
    short_name: str = ""


@dataclass
class GeneratedSource:
    id: str
    path: Path
    parsed: ParsedText
    title: str
    short_name: str
    author: str | None = None
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
    relations: Counter[str] = field(
        default_factory=Counter
    )  # claim pairs per proposed relation, silences too
    suggester: str = DEFAULT_SUGGESTER  # the ranking that ran


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:40] or "source"


def _default_title(path: Path, letter: str) -> str:
    """A readable name until a person fills in sources.yaml: the file's words, or "Text A"."""
    words = re.findall(r"[A-Za-z]{2,}", path.stem)
    return " ".join(words).capitalize() if len(words) >= 2 else f"Text {letter}"


def facts_beside(path: Path) -> SourceFacts | None:
    """The facts a person wrote for this file in a sources.yaml in its folder, if there is one."""
    listing = path.parent / "sources.yaml"
    if not listing.is_file():
        return None
    try:
        entries = (yaml.safe_load(listing.read_text(encoding="utf-8")) or {}).get("sources") or []
    except (yaml.YAMLError, AttributeError, UnicodeDecodeError):
        return None
    for entry in entries:
        if isinstance(entry, dict) and entry.get("file") == path.name:
            return SourceFacts(
                str(entry.get("title") or ""),
                str(entry.get("author") or ""),
                str(entry.get("short_name") or ""),
            )
    return None


def _names(
    parsed: ParsedText, facts: SourceFacts | None, path: Path, letter: str
) -> tuple[str, str | None, str]:
    """(title, author, short name): a person's facts first, then the text's own head, then the file name."""
    facts = facts or SourceFacts()
    detected_title = parsed.title and (
        f"{parsed.title}: {parsed.subtitle}" if parsed.subtitle else parsed.title
    )
    title = facts.title or detected_title or _default_title(path, letter)
    author = facts.author or parsed.author
    if facts.short_name:
        return title, author, facts.short_name
    head = Head(
        title=facts.title or parsed.title or title,
        author=author,
        author_is_person=parsed.author_is_person if not facts.author else names_a_person(facts.author),
    )
    return title, author, short_name(head) or f"“{title}”"


def _tell_apart(a: GeneratedSource, b: GeneratedSource) -> None:
    """Two texts with one head (two witnesses' evidence to one inquiry) are named by their first own heading.

    "According to “British Wreck Commissioner's Inquiry”" on both sides would make every "which source?"
    question unanswerable; "Testimony of James Gibson" and "Testimony of Stanley Lord" tell them apart.
    """
    if a.short_name != b.short_name:
        return
    for source, other in ((a, b), (b, a)):
        theirs = {p.heading for p in other.parsed.passages}
        own = next((p.heading for p in source.parsed.passages if p.heading and p.heading not in theirs), None)
        source.short_name = f"“{own}”" if own else f"“{_default_title(source.path, source.id)}”"
    for source in (a, b):
        source.sentences = [replace(s, source_name=source.short_name) for s in source.sentences]


def _load(path: Path, taken: set[str], letter: str, facts: SourceFacts | None = None) -> GeneratedSource:
    text = decode_source(path.read_bytes(), str(path))
    parsed = parse_text(text)
    source_id = slug(path.stem)
    while source_id in taken:
        source_id += "-2"
    taken.add(source_id)
    title, author, short = _names(parsed, facts or facts_beside(path), path, letter)
    source = GeneratedSource(source_id, path, parsed, title, short, author)
    verbatim = collapse_whitespace(text)
    transcript = is_transcript(parsed)
    when = iter(narrative_years([(p.heading, [s.text for s in p.sentences]) for p in parsed.passages]))
    question = ""  # the question turn just before, put to the witness whose answer follows
    # In a transcript every turn is its speaker's own: a lead-in there does not hand the next turn over.
    paragraphs = [] if transcript else [[s.text for s in p.sentences] for p in parsed.passages]
    accounts = account_voices(paragraphs) or [""] * len(parsed.passages)
    verdicts = author_verdicts(paragraphs, accounts) or [""] * len(parsed.passages)
    for passage, account, verdict in zip(parsed.passages, accounts, verdicts, strict=True):
        previous = ""
        asked, question = question, _question_turn(passage) if transcript else ""
        deponent = deponents(passage.text)
        voice = deposition_voice(deponent) if deponent else account or ""
        quoted = bool(account) and not deponent  # words the source quotes from someone it names
        unnamed = account is None and not deponent  # a lead-in gave these words to someone it did not name
        framing = not transcript and frames(passage.text)  # a heading, signature, dateline or note
        for position, sentence in enumerate(passage.sentences):
            years = next(when)
            sentence = without_salutation(sentence)
            if sentence.text not in verbatim:
                previous = ""
                continue  # it runs through footnote markup: not a quote the bank could ground
            if (
                framing
                or unnamed
                or not claimable(sentence, transcript)
                or not _in_own_voice(sentence, voice)
                or _is_title(sentence.text, parsed.title)
            ):
                previous = sentence.text
                continue
            run = f"{previous} {sentence.text}"
            source.sentences.append(
                SourceSentence(
                    source_id,
                    source.short_name,
                    sentence.text,
                    passage.heading,
                    passage.text,
                    previous=previous if previous and run in verbatim else "",
                    voice=voice,
                    account=quoted,
                    verdict=verdict if quoted else "",
                    testimony=bool(voice) or sentence.speaker is not None,
                    when=years,
                    # The question is put to the answer's first sentence; the rest lean on that one.
                    asked=asked if sentence.speaker is not None and sentence is passage.sentences[0] else "",
                    set_up=overturned(passage.sentences[position + 1 : position + 2]),
                )
            )
            # A sentence too long to read is also offered clause by clause, for pairing and asking.
            whole = source.sentences[-1]
            source.sentences += [
                replace(whole, text=clause, previous="", lead="", clause=True)
                for clause in clauses(sentence.text)
            ]
            previous = sentence.text
    return source


# "However, Stalin quickly made it clear…": the sentence before was the premise the author overturns.
_OVERTURNING = re.compile(r"^(?:However|But|Yet|Nevertheless|Nonetheless|In fact|In reality)\b")


def overturned(following: Sequence[Sentence]) -> bool:
    """Whether the next sentence (``following``, empty or one) turns against the one before it."""
    return bool(following) and bool(_OVERTURNING.match(following[0].text))


def _question_turn(passage: Passage) -> str:
    """A turn that only asks (counsel's question), as one text; "" for any other passage."""
    if passage.sentences and all(s.in_question for s in passage.sentences):
        return " ".join(s.text for s in passage.sentences)
    return ""


def _asked_only_where_worth_it(a: GeneratedSource, b: GeneratedSource) -> None:
    """Keep the question beside an answer only where the two make an exchange worth asking about, and
    neither names a witness (their names are the sources' names). Only when both texts are transcripts:
    beside a narrative, "Asked …, the witness answered …" would itself say which source it is."""
    both = is_transcript(a.parsed) and is_transcript(b.parsed)
    witnesses = name_words([a.short_name, b.short_name])
    for source in (a, b):
        source.sentences = [
            replace(s, asked=exchange_question(s.asked, s.text, witnesses) if both else "") if s.asked else s
            for s in source.sentences
        ]


def _is_title(sentence: str, title: str | None) -> bool:
    """The text's own title line ("A CIRCUMSTANTIAL ACCOUNT Of an Attack…"): the source is named after
    it, so "which source says this?" would answer itself, and a title frames a text rather than claims.
    A short title must be the whole sentence: "The Mountain Meadows Massacre has been made to…" claims."""
    if not title:
        return False
    key = re.sub(r"\W+", " ", title.casefold()).strip()
    words = re.sub(r"\W+", " ", sentence.casefold()).strip()
    return words.startswith(key[:TITLE_KEY]) if len(key) >= TITLE_KEY else words == key


def _profile(source: GeneratedSource) -> SourceProfile:
    """What explanations may say about the source: metadata when known, else what its notes show."""
    return profile(
        source.id,
        source.short_name,
        [note.text for note in source.parsed.footnotes],
        author=_described_author(source),
        kind=getattr(source, "kind", None),
        title=source.parsed.title,  # not a title made up from the file name
        testimony=is_transcript(source.parsed),  # a witness's answers under questioning
        paragraphs=[passage.text for passage in source.parsed.passages],  # page references cite sources
    )


def _described_author(source: GeneratedSource) -> str | None:
    """The detected author with the rank the title line gives ("J. H. Carleton, Brevet Major, United States
    Army"): a report by an officer is an official text, which the name alone does not show."""
    if source.author and source.author == source.parsed.author and source.parsed.affiliation:
        return f"{source.author}, {source.parsed.affiliation}"
    return source.author


def is_transcript(parsed: ParsedText) -> bool:
    """A text read as speaker turns (an inquiry, a court record, an interview)."""
    return any(s.speaker is not None for p in parsed.passages for s in p.sentences)


def claimable(sentence: Sentence, transcript: bool = False) -> bool:
    """A question asks and claims nothing; a transcript's short answer ("Yes, sir") says nothing alone.

    Such a sentence is never a question's support, a claim pair's side or a cloze (a longer answer is
    asked about with its question beside it: see ``exchanges``; the quote itself is the answer alone, so
    no speaker label gets inside it). In a
    transcript, lines outside the turns (a heading, the chair's remark between questions) are nobody's
    evidence, so they are neither claims nor counterparts either.
    """
    if sentence.in_question or _ASKS.search(sentence.text):
        return False
    if transcript and sentence.speaker is None:
        return False
    return sentence.speaker is None or len(sentence.text.split()) >= MIN_ANSWER_WORDS


def _in_own_voice(sentence: Sentence, voice: str) -> bool:
    """Whether a sentence speaks for its source or a named deponent or speaker: "You … must create armies"
    quotes a document, and "We were fired on" outside a deposition, an account or a witness's turn is
    someone unnamed."""
    if addressed(sentence.text):
        return False
    return bool(voice) or sentence.speaker is not None or not first_person(sentence.text)


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
            if not sentence.quotable:
                continue
            best = suggester.suggest(sentence.text, k=1)
            if not best:
                continue
            match = other.sentences[best[0].candidate_index]
            first, second = (sentence, match) if a_side else (match, sentence)
            key = (first.text, second.text)
            if key not in pairs:
                proposal = _proposal(first, second)
                if not pair_stands(proposal):
                    continue  # nothing in the words brings the two together: an honest silence instead
                pairs[key] = DraftPair(
                    f"gen-pair-{len(pairs) + 1:03d}",
                    first,
                    second,
                    best[0].score,
                    best[0].confident,
                    proposal.relation,
                    proposal.rationale,
                    proposal.same_point,
                )
            by_sentence.setdefault(sentence.text, pairs[key])
    return pairs, by_sentence


def pair_stands(proposal: RelationProposal) -> bool:
    """Whether a best suggestion is shown as the claim's contrast, or the claim gets a silence instead:
    only where the words show both speak of one thing (shared claim words, a shared year, or a cue
    between the two: a figure for the same count, a denied claim word, opposite subjects of one verb).
    A cue of one side alone (a hedge, a "but") says how that side makes its claim, not that the two
    meet, and the ranking's confidence does not count either: on the DPRK drafts every pair that only
    such cues or the ranking held together was on another point (a 1930s sentence against 1952)."""
    return proposal.same_point


def _proposal(first: SourceSentence, second: SourceSentence) -> RelationProposal:
    return propose_relation(
        ClaimSide(first.text, first.source_name, first.paragraph, first.when),
        ClaimSide(second.text, second.source_name, second.paragraph, second.when),
    )


def _agreement_note(pair: DraftPair) -> str:
    """A pair made "corroborates" because both sentences give the same fact: say so, name both, and
    say what to check (the words of ``pair.note`` are the shared fact and words)."""
    return (
        f"{pair.note}: {pair.a.source_name} and {pair.b.source_name} give the same fact in shared words. "
        "Check that the two make the same claim independently, not merely share the figure."
    )


def _silence_pairs(
    questions: list[DraftQuestion], pairs: list[DraftPair], a: GeneratedSource, b: GeneratedSource
) -> list[DraftPair]:
    """A silence pair for each claim that questions ask about and the other source does not face; the
    questions point to it, so their contrast says honestly that the other text is silent. A claim that
    is a side of a suggested pair is not silent: its questions point to that pair instead."""
    others = {a.id: b, b.id: a}
    known = {s.id: silent_source(s.short_name, [x.text for x in s.sentences]) for s in (a, b)}
    facing = {(side.source_id, side.text): pair for pair in pairs for side in (pair.a, pair.b)}
    silences: dict[str, DraftPair] = {}
    for question in questions:
        own = question.support
        if question.claim_pair is not None or not own.quotable:
            continue
        if (pair := facing.get((own.source_id, own.text))) is not None:
            question.claim_pair = pair.id
            continue
        if own.text not in silences:
            other = others[own.source_id]
            silent_side = SourceSentence(other.id, other.short_name, "", None, "")
            silences[own.text] = DraftPair(
                f"gen-silence-{len(silences) + 1:03d}",
                own,
                silent_side,
                0.0,
                False,
                SILENT,
                silence_rationale(own.text, own.source_name, known[other.id]),
            )
        question.claim_pair = silences[own.text].id
    return list(silences.values())


def _side(sentence: SourceSentence) -> dict[str, Any]:
    if not sentence.text:
        return {"source": sentence.source_id, "silent": True}
    return {"source": sentence.source_id, "quote": sentence.text}


def _pair_entry(pair: DraftPair) -> dict[str, Any]:
    if pair.relation == SILENT:
        topic = "suggested automatically: the other source is silent"
    else:
        topic = "suggested automatically" + ("" if pair.confident else " (low confidence)")
    return {
        "id": pair.id,
        "topic": topic,
        "a": _side(pair.a),
        "b": _side(pair.b),
        "relation": pair.relation,
        "rationale": pair.note,
        "status": "draft",
    }


def _source_entry(source: GeneratedSource) -> dict[str, Any]:
    return {
        "id": source.id,
        "file": source.path.name,
        "title": source.title,
        "author": source.author or "Unknown: fill in who wrote or issued this text",
        "short_name": source.short_name,
        "kind": "Unknown: fill in the kind of text",
        "date": "Unknown: fill in when it was written",
        "citation": source.path.name,
        "about": "Not yet described: say who produced this text, for whom, and why, before learners see it.",
    }


def _question_entry(question: DraftQuestion) -> dict[str, Any]:
    # The marks of the prompt in one style: a source typed with straight marks is not told by them.
    entry: dict[str, Any] = {"id": question.id, "type": question.type, "prompt": typeset(question.prompt)}
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
    facts: tuple[SourceFacts | None, SourceFacts | None] = (None, None),
    vector_store: VectorStore | None = None,
) -> GenerationReport:
    """Write a draft bank for two sources into ``out`` and check it with the bank's own validator.

    ``suggester`` picks the claim-pair ranking: "semantic" (the default; raises SemanticUnavailable when
    not installed, see ``suggesters.choose``) or "lexical". ``vector_store`` keeps sentence vectors
    between runs, so a second run on the same texts skips the encoder.
    ``facts`` are what a person said about each source; without them a sources.yaml beside the file is
    read, and then the text's own head (title, author).
    """
    began = time.perf_counter()
    taken: set[str] = set()
    a, b = _load(file_a, taken, "A", facts[0]), _load(file_b, taken, "B", facts[1])
    _tell_apart(a, b)
    _asked_only_where_worth_it(a, b)
    sentences = a.sentences + b.sentences
    people = build_people_index([p.text for s in (a, b) for p in s.parsed.passages])
    spans_by_sentence = {s.text: find_spans(s.text, people) for s in sentences}
    pool = [span for spans in spans_by_sentence.values() for span in spans]
    common = {w for s in sentences for w in re.findall(r"\b[a-z][a-z’'-]*\b", s.text)}
    forms = name_forms(people, [decode_source(s.path.read_bytes(), str(s.path)) for s in (a, b)])
    formulaic = formulaic_sentences([s.text for s in sentences])
    in_prose = [s for s in sentences if prose(s.text) and s.text not in formulaic]
    prose_spans = [spans_by_sentence[s.text] for s in in_prose]
    prominent = prominent_people(prose_spans, [s.source_id for s in in_prose])
    titles = {s.id: s.title for s in (a, b)}
    phrases = phrase_counts(s.text for s in sentences if not s.clause)
    maker = QuestionMaker(
        people, pool, common, random.Random(seed), forms, formulaic, prominent, titles, phrases
    )
    pair_by_texts, pair_of = _suggest_pairs(a, b, suggester, vector_store)
    questions = [q for s in sentences for q in maker.for_sentence(s)]
    for question in questions:
        if (pair := pair_of.get(question.support.claim_text)) is not None:
            question.claim_pair = pair.id
    names = {a.id: a.short_name, b.id: b.short_name}
    questions += pair_questions(list(pair_by_texts.values()), maker, names)
    questions += claim_questions(sentences, maker, names, pair_of)
    proposed = {pair.id: pair.note for pair in pair_by_texts.values()}
    questions += both_questions(a.sentences, b.sentences, spans_by_sentence, maker, names, pair_by_texts)
    for pair in pair_by_texts.values():
        if pair.note != proposed.get(pair.id):  # made "corroborates" on a shared fact
            pair.note, pair.same_point = _agreement_note(pair), True
    questions += neither_questions(sentences, maker, pool, spans_by_sentence)
    pairs = list(pair_by_texts.values())
    silences = _silence_pairs(questions, pairs, a, b)
    # Explanations come last: they say what the other source says on the point, or that it is silent.
    profiles = {s.id: _profile(s) for s in (a, b)}
    pair_by_id = {pair.id: pair for pair in pairs + silences}
    for question in questions:
        question.explanation = teach(question, profiles, pair_by_id.get(question.claim_pair or ""))

    (out / "sources").mkdir(parents=True, exist_ok=True)
    for source in (a, b):
        shutil.copyfile(source.path, out / "sources" / source.path.name)
    _dump(out / "sources" / "sources.yaml", {"sources": [_source_entry(a), _source_entry(b)]})
    _dump(
        out / "claim_pairs" / "suggested.yaml",
        {"claim_pairs": [_pair_entry(pair) for pair in pairs + silences]},
    )
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
        relations=Counter(pair.relation for pair in pairs + silences),
        suggester=suggester,
    )
