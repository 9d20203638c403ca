"""Getting in: join a class with a code, log in and out, practise as a guest and keep that progress,
change a password. Every login is a server-side session (``app.auth.sessions``) that these pages end."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    after_this_request,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user, user_loaded_from_cookie
from flask_wtf import FlaskForm
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.widgets import PasswordInput

from app.auth import devices, services, sessions, throttle
from app.auth.forms import (
    ChangePasswordForm,
    JoinAnotherClassForm,
    KeepProgressForm,
    LoginForm,
    NewAccountForm,
    SetupForm,
)
from app.auth.models import Classroom, User, username_key
from app.extensions import db, login_manager

bp = Blueprint("auth", __name__)


@bp.app_context_processor
def setup_state() -> dict[str, object]:
    """``setup_needed()`` for the base page: asked only when a page shows it, never fatal to an error page."""

    def setup_needed() -> bool:
        try:
            return not services.teacher_exists(db.session)
        except SQLAlchemyError:  # a broken database must not break the page that reports it
            return False

    return {"setup_needed": setup_needed}


@login_manager.user_loader
def load_user(token: str) -> sessions.SignedInUser | None:
    """The user of the login session whose token the session or the remember-me cookie carries.

    A cookie from before login sessions existed carries a user id, which matches no token: that person
    simply logs in again.
    """
    return sessions.user_for(db.session, token, _now(), _session_lifetime())


@user_loaded_from_cookie.connect
def renew_remembered_session(app: Flask, user: sessions.SignedInUser, **extra: object) -> None:
    """A browser came back with its remember-me cookie: give it a new token, and refuse the old one."""
    token = sessions.renew(db.session, user, _now())
    db.session.commit()
    if token is not None:
        session["_user_id"] = token
        session["_remember"] = "set"  # Flask-Login writes the new token into the remember-me cookie


def _current_user_row() -> User:
    """The logged-in ``User`` row, for a page that changes the account (never the proxy: ``login_user``
    must not store it)."""
    return sessions.row_of(db.session, current_user._get_current_object())


def _session_lifetime() -> timedelta:
    """As long as the remember-me cookie lasts: a token unused for longer is refused even if copied."""
    duration = current_app.config.get("REMEMBER_COOKIE_DURATION", timedelta(days=365))
    return duration if isinstance(duration, timedelta) else timedelta(seconds=duration)


def _log_in(user: User) -> None:
    """Start a login session for ``user`` in this browser, ending the one it had, and remember in the
    device cookie that this name logged in here (so the name's login pause does not lock its owner out)."""
    if current_user.is_authenticated:
        sessions.end(db.session, current_user.session_token)
    sessions.start(db.session, user, _now(), _session_lifetime())
    db.session.commit()
    login_user(user, remember=True)
    if user.username_key is not None:
        _remember_device(user.username_key)


def _remember_device(name_key: str) -> None:
    cookie = devices.remember(current_app.secret_key, request.cookies.get(devices.COOKIE_NAME), name_key)

    @after_this_request
    def set_device_cookie(response: Response) -> Response:
        response.set_cookie(
            devices.COOKIE_NAME,
            cookie,
            max_age=_session_lifetime(),
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite=current_app.config["SESSION_COOKIE_SAMESITE"],
        )
        return response


def _device_key(username: str) -> str | None:
    cookie = request.cookies.get(devices.COOKIE_NAME)
    return devices.throttle_key(current_app.secret_key, cookie, username_key(username)[:100])


Refused = tuple[str, int, dict[str, str]]


def _refused(template: str, throttled: services.Throttled, **context: object) -> Refused:
    """The page again, with the refusal's message, as HTTP 429 with ``Retry-After``."""
    page = render_template(template, refusal=throttled.refusal.message, **context)
    return page, 429, {"Retry-After": str(throttled.refusal.retry_after_seconds)}


def _begin_guess() -> int:
    """Count a join code or new name about to be looked up; ``Throttled`` if the address guessed too much."""
    return services.begin_join_guess(db.session, _client_address(), _limits(), _now())


def _end_guess(guess: int, wrong: bool) -> None:
    """A wrong code or a taken name stays counted against the address; anything else is forgiven."""
    if not wrong:
        services.forgive_join_guess(db.session, guess)
    db.session.commit()


def _now() -> datetime:
    return datetime.now(UTC)


def _client_address() -> str:
    """The address Flask sees: the proxy's ``X-Forwarded-For`` only when the ProxyFix settings trust it."""
    return (request.remote_addr or "unknown")[:100]


def _limits() -> throttle.Limits:
    return throttle.Limits.from_config(current_app.config)


def _safe_next(default: str) -> str:
    """Only follow ``next`` within this site, so a crafted link cannot send a student elsewhere."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    return target if target.startswith("/") and not parts.netloc and not parts.scheme else default


def _code_to_check(form: FlaskForm) -> bool:
    """A join code was typed and passed its own checks on a genuine submission (CSRF token good)."""
    return bool(form.join_code.data) and not form.join_code.errors and "csrf_token" not in form.errors


def _keep_typed_passwords(form: FlaskForm) -> None:
    """Passwords that were fine stay typed while another field is fixed, so nobody types them twice more."""
    if not form.password.errors and not form.confirm.errors:
        form.password.widget = form.confirm.widget = PasswordInput(hide_value=False)


def _classroom_for(field: StringField, hint: str = "Check it with your teacher.") -> Classroom | None:
    """The class whose join code was typed, or None with the problem shown beside the field."""
    classroom = services.find_classroom(db.session, field.data)
    if classroom is None:
        field.errors.append(f"No class has that code. {hint}")
    return classroom


@bp.route("/join", methods=["GET", "POST"])
def join() -> str | Response | Refused:
    """Wrong join codes and taken names are counted per address (``throttle.JOIN_GUESS``): so neither the
    codes of classes nor the names of accounts can be guessed quickly."""
    if current_user.is_authenticated and not current_user.is_guest:
        return _join_another_class()
    form = NewAccountForm()
    if form.is_submitted():
        valid = form.validate()
        if _code_to_check(form):  # a wrong code is said at once, with any other problem of the form
            try:
                guess = _begin_guess()
            except services.Throttled as throttled:
                return _refused("auth/join.html", throttled, form=form)
            classroom = _classroom_for(form.join_code)
            wrong = classroom is None
            if classroom is not None and valid:
                try:
                    user = _new_account(form)
                    services.enroll(db.session, user, classroom)
                except services.AccountError as error:
                    db.session.rollback()  # no account, and a guest stays the guest they were
                    form.username.errors.append(str(error))
                    wrong = isinstance(error, services.NameTaken)
                else:
                    services.forgive_join_guess(db.session, guess)  # committed with the account
                    db.session.commit()
                    _log_in(user)
                    flash(f"Welcome, {user.display_name}. You have joined {classroom.name}.", "success")
                    return redirect(url_for("learner.dashboard"))
            _end_guess(guess, wrong)
        _keep_typed_passwords(form)
    return render_template("auth/join.html", form=form)


def _new_account(form: NewAccountForm) -> User:
    if current_user.is_authenticated and current_user.is_guest:
        guest = _current_user_row()
        return services.keep_guest_progress(db.session, guest, form.username.data, form.password.data)
    return services.create_user(db.session, form.username.data, form.password.data, role="learner")


def _join_another_class() -> str | Response | Refused:
    form = JoinAnotherClassForm()
    if form.validate_on_submit():
        try:
            guess = _begin_guess()
        except services.Throttled as throttled:
            return _refused("auth/join_another.html", throttled, form=form)
        classroom = _classroom_for(form.join_code)
        _end_guess(guess, wrong=classroom is None)
        if classroom is not None:
            try:
                services.enroll(db.session, _current_user_row(), classroom)
            except services.AccountError:  # a name cannot be changed here: the teacher sorts it out
                db.session.rollback()
                form.join_code.errors.append(
                    f"Your name “{current_user.username}” looks the same as a name already in this class. "
                    "Ask your teacher."
                )
            else:
                db.session.commit()
                flash(f"You have joined {classroom.name}.", "success")
                return redirect(url_for("learner.dashboard"))
    return render_template("auth/join_another.html", form=form)


@bp.route("/account/keep", methods=["GET", "POST"])
@login_required
def keep_progress() -> str | Response | Refused:
    """A taken name or a wrong join code is counted per address, as on ``/join``."""
    if not current_user.is_guest:
        return redirect(url_for("learner.dashboard"))
    form = KeepProgressForm()
    if form.is_submitted():
        valid = form.validate()
        if _code_to_check(form) or (valid and not form.join_code.data):
            try:
                guess = _begin_guess()
            except services.Throttled as throttled:
                return _refused("auth/keep.html", throttled, form=form)
            classroom, wrong = None, True
            if form.join_code.data:
                hint = "Leave it empty or check it with your teacher."
                classroom = _classroom_for(form.join_code, hint=hint)
            if valid and not form.join_code.errors:
                try:
                    user = services.keep_guest_progress(
                        db.session, _current_user_row(), form.username.data, form.password.data
                    )
                    if classroom is not None:
                        services.enroll(db.session, user, classroom)
                except services.AccountError as error:
                    db.session.rollback()  # the guest stays the guest they were
                    form.username.errors.append(str(error))
                    wrong = isinstance(error, services.NameTaken)
                else:
                    services.forgive_join_guess(db.session, guess)  # committed with the account
                    db.session.commit()
                    _log_in(user)
                    flash("Your account is ready, and everything you practised is kept.", "success")
                    return redirect(url_for("learner.dashboard"))
            elif classroom is not None:
                wrong = False
            _end_guess(guess, wrong)
        _keep_typed_passwords(form)
    return render_template("auth/keep.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | Refused:
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(
                db.session,
                form.username.data,
                form.password.data,
                _client_address(),
                _limits(),
                _now(),
                device_key=_device_key(form.username.data),
            )
        except services.Throttled as throttled:
            return _refused("auth/login.html", throttled, form=form)
        if user is None:
            form.password.errors.append("That name and password do not match.")
        else:
            _log_in(user)
            return redirect(_safe_next(_home(user)))
    return render_template("auth/login.html", form=form)


def _home(user: User | sessions.SignedInUser) -> str:
    return url_for("teacher.dashboard" if user.role == "teacher" else "learner.dashboard")


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response:
    """A new password logs the account out everywhere; this browser is logged back in at once."""
    if current_user.is_guest:
        return redirect(url_for("auth.keep_progress"))
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = _current_user_row()
        try:
            services.change_password(db.session, user, form.current_password.data, form.password.data)
        except services.AccountError as error:
            form.current_password.errors.append(str(error))
        else:
            _log_in(user)
            flash("Your password is changed. You are logged out on every other device.", "success")
            return redirect(_home(user))
    return render_template("auth/password.html", form=form)


@bp.post("/logout")
def logout() -> Response:
    """Ends this login session on the server: a copy of either cookie stops working too."""
    if current_user.is_authenticated:
        sessions.end(db.session, current_user.session_token)
        db.session.commit()
    logout_user()
    flash("You are logged out.", "info")
    return redirect(url_for("main.home"))


@bp.post("/guest")
def start_as_guest() -> str | Response | Refused:
    """Practise at once; the guest can keep this progress by creating an account later."""
    if not current_user.is_authenticated:
        try:
            guest = services.start_guest(db.session, _client_address(), _limits(), _now())
        except services.Throttled as throttled:
            page = render_template("auth/too_many_guests.html", message=throttled.refusal.message)
            return page, 429, {"Retry-After": str(throttled.refusal.retry_after_seconds)}
        db.session.commit()
        _log_in(guest)
    return redirect(url_for("learner.quiz_start"))


@bp.route("/setup", methods=["GET", "POST"])
def setup() -> str | Response:
    """The first visit to a fresh install creates the first teacher; once any teacher exists, it is gone."""
    if services.teacher_exists(db.session):
        abort(404, description="This classroom is already set up. Teachers log in; learners join a class.")
    form = SetupForm()
    if form.validate_on_submit():
        try:
            teacher = services.create_first_teacher(db.session, form.username.data, form.password.data)
        except services.AccountError as error:
            db.session.rollback()
            if services.teacher_exists(db.session):  # another setup won the race
                flash(str(error), "info")
                return redirect(url_for("auth.login"))
            form.username.errors.append(str(error))
        else:
            db.session.commit()
            _log_in(teacher)
            flash(f"Welcome, {teacher.display_name}. Create your first class to get a join code.", "success")
            return redirect(url_for("teacher.dashboard"))
    return render_template("auth/setup.html", form=form)
