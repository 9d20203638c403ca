"""FSRS through our wrapper: the schedule is a pure function of the review log."""

from datetime import UTC, datetime, timedelta

from app.learner.scheduling import Review, card_state, describe_interval, next_intervals

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def test_a_card_never_reviewed_is_new_and_not_due() -> None:
    state = card_state([])
    assert state.is_new
    assert not state.is_due(T0)


def test_the_same_log_always_gives_the_same_schedule() -> None:
    log = [Review(3, T0), Review(3, T0 + timedelta(minutes=10)), Review(4, T0 + timedelta(days=2))]
    assert card_state(log) == card_state(list(reversed(log)))


def test_naive_timestamps_from_sqlite_are_read_as_utc() -> None:
    aware = card_state([Review(3, T0)])
    naive = card_state([Review(3, T0.replace(tzinfo=None))])
    assert aware.due == naive.due


def test_better_ratings_give_longer_intervals() -> None:
    log = [Review(3, T0), Review(3, T0 + timedelta(minutes=10))]
    intervals = next_intervals(log, T0 + timedelta(days=1))
    assert intervals[1] < intervals[2] <= intervals[3] < intervals[4]


def test_again_puts_a_learned_card_back_into_relearning() -> None:
    log = [Review(3, T0), Review(3, T0 + timedelta(minutes=10)), Review(3, T0 + timedelta(days=3))]
    assert card_state(log).state == "review"
    lapsed = card_state([*log, Review(1, T0 + timedelta(days=10))])
    assert lapsed.state == "relearning"
    assert lapsed.due - (T0 + timedelta(days=10)) <= timedelta(minutes=10)


def test_intervals_read_well_on_a_button() -> None:
    assert describe_interval(timedelta(seconds=30)) == "1 min"
    assert describe_interval(timedelta(minutes=10)) == "10 min"
    assert describe_interval(timedelta(hours=5)) == "5 h"
    assert describe_interval(timedelta(days=4)) == "4 d"
    assert describe_interval(timedelta(days=90)) == "3 mo"
