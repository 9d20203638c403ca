"""Pure: what changed between two revisions, in words a teacher reads and as a word diff.

Works on the ``content()`` dictionaries of question and claim pair revisions, so it needs neither Flask
nor the database; each kind of revision brings its own field labels.
"""

import difflib
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from app.bank.content import QUESTION_LABELS

FIELD_LABELS = QUESTION_LABELS  # the question content fields, each as a teacher reads it


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    old: str
    new: str
    changed: bool
    html: Markup  # the new value with insertions and deletions marked; plain escaped text when unchanged


def display(value: Any) -> str:
    """One value as a teacher reads it: lists one item per line, nothing as an empty string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "\n".join(display(item) for item in value)
    return str(value)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The content fields whose values differ, in the order a question is read."""
    return [name for name in FIELD_LABELS if old.get(name) != new.get(name)]


def change_summary(old: dict[str, Any] | None, new: dict[str, Any]) -> str:
    """'prompt changed, answer changed' for a history table; the first revision is 'created'."""
    if old is None:
        return "created"
    names = changed_fields(old, new)
    if not names:
        return "content unchanged"
    return ", ".join(f"{FIELD_LABELS[name]} changed" for name in names)


def word_diff(old: str, new: str) -> Markup:
    """``new`` with words removed since ``old`` in <del> and words added in <ins>; every word escaped.

    Prose is compared word by word, spaces ignored (quotes are whitespace-collapsed anyway), so a change
    reads as one struck phrase followed by its replacement.
    """
    old_words, new_words = old.split(), new.split()
    pieces: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(str(escape(" ".join(new_words[b_start:b_end]))))
            continue
        change = ""
        if a_end > a_start:
            change += f"<del>{escape(' '.join(old_words[a_start:a_end]))}</del>"
        if b_end > b_start:
            change += f"<ins>{escape(' '.join(new_words[b_start:b_end]))}</ins>"
        pieces.append(change)
    return Markup(" ".join(pieces))


def _line_diff(old: str, new: str) -> Markup:
    """Lists (choices, tags) compare item by item: a whole line removed or added."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            parts += [str(escape(line)) for line in new_lines[b_start:b_end]]
            continue
        parts += [f"<del>{escape(line)}</del>" for line in old_lines[a_start:a_end]]
        parts += [f"<ins>{escape(line)}</ins>" for line in new_lines[b_start:b_end]]
    return Markup("<br>".join(parts))


def compare(
    old: dict[str, Any],
    new: dict[str, Any],
    labels: dict[str, str] = FIELD_LABELS,
) -> list[FieldDiff]:
    """Every field side by side, changed ones marked word by word (or item by item for lists)."""
    diffs = []
    for name, label in labels.items():
        before, after = display(old.get(name)), display(new.get(name))
        changed = before != after  # nothing and an empty text read the same to a teacher
        if not changed:
            html = Markup("<br>".join(str(escape(line)) for line in after.splitlines()))
        elif isinstance(old.get(name), list) or isinstance(new.get(name), list):
            html = _line_diff(before, after)
        else:
            html = word_diff(before, after)
        diffs.append(FieldDiff(name, label, before, after, changed, html))
    return diffs
