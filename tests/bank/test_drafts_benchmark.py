"""The drafts benchmark shows a reviewer the contrast a learner would see after answering."""

from tests.benchmarks.bench_drafts import _other_side

PAIRS = {
    "p1": {
        "relation": "qualifies",
        "a": {"source": "report", "quote": "That the emigrants corralled their wagons."},
        "b": {"source": "address", "quote": "They were attacked, but they entrenched themselves."},
    }
}


def test_a_support_quoted_with_the_sentence_before_it_still_shows_the_other_sources_side() -> None:
    """The draft quotes "…told me… That the emigrants corralled…": the contrast is the address's words,
    as the feedback page shows them, not the report's own sentence."""
    question = {
        "claim_pair": "p1",
        "support": {
            "source": "report",
            "quote": "The Indians told me they attacked. That the emigrants corralled their wagons.",
        },
    }
    assert _other_side(question, PAIRS) == (
        "qualifies",
        "They were attacked, but they entrenched themselves.",
    )
