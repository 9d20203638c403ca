"""The learner's pages: dashboard, meet the sources, quiz with feedback, flashcards, progress."""

import random
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.bank.types import QUESTION_TYPES, InvalidResponse
from app.bank.version import derived_from_bank, forget_bank_version
from app.bank.visibility import sources_for
from app.db import commit_keeping_loaded
from app.extensions import db
from app.learner import cards as card_service
from app.learner import quiz, sessions
from app.learner.assignments import AssignmentError, enrollments_of, open_assignments, questions_left
from app.learner.feedback import (
    RevisionFeedback,
    feedback_for,
    option_label,
    revision_feedback,
    source_labels,
    sources_by_id,
)
from app.learner.forms import (
    CHECK_ANSWER,
    CardGradeForm,
    ChoiceAnswerForm,
    NextQuestionForm,
    PractiseMistakesForm,
    QuizFilterForm,
    TypedAnswerForm,
    accepted_answer,
    option_values,
)
from app.learner.scheduling import RATING_LABELS, Review, describe_interval, next_intervals

bp = Blueprint("learner", __name__)
T = TypeVar("T")


@bp.before_app_request
def read_the_bank_version_afresh() -> None:
    """A session can outlive a request (a test's, a command's): each request reads the bank's version anew."""
    forget_bank_version(db.session)


def _now() -> datetime:
    return datetime.now(UTC)


def _as_learner(read: Callable[..., T], *args: Any) -> T:
    """``read(db.session, current_user, *args)``, or the error page its ``QuizError`` asks for (a question
    never shown, shown to someone else, a session that is not theirs)."""
    try:
        return read(db.session, current_user, *args)
    except quiz.QuizError as error:
        abort(error.status, description=str(error))


@bp.get("/study")
@login_required
def dashboard() -> str:
    deck = card_service.deck_for(db.session, current_user, _now(), current_app.config["CARDS_NEW_PER_DAY"])
    enrollments = enrollments_of(db.session, current_user)
    return render_template(
        "learner/dashboard.html",
        deck=deck,
        sources=sources_by_id(db.session),
        enrollments=enrollments,
        assignments=open_assignments(db.session, current_user, enrollments),
        start_form=NextQuestionForm(),
    )


@bp.get("/meet")
def meet() -> str:
    return render_template("learner/meet.html", sources=sources_for(db.session, current_user))


def _filter_form() -> QuizFilterForm:
    form = QuizFilterForm()
    form.offer(quiz.filter_menu(db.session, current_user))
    return form


@bp.get("/quiz")
@login_required
def quiz_start() -> str:
    return render_template("learner/quiz_start.html", form=_filter_form())


@bp.post("/quiz/next")
@login_required
def quiz_next() -> str | Response:
    form = _filter_form()
    if not form.validate_on_submit():
        return render_template("learner/quiz_start.html", form=form), 400
    filters = quiz.QuizFilters.from_mapping(form.data)
    rng = random.Random()
    if filters.assignment:
        # An assignment is a session of exactly the questions the learner has left to answer in it.
        only = _assignment_questions_or_redirect(filters.assignment)
        if isinstance(only, Response):
            return only
        presentation = sessions.start_session(
            db.session, current_user, rng, filters=filters, question_ids=list(only)
        )
    else:
        presentation = sessions.start_session(
            db.session, current_user, rng, size=form.size.data, filters=filters
        )
    if presentation is None:
        flash("No published questions match that choice yet. Try another section or kind.", "info")
        return redirect(url_for("learner.quiz_start"))
    commit_keeping_loaded(db.session)
    return redirect(url_for("learner.question", token=presentation.token))


@bp.post("/quiz/session/<int:quiz_session_id>/next")
@login_required
def session_next(quiz_session_id: int) -> Response:
    # The button sends nothing but its form's token, which CSRFProtect checked before this view ran (a stale
    # one is refused with 400): building a NextQuestionForm to check it again cost a tenth of the request.
    token = _as_learner(sessions.next_in_session, quiz_session_id, random.Random())
    if token is None:
        return redirect(url_for("learner.session_summary", quiz_session_id=quiz_session_id))
    return redirect(url_for("learner.question", token=token))


@bp.get("/quiz/session/<int:quiz_session_id>")
@login_required
def session_summary(quiz_session_id: int) -> str:
    return render_template(
        "learner/session_summary.html",
        state=_as_learner(sessions.session_state, quiz_session_id),
        mistakes_form=PractiseMistakesForm(),
        next_form=NextQuestionForm(),
    )


@bp.post("/quiz/session/<int:quiz_session_id>/mistakes")
@login_required
def practise_mistakes(quiz_session_id: int) -> Response:
    if not PractiseMistakesForm().validate_on_submit():
        abort(400, description="This page was open too long. Go back and try again.")
    presentation = _as_learner(sessions.practise_mistakes, quiz_session_id, random.Random())
    if presentation is None:
        flash("No mistakes to practise in that quiz (or those questions are no longer published).", "info")
        return redirect(url_for("learner.session_summary", quiz_session_id=quiz_session_id))
    commit_keeping_loaded(db.session)
    return redirect(url_for("learner.question", token=presentation.token))


def _assignment_questions_or_redirect(assignment_id: str) -> list[str] | Response:
    """An assignment's questions still to answer; back to the study page once none are left."""
    try:
        left = questions_left(db.session, current_user, assignment_id)
    except AssignmentError as error:
        if error.status == 404:
            abort(404, description=str(error))
        flash(str(error), "info")
        return redirect(url_for("learner.dashboard"))
    if not left:
        flash("You have answered every question of that assignment. Well done.", "success")
        return redirect(url_for("learner.dashboard"))
    return left


def _answer_form(shown: quiz.ShownQuestion) -> ChoiceAnswerForm | TypedAnswerForm:
    """The answer form of a question shown, its options labelled, to draw the page. An answer is checked
    with ``accepted_answer``, which needs the options' values alone (the labels need the sources and the
    bank's version); the form is built for a refused one, to say why."""
    if shown.choice_order is None:
        return TypedAnswerForm()
    form = ChoiceAnswerForm()
    sources = source_labels(db.session)
    form.response.choices = [
        SelectChoice(value, option_label(option, sources))
        for value, option in zip(option_values(len(shown.choice_order)), shown.choice_order, strict=True)
    ]
    return form


@bp.get("/quiz/q/<token>")
@login_required
def question(token: str) -> str | Response:
    shown = _as_learner(quiz.shown_question, token)
    if shown.answered:
        return redirect(url_for("learner.feedback", token=token))
    return render_template(
        "learner/question.html", shown=shown, inputs=_answer_inputs(shown), button=CHECK_ANSWER
    )


# Past this many (a bank's revisions times the orders their options were shown in), start again.
MOST_KEPT_INPUTS = 20_000


def _answer_inputs(shown: quiz.ShownQuestion) -> Markup:
    """The answer form's inputs as a question page first shows them, drawn once per revision and order of
    its options (and per bank version, which the options' labels come from) rather than for every page:
    building the form and drawing its inputs cost a fifth of the page. The same markup as the form draws."""
    kept = derived_from_bank(db.session, "answer_inputs", lambda _session: {})
    key = (shown.revision_id, tuple(shown.choice_order or ()))
    html = kept.get(key)
    if html is None:
        template = current_app.jinja_env.get_template(QUESTION_TYPES[shown.type].template)
        html = str(template.module.quiz_answer(shown, form=_answer_form(shown)))
        if len(kept) >= MOST_KEPT_INPUTS:
            kept.clear()
        kept[key] = html
    return Markup(html)


@bp.post("/quiz/q/<token>")
@login_required
def answer(token: str) -> str | Response:
    shown = _as_learner(quiz.shown_question, token)
    if shown.answered:  # a double-click, refresh or back-button resubmit
        return redirect(url_for("learner.feedback", token=token))
    choice_count = None if shown.choice_order is None else len(shown.choice_order)
    response = accepted_answer(request.form, choice_count)
    refused = None
    if response is not None:
        try:
            # False if this request's twin stored its answer first: the feedback shows that one.
            quiz.store_answer(db.session, current_user, shown, response)
        except InvalidResponse as error:
            refused = str(error)
        else:
            return redirect(url_for("learner.feedback", token=token))
    # Refused: the question again, with the form's reason (or the grader's).
    form = _answer_form(shown)
    form.validate()
    if refused is not None:
        form.response.errors.append(refused)
    return render_template("learner/question.html", shown=shown, form=form), 400


@bp.get("/quiz/q/<token>/feedback")
@login_required
def feedback(token: str) -> str | Response:
    answered = _as_learner(quiz.answered_question, token)
    if not answered.answered:
        return redirect(url_for("learner.question", token=token))
    view = revision_feedback(db.session, answered.revision_id)
    return render_template(
        "learner/feedback.html",
        answered=answered,
        revision=view,
        response_label=option_label(answered.response, source_labels(db.session)),
        feedback=view.feedback,
        evidence=_evidence_html(view),
    )


def _evidence_html(view: RevisionFeedback) -> Markup:
    """The feedback's evidence, drawn once per kept view (so once per revision, bank version, process and
    mount prefix) rather than on every page: a class answering the same question sees the same passages."""
    html = view.evidence_html.get(request.script_root)
    if html is None:
        draw = current_app.jinja_env.get_template("learner/_evidence.html").module.evidence_pair
        html = view.evidence_html[request.script_root] = draw(view.feedback)
    return Markup(html)


@bp.get("/cards")
@login_required
def cards() -> str:
    deck = card_service.deck_for(db.session, current_user, _now(), current_app.config["CARDS_NEW_PER_DAY"])
    return render_template("learner/cards.html", deck=deck)


@bp.get("/cards/review")
@login_required
def card_review() -> str:
    now = _now()
    deck = card_service.deck_for(db.session, current_user, now, current_app.config["CARDS_NEW_PER_DAY"])
    revision = deck.next_card
    if revision is None:
        return render_template("learner/cards.html", deck=deck, finished=True)
    presentation = card_service.card_presentation(db.session, current_user, revision)
    logs = card_service.reviews_by_question(db.session, current_user).get(revision.question_id, [])
    intervals = next_intervals([Review(log.rating, log.reviewed_at) for log in logs], now)
    return render_template(
        "learner/card.html",
        deck=deck,
        presentation=presentation,
        feedback=feedback_for(db.session, revision),
        form=CardGradeForm(),
        ratings=[(r, label, describe_interval(intervals[r])) for r, label in RATING_LABELS.items()],
    )


@bp.post("/cards/review/<token>")
@login_required
def card_grade(token: str) -> Response:
    _as_learner(quiz.presentation_for, token, "card")
    form = CardGradeForm()
    if not form.validate_on_submit():
        abort(400, description="Grade the card with Again, Hard, Good or Easy.")
    _as_learner(card_service.record_review, token, form.rating.data)
    return redirect(url_for("learner.card_review"))


@bp.get("/progress")
@login_required
def progress() -> str:
    from app.learner.chart import daily_chart
    from app.learner.progress import progress_for

    summary = progress_for(db.session, current_user, _now())
    return render_template("learner/progress.html", progress=summary, chart=daily_chart(summary.daily))
