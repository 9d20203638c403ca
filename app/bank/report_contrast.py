"""Pure: the report's count of what makes a contrast worth showing, over the published questions.

``bank check`` refuses a contrast off its question's claim, relation conflicts and overloaded pairs; this
part of ``bank report`` counts them (zero on a bank that passes) beside what only a reader can weigh: quotes
too short to hold an answer, prompts that state a claim as fact, answers given away by their length.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from app.bank.contrast import (
    MAX_QUESTIONS_PER_PAIR,
    SHORT_QUOTE_WORDS,
    answer_is_longest,
    attribution_markers,
    contrast_on_own_claim,
    is_attributed,
    is_silence,
    published_questions_per_pair,
    relation_differences,
    word_count,
)
from app.bank.grounding import SourceIndex
from app.bank.report_findings import ItemRef
from app.bank.schema import QuestionSpec
from app.bank.types import is_type
from app.bank.yamlio import BankFiles


@dataclass(frozen=True)
class ContrastReport:
    published: int
    off_own_claim: tuple[ItemRef, ...]  # the pair's side in the support source misses the support quote
    silence_contrasts: int  # published questions whose contrast is the other source's silence
    silence_pairs: int
    largest_pair_load: int  # published questions on the busiest pair
    busiest_pairs: tuple[str, ...]
    pairs_over_limit: tuple[str, ...]
    relation_conflicts: tuple[tuple[str, str], ...]
    mixed_relations: tuple[tuple[str, str], ...]  # one shared claim, different relations: for a look
    multiple_choice: int
    answer_longest: tuple[ItemRef, ...]
    short_quotes: tuple[ItemRef, ...]
    unattributed_prompts: tuple[ItemRef, ...]
    unattributed_fronts: tuple[ItemRef, ...]

    @property
    def longest_share(self) -> float:
        return len(self.answer_longest) / self.multiple_choice if self.multiple_choice else 0.0


def contrast_report(bank: BankFiles, indexes: Mapping[str, SourceIndex]) -> ContrastReport:
    """Counts over the published questions: what a learner will actually meet."""
    published = [q for q in bank.questions if q.status == "published"]
    pairs = {pair.id: pair for pair in bank.claim_pairs}
    markers = attribution_markers(bank.sources)
    off_claim, silences = [], 0
    for question in published:
        pair = pairs.get(question.claim_pair or "")
        if pair is None:
            continue
        silences += is_silence(pair)
        if contrast_on_own_claim(question.support, pair, indexes) is False:
            off_claim.append(ItemRef(question.file, question.id))
    conflicts, mixed = relation_differences(bank.claim_pairs, indexes)
    loads = published_questions_per_pair(published)
    largest = max(loads.values(), default=0)
    multiple_choice = [q for q in published if is_type(q.type, "has_choices")]

    def refs(predicate: Callable[[QuestionSpec], bool]) -> tuple[ItemRef, ...]:
        return tuple(ItemRef(q.file, q.id) for q in published if predicate(q))

    return ContrastReport(
        published=len(published),
        off_own_claim=tuple(off_claim),
        silence_contrasts=silences,
        silence_pairs=sum(is_silence(pair) for pair in bank.claim_pairs),
        largest_pair_load=largest,
        busiest_pairs=tuple(sorted(pid for pid, n in loads.items() if n == largest and largest)),
        pairs_over_limit=tuple(sorted(pid for pid, n in loads.items() if n > MAX_QUESTIONS_PER_PAIR)),
        relation_conflicts=tuple((c.first.id, c.second.id) for c in conflicts),
        mixed_relations=tuple((c.first.id, c.second.id) for c in mixed),
        multiple_choice=len(multiple_choice),
        answer_longest=refs(answer_is_longest),
        short_quotes=refs(lambda q: word_count(q.support.quote) < SHORT_QUOTE_WORDS),
        unattributed_prompts=refs(
            lambda q: not is_type(q.type, "card_only") and not is_attributed(q.prompt, markers)
        ),
        unattributed_fronts=refs(
            lambda q: is_type(q.type, "card_only") and not is_attributed(q.prompt, markers)
        ),
    )
