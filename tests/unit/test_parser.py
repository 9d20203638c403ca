"""The source parser on the two real sources, the Lexington pair, and small texts built to one purpose."""

import re
import textwrap
from pathlib import Path

import pytest

from app.sources.parser import (
    ParsedText,
    SourceDecodeError,
    collapse_whitespace,
    decode_source,
    parse_text,
)
from tests.unit.spans_texts import DPRK_FILE, GAGE_FILE, NARRATIVE_FILE, PAPER_FILE

ALL_FILES = [DPRK_FILE, PAPER_FILE, GAGE_FILE, NARRATIVE_FILE]

# Markup the parser must blank out, found here independently of the parser (bodies come from its offsets).
MARKER = re.compile(r"\[footnoteRef:\d+\]|\[bookmark:[^\]]*\]")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def dprk() -> ParsedText:
    return parse_text(read(DPRK_FILE))


@pytest.fixture(scope="module")
def paper() -> ParsedText:
    return parse_text(read(PAPER_FILE))


def first_words(text: str, n: int = 6) -> str:
    return " ".join(text.split()[:n])


def markup_spans(text: str, parsed: ParsedText) -> list[tuple[int, int]]:
    spans = [m.span() for m in MARKER.finditer(text)]
    return sorted(spans + [(note.start, note.end) for note in parsed.footnotes])


def blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def passage_by_start(parsed: ParsedText, words: str):
    matches = [p for p in parsed.passages if p.text.startswith(words)]
    assert len(matches) == 1, f"{len(matches)} passages start with {words!r}"
    return matches[0]


# --- whitespace -----------------------------------------------------------------------------------------


def test_collapse_whitespace_turns_any_run_into_one_space():
    assert collapse_whitespace("  a\t\tb \r\n\n c\u00a0 d  ") == "a b c d"
    assert collapse_whitespace(" \n\t ") == ""


# --- the DPRK publication: hard-wrapped PDF text with a blank line after every line ---------------------


def test_dprk_is_detected_as_hard_wrapped_with_its_title_and_four_headings(dprk):
    assert dprk.layout == "hard-wrapped"
    assert dprk.title == "Kim Il Sung and His Spirit of Independence"
    assert [h.text for h in dprk.headings] == [
        "Rehe Expedition and Principle of Independence",
        "Rejected Demand of Joining CMEA",
        "Production of Steel with UHP Electric Arc Furnace",
        "Stalin’s Toast",
    ]
    assert [h.ordinal for h in dprk.headings] == [1, 2, 3, 4]
    text = read(DPRK_FILE)
    for heading in dprk.headings:
        assert text[heading.start :].startswith(heading.text)


def test_dprk_paragraphs_are_the_ones_a_reader_of_the_article_sees(dprk):
    assert [first_words(p.text) for p in dprk.passages] == [
        "President Kim Il Sung (1912-1994) maintained",
        "In the mid-1930s the Comintern gave",
        "According to this directive, the anti-Japanese",
        "Seeing through the adventurous line of",
        "When a delegation of the DPRK",
        "Seeing that, if his country joined",
        "Later, he said: The CMEA is",
        "The justness of his insight and",
        "When presiding over an important meeting",
        "At that time, the DPRK was",
        "At that meeting, Kim Il Sung",
        "Just after the liberation of the",
        "Later, the country built UHP electric",
        "In recent years, it has built",
        "Nearly 25 years have passed since",
        "However, he still lives in the",
        "In early 1949, a few years",
        "At the banquet, Stalin made a",
        "During the anti-Japanese armed struggle, Kim",
        "He put forward the slogan “Let",
        "Under his leadership, the Korean People’s",
        "At the times of the 1938",
        "The genuine spirit of internationalism Kim",
        "Stalin continued, “The Soviet Union is",
        "This was an unprecedented event for",
    ]
    assert [p.ordinal for p in dprk.passages] == list(range(1, 26))


def test_dprk_wrapped_lines_are_joined_into_whole_paragraphs(dprk):
    meeting = passage_by_start(dprk, "At that meeting, Kim Il Sung said")
    assert meeting.text.endswith("establish the Juche orientation in our metallurgical industry.")
    banquet = passage_by_start(dprk, "At the banquet, Stalin made a speech")
    # The next line starts with a space but continues the sentence.
    assert "a genuine proletarian internationalist who defended the Soviet Union" in banquet.text
    assert banquet.text.endswith("aggression in the East.")
    model = passage_by_start(dprk, "During the anti-Japanese armed struggle")
    assert model.text.endswith("sharing life and death with its people.")


def test_dprk_passages_carry_the_heading_they_fall_under(dprk):
    headings = [p.heading for p in dprk.passages]
    assert headings[0] is None  # before the first heading; the title is not a heading
    assert headings[1:4] == ["Rehe Expedition and Principle of Independence"] * 3
    assert passage_by_start(dprk, "Stalin continued").heading == "Stalin’s Toast"
    assert all("Toast" not in p.text and "Rehe Expedition and" not in p.text for p in dprk.passages)


# --- the Weathersby paper: one paragraph per line, Word footnote markup ------------------------------


def test_paper_is_paragraph_per_line_with_seven_headings_and_no_title(paper):
    assert paper.layout == "paragraph-per-line"
    assert paper.title is None
    assert [h.text for h in paper.headings] == [
        "The Roles of the Communist Allies in the Armistice Negotiations",
        "The Utility of Prolonging the War",
        "North Korean Attitudes",
        "Wartime Exports to the Soviet Union",
        "Fraternal Assistance",
        "Requests for Aid for Postwar Reconstruction",
        "Conclusions",
    ]


def test_paper_block_quotes_are_passages_not_headings(paper):
    quote = passage_by_start(paper, "The US has atomic power; we have that too.")
    assert quote.heading == "The Utility of Prolonging the War"
    assert passage_by_start(paper, "It is obvious that the US needs several more years")


def test_paper_all_sixty_footnotes_are_found_and_attached_to_the_citing_passage(paper):
    text = read(PAPER_FILE)
    assert [note.number for note in paper.footnotes] == list(range(1, 61))
    for note in paper.footnotes:
        assert note.passage_ordinal is not None, note.number
        passage = paper.passages[note.passage_ordinal - 1]
        assert f"[footnoteRef:{note.number}]" in text[passage.start : passage.end]
        assert note.number in passage.footnote_numbers
        assert note.text and not note.text.startswith("[")
    cited = [n for p in paper.passages for n in p.footnote_numbers]
    assert cited == list(range(1, 61))  # each cited once, in reading order


@pytest.mark.parametrize(
    ("number", "passage_start", "body_start"),
    [
        (1, "As the Chinese historian Shen Zhi-hua has shown", "Shen Zhihua, “Sino-North Korean Conflict"),
        (
            22,
            "Kim Il Sung apparently communicated his opinion",
            "Ciphered telegram from Mao Zedong to Filippov",
        ),
        (53, "The Soviet Union also ensured that China", "“List of Goods Delivered to the DPRK in 1952"),
        (60, "Suspicious of integrating North Korea’s economy", "For a discussion of East German aid"),
    ],
)
def test_paper_footnote_spot_checks(paper, number, passage_start, body_start):
    note = paper.footnotes[number - 1]
    assert note.number == number
    assert note.text.startswith(body_start)
    assert paper.passages[note.passage_ordinal - 1].text.startswith(passage_start)


def test_footnote_bodies_keep_their_nested_brackets(paper):
    note = paper.footnotes[1]
    assert "Archive of the President of the Russian Federation [hereafter APRF], Fond 45" in note.text
    assert note.text.endswith("placed in the Foreign Ministry archive.")


def test_footnote_22_runs_over_the_line_break_to_its_lone_bracket(paper):
    text = read(PAPER_FILE)
    note = paper.footnotes[21]
    assert note.text.endswith("Weathersby, “New Russian Documents,” pp. 78-79.")
    assert text[note.end - 1] == "]" and text[note.start : note.start + 4] == "[22:"
    assert "\n" in text[note.start : note.end]
    assert not any(a.kind == "unclosed_footnote" and "Footnote 22 " in a.message for a in paper.anomalies)
    assert all(re.search(r"\w", p.text) for p in paper.passages)
    assert not any(p.text.strip("] ") == "" for p in paper.passages)
    # The passage after it is the next real paragraph.
    after = paper.passages[note.passage_ordinal]
    assert after.text.startswith("Mao further emphasized the international importance")


def test_footnote_53_is_closed_before_the_heading_and_reported(paper):
    text = read(PAPER_FILE)
    note = paper.footnotes[52]
    assert "“Report on the Technical Assistance of the Soviet Union to the Democratic Peoples’ Republic" in (
        note.text
    )
    assert note.text.endswith("the regions of the DPRK where the teams worked and the results of their work.")
    assert "Requests for Aid" not in note.text and "As soon as the armistice" not in note.text
    heading = next(h for h in paper.headings if h.text == "Requests for Aid for Postwar Reconstruction")
    assert note.end <= heading.start
    unclosed = [a for a in paper.anomalies if a.kind == "unclosed_footnote"]
    assert len(unclosed) == 1
    assert "Footnote 53" in unclosed[0].message and "line 99" in unclosed[0].message
    assert unclosed[0].offset == note.start
    assert text[note.start :].startswith("[53:")
    # The heading after it still heads its own passages.
    under = [p for p in paper.passages if p.heading == heading.text]
    assert [first_words(p.text, 4) for p in under] == [
        "As soon as the",
        "A week later Suzdalev",
        "“Apparently,” Suzdalev explained, the",
        "Kim Il Sung’s confidence",
        "Suspicious of integrating North",
    ]


def test_paper_bookmark_is_dropped_and_reported(paper):
    dropped = [a for a in paper.anomalies if a.kind == "dropped_markup"]
    assert len(dropped) == 1 and "line 8" in dropped[0].message
    assert read(PAPER_FILE)[dropped[0].offset :].startswith("[bookmark: _GoBack]")
    passage = passage_by_start(paper, "This basic structure of allied decision-making")
    assert passage.footnote_numbers == (2, 3)


def test_paper_reports_exactly_the_two_real_problems(paper):
    assert sorted(a.kind for a in paper.anomalies) == ["dropped_markup", "unclosed_footnote"]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_passage_text_is_clean(path):
    parsed = parse_text(read(path))
    assert parsed.passages
    for passage in parsed.passages:
        assert passage.text and passage.text == collapse_whitespace(passage.text)
        for junk in ("[footnoteRef", "[bookmark", "[53:", "[22:"):
            assert junk not in passage.text
        assert not re.search(r"\[\d+:\s", passage.text)


# --- the grounding invariant the bank validator relies on ----------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_passage_text_is_the_original_span_with_markup_blanked(path):
    text = read(path)
    parsed = parse_text(text)
    masked = blank_out(text, markup_spans(text, parsed))
    for passage in parsed.passages:
        assert passage.text == collapse_whitespace(masked[passage.start : passage.end])
        assert not text[passage.start].isspace() and not text[passage.end - 1].isspace()


@pytest.mark.parametrize(("path", "at_least"), [(DPRK_FILE, 36), (PAPER_FILE, 200), (NARRATIVE_FILE, 100)])
def test_sentences_clear_of_markup_are_verbatim_in_the_collapsed_source(path, at_least):
    text = read(path)
    parsed = parse_text(text)
    collapsed_source = collapse_whitespace(text)
    spans = markup_spans(text, parsed)
    masked = blank_out(text, spans)
    checked = 0
    for passage in parsed.passages:
        # Map each character of passage.text back to its offset in the original text.
        offsets: list[int] = []
        for word in re.finditer(r"\S+", masked[passage.start : passage.end]):
            if offsets:
                offsets.append(offsets[-1] + 1)  # the single space between words
            offsets.extend(passage.start + word.start() + i for i in range(len(word.group())))
        assert len(offsets) == len(passage.text)
        for sentence in passage.sentences:
            raw_start, raw_end = offsets[sentence.start], offsets[sentence.end - 1] + 1
            if any(start < raw_end and raw_start < end for start, end in spans):
                continue
            assert sentence.text in collapsed_source
            checked += 1
    assert checked >= at_least


def test_quotes_used_by_the_bank_sit_inside_one_passage(dprk, paper):
    toast = "I propose to extend heartfelt thanks to Comrade Kim Il Sung with warm applause."
    assert any(toast in p.text for p in dprk.passages)
    lost = (
        "dismissed the Koreans’ concerns with the memorable comment that they "
        "“have lost nothing, except people.”"
    )
    assert lost in collapse_whitespace(read(PAPER_FILE))
    assert any(lost in p.text for p in paper.passages)


# --- sentences -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_sentences_cover_each_passage_with_only_spaces_between(path):
    for passage in parse_text(read(path)).passages:
        assert passage.sentences
        position = 0
        for sentence in passage.sentences:
            assert sentence.text == passage.text[sentence.start : sentence.end]
            assert passage.text[position : sentence.start].strip() == ""
            assert sentence.text == sentence.text.strip() and sentence.text
            position = sentence.end
        assert position == len(passage.text)


def sentences_of(text: str) -> list[str]:
    (passage,) = parse_text(text).passages
    return [s.text for s in passage.sentences]


def test_sentences_do_not_split_after_initials():
    assert sentences_of(
        "Letter from Kim Il Sung to S.P. Suzdalev, Charge d’Affaires, 1953. Report by Second Secretary "
        "P. M. Petrov, January 1954. Compiled by B. Akimov, Third Secretary. Seen by N.S. Khrushchev."
    ) == [
        "Letter from Kim Il Sung to S.P. Suzdalev, Charge d’Affaires, 1953.",
        "Report by Second Secretary P. M. Petrov, January 1954.",
        "Compiled by B. Akimov, Third Secretary.",
        "Seen by N.S. Khrushchev.",
    ]


def test_sentences_do_not_split_after_abbreviations_or_numbers():
    assert sentences_of(
        "See pp. 78-79 and p. 65 in vol. 2, No. 42 of the Bulletin. Mr. Smith and Dr. Jones met on "
        "St. Helena, e.g. in the garden, i.e. outside, cf. Brown. Output rose by 75.1 percent in ca. "
        "1950, or c. 1951. It fell."
    ) == [
        "See pp. 78-79 and p. 65 in vol. 2, No. 42 of the Bulletin.",
        "Mr. Smith and Dr. Jones met on St. Helena, e.g. in the garden, i.e. outside, cf. Brown.",
        "Output rose by 75.1 percent in ca. 1950, or c. 1951.",
        "It fell.",
    ]


def test_sentences_split_after_closing_quotes_but_not_before_lowercase():
    assert sentences_of(
        "He said the war was “a matter for the Korean people.” The Chinese disagreed. "
        "“Is it over?” asked Zhou. He paused (for effect.) Then he spoke."
    ) == [
        "He said the war was “a matter for the Korean people.”",
        "The Chinese disagreed.",
        "“Is it over?” asked Zhou.",
        "He paused (for effect.)",
        "Then he spoke.",
    ]


# --- small texts of each layout ------------------------------------------------------------------------

HARBOUR = [
    "The harbour was closed in the spring. Merchants protested loudly at the town meeting, and the "
    "selectmen sent a petition to the governor asking for relief before the summer trade began.",
    "Nobody answered the petition. By June the warehouses were half empty and the ropewalks had stopped "
    "work; many families left for the countryside.",
    "In the autumn a committee of correspondence was formed. Its letters travelled from town to town and "
    "were read aloud in taverns and meeting houses across the province.",
]


def test_paragraph_per_line_without_blank_lines():
    parsed = parse_text("The Closed Port\n" + "\n".join(HARBOUR) + "\n")
    assert parsed.layout == "paragraph-per-line"
    assert parsed.title == "The Closed Port"
    assert [p.text for p in parsed.passages] == HARBOUR
    assert [len(p.sentences) for p in parsed.passages] == [2, 2, 2]


def test_paragraph_per_line_with_a_heading_and_tab_indented_lines():
    parsed = parse_text("\t" + HARBOUR[0] + "\n\nAutumn Meetings\n\n\t" + HARBOUR[2] + "\n")
    assert parsed.title is None
    assert [h.text for h in parsed.headings] == ["Autumn Meetings"]
    assert [(p.heading, p.text) for p in parsed.passages] == [
        (None, HARBOUR[0]),
        ("Autumn Meetings", HARBOUR[2]),
    ]


def classic(width: int = 60) -> str:
    wrapped = [textwrap.fill(p, width) for p in HARBOUR]
    return "The Closed Port\n\n" + wrapped[0] + "\n\n" + wrapped[1] + "\n\nAutumn\n\n" + wrapped[2] + "\n"


def test_classic_hard_wrapped_text_with_blank_line_paragraphs():
    parsed = parse_text(classic())
    assert parsed.layout == "hard-wrapped"
    assert parsed.title == "The Closed Port"
    assert [h.text for h in parsed.headings] == ["Autumn"]
    assert [p.text for p in parsed.passages] == HARBOUR
    assert [p.heading for p in parsed.passages] == [None, None, "Autumn"]


def test_crlf_line_endings_give_the_same_passages_with_offsets_into_the_crlf_text():
    text = classic().replace("\n", "\r\n")
    parsed = parse_text(text)
    assert [p.text for p in parsed.passages] == HARBOUR
    assert [h.text for h in parsed.headings] == ["Autumn"]
    for passage in parsed.passages:
        assert collapse_whitespace(text[passage.start : passage.end]) == passage.text
    assert "\r" not in parsed.title


def test_double_spaced_wrapping_keeps_a_paragraph_whose_line_ends_a_sentence():
    first = (
        "The tea was thrown into the harbour that night by men dressed as Mohawks. Nobody was arrested. "
        "The governor wrote to London at once, and the ministry answered with a bill closing the port "
        "until the tea was paid for."
    )
    second = "The town refused to pay. Other colonies sent grain and money overland to Boston."
    lines = textwrap.wrap(first, 47)
    assert lines[1].endswith("Nobody was arrested.")  # a sentence ends at a line end mid-paragraph
    text = "\n\n".join(textwrap.fill(p, 47).replace("\n", "\n\n") for p in (first, second)) + "\n"
    parsed = parse_text(text)
    assert parsed.layout == "hard-wrapped"
    assert [p.text for p in parsed.passages] == [first, second]


def test_indentation_alone_marks_paragraphs_in_wrapped_text():
    text = "\n".join(textwrap.fill(p, 60, initial_indent="    ") for p in HARBOUR) + "\n"
    assert [p.text for p in parse_text(text).passages] == HARBOUR


def test_layout_can_be_forced():
    text = read(DPRK_FILE)
    forced = parse_text(text, layout="paragraph-per-line")
    assert forced.layout == "paragraph-per-line"
    assert len(forced.passages) > len(parse_text(text).passages)
    assert forced.passages[1].text == "life."  # every wrapped line is now its own passage
    with pytest.raises(ValueError, match="unknown layout"):
        parse_text(text, layout="poetry")


# --- footnote markup on small texts --------------------------------------------------------------------


def kinds(parsed: ParsedText) -> list[str]:
    return [a.kind for a in parsed.anomalies]


def test_body_with_nested_brackets():
    parsed = parse_text(
        "The order came from Moscow.[footnoteRef:1] It was obeyed.\n"
        "[1: Telegram from Filippov [Stalin] to Mao, AVPRF [hereafter AVPRF], f. 45 [copy].]\n"
    )
    assert kinds(parsed) == []
    (note,) = parsed.footnotes
    assert note.text == "Telegram from Filippov [Stalin] to Mao, AVPRF [hereafter AVPRF], f. 45 [copy]."
    assert note.passage_ordinal == 1
    assert [p.text for p in parsed.passages] == ["The order came from Moscow. It was obeyed."]


def test_unclosed_body_at_end_of_text_is_closed_and_reported():
    text = "A claim is made here.[footnoteRef:1] [1: Smith, Papers, p. 4\n"
    parsed = parse_text(text)
    assert kinds(parsed) == ["unclosed_footnote"]
    assert "Footnote 1" in parsed.anomalies[0].message
    (note,) = parsed.footnotes
    assert note.text == "Smith, Papers, p. 4" and text[note.start : note.end].endswith("p. 4")
    assert [p.text for p in parsed.passages] == ["A claim is made here."]


def test_unclosed_body_stops_at_a_blank_line_and_spares_the_next_paragraph():
    parsed = parse_text(
        "First paragraph with a note.[footnoteRef:1] [1: Smith, p. 4\n\nSecond paragraph, intact.\n"
    )
    assert kinds(parsed) == ["unclosed_footnote"]
    assert parsed.footnotes[0].text == "Smith, p. 4"
    assert [p.text for p in parsed.passages] == ["First paragraph with a note.", "Second paragraph, intact."]


def test_marker_without_body_and_body_without_marker():
    parsed = parse_text(
        "One.[footnoteRef:1] Two.[footnoteRef:2] [1: Body one.]\n\nThree. [3: Body three, never cited.]\n"
    )
    assert kinds(parsed) == ["marker_without_footnote", "footnote_without_marker"]
    assert "[footnoteRef:2]" in parsed.anomalies[0].message and "line 1" in parsed.anomalies[0].message
    assert "Footnote 3" in parsed.anomalies[1].message
    assert [(n.number, n.passage_ordinal) for n in parsed.footnotes] == [(1, 1), (3, None)]
    assert parsed.passages[0].footnote_numbers == (1, 2)


def test_duplicate_body_keeps_the_first_and_is_reported():
    parsed = parse_text("Claim.[footnoteRef:1] [1: First body.] [1: Second body.]\n")
    assert kinds(parsed) == ["duplicate_footnote"]
    assert [n.text for n in parsed.footnotes] == ["First body."]
    assert parsed.passages[0].text == "Claim."


def test_missing_footnote_numbers_are_reported():
    parsed = parse_text("A.[footnoteRef:1] B.[footnoteRef:4] [1: One.] [4: Four.]\n")
    assert kinds(parsed) == ["footnote_number_gap"]
    assert "2-3" in parsed.anomalies[0].message


def test_unknown_markup_is_reported_and_left_in_the_text():
    parsed = parse_text("[comment: check this date] The port closed in 1774.\n")
    assert kinds(parsed) == ["unknown_markup"]
    assert "[comment:" in parsed.anomalies[0].message
    assert parsed.passages[0].text == "[comment: check this date] The port closed in 1774."


def test_anomalies_never_raise_on_broken_markup():
    parsed = parse_text("]] [[ [1: [footnoteRef:1] [2:\n\n[footnoteRef:x] [bookmark: \n")
    assert isinstance(parsed, ParsedText)
    assert parse_text("").passages == () and parse_text(" \n\n \r\n").passages == ()


# --- the Lexington pair: proof that parsing works beyond the two main texts ------------------------------


@pytest.mark.parametrize(("path", "count"), [(GAGE_FILE, 7), (NARRATIVE_FILE, 86)])
def test_lexington_texts_parse_into_their_printed_paragraphs(path, count):
    text = read(path)
    parsed = parse_text(text)
    assert parsed.layout == "paragraph-per-line"
    # Each printed paragraph is one line of the file: the passages are exactly those lines.
    assert [p.text for p in parsed.passages] == [
        collapse_whitespace(line) for line in text.splitlines() if line.strip()
    ]
    assert len(parsed.passages) == count
    assert max(len(p.text) for p in parsed.passages) < 5000
    # Their title pages and signature lines end in full stops, so nothing reads as a section heading; the
    # title page is read as the head but stays a passage, as printed.
    assert parsed.headings == ()
    assert parsed.title is not None and parsed.passages[0].text.startswith("A ")
    assert parsed.footnotes == () and parsed.anomalies == ()


def test_lexington_narrative_keeps_dates_and_abbreviations_within_a_sentence():
    parsed = parse_text(read(NARRATIVE_FILE))
    dates = [p for p in parsed.passages if p.text.startswith("MIDDLESEX, ss. April")]
    assert len(dates) == 14
    assert all(len(p.sentences) == 1 for p in dates)
    assert any(p.text == "MIDDLESEX, ss. April 23d. 1775." for p in dates)


# --- decoding ------------------------------------------------------------------------------------------


def test_decode_source_strips_a_byte_order_mark():
    assert decode_source("\ufeffStalin’s Toast\n".encode(), "toast.txt") == "Stalin’s Toast\n"
    assert decode_source(b"plain", "plain.txt") == "plain"


def test_decode_source_rejects_bytes_that_are_not_utf8():
    data = b"Korea " + "Kórea".encode("latin-1")
    with pytest.raises(SourceDecodeError) as caught:
        decode_source(data, "sources/bad.txt")
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "sources/bad.txt" in message and "byte 7" in message and "UTF-8" in message
