"""Pure: a witness's answer asked about together with the question put to the witness.

In a transcript the claim often lies in the question and the answer together: "Could you see more than
one white light?" "I saw a glare of lights on her after deck." The answer alone is a fragment ("Into the
chart room."), and its "he" or "it" is named in the question. So an answer with something to say is
offered with its question, quoted as the transcript gives them, and asked about as one exchange.
"""

import re
from collections.abc import Iterable

from app.bank.generator.pairs import content_stems, stem
from app.bank.generator.questions import lower_words, prose

MAX_QUESTION_WORDS = 40  # a longer question is counsel's speech, too long for a prompt
MIN_ANSWER_WORDS = 2  # lower-case words of four letters or more: "Yes, Sir." or "Twenty." says nothing alone
_CAPITALISED = re.compile(r"\b[A-Z][a-z’'-]+")
_NOT_NAMES = frozenset({"Testimony", "Evidence", "Examination", "Deposition", "Statement", "The", "Of"})
# "(The Commissioner.) What are the other 2?": who asks, as the minutes print it, is not the question.
_ASKER = re.compile(r"^\((?:The\s+)?[A-Z][\w.\s-]*\)\s*")
# "…what happened, Captain?": counsel addresses the witness by rank or name, which gives the source away.
_ADDRESSED = re.compile(r",\s+(?:[A-Z][a-z’'-]+\.?\s*)+[?”\"’']*$")
# "How many passengers would you carry?": a figure asked for as a figure (REVIEW.md criterion 8).
_ASKS_A_FIGURE = re.compile(
    r"^(?:and\s+)?(?:how (?:many|much|far|old)\b|what rate\b"
    r"|what (?:is|was) (?:her|the|your) \w*\s*(?:speed|rate|tonnage|age)\b)",
    re.IGNORECASE,
)
# "What is your name?", "Just give us your address?": who the witness is, not what they saw.
_ABOUT_THE_WITNESS = re.compile(r"\byour (?:name|age|address|trade|occupation|rank)\b|\bhow old\b", re.I)
# What a witness saw, heard, said or knew: the ground an inquiry tests one witness against another on.
# "Did the wireless operator come back?" "The Chief Officer came back some time after." tests nothing.
_WITNESSING = re.compile(
    r"\b(?:s[ae]e[ns]?|saw|seeing|hear[ds]?|heard|tell|told|telling|say|said|ask|asked|knew|know|known|"
    r"understand|understood|think|thought|remark(?:ed)?|mention(?:ed)?|notice[ds]?|believed?|recollect|"
    r"remember(?:ed)?|report(?:ed)?|look(?:ed)?|watch(?:ed)?|call(?:ed)?|signal(?:led)?)\b",
    re.IGNORECASE,
)
# Words that carry no claim of their own in an answer: a clock time ("About twenty minutes past twelve"),
# a count, or a non-answer ("Oh, I do not know anything about that").
_NO_CLAIM = frozenset(
    stem(word)
    for word in re.findall(
        r"\S+",
        """minute minutes past half quarter clock o'clock hour hours morning night evening afternoon time till
        twenty thirty forty fifty sixty hundred thousand twelve eleven eight seven four five nine know knew
        anything nothing something remember recollect sure quite exactly think suppose perhaps""",
    )
)
_MARKUP = re.compile(r"\b(?:quot|amp|lt|gt|nbsp);")


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The words that name the witnesses ("Gibson", "Stanley"), from the sources' names."""
    return frozenset(w for name in names for w in _CAPITALISED.findall(name) if w not in _NOT_NAMES)


def exchange_question(question: str, answer: str, witnesses: frozenset[str]) -> str:
    """The question, when it and the answer make an exchange worth asking about; "" otherwise.

    Not when the exchange names or addresses a witness ("Is your name James Gibson?", "…, Captain?" give
    the source away), asks who the witness is or a bare figure, runs too long, or is not a question; not
    when the answer says too little to be a claim ("Yes.", an address, a bare clock time, "I do not know
    anything about that"), or the exchange is not about what
    the witness saw, heard, said or knew. Who asked ("(The Commissioner.)") is left out.
    """
    question = _ASKER.sub("", question).strip()
    words = question.split()
    if not words or len(words) > MAX_QUESTION_WORDS or not question.rstrip("”\"’' ").endswith("?"):
        return ""
    if witnesses & set(_CAPITALISED.findall(f"{question} {answer}")) or _ADDRESSED.search(question):
        return ""
    if _ASKS_A_FIGURE.search(question) or _ABOUT_THE_WITNESS.search(question) or _MARKUP.search(question):
        return ""
    if len(lower_words(answer)) < MIN_ANSWER_WORDS or not content_stems(answer) - _NO_CLAIM:
        return ""
    exchange = f"{question} {answer}"
    if not prose(exchange) or not _WITNESSING.search(exchange):  # question and answer: enough for a claim
        return ""
    return question
