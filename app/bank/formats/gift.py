"""Pure: the bank as Moodle GIFT text, one question per block, a category line per source and section.

Multiple choice and "which source says this?" become multiple choice (sources named as the app names
them), true/false becomes ``{T}``/``{F}``, typed and cloze answers become short answer. Flashcards are not
quiz questions and are left out (the .apkg export carries them). Texts are in GIFT's ``[plain]`` format, so
nothing in a quote is read as HTML; a line break inside a text is GIFT's ``\\n`` escape, because a real
blank line would end the question.
"""

from app.bank.evidence import SILENCE_WORDS
from app.bank.formats import ExportItem, accepted_answers, export_items, export_shape, short_answer_pattern
from app.bank.types.base import MULTICHOICE, TRUEFALSE
from app.bank.yamlio import BankFiles

# Backslash first, so the backslashes added for the other characters are not doubled.
_SPECIAL = ("\\", "~", "=", "#", "{", "}", ":")


def escape(text: str) -> str:
    """Text safe anywhere in a GIFT question: its special characters escaped, line breaks as ``\\n``."""
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def category_path(parts: tuple[str, ...]) -> str:
    """Moodle splits category paths at '/', and reads '//' as a slash inside a name."""
    return "/".join(part.replace("/", "//") for part in parts)


def general_feedback(item: ExportItem) -> str:
    """The explanation, the passage, the other source's claim and why the two face each other."""
    lines = [item.question.explanation, f"Passage ({item.support.source_title}): “{item.support.quote}”"]
    other = item.other
    if other is not None:
        words = SILENCE_WORDS if other.silent else f"“{other.quote}”"
        lines.append(f"The other source ({other.cited}): {words}")
    if item.rationale:
        lines.append(item.rationale)
    return escape("\n".join(line for line in lines if line))


def _answers(item: ExportItem) -> list[str]:
    question = item.question
    shape = export_shape(question)
    if shape == MULTICHOICE:
        return [("=" if option == item.answer_words else "~") + escape(option) for option in item.options]
    if shape == TRUEFALSE:
        return ["T" if question.answer is True else "F"]
    return ["=" + escape(short_answer_pattern(answer)) for answer in accepted_answers(question)]


def question_block(item: ExportItem) -> str:
    """One GIFT question: ``::id::[plain]prompt {answers ####general feedback}``.

    A cloze keeps its ``____`` in the sentence and becomes a short-answer question after it. GIFT's other
    way, the answer block in place of the blank, renders the same in Moodle but splits the sentence around
    a long feedback in the file a teacher reads.
    """
    lines = [*_answers(item), f"####{general_feedback(item)}"]
    body = "".join(f"\t{line}\n" for line in lines)
    return f"::{escape(item.question.id)}::[plain]{escape(item.question.prompt)} {{\n{body}}}"


def export_gift(bank: BankFiles, include_drafts: bool = False) -> str:
    """Published questions (drafts too if asked) as a GIFT file for Moodle's question bank import."""
    items = export_items(bank, include_drafts=include_drafts)
    flashcards = sum(1 for item in items if export_shape(item.question) is None)
    out = [
        "// Counterpoint question bank, GIFT format for Moodle.",
        f"// {len(items) - flashcards} questions; {flashcards} flashcards left out (not quiz questions).",
        "",
    ]
    category = None
    for item in items:
        if export_shape(item.question) is None:
            continue
        if item.category != category:
            category = item.category
            out += [f"$CATEGORY: {category_path(category)}", ""]
        out += [question_block(item), ""]
    return "\n".join(out)
