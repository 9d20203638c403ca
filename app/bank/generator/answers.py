"""Pure: the other ways a learner may rightly write a typed or cloze answer.

Grading already folds case, spacing, punctuation and thousands commas (``types.grading``), so what is
listed here is what normalising cannot know: "2" for "two", "Joseph Stalin" or "Stalin" for "Stalin",
"Gage" for "General Gage". They go into the question's ``accepted_answers``, where a teacher sees them
and the Moodle and Anki exports carry them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from app.bank.generator.candidates import Span
from app.bank.generator.distractors import render_like
from app.bank.generator.name_runs import title_of
from app.bank.generator.people import PeopleIndex
from app.bank.generator.wordlists import GIVEN_NAMES

_NAME_PART = r"(?:(?:[A-Z][a-z]?\.)+\s?|[A-Z][a-z]+\s)"


def number_variants(span: Span) -> list[str]:
    """Digits for words and words for digits ("two"/"2", "25"/"twenty-five"); "75.1 percent" for "75.1%"."""
    if span.kind == "percentage":
        number = span.text.rstrip("%").strip()
        return [f"{number} percent", f"{number} per cent"] if span.text.endswith("%") else []
    if span.kind != "number" or span.granularity == "range" or not isinstance(span.value, float):
        return []
    if not span.value.is_integer() or not 0 <= span.value <= 1000:
        return []
    digits = str(int(span.value))
    if span.fmt.startswith("words:"):
        return [digits]
    words = render_like(Span("number", "", 0, 0, span.value, "words", "words:lower:-:"), span.value)
    return [words]


def name_forms(people: PeopleIndex, texts: Sequence[str]) -> dict[str, list[str]]:
    """Every way the texts write each person: "J. V. Stalin", "Joseph Stalin", "General Gage", "Gage".

    Footnotes count here (a citation's "I. V. Stalin" is how a reader may know him); a longer form is kept
    only when its extra words are given names, initials or a title, so "Stalin Prize" is not a name of his.
    """
    forms: dict[str, set[str]] = defaultdict(set)
    for short, full in people.by_short.items():
        forms[full].add(short)
    for full in people.full_names:
        forms[full].add(full)
    named: dict[str, set[str]] = defaultdict(set)
    for name in [*people.full_names, *people.by_short.values()]:
        named[name.split()[-1]].add(name)
    text = " ".join(" ".join(texts).split())
    for surname, fulls in named.items():
        pattern = rf"((?:{_NAME_PART}){{1,3}}){re.escape(surname)}\b"
        for match in re.finditer(pattern, text):
            leading = match.group(1).split()
            form = " ".join([*leading, surname])
            known = people.canonical(form)
            if not all(_given_or_initial(word) for word in leading):
                continue
            if known in fulls:
                forms[known].add(form)
            elif known is None and len(fulls) == 1:  # "I.V. Stalin" where the texts know one Stalin
                forms[next(iter(fulls))].add(form)
    return {name: sorted(found - {name}) for name, found in forms.items()}


def _given_or_initial(word: str) -> bool:
    return (
        bool(re.fullmatch(r"(?:[A-Z][a-z]?\.)+", word))
        or word.lower() in GIVEN_NAMES
        or title_of(word) is not None
    )


def person_variants(span: Span, forms: dict[str, list[str]]) -> list[str]:
    """The canonical name, the forms the texts use, and the name without its title."""
    canonical = str(span.value)
    variants = [canonical, *forms.get(canonical, [])]
    words = span.text.split()
    if len(words) > 1 and title_of(words[0]) is not None:
        variants.append(" ".join(words[1:]))
    for variant in list(variants):
        first, *rest = variant.split()
        if rest and title_of(first) is not None:
            variants.append(" ".join(rest))
    return [v for v in dict.fromkeys(variants) if v.casefold() != span.text.casefold()]


def accepted_variants(span: Span, forms: dict[str, list[str]]) -> list[str]:
    """What else a typed answer for this span may rightly be."""
    if span.kind == "person":
        return person_variants(span, forms)
    return number_variants(span)
