"""Pure: a sentence's answerable spans (years, dates, numbers, percentages, people) and their distractors.

A cloze or typed question blanks one span of a source sentence; a multiple-choice question needs wrong
answers a teacher would accept as fair: of the same kind and granularity, drawn from the same texts, and
written the same way. Everything here works on any pair of plain-text sources, so the cues are general
(context words around a number, titles and verbs of speech around a name, how a word is used elsewhere in
the texts) rather than lists of what our two texts happen to contain. Stdlib only; no Flask, no database.

This module is the entry point; the work is done in:
    candidates.py    Span, and the candidates each finder proposes
    dates.py         dates ("5 March 1953", "May 22d, 1775")
    quantities.py    years, numbers and percentages in figures, and the counted noun after them
    number_words.py  numbers in words ("Five Hundred", "two to three")
    name_runs.py     tokens and runs of capitalised words, the raw material for names
    people.py        the people index, and the names in a sentence
    distractors.py   same_kind_candidates and render_like
    wordlists.py     the built-in word lists
"""

from __future__ import annotations

from app.bank.generator.candidates import Candidate, Span
from app.bank.generator.dates import date_candidates
from app.bank.generator.distractors import render_like, same_kind_candidates
from app.bank.generator.number_words import word_number_candidates
from app.bank.generator.people import PeopleIndex, build_people_index, person_candidates
from app.bank.generator.quantities import numeric_candidates

__all__ = ["PeopleIndex", "Span", "build_people_index", "find_spans", "render_like", "same_kind_candidates"]


def find_spans(sentence: str, people: PeopleIndex) -> list[Span]:
    """The answerable spans of one sentence, sorted by start and non-overlapping (the longest wins)."""
    candidates: list[Candidate] = []
    candidates.extend(date_candidates(sentence))
    candidates.extend(numeric_candidates(sentence))
    candidates.extend(word_number_candidates(sentence))
    candidates.extend(person_candidates(sentence, people))
    candidates.sort(key=lambda c: (-c.length, c.priority, c.start))
    taken: list[Candidate] = []
    for candidate in candidates:
        if all(candidate.end <= other.start or candidate.start >= other.end for other in taken):
            taken.append(candidate)
    return sorted((c.span for c in taken if c.span is not None), key=lambda s: s.start)
