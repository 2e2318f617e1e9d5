"""Phrase patterns: the small language of scenes/language.yaml, and finding them in text.

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
Short forms are read as the words they stand for, in the text and in patterns alike:
shouldn't = should not, can't = can not, should've = should have, you're = you are, she's =
she is (or has), she'd = she had (or would); so "should not have" also finds "shouldn't've"
and "shouldn't have". A name's 's stays with the name (Mia's). The words of a phrase must follow
each other with only spaces, line breaks or a hyphen between them ("risk-taking" also finds
"risk taking"; "her, choice" is not "her choice"). A plain word also finds its usual endings
(-s, -es, -ed, -d, -ing, with the usual spelling changes) and, for the common irregular verbs
in ``_FAMILIES``, every form (choose: chose, chosen, choosing ...). ``regex:`` in language.yaml
is the escape hatch.

In a story the checker knows who is who (``People``): the subject slots {they} and
{themselves} then find only someone who could be the young person, never the manipulator or a
trusted adult, so "she should have known" is flagged about the target and "he knew what he was
doing" is fine about the abuser. In a document anyone could be the young person.

Speed, and why no pattern can hang the checker: patterns are parsed once when the file is
loaded and matched word by word over that small tree, remembering (per text) where each part
of a pattern can end when it starts at each word. Every part is tried at most once at each
word, so the time grows in step with the text, however the brackets, lists and ``...`` are
nested (a backtracking matcher can take exponential time on patterns such as ``(a|a a)...``).
Patterns are also limited in depth and length when read. ``regex:`` entries run on RE2
(google-re2), which never backtracks. A word index means most texts are never matched at all
(see ``Phrasebook.find``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
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
_S_IS = frozenset("he she it that there here what who where how when why everyone everybody someone "
                  "somebody nobody one let".split())
# What a pattern word also finds because of the short forms: "had" finds the 'd of she'd.
_SHORT_FOR = {"had": "'d", "would": "'d", "is": "'s", "has": "'s"}
_SHORT_MEANS = {"'d": ("had", "would"), "'s": ("is", "has")}

# For the word index (Phrasebook.find): the same pieces as Words, found by one regular expression.
INDEX_PIECES = re.compile(r"n't|'(?:s|d|ll|ve|re|m)\b|\w+?(?=n't\b)|\w+")


def index_words(text_lower: str) -> set[str]:
    """The words of a (lowercased) text as the word index knows them: shouldn't gives should
    and not, she'd gives she, 'd, had and would. A few more than Words finds, never fewer."""
    found = set(INDEX_PIECES.findall(text_lower))
    extra: list[str] = []
    for piece in found:
        if piece in _CLITICS:
            extra.append(_CLITICS[piece])
        elif piece in _BEFORE_NOT:
            extra.append(_BEFORE_NOT[piece])
        elif piece in _WITHOUT_APOSTROPHE:
            extra += (_WITHOUT_APOSTROPHE[piece], "not")
        if piece in _SHORT_MEANS:
            extra += _SHORT_MEANS[piece]
    found.update(extra)
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


# --- parsing: pattern text -> a small tree --------------------------------------------------

# Limits on what a pattern may be, so that no file can make reading or matching one slow:
# brackets (and lists inside lists) at most this deep, and at most this many parts in a row.
MAX_DEPTH = 12
MAX_PARTS = 60


# Plain classes, not dataclasses: every command loads this module, and a dataclass costs
# about a millisecond to define.
class _Word:
    __slots__ = ("_heads", "exact", "text")

    def __init__(self, text: str, exact: bool) -> None:
        self.text, self.exact = text, exact
        self._heads: dict[str, list[tuple[str, ...]]] | None = None

    def words(self) -> tuple[str, ...]:
        found = (self.text,) if self.exact else forms(self.text)
        short = [_SHORT_FOR[f] for f in found if f in _SHORT_FOR]
        means = _SHORT_MEANS.get(self.text, ())
        return tuple(dict.fromkeys((*found, *short, *means)))

    def heads(self) -> dict[str, list[tuple[str, ...]]]:
        """Its forms as words of a text, by their first word: risk-taking -> {risk: [(risk, taking)]}."""
        if self._heads is None:
            self._heads = {}
            for form in self.words():
                parts = tuple(form.split("-"))
                self._heads.setdefault(parts[0], []).append(parts)
        return self._heads


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
    __slots__ = ("name", "optional", "options")

    def __init__(self, options: tuple[tuple[Any, ...], ...], optional: bool, name: str | None = None) -> None:
        self.options, self.optional = options, optional  # each option is a sequence of items
        self.name = name  # a list from `words:`: {name}


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
    return [_Word(piece, exact) for piece, _s, _e in split_word(word.lower())]


def _checked(items: list[Any], at: int) -> tuple[Any, ...]:
    if isinstance(items[0], _Gap) or isinstance(items[-1], _Gap):
        raise PatternError("'...' must stand between two words", at, "write it as: not ... fault")
    if all(isinstance(item, (_Gap, _Alt)) and (isinstance(item, _Gap) or (item.optional and item.name is None))
           for item in items):
        raise PatternError("every word here is optional", at,
                           "at least one word must be outside [ ]: [bad] choice, not [bad choice]")
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


# --- matching: a tree against the words of a text ----------------------------------------------

_TEXT_WORD = re.compile(r"\w+(?:'\w+)*")  # didn't, Mia's and should've are one word each
JOINED, PUNCTUATION, SENTENCE = 0, 1, 2  # what stands between two words of a text
_NEED_ANY, _NEED_JOIN, _NEED_GAP = 0, 1, 2  # how the next part of a pattern must follow
_SLOTS_WITH_NAMES = frozenset({"they", "them", "name"})


class People:
    """Who, in a story, could be the young person a blaming phrase is about: {they} and
    {themselves} find only them. ``pronouns``: the subject pronouns that could mean them
    (always you, I and we); ``others``: the name words (lowercase) of people who cannot be
    (manipulators and trusted adults)."""

    __slots__ = ("others", "pronouns")

    def __init__(self, pronouns: Iterable[str], others: Iterable[str]) -> None:
        self.pronouns = frozenset(pronouns) | {"you", "u", "i", "we"}
        self.others = frozenset(others)


class Words:
    """A text cut into words, short forms read as the words they stand for (shouldn't is
    should + not); ``sep(i)`` says what stands between word i and the one before it.
    ``people``: who could be the young person (in a story), or None (anyone)."""

    __slots__ = ("_seps", "cont", "low", "memo", "people", "spans", "starts", "text", "words")

    def __init__(self, text: str, people: People | None = None) -> None:
        self.text = text
        self.people = people
        self.words: list[str] = []
        self.low: list[str] = []
        self.spans: list[tuple[int, int]] = []
        self.starts: list[int] = []  # where the whole written word begins (for reporting)
        self.cont: list[bool] = []  # the word is the second part of a written word (the n't of didn't)
        for m in _TEXT_WORD.finditer(text):
            word, at = m.group(), m.start()
            pieces = split_word(word.lower())
            for k, (low, s, e) in enumerate(pieces):
                self.words.append(word[s:e])
                self.low.append(low)
                self.spans.append((at + s, at + e))
                self.starts.append(at)
                self.cont.append(k > 0)
        self._seps: dict[int, int] = {}
        self.memo: dict[Any, Any] = {}  # what each part of a pattern matched here (see _seq)

    def sep(self, i: int) -> int:
        got = self._seps.get(i)
        if got is None:
            if self.cont[i]:
                got = JOINED
            else:
                between = self.text[self.spans[i - 1][1] if i else 0:self.spans[i][0]]
                if not between.strip(" \t\r\n\u00a0-"):
                    got = JOINED
                elif any(c in between for c in ".!?"):
                    got = SENTENCE
                else:
                    got = PUNCTUATION
            self._seps[i] = got
        return got

    def ends_a_word(self, i: int) -> bool:
        """Whether a match may end before word i: not inside a written word (should|n't)."""
        return i >= len(self.low) or not self.cont[i]


def _starts(w: Words, i: int, need: int) -> range | list[int]:
    """Where the next item may start: right at word i (joined to the word before it by spaces or
    a hyphen when need is _NEED_JOIN), or after up to five more words of the same sentence (gap)."""
    n = len(w.low)
    if need == _NEED_ANY:
        return range(i, i + 1) if i < n else range(0)
    if need == _NEED_JOIN:
        return range(i, i + 1) if i < n and w.sep(i) == JOINED else range(0)
    out = []
    for s in range(i, min(i + 6, n)):
        if w.sep(s) == SENTENCE:
            break
        out.append(s)
    return out


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


def _is_name(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha() and word.lower() not in _NOT_NAMES


def _slot_ends(item: _Slot, w: Words, s: int) -> bool:
    word = w.words[s]
    if item.possessive:
        if not word.lower().endswith("'s"):
            return False
        word = word[:-2]
    low = word.lower()
    people = w.people
    if item.name == "themselves":
        if low not in _SUBJECT_OF:
            return False
        return people is None or _SUBJECT_OF[low] in people.pronouns
    if low in SLOTS[item.name] and item.name != "their":
        return people is None or item.name != "they" or low in people.pronouns
    if item.name == "their" and low in _SUBJECT_OF_POSSESSIVE:
        return people is None or _SUBJECT_OF_POSSESSIVE[low] in people.pronouns
    if item.name in _SLOTS_WITH_NAMES and _is_name(word):
        return people is None or item.name != "they" or low not in people.others
    # {their} also finds a name's: Mia's
    if item.name == "their" and not item.possessive and low.endswith("'s") and _is_name(word):
        return people is None or low[:-2] not in people.others
    return False


def _item_ends(item: Any, w: Words, s: int) -> Iterable[int]:
    """The end of every way ``item`` matches, starting exactly at word s."""
    if isinstance(item, _Word):
        heads = item.heads()
        low = w.low[s]
        forms_here = heads.get(low, [])
        if low.endswith("'s"):  # a word also finds its possessive: prostitute's
            forms_here = forms_here + [f for f in heads.get(low[:-2], ()) if len(f) == 1]
        ends = []
        for form in forms_here:
            end = s + len(form)
            if end > len(w.low):
                continue
            if all(w.sep(s + k) == JOINED and w.low[s + k] in (part, part + "'s" if s + k == end - 1 else part)
                   for k, part in enumerate(form) if k):
                ends.append(end)
        return ends
    if isinstance(item, _Slot):
        return (s + 1,) if _slot_ends(item, w, s) else ()
    if isinstance(item, _Ending):
        low = w.low[s]
        return (s + 1,) if len(low) > len(item.ending) + 1 and low.endswith(item.ending) else ()
    key = (id(item), s)  # a choice (or a list): the same at this word for every pattern using it
    got = w.memo.get(key)
    if got is None:
        found: set[int] = set()
        for option in item.options:
            found.update(_seq(option, 0, w, s, _NEED_ANY))
        got = w.memo[key] = tuple(found)
    return got


def _seq(items: tuple[Any, ...], k: int, w: Words, i: int, need: int) -> tuple[int, ...]:
    """Every end of a match of items[k:] starting at word i (remembered: each part of a pattern
    is worked out once at each word, which is what keeps matching in step with the text)."""
    if k == len(items):
        return (i,)
    key = (id(items), k, i, need)
    got = w.memo.get(key)
    if got is not None:
        return got
    item = items[k]
    found: set[int] = set()
    if isinstance(item, _Gap):
        found.update(_seq(items, k + 1, w, i, _NEED_GAP))
    else:
        if isinstance(item, _Alt) and item.optional:
            found.update(_seq(items, k + 1, w, i, need))
        for s in _starts(w, i, need):
            for end in _item_ends(item, w, s):
                if end > s:
                    found.update(_seq(items, k + 1, w, end, _NEED_JOIN))
    got = w.memo[key] = tuple(found)
    return got


def _first_words(items: tuple[Any, ...], seen: frozenset[int] = frozenset()) -> frozenset[str] | None:
    """The words a match of ``items`` can start with, or None when that could be any word."""
    out: set[str] = set()
    for item in items:
        if isinstance(item, _Word):
            return frozenset(out | item.heads().keys())
        if isinstance(item, (_Slot, _Ending)) or id(item) in seen:
            return None
        if isinstance(item, _Alt):
            for option in item.options:
                got = _first_words(option, seen | {id(item)})
                if got is None:
                    return None
                out |= got
            if not item.optional:
                return frozenset(out)
    return frozenset(out)


class Phrase:
    """A parsed pattern, ready to find in text."""

    __slots__ = ("first", "tree")

    def __init__(self, tree: tuple[Any, ...]) -> None:
        self.tree = tree
        self.first: frozenset[str] | bool | None = False  # worked out when first needed

    def spans(self, text: str, words: Words | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) in ``text`` of each match: the longest at each place, none overlapping.
        A match covers whole written words: "shouldn't" is reported whole."""
        w = words if words is not None else Words(normalise(text))
        if self.first is False:
            self.first = _first_words(self.tree)
        first = self.first
        s, n = 0, len(w.low)
        while s < n:
            low = w.low[s]
            if first is not None and low not in first and not (low.endswith("'s") and low[:-2] in first):
                s += 1
                continue
            end = max((e for e in _seq(self.tree, 0, w, s, _NEED_ANY) if e > s and w.ends_a_word(e)), default=s)
            if end > s:
                yield w.starts[s], w.spans[end - 1][1]
                s = end
            else:
                s += 1

    def search(self, text: str, words: Words | None = None) -> tuple[int, int] | None:
        return next(self.spans(text, words), None)


class RegexPhrase:
    """A `regex:` entry, the escape hatch: a regular expression, run on RE2."""

    __slots__ = ("rx",)

    def __init__(self, rx: Any) -> None:
        self.rx = rx

    def spans(self, text: str, words: Words | None = None) -> Iterator[tuple[int, int]]:
        for m in self.rx.finditer(normalise(text)):
            if m.end() > m.start():
                yield m.span()

    def search(self, text: str, words: Words | None = None) -> tuple[int, int] | None:
        return next(self.spans(text), None)


def compile_pattern(pattern: str, lists: dict[str, _Alt] | None = None) -> Phrase:
    """A phrase pattern ready to use; PatternError if it cannot be read."""
    return Phrase(parse(pattern, lists))


# RE2's own bound on the memory one regex may use: a regex past it cannot be compiled (E043).
REGEX_MEMORY = 8 << 20


def compile_regex(regex: str) -> RegexPhrase:
    """A `regex:` entry on RE2 (google-re2): it runs in time proportional to the text and never
    backtracks, so no regex a school writes can hang the checker. RE2 has no backreferences or
    lookarounds (the features that need backtracking); a regex using them cannot be used."""
    import re2  # only for regex: entries; the shipped list has none

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.never_capture = True
    options.max_mem = REGEX_MEMORY
    try:
        rx = re2.compile(regex, options)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        detail = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        hint = ("backreferences (\\1) and lookarounds ((?=, (?!, (?<=, (?<!) are not supported: they can make a "
                "regex take far too long; a pattern: is easier to write"
                if any(s in regex for s in ("(?=", "(?!", "(?<", "\\1", "\\2")) or "invalid escape" in detail
                or "perl operator" in detail else "check the brackets and backslashes; a pattern: is easier to write")
        raise PatternError(f"the regex cannot be used: {detail}", 0, hint) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise PatternError(f"the regex cannot be used: {exc}", 0, "a pattern: is easier to write") from None
    if rx.search("") is not None:
        raise PatternError("the regex matches empty text, so it would match everywhere", 0,
                           "make at least one part of it required")
    return RegexPhrase(rx)


def anchors(tree: tuple[Any, ...]) -> frozenset[str] | None:
    """Words one of which is in every text the pattern matches (lowercase, as ``index_words``
    gives them), or None when no such set can be named (then the pattern is tried on every text)."""
    return _seq_anchors(tree, {})


def requirements(tree: tuple[Any, ...]) -> tuple[tuple[frozenset[str], ...], ...]:
    """For each top-level choice of the pattern, the word sets a text must meet every one of
    (one word of each) for that choice to match: a cheap test before matching at all."""
    item = tree[0]
    cache: dict[int, frozenset[str] | None] = {}
    out = []
    for option in item.options if isinstance(item, _Alt) and len(tree) == 1 else (tree,):
        sets = []
        for part in option:
            if isinstance(part, _Gap) or (isinstance(part, _Alt) and part.optional):
                continue
            got = _item_anchors(part, cache)
            if got is not None:
                sets.append(got)
        out.append(tuple(sets))
    return tuple(out)


def _seq_anchors(items: tuple[Any, ...], cache: dict[int, frozenset[str] | None]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for item in items:
        if (isinstance(item, _Alt) and item.optional) or isinstance(item, _Gap):
            continue
        got = _item_anchors(item, cache)
        if got is not None and (best is None or _rarity(got) < _rarity(best)):
            best = got
    return best


def _rarity(words: frozenset[str]) -> tuple[int, int]:
    """Lower is better: the fewest everyday words (is, it, was ...), then the fewest words."""
    return sum(w in _COMMON for w in words), len(words)


def _item_anchors(item: Any, cache: dict[int, frozenset[str] | None]) -> frozenset[str] | None:
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
    key = id(item)
    if key in cache:
        return cache[key]
    cache[key] = None  # while working it out (a list is never circular, but be safe)
    out: set[str] = set()
    result: frozenset[str] | None = None
    for option in item.options:
        got = _seq_anchors(option, cache)
        if got is None:
            break
        out |= got
    else:
        result = frozenset(out)
    cache[key] = result
    return result
