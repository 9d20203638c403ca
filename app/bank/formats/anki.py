"""Pure: the bank as an Anki deck (.apkg), one note per published question, every type included.

The front is the prompt (with the choices of a multiple-choice or "which source?" question); the back is the
answer in words with the explanation, the passage with the quote emphasised, the other source's claim with
the relation and rationale, and the source. Note GUIDs come from question ids and the model and deck ids are
constants, so importing a newer export updates the notes a learner already has instead of duplicating them.
"""

from html import escape as _escape
from pathlib import Path

import genanki

from app.bank.evidence import SILENCE_WORDS
from app.bank.formats import Evidence, ExportItem, export_items, export_shape
from app.bank.types.base import MULTICHOICE, TRUEFALSE
from app.bank.yamlio import BankFiles

DECK_ID = 1_734_512_001
DECK_NAME = "Counterpoint"
MODEL_ID = 1_734_512_002
MODEL_NAME = "Counterpoint question"
FIELDS = ("Front", "Back", "Passage", "Contrast", "Source", "QuestionId")
GUID_NAMESPACE = "counterpoint"

FRONT_TEMPLATE = '<div class="front">{{Front}}</div>'
BACK_TEMPLATE = """{{FrontSide}}
<hr id="answer">
<div class="back">{{Back}}</div>
{{#Passage}}<div class="passage"><div class="label">The passage</div>{{Passage}}</div>{{/Passage}}
{{#Contrast}}<div class="contrast"><div class="label">The other source</div>{{Contrast}}</div>{{/Contrast}}
<div class="source">{{Source}}</div>"""
CSS = """.card { font-family: Georgia, serif; font-size: 19px; line-height: 1.45; text-align: left;
  color: #1d1d1f; background: #fff; max-width: 42em; margin: 0 auto; }
.answer { font-weight: bold; }
.explanation, .rationale { margin-top: .6em; }
.label { font-size: 14px; text-transform: uppercase; letter-spacing: .05em; color: #666; margin-top: 1em; }
.where { font-size: 15px; color: #555; }
mark { background: #fff1a8; color: inherit; }
.contrast mark { background: #d6ecff; }
.source { font-size: 14px; color: #666; margin-top: 1.2em; }"""

MODEL = genanki.Model(
    MODEL_ID,
    MODEL_NAME,
    fields=[{"name": name} for name in FIELDS],
    templates=[{"name": "Question", "qfmt": FRONT_TEMPLATE, "afmt": BACK_TEMPLATE}],
    css=CSS,
)


def _html(text: str) -> str:
    return _escape(text, quote=False)


def _in_paragraph(evidence: Evidence) -> str:
    """The paragraph around the quote, the quote itself marked: how the app's feedback page shows it."""
    return f"<p>{_html(evidence.before)}<mark>{_html(evidence.quote)}</mark>{_html(evidence.after)}</p>"


def front(item: ExportItem) -> str:
    text = f"<p>{_html(item.question.prompt)}</p>"
    shape = export_shape(item.question)
    if shape == MULTICHOICE:
        text += '<ol type="A">' + "".join(f"<li>{_html(option)}</li>" for option in item.options) + "</ol>"
    elif shape == TRUEFALSE:
        text += "<p><i>True or false?</i></p>"
    return text


def back(item: ExportItem) -> str:
    question = item.question
    text = f'<div class="answer">{_html(item.answer_words)}</div>'
    if question.accepted_answers:
        text += f"<div>Also accepted: {_html(', '.join(question.accepted_answers))}</div>"
    return text + f'<div class="explanation">{_html(question.explanation)}</div>'


def passage(item: ExportItem) -> str:
    where = f"{item.source_label}, {item.section}"
    return f'<div class="where">{_html(where)}</div>{_in_paragraph(item.support)}'


def contrast(item: ExportItem) -> str:
    if item.silent_source_title is not None:
        where = f"{item.silent_source_title} (silent)"
        text = f'<div class="where">{_html(where)}</div><p>{SILENCE_WORDS}</p>'
    elif item.contrast is not None:
        where = f"{item.contrast.source_label}, {item.contrast.source_title} ({item.relation})"
        text = f'<div class="where">{_html(where)}</div>{_in_paragraph(item.contrast)}'
    else:
        return ""
    if item.rationale:
        text += f'<div class="rationale">{_html(item.rationale)}</div>'
    return text


def source(item: ExportItem) -> str:
    return _html(f"{item.source_label}: {item.source_citation or item.source_title}")


def _tag(text: str) -> str:
    """Anki tags cannot hold spaces."""
    return "_".join(text.split())


def note_for(item: ExportItem) -> genanki.Note:
    question = item.question
    tags = [*question.tags, f"type::{question.type}", f"skill::{question.skill}"]
    tags.append(f"source::{question.support.source}")
    fields = [front(item), back(item), passage(item), contrast(item), source(item), _html(question.id)]
    return genanki.Note(
        model=MODEL,
        fields=fields,
        tags=[_tag(tag) for tag in tags if tag.strip()],
        guid=genanki.guid_for(GUID_NAMESPACE, question.id),
    )


def build_deck(bank: BankFiles, include_drafts: bool = False) -> genanki.Deck:
    deck = genanki.Deck(DECK_ID, DECK_NAME, description="Questions from two sources that disagree.")
    for item in export_items(bank, include_drafts=include_drafts):
        deck.add_note(note_for(item))
    return deck


def write_apkg(
    bank: BankFiles, path: Path | str, include_drafts: bool = False, timestamp: float | None = None
) -> int:
    """Write the deck to ``path`` as an .apkg file Anki imports; returns the number of notes written.

    Anki replaces a note it already has (same GUID) when the imported one is newer: ``timestamp`` (seconds
    since the epoch, now by default) is the notes' modification time.
    """
    deck = build_deck(bank, include_drafts=include_drafts)
    genanki.Package(deck).write_to_file(str(path), timestamp=timestamp)
    return len(deck.notes)
