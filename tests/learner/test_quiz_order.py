"""Which question comes next: unseen first, then the ones last answered wrong, never the one just shown."""

import random
from collections.abc import Callable
from pathlib import Path

from flask import Flask

from app.auth.models import User
from app.bank.services import load_bank
from app.extensions import db
from app.learner import quiz

RIGHT = {"toast-tf": "true", "lost-nothing-cloze": "people"}
WRONG = {"toast-tf": "false", "lost-nothing-cloze": "land"}


def _show_and_answer(learner: User, rng: random.Random, right: bool) -> str:
    """Shows the next question and answers it right or wrong; returns its id."""
    entry = quiz.choose_next(db.session, learner, quiz.QuizFilters(), rng)
    presentation = quiz.present(db.session, learner, entry, quiz.QuizFilters(), rng)
    db.session.commit()
    answer = (RIGHT if right else WRONG)[entry.question_id]
    if presentation.choice_order is not None:
        answer = str(presentation.choice_order.index(answer))
    attempt = quiz.submit_answer(db.session, learner, presentation.token, answer)
    assert attempt.correct is right
    return entry.question_id


def test_unseen_first_then_missed_and_never_the_one_just_shown(
    app: Flask, tiny_bank: Path, make_user: Callable[..., User]
) -> None:
    load_bank(db.session, tiny_bank)
    db.session.commit()
    for seed in range(3):
        learner, rng = make_user(f"Learner {seed}"), random.Random(seed)
        missed = _show_and_answer(learner, rng, right=False)
        other = _show_and_answer(learner, rng, right=True)
        assert other != missed  # unseen first
        assert _show_and_answer(learner, rng, right=True) == missed  # then the one answered wrong
        assert _show_and_answer(learner, rng, right=False) == other  # never the one just shown
