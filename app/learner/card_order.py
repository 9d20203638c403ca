"""Pure: the order in which a learner meets new flashcards.

Bank order puts every card on one passage side by side, so a learner would answer the same point, often
with the same answer, five times running. New cards instead take turns across sources, then across the
sections of a source, and never follow a card on the same passage or with the same answer while another
card is left. The shuffle is seeded by the learner and the day, so reloading the page keeps the order.
"""

import random
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class CardPlace:
    """Where a card's answer lies: what the order spreads out."""

    source: str
    section: str
    passage: Hashable
    answer: str


def day_seed(learner_id: int, day: str) -> str:
    """One learner's order for one day: the same on every reload, different for another learner or day."""
    return f"{learner_id}:{day}"


def _round_robin(queues: list[deque[Item]]) -> list[Item]:
    """Take one item from each queue in turn until all are empty."""
    taken: list[Item] = []
    while queues:
        for queue in list(queues):
            taken.append(queue.popleft())
            if not queue:
                queues.remove(queue)
    return taken


def _preferred_order(
    items: Sequence[Item], place: Callable[[Item], CardPlace], rng: random.Random
) -> list[Item]:
    """Sources take turns; within a source its sections take turns; cards of a section are shuffled."""
    by_source: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        where = place(item)
        by_source[where.source][where.section].append(item)
    source_queues = []
    for source in sorted(by_source):
        sections = by_source[source]
        section_queues = []
        for section in sorted(sections):
            cards = list(sections[section])
            rng.shuffle(cards)
            section_queues.append(deque(cards))
        rng.shuffle(section_queues)
        source_queues.append(deque(_round_robin(section_queues)))
    rng.shuffle(source_queues)
    return _round_robin(source_queues)


def _clashes(one: CardPlace, other: CardPlace) -> bool:
    return one.passage == other.passage or one.answer == other.answer


def interleave(items: Sequence[Item], place: Callable[[Item], CardPlace], seed: str) -> list[Item]:
    """The items in turn-taking order, no two in a row on the same passage or answer when that can be avoided.

    Each step takes the first card of the preferred order that does not clash with the card before it,
    except that a passage holding more than half of the cards left goes first whenever it may: putting it
    off would leave only its own cards at the end, back to back.
    """
    remaining = _preferred_order(items, place, random.Random(seed))
    left_per_passage = Counter(place(item).passage for item in remaining)
    ordered: list[Item] = []
    while remaining:
        previous = place(ordered[-1]) if ordered else None
        crowded, crowd = left_per_passage.most_common(1)[0]
        if crowd * 2 > len(remaining) and (previous is None or previous.passage != crowded):
            chosen = next(i for i, item in enumerate(remaining) if place(item).passage == crowded)
        elif previous is None:
            chosen = 0
        else:
            chosen = next((i for i, item in enumerate(remaining) if not _clashes(previous, place(item))), 0)
        ordered.append(remaining.pop(chosen))
        left_per_passage[place(ordered[-1]).passage] -= 1
    return ordered
