"""The teacher's pages under /teach: thin views over ``app.teacher.services``, all behind role_required."""

from datetime import UTC, datetime

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.auth.models import Classroom, User
from app.auth.services import AccountError
from app.extensions import db
from app.learner.progress import progress_for
from app.teacher import analytics, csv_export, services
from app.teacher.forms import ConfirmForm, CoTeacherForm, NewClassForm, ResetPasswordForm

bp = Blueprint("teacher", __name__, url_prefix="/teach")


@bp.app_context_processor
def setup_state() -> dict[str, object]:
    """``setup_needed()`` for the base page: asked only when a page shows it, never fatal to an error page."""

    def setup_needed() -> bool:
        try:
            return not services.teacher_exists(db.session)
        except SQLAlchemyError:  # a broken database must not break the page that reports it
            return False

    return {"setup_needed": setup_needed}


def _classroom_or_404(classroom_id: int) -> Classroom:
    classroom = services.classroom_for(db.session, current_user, classroom_id)
    if classroom is None:
        abort(404, description="You have no class with that number.")
    return classroom


def _learner_or_404(classroom: Classroom, user_id: int) -> User:
    learner = services.enrolled_learner(db.session, classroom, user_id)
    if learner is None:
        abort(404, description="That learner is not in this class.")
    return learner


@bp.get("/")
@role_required("teacher")
def dashboard() -> str:
    return _dashboard(NewClassForm())


def _dashboard(form: NewClassForm) -> str:
    return render_template(
        "teacher/dashboard.html", classes=services.classes_for(db.session, current_user), form=form
    )


@bp.post("/classes")
@role_required("teacher")
def create_class() -> str | Response:
    form = NewClassForm()
    if form.validate_on_submit():
        try:
            classroom = services.create_class(db.session, current_user, form.name.data)
        except AccountError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"{classroom.name} is ready. Its join code is {classroom.join_code}.", "success")
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    return _dashboard(form), 400


@bp.get("/classes/<int:classroom_id>")
@role_required("teacher")
def classroom(classroom_id: int) -> str:
    return _classroom_page(_classroom_or_404(classroom_id), CoTeacherForm())


def _classroom_page(classroom: Classroom, co_teacher_form: CoTeacherForm) -> str:
    return render_template(
        "teacher/classroom.html",
        classroom=classroom,
        roster=services.roster(db.session, classroom, datetime.now(UTC)),
        co_teachers=services.co_teachers(db.session, classroom),
        co_teacher_form=co_teacher_form,
    )


@bp.get("/classes/<int:classroom_id>/code")
@role_required("teacher")
def confirm_rotate_code(classroom_id: int) -> str:
    """A new code is asked for here first: learners on their way in with the old one would be turned away."""
    classroom = _classroom_or_404(classroom_id)
    return render_template("teacher/rotate_code.html", classroom=classroom, form=ConfirmForm())


@bp.post("/classes/<int:classroom_id>/code")
@role_required("teacher")
def rotate_code(classroom_id: int) -> Response:
    classroom = _classroom_or_404(classroom_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form was out of date. Please try again.")
    code = services.rotate_join_code(db.session, classroom)
    db.session.commit()
    flash(f"New join code: {code}. The old code no longer works; learners in the class stay.", "success")
    return redirect(url_for("teacher.classroom", classroom_id=classroom.id))


@bp.post("/classes/<int:classroom_id>/teachers")
@role_required("teacher")
def add_co_teacher(classroom_id: int) -> str | Response:
    classroom = _classroom_or_404(classroom_id)
    form = CoTeacherForm()
    if form.validate_on_submit():
        try:
            teacher = services.add_co_teacher(db.session, classroom, form.username.data)
        except AccountError as error:
            form.username.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"{teacher.display_name} now co-teaches {classroom.name}.", "success")
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    return _classroom_page(classroom, form), 400


@bp.route("/classes/<int:classroom_id>/teachers/<int:user_id>/remove", methods=["GET", "POST"])
@role_required("teacher")
def remove_teacher(classroom_id: int, user_id: int) -> str | Response | tuple[str, int]:
    classroom = _classroom_or_404(classroom_id)
    teacher = services.classroom_teacher(db.session, classroom, user_id)
    if teacher is None:
        abort(404, description="That teacher does not teach this class.")
    form = ConfirmForm()
    leaving = teacher.id == current_user.id
    if form.validate_on_submit():
        try:
            services.remove_teacher(db.session, classroom, teacher, current_user)
        except AccountError as error:
            db.session.rollback()
            form.submit.errors = [str(error)]
        else:
            db.session.commit()
            if leaving:
                flash(f"You no longer teach {classroom.name}.", "success")
                return redirect(url_for("teacher.dashboard"))
            flash(f"{teacher.display_name} no longer teaches {classroom.name}.", "success")
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "teacher/remove_teacher.html", classroom=classroom, teacher=teacher, leaving=leaving, form=form
    ), status


@bp.route("/classes/<int:classroom_id>/learners/<int:user_id>/password", methods=["GET", "POST"])
@role_required("teacher")
def reset_password(classroom_id: int, user_id: int) -> str | Response:
    classroom = _classroom_or_404(classroom_id)
    learner = _learner_or_404(classroom, user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(db.session, learner, form.password.data)
        except AccountError as error:
            form.password.errors.append(str(error))
        else:
            db.session.commit()
            flash(
                f"{learner.display_name}'s password is changed. Tell them the new one; "
                "the old one no longer works.",
                "success",
            )
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "teacher/reset_password.html", classroom=classroom, learner=learner, form=form
    ), status


@bp.route("/classes/<int:classroom_id>/learners/<int:user_id>/remove", methods=["GET", "POST"])
@role_required("teacher")
def remove_learner(classroom_id: int, user_id: int) -> str | Response:
    classroom = _classroom_or_404(classroom_id)
    learner = _learner_or_404(classroom, user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.remove_learner(db.session, classroom, learner)
        db.session.commit()
        flash(f"{learner.display_name} is no longer in {classroom.name}. Their answers are kept.", "success")
        return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "teacher/remove_learner.html", classroom=classroom, learner=learner, form=form
    ), status


# --- analytics -------------------------------------------------------------------------------------------


@bp.get("/classes/<int:classroom_id>/items")
@role_required("teacher")
def items(classroom_id: int) -> str:
    classroom = _classroom_or_404(classroom_id)
    return render_template(
        "teacher/items.html",
        classroom=classroom,
        items=analytics.item_analysis(db.session, classroom.id),
        thresholds=analytics,
    )


@bp.get("/classes/<int:classroom_id>/learners/<int:user_id>")
@role_required("teacher")
def learner(classroom_id: int, user_id: int) -> str:
    classroom = _classroom_or_404(classroom_id)
    learner = _learner_or_404(classroom, user_id)
    return render_template(
        "teacher/learner.html",
        classroom=classroom,
        learner=learner,
        progress=progress_for(db.session, learner, datetime.now(UTC)),
    )


@bp.get("/classes/<int:classroom_id>/progress.csv")
@role_required("teacher")
def progress_csv(classroom_id: int) -> Response:
    classroom = _classroom_or_404(classroom_id)
    rows = analytics.progress_rows(db.session, classroom, datetime.now(UTC))
    filename = f"{secure_filename(classroom.name) or 'class'}-progress.csv"
    return Response(
        csv_export.progress_csv(rows).encode("utf-8"),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
