"""The words of texts and patterns as the language checks read them: short forms (shouldn't is
should + not), the forms of a word (choose: chose, chosen), names, and the pronouns the slots
{they}, {them}, {their} and {themselves} find. Used by game/story/phrases.py (reading
patterns) and game/story/phrase_tokens.py (writing texts out to match them).
"""

from __future__ import annotations

import re

# Pronoun slots: every word each one finds. {name} is any word that starts with a capital
# letter (in a story that is, in practice, a character's name).
# u, ur and urself are how chat messages spell you, your and yourself.
SLOTS: dict[str, tuple[str, ...]] = {
    "they": ("he", "she", "they", "you", "i", "we", "u"),
    "them": ("him", "her", "them", "you", "me", "us", "u"),
    "their": ("his", "her", "their", "your", "my", "our", "ur"),
    "themselves": ("himself", "herself", "themselves", "themself", "yourself", "yourselves", "myself",
                   "ourselves", "urself"),
    "name": (),
}
_SUBJECT_OF_POSSESSIVE = {"his": "he", "her": "she", "their": "they", "your": "you", "my": "i", "our": "we",
                          "ur": "you"}
_SUBJECT_OF = {"himself": "he", "herself": "she", "themselves": "they", "themself": "they", "yourself": "you",
               "yourselves": "you", "myself": "i", "ourselves": "we", "urself": "you"}

# Irregular forms: writing any one of a family finds all of them.
_FAMILIES_TEXT = """
be is are was were been being am | have has had having | do does did done doing
go goes went gone going | choose chooses chose chosen choosing | know knows knew known knowing
put puts putting | fall falls fell fallen falling | tell tells told telling | send sends sent sending
take takes took taken taking | give gives gave given giving | get gets got gotten getting
make makes made making | say says said saying | think thinks thought thinking | see sees saw seen seeing
feel feels felt feeling | leave leaves left leaving | meet meets met meeting | pay pays paid paying
buy buys bought buying | bring brings brought bringing | sell sells sold selling | keep keeps kept keeping
run runs ran running | let lets letting | show shows showed shown showing | wear wears wore worn wearing
come comes came coming | sleep sleeps slept sleeping | drink drinks drank drunk drinking
lead leads led leading | find finds found finding | lose loses lost losing | hide hides hid hidden hiding
fight fights fought fighting | speak speaks spoke spoken speaking | stand stands stood standing
hear hears heard hearing | ring rings rang rung ringing | throw throws threw thrown throwing
catch catches caught catching | begin begins began begun beginning | forget forgets forgot forgotten forgetting
man men | woman women | child children | person people | life lives
"""
_FAMILIES: dict[str, tuple[str, ...]] = {}
for _group in _FAMILIES_TEXT.replace("\n", "|").split("|"):
    _words = tuple(_group.split())
    for _w in _words:
        _FAMILIES[_w] = _words

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
WORD_RUN = re.compile(r"\w+")

# --- short forms: shouldn't = should not, she'd = she 'd (had or would) ---------------------------

_CLITICS = {"n't": "not", "'ve": "have", "'ll": "will", "'re": "are", "'m": "am", "'d": "'d"}
_BEFORE_NOT = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}  # can't, won't, shan't, ain't
_WITHOUT_APOSTROPHE = {
    "didnt": "did", "dont": "do", "doesnt": "does", "isnt": "is", "wasnt": "was", "werent": "were",
    "arent": "are", "hasnt": "has", "havent": "have", "hadnt": "had", "shouldnt": "should",
    "couldnt": "could", "wouldnt": "would", "cant": "can", "mustnt": "must", "cannot": "can",
}
# 's after one of these is "is" or "has" (she's, it's); after any other word it is the
# possessive (Mia's) and stays part of the word. let's = let us.
_S_IS = frozenset(["he", "she", "it", "that", "there", "here", "what", "who", "where", "how", "when", "why",
                   "everyone", "everybody", "someone", "somebody", "nobody", "one", "let"])
# What a pattern word also finds because of the short forms: "had" finds the 'd of she'd.
_SHORT_FOR = {"had": "'d", "would": "'d", "is": "'s", "has": "'s"}
_SHORT_MEANS = {"'d": ("had", "would"), "'s": ("is", "has")}

# What a piece of a short form also stands for, for the word index: n't is not, 'd is had or would.
_EXPANDS: dict[str, tuple[str, ...]] = {
    **{piece: (word,) for piece, word in _CLITICS.items()},
    **{piece: (word,) for piece, word in _BEFORE_NOT.items()},
    **{piece: (word, "not") for piece, word in _WITHOUT_APOSTROPHE.items()},
}
for _piece, _means in _SHORT_MEANS.items():
    _EXPANDS[_piece] = (*_EXPANDS.get(_piece, ()), *_means)

# For the word index (Phrasebook.find): the same pieces as Words, found by one regular expression.
_WORD_ONLY = re.compile(r"\w+")
_WITH_APOSTROPHE = re.compile(r"\w+(?:'\w+)+")


def index_words(text_lower: str) -> set[str]:
    """The words of a (lowercased) text as the word index knows them: shouldn't gives should
    and not, she'd gives she, 'd, had and would, Mia's gives mia. A few more than Words finds,
    never fewer. (Two passes of C-speed regular expressions; Python sees only short forms.)"""
    found = set(_WORD_ONLY.findall(text_lower))
    for word in _WITH_APOSTROPHE.findall(text_lower):
        for piece, _start, _end in split_word(word):
            found.add(piece)
            if piece.endswith("'s"):
                found.add("'s")
    for piece in found & _EXPANDS.keys():
        found.update(_EXPANDS[piece])
    return found


def split_word(low: str) -> list[tuple[str, int, int]]:
    """A lowercased word as the words it stands for: (word, start, end) within it.
    shouldn't -> should, not; should've -> should, have; Mia's -> mia's (one word)."""
    if "'" not in low:
        base = _WITHOUT_APOSTROPHE.get(low)
        if base is None:
            return [(low, 0, len(low))]
        cut = 3 if low == "cannot" else len(low) - 2
        return [(base, 0, cut), ("not", cut, len(low))]
    tail: list[tuple[str, int, int]] = []
    end = len(low)
    negated = False
    while end > 1:
        if low.endswith("n't", 0, end) and end > 3:
            tail.append(("not", end - 3, end))
            end -= 3
            negated = True
            break  # nothing comes before n't but the word it belongs to
        k = low.rfind("'", 0, end)
        if k <= 0:
            break
        piece = low[k:end]
        if piece in _CLITICS:
            tail.append((_CLITICS[piece], k, end))
        elif piece == "'s" and low[:k] in _S_IS:
            tail.append(("us" if low[:k] == "let" else "'s", k, end))
        else:
            break
        end = k
    base = low[:end]
    if negated:
        base = _BEFORE_NOT.get(base, base)
    return [(base, 0, end), *reversed(tail)]


def normalise(text: str) -> str:
    """Curly apostrophes as straight ones; the same length, so positions stay the same."""
    return text.translate(_APOSTROPHES)


# Little words that have no other endings worth finding (her is not "herring").
_LITTLE_WORDS = """
a an the this that these those i me my mine you your yours he him his she her hers it its we us our
they them their theirs who what when where why how which to of in on at for with from by as into onto
about over under up down out off than then or and but if so not no nor too very just only own all any
some each every both either neither more most much many few less least again ever never also still yet
"""
_LITTLE = frozenset(_LITTLE_WORDS.split())
_MODALS = frozenset(["should", "would", "could", "must", "might", "shall", "will", "can", "may", "ought"])
# Words in almost every text: a poor choice of word to look a pattern up by.
_COMMON_WORDS = """
a an the this that to of in on at for with from by as and or but not no so if it its i me my you your he him his
she her we us our they them their s t don didn isn wasn aren weren doesn can won wouldn couldn just 's 'd
"""
_COMMON = _LITTLE.union(_COMMON_WORDS.split(),
    *(_FAMILIES[verb] for verb in ("be", "have", "do", "go", "get", "tell", "say")))
# The words in nearly every sentence: the worst of all to look a pattern up by.
_VERY_COMMON = frozenset([
    "a", "an", "the", "to", "of", "in", "on", "at", "for", "with", "and", "or", "but", "not", "it", "is", "was",
    "be", "are", "i", "you", "he", "she", "they", "we", "his", "her", "their", "that", "this", "'s", "'d", "have",
    "has", "had", "do", "did", "so", "if", "as", "by", "from", "just", "all",
])


_CVC = re.compile(r"[^aeiou][aeiou][bdgklmnprtv]$")
_FORMS: dict[str, tuple[str, ...]] = {}


def forms(word: str) -> tuple[str, ...]:
    """The forms a plain pattern word finds: itself, its irregular family, its usual endings."""
    word = word.lower()
    got = _FORMS.get(word)
    if got is None:
        got = _FORMS[word] = _forms(word)
    return got


def _forms(word: str) -> tuple[str, ...]:
    found = dict.fromkeys(_FAMILIES.get(word, (word,)))
    if word in _FAMILIES or word in _LITTLE or word in _MODALS or not word.isalpha():
        return tuple(found)
    if len(word) >= 6 and word.endswith(("ed", "ing")):  # already has an ending: accepted, shaming
        return tuple(found)
    stem, last = word[:-1], word[-1:]
    if last == "e":
        found.update(dict.fromkeys((word + "s", word + "d", stem + "ing")))
    elif last == "y" and len(word) > 2 and word[-2] not in "aeiou":
        found.update(dict.fromkeys((stem + "ies", stem + "ied", word + "ing")))
    else:
        plural = word + "es" if word.endswith(("s", "x", "z", "ch", "sh")) else word + "s"
        found.update(dict.fromkeys((plural, word + "ed", word + "ing")))
        if _CVC.search(word):  # stop: stopped, stopping
            found.update(dict.fromkeys((word + last + "ed", word + last + "ing")))
    return tuple(found)


# Words that start a sentence with a capital letter but are never a person's name, so that
# "Someone should have noticed" and "It could have happened to anyone" are not about a Name.
_NOT_NAMES_TEXT = """
someone somebody anyone anybody everyone everybody nobody noone one people adults adult parents parent
teachers teacher staff police school schools everything something anything nothing there here because
maybe perhaps now later today tonight tomorrow yesterday yes no ok okay please thanks thank sorry well oh
hey hi hello honestly sometimes often once after before while until although though since unless whether
even really actually instead also still yet however so then next first last finally again always never
"""
_NOT_NAMES = _LITTLE | _MODALS | frozenset(_NOT_NAMES_TEXT.split()).union(
    *(_FAMILIES[verb] for verb in ("be", "have", "do")))


def is_name(word: str) -> bool:
    """Whether a word of a text reads as a person's name ({name}): it starts with a capital
    letter and is not a word such as Someone, It or Because."""
    return word[:1].isupper() and word[:1].isalpha() and word.lower() not in _NOT_NAMES
