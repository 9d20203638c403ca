"""Pure: propose how the two sentences of a claim pair relate, and say why in words a reviewer can check.

A relation is a judgement about two claims, so it is proposed only from what the words show (the cues are
in ``relation_cues``): a negation on one side only, two figures for the same count, opposite subjects of
the same "first" verb, words of opposite sense about the same people, a hedge on one side, a limit, other
dates, or shared claim words with none of these. *contradicts* needs evidence that both cannot be true of
the same thing at the same time; different dates make it *qualifies*. The rationale states the evidence,
names both sources and ends with what the reviewer should check. The confidence says how close the two
are, so a caller can record a silence instead of a pair that is not on one point.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.bank.generator.pairs import content_stems, stem
from app.bank.generator.relation_cues import (
    Fragment,
    claim_stems,
    figure_conflicts,
    first_subjects,
    hedges,
    limits,
    negated_shared,
    opposite_words,
    shared_claim_words,
    shared_names,
    years_of,
)

CONTRADICTS, QUALIFIES, CORROBORATES = "contradicts", "qualifies", "corroborates"
PERIOD_GAP = 3  # years between the closest dates of two passages that put them in different periods
CORROBORATING_WORDS = 3  # shared claim words (beyond names) that make two sentences one point…
CORROBORATING_SHARE = 0.3  # …when they are this share of the shorter sentence's claim words
# One sentence repeating the other (a text quoting its opponent): this many shared claim words, this share
# of the shorter one's, tie the two to one point whatever the years of the passages around them.
ECHO_WORDS, ECHO_SHARE = 4, 0.8
WEAK_BELOW = 0.4  # under this confidence the rationale asks first whether the two are on one point at all


@dataclass(frozen=True)
class ClaimSide:
    """One sentence of a pair, with the paragraph it stands in and the name of its source."""

    text: str
    source_name: str
    paragraph: str = ""
    when: frozenset[int] = frozenset()  # the years the text around it speaks of (see narrative_years)


@dataclass(frozen=True)
class Evidence:
    relation: str
    strength: float  # 0..1: how much this cue alone shows
    says: str  # one clause stating it, naming the sources


@dataclass(frozen=True)
class RelationProposal:
    relation: str
    rationale: str
    confidence: float  # 0..1: how close the words show the two to be
    same_point: bool  # the words show both speak of one thing (shared claim words, figures or dates)
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class _Shared:
    """What the two sentences have in common: the ground for saying they speak of one thing."""

    claim_words: list[str]
    names: list[str]
    same_year: bool
    overlap: float  # shared claim words over the claim words of the shorter sentence

    def beyond(self, *words: str) -> bool:
        """Something besides these words (a name, a year, another claim word) ties the two together."""
        skip = {stem(w) for w in words}
        return bool(self.names or self.same_year or any(stem(w) not in skip for w in self.claim_words))

    @property
    def tied(self) -> bool:
        """A name or a claim word in common: a year shared by two texts on one year needs one beside it
        ("the 18th of September, 1857" and "the 7th day of September, 1857" are two events)."""
        return bool(self.names or self.claim_words)

    @property
    def agreeing(self) -> bool:
        return len(self.claim_words) >= CORROBORATING_WORDS and self.overlap >= CORROBORATING_SHARE


def propose_relation(a: ClaimSide, b: ClaimSide) -> RelationProposal:
    """The relation the words support, a rationale stating the evidence, and how sure it is."""
    years_a, years_b = years_of(a.text), years_of(b.text)
    claim_words = shared_claim_words(a.text, b.text)
    fewest = min(len(claim_stems(a.text)), len(claim_stems(b.text))) or 1
    shared = _Shared(
        claim_words, shared_names(a.text, b.text), bool(years_a & years_b), len(claim_words) / fewest
    )
    evidence = _conflicts(a, b, shared)
    echo = len(claim_words) >= ECHO_WORDS and shared.overlap >= ECHO_SHARE
    if years_a and years_b and not shared.same_year:
        evidence = [_dated(e) for e in evidence]
        evidence.append(
            Evidence(
                QUALIFIES,
                0.5,
                f"{a.source_name} speaks of {_years(years_a)} and {b.source_name} of {_years(years_b)}: "
                "different times, so both can be true",
            )
        )
    evidence += _limits(a, b)
    closeness = min(
        1.0, (len(claim_words) + 0.5 * len(shared.names) + (1.0 if shared.same_year else 0.0)) / 4
    )
    if not any(e.relation != CORROBORATES for e in evidence) and shared.agreeing:
        evidence.append(
            Evidence(
                CORROBORATES,
                min(0.8, 0.2 * len(claim_words)),
                f"{a.source_name} and {b.source_name} both speak of {_listed(claim_words)}, with no "
                "negation, other figure or limit between them"
                + (
                    "; one nearly repeats the other's words, so one may quote the other or both a common "
                    "source, which is no independent support"
                    if echo
                    else ""
                ),
            )
        )
    same_point = (
        shared.agreeing or (shared.same_year and shared.tied) or any(e.strength >= 0.6 for e in evidence)
    ) and not _apart(a, b, years_a, years_b, own_years_only=echo)
    if not evidence:
        return _without_evidence(a, b, shared.names, claim_words, closeness, same_point)
    ranked = sorted(evidence, key=lambda e: (-e.strength, -_rank(e.relation)))
    relation, strength = ranked[0].relation, ranked[0].strength
    confidence = round(0.5 * closeness + 0.5 * strength, 2)
    stated = "; ".join(e.says for e in ranked[:2])
    return RelationProposal(
        relation,
        f"{_capital(stated)}. {_check(relation, confidence)}",
        confidence,
        same_point,
        tuple(ranked),
    )


def _apart(
    a: ClaimSide, b: ClaimSide, years_a: set[int], years_b: set[int], own_years_only: bool = False
) -> bool:
    """The two speak of different periods, by their own years (``years_a``, ``years_b``) or, failing
    those (and unless ``own_years_only``), the narrative's: "they suffered heavy casualties" in a passage
    on the 1930s and "they have suffered many casualties" in one on 1952 share words, not a point."""
    if own_years_only:
        return bool(years_a and years_b) and min(abs(x - y) for x in years_a for y in years_b) > PERIOD_GAP
    period_a = years_a or a.when or years_of(a.paragraph)
    period_b = years_b or b.when or years_of(b.paragraph)
    if not period_a or not period_b:
        return False
    return min(abs(x - y) for x in period_a for y in period_b) > PERIOD_GAP


def _conflicts(a: ClaimSide, b: ClaimSide, shared: _Shared) -> list[Evidence]:
    """Cues that both cannot be true, and the hedges that keep one side at a distance. A conflict counts
    only where something else (a name, a year, another claim word) shows both speak of the same thing."""
    found: list[Evidence] = []
    for own, other in ((a, b), (b, a)):
        for negated, plain, word in negated_shared(own.text, other.text):
            if shared.beyond(word):
                found.append(
                    Evidence(
                        CONTRADICTS,
                        0.7,
                        f"{own.source_name} says “{negated}”; {other.source_name} says “{plain}” (a negation "
                        f"on one side only, over the shared word “{word}”)",
                    )
                )
    for first_a, first_b, verb in first_subjects(a.text, b.text):
        if shared.beyond(verb):
            found.append(
                Evidence(
                    CONTRADICTS,
                    0.8,
                    f"{a.source_name} says “{first_a}”; {b.source_name} says “{first_b}” (opposite subjects "
                    f"of the same verb “{verb}”)",
                )
            )
    for figure_a, figure_b, unit, disjoint in figure_conflicts(a.text, b.text):
        if not shared.beyond(unit, *figure_a.split(), *figure_b.split()):
            continue
        says = "different figures" if disjoint else "figures that differ but may overlap"
        found.append(
            Evidence(
                CONTRADICTS if disjoint else QUALIFIES,
                0.7 if disjoint else 0.5,
                f"{a.source_name} gives “{figure_a}”; {b.source_name} gives “{figure_b}” ({says} for the "
                "same count)",
            )
        )
    for word_a, word_b in opposite_words(a.text, b.text):
        anchored = bool(shared.names)  # opposite words oppose claims only about the same people
        found.append(
            Evidence(
                CONTRADICTS if anchored else QUALIFIES,
                0.55 if anchored else 0.3,
                f"{a.source_name} says “{word_a}” where {b.source_name} says “{word_b}” (words of opposite "
                + (
                    "sense about the same people)"
                    if anchored
                    else "sense, though nothing else shows one point)"
                ),
            )
        )
    hedged_a, hedged_b = hedges(a.text), hedges(b.text)
    for own, other, marks, other_marks in ((a, b, hedged_a, hedged_b), (b, a, hedged_b, hedged_a)):
        if marks and not other_marks:
            found.append(
                Evidence(
                    QUALIFIES,
                    0.5,
                    f"{own.source_name} keeps its distance from the claim ({_listed(marks)}), while "
                    f"{other.source_name} states its own plainly",
                )
            )
    return found


def _limits(a: ClaimSide, b: ClaimSide) -> list[Evidence]:
    """A limit one side adds to what both mention. The same exception on both sides ("all killed except
    seventeen children", "none left but the seventeen little children") is agreement, not a limit."""
    found: list[Evidence] = []
    limits_a, limits_b = limits(a.text, b.text), limits(b.text, a.text)
    if content_stems(" ".join(limits_a)) & content_stems(" ".join(limits_b)):
        return found
    for own, fragments in ((a, limits_a), (b, limits_b)):
        if fragments:
            found.append(
                Evidence(
                    QUALIFIES,
                    0.35,
                    f"{own.source_name} adds a limit or condition to what both mention "
                    f"({_listed(fragments)})",
                )
            )
    return found


def _dated(evidence: Evidence) -> Evidence:
    """At different dates two opposite statements can both be true: the conflict only qualifies."""
    if evidence.relation != CONTRADICTS:
        return evidence
    return Evidence(QUALIFIES, evidence.strength - 0.1, evidence.says)


def _without_evidence(
    a: ClaimSide, b: ClaimSide, names: list[str], claim_words: list[str], closeness: float, same_point: bool
) -> RelationProposal:
    """No cue either way: say what the two share (maybe nothing) and never propose a contradiction."""
    if names or claim_words:
        shared = _listed([*names, *claim_words])
        stated = (
            f"{a.source_name} and {b.source_name} share only {shared}; no negation, figure, date or limit "
            "shows how their claims relate"
        )
    else:
        stated = (
            f"{a.source_name} and {b.source_name} share no names, figures or claim words here; the pair "
            "rests on the paragraphs around them"
        )
    confidence = round(0.5 * closeness, 2)
    return RelationProposal(
        QUALIFIES, f"{_capital(stated)}. {_check(QUALIFIES, confidence)}", confidence, same_point
    )


def _rank(relation: str) -> int:
    """Between cues of equal strength: a conflict before a limit, a limit before agreement."""
    return {CONTRADICTS: 3, QUALIFIES: 2, CORROBORATES: 1}[relation]


def _check(relation: str, confidence: float) -> str:
    """What the reviewer should check, always: weak evidence first asks whether this is one point."""
    check = {
        CONTRADICTS: "Check that both speak of the same thing at the same time; if both could be true, make "
        "it qualifies.",
        QUALIFIES: "Check what the difference changes in the other claim; if it denies it outright, make it "
        "contradicts, and if it adds nothing, corroborates.",
        CORROBORATES: "Check that the two make the same claim independently, not merely share words.",
    }[relation]
    if confidence < WEAK_BELOW:
        return (
            "The evidence is weak: check first that the two are on the same point (record a silence if they "
            "are not), then that the relation holds."
        )
    return check


def _years(years: set[int]) -> str:
    ordered = sorted(years)
    return ", ".join(str(y) for y in ordered[:-1]) + (" and " if len(ordered) > 1 else "") + str(ordered[-1])


def _listed(items: list[str] | list[Fragment]) -> str:
    quoted = [f"“{item}”" for item in list(dict.fromkeys(str(i) for i in items))[:4]]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
