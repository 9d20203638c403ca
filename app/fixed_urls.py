"""Links that read the same on every page (the menu, the style sheet, the scripts), built once per worker.

``url_for`` walks the URL map on every call, and the base page makes a dozen such calls a render for links
that never change while the app runs. ``fixed_url`` keeps each one by the prefix the app is mounted under
(``request.script_root``, which a trusted proxy may set per request), so a link is built once per worker
and prefix; links with values that change per page (a token, an id) keep using ``url_for``. The menu's
links, which depend only on the kind of visitor besides, are drawn once per prefix and kind
(``menu_links``): a page then reads the user three times rather than a dozen.
"""

from typing import Any

from flask import Flask, current_app, has_request_context, request, url_for
from markupsafe import Markup

# A proxy trusted to set the prefix might still pass many; past this many links, start again.
MOST_KEPT = 512


def register_fixed_urls(app: Flask) -> None:
    """Give templates ``fixed_url(endpoint, **values)``, ``url_for``'s link built once per worker, and
    ``menu_links(user)``, the menu's links for ``user`` (all but the log-out button), drawn once."""
    kept: dict[tuple[str, str, tuple[tuple[str, str], ...]], str] = {}
    menus: dict[tuple[str, bool, bool, bool], Markup] = {}

    def fixed_url(endpoint: str, **values: str) -> str:
        if not has_request_context():  # a page rendered by a command: nothing to keep
            return url_for(endpoint, **values)
        key = (request.script_root, endpoint, tuple(sorted(values.items())))
        url = kept.get(key)
        if url is None:
            if len(kept) >= MOST_KEPT:
                kept.clear()
            url = kept[key] = url_for(endpoint, **values)
        return url

    def menu_links(user: Any) -> Markup:
        signed_in = bool(user.is_authenticated)
        kind = (signed_in, signed_in and user.role == "teacher", signed_in and bool(user.is_guest))
        if not has_request_context():
            return _draw_menu(*kind)
        key = (request.script_root, *kind)
        menu = menus.get(key)
        if menu is None:
            if len(menus) >= MOST_KEPT:
                menus.clear()
            menu = menus[key] = _draw_menu(*kind)
        return menu

    app.jinja_env.globals["fixed_url"] = fixed_url
    app.jinja_env.globals["menu_links"] = menu_links


def _draw_menu(signed_in: bool, teacher: bool, guest: bool) -> Markup:
    draw = current_app.jinja_env.get_template("_menu.html").module.menu_links  # type: ignore[attr-defined]
    return Markup(draw(signed_in, teacher, guest))
