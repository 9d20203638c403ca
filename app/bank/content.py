"""Pure: the one declaration of what a question's content is, and a claim pair's, and how each is read and
written in every shape it takes: a revision row, a bank file's mapping, a typed record, a form's input.

A field named here is stored by the database, read from and written to the bank files, compared by
``bank load``, kept by the editors, carried by imports and written by the exports: the field list is never
written out anywhere else. Two revisions with equal content are the same revision.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from app.bank.schema import ClaimPairSpec, QuestionSpec, Quote

# How a field is read from a bank file: required text, optional text, a list of texts, the answer (text, or
# true/false for a true_false question), one part of a quote ({source, quote}).
TEXT, OPTIONAL, TEXTS, ANSWER, QUOTE = "text", "optional", "texts", "answer", "quote"


@dataclass(frozen=True)
class ContentField:
    """One field of the content: ``name`` in the database and the typed records' content dictionaries,
    ``key`` in the bank files and in ``QuestionSpec``/``ClaimPairSpec`` (the two parts of a quote share one
    key, told apart by ``part``), ``label`` as a teacher reads it in a revision's history."""

    name: str
    key: str
    label: str
    read: str = TEXT
    part: str | None = None  # "source" or "quote": this field is one side of the quote under ``key``
    empty: Any = ""  # the value when the files leave the field out
    draft_may_omit: bool = False  # a draft may wait for it (an imported question's quote and explanation)
    form: str | None = None  # the field's name in a teacher's form, when not ``name``

    @property
    def form_name(self) -> str:
        return self.form or self.name

    @property
    def many(self) -> bool:
        return self.read == TEXTS


QUESTION_CONTENT: tuple[ContentField, ...] = (
    ContentField("type", "type", "kind"),
    ContentField("prompt", "prompt", "prompt"),
    ContentField("choices", "choices", "choices", TEXTS, empty=None),
    ContentField("answer", "answer", "answer", ANSWER),
    ContentField("accepted_answers", "accepted_answers", "accepted answers", TEXTS, empty=()),
    ContentField("explanation", "explanation", "explanation", draft_may_omit=True),
    ContentField("support_source_id", "support", "support source", QUOTE, "source"),
    ContentField("support_quote", "support", "support quote", QUOTE, "quote", draft_may_omit=True),
    ContentField("claim_pair_id", "claim_pair", "claim pair", OPTIONAL, empty=None),
    ContentField("section", "section", "section", OPTIONAL, empty=None),
    ContentField("skill", "skill", "skill"),
    ContentField("tags", "tags", "tags", TEXTS, empty=()),
    ContentField("origin", "origin", "origin"),
)

# A pair's status is part of its content (its revisions record it); a question's status is the question's
# own, and each change of it is a revision of the same content (see app.bank.versioning).
PAIR_CONTENT: tuple[ContentField, ...] = (
    ContentField("a_source_id", "a", "Side A: source", QUOTE, "source", form="a_source"),
    ContentField("a_quote", "a", "Side A: quote", QUOTE, "quote"),
    ContentField("b_source_id", "b", "Side B: source", QUOTE, "source", form="b_source"),
    ContentField("b_quote", "b", "Side B: quote", QUOTE, "quote"),
    ContentField("relation", "relation", "Relation"),
    ContentField("rationale", "rationale", "Rationale"),
    ContentField("status", "status", "Status"),
    ContentField("topic", "topic", "Topic", OPTIONAL, empty=None),
)

QUESTION_FIELDS = tuple(f.name for f in QUESTION_CONTENT)
PAIR_FIELDS = tuple(f.name for f in PAIR_CONTENT)
QUESTION_LABELS = {f.name: f.label for f in QUESTION_CONTENT}
PAIR_LABELS = {f.name: f.label for f in PAIR_CONTENT}
# What the editor and imports do not take from the person: where the question came from, and the section,
# which is found from the support quote's passage.
DERIVED_QUESTION_FIELDS = ("section", "origin")


def keys(fields: tuple[ContentField, ...]) -> tuple[str, ...]:
    """The bank file's keys for ``fields``, in order, each once (a quote's two parts share one key)."""
    return tuple(dict.fromkeys(f.key for f in fields))


# The keys a bank file's question or claim pair may have: its id, its content, and (a question's) status.
QUESTION_KEYS = ("id", *keys(QUESTION_CONTENT), "status")
PAIR_KEYS = ("id", *keys(PAIR_CONTENT))


def _stored(field: ContentField, value: Any) -> Any:
    """A value as the database stores it: lists as lists, a missing list as an empty one."""
    if field.many:
        if value is None:
            return None if field.empty is None else []
        return list(value)
    return value


def content_of(item: Any, fields: tuple[ContentField, ...], **given: Any) -> dict[str, Any]:
    """The content of a revision, a pair, or a record with the same attribute names (a form's input);
    ``given`` supplies what the item does not carry (an editor's input has no origin)."""
    return {f.name: _stored(f, given[f.name] if f.name in given else getattr(item, f.name)) for f in fields}


def question_content(item: Any, **given: Any) -> dict[str, Any]:
    return content_of(item, QUESTION_CONTENT, **given)


def pair_content(item: Any, **given: Any) -> dict[str, Any]:
    return content_of(item, PAIR_CONTENT, **given)


def _spec_value(spec: Any, field: ContentField) -> Any:
    value = getattr(spec, field.key)
    return getattr(value, field.part) if field.part else value


def content_of_spec(spec: QuestionSpec | ClaimPairSpec, fields: tuple[ContentField, ...]) -> dict[str, Any]:
    """The content of an item read from the files, in the shape a revision's ``content()`` returns."""
    return {f.name: _stored(f, _spec_value(spec, f)) for f in fields}


def question_content_of_spec(spec: QuestionSpec) -> dict[str, Any]:
    return content_of_spec(spec, QUESTION_CONTENT)


def pair_content_of_spec(spec: ClaimPairSpec) -> dict[str, Any]:
    return content_of_spec(spec, PAIR_CONTENT)


def _spec_fields(content: dict[str, Any], fields: tuple[ContentField, ...]) -> dict[str, Any]:
    """``content`` under the typed records' keys: quotes as ``Quote``, lists as tuples."""
    values: dict[str, Any] = {}
    quotes: dict[str, dict[str, str]] = {}
    for f in fields:
        value = content[f.name]
        if f.part:
            quotes.setdefault(f.key, {})[f.part] = value if value is not None else ""
        else:
            values[f.key] = tuple(value) if f.many and value is not None else value
    return values | {key: Quote(**parts) for key, parts in quotes.items()}


def question_spec(question_id: str, content: dict[str, Any], status: str, file: str) -> QuestionSpec:
    """A question's content as the record the validator and the exports read."""
    return QuestionSpec(id=question_id, status=status, file=file, **_spec_fields(content, QUESTION_CONTENT))


def pair_spec(pair_id: str, content: dict[str, Any], file: str) -> ClaimPairSpec:
    return ClaimPairSpec(id=pair_id, file=file, **_spec_fields(content, PAIR_CONTENT))


def quote_side(source: str, quote: str) -> dict[str, Any]:
    """A question's support as the files write it: ``{source, quote}``."""
    return {"source": source, "quote": quote}


def pair_side(source: str, quote: str) -> dict[str, Any]:
    """A pair's side as the files write it; a side with no words records the source's silence."""
    return {"source": source, "silent": True} if not quote else quote_side(source, quote)


def file_entry(
    item_id: str,
    content: dict[str, Any],
    fields: tuple[ContentField, ...],
    side: Callable[[str, str], Any],
    status: str | None = None,
    listed: Callable[[Iterable[str]], Any] = list,
) -> dict[str, Any]:
    """An item as a bank file (or the JSON export) writes it: id, content under the files' keys, status.

    ``side`` makes a quote's mapping from its source and words; ``listed`` a list of texts.
    """
    entry: dict[str, Any] = {"id": item_id}
    quotes: dict[str, dict[str, str]] = {}
    for f in fields:
        value = content[f.name]
        if f.part:
            quotes.setdefault(f.key, {})[f.part] = value
            entry[f.key] = None  # its place in the order; filled below
        else:
            entry[f.key] = listed(value) if f.many and value is not None else value
    for key, parts in quotes.items():
        entry[key] = side(parts["source"], parts["quote"])
    if status is not None:
        entry["status"] = status
    return entry


def question_entry(
    question_id: str,
    content: dict[str, Any],
    status: str,
    side: Callable[[str, str], Any] = quote_side,
    listed: Callable[[Iterable[str]], Any] = list,
) -> dict[str, Any]:
    return file_entry(question_id, content, QUESTION_CONTENT, side, status, listed)


def pair_entry(
    pair_id: str, content: dict[str, Any], side: Callable[[str, str], Any] = pair_side
) -> dict[str, Any]:
    return file_entry(pair_id, content, PAIR_CONTENT, side)


def editable(content: dict[str, Any]) -> dict[str, Any]:
    """A question's content without what the editor derives (its origin and section)."""
    return {name: value for name, value in content.items() if name not in DERIVED_QUESTION_FIELDS}


def form_values(content: dict[str, Any], fields: tuple[ContentField, ...]) -> dict[str, Any]:
    """Content as a teacher's form is filled with it: each field under its form name, nothing as ""."""
    return {f.form_name: "" if content[f.name] is None else content[f.name] for f in fields}


def from_form(data: dict[str, Any], fields: tuple[ContentField, ...]) -> dict[str, Any]:
    """Content from what a teacher's form submitted: text trimmed, an empty optional field as nothing.

    A quote is taken as typed; grounding replaces it by the source's exact words.
    """
    values = {}
    for f in fields:
        value = data.get(f.form_name)
        if f.part:
            values[f.name] = value or ""
        elif f.read == OPTIONAL:
            values[f.name] = (value or "").strip() or None
        else:
            values[f.name] = (value or "").strip()
    return values
