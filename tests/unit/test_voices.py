"""Whose words a sentence is in: deponents, embedded accounts, relayed reports, words addressed to "you"."""

from dataclasses import replace

from app.bank.generator.accounts import account_voices, author_verdicts
from app.bank.generator.explanations import contrast, profile, whose_words
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


def test_a_lead_in_ending_in_a_colon_gives_the_paragraphs_after_it_to_its_speaker() -> None:
    text = [
        [
            "A herd boy called Tom Reed came to my camp on the 20th.",
            "He related what follows in plain words:",
        ],
        ["I was herding sheep near the spring when the train came."],
        ["The next morning I saw the wagons burn.", "This is all I know about it."],
        ["Reed was plainly coached in his story."],
    ]
    assert account_voices(text) == ["", "Tom Reed", "Tom Reed", ""]


def test_a_lead_in_without_a_colon_still_hands_over_when_it_says_so() -> None:
    text = [
        [
            "We met a Mr. Jacob Hamblin at the fort.",
            "I here give what he said.",
            "He told Judge Cradlebaugh too.",
        ],
        ["About August I started for the city."],
        ["These are all the facts within my knowledge."],
        ["This Jacob Hamblin seems to be a shrewd man."],
    ]
    assert account_voices(text) == ["", "Jacob Hamblin", "Jacob Hamblin", ""]


def test_without_a_closing_formula_only_the_first_paragraph_is_the_speakers() -> None:
    text = [
        ["Mr. Lane came down from the fort, and he said:"],
        ["I saw it burn."],
        ["I went on to Cedar City."],
    ]
    assert account_voices(text) == ["", "Mr. Lane", ""]
    # A new lead-in is the author speaking again, even when a closing formula comes after it.
    text[2] = ["His sister came the next day.", "Her story was as follows:"]
    text.append(["I hid in the willows.", "This is all I know about it."])
    assert account_voices(text) == ["", "Mr. Lane", "", None]


def test_quoted_paragraphs_after_a_paper_or_a_says_belong_to_it() -> None:
    papers = [
        ["From the Leavenworth (Kansas) Times:"],
        ["“It would be a waste of time.”"],
        ["I think otherwise."],
    ]
    assert account_voices(papers) == ["", "the Leavenworth (Kansas) Times", ""]
    book = [
        ["I have a book by Mr. Bishop, who defended John D. Lee.", "He says:"],
        ["“I claim that Young is the real criminal."],
        ["“I also claim he was a fanatic.”"],
    ]
    assert account_voices(book) == ["", "Mr. Bishop", "Mr. Bishop"]
    # "He" opening the lead-in points back past the names in its own sentence, to the nearest one before.
    boy = [
        [
            "I met Dr. Brewer on the road.",
            "A boy called Tom Reed came to my camp.",
            "He was sent by Mr. Hamblin and said:",
        ],
        ["“I saw the wagons burn.”"],
    ]
    assert account_voices(boy) == ["", "Tom Reed"]


def test_words_given_to_someone_the_lead_in_does_not_name_are_nobodys() -> None:
    # "Her" cannot be Mr. Hamblin: a woman's words need a woman's name.
    wife = [
        ["His wife came to my camp with Mr. Hamblin.", "Her story was as follows:"],
        ["I lived at the ranch."],
    ]
    assert account_voices(wife) == ["", None]  # whose wife: no man is named before "His"
    woman = [["A woman came to my camp with Mr. Hamblin.", "Her story was as follows:"], ["I lived there."]]
    assert account_voices(woman) == ["", None]
    revelation = [["I will now read from page 176, the same revelation:"], ["“Thou shalt not kill.”"]]
    assert account_voices(revelation) == ["", None]


def test_his_wife_is_named_after_the_man_the_sentences_before_name() -> None:
    wife = [
        ["I met Mr. Hamblin at the fort.", "His eldest wife came to my camp.", "Her story was as follows:"],
        ["I was residing at the ranch in the fall."],
        ["This is all I know personally on the subject."],
    ]
    assert account_voices(wife) == ["", "Mrs. Hamblin", "Mrs. Hamblin"]


def test_a_colon_before_a_list_or_a_speaker_label_is_no_voice() -> None:
    assert account_voices([["The train carried three things:"], ["Flour, powder and lead."]]) == ["", ""]
    assert account_voices([["The Commissioner:"], ["I do not think any harm has been done."]]) == ["", ""]
    assert account_voices([["The emigrants were said to be:"], ["Rough and rude men."]]) == ["", ""]
    assert account_voices([["The witnesses said the following:"], ["Flour was scarce at Fillmore."]]) == [
        "",
        "",
    ]


# Jacob Hamblin's words, as Carleton's report writes them down.
HAMBLIN_QUOTED = SourceSentence(
    "r", "“Special Report”", "I saw it burn.", None, "", voice="Jacob Hamblin", testimony=True, account=True
)


def test_prompts_and_explanations_name_the_speaker_of_an_account() -> None:
    words = HAMBLIN_QUOTED
    assert words.speaking == "Jacob Hamblin, as quoted in “Special Report”"
    assert whose_words(words, profile("r", "“Special Report”")).startswith(
        "These are the words of Jacob Hamblin, which “Special Report” quotes"
    )


def test_a_quoted_account_is_not_taken_for_what_its_speaker_saw_or_for_the_source_alone() -> None:
    """Hamblin passes on what the Indians told him, and Carleton quotes him to test him: the explanation
    asks how the speaker knew and whether the source vouches for the words, and a silence leaves the
    claim on the speaker's words, not on the source's authority."""
    words = HAMBLIN_QUOTED
    report, address = profile("r", "“Special Report”"), profile("p", "the address")
    taught = whose_words(words, report)
    assert "heard from others" in taught and "vouches for it or quotes it to test it" in taught
    assert "saw or heard" not in taught
    silent = contrast(report, address, None, voice="Jacob Hamblin")
    assert "rests on the words of Jacob Hamblin that “Special Report” quotes alone" in silent


def test_the_authors_verdict_after_an_account_is_kept_for_its_explanation() -> None:
    """Carleton gives Albert Hamblin's story, then judges it: the explanation of Albert's words says so."""
    paragraphs = [
        ["A boy called Albert Hamblin came to my camp and related what follows:"],
        ["I saw the Indians shoot them down.", "This is all I know about it."],
        ["This Albert Hamblin is nearly a grown man."],
        [
            "His story is artfully made up; evidently part truth and part falsehood.",
            "Leavitt could not pass.",
        ],
        ["The train was a rich one."],
    ]
    voices = account_voices(paragraphs)
    assert voices[1] == "Albert Hamblin"
    verdict = "His story is artfully made up; evidently part truth and part falsehood."
    assert author_verdicts(paragraphs, voices) == ["", verdict, "", "", ""]
    words = replace(HAMBLIN_QUOTED, verdict=verdict)
    assert whose_words(words, profile("r", "Carleton")).endswith(f"After it, Carleton writes: “{verdict}”")


def test_an_account_the_author_passes_over_gets_no_verdict() -> None:
    paragraphs = [
        ["Her story was as follows:"],
        ["I lived at the ranch that fall.", "This is all I know about it."],
        ["She is a simple person."],
        ["The road runs near the spring."],
        ["His story is made up."],
    ]
    assert author_verdicts(paragraphs, ["", "Mrs. Hamblin", "", "", ""]) == ["", "", "", "", ""]
