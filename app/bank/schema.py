"""Pure: the bank's items as typed records, and the problems found in them."""

from dataclasses import dataclass, field

from app.bank.evidence import Side, facing_side

# "silent": the other source says nothing on the point; that side carries no quote (see ``Quote.silent``).
RELATIONS = ("contradicts", "qualifies", "corroborates", "silent")
SILENT = "silent"
FILE_STATUSES = ("draft", "published")
ORIGINS = ("generated", "edited", "authored", "imported")
SKILLS = ("sourcing", "close_reading", "corroboration", "contextualization")
ATTRIBUTION_ANSWERS = ("both", "neither")


@dataclass(frozen=True)
class Issue:
    """One problem, named by file and item so an author can go straight to it."""

    file: str
    item: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}: {self.item}" if self.item else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Quote:
    source: str
    quote: str

    @property
    def silent(self) -> bool:
        """A pair's side that records the source's silence on the point: a source, no words."""
        return not self.quote


@dataclass(frozen=True)
class ClaimPairSpec:
    id: str
    a: Quote
    b: Quote
    relation: str
    rationale: str
    status: str
    file: str
    topic: str | None = None

    @property
    def sides(self) -> tuple[Side, Side]:
        return Side(self.a.source, self.a.quote), Side(self.b.source, self.b.quote)

    def side_not_in(self, source_id: str) -> Quote | None:
        """The side a learner sees as the contrast when the question's support is in ``source_id``."""
        side = facing_side(self.sides, source_id)
        return Quote(side.source_id, side.quote) if side else None


@dataclass(frozen=True)
class QuestionSpec:
    id: str
    type: str
    prompt: str
    answer: str | bool
    explanation: str
    support: Quote
    skill: str
    origin: str
    status: str
    file: str
    choices: tuple[str, ...] | None = None
    accepted_answers: tuple[str, ...] = ()
    claim_pair: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
