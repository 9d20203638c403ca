"""Pure: a prompt's quotation marks and apostrophes in one style, whatever the source was typed with.

Two sources are often typed differently: one transcription with straight marks ("…" and ' ), another with
curly ones (“…” and ’). A "Which source says this?" prompt that kept them would let a learner answer from
the marks alone, not from what the quote says. Prompts are set in curly marks; the support quote itself
stays verbatim, as the validator requires.
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
    return "".join(out)
