"""Proposed relations for claim pairs: what the words prove, said in a rationale that names both sources.

The sentences are invented (two accounts of an imagined skirmish and a charter), so the rules are shown to
hold beyond the texts we ship.
"""

import pytest

from app.bank.generator.relation_cues import negated_shared
from app.bank.generator.relations import ClaimSide, propose_relation
from app.bank.generator.silence import silence_rationale, silent_source

OFFICER = "the officer's report"
TOWN = "the town's narrative"


def relate(first: str, second: str) -> tuple[str, str, float]:
    proposal = propose_relation(ClaimSide(first, OFFICER), ClaimSide(second, TOWN))
    return proposal.relation, proposal.rationale, proposal.confidence


def test_opposite_subjects_of_who_fired_first_contradict() -> None:
    relation, rationale, _ = relate(
        "The farmers fired first on the soldiers at Millbrook.",
        "The soldiers fired first on the farmers at Millbrook.",
    )
    assert relation == "contradicts"
    assert "farmers fired first" in rationale and "soldiers fired first" in rationale
    assert OFFICER in rationale.casefold() and TOWN in rationale


def test_a_negation_on_one_side_only_contradicts() -> None:
    relation, rationale, _ = relate(
        "The governor granted the harbour charter to the merchants.",
        "The governor never granted the harbour charter to the merchants.",
    )
    assert relation == "contradicts"
    assert "never granted" in rationale and "negation" in rationale


def test_a_negation_over_an_unrelated_sentence_is_not_a_contradiction() -> None:
    relation, _, _ = relate(
        "The new mill did not use river water.",
        "We must use the winter months wisely.",
    )
    assert relation != "contradicts"


def test_different_figures_for_the_same_count_contradict() -> None:
    relation, rationale, _ = relate(
        "About 70 men of the town guard stood on the green.",
        "A few hundred men of the town guard stood on the green.",
    )
    assert relation == "contradicts"
    assert "70 men" in rationale and "few hundred men" in rationale


def test_figures_that_may_overlap_only_qualify() -> None:
    relation, _, _ = relate(
        "About 70 men of the town guard stood on the green.",
        "Some 80 men of the town guard stood on the green.",
    )
    assert relation == "qualifies"


def test_figures_counting_unrelated_things_are_no_contradiction() -> None:
    relation, _, _ = relate(
        "Nearly 25 years have passed since the old bridge fell.",
        "The harbour will be closed for the next two or three years.",
    )
    assert relation != "contradicts"


def test_a_hedge_on_one_side_qualifies() -> None:
    relation, rationale, _ = relate(
        "The guild is said to have paid for the new wall.",
        "The guild paid for the new wall.",
    )
    assert relation == "qualifies"
    assert "is said to" in rationale and "distance" in rationale


def test_scare_quotes_are_a_hedge() -> None:
    relation, rationale, _ = relate(
        "The council met to plan the harbour works of the town.",
        "The council met to plan the “harbour works” of the town.",
    )
    assert relation == "qualifies" and "“harbour works”" in rationale


def test_a_different_date_for_the_same_event_qualifies_even_an_opposite() -> None:
    relation, rationale, _ = relate(
        "The governor granted the charter to the merchants in 1702.",
        "The governor refused the charter to the merchants in 1710.",
    )
    assert relation == "qualifies"
    assert "1702" in rationale and "1710" in rationale and "both can be true" in rationale


def test_a_limit_qualifies() -> None:
    relation, rationale, _ = relate(
        "The whole garrison crossed the frozen river at dawn.",
        "Only the cavalry crossed the frozen river at dawn, except two companies.",
    )
    assert relation == "qualifies"
    assert "Only the cavalry" in rationale


def test_shared_claim_words_without_conflict_corroborate() -> None:
    relation, rationale, _ = relate(
        "The colony prospered under the new charter and its trade grew.",
        "Under the new charter the colony prospered, and its trade grew.",
    )
    assert relation == "corroborates"
    assert "prospered" in rationale and "charter" in rationale


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The harvest failed in the northern valleys.", "Bishops gathered at the council of the province."),
        ("The mayor praised the builders of the bridge.", "Bishops gathered at the council of the province."),
    ],
)
def test_no_evidence_is_never_a_contradiction_and_asks_the_reviewer_to_check(first: str, second: str) -> None:
    relation, rationale, confidence = relate(first, second)
    assert relation != "contradicts"
    assert confidence < 0.4
    assert "weak" in rationale and "record a silence" in rationale


def test_every_rationale_states_evidence_and_ends_with_a_check_never_a_score() -> None:
    for first, second in [
        ("The farmers fired first on the soldiers.", "The soldiers fired first on the farmers."),
        ("The guild paid for the wall.", "The guild is said to have paid for the wall."),
        ("The harvest failed.", "Bishops gathered at the council."),
    ]:
        _, rationale, _ = relate(first, second)
        last_sentence = rationale.rsplit(". ", 1)[-1]
        assert last_sentence.startswith("Check") or "check" in last_sentence
        assert "score" not in rationale and "Suggested by" not in rationale


def test_the_silence_rationale_says_what_the_silent_text_covers() -> None:
    paper = silent_source(
        "the trade ledger",
        [
            "In 1801 the ledger lists wool sold at the quay.",
            "By 1805 the prices of wool had doubled.",
            "The ledger closes in 1809 with a list of debts.",
        ],
    )
    dated = silence_rationale("In 1650 Bishop Aldred founded the abbey.", OFFICER, paper)
    assert dated.startswith("The trade ledger says nothing on “Bishop Aldred”")
    assert "from 1801 to 1809" in dated and "1650" in dated
    assert "A silence is not a denial" in dated and "Check that the trade ledger says nothing" in dated
    unnamed = silence_rationale("The abbey was built by Bishop Aldred with wool money.", OFFICER, paper)
    assert "never uses that name" in unnamed


def test_the_same_two_sentences_get_the_same_relation_either_way_round() -> None:
    pairs = [
        ("The farmers fired first on the soldiers.", "The soldiers fired first on the farmers."),
        ("The governor granted the harbour charter.", "The governor never granted the harbour charter."),
        ("About 70 men of the guard stood there.", "A few hundred men of the guard stood there."),
        ("The guild is said to have paid for the wall.", "The guild paid for the wall."),
        ("The harvest failed in the valleys.", "Bishops gathered at the council."),
    ]
    for first, second in pairs:
        assert relate(first, second)[0] == relate(second, first)[0], first


def test_a_month_is_not_taken_for_a_name_the_silent_text_never_uses() -> None:
    ledger = silent_source("the trade ledger", ["In 1801 the ledger lists wool sold at the quay."])
    rationale = silence_rationale("The abbey was founded by monks in June.", OFFICER, ledger)
    assert "“June”" not in rationale and "says nothing on" in rationale


def test_a_silence_never_says_a_name_is_unused_when_the_other_text_names_that_person() -> None:
    other = silent_source(
        "the state text", ["Kim Il Sung visited the Soviet Union.", "He met Stalin in Moscow."]
    )
    claim = (
        "Kim Il Sung’s objective attitude consisted in avoiding any suggestion that the Soviet Union should "
        "send its ground forces to South Korea."
    )
    rationale = silence_rationale(claim, "the paper", other)
    assert "Sung" not in rationale.split(":")[0]
    assert "“South Korea”" in rationale


def test_a_silence_knows_a_person_the_other_text_calls_by_title_and_surname() -> None:
    other = silent_source("the report", ["Judge Cradlebaugh held court at Cedar City in 1859."])
    claim = "The evidence was laid before John Cradlebaugh at Provo."
    rationale = silence_rationale(claim, "the address", other)
    assert "Cradlebaugh" not in rationale.split(":")[0]
    assert "“Provo”" in rationale


def test_a_silence_names_no_month_pronoun_or_dash_joined_word() -> None:
    ledger = silent_source("the trade ledger", ["In 1801 the ledger lists wool sold at the quay."])
    dated = silence_rationale("In January I met Lane at the ferry.", OFFICER, ledger)
    assert "“January I”" not in dated and "“Lane”" in dated
    dashed = silence_rationale("It was laid at the door of the Church—not of one man.", OFFICER, ledger)
    assert "Church—not" not in dashed and "“Church”" in dashed
    titled = silence_rationale("The train went on to California Colonel Alexander wrote.", OFFICER, ledger)
    assert "“California”" in titled and "“Alexander”" in titled and "California Colonel" not in titled


def test_words_any_story_uses_do_not_put_two_claims_on_one_point() -> None:
    """ "man", "among", "part", "came", "around", "away": a pair matched on these is on another point."""
    first = "The man came among the first part of the column and rode around the camp and away."
    second = "A man came from the north, took part in the talk among the elders and went away again."
    assert not propose_relation(ClaimSide(first, OFFICER), ClaimSide(second, TOWN)).same_point


def test_a_sentence_one_text_repeats_from_the_other_is_one_point_whatever_its_passage() -> None:
    """The narrative's years set two passages apart, but not a sentence and its near copy."""
    claim = "It is said that the governor sent letters south ordering that the train should be stopped."
    officer = ClaimSide(claim, OFFICER, "In the autumn of 1857 the train moved south.", frozenset({1857}))
    quoted = ClaimSide(f"“{claim}”", TOWN, "In 1884 the pamphlet was printed again.", frozenset({1884}))
    proposal = propose_relation(officer, quoted)
    assert proposal.same_point and proposal.relation == "corroborates"
    assert "no independent support" in proposal.rationale
    other = ClaimSide("The governor sent soldiers north to guard the road.", TOWN, "", frozenset({1884}))
    assert not propose_relation(officer, other).same_point


def test_a_name_the_other_text_writes_in_lower_case_is_not_said_to_be_unused() -> None:
    other = silent_source("the report", ["A prominent man in the church named Haight gave the order."])
    rationale = silence_rationale(
        "The crime was charged to the Church and its President.", "the address", other
    )
    assert "never uses" not in rationale


def test_a_denial_of_a_word_any_account_uses_is_no_contradiction() -> None:
    """ "none left but the children" and "some clothes were left on the bodies" deny no one claim."""
    first = "The Indians stripped the dead bodies; some of the women had their underclothes left."
    second = "So all were slain; there were none left but the seventeen little children, who were taken away."
    assert list(negated_shared(second, first)) == []


def test_none_but_a_few_affirms_the_few_it_does_not_deny_them() -> None:
    """ "none left but the seventeen children" and "all killed except seventeen children" agree."""
    first = "A company from Arkansas had all been killed off at Mountain Meadows except seventeen children."
    second = "All were slain; there were none left but the seventeen little children, who were taken away."
    relation, rationale, _confidence = relate(first, second)
    assert relation != "contradicts" and "a negation on one side" not in rationale


def test_a_shared_month_and_year_alone_do_not_make_one_point() -> None:
    """Two texts about 1857: "the 18th of September, 1857" and "the 7th day of September, 1857" are two
    events, however the month is written."""
    first = ClaimSide("The next morning, the 18th of September, 1857, I arrived at my ranch.", OFFICER)
    second = ClaimSide("A messenger was dispatched on the 7th day of September, 1857.", TOWN)
    assert not propose_relation(first, second).same_point


def test_the_same_exception_on_both_sides_is_agreement_not_a_limit() -> None:
    first = "A company from Arkansas had all been killed off at Mountain Meadows except seventeen children."
    second = "All the men were killed; there were none left but the seventeen little children."
    relation, rationale, _confidence = relate(first, second)
    assert relation == "corroborates" and "adds a limit" not in rationale


def test_two_dates_alone_do_not_make_two_claims_meet() -> None:
    """A 1949 visit and a 1950 mission share a country and differ in date: the date says they are about
    different times, so the draft shows a silence rather than calling one a qualification of the other."""
    from app.bank.generator.pipeline import pair_stands

    visit = ClaimSide(
        "In early 1949 Kim Il Sung visited the Soviet Union, leading a government delegation.", "A"
    )
    mission = ClaimSide(
        "Since North Korea could not provide the mineral exports without Soviet technicians, Moscow had "
        "dispatched fifteen geologists to North Korea as early as April 1950.",
        "B",
    )
    proposal = propose_relation(visit, mission)
    assert not proposal.same_point
    assert not pair_stands(proposal)
