"""Import pages under /teach/import: upload a GIFT or CSV file, read the preview, import the drafts.

Routes stay thin: parsing and checking live in the pure
importers and ``import_services``; a commit saves every question of the file or none.
"""

import base64
import binascii
from pathlib import Path

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import SelectChoice

from app.auth.access import guarded_blueprint
from app.bank.formats.csv_import import COLUMNS, template_csv
from app.bank.formats.import_records import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_QUESTIONS,
    ImportUnreadable,
    decode_upload,
)
from app.extensions import db
from app.sources.models import Source
from app.sources.stored import SourceUnavailable
from app.teacher.questions.imports import services as import_services
from app.teacher.questions.imports.forms import PER_QUESTION, ImportCommitForm, ImportUploadForm

bp = guarded_blueprint("teacher_imports", __name__, "/teach", "teacher")

# Room for the form's other fields around the largest file, so only the file's size decides.
_FORM_SLACK = 64_000
# The commit posts one source chooser per question: a multipart part of about 100 bytes of headers and a
# source id; and the commit form's own few fields.
_CHOOSER_BYTES = 200
_FORM_PARTS = 20
TOO_LARGE = f"The file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB; split it into smaller files."


def _sources() -> list[Source]:
    return list(db.session.scalars(select(Source).order_by(Source.position, Source.id)))


def _upload_form(formdata: bool = True) -> ImportUploadForm:
    form = ImportUploadForm() if formdata else ImportUploadForm(formdata=None)
    form.source.choices = [PER_QUESTION] + [SelectChoice(source.id, source.title) for source in _sources()]
    return form


def _upload_page(form: ImportUploadForm, status: int = 200) -> tuple[str, int]:
    return render_template("teacher/questions/imports/upload.html", form=form, columns=COLUMNS), status


def _defaults(source: str, skill: str) -> import_services.ImportDefaults:
    return import_services.ImportDefaults(source=source, skill=skill)


def _chosen_sources() -> dict[int, str]:
    """The source the teacher chose per question in the preview, by the question's position in the file."""
    chosen = {}
    for name, value in request.form.items():
        position = name.removeprefix("source-")
        if position != name and position.isdigit() and value:
            chosen[int(position)] = value
    return chosen


def _preview(
    text: str, fmt: str, defaults: import_services.ImportDefaults, chosen: dict[int, str] | None = None
) -> import_services.ImportPreview:
    try:
        return import_services.preview_import(
            db.session, text, fmt, defaults, Path(current_app.config["BANK_DIR"]), chosen
        )
    except SourceUnavailable as error:
        abort(503, description=str(error))


def _preview_page(preview: import_services.ImportPreview, form: ImportCommitForm, status: int = 200):
    sources = {source.id: source for source in _sources()}  # in the bank's order, for the choosers
    return render_template(
        "teacher/questions/imports/preview.html",
        preview=preview,
        form=form,
        sources=sources,
        format_label=import_services.FORMATS[preview.format][0],
    ), status


@bp.get("/import")
def upload_form() -> tuple[str, int]:
    return _upload_page(_upload_form())


@bp.post("/import")
def preview() -> tuple[str, int]:
    request.max_content_length = MAX_IMPORT_BYTES + _FORM_SLACK
    try:
        form = _upload_form()
        valid = form.validate_on_submit()
    except RequestEntityTooLarge:
        form = _upload_form(formdata=False)
        form.file.errors = [TOO_LARGE]
        return _upload_page(form, 413)
    if not valid:
        return _upload_page(form, 400)
    upload = form.file.data
    try:
        text = decode_upload(upload.read(MAX_IMPORT_BYTES + 1))
    except ImportUnreadable as error:
        form.file.errors = [str(error)]
        return _upload_page(form, 400)
    filename = upload.filename or ""
    fmt = import_services.format_for(filename, form.format.data)
    try:
        preview = _preview(text, fmt, _defaults(form.source.data or "", form.skill.data))
    except ImportUnreadable as error:  # more questions than one import may hold
        form.file.errors = [str(error)]
        return _upload_page(form, 400)
    commit = ImportCommitForm(
        formdata=None,
        payload=base64.b64encode(text.encode("utf-8")).decode("ascii"),
        format=fmt,
        source=form.source.data or "",
        skill=form.skill.data,
        filename=filename,
    )
    return _preview_page(preview, commit)


@bp.post("/import/commit")
def commit() -> Response | tuple[str, int]:
    # base64 makes 3 bytes into 4; each question's source chooser is one more form part
    limit = MAX_IMPORT_BYTES * 4 // 3 + _FORM_SLACK + MAX_IMPORT_QUESTIONS * _CHOOSER_BYTES
    request.max_content_length = limit
    request.max_form_memory_size = MAX_IMPORT_BYTES * 4 // 3 + _FORM_SLACK
    request.max_form_parts = MAX_IMPORT_QUESTIONS + _FORM_PARTS
    form = ImportCommitForm()
    if not form.validate_on_submit() or form.format.data not in import_services.FORMATS:
        abort(400, description="The import form was out of date or incomplete. Please upload the file again.")
    try:
        text = decode_upload(base64.b64decode(form.payload.data, validate=True))
    except (binascii.Error, ImportUnreadable):
        abort(400, description="The import form was damaged on the way. Please upload the file again.")
    try:
        preview = _preview(
            text, form.format.data, _defaults(form.source.data or "", form.skill.data), _chosen_sources()
        )
    except ImportUnreadable as error:
        abort(400, description=str(error))
    if not preview.complete:
        return _preview_page(preview, form, 400)
    try:
        ids = import_services.save_drafts(db.session, preview, current_user.username)
        db.session.commit()
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("import failed; nothing was saved")
        flash("The import failed and nothing was saved. Please try again.", "error")
        return _preview_page(preview, form, 500)
    flash(
        f"{len(ids)} draft{'s' if len(ids) != 1 else ''} imported. Learners see none of them until you "
        "publish each one, and a question is published only once its support quote is grounded.",
        "success",
    )
    return redirect(url_for("teacher_bank.questions", origin=import_services.ORIGIN, status="draft"))


@bp.get("/import/template.csv")
def template() -> Response:
    return Response(
        template_csv().encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="counterpoint-questions.csv"'},
    )
