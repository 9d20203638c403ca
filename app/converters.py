"""Whole numbers from a URL, bounded by what the database's integer columns can hold.

Every id and revision number is an ``Integer`` column: 64 bits on SQLite, 32 bits on PostgreSQL, so no row
has a number above ``MAX_ID`` (2**31 - 1). A larger number names nothing, and SQLite cannot even compare
one beyond 2**63 - 1 (the driver raises, which would be a 500). So ``<int:...>`` in a route matches only
0 to ``MAX_ID`` (anything else is a 404, like any URL that names nothing), and a number in a query string
is read with ``whole_number``, which makes anything else count as absent.
"""

from typing import Any

from werkzeug.routing import IntegerConverter, Map

MAX_ID = 2**31 - 1
MAX_DIGITS = len(str(MAX_ID))


class BoundedIntegerConverter(IntegerConverter):
    """Flask's ``int`` converter with the database's bounds: from 0 to ``MAX_ID`` unless a route says less."""

    def __init__(self, map: Map, min: int = 0, max: int = MAX_ID, **options: Any) -> None:
        super().__init__(map, min=min, max=max, **options)


def whole_number(text: str) -> int:
    """A number from 0 to ``MAX_ID`` in plain digits: ``request.args.get(name, type=whole_number)``.

    Raises ``ValueError`` otherwise, which ``get`` turns into its default.
    """
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS or int(text) > MAX_ID:
        raise ValueError(f"not a whole number from 0 to {MAX_ID}")
    return int(text)


def whole_number_or(text: str, default: int) -> int:
    """``whole_number(text)``, or ``default`` when ``text`` is not one (a form field, a session's user id)."""
    try:
        return whole_number(text)
    except ValueError:
        return default
