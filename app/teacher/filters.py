"""The filters of a teacher's list page (the bank, the claim map), read from the query string."""

from dataclasses import dataclass, fields
from typing import Any, Self


@dataclass(frozen=True)
class ListFilters:
    """What the teacher asked for, straight from the query string; empty means 'any'. Each list declares
    its own fields, every one a string defaulting to ""."""

    @classmethod
    def from_mapping(cls, values: Any) -> Self:
        return cls(**{f.name: (values.get(f.name) or "").strip() for f in fields(cls)})

    def as_args(self) -> dict[str, str]:
        """The non-empty filters, for links that keep them (pagination)."""
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name))}

    @property
    def active(self) -> bool:
        return bool(self.as_args())
