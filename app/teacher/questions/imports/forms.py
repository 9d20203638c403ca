"""Import forms: the upload (file, format, the source and skill the file may leave out) and the commit.

The commit form carries the file's text back, base64-encoded, so what is saved is what the preview showed,
parsed and checked again; nothing waits on the server between the two steps.
"""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectChoice, SelectField, SubmitField
from wtforms.validators import DataRequired, Optional

from app.bank.schema import SKILLS

FORMAT_CHOICES = [
    SelectChoice("auto", "Tell from the file name (.csv or .gift)"),
    SelectChoice("gift", "Moodle GIFT"),
    SelectChoice("csv", "CSV (spreadsheet)"),
]
SKILL_CHOICES = [SelectChoice(skill, skill.replace("_", " ").capitalize()) for skill in SKILLS]


class ImportUploadForm(FlaskForm):
    file = FileField(
        "File to import",
        description="A Moodle GIFT file or a CSV saved as UTF-8, at most 1 MB and 2,000 questions.",
        validators=[FileRequired(message="Choose a file to import.")],
    )
    format = SelectField("Format", choices=FORMAT_CHOICES, default="auto")
    source = SelectField(
        "Source the questions are about",
        description="Leave as it is when the file mixes questions on both texts: the preview offers, per "
        "question, the source whose words it quotes, and asks you where it cannot tell.",
        validators=[Optional()],
    )
    skill = SelectField(
        "Skill",
        choices=SKILL_CHOICES,
        default="close_reading",
        description="Used where the file names no skill; change it per question later.",
    )
    submit = SubmitField("Check the file")


PER_QUESTION = SelectChoice("", "Choose per question in the preview")


class ImportCommitForm(FlaskForm):
    """The file again and what was chosen for all of it; each question's source is posted beside it as
    ``source-<position>`` (see ``chosen_sources``)."""

    payload = HiddenField(validators=[DataRequired()])
    format = HiddenField(validators=[DataRequired()])
    source = HiddenField()
    skill = HiddenField(validators=[DataRequired()])
    filename = HiddenField()
    submit = SubmitField("Import")
