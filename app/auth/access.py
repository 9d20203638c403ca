"""Access by role, checked once per blueprint: a view added to a guarded blueprint cannot forget its guard."""

from collections.abc import Callable

from flask import Blueprint, abort
from flask_login import current_user
from werkzeug.wrappers import Response

from app.extensions import login_manager

ROLE_PLURALS = {"teacher": "teachers", "learner": "learners", "guest": "guests"}


def role_guard(*roles: str) -> Callable[[], Response | None]:
    """A ``before_request`` hook: anonymous visitors are sent to log in, other roles get 403 and a reason."""
    allowed = " or ".join(ROLE_PLURALS.get(role, role) for role in roles)

    def guard() -> Response | None:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role not in roles:
            abort(403, description=f"This page is for {allowed}.")
        return None

    return guard


def guarded_blueprint(name: str, import_name: str, url_prefix: str, *roles: str) -> Blueprint:
    """A blueprint whose every view is for ``roles`` only."""
    blueprint = Blueprint(name, import_name, url_prefix=url_prefix)
    blueprint.before_request(role_guard(*roles))
    return blueprint
