"""The parts of a long sentence that the ranking by meaning compares a claim with, one at a time."""

from itertools import pairwise

from app.bank.generator.sentence_parts import PART_STEP, PART_WORDS, SHORTEST_SPLIT, sentence_parts


def test_a_short_sentence_is_not_split() -> None:
    assert sentence_parts("The schools reopened in the spring.") == []
    assert sentence_parts(" ".join(f"w{n}" for n in range(SHORTEST_SPLIT))) == []


def test_a_long_sentence_is_covered_by_overlapping_parts_of_equal_length() -> None:
    words = [f"w{n}" for n in range(31)]
    parts = sentence_parts(" ".join(words))
    assert all(len(part.split()) == PART_WORDS for part in parts)
    covered = {word for part in parts for word in part.split()}
    assert covered == set(words)  # the last words get a part of their own, not dropped
    for first, second in pairwise(parts):
        assert set(first.split()) & set(second.split())  # a claim across a border is whole in some part
    assert parts[0].split()[PART_STEP] == parts[1].split()[0]
