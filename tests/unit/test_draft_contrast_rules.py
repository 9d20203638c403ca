"""When a draft shows the other source's words as its contrast, and which blanks are worth a choice.

A draft's contrast is a claim about the other text: a pair on shared words across different periods, or
held together by a hedge on one side, teaches a false relation (REVIEW.md criteria 5 and 6). A blank whose
wrong options do not read, or whose sentence names the answer's office, answers itself (criteria 4, 8).
The sentences are those that showed each problem in generated banks.
"""

import random

from app.bank.generator.claims import claim_spans
from app.bank.generator.pipeline import _is_title, pair_stands
from app.bank.generator.questions import QuestionMaker, SourceSentence
from app.bank.generator.relation_cues import figure_conflicts, narrative_years, negated_shared
from app.bank.generator.relations import ClaimSide, propose_relation
from app.bank.generator.spans import find_spans
from tests.unit.spans_texts import korea_people

DIRECTIVE = (
    "According to this directive, the anti-Japanese armed units operating in northeast China, abandoning "
    "the principle of guerrilla warfare, advanced to the open areas, in the course of which they suffered "
    "heavy casualties."
)
CONCEDED = "“Of course,” he conceded, “one needs to understand Korea – they have suffered many casualties."


def test_the_narrative_is_at_the_years_of_its_latest_dated_sentence_within_a_section() -> None:
    passages = [
        ("The Struggle", ["In 1932 the units moved north.", "They suffered heavy casualties."]),
        ("The Struggle", ["The movement faced grave difficulties."]),
        ("The War", ["They had suffered many casualties.", "In August 1952 Stalin met Zhou."]),
    ]
    assert narrative_years(passages) == [
        frozenset({1932}),
        frozenset({1932}),
        frozenset({1932}),
        frozenset(),  # a new section may go back in time without saying so: unknown, not 1932
        frozenset({1952}),
    ]


def test_shared_words_in_passages_two_decades_apart_do_not_make_one_point() -> None:
    """The 1930s casualties of the DPRK text and Stalin's 1952 "they have suffered many casualties"."""
    near = propose_relation(
        ClaimSide(DIRECTIVE, "the DPRK text", DIRECTIVE, frozenset({1952})),
        ClaimSide(CONCEDED, "the paper", CONCEDED, frozenset({1952})),
    )
    apart = propose_relation(
        ClaimSide(DIRECTIVE, "the DPRK text", DIRECTIVE, frozenset({1932})),
        ClaimSide(CONCEDED, "the paper", CONCEDED, frozenset({1952})),
    )
    assert near.same_point and pair_stands(near)  # the same words, the same time: a pair may stand
    assert not apart.same_point and not pair_stands(apart)


def test_a_hedge_on_one_side_alone_does_not_hold_a_pair_together() -> None:
    """ "keeps its distance ('According to')" says how one side speaks, not that the two meet."""
    toast = ClaimSide(
        "Comrade Kim Il Sung organized and led the anti-Japanese guerrilla army that played the role of a "
        "standard-bearer in the struggle against imperialist Japan.",
        "the DPRK text",
    )
    command = ClaimSide(
        "It was only after Stalin ruled in favor of the Chinese plan that Kim agreed to create a joint "
        "command structure led by Peng Dehuai, with Koreans supposedly playing a supporting role.",
        "the paper",
    )
    proposal = propose_relation(toast, command)
    assert any("keeps its distance" in e.says for e in proposal.evidence)
    assert not pair_stands(proposal)


def test_a_negation_reaches_no_further_than_a_preposition() -> None:
    ready = "Zhou agreed that the USA is not ready for world war."
    slogan = "He roused the soldiers to defend the first socialist country in the world."
    assert list(negated_shared(ready, slogan)) == []  # "not ready", not "not … world"
    fired = "Not a gun was fired by any person in our company."
    gage = "Some of them fired four or five shot at the troops."
    assert [word for _n, _p, word in negated_shared(fired, gage)] == ["fired"]


def test_clock_times_are_not_counts_and_spans_of_time_compare_only_like_with_like() -> None:
    assert (
        list(
            figure_conflicts(
                "Five minutes past two by the wheelhouse clock.", "Not until 20 minutes past 10."
            )
        )
        == []
    )
    assert (
        list(figure_conflicts("Advice came about 7 o'Clock.", "At one or two o'clock the alarm was given."))
        == []
    )
    age = "He was more than 30 years junior to himself."
    duration = "China was staving off a world war for fifteen to twenty years."
    assert list(figure_conflicts(age, duration)) == []
    assert list(
        figure_conflicts("The war lasted three years of hardship.", "It lasted five years of hardship.")
    )


def test_a_verb_of_judgement_is_not_blanked_and_no_statement_swaps_it() -> None:
    """ "It was only after Stalin ruled … that Kim ____" leaves only "agreed"; "Kim denied that they must
    move" is false by a verb that does not read. Reviewers kept none of nine such drafts: the stance is asked
    as "which source says this?" instead (attribution.claim_questions)."""
    text = "It was only after Stalin ruled for the Chinese plan that Kim agreed to create a joint command."
    people = korea_people()
    others = "Stalin met Mao Zedong and Zhou Enlai. Kim Il Sung wrote to Stalin."
    pool = [span for words in (text, others) for span in find_spans(words, people)]
    maker = QuestionMaker(people, pool, set(text.lower().split()), random.Random(0))
    asked = maker.for_sentence(SourceSentence("paper", "the paper", text, None, text))
    assert claim_spans(text) and all(q.answer != "agreed" for q in asked)
    assert all(q.type != "true_false" for q in asked)


def blanks_of(text: str, source_id: str, titles: dict[str, str], heading: str | None = None) -> list[str]:
    people = korea_people()
    others = "Stalin met Mao Zedong and Zhou Enlai. Kim Il Sung wrote to Stalin."
    pool = [span for words in (text, others) for span in find_spans(words, people)]
    maker = QuestionMaker(people, pool, set(text.lower().split()), random.Random(0), titles=titles)
    asked = maker.for_sentence(SourceSentence(source_id, "the paper", text, heading, text))
    return [str(q.answer) for q in asked if q.type in {"multiple_choice", "cloze"}]


def test_a_name_is_not_blanked_where_the_sentence_names_its_office() -> None:
    told = "The issue was brought to Stalin for resolution, and {} invariably sided with the Chinese."
    assert "Stalin" in blanks_of(told.format("he"), "paper", {})
    assert "Stalin" not in blanks_of(told.format("the Soviet leader"), "paper", {})


def test_a_text_s_hero_is_not_blanked_in_that_text() -> None:
    """In "Kim Il Sung and His Spirit of Independence", "commanded by ____" can only be Kim Il Sung."""
    army = "As a result, the army commanded by Kim Il Sung played a great role in the struggle against Japan."
    assert "Kim Il Sung" in blanks_of(army, "paper", {"paper": "A History of the Region"})
    assert "Kim Il Sung" not in blanks_of(
        army, "dprk", {"dprk": "Kim Il Sung and His Spirit of Independence"}
    )


def test_a_text_s_title_line_is_not_a_claim_to_ask_about() -> None:
    """The source is named after its title: "which source says 'A CIRCUMSTANTIAL ACCOUNT Of an Attack…'?"
    answers itself."""
    title = "A Circumstantial Account Of an Attack that happened on the 19th of April 1775"
    line = "A CIRCUMSTANTIAL ACCOUNT Of an Attack that happened on the 19th of April 1775, on his Troops."
    assert _is_title(line, title)
    assert not _is_title(
        "The Colonel gave Orders, that the Troops should not fire, unless fired upon.", title
    )
    assert not _is_title(line, None)


def test_a_short_title_is_the_whole_sentence_never_its_opening() -> None:
    """A sentence that opens with a short title's words is about the subject: "The Closed Port was…"."""
    assert _is_title("The Closed Port.", "The Closed Port")
    assert not _is_title("The Closed Port has been blamed on the merchants of the town.", "The Closed Port")


def test_a_witness_s_pronoun_that_nothing_in_the_answer_names_makes_it_unquotable_alone() -> None:
    """ "I remained in the chart room when he told me…": the question before says who "he" was."""
    from dataclasses import replace

    from app.bank.generator.antecedents import leans_on_someone_unnamed
    from app.bank.generator.questions import with_antecedent

    told = "I remained in the chart room when he told me this vessel had fired a rocket."
    assert leans_on_someone_unnamed(told) == "he"
    assert (
        leans_on_someone_unnamed("I asked the Third Officer how many lights she had, and he said two.")
        is None
    )
    assert leans_on_someone_unnamed("I do not remember exactly, it is so long ago.") is None  # "it is"
    answer = SourceSentence("lord", "Lord's evidence", told, None, told, testimony=True)
    assert with_antecedent(answer) is None
    assert with_antecedent(replace(answer, testimony=False)) == replace(answer, testimony=False)  # prose


def test_no_true_or_false_statement_restates_a_witness_s_first_person() -> None:
    """ "According to Lord's evidence, I remained …" is nobody's sentence; the quote is asked instead."""
    text = "I reported that 75.1% of all capital investments were financed through grants, not 24.6%."
    people = korea_people()
    pool = find_spans(text, people) + find_spans("Some 52.7% were delivered, and 58.8% later.", people)
    maker = QuestionMaker(people, pool, set(text.lower().split()), random.Random(0))
    kinds = {q.type for q in maker.for_sentence(SourceSentence("w", "the witness", text, None, text))}
    assert "true_false" not in kinds
    third = text.replace("I reported", "The ministry reported")
    kinds = {q.type for q in maker.for_sentence(SourceSentence("w", "the witness", third, None, third))}
    assert "true_false" in kinds


def test_a_name_is_asked_as_a_typed_answer_never_picked_from_other_names() -> None:
    """Beside "Mao Zedong", "Zhou Enlai" was also right ("Zhou's declarations of determination to continue
    the war"): the people of one history share sides and deeds, so a name is typed (with its variants)."""
    text = "Mao Zedong was also determined to continue the war so that the Chinese could gain an advantage."
    people = korea_people()
    others = (
        "Stalin met Mao Zedong and Zhou Enlai. Kim Il Sung wrote to Stalin. Pak Hon-Yong wrote to Mao Zedong."
    )
    pool = [span for words in (text, others) for span in find_spans(words, people)]
    maker = QuestionMaker(people, pool, set(text.lower().split()), random.Random(0))
    asked = maker.for_sentence(SourceSentence("paper", "the paper", text, None, text))
    assert [q.type for q in asked if q.answer == "Mao Zedong"] == ["cloze"]


def test_a_claim_resting_on_another_scholar_s_research_says_so_not_what_the_scholar_wanted_then() -> None:
    """ "As the historian Chen Jian has documented, Mao…": Chen Jian is no witness with a stake in 1952."""
    from app.bank.generator.explanations import profile, whose_words

    paper = profile("paper", "Weathersby", notes=["Ciphered telegram, fond 45, opis 1"] * 4)
    for text, scholar in (
        ("As the historian Chen Jian has documented, Mao Zedong regarded the issue as serious.", "Chen Jian"),
        (
            "According to Soviet scholars, during the plan 75.1% of investment came from grants.",
            "Soviet scholars",
        ),
    ):
        words = whose_words(SourceSentence("paper", "Weathersby", text, None, text), paper)
        assert f"research of {scholar}" in words or f"research of the historian {scholar}" in words
        assert "knew and wanted at the time" not in words
    relayed = "Razuvaev reported that Kim Il Sung agreed to the proposal at once."
    words = whose_words(SourceSentence("paper", "Weathersby", relayed, None, relayed), paper)
    assert "what Razuvaev knew and wanted at the time" in words  # a participant's report stays one


def test_a_sentence_that_attributes_itself_is_not_restated_as_a_statement() -> None:
    """ "According to Weathersby, According to Soviet scholars, …" would attribute it twice."""
    text = "According to Soviet scholars, 75.1% of all capital investments were financed through grants."
    plain = text.replace("According to Soviet scholars, 75.1%", "In the plan 75.1%")
    people = korea_people()
    pool = find_spans(text, people) + find_spans("Some 52.7% were delivered, and 58.8% later.", people)
    maker = QuestionMaker(people, pool, set(f"{text} {plain}".lower().split()), random.Random(0))
    kinds = {q.type for q in maker.for_sentence(SourceSentence("p", "the paper", text, None, text))}
    assert kinds and "true_false" not in kinds
    asked = maker.for_sentence(SourceSentence("p", "the paper", plain, None, plain))
    statements = [q for q in asked if q.type == "true_false"]
    assert [q.prompt.startswith("According to the paper, in the plan ") for q in statements] == [True]


def test_a_name_in_the_section_heading_is_not_blanked_under_it() -> None:
    """Under "Stalin's Toast", "leaders of the Soviet government, including ____" can only be Stalin."""
    moved = (
        "The Korean guerrillas' loyalty greatly moved the leaders of the Soviet government, including Stalin."
    )
    assert "Stalin" in blanks_of(moved, "paper", {}, "The Armistice Talks")
    assert "Stalin" not in blanks_of(moved, "paper", {}, "Stalin's Toast")
