"""Pure: a prompt's quotation marks and apostrophes in one style, whatever the source was typed with.

Two sources are often typed differently: one transcription with straight marks ("…" and ' ), another with
curly ones (“…” and ’). A "Which source says this?" prompt that kept them would let a learner answer from
the marks alone, not from what the quote says. Prompts are set in curly marks; the support quote itself
stays verbatim, as the validator requires. A quotation quoted whole gets one pair of marks, not two.
"""

import re

_OPENING_BEFORE = re.compile(r"[\s(\[{—–…“‘-]")


def typeset(text: str) -> str:
    """``text`` with straight double and single marks turned to curly ones (opening or closing by what
    stands around them: after a space, bracket or ellipsis it opens, after a letter or stop it closes; an
    apostrophe is a closing ’)."""
    out: list[str] = []
    for position, char in enumerate(text):
        if char not in "\"'":
            out.append(char)
            continue
        before = text[position - 1] if position else " "
        following = text[position + 1 : position + 2]
        opening = bool(_OPENING_BEFORE.match(before)) or (not before.isalnum() and following.isalnum())
        if char == '"':
            out.append("“" if opening else "”")
        else:
            out.append("‘" if opening and following.isalpha() else "’")
    return _one_pair_around("".join(out))


def _one_pair_around(text: str) -> str:
    """ "…as quoted in Penrose: ““This circumstance … mentioned.””": a sentence that is itself all in
    quotation marks is quoted in one pair of marks, not two."""
    start, end = text.find("““"), text.rfind("””")
    if start < 0:
        return text
    if end < start:  # the quotation goes on past the sentence: only its opening mark is in the quote
        return text[:start] + text[start + 1 :]
    return text[:start] + text[start + 1 : end] + text[end + 1 :]
