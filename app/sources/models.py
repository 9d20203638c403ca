"""Sources as the app stores them: parsed once at load time, read by every page."""

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db


class Source(db.Model):
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    file: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(String(255))
    author: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(120))
    date: Mapped[str] = mapped_column(String(120))
    citation: Mapped[str] = mapped_column(Text)
    about: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    layout: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(default=0)
    # The whole decoded text, so a source uploaded in the browser lives in the database that every app
    # server shares; files in the bank folder fill it on load.
    text: Mapped[str | None] = mapped_column(Text)

    passages: Mapped[list["Passage"]] = relationship(
        back_populates="source", order_by="Passage.ordinal", cascade="all, delete-orphan"
    )
    footnotes: Mapped[list["Footnote"]] = relationship(
        back_populates="source", order_by="Footnote.number", cascade="all, delete-orphan"
    )


class Passage(db.Model):
    """A paragraph of a source; its id (``<source>-p001``) is stable while the source file is unchanged."""

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int]
    heading: Mapped[str | None] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]

    source: Mapped[Source] = relationship(back_populates="passages")
    sentences: Mapped[list["Sentence"]] = relationship(
        back_populates="passage", order_by="Sentence.ordinal", cascade="all, delete-orphan"
    )
    footnotes: Mapped[list["Footnote"]] = relationship(back_populates="passage", order_by="Footnote.number")

    __table_args__ = (UniqueConstraint("source_id", "ordinal"),)


class Sentence(db.Model):
    """A sentence with offsets into its passage's text, so an editor can pick quotes sentence by sentence."""

    id: Mapped[int] = mapped_column(primary_key=True)
    passage_id: Mapped[str] = mapped_column(ForeignKey("passage.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]

    passage: Mapped[Passage] = relationship(back_populates="sentences")

    @property
    def text(self) -> str:
        return self.passage.text[self.start : self.end]


class Footnote(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    passage_id: Mapped[str | None] = mapped_column(ForeignKey("passage.id", ondelete="SET NULL"), index=True)

    source: Mapped[Source] = relationship(back_populates="footnotes")
    passage: Mapped[Passage | None] = relationship(back_populates="footnotes")

    __table_args__ = (UniqueConstraint("source_id", "number"),)


class SentenceVector(db.Model):
    """A sentence's meaning vector, kept so the claim map answers without running the encoder again.

    Keyed by what made it (the model's name) and what it is of (the sha256 of the sentence's text), not by
    a source: the same sentence in two sources, or in a re-uploaded source, shares one vector, and a new
    model never reads an old model's vectors.
    """

    model: Mapped[str] = mapped_column(String(120), primary_key=True)
    text_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)  # float32, little-endian, as numpy writes it
