"""Drafts worth keeping: what the generator blanks, offers, accepts, quotes and explains.

Each rule is tried on the sentences that showed the problem in generated banks and on invented ones.
"""

import random
from dataclasses import replace
from functools import cache

import pytest

from app.bank.contrast import _FIXED_MARKERS, is_attributed
from app.bank.generator.answers import accepted_variants, name_forms, number_variants
from app.bank.generator.antecedents import dangling_start
from app.bank.generator.attribution import DraftPair, denies, pair_questions
from app.bank.generator.claims import claim_spans
from app.bank.generator.explanations import profile, sourcing, teach
from app.bank.generator.questions import (
    TRIVIA_ALLOWANCE,
    TRIVIA_SHARE,
    DraftQuestion,
    QuestionMaker,
    SourceSentence,
    clauses,
    formulaic_sentences,
    inventory,
    prose,
    with_antecedent,
)
from app.bank.generator.same_point import shares_point, word_rarity
from app.bank.generator.spans import build_people_index, find_spans
from app.bank.schema import SILENT
from app.bank.types.grading import matches_typed
from tests.unit.spans_texts import (
    DPRK_FILE,
    GAGE_FILE,
    NARRATIVE_FILE,
    PAPER_FILE,
    korea_people,
    lexington_people,
    span_at,
)

PARAGRAPH = "An invented paragraph."


def sentence(text: str, source: str = "state", previous: str = "") -> SourceSentence:
    name = "the state text" if source == "state" else "the paper"
    return SourceSentence(source, name, text, None, PARAGRAPH, previous=previous)


def maker_for(*texts: str, forms: dict[str, list[str]] | None = None) -> QuestionMaker:
    people = build_people_index(list(texts))
    pool = [span for text in texts for span in find_spans(text, people)]
    words = {w for text in texts for w in text.lower().split()}
    return QuestionMaker(people, pool, words, random.Random(0), forms)


def choices_of(questions: list[DraftQuestion]) -> list[DraftQuestion]:
    return [q for q in questions if q.type == "multiple_choice"]


# Sentences that lean on the one before -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He had already said that we should study the process of making steel by relying on coal.",
        "Stalin countered, however, that “if the Americans back down a little, then you can accept.”",
        "However, he still lives in the memory of the progressive peoples of the world.",
        "They marched on towards Concord without waiting for the rest of the column.",
        "This will mean the delay of a new world war for a long time to come.",
        "Mao replied that the Chinese side would not accept the American terms.",
        "Just after the liberation of the country (January 1950), he had already said that we should go.",
        "Though this process was quite predictable, it nonetheless caught Kim Il Sung by surprise.",
        "This lasted, say, fifteen minutes, and I think there were some shots fired during the night.",
        "This he finally agreed to and the children stayed with me.",
        "The emigrants agreed to this, and gave up their arms to the men who came.",
        "Of these the Indians afterwards demanded and stole some 40 head of cattle.",
        "Particularly is this the case in regard to the doctrine on the taking of human life.",
        "That the emigrants immediately corralled their wagons and threw up an intrenchment.",
    ],
)
def test_a_sentence_leaning_on_the_one_before_is_recognised(text: str) -> None:
    assert dangling_start(text)


@pytest.mark.parametrize(
    "text",
    [
        "It seems unlikely that Stalin was simply making a forecast about the war.",
        "It was beyond imagination that the veteran extended gratitude to the leader.",
        "This paper argues that the manner of the war fostered distinctive attitudes.",
        "Kim Il Sung rejected the demand of the Soviet side at the talks.",
        "When Stalin arrived in Moscow, he said that the war would go on for years.",
        "Though the process was quite predictable, it nonetheless caught Kim Il Sung by surprise.",
        "This treaty was signed at Panmunjom in July 1953 after two years of talks.",
        "That summer the army marched north towards the river.",
        "Of the men who went with the train, ten came back to the valley.",
    ],
)
def test_a_sentence_that_stands_alone_is_left_alone(text: str) -> None:
    assert dangling_start(text) is None


def test_a_dangling_sentence_is_quoted_with_the_one_before_it() -> None:
    previous = "Stalin asked Zhou Enlai about the coming harvest in Korea."
    own = sentence("He asked Zhou Enlai specifically about the food situation in Korea.", previous=previous)
    quoted = with_antecedent(own)
    assert quoted is not None
    assert quoted.text == f"{previous} {own.text}"
    assert quoted.claim_text == own.text


def test_a_dangling_sentence_with_nothing_before_it_is_skipped() -> None:
    alone = sentence("He asked Zhou Enlai specifically about the food situation in Korea in 1952.")
    assert with_antecedent(alone) is None
    assert maker_for(alone.text).for_sentence(alone) == []


def test_questions_on_a_quoted_pair_of_sentences_blank_only_the_second() -> None:
    previous = "In 1950 Stalin sent the first of many telegrams to Mao Zedong about the talks."
    own = sentence("He insisted that Kim Il Sung let the talks go on slowly through 1951.", previous=previous)
    questions = maker_for(previous, own.text).for_sentence(own)
    assert questions
    for question in questions:
        assert question.support.text.startswith(previous)
        if "____" in question.prompt:
            assert (
                previous in question.prompt
            )  # the antecedent stays whole: only the second sentence has a blank


# What a blank asks for ---------------------------------------------------------------------------


def test_an_actor_is_blanked_never_the_date_beside_him() -> None:
    text = "In 1956 Kim Il Sung rejected the demand of the Soviet side that the country join the bloc."
    questions = maker_for(text, "In 1953 and in 1954 the talks went on.").for_sentence(sentence(text))
    blanks = [q for q in questions if q.type in ("multiple_choice", "cloze")]
    assert [q.answer for q in blanks] == ["Kim Il Sung"]


def test_a_participle_used_as_an_adjective_is_no_claim() -> None:
    assert (
        claim_spans("Kim Il Sung wrote Stalin requesting approval of the proposed agenda for the talks.")
        == []
    )
    assert claim_spans("The negotiations are further delayed by the enemy.") == []


def test_a_small_count_that_completes_itself_is_not_blanked() -> None:
    text = "When a delegation visited Moscow, there were held government-level talks between the two sides."
    questions = maker_for(text).for_sentence(sentence(text))
    assert all(q.answer != "two" for q in questions)


def test_dates_and_figures_are_capped_across_the_bank() -> None:
    texts = [
        f"The committee met in {year} to discuss the harvest and the roads of the province."
        for year in range(1900, 1940)
    ]
    maker = maker_for(*texts)
    for text in texts:
        maker.for_sentence(sentence(text))
    assert maker.trivia <= TRIVIA_ALLOWANCE + TRIVIA_SHARE * maker.asked
    assert maker.trivia < len(texts)


# Distractors -------------------------------------------------------------------------------------


def test_no_distractor_is_printed_in_the_prompt() -> None:
    text = "In the plan 40% of investment went to industry, though 30% had been promised and 20% was usual."
    others = ["The ministry said 50% of the budget went to farms and 10% to schools, and 60% to the army."]
    maker = maker_for(text, *others)
    questions = choices_of(maker.for_sentence(sentence(text)))
    assert questions
    for question in questions:
        wrong = [c for c in question.choices or [] if c != question.answer]
        shown = question.prompt.replace("____", " ").casefold()
        assert not any(w.casefold() in shown for w in wrong), question.prompt


def test_a_share_is_never_offered_a_wrong_answer_above_100_percent() -> None:
    text = "Heavy industry received 75.1% of all capital investments in the first postwar plan."
    others = [
        "Output grew by 106.9% over the plan, while light industry had 32.4% of investment.",
        "Agriculture took 12.5% of the budget and transport 8.3% of the total outlay.",
    ]
    questions = choices_of(maker_for(text, *others).for_sentence(sentence(text)))
    assert questions and questions[0].answer == "75.1%"
    assert "106.9%" not in (questions[0].choices or [])


# Accepted answers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answer", "variant"),
    [
        ("The delegation waited two weeks for an answer from Moscow.", "two", "2"),
        ("The ministry sent 25 engineers to the works.", "25", "twenty-five"),
    ],
)
def test_a_number_is_accepted_in_digits_and_in_words(text: str, answer: str, variant: str) -> None:
    span = next(s for s in find_spans(text, build_people_index([text])) if s.text == answer)
    assert matches_typed(variant, answer, number_variants(span))
    assert not matches_typed("3", answer, number_variants(span))


@cache
def korea_forms() -> dict[str, list[str]]:
    return name_forms(korea_people(), [DPRK_FILE.read_text(), PAPER_FILE.read_text()])


@cache
def lexington_forms() -> dict[str, list[str]]:
    return name_forms(lexington_people(), [GAGE_FILE.read_text(), NARRATIVE_FILE.read_text()])


def test_stalin_is_accepted_as_the_texts_also_name_him() -> None:
    text = "Stalin countered that the Koreans should accept the terms."
    span = span_at(text, "Stalin", korea_people())
    accepted = accepted_variants(span, korea_forms())
    assert matches_typed("I. V. Stalin", "Stalin", accepted)  # the paper's notes cite "I.V. Stalin"
    assert matches_typed("Comrade I.V. Stalin", "Stalin", accepted)
    assert not matches_typed("Mao", "Stalin", accepted)


def test_a_title_may_be_added_and_a_namesake_is_refused() -> None:
    gage = span_at("General Gage ordered the troops out.", "Gage", lexington_people())
    assert matches_typed("General Gage", "Gage", accepted_variants(gage, lexington_forms()))
    parker = span_at("Captain John Parker told his men to stand.", "John Parker", lexington_people())
    accepted = accepted_variants(parker, lexington_forms())
    assert matches_typed("Captain Parker", "John Parker", accepted)
    assert not matches_typed("Jonas Parker", "John Parker", accepted)


def test_a_number_in_words_accepts_the_digits() -> None:
    text = "The commission spent three weeks in the province before writing its report on the harvest."
    three = span_at(text, "three", build_people_index([text]))
    assert matches_typed("3", "three", accepted_variants(three, {}))


def test_a_count_a_date_or_a_year_is_never_the_blank() -> None:
    """ "The commission spent ____ weeks" asks a figure, not the history (REVIEW.md criterion 8)."""
    texts = [
        "The commission spent three weeks in the province before writing its report on the harvest.",
        "On 5 March 1953 Kim Il Sung refused to publish the harvest report of the province at all.",
    ]
    maker = maker_for(*texts)
    asked = [q for text in texts for q in maker.for_sentence(sentence(text))]
    assert asked, "the refusal is still asked about (who refused)"
    assert all(q.answer not in ("three", "5 March 1953", "1953") for q in asked)
    assert all("number" not in q.tags and "date" not in q.tags and "year" not in q.tags for q in asked)


# Explanations ------------------------------------------------------------------------------------

STATE = profile("state", "the state text", kind="State publication")
PAPER = profile(
    "paper", "the paper", notes=["Ciphered telegram, Archive of the President, fond 45, opis 1"] * 4
)
PROFILES = {"state": STATE, "paper": PAPER}


def cloze_on(own: SourceSentence) -> DraftQuestion:
    return DraftQuestion("q", "cloze", "…", "x", "The text reads “x”.", own)


def test_an_explanation_says_whose_claim_and_what_kind_of_source_it_is() -> None:
    own = sentence("Kim Il Sung rejected the demand that the country join the economic bloc.")
    explanation = teach(cloze_on(own), PROFILES, None)
    assert "state publication" in explanation
    assert "position its issuer wants" in explanation
    assert "the paper does not take up this point" in explanation.casefold()
    assert "its silence is no evidence against the claim" in explanation  # what a study's silence means
    on_paper = teach(
        cloze_on(sentence("Kim Il Sung resisted requests for a unified command.", "paper")), PROFILES, None
    )
    assert "leaves out what does not serve its issuer" in on_paper  # and an official text's
    assert explanation.replace(own.text, "") == explanation  # the quote is not simply repeated


def test_an_explanation_quotes_the_other_source_on_the_same_point_with_the_relation() -> None:
    own = sentence(
        "Kim Il Sung rejected the demand that the country join the economic bloc of socialist states."
    )
    other = sentence(
        "Soviet leaders criticized the demand that the country stay outside the economic bloc.",
        source="paper",
    )
    pair = DraftPair(
        "p1", own, other, 0.5, True, relation="contradicts", note="one says rejected, one says criticized"
    )
    explanation = teach(cloze_on(own), PROFILES, pair)
    assert other.text in explanation
    assert "contradicts it" in explanation
    assert (
        "archival documents" not in explanation
    )  # the other source's kind is said on the flashcard, not here


def test_the_explanation_says_what_the_contrast_shows_never_a_silence_beside_a_quote() -> None:
    """The learner sees the pair's other side after answering: the explanation must agree with it."""
    own = sentence(
        "Seeing through the line, Kim Il Sung refused to blindly follow the line of the Comintern."
    )
    other = sentence("Kim Il Sung asked Stalin to send more advisers and more aid in 1952.", source="paper")
    paired = teach(cloze_on(own), PROFILES, DraftPair("p2", own, other, 0.2, False, "qualifies"))
    assert f"qualifies it: “{other.text}”" in paired and "does not take up this point" not in paired
    silent = SourceSentence("paper", "the paper", "", None, "")
    alone = teach(cloze_on(own), PROFILES, DraftPair("p3", own, silent, 0.0, False, SILENT))
    assert "does not take up this point" in alone and other.text not in alone


def test_a_source_without_metadata_falls_back_to_its_name_and_its_notes() -> None:
    bare = profile("x", "“Text A”")
    assert bare.described() == "“Text A” is a text that cites no sources for what it says"
    assert "archival documents in 4 notes" in PAPER.described()
    placeholder = profile("y", "“Text B”", author="Unknown: fill in who wrote or issued this text")
    assert placeholder.author is None


def test_flashcard_fronts_say_whose_claim_they_state() -> None:
    own = sentence("Kim Il Sung rejected the demand that the country join the economic bloc.")
    other = sentence(
        "Soviet leaders criticized Kim Il Sung for his autarkic strategy after the war.", source="paper"
    )
    maker = maker_for(own.text, other.text)
    cards = [
        q
        for q in pair_questions(
            [DraftPair("p3", own, other, 0.5, True)], maker, {"state": "the state text", "paper": "the paper"}
        )
        if q.type == "flashcard"
    ]
    assert cards and cards[0].prompt.startswith("According to the state text")
    assert is_attributed(cards[0].prompt, _FIXED_MARKERS)
    # The back gives the pair's relation, so the learner checks a judgement (REVIEW.md criterion 3).
    assert cards[0].answer.endswith("It qualifies the first: it adds a limit, a condition or context to it.")


# Sentences not worth a blank ---------------------------------------------------------------------


def test_a_jurat_repeated_around_different_names_is_not_asked() -> None:
    jurats = [
        f"{name} above named, being duly cautioned to testify the whole truth, made solemn oath to the "
        "truth of the above deposition by him subscribed."
        for name in ("JOHN ROBBINS", "ELIJAH SANDERSON", "TIMOTHY SMITH", "LEVI MEAD")
    ]
    claim = "Immediately the troops rushed furiously and killed 40.5% of our party without any provocation."
    formulaic = formulaic_sentences([*jurats, claim])
    assert set(jurats) <= formulaic and claim not in formulaic
    maker = maker_for(*jurats, claim)
    maker.formulaic = formulaic
    assert maker.for_sentence(sentence(jurats[0])) == []
    assert maker.for_sentence(sentence(claim))


def test_a_list_of_names_or_a_title_in_capitals_is_not_prose() -> None:
    assert not prose("Quorum, William Read, Josiah Johnson, William Stickney, Justices of the Peace.")
    assert not prose(
        "A NARRATIVE, OF THE EXCURSION and RAVAGES OF THE KING'S TROOPS Under the Command of General GAGE."
    )
    assert prose(
        "Kim Il Sung rejected the demand that the country join the economic bloc of socialist states."
    )


def test_words_the_texts_use_everywhere_do_not_put_two_sentences_on_one_point() -> None:
    filler = [f"The war went on and the people of the world suffered in year {n}." for n in range(20)]
    first = "The war hurt the people of the world, who suffered hunger in the cities."
    second = "Peoples of the world suffered from the war, the historian says of the famine."
    assert not shares_point(first, second, word_rarity([first, second, *filler]))
    rationed = "Grain was rationed and bread queues grew in the hungry cities."
    rationing = "Officials rationed grain while bread queues grew longer."
    assert shares_point(rationed, rationing, word_rarity([rationed, rationing, *filler]))


# Sentences too long to quote whole ---------------------------------------------------------------


def test_a_sentence_too_long_to_read_offers_its_standalone_clauses() -> None:
    long = (
        "The Colonel called his Officers together, and gave Orders, that the Troops should not fire, unless "
        "fired upon; and after marching a few Miles, detached six Companies of Light Infantry under the "
        "Major to take the two Bridges on the other Side of the River: which convinced them that the "
        "Country was rising to oppose them and that it was a preconcerted Scheme of the whole Province; "
        "some of them who had jumped over a Wall then fired four or five Shot at the Troops and wounded a "
        "Man of the Regiment and the Major's Horse in two Places."
    )
    found = clauses(long)
    orders = "The Colonel called his Officers together, and gave Orders, that the Troops should not fire"
    assert f"{orders}, unless fired upon" in found
    assert any(c.startswith("some of them who had jumped over a Wall") for c in found)
    assert not [c for c in found if c.startswith(("and ", "which "))]  # they lean on the clause before
    assert all(c in long for c in found)  # grounded: each is the source's own words
    assert clauses("The Troops were very much fatigued after the long march back to the town.") == []


def test_a_list_of_goods_is_not_quoted_as_a_claim() -> None:
    """ "…260 tons of iron pipes, 80 tons of …" is placed by its topic alone (REVIEW.md criterion 8)."""
    goods = (
        "From the fraternal countries came many goods for the war economy; the list ran long: 260 tons of "
        "iron pipes, 80 tons of steam-fired pipes, 330 tons of gas pipes, 430 tons of water pipes, and "
        "840 tons of smoke stacks from Hungary, with more promised for the next year by every ally; and "
        "the Korean ministries counted each shipment as it came in at the border stations during the war."
    )
    assert len(goods.split()) > 60  # too long to read whole, so offered clause by clause
    assert inventory(goods)
    assert not [c for c in clauses(goods) if "tons" in c]
    assert not inventory("Moscow sent 1,500 specialists and 300 tons of coking coal in the first year.")


def test_a_clause_is_quoted_with_ellipses() -> None:
    clause = replace(
        sentence("the Troops should not fire, unless fired upon by the country people"), clause=True
    )
    assert (
        clause.quotable
        and clause.shown == "…the Troops should not fire, unless fired upon by the country people…"
    )


def test_a_transcript_is_sourced_as_a_witnesss_evidence_under_questioning() -> None:
    witness = profile("lord", "“Testimony of Stanley Lord”", testimony=True)
    assert witness.category == "witness"
    assert "a witness's evidence, given under questioning" in witness.described()
    # Metadata that says the issuer is official still wins: an inquiry's report is not a witness.
    assert profile("r", "the report", kind="Government report", testimony=True).category == "official"


def test_a_false_statement_changes_a_stance_never_only_a_name() -> None:
    """ "President Stalin said the country should…" is false by the name alone: recall, not reading. And a
    statement that could only be true is not made either: a learner would learn to answer "True"."""
    seasons = ("spring", "summer", "autumn", "winter", "middle", "first weeks", "last weeks", "end")
    texts = [
        f"In the {s} of that year Kim Il Sung spoke to the delegates about the harvest." for s in seasons
    ]
    texts += [
        f"In the {s} of that year Mao Zedong spoke to the peasants about the villages." for s in seasons
    ]
    maker = maker_for(*texts)
    statements = [
        q
        for text in texts
        for q in maker.for_sentence(SourceSentence("state", "the state text", text, None, text))
        if q.type == "true_false"
    ]
    assert statements == []
    shares = [
        f"In the {s} of that year the committee gave {10 + i}.5% of the budget to the harvest."
        for i, s in enumerate(seasons)
    ]
    maker = maker_for(*shares)
    verdicts = [
        q.answer
        for text in shares
        for q in maker.for_sentence(SourceSentence("state", "the state text", text, None, text))
        if q.type == "true_false"
    ]
    assert True in verdicts and False in verdicts


def test_a_deposition_s_closing_formula_is_no_denial() -> None:
    """ "Our horses immediately started and we rode off and further say not." denies nothing: it is how a
    deposition ends, so it does not make the sentence a witness's stance worth asking about."""
    assert not denies("Our horses immediately started and we rode off and further say not.")
    assert not denies("I saw the troops march by, and further the deponent saith not.")
    parker = "Capt. Parker's men I believe, had not then fired a gun, and further the deponent saith not."
    assert denies(parker)


def test_page_references_in_the_text_count_as_citing_sources() -> None:
    """A text without notes that cites "page 17 of the pamphlet" is not a text that "cites no sources"."""
    cited = profile(
        "x",
        "“Text A”",
        paragraphs=["I read from page 17 of the pamphlet.", "“He fled.” (Beadle's Mysteries, page 185.)"],
    )
    assert cited.described() == "“Text A” is a text that cites its sources by page in 2 places"
    assert "cites no sources" not in sourcing(cited) and "Without references" not in sourcing(cited)
    assert profile("y", "“Text B”", paragraphs=["The page was torn in 17 places."]).category == "unreferenced"
