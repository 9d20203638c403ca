"""The teacher's sources: add one from a file (preview the parse first), read its parse, generate drafts.

Routes are thin: checks and writes live in ``source_services`` and ``source_generation``.
"""

from collections import Counter

from flask import abort, flash, redirect, render_template, url_for
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from app.auth.access import guarded_blueprint
from app.extensions import db
from app.sources.documents import SourceDocument
from app.sources.footnotes import FOOTNOTE_STYLES
from app.sources.models import Source
from app.teacher.sources import generation as source_generation
from app.teacher.sources import services as source_services
from app.teacher.sources.forms import GenerateForm, SourceUploadForm

bp = guarded_blueprint("teacher_sources", __name__, "/teach/sources", "teacher")

PREVIEW_PASSAGES = 5


def _generate_form() -> GenerateForm:
    form = GenerateForm()
    choices = [
        SelectChoice(s.id, f"{s.title} ({s.id})")
        for s in db.session.scalars(db.select(Source).order_by(Source.position, Source.id))
    ]
    form.first.choices = choices
    form.second.choices = choices
    return form


@bp.get("")
def index() -> str:
    form = _generate_form()
    if not form.is_submitted() and len(form.second.choices) > 1:
        form.second.data = form.second.choices[-1].value
    return render_template(
        "teacher/sources/index.html", rows=source_services.source_rows(db.session), form=form
    )


@bp.route("/new", methods=["GET", "POST"])
def new() -> str | Response | tuple[str, int]:
    """Choose a file → preview of its parse (nothing stored) → save; every check runs again on save."""
    form = SourceUploadForm()
    if not form.is_submitted():
        return _upload_page(form, None)
    uploaded = form.uploaded()
    if uploaded is not None:
        data, filename = uploaded
    elif (data := form.previewed()) is not None:
        filename = form.filename.data or ""
    else:
        form.file.errors = [*form.file.errors, "Choose the source's plain-text file."]
        return _upload_page(form, None), 400
    try:
        document = source_services.read_upload(data, filename, form.details())
    except source_services.UploadRefused as refused:
        form.file.errors = [*form.file.errors, str(refused)]
        return _upload_page(form, None), 400
    form.carry(data, filename)
    detected = _fill_from_document(form, document)
    valid = form.validate()
    problems = source_services.conflicts(db.session, document) if valid else []
    if not valid or problems:
        return _upload_page(form, document, problems, detected), 400
    if (
        not form.save.data or uploaded is not None or detected
    ):  # a new file or a filled-in field is checked first
        return _upload_page(form, document, detected=detected)
    try:
        source = source_services.add_source(db.session, document)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    flash(f"Saved “{source.title}”: {len(document.parsed.passages)} passages. Learners do not see it until "
          "a question or claim pair of it is published.", "success")  # fmt: skip
    return redirect(url_for("teacher_sources.show", source_id=source.id))


def _fill_from_document(form: SourceUploadForm, document: SourceDocument) -> list[str]:
    """Put what the text's head says into the fields the teacher left empty; the labels of those fields."""
    filled = []
    for field_name, value in (
        ("title", document.meta.title),
        ("author", document.meta.author),
        ("short_name", document.meta.short_name),
    ):
        field = getattr(form, field_name)
        if (
            not (field.data or "").strip()
            and value
            and (field_name != "short_name" or value != form.title.data)
        ):
            field.data = value
            filled.append(str(field.label.text))
    return filled


def _upload_page(
    form: SourceUploadForm,
    document: SourceDocument | None,
    problems: list[str] | None = None,
    detected: list[str] | None = None,
) -> str:
    if document is None:
        # Before a file is read, the title and author may be left empty for its head to fill; the server
        # still refuses a preview in which neither the teacher nor the file gives them.
        form.title.flags.required = False
        form.author.flags.required = False
    return render_template(
        "teacher/sources/new.html",
        form=form,
        document=document,
        problems=problems or [],
        detected=detected or [],
        suspicious=source_services.suspicious_headings(document.parsed) if document is not None else [],
        footnote_styles=FOOTNOTE_STYLES,
        first_passages=document.parsed.passages[:PREVIEW_PASSAGES] if document is not None else (),
        max_label=source_services.MAX_SOURCE_LABEL,
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    error.description = (
        f"That upload is larger than this app accepts. A source file may be at most "
        f"{source_services.MAX_SOURCE_LABEL}: split the text or remove what is not part of the source."
    )
    return render_template("errors/error.html", error=error), 413


@bp.get("/<source_id>")
def show(source_id: str) -> str:
    source = db.get_or_404(Source, source_id, description=f"There is no source with the id “{source_id}”.")
    return render_template(
        "teacher/sources/show.html",
        source=source,
        parsed=source_services.stored_parse(source),
        row=next(r for r in source_services.source_rows(db.session) if r.source.id == source.id),
        pairs=source_services.pairs_citing(db.session, source.id),
    )


@bp.post("/generate")
def generate() -> str | Response | tuple[str, int]:
    """Synchronous: the generator takes a few seconds on two texts of a few dozen pages."""
    form = _generate_form()
    if not form.validate_on_submit():
        return _index_with(form), 400
    first, second = db.session.get(Source, form.first.data), db.session.get(Source, form.second.data)
    assert first is not None and second is not None  # the select offers only stored sources
    try:
        result = source_generation.generate_drafts(db.session, first, second)
        db.session.commit()
    except source_generation.GenerationRefused as refused:
        db.session.rollback()
        form.second.errors = [*form.second.errors, str(refused)]
        return _index_with(form), 400
    except Exception:
        db.session.rollback()
        raise

    def counted(counts: Counter[str]) -> str:
        return ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "none"

    flash(
        f"Generated in {result.seconds:.1f} s. Claim pairs: {counted(result.pairs)}. "
        f"Questions: {counted(result.questions)}.",
        "success",
    )
    if result.note:
        flash(result.note, "info")
    a, b = sorted((first.id, second.id))
    return redirect(url_for("teacher_sources.drafts", first=a, second=b))


def _index_with(form: GenerateForm) -> str:
    return render_template(
        "teacher/sources/index.html", rows=source_services.source_rows(db.session), form=form
    )


@bp.get("/drafts/<first>/<second>")
def drafts(first: str, second: str) -> str:
    sources = [db.session.get(Source, first), db.session.get(Source, second)]
    if None in sources:
        abort(404, description="There is no source with that id.")
    prefix = source_generation.draft_prefix(first, second)
    return render_template(
        "teacher/sources/drafts.html",
        sources=sources,
        prefix=prefix,
        by_type=source_generation.drafts_by_type(db.session, prefix),
        pairs=source_generation.pairs_with_prefix(db.session, prefix),
    )
