"""Phrase patterns: the small language of scenes/language.yaml, read into a tree (finding them
in text is game/story/phrase_match.py).

Writers and schools edit the avoid list, so a pattern reads like the phrase it finds::

    put {themselves} at risk          put/puts/putting + herself/himself/themselves... + at risk
    (bad|poor|risky) choice           one of the words in brackets; choice also finds choices
    mature for {their} age            his/her/their/your... or a name's ("Mia's")
    [child|underage] prostitute       [ ] = optional words
    =naive                            = before a word: exactly this word, no other endings
    not ... fault                     ... = up to five words in between, in the same sentence
    {young-person} should have        a list of words or phrases from `words:` in language.yaml
    *ed                               any word that ends in "ed" (noticed, replied)

Matching is case-insensitive and on whole words; straight and curly apostrophes are the same.
Short forms are read as the words they stand for, in the text and in patterns alike
(``split_word``): shouldn't = should not, can't = can not, should've = should have, you're =
you are, she's = she is (or has), she'd = she had (or would); so "should not have" also finds
"shouldn't've" and "shouldn't have". A name's 's stays with the name (Mia's). The words of a
phrase must follow each other with only spaces, line breaks or a hyphen between them
("risk-taking" also finds "risk taking"; "her, choice" is not "her choice"). A plain word also
finds its usual endings (-s, -es, -ed, -d, -ing, with the usual spelling changes) and, for the
common irregular verbs in ``_FAMILIES``, every form (choose: chose, chosen, choosing ...).
``regex:`` in language.yaml is the escape hatch.

Patterns are limited in depth and length when read (MAX_DEPTH, MAX_PARTS, and phrase_match's
MAX_SIZE once lists are written out), and lists may not use each other in a circle, so no
file can make reading or matching a pattern slow. ``requirements`` gives the words a text
must have for a pattern to match at all: the cheap test before matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

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
_LIST_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

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


class PatternError(ValueError):
    """A pattern that cannot be read: ``at`` is the 0-based position of the problem in it."""

    def __init__(self, message: str, at: int, hint: str) -> None:
        super().__init__(message)
        self.at = at
        self.hint = hint


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


# --- parsing: pattern text -> a small tree --------------------------------------------------

# Limits on what a pattern may be, so that no file can make reading or matching one slow:
# brackets (and lists inside lists) at most this deep, and at most this many parts in a row.
MAX_DEPTH = 12
MAX_PARTS = 60


# Plain classes, not dataclasses: every command loads this module, and a dataclass costs
# about a millisecond to define.
class _Word:
    __slots__ = ("_words", "exact", "text")

    def __init__(self, text: str, exact: bool) -> None:
        self.text, self.exact = text, exact
        self._words: tuple[str, ...] | None = None

    def words(self) -> tuple[str, ...]:
        """Every word (or hyphenated run of words) of a text it finds."""
        if self._words is None:
            found = (self.text,) if self.exact else forms(self.text)
            short = [_SHORT_FOR[f] for f in found if f in _SHORT_FOR]
            means = _SHORT_MEANS.get(self.text, ())
            self._words = tuple(dict.fromkeys((*found, *short, *means)))
        return self._words


class _Slot:
    __slots__ = ("name", "possessive")

    def __init__(self, name: str, possessive: bool = False) -> None:
        self.name, self.possessive = name, possessive  # possessive: {name}'s


class _Ending:
    """*ed: any word that ends in these letters."""

    __slots__ = ("ending",)

    def __init__(self, ending: str) -> None:
        self.ending = ending


class _Alt:
    __slots__ = ("_anchors", "name", "optional", "options", "regex", "size")

    def __init__(self, options: tuple[tuple[Any, ...], ...], optional: bool, name: str | None = None) -> None:
        self.options, self.optional = options, optional  # each option is a sequence of items
        self.name = name  # a list from `words:`: {name}
        self._anchors: frozenset[str] | bool | None = False  # False: not worked out yet (see _item_anchors)
        self.regex: tuple[Any, str] | None = None  # (lexicon, regex): see game/story/phrase_match.py
        self.size: int | None = None  # see phrase_match.written_size


class _Gap:
    __slots__ = ()


_TOKEN = re.compile(r"\s+|\.\.\.|[()\[\]|]|\{[^{}\s]*\}?(?:'s)?|[^\s()\[\]{}|]+")


def _parse(pattern: str, lists: dict[str, _Alt]) -> tuple[Any, ...]:
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(pattern) if not m.group().isspace()]
    pos = 0

    def alternatives(closer: str | None, opened_at: int, depth: int) -> tuple[tuple[Any, ...], ...]:
        nonlocal pos
        if depth > MAX_DEPTH:
            raise PatternError(f"brackets more than {MAX_DEPTH} deep", opened_at,
                               "write the pattern with fewer brackets inside brackets, or as two entries")
        options: list[tuple[Any, ...]] = []
        current: list[Any] = []
        while True:
            if pos == len(tokens):
                if closer is not None:
                    raise PatternError(f"the '{'(' if closer == ')' else '['}' has no closing '{closer}'",
                                       opened_at, f"add '{closer}' after the last word it groups")
                break
            tok, at = tokens[pos]
            pos += 1
            if tok == closer:
                break
            if tok in ")]":
                raise PatternError(f"'{tok}' closes nothing", at, "remove it, or add the bracket that opens it")
            if tok == "|":
                if not current:
                    raise PatternError("an empty choice before '|'", at, "write a word on each side of '|'")
                options.append(_checked(current, at))
                current = []
            elif tok in "([":
                inner = alternatives(")" if tok == "(" else "]", at, depth + 1)
                current.append(_Alt(inner, optional=tok == "["))
            elif tok.startswith("{"):
                current.append(_slot_or_list(tok, at, lists))
            elif tok == "...":
                current.append(_Gap())
            else:
                current.extend(_words(tok, at))
        if not current:
            raise PatternError("an empty group" if closer else "an empty choice after '|'",
                               opened_at if closer else len(pattern), "write a word on each side of '|'")
        options.append(_checked(current, opened_at))
        return tuple(options)

    tree = alternatives(None, 0, 0)
    return (_Alt(tree, optional=False),)


def _slot_or_list(tok: str, at: int, lists: dict[str, _Alt]) -> Any:
    possessive = tok.endswith("}'s")
    slot = tok[:-2] if possessive else tok
    name = slot[1:-1] if slot.endswith("}") else slot[1:]
    if slot.endswith("}") and name in SLOTS:
        return _Slot(name, possessive)
    if slot.endswith("}") and name in lists:
        if possessive:
            raise PatternError(f"'s after the list {slot}", at, "put the 's forms in the list itself")
        return lists[name]
    known = ", ".join("{" + s + "}" for s in SLOTS)
    listed = ", ".join("{" + s + "}" for s in sorted(lists)[:12])
    raise PatternError(f"{slot!r} is not a slot or a list under words:", at,
                       f"the slots are {known}" + (f"; the lists are {listed}" if listed else ""))


def _words(tok: str, at: int) -> list[Any]:
    if tok.startswith("*"):
        ending = tok[1:].lower()
        if len(ending) < 2 or not ending.isalpha():
            raise PatternError(f"{tok!r}: '*' needs at least two letters after it", at,
                               "write *ed for any word ending in ed")
        return [_Ending(ending)]
    exact = tok.startswith("=")
    word = tok[1:] if exact else tok
    if not word:
        raise PatternError("'=' with no word after it", at, "write =word, e.g. =naive")
    if "=" in word or "*" in word:
        mark = "=" if "=" in word else "*"
        raise PatternError(f"'{mark}' inside {tok!r}", at, f"'{mark}' goes only at the start of a word: =naive, *ed")
    return [word_item(piece, exact) for piece, _s, _e in split_word(word.lower())]


_WORD_ITEMS: dict[tuple[str, bool], _Word] = {}


def word_item(text: str, exact: bool) -> _Word:
    """The one _Word for this word: every pattern that uses "the" shares it, so its forms (and
    the codes game/story/phrase_match.py hands out for it) are worked out once."""
    got = _WORD_ITEMS.get((text, exact))
    if got is None:
        got = _WORD_ITEMS[(text, exact)] = _Word(text, exact)
    return got


def _optional(item: Any) -> bool:
    return isinstance(item, _Alt) and item.optional


def _checked(items: list[Any], at: int) -> tuple[Any, ...]:
    if isinstance(items[0], _Gap) or isinstance(items[-1], _Gap):
        raise PatternError("'...' must stand between two words", at, "write it as: not ... fault")
    runs: list[list[Any]] = [[]]  # the words between one ... and the next
    for item in items:
        if isinstance(item, _Gap):
            runs.append([])
        else:
            runs[-1].append(item)
    if all(_optional(item) for run in runs for item in run):
        raise PatternError("every word here is optional", at,
                           "at least one word must be outside [ ]: [bad] choice, not [bad choice]")
    if any(all(_optional(item) for item in run) for run in runs):
        raise PatternError("only optional words between two '...'", at,
                           "put at least one word outside [ ] between them")
    if len(items) > MAX_PARTS:
        raise PatternError(f"more than {MAX_PARTS} words in a row", at, "split it into shorter phrases")
    return tuple(items)


def parse(pattern: str, lists: dict[str, _Alt] | None = None) -> tuple[Any, ...]:
    """The pattern as a tree; PatternError if it cannot be read. ``lists``: the `words:` lists
    it may use, by name (see ``read_lists``)."""
    return _parse(normalise(pattern), lists or {})


def read_lists(lists: dict[str, list[str]]) -> tuple[dict[str, _Alt], list[tuple[str, int, PatternError]]]:
    """The `words:` lists of language.yaml, parsed: each is a choice of its items, and an item
    may use another list. Returns the lists and the problems as (list name, item index or -1
    for the name itself, error); a list with a problem is left out."""
    problems: list[tuple[str, int, PatternError]] = []
    made: dict[str, _Alt] = {}
    for name in lists:
        if not _LIST_NAME.fullmatch(name) or name in SLOTS:
            why = (f"{name!r} is a slot's name" if name in SLOTS
                   else f"{name!r} is not a usable list name")
            problems.append((name, -1, PatternError(why, 0, "use small letters, digits and hyphens, e.g. young-person; "
                                                    "not they, them, their, themselves or name")))
        else:
            made[name] = _Alt((), optional=False, name=name)
    for name, alt in list(made.items()):
        options: list[tuple[Any, ...]] = []
        for j, item in enumerate(lists[name]):
            try:
                options.extend(_parse(normalise(item), made)[0].options)
            except PatternError as exc:
                problems.append((name, j, exc))
        if not options:
            problems.append((name, -1, PatternError("the list has no usable items", 0, "add a word or phrase to it")))
        alt.options = tuple(options)
    for name in _circular(made):
        problems.append((name, -1, PatternError(f"the list {{{name}}} uses itself (through its items)", 0,
                                                "a list may use other lists, but never end up back at itself")))
    broken = {name for name, _j, _e in problems}
    return {name: alt for name, alt in made.items() if name not in broken}, problems


def _circular(lists: dict[str, _Alt]) -> list[str]:
    """The lists that, through their items, use themselves, or use a list deeper than MAX_DEPTH."""
    def uses(alt: _Alt) -> set[str]:
        out: set[str] = set()

        def walk(items: Iterable[Any]) -> None:
            for item in items:
                if isinstance(item, _Alt):
                    if item.name is not None:
                        out.add(item.name)
                    else:
                        for option in item.options:
                            walk(option)
        for option in alt.options:
            walk(option)
        return out

    graph = {name: uses(alt) for name, alt in lists.items()}
    bad: list[str] = []
    for start in graph:
        seen: set[str] = set()
        frontier = set(graph[start])
        depth = 0
        while frontier:
            if start in frontier or depth > MAX_DEPTH:
                bad.append(start)
                break
            seen |= frontier
            frontier = {n for f in frontier for n in graph.get(f, ())} - seen
            depth += 1
    return bad


def anchors(tree: tuple[Any, ...]) -> frozenset[str] | None:
    """Words one of which is in every text the pattern matches (lowercase, as ``index_words``
    gives them), or None when no such set can be named (then the pattern is tried on every text)."""
    return _seq_anchors(tree)


def requirements(tree: tuple[Any, ...]) -> tuple[tuple[frozenset[str], ...], ...]:
    """For each top-level choice of the pattern, the word sets a text must meet every one of
    (one word of each) for that choice to match: a cheap test before matching at all."""
    item = tree[0]
    out = []
    for option in item.options if isinstance(item, _Alt) and len(tree) == 1 else (tree,):
        sets = []
        for part in option:
            if isinstance(part, _Gap) or (isinstance(part, _Alt) and part.optional):
                continue
            got = _item_anchors(part)
            if got is not None:
                sets.append(got)
        out.append(tuple(sets))
    return tuple(out)


def _seq_anchors(items: tuple[Any, ...]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for item in items:
        if (isinstance(item, _Alt) and item.optional) or isinstance(item, _Gap):
            continue
        got = _item_anchors(item)
        if got is not None and (best is None or rarity(got) < rarity(best)):
            best = got
    return best


def rarity(words: frozenset[str]) -> int:
    """Lower is better: a set with a word found in nearly every sentence (to, the, is) is worse
    than one of everyday words (get, got, say), which is worse than one of rarer words."""
    return sum(100 if w in _VERY_COMMON else 10 if w in _COMMON else 1 for w in words)


def _item_anchors(item: Any) -> frozenset[str] | None:
    if isinstance(item, _Word):
        words = item.words()
        if all(w.isalpha() or w in _SHORT_MEANS for w in words):
            return frozenset(words)
        runs = [WORD_RUN.match(w) for w in words]  # risk-taking -> risk
        if not all(runs):
            return None
        return frozenset(m.group() for m in runs if m)
    if isinstance(item, (_Slot, _Ending)):
        return None  # a name could be any word
    if item._anchors is not False:  # worked out already: a list is shared by many patterns
        return item._anchors
    item._anchors = None  # while working it out (lists are never circular, but be safe)
    out: set[str] = set()
    for option in item.options:
        got = _seq_anchors(option)
        if got is None:
            return None
        out |= got
    item._anchors = frozenset(out)
    return item._anchors
