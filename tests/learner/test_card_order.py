"""New flashcards take turns across sources and passages, and keep their order for a learner all day."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from app.auth.models import User
from app.extensions import db
from app.learner import cards
from app.learner.card_order import CardPlace, interleave
from app.sources.highlight import find_quote

MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def passage_of(revision) -> str:
    """Found the way the feedback page finds it, not the way the deck does."""
    found = find_quote(db.session, revision.support_source_id, revision.support_quote)
    return found.passage.id if found else revision.support_quote


def test_the_shipped_deck_never_repeats_a_passage_back_to_back_when_it_can_avoid_it(learner: User) -> None:
    new = cards.deck_for(db.session, learner, MORNING, 20).new
    passages = [passage_of(revision) for revision in new]
    assert len(set(passages)) > 1
    for i in range(len(new) - 1):
        if passages[i] == passages[i + 1]:
            # Allowed only when every card still to come is on that same passage.
            assert set(passages[i + 1 :]) == {passages[i]}, f"card {i + 1} repeats a passage needlessly"
    first_sources = {revision.support_source_id for revision in new[:2]}
    assert len(first_sources) == 2, "the first two new cards come from both sources"


def test_the_shipped_deck_does_not_start_with_cards_of_the_same_answer(learner: User) -> None:
    new = cards.deck_for(db.session, learner, MORNING, 20).new[:20]
    answers = [str(revision.answer).casefold() for revision in new]
    assert all(one != other for one, other in pairwise(answers))


def test_reloading_keeps_the_order_and_studying_a_card_keeps_the_rest(learner: User) -> None:
    first = [r.question_id for r in cards.deck_for(db.session, learner, MORNING, 20).new]
    again = [r.question_id for r in cards.deck_for(db.session, learner, MORNING + timedelta(hours=1), 20).new]
    assert again == first
    studied = cards.deck_for(db.session, learner, MORNING, 20).next_card
    presentation = cards.card_presentation(db.session, learner, studied)
    cards.record_review(db.session, learner, presentation.token, 3, now=MORNING + timedelta(minutes=1))
    later = MORNING + timedelta(minutes=2)
    after = [r.question_id for r in cards.deck_for(db.session, learner, later, 20).new]
    assert after == [question_id for question_id in first if question_id != studied.question_id]


def test_another_learner_or_another_day_gets_another_order(learner: User, make_user) -> None:
    ana = [r.question_id for r in cards.deck_for(db.session, learner, MORNING, 20).new]
    ben = [r.question_id for r in cards.deck_for(db.session, make_user("Ben"), MORNING, 20).new]
    next_day = MORNING + timedelta(days=1)
    tomorrow = [r.question_id for r in cards.deck_for(db.session, learner, next_day, 20).new]
    assert sorted(ben) == sorted(ana) == sorted(tomorrow)
    assert ben != ana and tomorrow != ana


def test_a_clash_happens_only_when_every_card_left_clashes() -> None:
    """Three cards on one passage and one elsewhere: the lone card goes between two of the three, whichever
    source the turn-taking starts with."""
    places = {
        "a1": CardPlace("a", "s1", "p1", "x"),
        "a2": CardPlace("a", "s1", "p1", "y"),
        "a3": CardPlace("a", "s1", "p1", "z"),
        "b1": CardPlace("b", "s1", "q1", "w"),
    }
    for seed in ("one", "two", "three", "four"):
        ordered = interleave(list(places), places.__getitem__, seed)
        passages = [places[item].passage for item in ordered]
        assert passages == ["p1", "q1", "p1", "p1"], seed
