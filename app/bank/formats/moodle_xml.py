"""Pure: the bank as Moodle XML, the richer of Moodle's two import formats.

Each question is one ``<question>``: multiple choice and "which source says this?" as ``multichoice``
(single answer), true/false as ``truefalse``, typed and cloze as ``shortanswer`` (case-insensitive, every
accepted spelling worth 100%). Flashcards are left out, as in GIFT. Texts are HTML, escaped by the XML
serializer; the general feedback shows the passage and the other source's claim each in a ``<blockquote>``.
"""

import re
import xml.etree.ElementTree as ET
from html import escape as html_escape

from app.bank.evidence import SILENCE_WORDS
from app.bank.formats import ExportItem, accepted_answers, export_items, export_shape, short_answer_pattern
from app.bank.types.base import MULTICHOICE, TRUEFALSE
from app.bank.yamlio import BankFiles

# Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _html(text: str) -> str:
    return html_escape(_NOT_XML.sub("", text), quote=False)


def _text(parent: ET.Element, tag: str, content: str, html: bool = True) -> ET.Element:
    """``<tag format="html"><text>content</text></tag>``, Moodle's shape for every formatted text."""
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(element, "text").text = content
    return element


def _plain(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def general_feedback_html(item: ExportItem) -> str:
    parts = [f"<p>{_html(item.question.explanation)}</p>"]
    where = item.support.source_title + (f", {item.section}" if item.section else "")
    parts.append(f"<p><strong>Passage</strong> ({_html(where)}):</p>")
    parts.append(f"<blockquote>{_html(item.support.quote)}</blockquote>")
    other = item.other
    if other is not None:
        parts.append(f"<p><strong>The other source</strong> ({_html(other.cited)}):</p>")
        quoted = f"<blockquote>{_html(other.quote)}</blockquote>"
        parts.append(f"<p>{SILENCE_WORDS}</p>" if other.silent else quoted)
    if item.rationale:
        parts.append(f"<p>{_html(item.rationale)}</p>")
    return "".join(parts)


def _answer(parent: ET.Element, fraction: int, content: str, html: bool = True) -> None:
    """Choices are HTML; true/false and short answers are plain words, as Moodle itself exports them."""
    text_format = "html" if html else "moodle_auto_format"
    answer = ET.SubElement(parent, "answer", {"fraction": str(fraction), "format": text_format})
    ET.SubElement(answer, "text").text = content
    _text(answer, "feedback", "")


def _category(quiz: ET.Element, path: tuple[str, ...]) -> None:
    """Moodle splits category paths at '/', and reads '//' as a slash inside a name."""
    element = ET.SubElement(quiz, "question", {"type": "category"})
    names = "/".join(part.replace("/", "//") for part in path)
    _text(element, "category", f"$course$/top/{names}", html=False)


def question_element(item: ExportItem) -> ET.Element:
    question = item.question
    moodle_type = export_shape(question)
    assert moodle_type is not None, f"a {question.type} question has no Moodle shape"
    element = ET.Element("question", {"type": moodle_type})
    _text(element, "name", question.id, html=False)
    _text(element, "questiontext", f"<p>{_html(question.prompt)}</p>")
    _text(element, "generalfeedback", general_feedback_html(item))
    _plain(element, "defaultgrade", "1")
    _plain(element, "penalty", "1" if moodle_type == TRUEFALSE else "0.3333333")
    _plain(element, "hidden", "0")
    if moodle_type == MULTICHOICE:
        _plain(element, "single", "true")
        _plain(element, "shuffleanswers", "true")
        _plain(element, "answernumbering", "abc")
        for option in item.options:
            _answer(element, 100 if option == item.answer_words else 0, f"<p>{_html(option)}</p>")
    elif moodle_type == TRUEFALSE:
        _answer(element, 100 if question.answer is True else 0, "true", html=False)
        _answer(element, 0 if question.answer is True else 100, "false", html=False)
    else:
        _plain(element, "usecase", "0")
        for accepted in accepted_answers(question):
            _answer(element, 100, short_answer_pattern(_NOT_XML.sub("", accepted)), html=False)
    if question.tags:
        tags = ET.SubElement(element, "tags")
        for tag in question.tags:
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return element


def export_moodle_xml(bank: BankFiles, include_drafts: bool = False) -> str:
    """Published questions (drafts too if asked) as a UTF-8 Moodle XML document, categories per section."""
    quiz = ET.Element("quiz")
    category = None
    for item in export_items(bank, include_drafts=include_drafts):
        if export_shape(item.question) is None:
            continue
        if item.category != category:
            category = item.category
            _category(quiz, category)
        quiz.append(question_element(item))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
