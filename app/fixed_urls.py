"""Links that read the same on every page (the menu, the style sheet, the scripts), built once per worker.

``url_for`` walks the URL map on every call, and the base page makes a dozen such calls a render for links
that never change while the app runs. ``fixed_url`` keeps each one by the prefix the app is mounted under
(``request.script_root``, which a trusted proxy may set per request), so a link is built once per worker
and prefix; links with values that change per page (a token, an id) keep using ``url_for``.
"""

from flask import Flask, has_request_context, request, url_for

# A proxy trusted to set the prefix might still pass many; past this many links, start again.
MOST_KEPT = 512


def register_fixed_urls(app: Flask) -> None:
    """Give templates ``fixed_url(endpoint, **values)``: ``url_for``'s link, built once per worker."""
    kept: dict[tuple[str, str, tuple[tuple[str, str], ...]], str] = {}

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

    app.jinja_env.globals["fixed_url"] = fixed_url
