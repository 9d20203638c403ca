"""A class's flashcard kinds: the teacher ticks the kinds of question that become cards for its learners."""

import re
from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient

from app.auth.models import Classroom, User
from app.auth.services import create_classroom, enroll
from app.bank.types import QUESTION_TYPES, label
from app.extensions import db
from app.learner import cards
from app.learner.progress import progress_for
from app.teacher.classes import services
from tests.conftest import log_in

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def deck_kinds(user: User) -> set[str]:
    deck = cards.deck_for(db.session, user, NOW, 10)
    return {revision.type for revision in deck.new}


def ticked(page: str, kind: str) -> bool:
    box = re.search(rf'<input[^>]*value="{kind}"[^>]*>', page)
    assert box is not None, f"no tick box for {kind}"
    return " checked" in box.group(0)


def learner_in(classroom: Classroom, make_user, name: str = "Ana") -> User:
    user = make_user(name)
    enroll(db.session, user, classroom)
    db.session.commit()
    return user


def test_by_default_every_published_kind_is_a_card(classroom: Classroom, make_user) -> None:
    ana = learner_in(classroom, make_user)
    outside = make_user("Ben")
    assert deck_kinds(ana) == deck_kinds(outside)
    assert len(deck_kinds(ana)) > 1, "the shipped bank publishes several kinds"


def test_the_teacher_unticks_a_kind_and_the_learners_deck_loses_it(
    client: FlaskClient, classroom: Classroom, make_user
) -> None:
    ana = learner_in(classroom, make_user)
    before = deck_kinds(ana)
    dropped = sorted(before)[0]
    kept = [name for name in QUESTION_TYPES if name != dropped]
    log_in(client, "Ms Rivera")
    page = client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert label(dropped) in page and ticked(page, dropped)
    response = client.post(f"/teach/classes/{classroom.id}/cards", data={"kinds": kept})
    assert response.status_code == 302
    assert deck_kinds(ana) == before - {dropped}
    page = client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert "now come from the ticked kinds" in page
    assert not ticked(page, dropped) and all(ticked(page, name) for name in kept)


def test_a_learner_in_two_classes_gets_the_kinds_either_class_keeps(classroom: Classroom, make_user) -> None:
    ana = learner_in(classroom, make_user)
    other = create_classroom(db.session, "History 10C", classroom.teacher)
    enroll(db.session, ana, other)
    kinds = sorted(deck_kinds(ana))
    classroom.card_kinds_left_out = [kinds[0]]
    other.card_kinds_left_out = [kinds[1]]
    db.session.commit()
    assert deck_kinds(ana) == set(kinds)
    other.card_kinds_left_out = [kinds[0], kinds[1]]
    db.session.commit()
    assert deck_kinds(ana) == set(kinds) - {kinds[0]}


def test_unticking_every_kind_is_refused_and_changes_nothing(
    client: FlaskClient, classroom: Classroom, make_user
) -> None:
    ana = learner_in(classroom, make_user)
    before = deck_kinds(ana)
    log_in(client, "Ms Rivera")
    response = client.post(f"/teach/classes/{classroom.id}/cards", data={})
    assert response.status_code == 400
    assert "Keep at least one kind" in response.get_data(as_text=True)
    assert deck_kinds(ana) == before


def test_a_kind_the_registry_does_not_know_is_refused(client: FlaskClient, classroom: Classroom) -> None:
    log_in(client, "Ms Rivera")
    response = client.post(f"/teach/classes/{classroom.id}/cards", data={"kinds": ["essay"]})
    assert response.status_code == 400
    assert db.session.get(Classroom, classroom.id).card_kinds_left_out == []


def test_cards_due_count_only_the_kinds_the_class_keeps(classroom: Classroom, make_user) -> None:
    """A card reviewed before its kind was unticked is no longer served, so no page counts it as due."""
    ana = learner_in(classroom, make_user)
    studied = cards.deck_for(db.session, ana, NOW, 10).next_card
    presentation = cards.card_presentation(db.session, ana, studied)
    cards.record_review(db.session, ana, presentation.token, 1, now=NOW)  # Again: due within minutes
    later = NOW + timedelta(hours=1)
    assert services.roster(db.session, classroom, later)[0].cards_due == 1
    assert progress_for(db.session, ana, later).cards.due_now == 1
    new_before = progress_for(db.session, ana, later).cards.new

    classroom.card_kinds_left_out = [studied.type]
    db.session.commit()
    assert cards.deck_for(db.session, ana, later, 10).due_now == []
    assert services.roster(db.session, classroom, later)[0].cards_due == 0
    left = progress_for(db.session, ana, later).cards
    assert left.due_now == 0
    assert left.new == len(cards.deck_for(db.session, ana, later, 10).new) < new_before
