"""The claim map under /teach/claims: thin views over claim_queries (reads) and claim_services (writes).

Teachers only; every POST is a Flask-WTF form, so CSRF-protected. A save is grounded by the same law as
``bank check`` and appends one revision; nothing is ever deleted from a pair's history.
"""

from itertools import groupby
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from app.auth.access import guarded_blueprint
from app.bank.content import PAIR_LABELS
from app.bank.models import ClaimPair
from app.bank.schema import RELATIONS
from app.converters import whole_number, whole_number_or
from app.extensions import db
from app.learner.feedback import Evidence
from app.sources.highlight import find_quote
from app.teacher.claims import queries as claim_queries
from app.teacher.claims.forms import (
    NewPairForm,
    PairForm,
    form_data,
    grounded_submission,
    prefill_from,
    prepare,
    sentence_choices,
    show_problems,
)
from app.teacher.claims.services import (
    PAIR_STATUSES,
    Grounded,
    PairRefused,
    create_pair,
    restore_revision,
    save_pair,
)
from app.teacher.claims.shelf import SourceShelf
from app.teacher.forms import ConfirmForm
from app.teacher.revisions import compare

bp = guarded_blueprint("teacher_claims", __name__, "/teach/claims", "teacher")

PAIR_FIELD_LABELS = PAIR_LABELS


def _shelf() -> SourceShelf:
    return SourceShelf(db.session, Path(current_app.config["BANK_DIR"]))


def _pair(pair_id: str) -> ClaimPair:
    return db.get_or_404(ClaimPair, pair_id, description=f"There is no claim pair with the id “{pair_id}”.")


def _author() -> str:
    return current_user.display_name


@bp.get("")
def pairs() -> str:
    filters = claim_queries.ClaimFilters.from_mapping(request.args)
    rows, total = claim_queries.pair_rows(db.session, filters)
    shelf = _shelf()
    return render_template(
        "teacher/claims/list.html",
        filters=filters,
        rows=rows,
        total=total,
        shelf=shelf,
        statuses=PAIR_STATUSES,
        relations=RELATIONS,
    )


# --- one pair --------------------------------------------------------------------------------------------


def _evidence(shelf: SourceShelf, source_id: str, quote: str) -> Evidence | None:
    source = shelf.sources.get(source_id)
    return Evidence(source, find_quote(db.session, source_id, quote), quote) if source else None


@bp.get("/<pair_id>")
def pair(pair_id: str) -> str:
    pair = _pair(pair_id)
    shelf = _shelf()
    counterparts = shelf.counterparts(*_speaking_side(pair))
    db.session.commit()  # sentence vectors encoded for this ranking, kept for the next request
    return render_template(
        "teacher/claims/pair.html",
        pair=pair,
        sides=[
            ("Side A", _evidence(shelf, pair.a_source_id, pair.a_quote)),
            ("Side B", _evidence(shelf, pair.b_source_id, pair.b_quote)),
        ],
        questions=claim_queries.hanging_questions(db.session, pair.id),
        history=claim_queries.history(db.session, pair.id),
        counterparts=counterparts,
        shelf=shelf,
    )


def _speaking_side(pair: ClaimPair) -> tuple[str, str, str]:
    """(source, quote, other source) of side A, or of side B when A records a silence: the suggester
    then checks the silence, ranking what the silent source says nearest to the claim."""
    if pair.a_quote:
        return pair.a_source_id, pair.a_quote, pair.b_source_id
    return pair.b_source_id, pair.b_quote, pair.a_source_id


@bp.get("/<pair_id>/revisions/<int:number>")
def revision(pair_id: str, number: int) -> str:
    pair = _pair(pair_id)
    old = claim_queries.revision(db.session, pair.id, number)
    if old is None:
        abort(404, description=f"The pair “{pair_id}” has no revision {number}.")
    latest = claim_queries.history(db.session, pair.id)[0]
    return render_template(
        "teacher/claims/revision.html",
        pair=pair,
        revision=old,
        latest=latest,
        changes=compare(old.content(), latest.content(), PAIR_FIELD_LABELS),
        form=ConfirmForm(),
        shelf=_shelf(),
    )


@bp.get("/<pair_id>/compare")
def compare_revisions(pair_id: str) -> str:
    pair = _pair(pair_id)
    numbers = sorted({request.args.get(name, 0, type=whole_number) for name in ("from", "to")})
    found = [claim_queries.revision(db.session, pair.id, number) for number in numbers]
    if len(found) != 2 or None in found:
        abort(404, description="Choose two different revisions of this pair to compare.")
    old, new = found
    return render_template(
        "teacher/claims/compare.html",
        pair=pair,
        old=old,
        new=new,
        changes=compare(old.content(), new.content(), PAIR_FIELD_LABELS),
        shelf=_shelf(),
    )


@bp.post("/<pair_id>/revisions/<int:number>/restore")
def restore(pair_id: str, number: int) -> Response:
    pair = _pair(pair_id)
    old = claim_queries.revision(db.session, pair.id, number)
    if old is None:
        abort(404, description=f"The pair “{pair_id}” has no revision {number}.")
    if not ConfirmForm().validate_on_submit():
        flash("This page was open too long or came from elsewhere. Please try again.", "error")
        return redirect(url_for(".revision", pair_id=pair.id, number=number))
    shelf = _shelf()
    try:
        new = restore_revision(db.session, pair, old, _author(), shelf.index, shelf.label)
    except PairRefused as refused:
        db.session.rollback()
        for messages in refused.problems.values():
            for message in messages:
                flash(f"Revision {number} was not restored. {message}", "error")
        return redirect(url_for(".revision", pair_id=pair.id, number=number))
    db.session.commit()
    if new is None:
        flash(f"Revision {number} is what the pair already says; nothing changed.", "success")
    else:
        flash(f"Restored revision {number} as revision {new.number}; the earlier ones are kept.", "success")
    return redirect(url_for(".pair", pair_id=pair.id))


# --- create and edit -------------------------------------------------------------------------------------


def _edit_page(
    form: PairForm, shelf: SourceShelf, pair: ClaimPair | None, general: list[str], status: int = 200
) -> tuple[str, int]:
    prepare(form, shelf)
    return render_template("teacher/claims/edit.html", form=form, pair=pair, general=general), status


@bp.route("/new", methods=["GET", "POST"])
def new_pair() -> tuple[str, int] | Response:
    shelf = _shelf()
    form = NewPairForm()
    if request.method == "GET":
        form.pair_id.data = claim_queries.free_pair_id(db.session)
        prefill_from(form, shelf, request.args)
        return _edit_page(form, shelf, None, [])
    prepare(form, shelf)
    general: list[str] = []
    try:
        grounded = grounded_submission(form, shelf)
        if grounded is not None:
            create_pair(db.session, form.pair_id.data, grounded, _author())
            try:
                db.session.commit()
            except IntegrityError as error:  # another teacher took the id a moment ago
                message = "A pair with this id was created meanwhile; choose another."
                raise PairRefused({"pair_id": [message]}) from error
            _flash_saved(grounded, f"The pair “{form.pair_id.data}” is created (revision 1).")
            return redirect(url_for(".pair", pair_id=form.pair_id.data))
    except PairRefused as refused:
        db.session.rollback()
        general = show_problems(form, refused)
    return _edit_page(form, shelf, None, general, 400)


def _flash_saved(grounded: Grounded, message: str) -> None:
    flash(message, "success")
    for note in grounded.notes:
        flash(note, "success")


@bp.route("/<pair_id>/edit", methods=["GET", "POST"])
def edit_pair(pair_id: str) -> tuple[str, int] | Response:
    pair = _pair(pair_id)
    shelf = _shelf()
    if request.method == "GET":
        form = PairForm(obj=None, data=form_data(pair))
        form.base_revision.data = str(claim_queries.history(db.session, pair.id)[0].number)
        return _edit_page(form, shelf, pair, [])
    form = PairForm()
    prepare(form, shelf)
    general: list[str] = []
    try:
        grounded = grounded_submission(form, shelf)
        if grounded is not None:
            base = whole_number_or(form.base_revision.data or "", -1)
            reason = (form.reason.data or "").strip()
            saved = save_pair(db.session, pair, grounded, _author(), reason, base)
            db.session.commit()
            if saved is None:
                flash("Nothing changed, so no new revision was made.", "success")
            else:
                _flash_saved(grounded, f"Saved as revision {saved.number}.")
            return redirect(url_for(".pair", pair_id=pair.id))
    except PairRefused as refused:
        db.session.rollback()
        general = show_problems(form, refused)
    return _edit_page(form, shelf, pair, general, 400)


# --- suggestions -----------------------------------------------------------------------------------------


@bp.get("/suggest")
def suggest() -> str:
    """The generator's ranked counterparts, in the other source, for a sentence or a pasted claim."""
    shelf = _shelf()
    source_id = request.args.get("source") or next(iter(shelf.sources), "")
    if source_id not in shelf.sources:
        abort(404, description="There is no such source.")
    claim, key = "", request.args.get("sentence", "")
    if key and (sentence := shelf.sentence(key)) and sentence.source_id == source_id:
        claim = sentence.text
    elif request.args.get("quote", "").strip():
        claim, key = request.args["quote"].strip(), ""
    others = shelf.others(source_id)
    other_id = request.args.get("other") if request.args.get("other") in others else next(iter(others), "")
    menu = sentence_choices(shelf, source_id, claim)
    counterparts = shelf.counterparts(source_id, claim, other_id) if claim and other_id else []
    db.session.commit()  # sentence vectors encoded for this ranking, kept for the next request
    return render_template(
        "teacher/claims/suggest.html",
        shelf=shelf,
        source_id=source_id,
        other_id=other_id,
        others=others,
        key=key,
        claim=claim,
        sentence_groups=[
            (group, list(choices)) for group, choices in groupby(menu[1:], key=lambda choice: choice.optgroup)
        ],
        counterparts=counterparts,
    )
