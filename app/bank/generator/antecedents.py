"""Pure: sentences that lean on the one before them ("He had already said…", "Stalin countered, however,").

Quoted alone, such a sentence leaves a learner guessing who "he" is or what was countered, and a question
built on it is ambiguous. `dangling_start` says why a sentence cannot stand alone; the question maker then
quotes the sentence before it as well (when the two are one verbatim run of the source) or skips it.
"""

from __future__ import annotations

import re

# A pronoun that is the subject or the owner of the subject: who it points at is in an earlier sentence.
_PRONOUN_SUBJECTS = frozenset(["he", "she", "they", "him", "her", "his", "their", "its", "them"])
# "This will mean…", "These are the result…": a demonstrative standing for something said before.
_DEMONSTRATIVES = frozenset(["this", "these", "that", "those", "such"])
_DEMONSTRATIVE_VERBS = frozenset(
    [
        "is",
        "was",
        "are",
        "were",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "should",
        "had",
        "has",
        "have",
        "meant",
        "means",
        "led",
        "made",
        "showed",
        "shows",
        "did",
        "does",
        "do",
        "also",
    ]
)
# "It was beyond imagination that…", "It seems unlikely…": an "it" that points at nothing is fine.
_EXPLETIVE_IT_VERBS = frozenset(
    [
        "is",
        "was",
        "seems",
        "seemed",
        "appears",
        "appeared",
        "would",
        "will",
        "may",
        "might",
        "must",
        "should",
        "could",
        "remains",
        "remained",
        "became",
        "becomes",
        "has",
        "had",
    ]
)
# Sentence openers that answer or continue an earlier sentence.
_CONNECTIVES = (
    "however",
    "but",
    "yet",
    "thus",
    "therefore",
    "hence",
    "nevertheless",
    "nonetheless",
    "moreover",
    "furthermore",
    "instead",
    "still",
    "then",
    "consequently",
    "accordingly",
    "meanwhile",
    "besides",
    "otherwise",
    "in response",
    "in return",
    "in addition",
    "in turn",
    "on the other hand",
    "at the same time",
    "for this reason",
)
_OPENING_CONNECTIVE = re.compile(
    r"^[“\"‘'(]?(?:" + "|".join(re.escape(c) for c in _CONNECTIVES) + r")\b", re.IGNORECASE
)
# "Stalin countered, however," "Li, in turn," : a connective inside the first clause.
_EARLY_CONNECTIVE = re.compile(
    r"^[^,;:]{0,60},\s*(?:however|therefore|though|in turn|instead|nevertheless|too|in response)\s*,",
    re.IGNORECASE,
)
# "Mao replied that…", "Stalin countered": a reply to something the sentence does not say.
_REPLY_VERBS = re.compile(
    r"^(?:[A-Z][\w’'.-]*\s){1,3}(?:countered|replied|responded|answered|retorted|objected)\b"
)


# "Though this process was quite predictable, …": "this process" is named only in the sentence before.
_DEMONSTRATIVE_AFTER_OPENING = re.compile(
    r"^[“\"‘'(]?(?:though|although|while|despite|after|before|since|given|with|under|because of|as a result "
    r"of|in spite of)\s+((?:this|these|that|those)\s+[a-z][\w’'-]*)",
    re.IGNORECASE,
)


# "Of these the Indians took…", "Upon this, the troops…", "In this way…": a phrase built on a demonstrative
# (or "them", "whom") that stands for what the sentence before said.
_PHRASE_ON_DEMONSTRATIVE = re.compile(
    r"^[“\"‘'(]?(?:of|from|among|besides|after|before|despite|by|for|with|to|in|on|upon|at|like|unlike)\s+"
    r"(this|these|those|them|whom|which)\b",
    re.IGNORECASE,
)
# "Particularly is this the case…": the demonstrative after an inverted verb.
_INVERTED_DEMONSTRATIVE = re.compile(r"^[A-Z][a-z]+ (?:is|was|are|were) (this|that|these|those)\b")
# "The emigrants agreed to this, and…": a demonstrative standing alone as the object.
_DEMONSTRATIVE_OBJECT = re.compile(
    r"\b(?:to|of|about|with|for|on|upon|at|by|from|in|did|do|does)\s+(this|these|those)\s*[,.;:!?]"
)
# "That the emigrants immediately corralled…": a clause reporting what someone said, the saying before it.
_REPORTED_CLAUSE_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "there",
        "some",
        "all",
        "no",
        "one",
        "several",
        "many",
    ]
)


# "Just after the liberation of the country (January 1950), he had already said…": the subject of the main
# clause is a pronoun after an opening phrase that names nobody.
_PRONOUN_AFTER_OPENING = re.compile(r"^([^,;:“\"]{3,120}),\s+(he|she|they)\s+[a-z]")
_MONTHS_AND_DAYS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def _names_someone(phrase: str) -> bool:
    """Whether an opening phrase holds a capitalised word (beyond its first) that could be the antecedent."""
    words = re.findall(r"[A-Za-z’']+", phrase)[1:]
    return any(w[0].isupper() and w.lower() not in _MONTHS_AND_DAYS for w in words)


def _past_or_pronoun(word: str) -> bool:
    """ "lasted", "continued" (a verb in the past) or "he" (an object put first): not a noun after "this"."""
    return (
        word in _PRONOUN_SUBJECTS
        or word in {"we", "i"}
        or (len(word) > 4 and word.endswith("ed") and not word.endswith("eed"))
    )


def dangling_start(sentence: str) -> str | None:
    """Why the sentence cannot be quoted alone (the word it leans on), or None when it stands alone."""
    words = re.findall(r"[A-Za-z’']+", sentence[:80])
    if not words:
        return None
    first, second = words[0].lower(), (words[1].lower() if len(words) > 1 else "")
    if first in _PRONOUN_SUBJECTS:
        return words[0]
    if first == "it" and second not in _EXPLETIVE_IT_VERBS:
        return words[0]
    if first in _DEMONSTRATIVES and (second in _DEMONSTRATIVE_VERBS or _past_or_pronoun(second)):
        return words[0]  # "This lasted…", "This he finally agreed to"
    if first == "that" and second in _REPORTED_CLAUSE_WORDS:
        return words[0]
    for pattern in (_PHRASE_ON_DEMONSTRATIVE, _INVERTED_DEMONSTRATIVE, _DEMONSTRATIVE_OBJECT):
        if match := pattern.search(sentence):
            return match.group(1)
    if match := _OPENING_CONNECTIVE.match(sentence):
        return match.group().lstrip("“\"‘'(")
    if match := _EARLY_CONNECTIVE.match(sentence):
        return match.group().rstrip(", ").split(",")[-1].strip()
    if match := _REPLY_VERBS.match(sentence):
        return match.group().split()[-1]
    if match := _DEMONSTRATIVE_AFTER_OPENING.match(sentence):
        return match.group(1)
    if (match := _PRONOUN_AFTER_OPENING.match(sentence)) and not _names_someone(match.group(1)):
        return match.group(2)
    return None


_PERSONAL = frozenset(["he", "him", "she", "her", "they", "them", "it"])


def leans_on_someone_unnamed(sentence: str) -> str | None:
    """In a witness's words, the first "he", "him", "them" or "it" that nothing before it in the sentence
    names ("I remained in the chart room when he told me…", "I have never heard of it"): the question or
    the answer before says who, and a learner shown the sentence alone cannot. None when there is none."""
    words = re.findall(r"[A-Za-z’']+", sentence)
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in _PERSONAL:
            following = words[index + 1].lower() if index + 1 < len(words) else ""
            if lower == "it" and following in _EXPLETIVE_IT_VERBS:
                continue  # "it is so long ago"
            return word
        if index and word[0].isupper() and lower != "i":
            return None  # a name before any pronoun: it may be what the pronoun stands for
    return None
