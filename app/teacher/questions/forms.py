"""The editor's forms: one per question type, each asking only for what that type needs.

Forms check shape (required, length, one right answer); grounding and the bank's rules are checked by the
validator in ``editor_services``, so a form that validates may still be refused with the validator's words.
"""

from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp

from app.bank.schema import SKILLS
from app.teacher.questions.services import QuestionInput

MAX_CHOICES = 6
TEXT_MAX = 2000


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _tags(text: str | None) -> list[str]:
    return [tag.strip() for tag in (text or "").split(",") if tag.strip()]


class QuestionForm(FlaskForm):
    """Fields every type shares; subclasses add the answer the way their type asks for it."""

    TYPE = ""
    PROMPT_LABEL = "Question"
    PROMPT_HELP = "Say whose claim it is: “According to Weathersby, …”."

    question_id = StringField(
        "Id",
        description="Lower-case letters, digits and hyphens; learners' history points at it, so it never "
        "changes. Leave empty for one made from the source and kind.",
        validators=[Optional(), Length(max=120), Regexp(r"^[a-z0-9-]*$", message="Use a-z, 0-9 and -.")],
    )
    prompt = TextAreaField(validators=[DataRequired(message="Write the question."), Length(max=TEXT_MAX)])
    explanation = TextAreaField(
        "Explanation",
        description="What the answer teaches, beyond “right”: learners read it after answering. "
        "Needed to publish.",
        validators=[Length(max=TEXT_MAX)],
    )
    support_source_id = SelectField("Source of the support quote", validate_choice=True)
    support_quote = TextAreaField(
        "Support quote",
        description="The source's exact words the answer rests on, inside one paragraph. Pick sentences "
        "below or paste: quote marks, dashes and spacing are corrected to the source's.",
        validators=[Length(max=TEXT_MAX)],
    )
    claim_pair_id = SelectField(
        "Claim pair",
        description="The other source's claim on the same point, shown after each answer. Needed to publish.",
    )
    skill = SelectField(
        "Skill",
        choices=[SelectChoice(skill, skill.replace("_", " ").capitalize()) for skill in SKILLS],
    )
    tags = StringField("Tags", description="Separated by commas.", validators=[Length(max=255)])
    reason = StringField(
        "Why this change",
        description="Optional, a few words for the history: “clearer prompt”, “typo”.",
        validators=[Length(max=200)],
    )
    submit = SubmitField("Save")

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.prompt.label.text = self.PROMPT_LABEL
        self.prompt.description = self.PROMPT_HELP

    def set_choices(self, sources: list[tuple[str, str]], pairs: list[tuple[str, str]]) -> None:
        self.support_source_id.choices = [SelectChoice(value, label) for value, label in sources]
        self.claim_pair_id.choices = [SelectChoice("", "None yet (a draft may wait)")] + [
            SelectChoice(value, label) for value, label in pairs
        ]

    def answer_value(self) -> str | bool:
        return (self.data.get("answer") or "").strip()

    def choices_value(self) -> list[str] | None:
        return None

    def accepted_value(self) -> list[str]:
        return []

    def fill(self, data: QuestionInput) -> None:
        """Put a revision's content into the fields, for the edit page."""
        self.prompt.data = data.prompt
        self.explanation.data = data.explanation
        self.support_source_id.data = data.support_source_id
        self.support_quote.data = data.support_quote
        self.claim_pair_id.data = data.claim_pair_id or ""
        self.skill.data = data.skill
        self.tags.data = ", ".join(data.tags)
        if hasattr(self, "answer"):
            self.answer.data = data.answer

    def to_input(self) -> QuestionInput:
        return QuestionInput(
            type=self.TYPE,
            prompt=self.prompt.data.strip(),
            answer=self.answer_value(),
            explanation=(self.explanation.data or "").strip(),
            support_source_id=self.support_source_id.data,
            support_quote=(self.support_quote.data or "").strip(),
            skill=self.skill.data,
            choices=self.choices_value(),
            accepted_answers=self.accepted_value(),
            claim_pair_id=self.claim_pair_id.data or None,
            tags=_tags(self.tags.data),
        )


class MultipleChoiceForm(QuestionForm):
    TYPE = "multiple_choice"
    choices = FieldList(StringField("Choice", validators=[Length(max=500)]), min_entries=MAX_CHOICES)
    correct = RadioField(
        "Right answer",
        choices=[SelectChoice(str(n), f"Choice {n}") for n in range(1, MAX_CHOICES + 1)],
        validators=[DataRequired(message="Mark which choice is right.")],
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.choice_errors: list[str] = []

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)
        if len(self.choices_value()) < 2:
            self.choice_errors.append("Give at least two choices.")
            valid = False
        if self.correct.data and not self.answer_value():
            self.correct.errors = [*self.correct.errors, "The choice marked right is empty."]
            valid = False
        return valid

    def _choice(self, number: int) -> str | None:
        entries = list(self.choices)
        return entries[number - 1].data if 0 < number <= len(entries) else None

    def answer_value(self) -> str:
        return (self._choice(int(self.correct.data or 0)) or "").strip()

    def choices_value(self) -> list[str]:
        return [entry.data.strip() for entry in self.choices if (entry.data or "").strip()]

    def fill(self, data: QuestionInput) -> None:
        super().fill(data)
        values = list(data.choices or [])
        for entry, value in zip(self.choices, values + [""] * MAX_CHOICES, strict=False):
            entry.data = value
        if data.answer in values:
            self.correct.data = str(values.index(data.answer) + 1)


class TrueFalseForm(QuestionForm):
    TYPE = "true_false"
    PROMPT_LABEL = "Statement"
    PROMPT_HELP = "A statement framed as a claim: “According to the DPRK publication, …”."
    answer = RadioField(
        "The statement is",
        choices=[SelectChoice("true", "True"), SelectChoice("false", "False")],
        validators=[DataRequired(message="Say whether the statement is true or false.")],
    )

    def answer_value(self) -> bool:
        return self.answer.data == "true"

    def fill(self, data: QuestionInput) -> None:
        super().fill(data)
        self.answer.data = "true" if data.answer is True else "false"


class TypedForm(QuestionForm):
    TYPE = "typed"
    answer = StringField(
        "Expected answer", validators=[DataRequired(message="Give the expected answer."), Length(max=500)]
    )
    accepted_answers = TextAreaField(
        "Also accept",
        description="Other spellings accepted as right, one per line.",
        validators=[Length(max=TEXT_MAX)],
    )

    def accepted_value(self) -> list[str]:
        return _lines(self.accepted_answers.data)

    def fill(self, data: QuestionInput) -> None:
        super().fill(data)
        self.accepted_answers.data = "\n".join(data.accepted_answers)


class ClozeForm(TypedForm):
    TYPE = "cloze"
    PROMPT_LABEL = "Sentence with one blank"
    PROMPT_HELP = "Write ____ (four underscores) where the answer goes; the answer must be in the quote."


class WhichSourceForm(QuestionForm):
    TYPE = "which_source"
    PROMPT_LABEL = "Statement"
    PROMPT_HELP = "A claim without naming its source; learners say which source makes it."
    answer = SelectField("Who says this")

    def set_choices(self, sources: list[tuple[str, str]], pairs: list[tuple[str, str]]) -> None:
        super().set_choices(sources, pairs)
        self.answer.choices = [SelectChoice(value, label) for value, label in sources] + [
            SelectChoice("both", "Both sources"),
            SelectChoice("neither", "Neither source"),
        ]


class FlashcardForm(QuestionForm):
    TYPE = "flashcard"
    PROMPT_LABEL = "Front of the card"
    PROMPT_HELP = "A cue or question; the back answers it."
    answer = TextAreaField(
        "Back of the card",
        validators=[DataRequired(message="Write the back of the card."), Length(max=TEXT_MAX)],
    )


FORMS: dict[str, type[QuestionForm]] = {
    form.TYPE: form
    for form in (MultipleChoiceForm, TrueFalseForm, TypedForm, ClozeForm, WhichSourceForm, FlashcardForm)
}


class ActionForm(FlaskForm):
    """Publish, unpublish, retire, restore, duplicate: a button, an optional reason, the CSRF token."""

    reason = StringField("Why", validators=[Length(max=200)])
    submit = SubmitField("Confirm")
