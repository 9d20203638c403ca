"""Pure: the built-in word lists that say what a number or a capitalised word is.

General English and general history-writing cues (months, number words, words that make a number a year
or a count, titles, verbs of speech, place and organisation words, common given names), not the contents
of any one text, so the span finders work on any pair of sources.
"""


def _word_list(text: str) -> list[str]:
    return text.split()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Dates and numbers written in words.
MONTHS = {
    name: number
    for number, name in enumerate(
        _word_list("january february march april may june july august september october november december"), 1
    )
}
MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()} | {"sept": 9}
MONTH_NAMES = [name.capitalize() for name in MONTHS]
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
SEASONS = _words("spring summer autumn fall winter")

_UNITS_WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_UNITS_WORDS += " sixteen seventeen eighteen nineteen"
UNITS = {word: n for n, word in enumerate(_word_list(_UNITS_WORDS))}
TENS = {
    word: 10 * n
    for n, word in enumerate(_word_list("twenty thirty forty fifty sixty seventy eighty ninety"), 2)
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES)

ORDINAL_WORDS = {
    word: n
    for n, word in enumerate(
        _word_list(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth"
            " fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
        ),
        1,
    )
}
ORDINAL_WORDS |= {
    f"twenty{joiner}{word}": 20 + n
    for n, word in enumerate(_word_list("first second third fourth fifth sixth seventh eighth ninth"), 1)
    for joiner in ("-", " ")
}
ORDINAL_WORDS |= {"thirtieth": 30, "thirty-first": 31, "thirty first": 31}
ORDINAL_BY_NUMBER = {n: word for word, n in ORDINAL_WORDS.items() if " " not in word}

# Words around a number.

# Words before a 4-digit number that make it a year.
YEAR_BEFORE = _words(
    "in of since by until till from to after before during early late mid circa c ca around about"
    " between for year years spring summer autumn fall winter through throughout"
)
# Nouns that name an event after "the 1938 ...": the number is a year, not a count.
EVENT_NOUNS = _words(
    "incident war wars revolution election elections agreement treaty armistice offensive campaign crisis"
    " plan budget census constitution law act report resolution uprising famine talks conference meeting"
    " summit session congress edition decree accords purge purges coup invasion battle strike riots"
    " massacre reform reforms harvest season letter speech visit document version events affair"
    " proclamation declaration decision directive truce ceasefire"
)
# Nouns and units after a number that make it a count.
COUNT_WORDS = _words(
    "km kg g m cm mm t ton tons tonne tonnes meter meters metre metres mile miles yard yards foot feet"
    " pound pounds lb lbs dollar dollars rouble roubles ruble rubles yuan won yen hectare hectares acre acres"
    " unit units head pair pairs dozen hour hours minute minutes day days week weeks month months"
    " men people persons women children troops soldiers workers prisoners personnel cattle sheep police"
    " dead wounded killed strong"
)
NOT_PLURAL_S = _words(
    "was has is as its this thus us across unless less whereas always perhaps besides towards afterwards"
    " his hers yes ours theirs whose does goes news series means species politics economics"
    " various previous serious famous numerous tremendous"
)
# Before a number: a reference, not a fact ("pp. 78-79", "No. 5", "f. 5, op. 1, d. 12").
REFERENCE_BEFORE = _words(
    "p pp page pages no nos vol vols fn n note notes footnote footnotes chapter chapters ch chap section"
    " sections sec art article articles item items point points paragraph paragraphs para clause clauses"
    " fig figure figures table tables line lines ll l f ff op d fond opis delo list folio fol box file doc"
    " reel appendix annex tab part book verse psalm number"
)
APPROXIMATORS = _words(
    "about nearly almost some over under around approximately roughly only just more less fewer than up"
    " exactly precisely above below upwards upward at least most"
)

# Words around a name.

# Capitalised words that never begin or continue a person's name run (checked case-insensitively).
STOP = (
    _words(
        "the a an of and or in on at to by for from with we i he she it they this that these those his her"
        " its their our my your as upon under over after before when while since though although thus"
        " however moreover but so if then there here not no yes all every each some any be is was were are"
        " had has have who which what where why how according among between during despite even just later"
        " like most many much nearly once only other rather same such than too very whenever whether within"
        " without yet you me him them us also both either neither nor into onto until unless because via"
        " per about above below again further furthermore indeed instead likewise meanwhile nevertheless"
        " nonetheless notwithstanding therefore consequently accordingly predictably apparently let do does"
        " did will would shall should can could may might must one none ours whose whom whereupon soon"
        " first second third last next except towards toward against along across around near"
    )
    | NUMBER_WORDS
)
# Titles and ranks written before a name ("Lieutenant Colonel Smith", "Capt. Parker", "Chairman Mao").
TITLES = {
    word: word
    for word in _word_list(
        "President Comrade General Colonel Major Captain Ambassador Chairman Premier Marshal Lieutenant"
        " Sergeant Corporal Admiral Commander Minister Secretary Lord Lady Sir Dame Earl Duke Baron Count"
        " King Queen Prince Princess Emperor Empress Tsar Czar Governor Senator Judge Professor Reverend"
        " Bishop Archbishop Cardinal Pope Ensign Chargé Chancellor Consul Envoy Deputy Mr Mrs Ms Miss Dr"
        " Madame Monsieur Mister Doctor Chief Brigadier Commissar Generalissimo Field Vice"
    )
}
TITLES |= {"Capt": "Captain", "Col": "Colonel", "Gen": "General", "Lt": "Lieutenant", "Maj": "Major"}
TITLES |= {"Sgt": "Sergeant", "Gov": "Governor", "Prof": "Professor", "Rev": "Reverend", "Adm": "Admiral"}
TITLES |= {"Sen": "Senator", "Hon": "Honourable", "Cmdr": "Commander", "Lieut": "Lieutenant"}
TITLE_ONLY = frozenset({"Field", "Vice", "Deputy", "Chief", "Count", "Doctor", "Miss", "Mister"})
# Lower-case words right before a name that say a person follows ("the historian Chen Jian").
ROLES = _words(
    "historian historians scholar scholars author writer poet journalist leader dictator premier president"
    " chairman secretary minister ambassador envoy general marshal commander colonel captain major"
    " lieutenant sergeant officer comrade professor emperor king queen named called deponent witness"
    " brother sister son daughter wife husband father mother uncle aunt widow nephew niece cousin"
    " colleague successor predecessor deputy aide adviser advisor spokesman interpreter translator"
    " correspondent diplomat politician chargé consul governor mr mrs dr"
)
APPOSITION_ROLES = _words(
    "representative delegate head chief founder editor leader spokesman commander official envoy"
)
# Verbs of speech and deliberate action after a name ("Mao replied", "Zhou thus explained").
PERSON_VERBS = _words(
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
    " wished"
)
ADVERBS = _words(
    "then thus also now later further still again soon once first finally immediately quickly therefore"
    " simply readily even indeed initially subsequently personally repeatedly promptly"
    " never always often already sharply"
)
AUXILIARIES = _words("had has have would will did does also")
# Prepositions that put a bare capitalised word in a place ("in Moscow", "at Concord").
LOCATIVES = {"in": 1.0, "at": 1.0, "near": 1.0, "into": 1.0, "towards": 1.0, "toward": 1.0, "from": 0.5}
LOCATIVES |= {"inside": 1.0, "outside": 1.0, "across": 1.0, "around": 0.5, "via": 1.0, "through": 0.5}
# Head words of places, organisations and things: a run holding one is not a person.
NOT_PERSON_WORDS = _words(
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
    " christ heaven general-staff state colony colonies kings"
    " europe asia africa america americas australia antarctica korea china japan russia germany france"
    " britain england poland hungary romania bulgaria czechoslovakia mongolia manchuria siberia vietnam"
    " india taiwan mexico canada spain italy austria prussia holland netherlands belgium sweden norway"
    " denmark finland greece turkey egypt israel iran iraq persia cuba brazil argentina chile peru"
    " moscow beijing peking pyongyang seoul tokyo london paris berlin rome warsaw prague budapest"
    " bucharest vienna madrid lisbon athens cairo delhi hanoi saigon taipei shanghai nanjing kremlin"
    " ussr usa uk un prc dprk rok kmt cpsu cmea nato"
)
NOT_PERSON_SUFFIXES = ("ese", "ism", "ist", "ists")
# Common given names (English and a few others): a run that starts with one is a person's name.
GIVEN_NAMES = _words(
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
SURNAME_FIRST = _words(
    "kim lee li park pak choi choe jung jeong chung kang cho yoon yun jang lim han seo shin kwon hwang"
    " ahn ryu hong jeon moon yang bae baek heo nam noh kwak cha ri mao zhou chou peng chen shen wang"
    " zhang chang liu deng teng zhu chu lin huang zhao wu xu guo gao luo zheng liang xie tang feng"
    " dong cheng cai pan du dai xia zhong tian jiang yao tan liao zou xiong jin hao kong bai cui qiu qin"
    " yuan chiang nguyen tran pham vo dang bui ngo duong ho"
)
NOT_INITIALS = frozenset({"St", "Mt", "Ft", "No", "Co", "Jr", "Sr", "Ss", "Pp", "Vs", "Cf", "Ed", "Ch"})
PARTICLES = _words("de du da van von der den del della di bin ibn al le la")
ARTICLES = frozenset({"the", "a", "an"})
FIRST_PERSON = frozenset({"i", "we"})
