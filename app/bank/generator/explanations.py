"""Pure: explanations that teach: who says it, what kind of evidence that is, and what the other source says.

A draft's explanation used to be its support quote again, which the feedback page already shows. Here each
explanation adds what a history teacher would say after the verdict (REVIEW.md criterion 7): whose claim it
is and what kind of source makes it (from the source's metadata when known, else from what the text itself
shows: notes citing archives, notes, or none), why that matters, and the other source's words on the point
from the question's claim pair, or that it leaves the point out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.bank.generator.attribution import DraftPair
from app.bank.generator.questions import DraftQuestion, SourceSentence, with_antecedent
from app.bank.generator.voices import cited_scholarship, relayed_speaker
from app.bank.schema import SILENT
from app.bank.types import FLASHCARD, WHICH_SOURCE

ARCHIVAL_NOTES_FROM = 3  # notes naming archives or documents, from which a text reads as archival research
_ARCHIVE_WORDS = re.compile(
    r"\b(?:archives?|fond|opis|delo|collection|papers|telegram|memorandum|minutes|record|letter|cable)\b",
    re.IGNORECASE,
)
_OFFICIAL = re.compile(
    r"\b(?:state|government|official|party|ministry|congress|committee|publishing house|headquarters|army|"
    r"authority|propaganda|agency|council|commission)\b",
    re.IGNORECASE,
)
_SCHOLARLY = re.compile(
    r"\b(?:paper|journal|university|historian|study|article|scholar|scholarly|monograph|working paper)\b",
    re.IGNORECASE,
)
# "page 17 of the pamphlet", "(Beadle's Mysteries of Mormonism, page 185.)", "pp. 12-14": a source cited
# in the text itself, where another text would put a note.
_PAGE_REFERENCE = re.compile(r"\b(?:[Pp]ages?|pp?\.)\s*\d+")
_WITNESS = re.compile(r"\b(?:deposition|testimony|witness|diary|memoir|letter|eyewitness)\b", re.IGNORECASE)

WHY = {
    "official": (
        "An official publication states the position its issuer wants readers to hold: it is good evidence "
        "of that position, weaker evidence of what happened."
    ),
    "archival": (
        "A historian's reading of documents can be checked against the documents it cites, but the reading "
        "is still an interpretation."
    ),
    "scholarly": (
        "A scholar's account can be checked against the sources it cites; ask what those sources could know."
    ),
    "witness": (
        "A witness's account is close to the events but written with a stake in how they are remembered."
    ),
    "citing": (
        "A text that cites its sources by page can be checked against them: ask whether they say what it "
        "makes them say, and why it chose them."
    ),
    "unreferenced": (
        "Without references the claim rests on its author's authority alone: ask who wrote it, for whom "
        "and why."
    ),
}
# A transcript's answers: the witness speaks, and counsel's questions choose what is spoken of.
UNDER_QUESTIONING = (
    "A witness under questioning is close to the events but answers with a stake in how they are judged, "
    "and the questions put decide what the answers cover."
)
# What the other source's silence on a point means, by what kind of source it is.
SILENCE = {
    "official": "an official text leaves out what does not serve its issuer, so its silence is no evidence "
    "against the claim.",
    "archival": "a study covers what its question and its documents cover, so its silence is no evidence "
    "against the claim either.",
    "scholarly": "a study covers what its question covers, so its silence is no evidence against the claim "
    "either.",
    "witness": "a witness tells what they saw, so their silence is no evidence against the claim.",
    "citing": "a text that argues from the sources it chose covers what its case needs, so its silence is no "
    "evidence against the claim either.",
    "unreferenced": "its silence is no evidence either way.",
}
SILENCE_UNDER_QUESTIONING = (
    "a witness answers what is asked, so the silence may only mean the question was never put, and it is no "
    "evidence against the claim."
)
RELATION_WORDS = {
    "contradicts": "contradicts it",
    "qualifies": "qualifies it",
    "corroborates": "supports it",
}


@dataclass(frozen=True)
class SourceProfile:
    """What an explanation may say about a source: its name, who made it, and what kind of text it is."""

    source_id: str
    name: str  # how prompts name it: "Weathersby", "“Kim Il Sung and His Spirit…”"
    author: str | None = None
    kind: str | None = None
    title: str | None = None
    notes: int = 0  # footnotes or endnotes
    archival_notes: int = 0  # notes that name an archive or a document
    page_references: int = 0  # sources cited by page in the text itself, without notes
    testimony: bool = False  # a transcript: a witness's answers under questioning

    @property
    def category(self) -> str:
        """Official, archival, scholarly, witness, citing or unreferenced: from metadata first, then from
        notes, then from page references in the text."""
        described = " ".join(x for x in (self.kind, self.author, self.title) if x)
        if _OFFICIAL.search(described):
            return "official"
        if self.testimony:
            return "witness"
        if self.archival_notes >= ARCHIVAL_NOTES_FROM:
            return "archival"
        if _SCHOLARLY.search(described) or self.notes >= ARCHIVAL_NOTES_FROM:
            return "scholarly"
        if _WITNESS.search(described):
            return "witness"
        if self.notes:
            return "scholarly"
        return "citing" if self.page_references else "unreferenced"

    def described(self) -> str:
        """ "“Text A” is a study that cites archival documents in 60 notes" """
        category = self.category
        if self.kind:
            what = f"{_article(self.kind)} {self.kind[:1].lower()}{self.kind[1:]}"
        elif category == "official":
            what = "an official publication"
        elif category == "archival":
            what = f"a study that cites archival documents in {self.notes} notes"
        elif category == "witness" and self.testimony:
            what = "a witness's evidence, given under questioning"
        elif category == "witness":
            what = "a witness's account"
        elif self.notes:
            what = f"a text that cites its sources in {self.notes} notes"
        elif self.page_references:
            what = f"a text that cites its sources by page in {self.page_references} places"
        else:
            what = "a text that cites no sources for what it says"
        # "Weathersby by Kathryn Weathersby" says the name twice: a name that already names the author stands.
        named = {w.casefold() for w in re.findall(r"\w{4,}", self.name)}
        repeats = bool(named & {w.casefold() for w in re.findall(r"\w{4,}", self.author or "")})
        by = f" by {self.author}" if self.author and not repeats else ""
        return f"{_capital(self.name)}{by} is {what}"


def known(value: object) -> str | None:
    """Metadata a person has filled in; placeholders ("Unknown: fill in …") and blanks count as unknown."""
    if not isinstance(value, str) or not value.strip() or value.lower().startswith(("unknown", "not yet")):
        return None
    return value.strip()


def profile(
    source_id: str,
    name: str,
    notes: Sequence[str] = (),
    author: object = None,
    kind: object = None,
    title: object = None,
    testimony: bool = False,
    paragraphs: Sequence[str] = (),
) -> SourceProfile:
    """A profile from what is known of a source; notes are the texts of its footnotes, paragraphs the
    text's own, where a text without notes may cite its sources by page."""
    archival = sum(1 for note in notes if _ARCHIVE_WORDS.search(note))
    pages = sum(len(_PAGE_REFERENCE.findall(paragraph)) for paragraph in paragraphs)
    return SourceProfile(
        source_id, name, known(author), known(kind), known(title), len(notes), archival, pages, testimony
    )


def sourcing(own: SourceProfile) -> str:
    """Who says it and why that matters."""
    why = UNDER_QUESTIONING if own.testimony and own.category == "witness" else WHY[own.category]
    return f"{own.described()}. {why}"


def contrast(own: SourceProfile, other: SourceProfile, pair: DraftPair | None, voice: str = "") -> str:
    """What the other source says on the point, or that it leaves the point out; ``voice`` names whose
    words the claim is when the source quotes someone (the claim then rests on them, not on the source)."""
    other_side = None
    if pair is not None:
        other_side = pair.b if pair.a.source_id == own.source_id else pair.a
    silent = pair is None or pair.relation == SILENT or other_side is None or not other_side.text
    # The pair is what the learner is shown after answering: the explanation says the same, never a
    # silence beside a quoted counterpart (the pipeline keeps a pair only when something ties the two).
    if silent or other_side is None:
        return (
            f"{_capital(other.name)} does not take up this point, so the claim rests on "
            f"{f'the words of {voice} that {own.name} quotes' if voice else own.name} alone: "
            f"{SILENCE_UNDER_QUESTIONING if other.testimony else SILENCE[other.category]}"
        )
    # "However, he still lives…" is quoted with the sentence that says who he is.
    quoted = with_antecedent(other_side)
    quote = (quoted or other_side).text
    # The pair's rationale is for the reviewer; the learner reads the relation and the words.
    verb = RELATION_WORDS.get(pair.relation, pair.relation)  # type: ignore[union-attr]
    return f"{_capital(other.name)} {verb}: “{quote}”"


def whose_words(support: SourceSentence, own: SourceProfile) -> str:
    """Whose claim it is first, when the source speaks through someone: a deponent, or a person it quotes."""
    if support.account:
        verdict = f" After it, {own.name} writes: “{support.verdict}”" if support.verdict else ""
        return (
            f"These are the words of {support.voice}, which {own.name} quotes: ask how {support.voice} knew "
            f"it (seen, or heard from others) and whether {own.name} vouches for it or quotes it to test it."
            f"{verdict}"
        )
    if support.voice:
        return (
            f"These are the words of {support.voice}, which {own.name} printed: a witness under oath, close "
            "to the events, but chosen by the side that published it to make its case; set it beside what "
            "the other side's witnesses say."
        )
    if scholar := cited_scholarship(support.claim_text):
        cite = "cite" if scholar.endswith(("scholars", "historians", "researchers")) else "cites"
        return (
            f"Here {own.name} draws on the research of {scholar}: a reading of the record that {own.name} "
            f"adopts, as strong as the evidence {scholar} {cite}, so check which documents that is."
        )
    if speaker := relayed_speaker(support.claim_text):
        return (
            f"Here {own.name} relays what {speaker} said or wrote: the claim rests first on {speaker}'s own "
            f"words, as {own.name} reads the record, so ask what {speaker} knew and wanted at the time."
        )
    return ""


def teach(
    question: DraftQuestion,
    profiles: dict[str, SourceProfile],
    pair: DraftPair | None,
) -> str:
    """The question's verdict, then whose claim it is and what the other source says on the point."""
    own = profiles[question.support.source_id]
    other = next(p for p in profiles.values() if p.source_id != own.source_id)
    if question.type == FLASHCARD.name:
        return f"{sourcing(own)} {sourcing(other)}"
    parts = [question.explanation, sourcing(own), whose_words(question.support, own)]
    # A statement no source makes has no point for the other to take up; "both" quotes both already.
    if not (question.type == WHICH_SOURCE.name and question.answer in ("neither", "both")):
        parts.append(contrast(own, other, pair, question.support.voice if question.support.account else ""))
    return " ".join(part for part in parts if part)


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
