"""The contrast rules of ``bank check``: a question's contrast is on its own claim, a silence is said as one,
one relation per pair of claims, and no pair stretched over more than six published questions."""

from pathlib import Path

from app.bank.contrast import MAX_QUESTIONS_PER_PAIR
from app.bank.schema import Issue
from app.bank.validator import errors_in, validate_bank
from app.bank.yamlio import read_bank
from tests.conftest import LOST_NOTHING, TINY_PAIRS, TINY_QUESTIONS, TOAST, write_bank

# Another claim in the same paragraph as the toast, and one in the next paragraph.
TOAST_REASON = "because genuine communists like Comrade Kim Il Sung struggled for defending my country"
UNPRECEDENTED = "This was an unprecedented event for him"
# A claim of the paper the DPRK publication never addresses.
STALIN_PATIENCE = "The communist allies must therefore endure and be patient."


def errors(root: Path) -> list[Issue]:
    bank, issues = read_bank(root)
    return errors_in(issues + validate_bank(bank))


def messages(root: Path) -> list[str]:
    return [str(issue) for issue in errors(root)]


def pair(pair_id: str, a: str, b: str, relation: str = "qualifies") -> str:
    return f"""\
  - id: {pair_id}
    a: {a}
    b: {b}
    relation: {relation}
    rationale: How these two claims face each other, for a student.
    status: published
"""


def question(
    question_id: str, quote: str, pair_id: str, source: str = "dprk", kind: str = "true_false"
) -> str:
    prompt = "According to the source, this is so." if kind == "true_false" else "Who says this about Stalin?"
    answer = "true" if kind == "true_false" else "Weathersby's paper, and the other source is silent"
    return f"""\
  - id: {question_id}
    type: {kind}
    prompt: {prompt}
    answer: {answer}
    explanation: Something the quote does not say.
    support: {{source: {source}, quote: "{quote}"}}
    claim_pair: {pair_id}
    skill: corroboration
    origin: authored
    status: published
"""


def dprk(quote: str) -> str:
    return f'{{source: dprk, quote: "{quote}"}}'


def weathersby(quote: str) -> str:
    return f'{{source: weathersby, quote: "{quote}"}}'


# --- rule 1: the contrast is about the question's own claim ---------------------------------------------


def test_a_pair_only_on_the_topic_is_refused(tmp_path: Path) -> None:
    """The support quote is one claim of the toast paragraph; the pair faces another one."""
    pairs = TINY_PAIRS + pair("toast-reason", dprk(TOAST_REASON), weathersby(LOST_NOTHING))
    questions = TINY_QUESTIONS + question("reason-tf", TOAST, "toast-reason")
    found = messages(write_bank(tmp_path, pairs=pairs, questions=questions))
    assert len(found) == 1
    assert "reason-tf: claim pair 'toast-reason' is only on the topic" in found[0]
    assert "does not overlap the support quote" in found[0]


def test_a_pair_in_the_next_paragraph_is_refused(tmp_path: Path) -> None:
    pairs = TINY_PAIRS + pair("unprecedented", dprk(UNPRECEDENTED), weathersby(LOST_NOTHING))
    questions = TINY_QUESTIONS + question("toast-2", TOAST, "unprecedented")
    assert any(
        "only on the topic" in m for m in messages(write_bank(tmp_path, pairs=pairs, questions=questions))
    )


def test_a_pair_on_part_of_the_support_quote_is_its_own_claim(tmp_path: Path) -> None:
    """Overlap counts: the pair may quote a few words of the support quote, or a longer stretch around it."""
    part = "extend heartfelt thanks to Comrade Kim Il Sung"
    pairs = TINY_PAIRS + pair("toast-part", dprk(part), weathersby(LOST_NOTHING), relation="contradicts")
    questions = TINY_QUESTIONS + question("toast-3", TOAST, "toast-part")
    assert messages(write_bank(tmp_path, pairs=pairs, questions=questions)) == []


# --- rule 2: silence is a contrast of its own --------------------------------------------------------


SILENCE = f"""\
  - id: patience-silence
    a: {{source: weathersby, quote: "{STALIN_PATIENCE}"}}
    b: {{source: dprk, silent: true}}
    relation: silent
    rationale: The DPRK publication never mentions the war's last years; it honours a leader, not a stalemate.
    status: published
"""


def test_a_silence_pair_is_a_valid_contrast(tmp_path: Path) -> None:
    questions = TINY_QUESTIONS + question(
        "patience-tf", STALIN_PATIENCE, "patience-silence", source="weathersby"
    )
    assert messages(write_bank(tmp_path, pairs=TINY_PAIRS + SILENCE, questions=questions)) == []


def test_a_silence_must_be_labelled_silent_and_only_a_silence_may_be(tmp_path: Path) -> None:
    mislabelled = SILENCE.replace("relation: silent", "relation: qualifies")
    found = messages(write_bank(tmp_path / "a", pairs=TINY_PAIRS + mislabelled))
    assert found == [
        "claim_pairs/pairs.yaml: patience-silence: a side is silent, so the relation must be 'silent'"
    ]
    quoted = TINY_PAIRS.replace("relation: contradicts", "relation: silent")
    found = messages(write_bank(tmp_path / "b", pairs=quoted))
    assert any("relation 'silent' needs one side" in m for m in found)


def test_both_sides_silent_is_refused(tmp_path: Path) -> None:
    both = SILENCE.replace(
        f'{{source: weathersby, quote: "{STALIN_PATIENCE}"}}', "{source: weathersby, silent: true}"
    )
    found = messages(write_bank(tmp_path, pairs=TINY_PAIRS + both))
    assert any("both sides are silent" in m for m in found)


def test_a_question_cannot_use_the_silence_of_its_own_source(tmp_path: Path) -> None:
    """A DPRK question on a pair whose DPRK side is the silence has no claim of its own in the pair."""
    questions = TINY_QUESTIONS + question("silent-own", TOAST, "patience-silence")
    found = messages(write_bank(tmp_path, pairs=TINY_PAIRS + SILENCE, questions=questions))
    assert any("silent-own" in m for m in found)


def test_a_silent_side_is_written_source_and_silent_true(tmp_path: Path) -> None:
    malformed = SILENCE.replace("silent: true", "silent: yes please")
    found = messages(write_bank(tmp_path, pairs=TINY_PAIRS + malformed))
    assert any("a silent side is {source: <id>, silent: true}" in m for m in found)


# --- rule 3: one relation per pair of claims, and at most six questions a pair ---------------------------


def test_two_pairs_over_overlapping_quotes_with_different_relations_are_refused(tmp_path: Path) -> None:
    longer = "Stalin agreed with Mao’s view that prolonging the war was advantageous and " + LOST_NOTHING
    pairs = TINY_PAIRS + pair("same-claims", dprk(TOAST), weathersby(longer), relation="qualifies")
    found = messages(write_bank(tmp_path, pairs=pairs))
    assert found == [
        "claim_pairs/pairs.yaml: same-claims: relation conflict: 'qualifies' here but 'contradicts' in "
        "'stalin-sacrifice' (claim_pairs/pairs.yaml) over overlapping quotes; the same two claims carry one "
        "relation"
    ]


def test_the_same_claims_with_the_same_relation_are_fine(tmp_path: Path) -> None:
    pairs = TINY_PAIRS + pair("same-again", dprk(TOAST), weathersby(LOST_NOTHING), relation="contradicts")
    assert messages(write_bank(tmp_path, pairs=pairs)) == []


def test_one_claim_may_face_other_words_with_another_relation(tmp_path: Path) -> None:
    """A sweeping claim can be contradicted by one passage and qualified by another: not a conflict."""
    pairs = TINY_PAIRS + pair("toast-vs-patience", dprk(TOAST), weathersby(STALIN_PATIENCE), "qualifies")
    assert messages(write_bank(tmp_path, pairs=pairs)) == []


def test_a_pair_may_serve_six_published_questions_but_not_seven(tmp_path: Path) -> None:
    def bank(count: int, folder: str) -> Path:
        extra = "".join(question(f"toast-{n}", TOAST, "stalin-sacrifice") for n in range(count - 2))
        return write_bank(tmp_path / folder, questions=TINY_QUESTIONS + extra)

    # The tiny bank's two questions use the pair already.
    assert messages(bank(MAX_QUESTIONS_PER_PAIR, "six")) == []
    found = messages(bank(MAX_QUESTIONS_PER_PAIR + 1, "seven"))
    assert found == [
        "claim_pairs/pairs.yaml: stalin-sacrifice: serves 7 published questions; at most 6: a pair is one "
        "claim, so split it into pairs on each question's own quote"
    ]


# --- framing: a flashcard front says whose claim it is ---------------------------------------------------


def flashcard(front: str) -> str:
    return f"""\
  - id: toast-card
    type: flashcard
    prompt: "{front}"
    answer: The DPRK publication; Weathersby's paper shows Stalin privately dismissing Korean losses.
    explanation: A public toast and a private remark can both be true.
    support: {{source: dprk, quote: "{TOAST}"}}
    claim_pair: stalin-sacrifice
    skill: sourcing
    origin: authored
    status: published
"""


def test_a_flashcard_front_stating_a_claim_as_fact_is_refused(tmp_path: Path) -> None:
    root = write_bank(tmp_path, questions=TINY_QUESTIONS + flashcard("Stalin thanked Kim Il Sung in 1949."))
    found = messages(root)
    assert (
        len(found) == 1 and "toast-card: the flashcard front states a claim without saying whose" in found[0]
    )


def test_an_attributed_flashcard_front_is_fine(tmp_path: Path) -> None:
    for n, front in enumerate(
        (
            "According to the DPRK publication, what did Stalin do at the 1949 banquet?",
            "Who says this, and what does the other source say? Stalin thanked Kim Il Sung.",
            "What does Weathersby's paper set against Stalin's toast?",
        )
    ):
        assert messages(write_bank(tmp_path / str(n), questions=TINY_QUESTIONS + flashcard(front))) == []


def test_a_silent_side_still_names_a_known_source(tmp_path: Path) -> None:
    unknown = SILENCE.replace("{source: dprk, silent: true}", "{source: cumings, silent: true}")
    found = messages(write_bank(tmp_path, pairs=TINY_PAIRS + unknown))
    assert any("patience-silence: side b: unknown source 'cumings'" in m for m in found), found
