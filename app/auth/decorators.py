"""Access by role: one decorator, so that every teacher page and action is guarded the same way."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user

from app.extensions import login_manager

ROLE_PLURALS = {"teacher": "teachers", "learner": "learners", "guest": "guests"}


def role_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Anonymous visitors are sent to log in; a signed-in user of another role gets 403 and a reason."""
    allowed = " or ".join(ROLE_PLURALS.get(role, role) for role in roles)

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403, description=f"This page is for {allowed}.")
            return view(*args, **kwargs)

        return guarded

    return decorator
