"""Pure: the overlapping parts of a long sentence, each short enough to carry one claim.

A scholarly sentence often makes two or three claims ("While they began the war as willingly subordinate
members of the bloc, they emerged from it with an altered posture"). Its meaning vector is the mean over
all its words, so a claim of the other source that faces only one of them is diluted by the rest. Scoring
a claim against each part of such a sentence as well lets the part that faces it speak for it.
"""

PART_WORDS = 12  # about one clause: long enough to hold a claim, short enough not to hold two
PART_STEP = 6  # parts overlap by half, so no claim is cut in two by every part
SHORTEST_SPLIT = PART_WORDS + 4  # a sentence this short or shorter is one part: itself


def sentence_parts(sentence: str) -> list[str]:
    """Overlapping runs of ``PART_WORDS`` words covering the sentence; [] when it is short enough already."""
    words = sentence.split()
    if len(words) <= SHORTEST_SPLIT:
        return []
    starts = list(range(0, len(words) - PART_WORDS + 1, PART_STEP))
    if starts[-1] + PART_WORDS < len(words):
        starts.append(len(words) - PART_WORDS)
    return [" ".join(words[start : start + PART_WORDS]) for start in starts]
