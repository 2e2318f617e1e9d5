"""Phrase patterns: the small language of scenes/language.yaml, and finding them in text.

Writers and schools edit the avoid list, so a pattern reads like the phrase it finds::

    put {themselves} at risk          put/puts/putting + herself/himself/themselves... + at risk
    (bad|poor|risky) choice           one of the words in brackets; choice also finds choices
    mature for {their} age            his/her/their/your... or a name's ("Mia's")
    [child|underage] prostitute       [ ] = optional words
    =naive                            = before a word: exactly this word, no other endings
    not ... fault                     ... = up to five words in between, in the same sentence

Matching is case-insensitive and on whole words (didn't, Mia's and should've are one word
each; a word also finds its possessive, prostitute's); straight and curly apostrophes are the
same. The words of a phrase must follow each other with only spaces, line breaks or a hyphen
between them ("risk-taking" also finds "risk taking"; "her, choice" is not "her choice"). A
plain word also finds its usual endings (-s, -es, -ed, -d, -ing, with the usual spelling
changes) and, for the common irregular verbs in ``_FAMILIES``, every form (choose: chose,
chosen, choosing ...). ``regex:`` in language.yaml is the escape hatch.

Patterns are parsed once when the file is loaded, and matched word by word over that small
tree: no regular expressions to compile (Python's compiler would cost more than checking a
story). A word index means most texts are never matched at all (see ``Phrasebook.find``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# Pronoun slots: every word each one finds. {name} is any word that starts with a capital
# letter (in a story that is, in practice, a character's name).
SLOTS: dict[str, tuple[str, ...]] = {
    "they": ("he", "she", "they", "you", "i", "we"),
    "them": ("him", "her", "them", "you", "me", "us"),
    "their": ("his", "her", "their", "your", "my", "our"),
    "themselves": ("himself", "herself", "themselves", "themself", "yourself", "yourselves", "myself",
                   "ourselves"),
    "name": (),
}

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
man men | woman women | child children | person people | life lives
"""
_FAMILIES: dict[str, tuple[str, ...]] = {}
for _group in _FAMILIES_TEXT.replace("\n", "|").split("|"):
    _words = tuple(_group.split())
    for _w in _words:
        _FAMILIES[_w] = _words

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
WORD_RUN = re.compile(r"\w+")


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
she her we us our they them their s t don didn isn wasn aren weren doesn can won wouldn couldn just
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


# Plain classes, not dataclasses: every command loads this module, and a dataclass costs
# about a millisecond to define.
class _Word:
    __slots__ = ("_heads", "exact", "text")

    def __init__(self, text: str, exact: bool) -> None:
        self.text, self.exact = text, exact
        self._heads: dict[str, list[tuple[str, ...]]] | None = None

    def heads(self) -> dict[str, list[tuple[str, ...]]]:
        """Its forms as words of a text, by their first word: risk-taking -> {risk: [(risk, taking)]}."""
        if self._heads is None:
            self._heads = {}
            for form in ((self.text,) if self.exact else forms(self.text)):
                parts = tuple(form.split("-"))
                self._heads.setdefault(parts[0], []).append(parts)
        return self._heads


class _Slot:
    __slots__ = ("name", "possessive")

    def __init__(self, name: str, possessive: bool = False) -> None:
        self.name, self.possessive = name, possessive  # possessive: {name}'s


class _Alt:
    __slots__ = ("optional", "options")

    def __init__(self, options: tuple[tuple[Any, ...], ...], optional: bool) -> None:
        self.options, self.optional = options, optional  # each option is a sequence of items


class _Gap:
    __slots__ = ()


_TOKEN = re.compile(r"\s+|\.\.\.|[()\[\]|]|\{[^{}\s]*\}?(?:'s)?|[^\s()\[\]{}|]+")


def _parse(pattern: str) -> tuple[Any, ...]:
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(pattern) if not m.group().isspace()]
    pos = 0

    def alternatives(closer: str | None, opened_at: int) -> tuple[tuple[Any, ...], ...]:
        nonlocal pos
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
                inner = alternatives(")" if tok == "(" else "]", at)
                current.append(_Alt(inner, optional=tok == "["))
            elif tok.startswith("{"):
                possessive = tok.endswith("}'s")
                slot = tok[:-2] if possessive else tok
                name = slot[1:-1] if slot.endswith("}") else slot[1:]
                if not slot.endswith("}") or name not in SLOTS:
                    known = ", ".join("{" + s + "}" for s in SLOTS)
                    raise PatternError(f"{slot!r} is not a slot", at, f"the slots are {known}")
                current.append(_Slot(name, possessive))
            elif tok == "...":
                current.append(_Gap())
            else:
                exact = tok.startswith("=")
                word = tok[1:] if exact else tok
                if not word:
                    raise PatternError("'=' with no word after it", at, "write =word, e.g. =naive")
                if "=" in word:
                    raise PatternError(f"'=' inside {tok!r}", at, "'=' goes only at the start of a word: =naive")
                current.append(_Word(word.lower(), exact))
        if not current:
            raise PatternError("an empty group" if closer else "an empty choice after '|'",
                               opened_at if closer else len(pattern), "write a word on each side of '|'")
        options.append(_checked(current, opened_at))
        return tuple(options)

    tree = alternatives(None, 0)
    return (_Alt(tree, optional=False),)


def _checked(items: list[Any], at: int) -> tuple[Any, ...]:
    if isinstance(items[0], _Gap) or isinstance(items[-1], _Gap):
        raise PatternError("'...' must stand between two words", at, "write it as: not ... fault")
    if all(isinstance(item, (_Gap, _Alt)) and (isinstance(item, _Gap) or item.optional) for item in items):
        raise PatternError("every word here is optional", at,
                           "at least one word must be outside [ ]: [bad] choice, not [bad choice]")
    return tuple(items)


def parse(pattern: str) -> tuple[Any, ...]:
    """The pattern as a tree (checked, not yet a regular expression); PatternError if it cannot be read."""
    return _parse(normalise(pattern))


# --- matching: a tree against the words of a text ----------------------------------------------
#
# Patterns are matched word by word, not turned into regular expressions: Python compiles a
# regular expression in Python, which for this list costs more than checking a whole story.

_TEXT_WORD = re.compile(r"\w+(?:'\w+)*")  # didn't, Mia's and should've are one word each
JOINED, PUNCTUATION, SENTENCE = 0, 1, 2  # what stands between two words of a text
_SLOTS_WITH_NAMES = frozenset({"they", "them", "name"})


class Words:
    """A text cut into words; ``sep(i)`` says what stands between word i and the one before it."""

    __slots__ = ("_seps", "low", "spans", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(_TEXT_WORD.finditer(text))
        self.words = [m.group() for m in found]
        self.low = [w.lower() for w in self.words]
        self.spans = [m.span() for m in found]
        self._seps: dict[int, int] = {}

    def sep(self, i: int) -> int:
        got = self._seps.get(i)
        if got is None:
            between = self.text[self.spans[i - 1][1] if i else 0:self.spans[i][0]]
            if not between.strip(" \t\r\n\u00a0-"):
                got = JOINED
            elif any(c in between for c in ".!?"):
                got = SENTENCE
            else:
                got = PUNCTUATION
            self._seps[i] = got
        return got


def _starts(w: Words, i: int, need: str | None) -> Iterator[int]:
    """Where the next item may start: right at word i (joined to the word before it by spaces or
    a hyphen when need is "join"), or after up to five more words of the same sentence ("gap")."""
    n = len(w.low)
    if need is None:
        if i < n:
            yield i
    elif need == "join":
        if i < n and w.sep(i) == JOINED:
            yield i
    else:
        for s in range(i, min(i + 6, n)):
            if w.sep(s) == SENTENCE:
                return
            yield s


def _is_name(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _match_item(item: Any, w: Words, s: int) -> Iterator[int]:
    """The end of every way ``item`` matches, starting exactly at word s."""
    if isinstance(item, _Word):
        heads = item.heads()
        low = w.low[s]
        forms_here = heads.get(low, [])
        if low.endswith("'s"):  # a word also finds its possessive: prostitute's
            forms_here = forms_here + [f for f in heads.get(low[:-2], ()) if len(f) == 1]
        for form in forms_here:
            end = s + len(form)
            if end > len(w.low):
                continue
            if all(w.sep(s + k) == JOINED and w.low[s + k] in (part, part + "'s" if s + k == end - 1 else part)
                   for k, part in enumerate(form) if k):
                yield end
    elif isinstance(item, _Slot):
        word = w.words[s]
        if item.possessive:
            if not word.lower().endswith("'s"):
                return
            word = word[:-2]
        if word.lower() in SLOTS[item.name] or (item.name in _SLOTS_WITH_NAMES and _is_name(word)):
            yield s + 1
        elif item.name == "their" and not item.possessive and word.lower().endswith("'s") and _is_name(word):
            yield s + 1  # {their} also finds a name's: Mia's
    else:
        for option in item.options:
            yield from _match_seq(option, w, s, None)


def _match_seq(items: tuple[Any, ...], w: Words, i: int, need: str | None) -> Iterator[int]:
    if not items:
        yield i
        return
    item, rest = items[0], items[1:]
    if isinstance(item, _Gap):
        yield from _match_seq(rest, w, i, "gap")
        return
    if isinstance(item, _Alt) and item.optional:
        yield from _match_seq(rest, w, i, need)
    for s in _starts(w, i, need):
        for end in _match_item(item, w, s):
            if end > s:
                yield from _match_seq(rest, w, end, "join")


def _first_words(items: tuple[Any, ...]) -> frozenset[str] | None:
    """The words a match of ``items`` can start with, or None when that could be any word."""
    out: set[str] = set()
    for item in items:
        if isinstance(item, _Word):
            return frozenset(out | item.heads().keys())
        if isinstance(item, _Slot):
            return None
        if isinstance(item, _Alt):
            for option in item.options:
                got = _first_words(option)
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
        """(start, end) in ``text`` of each match: the longest at each place, none overlapping."""
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
            end = max(_match_seq(self.tree, w, s, None), default=s)
            if end > s:
                yield w.spans[s][0], w.spans[end - 1][1]
                s = end
            else:
                s += 1

    def search(self, text: str, words: Words | None = None) -> tuple[int, int] | None:
        return next(self.spans(text, words), None)


class RegexPhrase:
    """A `regex:` entry, the escape hatch: a Python regular expression."""

    __slots__ = ("rx",)

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx

    def spans(self, text: str, words: Words | None = None) -> Iterator[tuple[int, int]]:
        for m in self.rx.finditer(normalise(text)):
            if m.end() > m.start():
                yield m.span()

    def search(self, text: str, words: Words | None = None) -> tuple[int, int] | None:
        return next(self.spans(text), None)


def compile_pattern(pattern: str) -> Phrase:
    """A phrase pattern ready to use; PatternError if it cannot be read."""
    return Phrase(parse(pattern))


def compile_regex(regex: str) -> RegexPhrase:
    try:
        rx = re.compile(regex, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError) as exc:
        at = getattr(exc, "pos", None) or 0
        raise PatternError(f"the regex cannot be read: {getattr(exc, 'msg', exc)}", at,
                           "check the brackets and backslashes; a pattern: is easier to write") from None
    if rx.search("") is not None:
        raise PatternError("the regex matches empty text, so it would match everywhere", 0,
                           "make at least one part of it required")
    return RegexPhrase(rx)


def anchors(tree: tuple[Any, ...]) -> frozenset[str] | None:
    """Words one of which is in every text the pattern matches (lowercase runs of letters),
    or None when no such set can be named (then the pattern is tried on every text)."""
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
        if got is not None and (best is None or _rarity(got) < _rarity(best)):
            best = got
    return best


def _rarity(words: frozenset[str]) -> tuple[int, int]:
    """Lower is better: the fewest everyday words (is, it, was ...), then the fewest words."""
    return sum(w in _COMMON for w in words), len(words)


def _item_anchors(item: Any) -> frozenset[str] | None:
    if isinstance(item, _Word):
        words = (item.text,) if item.exact else forms(item.text)
        if all(map(str.isalpha, words)):
            return frozenset(words)
        runs = [WORD_RUN.match(w) for w in words]  # it's -> it, risk-taking -> risk
        if not all(runs):
            return None
        return frozenset(m.group() for m in runs if m)
    if isinstance(item, _Slot):
        return None  # a name could be any word
    out: set[str] = set()
    for option in item.options:
        got = _seq_anchors(option)
        if got is None:
            return None
        out |= got
    return frozenset(out)
