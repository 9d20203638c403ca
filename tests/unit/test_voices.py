"""Whose words a sentence is in: deponents, relayed reports, and quoted documents addressed to "you"."""

from app.bank.generator.explanations import profile, whose_words
from app.bank.generator.questions import SourceSentence
from app.bank.generator.voices import addressed, deponents, deposition_voice, first_person, relayed_speaker


def test_a_sworn_statement_names_its_deponents_in_ordinary_case() -> None:
    one = "I JOHN PARKER, of lawful age, and commander of the militia in Lexington, do testify, that"
    assert deponents(one) == "John Parker"
    several = (
        "WE SOLOMON BROWN, JONATHAN LORING, and ELIJAH SANDERSON, all of lawful age, do testify and declare"
    )
    assert deponents(several) == "Solomon Brown and two others"
    # The officer the deponent served under is not a deponent.
    soldier = "I JOHN BATEMAN, belonging to the fifty-second regiment, commanded by Colonel Jones, testify"
    assert deponents(soldier) == "John Bateman"


def test_a_paragraph_that_only_mentions_testimony_is_no_deposition() -> None:
    assert deponents("The Congress resolved that the depositions be printed and sent to London.") == ""
    assert deponents("In 1952 Kim Il Sung declared that the country would rely on its own strength.") == ""


def test_prompts_name_the_deponent_and_the_text_that_printed_the_words() -> None:
    words = SourceSentence("c", "the Provincial Congress", "Our militia did not fire.", None, "")
    assert words.speaking == "the Provincial Congress"
    sworn = SourceSentence(
        "c",
        "the Provincial Congress",
        "Our militia did not fire.",
        None,
        "",
        voice=deposition_voice("John Parker"),
    )
    assert sworn.speaking == "John Parker’s sworn deposition in the Provincial Congress"


def test_a_relayed_report_is_traced_to_its_reporter() -> None:
    assert (
        relayed_speaker("Razuvaev reported that Kim had been disappointed in the Chinese attitude.")
        == "Razuvaev"
    )
    assert relayed_speaker("“Apparently,” Suzdalev explained, the North Koreans intend to ask.") == "Suzdalev"
    assert relayed_speaker(
        "As the historian Chen Jian has documented, Mao regarded the issue as serious."
    ) == ("Chen Jian")
    assert relayed_speaker("He told them the talks would resume.") == ""
    assert relayed_speaker("The talks resumed in October 1951 at Panmunjom.") == ""


def test_an_explanation_says_whose_words_the_claim_rests_on() -> None:
    paper = profile("paper", "the paper", kind="Scholarly paper")
    relayed = SourceSentence(
        "paper", "the paper", "Razuvaev reported that the leader was disappointed.", None, ""
    )
    assert "what Razuvaev said or wrote" in whose_words(relayed, paper)
    sworn = SourceSentence(
        "c", "the Congress", "Our militia did not fire.", None, "", voice="John Parker’s sworn deposition"
    )
    assert "John Parker’s sworn deposition" in whose_words(sworn, paper)
    plain = SourceSentence("paper", "the paper", "The talks resumed in October 1951 at Panmunjom.", None, "")
    assert whose_words(plain, paper) == ""


def test_a_document_addressed_to_you_is_not_the_authors_claim() -> None:
    assert addressed("You in the People’s Democracies must create modern armies within three years.")
    assert not addressed("Young officers in the army were sent to Moscow to study.")
    assert first_person("We were fired on by them before any gun was fired.")
    assert not first_person("Italy and the other fraternal countries sent aid.")
