"""The rules of login, join and guest throttling: how many events a name, a browser or an address may have,
and when to retry.

Pure, so that the limits and their messages are tested without a database or a clock: the database hands in
the times of the recent events (``ThrottleEvent`` rows, shared by every app server), and these functions
decide given ``now``.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from math import ceil

LOGIN_FAILURE = "login_failure"
GUEST_CREATED = "guest_created"
# A join code that matched no class, or a new name that is taken: one budget per address, so that neither
# join codes nor the names of accounts can be guessed quickly.
JOIN_GUESS = "join_guess"
GUEST_WINDOW = timedelta(hours=1)
BY_NAME, BY_ADDRESS = "name", "address"


@dataclass(frozen=True)
class Limit:
    """At most ``allowed`` events of ``kind`` for one name or one address within ``window``.

    An ``allowed`` of 0, or an empty window, turns the limit off: a school may prefer its proxy's limits.
    """

    kind: str
    by: str
    allowed: int
    window: timedelta
    message: str  # shown as it is once ``{wait}`` is filled in

    @property
    def is_on(self) -> bool:
        return self.allowed > 0 and self.window > timedelta(0)


@dataclass(frozen=True)
class Refusal:
    """A refused attempt: which limit is full, and from when the next attempt is allowed."""

    limit: Limit
    retry_at: datetime
    now: datetime

    @property
    def retry_after_seconds(self) -> int:
        """Whole seconds, at least one, for the ``Retry-After`` header."""
        return max(1, ceil((self.retry_at - self.now).total_seconds()))

    @property
    def message(self) -> str:
        return self.limit.message.format(wait=wait_phrase(self.retry_after_seconds))


@dataclass(frozen=True)
class Limits:
    login_per_name: Limit
    login_per_device: Limit
    login_per_address: Limit
    guests_per_address: Limit
    join_per_address: Limit

    @classmethod
    def from_config(cls, config: Mapping[str, object]) -> "Limits":
        login_window = timedelta(minutes=int(config["LOGIN_FAILURE_WINDOW_MINUTES"]))
        return cls(
            login_per_name=Limit(
                LOGIN_FAILURE,
                BY_NAME,
                int(config["LOGIN_FAILURES_PER_NAME"]),
                login_window,
                "Too many failed logins with this name. To keep the account safe, logging in with it is "
                "paused: try again in {wait}.",
            ),
            login_per_device=Limit(
                LOGIN_FAILURE,
                BY_NAME,  # counted by the device's own key (``app.auth.devices``), never the bare name
                int(config["LOGIN_FAILURES_PER_NAME"]),
                login_window,
                "Too many failed logins with this name in this browser. Logging in with it here is "
                "paused: try again in {wait}.",
            ),
            login_per_address=Limit(
                LOGIN_FAILURE,
                BY_ADDRESS,
                int(config["LOGIN_FAILURES_PER_ADDRESS"]),
                login_window,
                "Too many failed logins from this network. Logging in from here is paused: "
                "try again in {wait}.",
            ),
            guests_per_address=Limit(
                GUEST_CREATED,
                BY_ADDRESS,
                int(config["GUESTS_PER_ADDRESS_PER_HOUR"]),
                GUEST_WINDOW,
                "Too many guests have started from this network in the last hour. Try again in {wait}, "
                "or join your class with the code your teacher gave you, or log in.",
            ),
            join_per_address=Limit(
                JOIN_GUESS,
                BY_ADDRESS,
                int(config["JOIN_FAILURES_PER_ADDRESS"]),
                login_window,
                "Too many wrong join codes or taken names from this network. Joining and choosing a name "
                "are paused here: try again in {wait}, or ask your teacher.",
            ),
        )

    def prune_before(self, now: datetime) -> datetime:
        """Events older than this count for no limit any more, and may be deleted."""
        longest = max(
            self.login_per_name.window,
            self.login_per_device.window,
            self.login_per_address.window,
            self.guests_per_address.window,
            self.join_per_address.window,
        )
        return now - longest


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; the app stores UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def refusal(limit: Limit, newest_first: Sequence[datetime], now: datetime) -> Refusal | None:
    """Whether one more event is refused, given the times of the events counted in the window, newest first.

    ``newest_first`` needs at most ``limit.allowed`` times (the query stops there). When the window holds
    ``allowed`` events, the next one waits until the oldest of those leaves the window.
    """
    if not limit.is_on or len(newest_first) < limit.allowed:
        return None
    return Refusal(limit, as_utc(newest_first[limit.allowed - 1]) + limit.window, as_utc(now))


def wait_phrase(seconds: int) -> str:
    """Rounded up to whole minutes: "try again in 1 minute" must never come too soon."""
    minutes = max(1, ceil(seconds / 60))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"
