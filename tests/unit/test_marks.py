"""Claim marks: a passage cut into segments by every claim's boundaries, whatever the claims' overlaps."""

import pytest

from app.reading.marks import Segment, Span, locate, place_quotes, segment

TEXT = "Stalin thanked Kim. Stalin said they lost nothing. The war went on."
THANKS = Span(0, 19, "thanks")  # "Stalin thanked Kim."
NOTHING = Span(20, 50, "nothing")  # "Stalin said they lost nothing."


def texts(segments: list[Segment]) -> list[str]:
    return [s.text for s in segments]


def test_single_span_is_marked_between_unmarked_text() -> None:
    segments = segment(TEXT, [NOTHING])
    assert texts(segments) == ["Stalin thanked Kim. ", "Stalin said they lost nothing.", " The war went on."]
    before, claim, after = segments
    assert not before.marked and not after.marked
    assert claim.covered_by == ("nothing",)
    assert claim.opens == ("nothing",) and claim.closes == ("nothing",)


def test_coinciding_spans_make_one_segment_that_opens_and_closes_both() -> None:
    twin = Span(20, 50, "twin")
    segments = segment(TEXT, [twin, NOTHING])
    assert texts(segments) == ["Stalin thanked Kim. ", "Stalin said they lost nothing.", " The war went on."]
    claim = segments[1]
    assert claim.covered_by == ("nothing", "twin")
    assert claim.opens == ("nothing", "twin")
    assert claim.closes == ("nothing", "twin")


def test_overlapping_spans_split_into_three_marked_segments() -> None:
    first = Span(7, 31, "first")  # "thanked Kim. Stalin said"
    second = Span(20, 50, "second")  # "Stalin said they lost nothing."
    segments = segment(TEXT, [second, first])
    assert texts(segments) == [
        "Stalin ",
        "thanked Kim. ",
        "Stalin said",
        " they lost nothing.",
        " The war went on.",
    ]
    assert [s.covered_by for s in segments] == [(), ("first",), ("first", "second"), ("second",), ()]
    assert [s.opens for s in segments] == [(), ("first",), ("second",), (), ()]
    # Each claim closes exactly once, so its counterpart link is drawn once, after its whole span.
    assert [s.closes for s in segments] == [(), (), ("first",), ("second",), ()]


def test_a_span_inside_another_is_named_after_the_enclosing_one() -> None:
    outer = Span(20, 50, "outer")
    inner = Span(32, 36, "inner")  # "they"
    segments = segment(TEXT, [inner, outer])
    assert texts(segments)[1:4] == ["Stalin said ", "they", " lost nothing."]
    assert segments[2].covered_by == ("outer", "inner")
    assert segments[2].closes == ("inner",)
    assert segments[3].closes == ("outer",)


def test_spans_at_the_start_and_at_the_end_of_the_text() -> None:
    end = Span(51, len(TEXT), "end")
    segments = segment(TEXT, [end, THANKS])
    assert texts(segments) == ["Stalin thanked Kim.", " Stalin said they lost nothing. ", "The war went on."]
    assert segments[0].opens == ("thanks",)
    assert segments[-1].closes == ("end",)
    assert not segments[1].marked


def test_a_span_over_the_whole_text_is_one_segment() -> None:
    assert segment(TEXT, [Span(0, len(TEXT), "all")]) == [Segment(TEXT, ("all",), ("all",), ("all",))]


def test_no_spans_leaves_the_text_whole_and_an_empty_text_has_no_segments() -> None:
    assert segment(TEXT, []) == [Segment(TEXT)]
    assert segment("", []) == []


@pytest.mark.parametrize(
    "spans",
    [
        [],
        [THANKS, NOTHING],
        [Span(0, 5, "x"), Span(3, 9, "y"), Span(3, 9, "z"), Span(8, 40, "w"), Span(60, len(TEXT), "v")],
        [Span(10, 10, "empty")],
    ],
)
def test_text_is_never_lost_and_each_claim_opens_and_closes_once(spans: list[Span]) -> None:
    segments = segment(TEXT, spans)
    assert "".join(texts(segments)) == TEXT
    marked = {s.label for s in spans if s.start < s.end}
    assert sorted(label for s in segments for label in s.opens) == sorted(marked)
    assert sorted(label for s in segments for label in s.closes) == sorted(marked)
    assert all(s.text for s in segments)


def test_a_span_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError):
        segment("short", [Span(2, 9, "too-long")])


def test_segments_hold_plain_text_and_leave_escaping_to_the_template() -> None:
    text = 'Kim wrote <b>"no"</b> & left.'
    segments = segment(text, [Span(10, 21, "tag")])
    assert texts(segments) == ["Kim wrote ", '<b>"no"</b>', " & left."]
    assert "&amp;" not in "".join(texts(segments)) and "<mark" not in "".join(texts(segments))


def test_locate_matches_a_quote_after_whitespace_collapse() -> None:
    assert locate(TEXT, "  Stalin said\n they   lost nothing. ") == (20, 50)
    assert locate(TEXT, "Stalin wept") is None
    assert locate(TEXT, "   ") is None


def test_place_quotes_marks_each_quote_once_at_its_first_place() -> None:
    passages = [("p1", "Kim spoke. Stalin listened."), ("p2", "Stalin listened. Stalin spoke.")]
    placed = place_quotes(
        passages, [("heard", "Stalin listened."), ("spoke", "Stalin spoke."), ("gone", "Mao")]
    )
    assert placed == {"p1": [Span(11, 27, "heard")], "p2": [Span(17, 30, "spoke")]}
