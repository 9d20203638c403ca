"""The teacher's question bank: browse and preview, then the editor (create, edit, publish, history, restore).

Previews never create a Presentation or an Attempt: they render the current revision directly.
Routes stay thin: forms shape the input, ``services`` checks and writes, each route commits once.
"""

from pathlib import Path

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.auth.access import guarded_blueprint
from app.bank.models import ClaimPair, Question
from app.bank.types.editor import QuestionInput
from app.converters import whole_number
from app.extensions import db
from app.learner.feedback import feedback_for, option_label, sources_by_id
from app.sources.models import Source
from app.sources.stored import SourceUnavailable
from app.teacher import revisions
from app.teacher.questions import queries, services
from app.teacher.questions.forms import ActionForm, QuestionForm, form_class
from app.teacher.questions.grounding import BankView, picker_window, picker_windows
from app.teacher.questions.verbatim import source_words

bp = guarded_blueprint("teacher_bank", __name__, "/teach", "teacher")

STATUS_BANNERS = {
    "draft": "Draft: learners do not see this.",
    "retired": "Retired: learners no longer see this.",
}


@bp.get("/questions")
def questions() -> str:
    filters = queries.BankFilters.from_mapping(request.args)
    flagged = queries.flagged_question_ids(db.session, current_user) if filters.needs_checking else None
    result = queries.bank_page(
        db.session, filters, page=request.args.get("page", 1, type=whole_number) or 1, flagged=flagged
    )
    return render_template(
        "teacher/questions/list.html",
        filters=filters,
        result=result,
        source_labels=dict(result.choices.sources),
    )


@bp.get("/questions/<question_id>")
@bp.get("/questions/<question_id>/revisions/<int:number>")
def preview(question_id: str, number: int | None = None) -> str:
    """The current revision, or any older one, as a learner sees it, with the editor's actions."""
    found = queries.question_and_revision(db.session, question_id)
    if found is None:
        abort(404, description=f"There is no question with the id “{question_id}” in the bank.")
    question, revision = found
    if number is not None:
        revision = services.revision(question, number)
        if revision is None:
            abort(404, description=f"The question “{question_id}” has no revision {number}.")
    sources = sources_by_id(db.session)
    options = queries.preview_options(revision, tuple(sources))
    return render_template(
        "teacher/questions/preview.html",
        question=question,
        revision=revision,
        banner=STATUS_BANNERS.get(question.status),
        options=[option_label(option, sources) for option in options] if options is not None else None,
        feedback=feedback_for(db.session, revision),
        history=queries.revision_history(db.session, question.id),
        attempts=services.attempts_by_revision(db.session, question.id),
        action_form=ActionForm(),
    )


def _question(question_id: str) -> Question:
    return db.get_or_404(
        Question, question_id, description=f"There is no question with the id “{question_id}”."
    )


def _bank_dir() -> Path:
    return Path(current_app.config["BANK_DIR"])


def _bank_view() -> BankView:
    try:
        return BankView(db.session, _bank_dir())
    except SourceUnavailable as error:
        abort(503, description=str(error))


def _shorten(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _form_for(qtype: str, keep_pair: str | None = None) -> QuestionForm:
    """The form for this kind; the pair menu offers every pair not retired, and the question's own."""
    form_type = form_class(qtype)
    if form_type is None:
        abort(404, description=f"There is no kind of question called “{qtype}”.")
    form = form_type()
    sources = sources_by_id(db.session)
    offered = (ClaimPair.status != "retired") | (ClaimPair.id == keep_pair)
    pairs = db.session.scalars(select(ClaimPair).where(offered).order_by(ClaimPair.id))
    form.set_choices(
        [(s.id, s.title) for s in sources.values()],
        [(p.id, f"{p.id} ({p.status}, {p.relation}): {_shorten(p.a_quote, 50)}") for p in pairs],
    )
    return form


def _show_problems(form: QuestionForm, problems: dict[str, list[str]]) -> list[str]:
    """Put each validator message under its field; return those that belong to no field."""
    general = []
    for name, messages in problems.items():
        if name == "choices" and hasattr(form, "choice_errors"):
            form.choice_errors += messages
        elif name == "answer" and not hasattr(form, "answer") and hasattr(form, "correct"):
            form.correct.errors = [*form.correct.errors, *messages]
        elif name and hasattr(form, name):
            field = getattr(form, name)
            field.errors = [*field.errors, *messages]
        else:
            general += messages
    return general


def _editor_page(form: QuestionForm, question: Question | None, general: list[str], status: int = 200):
    sources = sources_by_id(db.session)
    chosen = form.support_source_id.data or next(iter(sources), None)
    page = render_template(
        "teacher/questions/edit.html",
        form=form,
        question=question,
        general_errors=general,
        picker=picker_windows(db.session, sources, chosen, form.support_quote.data or "", _bank_dir()),
        sources=sources,
    )
    return page, status


@bp.get("/picker/<source_id>")
def picker(source_id: str) -> Response:
    """A window of a source's passages, sentence by sentence, for the editor's picker (JSON): from the
    passage numbered ``start``, or the ones before ``before``; ``find`` keeps those holding its words."""
    source = db.get_or_404(Source, source_id, description=f"There is no source with the id “{source_id}”.")
    before = request.args.get("before", type=whole_number)
    start = request.args.get("start", type=whole_number) or 1
    find = request.args.get("find", "")[:200]
    words = source_words(source, _bank_dir())
    window = picker_window(db.session, source_id, start=start, before=before, find=find, words=words)
    return jsonify(window.as_json())


def _saved_message(number: int | None, replaced: bool, quote: str) -> None:
    if number is None:
        flash("Nothing changed, so no new revision was made.", "info")
    else:
        flash(f"Saved as revision {number}.", "success")
    if replaced:
        flash(
            Markup("The quote was replaced by the source's exact words: “{}”.").format(escape(quote)), "info"
        )


@bp.get("/questions/new")
def new_question() -> str:
    qtype = request.args.get("type", "")
    if not qtype:
        return render_template("teacher/questions/choose_type.html")
    form = _form_for(qtype)
    if source := request.args.get("source"):
        form.support_source_id.data = source
    return _editor_page(form, None, [])


@bp.post("/questions/new")
def create_question() -> str | Response:
    form = _form_for(request.args.get("type", ""))
    if not form.validate_on_submit():
        return _editor_page(form, None, [], 400)
    data = form.to_input()
    question_id = form.question_id.data or services.new_question_id(
        db.session, data.support_source_id, form.TYPE
    )
    try:
        result = services.create_question(
            db.session, _bank_view(), question_id, data, current_user.display_name, form.reason.data.strip()
        )
    except services.EditorInvalid as invalid:
        db.session.rollback()
        return _editor_page(form, None, _show_problems(form, invalid.problems), 400)
    db.session.commit()
    _saved_message(1, result.quote_replaced, result.revision.support_quote)
    flash("New questions start as drafts: learners see them once you publish.", "info")
    return redirect(url_for("teacher_bank.preview", question_id=result.question.id))


@bp.route("/questions/<question_id>/edit", methods=["GET", "POST"])
def edit_question(question_id: str) -> str | Response:
    question = _question(question_id)
    current = question.current_revision
    form = _form_for(current.type, keep_pair=current.claim_pair_id)
    if request.method == "GET":
        form.fill(QuestionInput.from_revision(current))
        return _editor_page(form, question, [])
    if not form.validate_on_submit():
        return _editor_page(form, question, [], 400)
    try:
        result = services.save_question(
            db.session, _bank_view(), question, form.to_input(), current_user.display_name, form.reason.data
        )
    except services.EditorInvalid as invalid:
        db.session.rollback()
        return _editor_page(form, question, _show_problems(form, invalid.problems), 400)
    db.session.commit()
    quote = result.revision.support_quote if result.revision else current.support_quote
    _saved_message(result.revision.number if result.revision else None, result.quote_replaced, quote)
    return redirect(url_for("teacher_bank.preview", question_id=question.id))


STATUS_ACTIONS = {"publish": "published", "unpublish": "draft", "retire": "retired", "reinstate": "draft"}


@bp.post("/questions/<question_id>/status/<action>")
def change_status(question_id: str, action: str) -> Response:
    question = _question(question_id)
    form = ActionForm()
    if action not in STATUS_ACTIONS:
        abort(404)
    if not form.validate_on_submit():
        abort(400, description="This page was open too long or came from elsewhere. Please try again.")
    try:
        revision = services.set_status(
            db.session, _bank_view(), question, STATUS_ACTIONS[action], current_user.display_name,
            (form.reason.data or "").strip(),
        )  # fmt: skip
    except services.EditorInvalid as invalid:
        db.session.rollback()
        for messages in invalid.problems.values():
            for message in messages:
                flash(f"Not published: {message}", "error")
        return redirect(url_for("teacher_bank.preview", question_id=question.id))
    db.session.commit()
    if revision is not None:
        flash(f"The question is now {question.status} (revision {revision.number}).", "success")
    return redirect(url_for("teacher_bank.preview", question_id=question.id))


@bp.post("/questions/<question_id>/duplicate")
def duplicate(question_id: str) -> Response:
    question = _question(question_id)
    if not ActionForm().validate_on_submit():
        abort(400, description="This page was open too long or came from elsewhere. Please try again.")
    copy = services.duplicate_question(db.session, question, current_user.display_name)
    db.session.commit()
    flash(f"A draft copy of {question.id} was made: edit it here.", "success")
    return redirect(url_for("teacher_bank.edit_question", question_id=copy.id))


@bp.get("/questions/<question_id>/revisions")
def history(question_id: str) -> str:
    question = _question(question_id)
    ordered = list(question.revisions)
    summaries = {
        rev.number: revisions.change_summary(ordered[i - 1].content() if i else None, rev.content())
        for i, rev in enumerate(ordered)
    }
    return render_template(
        "teacher/questions/history.html",
        question=question,
        history=list(reversed(ordered)),
        summaries=summaries,
        attempts=services.attempts_by_revision(db.session, question.id),
        form=ActionForm(),
    )


@bp.get("/questions/<question_id>/compare")
def compare(question_id: str) -> str:
    question = _question(question_id)
    current = question.current_revision_number
    old_number = request.args.get("a", type=whole_number) or max(current - 1, 1)
    new_number = request.args.get("b", type=whole_number) or current
    old, new = services.revision(question, old_number), services.revision(question, new_number)
    if old is None or new is None:
        abort(404, description="There is no such revision of this question.")
    return render_template(
        "teacher/questions/compare.html",
        question=question,
        old=old,
        new=new,
        diffs=revisions.compare(old.content(), new.content()),
        numbers=[rev.number for rev in question.revisions],
    )


@bp.post("/questions/<question_id>/revisions/<int:number>/restore")
def restore(question_id: str, number: int) -> Response:
    question = _question(question_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400, description="This page was open too long or came from elsewhere. Please try again.")
    try:
        revision = services.restore_revision(
            db.session, _bank_view(), question, number, current_user.display_name, form.reason.data or ""
        )
    except services.EditorInvalid as invalid:
        db.session.rollback()
        for messages in invalid.problems.values():
            for message in messages:
                flash(f"Revision {number} cannot be restored: {message}", "error")
        return redirect(url_for("teacher_bank.history", question_id=question.id))
    db.session.commit()
    if revision is None:
        flash(f"Revision {number} already has the current content; nothing to restore.", "info")
    else:
        flash(f"Revision {number} restored as revision {revision.number}.", "success")
    return redirect(url_for("teacher_bank.history", question_id=question.id))
