"""Claim map forms: CSRF-protected, validated on the server; the grounding itself is in claim_services.

The helpers below fill the menus from the sources and read a submitted form back into a pair draft.
"""

from collections.abc import Mapping

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NoneOf, Optional, Regexp

from app.bank.content import PAIR_CONTENT, form_values, from_form, pair_content
from app.bank.models import ClaimPair
from app.bank.schema import RELATIONS
from app.teacher.claims.services import PAIR_STATUSES, Grounded, PairDraft, PairRefused, ground
from app.teacher.claims.shelf import SentenceChoice, SourceShelf

RELATION_LABELS = {
    "contradicts": "Contradicts: the sources say opposite things",
    "qualifies": "Qualifies: one source limits or adds to the other",
    "corroborates": "Corroborates: the sources agree",
    "silent": "Silent: one source says nothing on the point (leave its quote empty)",
}
STATUS_LABELS = {
    "draft": "Draft: learners do not see it",
    "published": "Published: questions may use it",
    "retired": "Retired: kept in the history, used by nothing new",
}
RESERVED_IDS = ("new", "suggest")  # the claim map's own pages
SIDE_LETTERS = ("a", "b")
LABEL_CHARS = 150  # a sentence menu shows this much of each sentence
MENU_SENTENCES = 600  # a side's menu holds this many sentences at most, the paragraphs around its quote
MENU_LEAD = 3  # paragraphs shown before the one holding the side's quote


def _source() -> SelectField:
    return SelectField("Source", choices=[])


def _sentence() -> SelectField:
    return SelectField(
        "Choose a sentence",
        choices=[],
        validate_choice=False,  # looked up on save, where a stale pick gets a clear message
        description="Picking a sentence replaces the quote below with it. A long source lists the paragraphs "
        "around the quote; paste any other passage as the quote.",
    )


def _quote() -> TextAreaField:
    return TextAreaField(
        "Quote",
        description="Or paste the quote: quote marks, dashes and spacing are matched to the source.",
        validators=[Length(max=5000)],
        render_kw={"rows": 4},
    )


class PairForm(FlaskForm):
    a_source, a_sentence, a_quote = _source(), _sentence(), _quote()
    b_source, b_sentence, b_quote = _source(), _sentence(), _quote()
    relation = SelectField(
        "Relation", choices=[SelectChoice(value, RELATION_LABELS[value]) for value in RELATIONS]
    )
    rationale = TextAreaField(
        "Rationale",
        description="How the two claims relate. Learners read it after every answer that uses this pair.",
        validators=[DataRequired(message="Say how the two claims relate."), Length(max=2000)],
        render_kw={"rows": 3},
    )
    topic = StringField(
        "Topic", description="Optional: a few words to find the pair by.", validators=[Length(max=255)]
    )
    status = SelectField(
        "Status",
        choices=[SelectChoice(value, STATUS_LABELS[value]) for value in PAIR_STATUSES],
        default="draft",
    )
    reason = StringField(
        "What changed, and why",
        description="Optional; shown in the pair's history.",
        validators=[Optional(), Length(max=200)],
    )
    base_revision = HiddenField()
    submit = SubmitField("Save the pair")


class NewPairForm(PairForm):
    pair_id = StringField(
        "Pair id",
        description="Lower-case letters, digits and dashes; files, exports and questions name it by this.",
        validators=[
            DataRequired(message="A pair needs an id."),
            Length(max=120),
            Regexp(r"^[a-z0-9][a-z0-9-]*$", message="Use lower-case letters, digits and dashes only."),
            NoneOf(RESERVED_IDS, message="That id names a page of the claim map; choose another."),
        ],
    )
    submit = SubmitField("Create the pair")


# --- filling the form and reading it back -------------------------------------------------------------


def sentence_choices(shelf: SourceShelf, source_id: str, near: str = "") -> list[SelectChoice]:
    """The menu of one side: the sentences of the paragraphs around ``near`` (a quote), never a whole long
    source; any other part of the text can be pasted as the quote."""
    choices = [SelectChoice("", "— keep the quote below —")]
    for sentence in menu_window(shelf.sentences(source_id), near):
        text = sentence.text if len(sentence.text) <= LABEL_CHARS else sentence.text[: LABEL_CHARS - 1] + "…"
        heading = f" · {sentence.heading}" if sentence.heading else ""
        group = f"Paragraph {sentence.passage_ordinal}{heading}"
        choices.append(SelectChoice(sentence.key, text, optgroup=group))
    return choices


def menu_window(sentences: list[SentenceChoice], near: str = "") -> list[SentenceChoice]:
    """At most ``MENU_SENTENCES``, starting ``MENU_LEAD`` paragraphs before the one that holds ``near``
    (from the start when nothing does)."""
    if len(sentences) <= MENU_SENTENCES:
        return sentences
    wanted = " ".join(near.split())
    holder = next((s for s in sentences if wanted and (s.text in wanted or wanted in s.text)), None)
    first = 0
    if holder is not None:
        lead = holder.passage_ordinal - MENU_LEAD
        first = next(i for i, s in enumerate(sentences) if s.passage_ordinal >= lead)
    return sentences[first : first + MENU_SENTENCES]


def prepare(form: PairForm, shelf: SourceShelf) -> None:
    """Fill the menus; each side's sentences are those of the source the side has now."""
    sources = [SelectChoice(source_id, shelf.label(source_id)) for source_id in shelf.sources]
    for letter, default in zip(SIDE_LETTERS, [*shelf.sources, "", ""], strict=False):
        source_field = getattr(form, f"{letter}_source")
        source_field.choices = sources
        if not source_field.data or source_field.data not in shelf.sources:
            source_field.data = default
        near = getattr(form, f"{letter}_quote").data or ""
        getattr(form, f"{letter}_sentence").choices = sentence_choices(shelf, source_field.data, near)


def take_sentences(form: PairForm, shelf: SourceShelf) -> list[str]:
    """A picked sentence becomes the side's quote (and sets its source); a vanished pick is an error."""
    problems = []
    for letter in SIDE_LETTERS:
        key = getattr(form, f"{letter}_sentence").data
        if not key:
            continue
        sentence = shelf.sentence(key)
        if sentence is None:
            getattr(form, f"{letter}_sentence").errors.append("That sentence is not in the source any more.")
            problems.append(key)
            continue
        getattr(form, f"{letter}_source").data = sentence.source_id
        getattr(form, f"{letter}_quote").data = sentence.text
        getattr(form, f"{letter}_sentence").data = ""
    return problems


def draft_from(form: PairForm) -> PairDraft:
    return PairDraft(**from_form(form.data, PAIR_CONTENT))


def show_problems(form: PairForm, refused: PairRefused) -> list[str]:
    """Put each problem at its field; return those that belong to the whole form."""
    general = []
    for name, messages in refused.problems.items():
        field = getattr(form, name, None) if name else None
        if field is None:
            general += messages
        else:
            field.errors = list(field.errors) + messages
    return general


def grounded_submission(form: PairForm, shelf: SourceShelf) -> Grounded | None:
    """Validate the form and ground its quotes; on success the form shows the source's exact words."""
    valid = form.validate()
    if take_sentences(form, shelf) or not valid:
        return None
    grounded = ground(draft_from(form), shelf.index, shelf.label)
    form.a_quote.data, form.b_quote.data = grounded.draft.a_quote, grounded.draft.b_quote
    return grounded


def prefill_from(form: PairForm, shelf: SourceShelf, args: Mapping[str, str]) -> None:
    """A new pair prefilled from a suggestion: sentence keys or quotes, straight from the link."""
    for letter in SIDE_LETTERS:
        if (key := args.get(f"{letter}_sentence")) and (sentence := shelf.sentence(key)):
            getattr(form, f"{letter}_source").data = sentence.source_id
            getattr(form, f"{letter}_quote").data = sentence.text
        elif args.get(f"{letter}_quote"):
            getattr(form, f"{letter}_source").data = args.get(f"{letter}_source", "")
            getattr(form, f"{letter}_quote").data = args[f"{letter}_quote"]
    if args.get("relation") in RELATION_LABELS:
        form.relation.data = args["relation"]
    if args.get("rationale", "").strip():
        form.rationale.data = args["rationale"].strip()


def form_data(pair: ClaimPair) -> dict[str, str]:
    return form_values(pair_content(pair), PAIR_CONTENT)
