"""The class pages under /teach: thin views over ``services``, every one for teachers only."""

from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from app.auth.access import guarded_blueprint
from app.auth.models import Classroom, User
from app.auth.services import AccountError, create_classroom
from app.auth.sessions import row_of
from app.bank.types import labels
from app.extensions import db
from app.learner.models import Assignment
from app.learner.progress import progress_for
from app.learner.quiz import QuizFilters, filter_menu
from app.teacher.classes import analytics, assignments, csv_export, services
from app.teacher.classes.forms import (
    AssignmentForm,
    CardKindsForm,
    CoTeacherForm,
    NewClassForm,
    ResetPasswordForm,
)
from app.teacher.forms import ConfirmForm

bp = guarded_blueprint("teacher", __name__, "/teach", "teacher")


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
def dashboard() -> str:
    return _dashboard(NewClassForm())


def _dashboard(form: NewClassForm) -> str:
    return render_template(
        "teacher/classes/dashboard.html", classes=services.classes_for(db.session, current_user), form=form
    )


@bp.post("/classes")
def create_class() -> str | Response:
    form = NewClassForm()
    if form.validate_on_submit():
        try:
            teacher = row_of(db.session, current_user._get_current_object())
            classroom = create_classroom(db.session, form.name.data, teacher)
        except AccountError as error:
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"{classroom.name} is ready. Its join code is {classroom.join_code}.", "success")
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    return _dashboard(form), 400


@bp.get("/classes/<int:classroom_id>")
def classroom(classroom_id: int) -> str:
    return _classroom_page(_classroom_or_404(classroom_id), CoTeacherForm())


def _card_kinds_form(classroom: Classroom | None = None) -> CardKindsForm:
    """The registry's kinds as tick boxes; ticked as the class keeps them when ``classroom`` is given."""
    form = CardKindsForm(data={"kinds": services.card_kinds_kept(classroom)} if classroom else None)
    form.kinds.choices = list(labels().items())
    return form


def _classroom_page(
    classroom: Classroom, co_teacher_form: CoTeacherForm, card_kinds_form: CardKindsForm | None = None
) -> str:
    return render_template(
        "teacher/classes/classroom.html",
        classroom=classroom,
        roster=services.roster(db.session, classroom, datetime.now(UTC)),
        co_teachers=services.co_teachers(db.session, classroom),
        co_teacher_form=co_teacher_form,
        card_kinds_form=card_kinds_form or _card_kinds_form(classroom),
        assignments=assignments.assignments_for(db.session, classroom),
    )


@bp.post("/classes/<int:classroom_id>/cards")
def set_card_kinds(classroom_id: int) -> tuple[str, int] | Response:
    classroom = _classroom_or_404(classroom_id)
    form = _card_kinds_form()
    if form.validate_on_submit():
        try:
            services.set_card_kinds(classroom, form.kinds.data or [])
        except AccountError as error:
            form.kinds.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"Flashcards for {classroom.name} now come from the ticked kinds of question.", "success")
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id) + "#cards-heading")
    return _classroom_page(classroom, CoTeacherForm(), form), 400


@bp.get("/classes/<int:classroom_id>/code")
def confirm_rotate_code(classroom_id: int) -> str:
    """A new code is asked for here first: learners on their way in with the old one would be turned away."""
    classroom = _classroom_or_404(classroom_id)
    return render_template("teacher/classes/rotate_code.html", classroom=classroom, form=ConfirmForm())


@bp.post("/classes/<int:classroom_id>/code")
def rotate_code(classroom_id: int) -> Response:
    classroom = _classroom_or_404(classroom_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form was out of date. Please try again.")
    code = services.rotate_join_code(db.session, classroom)
    db.session.commit()
    flash(f"New join code: {code}. The old code no longer works; learners in the class stay.", "success")
    return redirect(url_for("teacher.classroom", classroom_id=classroom.id))


@bp.post("/classes/<int:classroom_id>/teachers")
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
        "teacher/classes/remove_teacher.html",
        classroom=classroom,
        teacher=teacher,
        leaving=leaving,
        form=form,
    ), status


@bp.route("/classes/<int:classroom_id>/learners/<int:user_id>/password", methods=["GET", "POST"])
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
                "the old one no longer works, and they are logged out on every device.",
                "success",
            )
            return redirect(url_for("teacher.classroom", classroom_id=classroom.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "teacher/classes/reset_password.html", classroom=classroom, learner=learner, form=form
    ), status


@bp.route("/classes/<int:classroom_id>/learners/<int:user_id>/remove", methods=["GET", "POST"])
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
        "teacher/classes/remove_learner.html", classroom=classroom, learner=learner, form=form
    ), status


# --- analytics -------------------------------------------------------------------------------------------


@bp.get("/classes/<int:classroom_id>/items")
def items(classroom_id: int) -> str:
    classroom = _classroom_or_404(classroom_id)
    return render_template(
        "teacher/classes/items.html",
        classroom=classroom,
        items=analytics.item_analysis(db.session, classroom.id),
        thresholds=analytics,
    )


@bp.get("/classes/<int:classroom_id>/learners/<int:user_id>")
def learner(classroom_id: int, user_id: int) -> str:
    classroom = _classroom_or_404(classroom_id)
    learner = _learner_or_404(classroom, user_id)
    return render_template(
        "teacher/classes/learner.html",
        classroom=classroom,
        learner=learner,
        progress=progress_for(db.session, learner, datetime.now(UTC)),
    )


@bp.get("/classes/<int:classroom_id>/progress.csv")
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


# --- assignments -----------------------------------------------------------------------------------------


def _assignment_or_404(classroom: Classroom, assignment_id: int) -> Assignment:
    assignment = assignments.assignment_for(db.session, classroom, assignment_id)
    if assignment is None:
        abort(404, description="This class has no assignment with that number.")
    return assignment


def _assignment_form() -> AssignmentForm:
    form = AssignmentForm()
    form.offer(filter_menu(db.session, current_user))
    return form


@bp.get("/classes/<int:classroom_id>/assignments/new")
def new_assignment(classroom_id: int) -> str:
    classroom = _classroom_or_404(classroom_id)
    return render_template(
        "teacher/classes/new_assignment.html", classroom=classroom, form=_assignment_form()
    )


@bp.post("/classes/<int:classroom_id>/assignments")
def create_assignment(classroom_id: int) -> str | Response | tuple[str, int]:
    classroom = _classroom_or_404(classroom_id)
    form = _assignment_form()
    if form.validate_on_submit():
        try:
            assignment = assignments.create_assignment(
                db.session,
                classroom,
                current_user,
                form.title.data,
                QuizFilters.from_mapping(form.data),
                assignments.parse_question_ids(form.picked.data),
                form.count.data,
                form.due_on.data,
            )
        except assignments.AssignmentChoiceError as error:
            form.picked.errors = [*form.picked.errors, str(error)]
        else:
            db.session.commit()
            flash(
                f"“{assignment.title}” is set: {len(assignment.question_ids)} questions. "
                "Learners of the class see it first on their study page.",
                "success",
            )
            return redirect(
                url_for("teacher.assignment", classroom_id=classroom.id, assignment_id=assignment.id)
            )
    return render_template("teacher/classes/new_assignment.html", classroom=classroom, form=form), 400


@bp.get("/classes/<int:classroom_id>/assignments/<int:assignment_id>")
def assignment(classroom_id: int, assignment_id: int) -> str:
    classroom = _classroom_or_404(classroom_id)
    assignment = _assignment_or_404(classroom, assignment_id)
    return render_template(
        "teacher/classes/assignment.html",
        classroom=classroom,
        assignment=assignment,
        results=assignments.results_for(db.session, assignment),
        close_form=ConfirmForm(),
    )


@bp.post("/classes/<int:classroom_id>/assignments/<int:assignment_id>/close")
def close_assignment(classroom_id: int, assignment_id: int) -> Response:
    classroom = _classroom_or_404(classroom_id)
    assignment = _assignment_or_404(classroom, assignment_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, description="The form was out of date. Please try again.")
    assignments.close_assignment(db.session, assignment)
    db.session.commit()
    flash(
        f"“{assignment.title}” is closed: it leaves the learners' study pages; its results stay here.",
        "success",
    )
    return redirect(url_for("teacher.assignment", classroom_id=classroom.id, assignment_id=assignment.id))
