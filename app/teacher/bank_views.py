"""The teacher's read-only bank browser: every question, filtered, and a preview exactly as a learner sees it.

Previews never create a Presentation or an Attempt: they render the current revision directly.
"""

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from app.auth.decorators import role_required
from app.extensions import db
from app.learner.feedback import feedback_for, option_label, sources_by_id
from app.teacher import bank_queries, editor_services
from app.teacher.editor_forms import ActionForm

bp = Blueprint("teacher_bank", __name__, url_prefix="/teach")

STATUS_BANNERS = {
    "draft": "Draft: learners do not see this.",
    "retired": "Retired: learners no longer see this.",
}


@bp.get("/questions")
@role_required("teacher")
def questions() -> str:
    filters = bank_queries.BankFilters.from_mapping(request.args)
    flagged = bank_queries.flagged_question_ids(db.session, current_user) if filters.needs_checking else None
    result = bank_queries.bank_page(
        db.session, filters, page=request.args.get("page", 1, type=int) or 1, flagged=flagged
    )
    return render_template(
        "teacher/questions.html",
        filters=filters,
        result=result,
        source_labels=dict(result.choices.sources),
        type_labels=bank_queries.TYPE_LABELS,
    )


@bp.get("/questions/<question_id>")
@bp.get("/questions/<question_id>/revisions/<int:number>")
@role_required("teacher")
def preview(question_id: str, number: int | None = None) -> str:
    """The current revision, or any older one, as a learner sees it, with the editor's actions."""
    found = bank_queries.question_and_revision(db.session, question_id)
    if found is None:
        abort(404, description=f"There is no question with the id “{question_id}” in the bank.")
    question, revision = found
    if number is not None:
        revision = editor_services.revision(question, number)
        if revision is None:
            abort(404, description=f"The question “{question_id}” has no revision {number}.")
    sources = sources_by_id(db.session)
    options = bank_queries.preview_options(revision, tuple(sources))
    return render_template(
        "teacher/question_preview.html",
        question=question,
        revision=revision,
        banner=STATUS_BANNERS.get(question.status),
        options=[option_label(option, sources) for option in options] if options is not None else None,
        feedback=feedback_for(db.session, revision),
        history=bank_queries.revision_history(db.session, question.id),
        attempts=editor_services.attempts_by_revision(db.session, question.id),
        type_labels=bank_queries.TYPE_LABELS,
        action_form=ActionForm(),
    )


# Imported last: the editor's and the import pages' routes register themselves on this blueprint.
from app.teacher import editor, exports, imports  # noqa: E402,F401
