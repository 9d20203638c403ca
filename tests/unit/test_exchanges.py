"""A witness's answer is asked about with the question put, only where the two say something."""

from app.bank.generator.exchanges import exchange_question, name_words

WITNESSES = name_words(["“Testimony of James Gibson”", "“Testimony of Stanley Lord”"])


def test_the_witnesses_are_named_by_their_sources_names() -> None:
    assert {"James", "Gibson", "Stanley", "Lord"} == WITNESSES


def test_an_answer_about_what_the_witness_said_keeps_its_question() -> None:
    assert exchange_question("What did you tell him?", "I told him that they were all white.", WITNESSES) == (
        "What did you tell him?"
    )


def test_who_asked_is_left_out_of_the_question() -> None:
    question = "(The Attorney-General.) If he did see two lights it must have been the Titanic, must it not?"
    assert exchange_question(question, "It does not follow, as I said.", WITNESSES) == (
        "If he did see two lights it must have been the Titanic, must it not?"
    )


def test_an_exchange_that_gives_the_witness_away_is_not_asked() -> None:
    # By name, by the rank counsel addresses, or by the witness naming himself.
    assert (
        exchange_question("Did you tell Mr. Lord what you saw?", "I told him they were white.", WITNESSES)
        == ""
    )
    told = "He came to the door, I understand."
    assert exchange_question("It is much better to tell us what happened, Captain?", told, WITNESSES) == ""
    assert exchange_question("Who reported the lights?", "James Gibson reported them to me.", WITNESSES) == ""


def test_bare_answers_figures_and_the_witness_himself_are_not_asked() -> None:
    assert exchange_question("Did you see the rockets fired?", "Yes, Sir.", WITNESSES) == ""
    assert (
        exchange_question("How many passengers would you carry?", "We have accommodation for 47.", WITNESSES)
        == ""
    )
    assert (
        exchange_question(
            "What is your name and trade, as you said?", "A cooper of this town, sir.", WITNESSES
        )
        == ""
    )


def test_an_answer_that_tells_nothing_seen_said_or_known_is_not_asked() -> None:
    question = "Did the wireless operator come back, or did the Chief Officer come back?"
    assert exchange_question(question, "The Chief Officer came back some time after.", WITNESSES) == ""


def test_a_statement_or_a_speech_is_no_question() -> None:
    assert exchange_question("You told us what you saw.", "I saw three more rockets then.", WITNESSES) == ""
    speech = " ".join(["Is it not the case that you saw"] * 8) + "?"
    assert exchange_question(speech, "I saw three more rockets then.", WITNESSES) == ""


def test_a_bare_clock_time_or_a_non_answer_is_not_asked() -> None:
    assert (
        exchange_question("When did you first see her light?", "About twenty minutes past twelve.", WITNESSES)
        == ""
    )
    assert exchange_question("Did you see ice at once?", "It must have been about 5.", WITNESSES) == ""
    asked = "Would you not have considered the speed excessive, as you saw it?"
    assert exchange_question(asked, "Oh, I do not know anything about that.", WITNESSES) == ""
    assert exchange_question(asked, "To a steamer steaming, yes.", WITNESSES) == asked
