"""Forms for adding a source and generating drafts: CSRF-protected, every limit checked on the server."""

import base64
import binascii

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from app.teacher.sources.services import MAX_SOURCE_BYTES, SOURCE_ID, SOURCE_ID_MAX, SourceDetails


def _required(what: str) -> DataRequired:
    return DataRequired(message=f"Give the source's {what}.")


class SourceUploadForm(FlaskForm):
    """One source: its file and the sourcing facts. The preview posts the file back in ``payload``."""

    file = FileField(
        "Text file",
        description="A plain-text (.txt) file in UTF-8, at most 1 MB: the source exactly as published.",
    )
    payload = HiddenField()  # the previewed file, base64: the save step needs no second upload
    filename = HiddenField()
    source_id = StringField(
        "Id",
        description="A short name used in quotes and question ids: lower-case letters, digits and hyphens, "
        "for example “gage-1775”.",
        validators=[
            _required("id"),
            Length(max=SOURCE_ID_MAX, message=f"An id has at most {SOURCE_ID_MAX} characters."),
            Regexp(
                f"^{SOURCE_ID.pattern}$",
                message="Use lower-case letters, digits and single hyphens only, for example “gage-1775”.",
            ),
        ],
    )
    title = StringField(
        "Title",
        description="Leave empty to take the title from the file's first lines, if it has one.",
        validators=[_required("title"), Length(max=255)],
    )
    author = StringField(
        "Author or issuer",
        description="Leave empty to take it from a “By …” or name line under the title, if there is one.",
        validators=[_required("author or issuer"), Length(max=255)],
    )
    short_name = StringField(
        "Short name",
        description="How questions name it: “According to … ”. Leave empty to use the title.",
        validators=[Optional(), Length(max=120)],
    )
    kind = StringField(
        "Kind of text",
        description="For example “Official account” or “Scholarly article”.",
        validators=[_required("kind"), Length(max=120)],
    )
    date = StringField("Date", validators=[_required("date"), Length(max=120)])
    citation = TextAreaField("Citation", validators=[_required("citation"), Length(max=2000)])
    about = TextAreaField(
        "About this source",
        description="One paragraph for learners: who produced this text, for whom, and why.",
        validators=[_required("sourcing note"), Length(max=5000)],
    )
    preview = SubmitField("Preview the parse")
    save = SubmitField("Save this source")

    def details(self) -> SourceDetails:
        return SourceDetails(
            id=(self.source_id.data or "").strip(),
            title=(self.title.data or "").strip(),
            author=(self.author.data or "").strip(),
            kind=(self.kind.data or "").strip(),
            date=(self.date.data or "").strip(),
            citation=(self.citation.data or "").strip(),
            about=(self.about.data or "").strip(),
            short_name=(self.short_name.data or "").strip(),
        )

    def uploaded(self) -> tuple[bytes, str] | None:
        """The new file's bytes (read up to one byte past the limit) and name, if one was chosen."""
        storage = self.file.data
        if storage is None or not getattr(storage, "filename", ""):
            return None
        return storage.stream.read(MAX_SOURCE_BYTES + 1), storage.filename

    def previewed(self) -> bytes | None:
        """The file carried over from the preview, or None when there is none or it was mangled."""
        if not self.payload.data:
            return None
        try:
            return base64.urlsafe_b64decode(self.payload.data.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            return None

    def carry(self, data: bytes, filename: str) -> None:
        self.payload.data = base64.urlsafe_b64encode(data).decode("ascii")
        self.filename.data = filename


class GenerateForm(FlaskForm):
    """Two stored sources; choices are set per request from the database."""

    first = SelectField("First source", validators=[DataRequired()])
    second = SelectField("Second source", validators=[DataRequired()])
    submit = SubmitField("Generate a draft bank")
