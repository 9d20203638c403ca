"""The editor's form and what it hands the services: the fields every type shares; each type adds its answer.

Forms check shape (required, length, one right answer); grounding and the bank's rules are checked by the
validator in the editor's services, so a form that validates may still be refused with the validator's words.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from app.bank.content import editable
from app.bank.schema import SKILLS

if TYPE_CHECKING:
    from app.bank.models import QuestionRevision

TEXT_MAX = 2000


@dataclass(frozen=True)
class QuestionInput:
    """What the teacher typed, shaped by the form: the content of a revision except its origin."""

    type: str
    prompt: str
    answer: str | bool
    explanation: str
    support_source_id: str
    support_quote: str
    skill: str
    choices: list[str] | None = None
    accepted_answers: list[str] = field(default_factory=list)
    claim_pair_id: str | None = None
    tags: list[str] = field(default_factory=list)

    @classmethod
    def from_revision(cls, revision: "QuestionRevision") -> "QuestionInput":
        return cls(**editable(revision.content()))


def lines(text: str | None) -> list[str]:
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

    def fill(self, data: "QuestionInput") -> None:
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

    def to_input(self) -> "QuestionInput":
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
