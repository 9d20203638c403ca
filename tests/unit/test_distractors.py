"""Distractors: wrong answers of the same kind, granularity and format as the answer, from the same texts."""

from functools import cache
from pathlib import Path

from app.bank.generator.spans import PeopleIndex, Span, find_spans, render_like, same_kind_candidates
from tests.unit.spans_texts import (
    DPRK_FILE,
    GAGE_FILE,
    NARRATIVE_FILE,
    PAPER_FILE,
    korea_people,
    lexington_people,
    sentence_with,
    sentences,
    span_at,
)

# Distractors --------------------------------------------------------------------------------------


def pool_of(paths: tuple[Path, ...], people: PeopleIndex) -> tuple[Span, ...]:
    return tuple(s for path in paths for sentence in sentences(path) for s in find_spans(sentence, people))


@cache
def korea_pool() -> tuple[Span, ...]:
    return pool_of((DPRK_FILE, PAPER_FILE), korea_people())


@cache
def lexington_pool() -> tuple[Span, ...]:
    return pool_of((GAGE_FILE, NARRATIVE_FILE), lexington_people())


def test_a_year_among_nearby_years():
    answer = span_at(sentence_with(DPRK_FILE, "visited the Soviet Union in 1956"), "1956")
    candidates = same_kind_candidates(answer, korea_pool())
    values = [c.value for c in candidates]
    assert values[:3] == [1954, 1953, 1952]
    assert all(c.kind == "year" and c.granularity == "year" for c in candidates)
    assert 1956 not in values and len(values) == len(set(values))
    assert 1928 not in values and 2410 not in values  # counts never come back as years


def test_a_percentage_among_percentages_of_the_same_precision():
    answer = span_at(sentence_with(PAPER_FILE, "75.1% of all capital investments"), "75.1%")
    candidates = same_kind_candidates(answer, korea_pool())
    assert candidates and all(c.kind == "percentage" and c.granularity == "decimal" for c in candidates)
    rendered = [render_like(answer, c.value) for c in candidates]
    assert rendered[:2] == ["81.5%", "58.8%"]
    assert "75.1%" not in rendered and "32%" not in rendered


def test_a_count_among_counts_of_the_same_thing_and_format():
    answer = span_at(sentence_with(PAPER_FILE, "240,000 tons of coal"), "240,000")
    candidates = same_kind_candidates(answer, korea_pool())
    assert all(c.granularity == "thousands" for c in candidates)
    assert all(c.unit == "ton" for c in candidates[:5])
    assert all("," in render_like(answer, c.value) for c in candidates)


def test_a_person_among_people_as_full_names():
    people = korea_people()
    answer = span_at(sentence_with(PAPER_FILE, "Zhou made it clear"), "Zhou", people)
    candidates = same_kind_candidates(answer, korea_pool())
    rendered = [render_like(answer, c.value) for c in candidates]
    assert render_like(answer, answer.value) == "Zhou Enlai"
    assert {"Stalin", "Mao Zedong", "Kim Il Sung"} <= set(rendered[:5])
    assert "Zhou Enlai" not in rendered and "Zhou" not in rendered and "Mao" not in rendered
    assert all(c.kind == "person" for c in candidates)


def test_an_officer_among_officers():
    people = lexington_people()
    answer = span_at(sentence_with(GAGE_FILE, "Major Pitcairn, to take Possession"), "Pitcairn", people)
    rendered = [render_like(answer, c.value) for c in same_kind_candidates(answer, lexington_pool())]
    officers = {"Colonel Smith", "Parsons", "Laurie", "Percy", "Gage", "John Parker", "Jones"}
    assert set(rendered[:5]) <= officers


def test_dates_among_dates_of_the_same_granularity_in_the_same_style():
    answer = span_at(sentence_with(NARRATIVE_FILE, "Watertown, May 22d, 1775"), "May 22d, 1775")
    rendered = [render_like(answer, c.value) for c in same_kind_candidates(answer, lexington_pool())]
    assert rendered[:4] == ["April 25th, 1775", "April 24th, 1775", "April 23d, 1775", "April 19th, 1775"]
    month = span_at(sentence_with(PAPER_FILE, "open negotiations in June 1951"), "June 1951")
    candidates = same_kind_candidates(month, korea_pool())
    assert candidates and all(c.granularity == "month" for c in candidates)
    assert render_like(month, candidates[0].value) in {"July 1951", "April 1950", "September 1951"}


def test_numbers_in_words_among_numbers_in_words():
    answer = span_at(sentence_with(GAGE_FILE, "Five Hundred Men"), "Five Hundred")
    candidates = same_kind_candidates(answer, lexington_pool())
    assert candidates and all(c.granularity == "words" for c in candidates)
    assert render_like(answer, candidates[0].value) in {"Nine Hundred", "One Thousand", "Four Hundred"}


def test_candidates_never_repeat_a_value_or_the_answer():
    for pool in (korea_pool(), lexington_pool()):
        for answer in pool:
            candidates = same_kind_candidates(answer, pool)
            rendered = [render_like(answer, c.value) for c in candidates]
            assert len(rendered) == len(set(rendered))
            assert render_like(answer, answer.value) not in rendered
