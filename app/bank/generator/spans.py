"""Pure: a sentence's answerable spans (years, dates, numbers, percentages, people) and their distractors.

A cloze or typed question blanks one span of a source sentence; a multiple-choice question needs wrong
answers a teacher would accept as fair: of the same kind and granularity, drawn from the same texts, and
written the same way. Everything here works on any pair of plain-text sources, so the cues are general
(context words around a number, titles and verbs of speech around a name, how a word is used elsewhere in
the texts) rather than lists of what our two texts happen to contain. Stdlib only; no Flask, no database.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------------------
# Public data


@dataclass(frozen=True)
class Span:
    """A piece of a sentence a learner could be asked to supply, with what it means and how it is written."""

    kind: str  # "year", "date", "number", "percentage", "person"
    text: str  # exactly as it stands in the sentence
    start: int  # offsets into the sentence, end exclusive
    end: int
    # year: int (a decade its first year, a range (first, last)); date: (year or None, month, day or None);
    # number: float (a range (low, high)); percentage: a fraction (75.1% -> 0.751); person: canonical name
    value: object
    granularity: str
    fmt: str  # how the text is written, so render_like can write another value the same way
    unit: str = ""  # the counted noun after a number ("tons", "years"), so distractors count the same thing


@dataclass(frozen=True)
class PeopleIndex:
    """The people two texts name, so a sentence's "Zhou" reads as "Zhou Enlai" and a place is not a person."""

    # Canonical names, the fullest form the texts use ("Zhou Enlai", "Stalin"); a surname that only a title
    # tells apart keeps the title ("Colonel Smith" beside John Smith and Timothy Smith).
    full_names: frozenset[str]
    # Unambiguous short forms -> full name ("Zhou" -> "Zhou Enlai"; "Captain Parker" -> "John Parker").
    by_short: dict[str, str]
    # Every capitalised run the index weighed, so find_spans does not second-guess its verdicts.
    seen: frozenset[str] = frozenset()

    def canonical(self, name: str) -> str | None:
        """The canonical full name for any written form ("ZHOU ENLAI", "Kim Il Sung’s", "Capt. Parker")."""
        words = [_normal_word(w) for w in re.findall(r"[^\W\d_][\w’'.-]*", name)]
        words = [w[:-2] if w.endswith(("’s", "'s")) and len(w) > 3 else w for w in words]
        title = None
        while words and _title_of(words[0]) is not None:
            title = _title_of(words[0])
            words = words[1:]
        key = " ".join(w.rstrip(".") if not _is_initial_text(w) else w for w in words)
        if not key:
            return None
        if title and f"{title} {key}" in self.by_short:
            return self.by_short[f"{title} {key}"]
        if title and f"{title} {key}" in self.full_names:
            return f"{title} {key}"
        if key in self.full_names:
            return key
        return self.by_short.get(key)


# --------------------------------------------------------------------------------------------------
# Vocabulary. General English and general history-writing cues, not the contents of any one text.


def _word_list(text: str) -> list[str]:
    return text.split()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS = {
    name: number
    for number, name in enumerate(
        _word_list("january february march april may june july august september october november december"), 1
    )
}
_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in _MONTHS.items()} | {"sept": 9}
_MONTH_NAMES = [name.capitalize() for name in _MONTHS]
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_SEASONS = _words("spring summer autumn fall winter")

_UNITS_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_UNITS_WORDS += " sixteen seventeen eighteen nineteen"
_UNITS = {word: n for n, word in enumerate(_word_list(_UNITS_WORDS))}
_TENS = {
    word: 10 * n
    for n, word in enumerate(_word_list("twenty thirty forty fifty sixty seventy eighty ninety"), 2)
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES)

_ORDINAL_WORDS = {
    word: n
    for n, word in enumerate(
        _word_list(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth"
            " fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
        ),
        1,
    )
}
for _n, _word in enumerate(_word_list("first second third fourth fifth sixth seventh eighth ninth"), 1):
    _ORDINAL_WORDS[f"twenty-{_word}"] = 20 + _n
    _ORDINAL_WORDS[f"twenty {_word}"] = 20 + _n
_ORDINAL_WORDS |= {"thirtieth": 30, "thirty-first": 31, "thirty first": 31}
_ORDINAL_BY_NUMBER = {n: word for word, n in _ORDINAL_WORDS.items() if " " not in word}

# Words before a 4-digit number that make it a year.
_YEAR_BEFORE = _words(
    "in of since by until till from to after before during early late mid circa c ca around about"
    " between for year years spring summer autumn fall winter through throughout"
)
# Nouns that name an event after "the 1938 ...": the number is a year, not a count.
_EVENT_NOUNS = _words(
    "incident war wars revolution election elections agreement treaty armistice offensive campaign crisis"
    " plan budget census constitution law act report resolution uprising famine talks conference meeting"
    " summit session congress edition decree accords purge purges coup invasion battle strike riots"
    " massacre reform reforms harvest season letter speech visit document version visit events affair"
    " proclamation declaration decision directive truce ceasefire"
)
# Nouns and units after a number that make it a count.
_COUNT_WORDS = _words(
    "km kg g m cm mm t ton tons tonne tonnes meter meters metre metres mile miles yard yards foot feet"
    " pound pounds lb lbs dollar dollars rouble roubles ruble rubles yuan won yen hectare hectares acre acres"
    " unit units head pair pairs dozen hour hours minute minutes day days week weeks month months"
    " men people persons women children troops soldiers workers prisoners personnel cattle sheep police"
    " dead wounded killed strong"
)
_NOT_PLURAL_S = _words(
    "was has is as its this thus us across unless less whereas always perhaps besides towards afterwards"
    " his hers yes ours theirs whose was does goes news series means species politics economics"
    " various previous serious famous numerous tremendous"
)
# Before a number: a reference, not a fact ("pp. 78-79", "No. 5", "f. 5, op. 1, d. 12").
_REFERENCE_BEFORE = _words(
    "p pp page pages no nos vol vols fn n note notes footnote footnotes chapter chapters ch chap section"
    " sections sec art article articles item items point points paragraph paragraphs para clause clauses"
    " fig figure figures table tables line lines ll l f ff op d fond opis delo list folio fol box file doc"
    " reel appendix annex tab part book verse psalm number"
)
_APPROXIMATORS = _words(
    "about nearly almost some over under around approximately roughly only just more less fewer than up"
    " exactly precisely above below upwards upward at least most"
)

# Capitalised words that never begin or continue a person's name run (checked case-insensitively).
_STOP = (
    _words(
        "the a an of and or in on at to by for from with we i he she it they this that these those his her"
        " its their our my your as upon under over after before when while since though although thus"
        " however moreover but so if then there here not no yes all every each some any be is was were are"
        " had has have who which what where why how according among between during despite even just later"
        " like most many much nearly once only other rather same such than too very whenever whether within"
        " without yet you me him them us also both either neither nor into onto until unless because via"
        " per about above below again further furthermore indeed instead likewise meanwhile nevertheless"
        " nonetheless notwithstanding therefore consequently accordingly predictably apparently let do does"
        " did will would shall should can could may might must one none our ours whose whom whereupon soon"
        " first second third last next except towards toward against along across around near"
    )
    | _NUMBER_WORDS
)
# Titles and ranks written before a name ("Lieutenant Colonel Smith", "Capt. Parker", "Chairman Mao").
_TITLES = {
    word: word
    for word in _word_list(
        "President Comrade General Colonel Major Captain Ambassador Chairman Premier Marshal Lieutenant"
        " Sergeant Corporal Admiral Commander Minister Secretary Lord Lady Sir Dame Earl Duke Baron Count"
        " King Queen Prince Princess Emperor Empress Tsar Czar Governor Senator Judge Professor Reverend"
        " Bishop Archbishop Cardinal Pope Ensign Chargé Chancellor Consul Envoy Deputy Mr Mrs Ms Miss Dr"
        " Madame Monsieur Mister Doctor Chief Brigadier Commissar Generalissimo Field Vice Premier"
    )
}
_TITLES |= {"Capt": "Captain", "Col": "Colonel", "Gen": "General", "Lt": "Lieutenant", "Maj": "Major"}
_TITLES |= {"Sgt": "Sergeant", "Gov": "Governor", "Prof": "Professor", "Rev": "Reverend", "Adm": "Admiral"}
_TITLES |= {"Sen": "Senator", "Hon": "Honourable", "Cmdr": "Commander", "Lieut": "Lieutenant"}
_TITLE_ONLY = frozenset({"Field", "Vice", "Deputy", "Chief", "Count", "Doctor", "Miss", "Mister"})
# Lower-case words right before a name that say a person follows ("the historian Chen Jian").
_ROLES = _words(
    "historian historians scholar scholars author writer poet journalist leader dictator premier president"
    " chairman secretary minister ambassador envoy general marshal commander colonel captain major"
    " lieutenant sergeant officer comrade professor emperor king queen named called deponent witness"
    " brother sister son daughter wife husband father mother uncle aunt widow nephew niece cousin"
    " colleague successor predecessor deputy aide adviser advisor spokesman interpreter translator"
    " correspondent diplomat politician chargé consul governor mr mrs dr"
)
_APPOSITION_ROLES = _words(
    "representative delegate head chief founder editor leader spokesman commander official envoy"
)
# Verbs of speech and deliberate action after a name ("Mao replied", "Zhou thus explained").
_PERSON_VERBS = _words(
    "said says wrote writes told informed asked replied explained declared stated argued ordered proposed"
    " agreed added noted mentioned reported requested instructed continued countered conceded warned"
    " asserted emphasized emphasised repeated answered rejected accepted refused insisted visited resisted"
    " forwarded communicated discussed expressed displayed obliged intervened summoned concluded believed"
    " admonished voiced offered ruled joked dismissed acknowledged relayed urged described decided"
    " marched detached returned embarked testified testifies testifieth saith signed wanted hoped feared"
    " thought knew felt claimed denied complained recalled remembered observed commanded organized"
    " organised maintained stressed promised threatened approved cited doubted criticized criticised"
    " praised thanked greeted appointed telegraphed cabled responded objected demanded suggested"
    " recommended advised pressed ventured upbraided taunted sided expected cautioned confessed admitted"
    " recounted remarked announced proclaimed vowed swore pleaded begged died resigned smiled laughed"
    " doubted wished"
)
_ADVERBS = _words(
    "then thus also now later further still again soon once first finally immediately quickly therefore"
    " simply readily even indeed initially subsequently personally repeatedly promptly immediately"
    " never always often already sharply"
)
_AUXILIARIES = _words("had has have would will did does also")
# Prepositions that put a bare capitalised word in a place ("in Moscow", "at Concord").
_LOCATIVES = {"in": 1.0, "at": 1.0, "near": 1.0, "into": 1.0, "towards": 1.0, "toward": 1.0, "from": 0.5}
_LOCATIVES |= {"inside": 1.0, "outside": 1.0, "across": 1.0, "around": 0.5, "via": 1.0, "through": 0.5}
# Head words of places, organisations and things: a run holding one is not a person.
_NOT_PERSON_WORDS = _words(
    "union republic federation kingdom empire states nations army armies navy party parties committee"
    " ministry ministries archive archives bulletin council congress government politburo comintern"
    " assembly parliament senate court commission command department office bureau agency institute"
    " institution foundation center centre university college school academy library museum press"
    " society association corporation bank project program programme plan assistance front line"
    " convention treaty agreement pact accords declaration conference league alliance organization"
    " organisation movement revolution war wars battle campaign offensive operation incident crisis"
    " affair regiment regiments brigade battalion division corps company companies infantry cavalry"
    " artillery guards militia grenadiers troops forces volunteers street road avenue square hill"
    " hills heights mount mountain mountains river lake bay sea ocean gulf island islands peninsula"
    " valley bridge bridges province provinces region county district city town village harbor"
    " harbour port station church cathedral temple palace hall house castle fort farm common park"
    " garden prize award memorial monument plant factory works mine railway railroad airport canal"
    " dam highway prison camp hospital embassy legation consulate secretariat staff headquarters peace"
    " democracy democracies people peoples workers worker-peasant daily times post herald gazette"
    " journal review news magazine report records papers documents collection act law code"
    " constitution doctrine charter proclamation resolution bill budget era age dynasty period day"
    " week month year years century north south east west northeast northwest southeast southwest"
    " central eastern western northern southern upper lower great united democratic socialist"
    " communist soviet soviets russian russians chinese korean koreans japanese american americans"
    " british english french german germans polish hungarian romanian czech bulgarian mongolian"
    " european asian african provincial continental royal imperial federal national international"
    " military foreign political economic mutual capital majesty excellency highness lordship god"
    " christ heaven troops general-staff state states county colony colonies kings"
    " europe asia africa america americas australia antarctica korea china japan russia germany france"
    " britain england poland hungary romania bulgaria czechoslovakia mongolia manchuria siberia vietnam"
    " india taiwan mexico canada spain italy austria prussia holland netherlands belgium sweden norway"
    " denmark finland greece turkey egypt israel iran iraq persia cuba brazil argentina chile peru"
    " moscow beijing peking pyongyang seoul tokyo london paris berlin rome warsaw prague budapest"
    " bucharest vienna madrid lisbon athens cairo delhi hanoi saigon taipei shanghai nanjing kremlin"
    " ussr usa uk un prc dprk rok kmt cpsu cmea nato"
)
_NOT_PERSON_SUFFIXES = ("ese", "ism", "ist", "ists")
# Common given names (English and a few others): a run that starts with one is a person's name.
_GIVEN_NAMES = _words(
    "aaron abel abner abraham adam adrian alan albert alexander alfred alice amos andrew andrei angela"
    " ann anna anne anthony arthur asa barnabas bartholomew benjamin bernard caleb carl catherine"
    " charles christopher clara daniel david dmitri duncan ebenezer edmund edward eleanor elijah eliza"
    " elizabeth emily emma enoch ephraim esther ezekiel ezra frances francis frank frederick george"
    " georgy gideon gilbert gregory hannah harold harry helen henry hezekiah hugh isaac isaiah ivan jacob"
    " james jane jeremiah jesse joel john jonas jonathan joseph josef joshua josiah judith julia lemuel"
    " leonid levi lewis louis lucy luke margaret maria mark martha martin mary matthew micah micha"
    " michael mikhail moses nathan nathaniel nicholas nikita nikolai oliver patrick paul peter philip"
    " phillip phineas rachel ralph rebecca reuben rueben richard robert roger rufus ruth samuel sarah"
    " seth silas simeon simon solomon stephen susan susanna thaddeus theodore thomas timothy vladimir"
    " vyacheslav walter william zachariah zebulon"
)
# Family names written first (Korean, Chinese, Vietnamese): "Kim Il Sung", "Zhou Enlai".
_SURNAME_FIRST = _words(
    "kim lee li park pak choi choe jung jeong chung kang cho yoon yun jang lim han seo shin kwon hwang"
    " ahn ryu hong jeon moon yang bae baek heo nam noh kwak cha ri mao zhou chou peng chen shen wang"
    " zhang chang liu deng teng zhu chu lin huang zhao wu xu guo gao luo zheng liang xie tang feng"
    " dong cheng cai pan du dai xia zhong tian jiang yao tan liao zou xiong jin hao kong bai cui qiu qin"
    " yuan chiang nguyen tran pham vo dang bui ngo duong ho"
)
_NOT_INITIALS = frozenset({"St", "Mt", "Ft", "No", "Co", "Jr", "Sr", "Ss", "Pp", "Vs", "Cf", "Ed", "Ch"})
_PARTICLES = _words("de du da van von der den del della di bin ibn al le la")
_ARTICLES = frozenset({"the", "a", "an"})
_FIRST_PERSON = frozenset({"i", "we"})

_WORD = re.compile(r"[^\W\d_](?:[\w’'-]*[^\W_])?")
_CURRENCY = "$£€¥"


def _normal_word(word: str) -> str:
    """All-capital words ("PARKER", "MASSACHUSETTS-BAY") written as names are written elsewhere."""
    if len(word) > 1 and word.isupper():
        return "-".join(part.capitalize() for part in word.split("-")).replace("’S", "’s").replace("'S", "'s")
    return word


def _title_of(word: str) -> str | None:
    return _TITLES.get(word.rstrip("."))


def _is_initial_text(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]?\.", word)) and word[:-1] not in _NOT_INITIALS


# --------------------------------------------------------------------------------------------------
# Tokens and capitalised runs (the raw material for people)


@dataclass
class _Token:
    text: str  # as written, possessive "’s" removed, an initial's or title's period included
    start: int
    end: int
    norm: str  # as a name is written ("PARKER" -> "Parker")
    lower: str
    cap: bool  # starts with a capital letter
    possessive: bool = False
    sentence_start: bool = False
    glued: bool = False  # "anti-Kim": a capitalised name inside a lower-case compound
    initial: bool = False  # "V.", "Ia."
    title: str | None = None  # normalised title ("Capt." -> "Captain")
    all_caps: bool = False


def _tokens(text: str) -> list[_Token | str]:
    """Words as _Token, every other non-space character as a one-character string."""
    out: list[_Token | str] = []
    position = 0
    boundary = True
    length = len(text)
    while position < length:
        char = text[position]
        if char.isspace():
            if char == "\n" and position + 1 < length and text[position + 1] == "\n":
                boundary = True
            position += 1
            continue
        match = _WORD.match(text, position)
        if not match:
            out.append(char)
            if char in '.!?:;“"‘' or char == "\n":
                boundary = True
            elif char not in "”’'()[]—–-*†":
                boundary = False
            position += 1
            continue
        word = match.group()
        end = match.end()
        possessive = False
        if word.endswith(("’s", "'s", "’S", "'S")) and len(word) > 3:
            word = word[:-2]
            possessive = True
        dotted = not possessive and end < length and text[end] == "."
        token = _Token(
            word, position, position + len(word), _normal_word(word), word.lower(), word[0].isupper()
        )
        token.possessive = possessive
        token.sentence_start = boundary
        token.all_caps = len(word) > 1 and word.isupper()
        if "-" in word and not token.cap:
            token.glued = word.rsplit("-", 1)[-1][:1].isupper()
        title = _TITLES.get(word) if word[:1].isupper() else None
        if dotted and (title or _is_initial_text(word + ".")):
            token.text += "."
            token.end += 1
            token.norm = token.text if _is_initial_text(word + ".") else token.norm
            token.initial = title is None
            end = token.end
        token.title = title
        out.append(token)
        boundary = False
        position = end
    return out


@dataclass
class _Run:
    """A candidate name: consecutive capitalised words, after its titles, with the cues around it."""

    tokens: list[_Token]
    title: str | None  # the last title before the name
    before_run: _Token | str | None  # the item right before the run's titles
    after: list[_Token | str]  # up to six items after the run
    articled: bool  # "the Kim Chaek plant": a thing named after someone, not the person
    first_person: bool  # "I JOHN PARKER, of lawful age"
    role: bool  # "the historian Chen Jian"
    index: int  # position of the first token among the items, to find list neighbours
    end_index: int

    @property
    def key(self) -> str:
        return " ".join(t.norm for t in self.tokens)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def _is_name_word(item: _Token | str) -> bool:
    return (
        isinstance(item, _Token)
        and item.cap
        and item.lower not in _STOP
        and item.lower.rstrip(".") not in _MONTHS
        and not (item.lower in _MONTH_ABBREVIATIONS and item.text.endswith("."))
    )


def _runs(items: list[_Token | str], text: str) -> list[_Run]:
    runs: list[_Run] = []
    i = 0
    while i < len(items):
        item = items[i]
        if not _is_name_word(item):
            i += 1
            continue
        j = i
        group: list[_Token] = [item]  # type: ignore[list-item]
        while True:
            last = group[-1]
            if last.possessive or j + 1 >= len(items):
                break
            nxt = items[j + 1]
            gap = text[last.end : nxt.start] if isinstance(nxt, _Token) else None
            if _is_name_word(nxt) and gap is not None and gap.isspace() and "\n\n" not in gap:
                group.append(nxt)  # type: ignore[arg-type]
                j += 1
                continue
            if (
                isinstance(nxt, _Token)
                and nxt.lower in _PARTICLES
                and j + 2 < len(items)
                and _is_name_word(items[j + 2])
                and text[last.end : nxt.start] == " "
                and text[nxt.end : items[j + 2].start] == " "  # type: ignore[union-attr]
            ):
                group.extend([nxt, items[j + 2]])  # type: ignore[list-item]
                j += 2
                continue
            break
        runs.extend(_split_run(items, i, group))
        i = j + 1
    return runs


def _split_run(items: list[_Token | str], i: int, group: list[_Token]) -> list[_Run]:
    """Titles off the front ("DPRK Foreign Minister | Pak Hon-Yong"), things too ("State | Dean Rusk");
    unpunctuated lists split at given names ("William Read | Josiah Johnson | William Stickney")."""
    title = None
    cut = 0
    for k, token in enumerate(group):
        if not token.title or token.possessive:
            continue
        if token.title in _TITLE_ONLY and not (k + 1 < len(group) and group[k + 1].title):
            continue  # "Field Pieces", "Vice" alone: only a title before another title
        title = token.title
        cut = k + 1
    names = group[cut:]
    # "Secretary of State Dean Rusk", "United Nations Ia. Malik": the name after the thing.
    thing = max((k for k, t in enumerate(names[:-1]) if _excluded_word(t)), default=None)
    if thing is not None:
        title = None
        cut += thing + 1
        names = names[thing + 1 :]
    if not names:
        return []
    before_run = items[i + cut - 1] if thing is not None else items[i - 1] if i > 0 else None
    plain = not cut
    first_person = plain and isinstance(before_run, _Token) and before_run.lower in _FIRST_PERSON
    role = (
        isinstance(before_run, _Token)
        and not before_run.cap
        and (before_run.lower in _ROLES or before_run.lower.endswith("-named"))
    )
    articled = plain and isinstance(before_run, _Token) and before_run.lower in _ARTICLES
    pieces: list[list[_Token]] = [names]
    if len(names) > 3:
        pieces = []
        current: list[_Token] = []
        for token in names:
            if current and len(current) >= 2 and token.lower in _GIVEN_NAMES:
                pieces.append(current)
                current = []
            current.append(token)
        pieces.append(current)
    runs = []
    offset = i + cut
    for n, piece in enumerate(pieces):
        first = offset
        offset += len(piece)
        runs.append(
            _Run(
                tokens=piece,
                title=title if n == 0 else None,
                before_run=before_run if n == 0 else items[first - 1],
                after=items[first + len(piece) : first + len(piece) + 6],
                articled=articled and n == 0,
                first_person=first_person and n == 0,
                role=role and n == 0,
                index=first,
                end_index=first + len(piece) - 1,
            )
        )
    return runs


def _verb_follows(run: _Run) -> bool:
    """ "Mao replied", "Zhou thus explained", "Stalin had sharply limited", "Suzdalev, who took over"."""
    if run.tokens[-1].possessive:
        return False
    after = run.after
    if after[:1] == [","] and len(after) > 1 and isinstance(after[1], _Token):
        if after[1].lower == "who":
            return True
        if after[1].lower in _ARTICLES:  # "Li Kenong, the chief Chinese representative": a role in apposition
            words = [x.lower for x in after[2:5] if isinstance(x, _Token)]
            return any(w in _ROLES or w in _APPOSITION_ROLES for w in words)
    for item in after[:4]:  # at most three adverbs or auxiliaries between the name and its verb
        if not isinstance(item, _Token) or item.cap:
            return False
        if item.lower == "who" or item.lower in _PERSON_VERBS:
            return True
        if not (item.lower in _ADVERBS or item.lower in _AUXILIARIES or item.lower.endswith("ly")):
            return False
    return False


def _paragraphs_of(text: str) -> Iterable[str]:
    """Texts may be passages, sentences or whole texts; a blank line always ends a name."""
    yield from (part for part in re.split(r"\n\s*\n", text) if part.strip())


def _shape(tokens: Sequence[_Token]) -> str:
    """What a run looks like on its own: "given" (John Parker), "surname-first" (Zhou Enlai), "initial" (V.
    Molotov), or "" (nothing about the words themselves says person)."""
    first = tokens[0]
    if len(tokens) >= 2 and first.lower in _GIVEN_NAMES:
        return "given"
    if 2 <= len(tokens) <= 3 and first.lower in _SURNAME_FIRST:
        return "surname-first"
    if len(tokens) >= 2 and first.initial and not tokens[-1].initial:
        return "initial"
    return ""


def _surname(name: str) -> str:
    words = name.split()
    if len(words) >= 2 and words[0].lower() in _SURNAME_FIRST and len(words) <= 3:
        return words[0]
    return words[-1]


def _excluded_word(token: _Token) -> bool:
    lower = token.lower.rstrip(".")
    parts = lower.split("-")
    return (
        lower in _NOT_PERSON_WORDS
        or any(part in _NOT_PERSON_WORDS for part in parts)
        or lower in _WEEKDAYS
        or (lower.endswith(_NOT_PERSON_SUFFIXES) and lower not in _GIVEN_NAMES and len(lower) > 5)
    )


def _acronym(token: _Token, run: Sequence[_Token], title_cased: set[str]) -> bool:
    """ "DPRK", "UN", "POWs": acronyms. A word in capitals beside other words in capitals ("SAMUEL FREEMAN")
    or written in title case elsewhere ("General GAGE") is a word set in capitals."""
    bare = token.text.rstrip(".")
    if re.fullmatch(r"[A-Z]{2,}s?", bare) is None:
        return False
    if len(bare) <= 2 or not re.search(r"[AEIOUY]", bare):
        return True
    if token.norm in title_cased:
        return False
    return sum(1 for t in run if t.all_caps and len(t.text) > 2) < 2


# --------------------------------------------------------------------------------------------------
# The people index


@dataclass
class _Evidence:
    cues: float = 0.0  # title, verb of speech, "who", role word, "I JOHN PARKER"
    places: float = 0.0  # "in Moscow", "at Concord"
    titles: Counter[str] = field(default_factory=Counter)
    shape: str = ""
    tokens: tuple[str, ...] = ()
    neighbours: set[str] = field(default_factory=set)  # names listed beside it ("X, Y and Z")


def build_people_index(texts: Sequence[str]) -> PeopleIndex:
    """Find the people named in the texts, from cues in the texts themselves.

    Pass the parser's passages of both sources (`[p.text for p in parsed.passages]`); sentences work too,
    but a sentence split after an initial ("Ia. | Malik") cuts the name. Not the raw files: footnote
    bodies name archivists and authors, and "I. V. Stalin" in a citation would make the text's "Stalin" a
    short form of it.

    A capitalised run is a person when something around it says so (a title, a verb of speech, "who",
    a role word such as "historian"), when its words look like a name (a common given name first, a
    family name written first, an initial), or when it stands in a list beside other people. Runs that
    hold a place or organisation word, follow "the", or are mostly used as places ("in Moscow") are not.
    """
    runs_by_sentence: list[tuple[list[_Run], list[_Token | str]]] = []
    lower_words: set[str] = set()
    title_cased: set[str] = set()
    for text in texts:
        for chunk in _paragraphs_of(text):
            items = _tokens(chunk)
            for item in items:
                if isinstance(item, _Token):
                    if not item.cap:
                        lower_words.add(item.lower)
                    elif not item.all_caps and not item.sentence_start:
                        title_cased.add(item.norm)
            runs_by_sentence.append((_runs(items, chunk), items))

    evidence: dict[str, _Evidence] = defaultdict(_Evidence)
    seen: set[str] = set()
    for runs, items in runs_by_sentence:
        keys_in_order: list[tuple[_Run, str]] = []
        for run in runs:
            key = run.key
            seen.add(key)
            if run.articled or _unusable(run, title_cased):
                continue
            info = evidence[key]
            info.tokens = tuple(t.norm for t in run.tokens)
            info.shape = info.shape or _shape(run.tokens)
            if run.title:
                info.titles[run.title] += 1
                info.cues += 1
            if run.role or run.first_person or _verb_follows(run):
                info.cues += 1
            before = run.before_run
            if isinstance(before, _Token) and before.lower in _LOCATIVES and not run.title:
                info.places += _LOCATIVES[before.lower]
            keys_in_order.append((run, key))
        for (left, left_key), (right, right_key) in itertools.pairwise(keys_in_order):
            if _listed_together(items, left, right):
                evidence[left_key].neighbours.add(right_key)
                evidence[right_key].neighbours.add(left_key)

    people = _decide_people(evidence, lower_words)
    return _index_from(people, evidence, lower_words, seen)


def _unusable(run: _Run, title_cased: set[str]) -> bool:
    """A run that cannot be a person whatever the evidence: part of a compound, a thing, an acronym."""
    before = run.before_run
    if isinstance(before, _Token) and before.glued and before.end + 1 == run.start:
        return True  # "an anti-Kim Il Sung provocation"
    if any(_excluded_word(t) for t in run.tokens):
        return True
    if any(_acronym(t, run.tokens, title_cased) for t in run.tokens) and not (
        run.title and len(run.tokens) == 1
    ):
        return True
    if all(t.lower in _GIVEN_NAMES for t in run.tokens) and len(run.tokens) == 1:
        return True  # "THOMAS and DANIEL HARRINGTON": a bare given name says nothing on its own
    nxt = run.after[0] if run.after else None
    return isinstance(nxt, str) and nxt == "-"  # "Soviet-Korean", "Chinese-Korean"


def _listed_together(items: list[_Token | str], left: _Run, right: _Run) -> bool:
    """ "JOHN CHANDLER, jun. RUEBEN LOCK", "Kim Il Sung and Peng Dehuai", "Stalin and Mao"."""
    between = items[left.end_index + 1 : right.index]
    if right.title or not between or len(between) > 4 or _verb_follows(right):
        return False  # "wrote Das Kapital, and Engels replied": clauses joined, not names listed
    words = [x.lower if isinstance(x, _Token) else x for x in between]
    allowed = {",", "and", "&", "jun", "sen", "jr", "sr", ".", "3d", "2d", "esq"}
    return all(w in allowed for w in words) and any(w in {",", "and", "&"} for w in words)


def _decide_people(evidence: dict[str, _Evidence], lower_words: set[str]) -> set[str]:
    def common(word: str) -> bool:
        return word.lower() in lower_words and word.lower() not in _GIVEN_NAMES

    people: set[str] = set()
    for key, info in evidence.items():
        words = info.tokens
        if info.places >= max(info.cues, 0.5) and info.places > 0:
            continue  # mostly used as a place: "in Moscow", "at Lexington"
        if len(words) == 1:
            if info.cues >= 1 and not common(words[0]) and not info.shape and not words[0].endswith("."):
                people.add(key)
            continue
        looks_like_a_name = info.shape in {"given", "initial"}
        if looks_like_a_name or (
            (info.shape == "surname-first" or info.cues >= 1) and not any(map(common, words))
        ):
            people.add(key)
    # A name listed beside people is a person ("RUEBEN LOCK" among the deponents), and so is a name whose
    # family name speaks alone elsewhere ("Karl Marx" where "Marx later wrote"), if nothing says otherwise.
    changed = True
    while changed:
        changed = False
        for key, info in evidence.items():
            if key in people or len(info.tokens) < 2 or len(info.tokens) > 3:
                continue
            if info.places or any(map(common, info.tokens)):
                continue
            if info.neighbours & people or {info.tokens[0], info.tokens[-1]} & people:
                people.add(key)
                changed = True
    # "Elijah Sanderson Middlesex": a known name with a stray word after it is that name.
    for key in list(people):
        words = key.split()
        for cut in range(len(words) - 1, 1, -1):
            if " ".join(words[:cut]) in people:
                people.discard(key)
                break
    return people


def _index_from(
    people: set[str], evidence: dict[str, _Evidence], lower_words: set[str], seen: set[str]
) -> PeopleIndex:
    multi = sorted(p for p in people if len(p.split()) > 1)
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_titled: dict[str, set[str]] = defaultdict(set)
    for name in multi:
        words = name.split()
        # The family name by convention, and whichever end of the name the texts use alone ("Mao replied").
        shorts = {_surname(name)} | {
            w for w in (words[0], words[-1]) if w in evidence and w.lower() not in _GIVEN_NAMES
        }
        for surname in shorts:
            if not re.fullmatch(r"[A-Z][a-z]?\.", surname):
                by_surname[surname].add(name)
            for title in evidence[name].titles:
                by_titled[f"{title} {surname}"].add(name)
    by_short: dict[str, str] = {}
    for surname, names in by_surname.items():
        if len(names) == 1 and surname.lower() not in lower_words and surname.lower() not in _GIVEN_NAMES:
            by_short[surname] = next(iter(names))
    for titled, names in by_titled.items():
        if len(names) == 1:
            by_short[titled] = next(iter(names))
    full_names = set(multi)
    for name in people - set(multi):
        if name in by_short:
            continue  # "Mao" alone is Mao Zedong
        if name in by_surname:
            # "Smith" beside John Smith and Timothy Smith: only a title can tell them apart.
            for title in evidence[name].titles:
                titled = f"{title} {name}"
                if titled not in by_short:
                    full_names.add(titled)
            continue
        full_names.add(name)
    return PeopleIndex(frozenset(full_names), by_short, frozenset(seen))


# --------------------------------------------------------------------------------------------------
# Finding spans in a sentence


@dataclass
class _Candidate:
    length: int
    priority: int  # lower wins among equal lengths
    start: int
    end: int
    span: Span | None = field(compare=False, default=None)  # None: a region nothing may be taken from


def find_spans(sentence: str, people: PeopleIndex) -> list[Span]:
    """The answerable spans of one sentence, sorted by start and non-overlapping (the longest wins)."""
    candidates: list[_Candidate] = []
    candidates.extend(_date_candidates(sentence))
    candidates.extend(_numeric_candidates(sentence))
    candidates.extend(_word_number_candidates(sentence))
    candidates.extend(_person_candidates(sentence, people))
    candidates.sort(key=lambda c: (-c.length, c.priority, c.start))
    taken: list[_Candidate] = []
    for candidate in candidates:
        if all(candidate.end <= other.start or candidate.start >= other.end for other in taken):
            taken.append(candidate)
    return sorted((c.span for c in taken if c.span is not None), key=lambda s: s.start)


def _candidate(span: Span, priority: int) -> _Candidate:
    return _Candidate(span.end - span.start, priority, span.start, span.end, span)


def _blocked(start: int, end: int) -> _Candidate:
    return _Candidate(end - start, 0, start, end, None)


# People ------------------------------------------------------------------------------------------


def _person_candidates(sentence: str, people: PeopleIndex) -> list[_Candidate]:
    items = _tokens(sentence)
    title_cased = {t.norm for t in items if isinstance(t, _Token) and t.cap and not t.all_caps}
    out: list[_Candidate] = []
    for run in _runs(items, sentence):
        before = run.before_run
        if isinstance(before, _Token) and before.glued and before.end + 1 == run.start:
            out.append(_blocked(run.start, run.end))
            continue
        if run.articled or any(_excluded_word(t) for t in run.tokens):
            continue
        out.extend(_match_known(sentence, run, people, title_cased))
    return out


def _match_known(sentence: str, run: _Run, people: PeopleIndex, title_cased: set[str]) -> list[_Candidate]:
    """Cover the run with known names, left to right, longest first; a stray word may only trail."""
    tokens = run.tokens
    found: list[_Candidate] = []
    i = 0
    while i < len(tokens):
        match = None
        for j in range(len(tokens), i, -1):
            key = " ".join(t.norm for t in tokens[i:j])
            value = None
            if i == 0 and run.title:
                value = people.by_short.get(f"{run.title} {key}")
                if value is None and f"{run.title} {key}" in people.full_names:
                    value = f"{run.title} {key}"
            if value is None:
                value = key if key in people.full_names else people.by_short.get(key)
            unseen = i == 0 and j == len(tokens) and run.title and key not in people.seen
            if value is None and unseen and not any(_acronym(t, tokens, title_cased) for t in tokens):
                value = key  # a titled name the index never saw: "General Smith" in a new sentence
            if value is not None:
                match = (j, value, key)
                break
        if match is None:
            last = found[-1].span if found else None
            if last is None or last.granularity != "full" or " " not in last.text.strip():
                return []
            break  # "Elijah Sanderson Middlesex": keep the full name, leave the stray word
        j, value, key = match
        start, end = tokens[i].start, tokens[j - 1].end
        text = sentence[start:end]
        granularity = "full" if key == value else "surname"
        span = Span("person", text, start, end, value, granularity, "name", _role_of(run) if i == 0 else "")
        found.append(_candidate(span, 5))
        i = j
    return found


def _role_of(run: _Run) -> str:
    """The title or role written before a name ("captain", "historian"), so distractors can share it."""
    if run.title:
        return run.title.lower()
    before = run.before_run
    if run.role and isinstance(before, _Token):
        return before.lower
    return ""


# Dates -------------------------------------------------------------------------------------------

_MONTH_PATTERN = (
    r"(?P<month>(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.)"
)
_YEAR_PATTERN = r"(?P<year>1\d{3}|20\d{2})(?![\d\w]|[-–]\d)"
_DAY_PATTERN = r"(?P<day>[0-3]?\d)(?P<ord>st|nd|rd|th|d)?"
_ORDINAL_PATTERN = "(?P<dayword>" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + ")"
_DATE_PATTERNS = [
    re.compile(
        rf"(?<![\w/–-]){_DAY_PATTERN}(?P<sep1>\s+(?:day\s+)?of\s+|\s+){_MONTH_PATTERN}(?![\w/])"
        rf"(?:(?P<sep2>,\s*|\.\s+|\s+){_YEAR_PATTERN})?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w/-]){_ORDINAL_PATTERN}(?P<sep1>\s+(?:day\s+)?of\s+){_MONTH_PATTERN}(?![\w/])"
        rf"(?:(?P<sep2>,\s*|\s+){_YEAR_PATTERN})?",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\w/]){_MONTH_PATTERN}(?P<sep1>\s+){_DAY_PATTERN}(?![\d\w])(?!\s*[-–]\s*\d)"
        rf"(?:(?P<sep2>,\s*|\.\s+|\s+){_YEAR_PATTERN})?",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![\w/]){_MONTH_PATTERN}(?P<sep1>,?\s+|\s+of\s+){_YEAR_PATTERN}", re.IGNORECASE),
]
_DAY_RANGE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th|d)?\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th|d)?\s+{_MONTH_PATTERN}(?:,?\s+\d{{4}})?",
    re.IGNORECASE,
)


def _date_candidates(sentence: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for match in _DAY_RANGE.finditer(sentence):
        out.append(_blocked(match.start(), match.end()))
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(sentence):
            span = _date_span(sentence, match)
            if span is not None:
                out.append(_candidate(span, 1))
    return out


def _date_span(sentence: str, match: re.Match[str]) -> Span | None:
    groups = match.groupdict()
    month_text = groups["month"]
    if not month_text[0].isupper():
        return None  # "may", "march" as words
    month_key = month_text.rstrip(".").lower()
    month = _MONTHS.get(month_key) or _MONTH_ABBREVIATIONS.get(month_key)
    if month is None:
        return None
    day = None
    if groups.get("day"):
        day = int(groups["day"])
    elif groups.get("dayword"):
        day = _ORDINAL_WORDS[groups["dayword"].lower()]
    year = int(groups["year"]) if groups.get("year") else None
    if day is not None and not 1 <= day <= 31:
        return None
    if day is not None and year is not None:
        try:
            _dt.date(year, month, day)
        except ValueError:
            return None
    if day is None and year is None:
        return None
    fmt = _ordered_fmt(match)
    text = match.group()
    return Span("date", text, match.start(), match.end(), (year, month, day), "day" if day else "month", fmt)


def _date_piece(name: str, text: str) -> str:
    if name == "day":
        return "{dd}" if len(text) == 2 and text.startswith("0") else "{d}"
    if name == "dayword":
        return "{DAYWORD}" if text.isupper() else "{Dayword}" if text[0].isupper() else "{dayword}"
    if name == "ord":  # "23d" is old style, "23rd" modern; "19th" says nothing, so the date's period decides
        return {"d": "{ord_old}", "nd": "{ord}", "rd": "{ord}"}.get(text.lower(), "{ord_any}")
    if name == "month":
        if text.endswith("."):
            return "{Mon}."
        return "{MONTH}" if text.isupper() else "{Month}"
    if name == "year":
        return "{yyyy}"
    return text.replace("{", "").replace("}", "")


def _ordered_fmt(match: re.Match[str]) -> str:
    pieces = []
    for name, text in match.groupdict().items():
        if text is not None:
            pieces.append((match.start(name), _date_piece(name, text)))
    return "".join(piece for _, piece in sorted(pieces))


# Numbers -----------------------------------------------------------------------------------------

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_PERCENT = re.compile(rf"(?P<num>{_NUMBER})(?P<space>\s?)(?P<sym>%|per\s?cent\b|percent\b)", re.IGNORECASE)
_SCALED = re.compile(rf"(?P<num>{_NUMBER})(?P<space>\s)(?P<scale>million|billion|thousand)\b", re.IGNORECASE)
_DIGIT_RANGE = re.compile(
    rf"(?P<a>{_NUMBER})(?P<sep>\s?[-–]\s?|\s+(?:to|or)\s+)(?P<b>{_NUMBER})(?![\d\w%]|\.\d)"
)
_YEAR_RANGE = re.compile(
    r"(?P<a>1\d{3}|20\d{2})(?P<sep>\s?[-–—]\s?|/)(?P<b>1\d{3}|20\d{2}|\d{2})(?![\d\w%]|[.,]\d)"
)
_DECADE = re.compile(
    r"(?P<pre>(?:early|mid|late)[-\s])?(?P<decade>1\d{2}0|20\d0)(?P<suf>s|’s|'s)(?!\w)", re.I
)
_PLAIN_NUMBER = re.compile(rf"{_NUMBER}(?![\d\w%]|\.\d|-[^\W\d_])")
_REFERENCE_SHAPES = re.compile(r"\d+(?:\.\d+){2,}|\d+:\d+|\(\d{1,2}\)|^\s*\d{1,2}[.)]\s")


def _numeric_candidates(sentence: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for match in _REFERENCE_SHAPES.finditer(sentence):
        out.append(_blocked(match.start(), match.end()))
    for match in _PERCENT.finditer(sentence):
        if _glued(sentence, match.start(), match.end()) or _reference_before(sentence, match.start()):
            continue
        number = match.group("num")
        value = round(float(number.replace(",", "")) / 100, 12)
        decimals = len(number.split(".")[1]) if "." in number else 0
        symbol = match.group("sym")
        fmt = _digits_fmt(number) + match.group("space") + symbol
        granularity = "decimal" if decimals else "integer"
        out.append(
            _candidate(
                Span("percentage", match.group(), match.start(), match.end(), value, granularity, fmt), 2
            )
        )
    for match in _YEAR_RANGE.finditer(sentence):
        if _glued(sentence, match.start(), match.end()) or _reference_before(sentence, match.start()):
            continue
        first, second = int(match.group("a")), match.group("b")
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if not 0 < last - first <= 150 or _count_after(sentence, match.end()):
            continue
        fmt = "{}" + match.group("sep") + ("{:02d}" if len(second) == 2 else "{}")
        span = Span("year", match.group(), match.start(), match.end(), (first, last), "range", fmt)
        out.append(_candidate(span, 2))
    for match in _DECADE.finditer(sentence):
        if _glued(sentence, match.start(), match.end()):
            continue
        prefix = match.group("pre") or ""
        fmt = prefix + "{}" + match.group("suf")
        value = int(match.group("decade"))
        out.append(
            _candidate(Span("year", match.group(), match.start(), match.end(), value, "decade", fmt), 2)
        )
    for match in _SCALED.finditer(sentence):
        if _glued(sentence, match.start(), match.end()) or _reference_before(sentence, match.start()):
            continue
        number = match.group("num")
        scale = match.group("scale")
        value = float(number.replace(",", "")) * _SCALES[scale.lower()]
        fmt = _digits_fmt(number) + match.group("space") + scale
        granularity = "decimal" if "." in number else "integer"
        span = Span("number", match.group(), match.start(), match.end(), value, granularity, fmt)
        out.append(_candidate(_with_unit(span, sentence), 3))
    previous_kind: dict[int, str] = {}
    singles: list[tuple[re.Match[str], str]] = []
    for match in _PLAIN_NUMBER.finditer(sentence):
        kind = _single_kind(sentence, match, previous_kind)
        previous_kind[match.start()] = kind
        singles.append((match, kind))
    for match in _DIGIT_RANGE.finditer(sentence):
        kinds = [k for m, k in singles if m.start() in (match.start(), match.start("b"))]
        if len(kinds) != 2 or kinds[0] != "number" or kinds[1] != "number":
            continue
        low, high = (float(match.group(g).replace(",", "")) for g in ("a", "b"))
        if low >= high or _month_after(sentence, match.end()):
            continue
        inner = _digits_fmt(match.group("a"))
        if _digits_fmt(match.group("b")) != inner:
            continue
        fmt = "range:" + match.group("sep") + ":" + inner
        span = Span("number", match.group(), match.start(), match.end(), (low, high), "range", fmt)
        out.append(_candidate(_with_unit(span, sentence), 3))
    for match, kind in singles:
        if kind == "blocked":
            out.append(_blocked(match.start(), match.end()))
            continue
        if kind == "skip":
            continue
        text = match.group()
        if kind == "year":
            out.append(_candidate(Span("year", text, match.start(), match.end(), int(text), "year", "{}"), 4))
            continue
        value = float(text.replace(",", ""))
        granularity = "thousands" if "," in text else "decimal" if "." in text else "integer"
        span = Span("number", text, match.start(), match.end(), value, granularity, _digits_fmt(text))
        out.append(_candidate(_with_unit(span, sentence), 4))
    return out


def _digits_fmt(number: str) -> str:
    decimals = len(number.split(".")[1]) if "." in number else 0
    whole = "0,000" if "," in number else "0"
    return whole + ("." + "0" * decimals if decimals else "")


def _glued(sentence: str, start: int, end: int) -> bool:
    """Digits stuck to a word or to closing punctuation are note calls ("the war.12 Then"), not facts."""
    before = sentence[start - 1] if start else ""
    if before and (before.isalnum() or before in "._[〈<{^"):  # "[3]", "〈1 paragraph〉": editorial marks
        return True
    if before in ',;:”"’)]' and start >= 2 and not sentence[start - 2].isspace():
        return not re.match(r"\s+[a-z]", sentence[end:])  # "cotton wool,1,000,000 meters" is a number
    return False


def _words_before(sentence: str, start: int, count: int = 2) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w’'.]+|[,;:(]", sentence[:start])[-count:]]


def _words_after(sentence: str, end: int, count: int = 3) -> list[str]:
    return re.findall(r"[\w’'-]+|[,;:)]", sentence[end:])[:count]


def _reference_before(sentence: str, start: int) -> bool:
    before = _words_before(sentence, start, 1)
    return bool(before) and before[0].rstrip(".") in _REFERENCE_BEFORE


def _month_after(sentence: str, end: int) -> bool:
    after = _words_after(sentence, end, 1)
    return bool(after) and after[0].lower() in _MONTHS


def _plural_like(word: str) -> bool:
    lower = word.lower()
    if lower in _COUNT_WORDS:
        return True
    return (
        word[:1].islower()
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is"))
        and lower not in _NOT_PLURAL_S
        and len(lower) > 2
    )


def _count_after(sentence: str, end: int) -> bool:
    after = _words_after(sentence, end, 3)
    if after[:2] == ["out", "of"] or (len(after) >= 2 and after[0] == "of" and after[1][:1].isdigit()):
        return True
    for word in after[:2]:
        if not re.fullmatch(r"[A-Za-z’'-]+", word):
            return False
        if _plural_like(word) or word.lower() in _COUNT_WORDS:
            return True
        if word.lower() in _STOP or word.lower() in _EVENT_NOUNS:
            return False
    return False


def _single_kind(sentence: str, match: re.Match[str], previous: dict[int, str]) -> str:
    """ "year", "number", "blocked" (a reference or part of a name), or "skip" (a 4-digit number that might
    be either: offering it as one or the other could mislead, so it is not offered)."""
    start, end, text = match.start(), match.end(), match.group()
    if _glued(sentence, start, end) or _reference_before(sentence, start):
        return "blocked"
    if re.search(r"\d\s?[-–]\s?$", sentence[:start]) and previous:
        return previous[max(previous)]  # the second half of "pp. 78-79" is what the first half is
    before_text = sentence[:start]
    prev_token = re.search(r"([^\W\d_][\w’'.]*)\s+$", before_text)
    if prev_token:
        word = prev_token.group(1)
        bare = word.rstrip(".")
        sentence_initial = not re.search(r"\S", before_text[: prev_token.start()])
        if (
            word[:1].isupper()
            and not sentence_initial
            and bare.lower() not in _STOP
            and bare.lower() not in _APPROXIMATORS
            and bare.lower() not in _MONTHS
            and bare.lower() not in _SEASONS
            and bare.lower() not in _MONTH_ABBREVIATIONS
            and bare.lower() not in _YEAR_BEFORE
            and bare.lower() not in _WEEKDAYS
        ):
            return "blocked"  # "Evans 13869", "Route 66": part of a name
    if "," in text or "." in text or not re.fullmatch(r"1\d{3}|20\d{2}", text):
        return "number"
    before = _words_before(sentence, start, 2)
    if before[-2:] == ["out", "of"] or _count_after(sentence, end):
        return "number"
    if before and before[-1] == "of" and re.search(r"\d[\d,]*\s+of\s+$", before_text):
        return "number"  # "830 of 945"
    last = before[-1].rstrip(".") if before else ""
    if not before:
        return "year"
    if last in _YEAR_BEFORE or last in _MONTHS or last in _SEASONS or last == "(":
        return "year"
    after = _words_after(sentence, end, 1)
    if last == "the" and after and after[0].lower() in _EVENT_NOUNS:
        return "year"
    if last in {",", "and", "or", "&", ";"} and previous:
        return previous[max(previous)] if previous[max(previous)] in {"year", "number"} else "skip"
    if after and after[0] == ",":
        return "year"  # "the treaty signed 1953, which": a count would name what it counts
    return "skip"


def _with_unit(span: Span, sentence: str) -> Span:
    """The counted noun: "5,346 tons of", "396 out of 624 station buildings", "six Companies", "3 o'Clock"."""
    after = _words_after(sentence, span.end, 7)
    unit = ""
    content = 0
    for n, word in enumerate(after):
        lower = word.lower().replace("’", "'")
        if re.fullmatch(r"\d[\d,.]*", word) or (lower in {"out", "of"} and n < 2):
            continue  # "396 out of 624 station buildings"
        content += 1
        if not re.fullmatch(r"[A-Za-z'’-]+", word) or lower in _STOP or content > 3:
            break
        if lower == "o'clock" or lower in _COUNT_WORDS or _plural_like(lower):
            unit = lower
            break
    if not unit and after and re.fullmatch(r"[a-z][a-z’'-]*", after[0]) and after[0] not in _STOP:
        unit = after[0].replace("’", "'")
    return Span(
        span.kind, span.text, span.start, span.end, span.value, span.granularity, span.fmt, _singular(unit)
    )


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1]


# Numbers in words --------------------------------------------------------------------------------

_NUMBER_WORD_RE = re.compile(
    r"(?<![\w])(?:an?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)


def _word_number_candidates(sentence: str) -> list[_Candidate]:
    words = list(_NUMBER_WORD_RE.finditer(sentence))
    phrases: list[tuple[int, int, int, bool]] = []  # start, end, value, lonely (just "one")
    i = 0
    while i < len(words):
        parsed = _parse_number_words(sentence, words, i)
        if parsed is None:
            i += 1
            continue
        j, value = parsed
        start, end = words[i].start(), words[j - 1].end()
        lonely = j - i == 1 and words[i].group().lower() == "one"
        phrases.append((start, end, value, lonely))
        i = j
    out: list[_Candidate] = []
    used: set[int] = set()
    for n in range(len(phrases) - 1):
        (s1, e1, v1, _), (s2, e2, v2, _) = phrases[n], phrases[n + 1]
        joiner = re.fullmatch(r"\s+(to|or)\s+|\s*[-–]\s*", sentence[e1:s2])
        if joiner and v1 < v2 and not _hyphen_ordinal(sentence, e2):
            fmt = "range:" + sentence[e1:s2] + ":" + _words_fmt(sentence[s1:e1], sentence[s2:e2])
            span = Span("number", sentence[s1:e2], s1, e2, (float(v1), float(v2)), "range", fmt)
            out.append(_candidate(_with_unit(span, sentence), 3))
            used.update({n, n + 1})
    for n, (start, end, value, lonely) in enumerate(phrases):
        if n in used:
            continue
        text = sentence[start:end]
        if lonely or _hyphen_ordinal(sentence, end) or _reference_before(sentence, start):
            out.append(_blocked(start, end))
            continue
        if _inside_name(sentence, start, end) or _after_month(sentence, start):
            out.append(_blocked(start, end))
            continue
        span = Span("number", text, start, end, float(value), "words", _words_fmt(text))
        out.append(_candidate(_with_unit(span, sentence), 4))
    return out


def _parse_number_words(sentence: str, words: list[re.Match[str]], i: int) -> tuple[int, int] | None:
    """The longest well-formed number phrase from words[i]: "one thousand, seven hundred and seventy five",
    "twenty-four", "an hundred". Returns (index after it, value)."""
    total = 0
    current = 0
    last_kind = ""  # "unit", "teen", "tens", "hundred", "scale", "article"
    best: tuple[int, int] | None = None
    j = i
    while j < len(words):
        word = words[j].group().lower()
        if j > i:
            gap = sentence[words[j - 1].end() : words[j].start()]
            joined_and = re.fullmatch(r"\s+and\s+", gap) is not None
            joined_comma = re.fullmatch(r",\s+", gap) is not None
            if not (re.fullmatch(r"\s+|\s*-\s*", gap) or joined_and or joined_comma):
                break
            if joined_and and last_kind not in {"hundred", "scale"}:
                break
            if joined_comma and last_kind != "scale":
                break
        if word in {"a", "an"}:
            following = words[j + 1].group().lower() if j + 1 < len(words) else ""
            gap = sentence[words[j].end() : words[j + 1].start()] if following else ""
            if j > i or following not in _SCALES or not gap.isspace():
                break  # "a two kilometer wide zone": the article is not part of the number
            last_kind = "article"
        elif word in _UNITS:
            if last_kind in {"unit", "teen"} or (last_kind == "tens" and _UNITS[word] >= 10):
                break
            if _UNITS[word] >= 10:
                current += _UNITS[word]
                last_kind = "teen"
            else:
                current += _UNITS[word]
                last_kind = "unit"
        elif word in _TENS:
            if last_kind in {"unit", "teen", "tens"}:
                break
            current += _TENS[word]
            last_kind = "tens"
        elif word == "hundred":
            if not (last_kind == "article" or (last_kind in {"unit", "teen"} and 0 < current < 100)):
                break
            current = (current or 1) * 100
            last_kind = "hundred"
        else:  # thousand, million, billion
            if last_kind == "scale" or (current == 0 and last_kind != "article"):
                break
            total += (current or 1) * _SCALES[word]
            current = 0
            last_kind = "scale"
        j += 1
        if last_kind != "article":
            best = (j, total + current)
    return best


def _hyphen_ordinal(sentence: str, end: int) -> bool:
    return bool(re.match(r"-[^\W\d_]", sentence[end:]))  # "fifty-second regiment"


def _inside_name(sentence: str, start: int, end: int) -> bool:
    """ "the Three Year Plan": a capitalised number word in a name."""
    if not sentence[start].isupper():
        return False
    before = _words_before(sentence, start, 1)
    after = re.match(r"\s+([A-Z][\w’'-]*)", sentence[end:])
    return bool(before and before[0] == "the" and after and not after.group(1).lower().endswith("s"))


def _after_month(sentence: str, start: int) -> bool:
    before = _words_before(sentence, start, 1)
    return bool(before) and before[0].rstrip(".").lower() in _MONTHS  # "April one thousand ... seventy five"


def _words_fmt(*texts: str) -> str:
    letters = " ".join(texts)
    words = [w for w in re.findall(r"[A-Za-z]+", letters) if w.lower() not in {"a", "an", "and"}]
    if all(w.isupper() for w in words) and any(len(w) > 1 for w in words):
        case = "upper"
    elif all(w[0].isupper() for w in words):
        case = "title"
    else:
        case = "lower"
    hyphen = (
        " "
        if re.search(r"(?:ty)\s+(?:one|two|three|four|five|six|seven|eight|nine)\b", letters, re.I)
        else "-"
    )
    conjunction = "and" if re.search(r"hundred\s+and\s", letters, re.I) else ""
    return f"words:{case}:{hyphen}:{conjunction}"


# --------------------------------------------------------------------------------------------------
# Distractors and rendering


def same_kind_candidates(span: Span, pool: Sequence[Span]) -> list[Span]:
    """Wrong answers for `span` from `pool`: same kind, granularity and format family, each value once,
    closest first (years by distance, numbers by ratio and the same counted noun first, people by how
    often the texts name them)."""
    family = _family(span)
    answer_text = render_like(span, span.value)
    chosen: dict[object, Span] = {}
    counts: Counter[object] = Counter()
    order: dict[object, int] = {}
    for n, other in enumerate(pool):
        if other.kind != span.kind or _family(other) != family or other.value == span.value:
            continue
        try:
            if render_like(span, other.value) == answer_text:
                continue
        except (TypeError, ValueError):
            continue
        counts[other.value] += 1
        order.setdefault(other.value, n)
        if other.value not in chosen or (other.unit == span.unit and chosen[other.value].unit != span.unit):
            chosen[other.value] = other
    roles: dict[object, set[str]] = defaultdict(set)
    for other in pool:
        if other.kind == "person" and other.unit:
            roles[other.value].add(other.unit)

    def rank(candidate: Span) -> tuple[object, ...]:
        if (
            span.kind == "person"
        ):  # an officer among officers, a historian among historians, then the most named
            shared = 0 if span.unit and span.unit in roles[candidate.value] else 1
            titled = 0 if span.unit and roles[candidate.value] else 1
            return (shared, titled, -counts[candidate.value], order[candidate.value])
        return _closeness(span, candidate, order[candidate.value])

    seen_renders: set[str] = set()
    result = []
    for candidate in sorted(chosen.values(), key=rank):
        rendered = render_like(span, candidate.value)
        if rendered in seen_renders:
            continue
        seen_renders.add(rendered)
        result.append(candidate)
    return result


def _family(span: Span) -> tuple[object, ...]:
    if span.kind == "person":
        return ("person",)
    if span.kind == "date":
        return (span.granularity, span.value[0] is None)  # type: ignore[index]
    if span.kind == "year":
        return (span.granularity,)
    if span.kind in {"number", "percentage"}:
        if span.granularity == "range":
            inner = span.fmt.split(":", 2)[2]
            return ("range", inner.split(":")[0] if inner.startswith("words") else _numeric_family(inner))
        if span.granularity == "words":
            return ("words",)
        return (span.granularity, _numeric_family(span.fmt))
    return (span.kind, span.granularity)


def _numeric_family(fmt: str) -> tuple[int, str]:
    match = re.match(r"0(?:,000)?(?:\.(0+))?(.*)", fmt)
    if not match:
        return (0, fmt)
    decimals = len(match.group(1) or "")
    rest = match.group(2).strip().lower()
    scale = rest if rest in _SCALES else ""
    return (decimals, scale)


def _closeness(span: Span, other: Span, order: int) -> tuple[object, ...]:
    if span.kind == "year":
        if span.granularity == "range":
            a, b = span.value  # type: ignore[misc]
            c, d = other.value  # type: ignore[misc]
            return (abs(a - c) + abs(b - d), order)
        return (abs(int(span.value) - int(other.value)), order)  # type: ignore[call-overload]
    if span.kind == "date":
        return (_date_distance(span.value, other.value), order)  # type: ignore[arg-type]
    unit_mismatch = bool(span.unit) and other.unit != span.unit
    if span.granularity == "range":
        a = span.value[1]  # type: ignore[index]
        b = other.value[1]  # type: ignore[index]
    else:
        a, b = span.value, other.value
    return (unit_mismatch, _ratio_distance(float(a), float(b)), order)  # type: ignore[arg-type]


def _ratio_distance(a: float, b: float) -> float:
    if a > 0 and b > 0:
        return abs(math.log(b / a))
    return abs(a - b) + 1000.0


def _date_distance(a: tuple[int | None, int, int | None], b: tuple[int | None, int, int | None]) -> float:
    year_a, month_a, day_a = a
    year_b, month_b, day_b = b
    months = (month_b - month_a) + 12 * ((year_b or 0) - (year_a or 0))
    return abs(months * 30.44 + ((day_b or 1) - (day_a or 1)))


def render_like(span: Span, value: object) -> str:
    """Write `value` the way `span` is written: 1953 -> "1953", 0.751 -> "75.1%" (or "75.1 %"), 240000 ->
    "240,000", (1953, 3, 5) -> "5 March 1953" or "March 5, 1953". Raises ValueError if the format needs a
    part the value lacks (a day for a month-only value)."""
    if span.kind == "person":
        return str(value)
    if span.kind == "year":
        if span.granularity == "range":
            first, last = value  # type: ignore[misc]
            return span.fmt.format(first, last % 100 if ":02d" in span.fmt else last)
        return span.fmt.format(value)
    if span.kind == "date":
        return _render_date(span.fmt, value)  # type: ignore[arg-type]
    if span.kind == "percentage":
        return _render_number(span.fmt, float(value) * 100)  # type: ignore[arg-type]
    if span.granularity == "range" or span.fmt.startswith("range:"):
        _, separator, inner = span.fmt.split(":", 2)
        low, high = value  # type: ignore[misc]
        return _render_number(inner, low) + separator + _render_number(inner, high)
    return _render_number(span.fmt, float(value))  # type: ignore[arg-type]


def _render_number(fmt: str, value: float) -> str:
    if fmt.startswith("words:"):
        _, case, hyphen, conjunction = fmt.split(":")
        words = _int_to_words(round(value), hyphen, conjunction == "and")
        if case == "upper":
            return words.upper()
        if case == "title":
            return " ".join(part[:1].upper() + part[1:] for part in words.split(" "))
        return words
    match = re.match(r"(0(?:,000)?)(?:\.(0+))?(.*)", fmt, re.S)
    if not match:
        raise ValueError(f"unknown number format {fmt!r}")
    whole, decimals, rest = match.group(1), len(match.group(2) or ""), match.group(3)
    scale = rest.strip().lower()
    if scale in _SCALES:
        value = value / _SCALES[scale]
    comma = "," if whole == "0,000" else ""
    number = f"{value:{comma}.{decimals}f}"
    return number + rest


def _int_to_words(n: int, hyphen: str = "-", conjunction: bool = False) -> str:
    if n < 0:
        return "minus " + _int_to_words(-n, hyphen, conjunction)
    names = {v: k for k, v in _UNITS.items()} | {v: k for k, v in _TENS.items()}
    if n < 20:
        return names[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return names[tens * 10] + (hyphen + names[units] if units else "")
    for scale_name, scale in sorted(_SCALES.items(), key=lambda item: -item[1]):
        if n >= scale:
            head, rest = divmod(n, scale)
            words = _int_to_words(head, hyphen, conjunction) + " " + scale_name
            if rest:
                joiner = " and " if conjunction and rest < 100 else " "
                words += joiner + _int_to_words(rest, hyphen, conjunction)
            return words
    return str(n)


def _ordinal_suffix(day: int, old_style: bool) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    last = day % 10
    if old_style:
        return {1: "st", 2: "d", 3: "d"}.get(last, "th")
    return {1: "st", 2: "nd", 3: "rd"}.get(last, "th")


def _render_date(fmt: str, value: tuple[int | None, int, int | None]) -> str:
    year, month, day = value
    if ("{yyyy}" in fmt and year is None) or (
        any(p in fmt for p in ("{d}", "{dd}", "{dayword}", "{Dayword}", "{DAYWORD}")) and day is None
    ):
        raise ValueError(f"{value!r} lacks a part of {fmt!r}")
    month_name = _MONTH_NAMES[month - 1]
    word = _ORDINAL_BY_NUMBER.get(day or 0, "")
    if day and day > 20 and not word:
        word = _ORDINAL_BY_NUMBER.get(day, "")
    fields = {
        "d": str(day or ""),
        "dd": f"{day or 0:02d}",
        "ord": _ordinal_suffix(day or 0, False),
        "ord_old": _ordinal_suffix(day or 0, True),
        "ord_any": _ordinal_suffix(day or 0, year is not None and year < 1800),
        "Month": month_name,
        "MONTH": month_name.upper(),
        "Mon": month_name[:3],
        "dayword": word,
        "Dayword": word.capitalize(),
        "DAYWORD": word.upper(),
        "yyyy": str(year or ""),
    }
    return fmt.format(**fields)
