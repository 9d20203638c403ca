"""The device cookie: a browser where a name has logged in before is exempt from that name's login pause.

Without it, anyone who knows a learner's name could keep that learner out by failing ten times every
fifteen minutes. At each successful login the browser gets (or keeps) a random device id, signed with the
secret key together with a keyed hash of each name that has logged in there (a shared classroom computer
holds several; the most recent ``MAX_NAMES`` are kept). Nothing is stored on the server, and the cookie
shows no name. A made-up or altered cookie fails the signature and exempts nothing.

The exemption is from the per-name pause only. Failures in a browser with the cookie are counted by that
browser and name instead (``throttle_key``): the same number of failures pauses that name in that browser,
so a stolen cookie gives no more guesses than the pause allows, and the per-address limit still counts
every failure.
"""

import hashlib
import hmac
import secrets

from itsdangerous import BadSignature, URLSafeSerializer

COOKIE_NAME = "counterpoint_device"
MAX_NAMES = 30
_SALT = "counterpoint.device"
_ID_BYTES = 16


def _secret_bytes(secret_key: str | bytes) -> bytes:
    return secret_key.encode() if isinstance(secret_key, str) else secret_key


def _serializer(secret_key: str | bytes) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=_SALT)


def _name_tag(secret_key: str | bytes, name_key: str) -> str:
    """A keyed hash of the name: the cookie must not tell who used the browser."""
    digest = hmac.new(_secret_bytes(secret_key), b"device-name\0" + name_key.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def _read(secret_key: str | bytes, cookie: str | None) -> tuple[str, list[str]] | None:
    """The device id and name tags of a genuine cookie; None for a missing, made-up or altered one."""
    if not cookie:
        return None
    try:
        payload = _serializer(secret_key).loads(cookie)
    except BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    device_id, tags = payload.get("d"), payload.get("n")
    if not isinstance(device_id, str) or not isinstance(tags, list):
        return None
    return device_id, [tag for tag in tags if isinstance(tag, str)]


def throttle_key(secret_key: str | bytes, cookie: str | None, name_key: str) -> str | None:
    """What this browser's failures for ``name_key`` are counted by, if the name has logged in here before.

    None means no exemption: the attempt counts, and is paused, with the name's.
    """
    device = _read(secret_key, cookie)
    if device is None:
        return None
    device_id, tags = device
    tag = _name_tag(secret_key, name_key)
    if not any(hmac.compare_digest(tag, known) for known in tags):
        return None
    return f"device {device_id} {tag[:16]}"


def remember(secret_key: str | bytes, cookie: str | None, name_key: str) -> str:
    """The cookie to send after ``name_key`` logged in: this browser's, with the name added."""
    device_id, tags = _read(secret_key, cookie) or (secrets.token_urlsafe(_ID_BYTES), [])
    tag = _name_tag(secret_key, name_key)
    tags = [*(known for known in tags if known != tag), tag][-MAX_NAMES:]
    return _serializer(secret_key).dumps({"d": device_id, "n": tags})
