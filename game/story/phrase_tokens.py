"""How a text is written out for phrase patterns to be matched on (game/story/phrase_match.py).

A text is cut into words, short forms read as the words they stand for (shouldn't is should +
not), and written out once as a string of tokens, Latin-1 bytes: the separator before each
word, then two bytes for each thing a pattern could ask of it (a "code"): "this exact word",
"one of the forms of this pattern word" (chose is a form of choose), "ends in ed", "{they}"...
The codes are handed out by a ``Lexicon`` made from the patterns of the phrasebook, so
"She shouldn't've gone." is, roughly::

    .[she, {they}] [should]+[not]+[have] [a form of go].

Separators: '+' inside a written word (should|n't), ' ' spaces or a hyphen, ',' other
punctuation, '.' the end of a sentence (and the start and end of the text). In a story, who
the young person is (``People``) decides which words {they}, {their} and {themselves} accept:
only the target, never the manipulator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from game.story.phrases import PatternError, _Alt, _Ending, _Word, word_item
from game.story.word_forms import (
    _SUBJECT_OF,
    _SUBJECT_OF_POSSESSIVE,
    _WITHOUT_APOSTROPHE,
    SLOTS,
    index_words,
    is_name,
    split_word,
)

_TEXT_WORD = re.compile(r"\w+(?:'\w+)*")  # didn't, Mia's and should've are one word each
_THEY, _THEM = frozenset(SLOTS["they"]), frozenset(SLOTS["them"])
_PRONOUNS = _THEY | _THEM | frozenset(_SUBJECT_OF) | frozenset(_SUBJECT_OF_POSSESSIVE)

# The token string is Latin-1 bytes: the separators (ASCII), and, for each word, two bytes
# per thing a pattern could ask of it (a "code": 0x80-0xBF, then 0xC0-0xFF). The first six
# codes are the slots'; the rest are handed out to the words and endings patterns use.
MAX_CODES = 64 * 64  # different words and endings in one language.yaml, slots included


def _code(k: int) -> str:
    return chr(0x80 + k // 64) + chr(0xC0 + k % 64)


_SLOT_CODES = {name: _code(i) for i, name in enumerate(("they", "them", "their", "themselves", "name", "name's"))}
_FIRST_CODE = len(_SLOT_CODES)


class People:
    """Who, in a story, a blaming phrase can be about: {they}, {their} and {themselves} find
    only them. ``pronouns``: the subject pronouns that can mean them (always you, I and we);
    ``others``: the name words (lowercase) of everyone else (manipulators, trusted adults)."""

    __slots__ = ("others", "pronouns", "slots")

    def __init__(self, pronouns: Iterable[str], others: Iterable[str]) -> None:
        self.pronouns = frozenset(pronouns) | {"you", "u", "i", "we"}
        self.others = frozenset(others)
        self.slots: dict[str, str] = {}  # a word as written -> its slot codes (see _slots)


_ANYONE_SLOTS: dict[str, str] = {}  # the same, outside a story
_EVERYONE = People((), ())  # the key of the words whose tokens are the same for everyone


def _slots(word: str, low: str, people: People | None) -> str:
    """The slot codes of one word of a text: which of {they}, {them} ... accept it."""
    cache = people.slots if people is not None else _ANYONE_SLOTS
    got = cache.get(word)
    if got is None:
        got = cache[word] = _work_out_slots(word, low, people)
    return got


def _work_out_slots(word: str, low: str, people: People | None) -> str:
    pronoun = low in _PRONOUNS
    name = not pronoun and is_name(word)
    possessive = low.endswith("'s")
    if not pronoun and not name and not possessive:
        return ""  # almost every word
    ok = people.pronouns if people is not None else None
    others = people.others if people is not None else frozenset()
    base = low[:-2] if possessive else low
    out = []
    if (low in _THEY and (ok is None or low in ok)) or (name and base not in others):
        out.append(_SLOT_CODES["they"])
    if low in _THEM or name:
        out.append(_SLOT_CODES["them"])
    if low in _SUBJECT_OF_POSSESSIVE:
        if ok is None or _SUBJECT_OF_POSSESSIVE[low] in ok:
            out.append(_SLOT_CODES["their"])
    elif possessive and name and base not in others:
        out.append(_SLOT_CODES["their"])
    if low in _SUBJECT_OF and (ok is None or _SUBJECT_OF[low] in ok):
        out.append(_SLOT_CODES["themselves"])
    if name:
        out.append(_SLOT_CODES["name"])
    if possessive and is_name(word[:-2]):
        out.append(_SLOT_CODES["name's"])
    return "".join(out)


class Lexicon:
    """The codes that stand for what patterns ask of a word, and which of them each word of a
    text gets. The phrasebook hands out every code its patterns need when it is read (learn);
    ``version`` counts them, so that a text written out before a new code was handed out (by a
    pattern made on its own) is written again (see Words)."""

    __slots__ = ("_endings", "_exact", "_forms", "_spelled", "_written", "codes", "regexes")

    def __init__(self) -> None:
        self.codes: dict[tuple[str, str], str] = {}  # ("exact"|"forms"|"ending", word) -> its code
        self._exact: dict[str, str] = {}  # a word of a text -> the "exactly this word" code
        self._forms: dict[str, list[str]] = {}  # a word of a text -> the codes of the words it is a form of
        self._endings: list[tuple[str, str]] = []  # (ending, code)
        self._written: dict[str, str] = {}
        self._spelled: dict[People | None, dict[str, str]] = {}  # see spelled()
        self.regexes: dict[Any, str] = {}  # a word, slot or ending of a pattern -> its regex (see _item_regex)

    @property
    def version(self) -> int:
        return len(self.codes)

    def learn(self, trees: Iterable[tuple[Any, ...]]) -> None:
        """Hand out, now, the codes every one of these patterns will ask for, so that a text
        written out once stays right for all of them (see Words.tokens)."""
        seen: set[int] = set()

        def walk(items: Iterable[Any]) -> None:
            for item in items:
                if id(item) in seen:
                    continue
                seen.add(id(item))
                if isinstance(item, _Word):
                    _word_codes(item, self)
                elif isinstance(item, _Ending):
                    self.code("ending", item.ending)
                elif isinstance(item, _Alt):
                    for option in item.options:
                        walk(option)
        for tree in trees:
            walk(tree)

    def code(self, kind: str, word: str) -> str:
        key = (kind, word)
        got = self.codes.get(key)
        if got is None:
            if _FIRST_CODE + len(self.codes) >= MAX_CODES:
                raise PatternError(f"more than {MAX_CODES} different words in the patterns", 0,
                                   "use fewer different words, or fewer entries")
            got = self.codes[key] = _code(_FIRST_CODE + len(self.codes))
            self._spelled.clear()
            if kind == "exact":
                self._exact[word] = got
                self._forget((word,))
            elif kind == "forms":
                forms = _single_forms(word)
                for form in forms:
                    self._forms.setdefault(form, []).append(got)
                self._forget(forms)
            else:
                self._endings.append((word, got))
                self._written.clear()
        return got

    def _forget(self, words: Iterable[str]) -> None:
        """Write these words (and their possessives) again next time: they have a new character."""
        for word in words:
            self._written.pop(word, None)
            self._written.pop(word + "'s", None)

    def spelled(self, people: People | None) -> dict[str, str]:
        """A word as written in a text (Mia, shouldn't) -> its token(s) in the token string, for
        these people: filled in as texts are written (see Words)."""
        got = self._spelled.get(people)
        if got is None:
            got = self._spelled[people] = {}
        return got

    def write(self, low: str) -> str:
        """The characters a word of a text (lowercase) gets, slots aside."""
        got = self._written.get(low)
        if got is None:
            found = set(self._mine(low))
            if low.endswith("'s") and len(low) > 2:  # a word also finds its possessive: prostitute's
                found.update(self._mine(low[:-2]))
            got = self._written[low] = "".join(sorted(found))
        return got

    def _mine(self, low: str) -> list[str]:
        out = list(self._forms.get(low, ()))
        if low in self._exact:
            out.append(self._exact[low])
        out += [code for ending, code in self._endings if len(low) > len(ending) + 1 and low.endswith(ending)]
        return out


def _single_forms(text: str) -> tuple[str, ...]:
    return tuple(f for f in word_item(text, exact=False).words() if "-" not in f)


def _word_codes(item: _Word, lexicon: Lexicon) -> list[str]:
    """The codes a pattern word asks for (any one will do): one for all its one-word forms, or,
    for an exact word (=chose), one for each of its spellings. A form written with a hyphen
    (risk-taking) gets a code for each of its words (see _word_regex)."""
    singles = [f for f in item.words() if "-" not in f]
    for form in item.words():
        if "-" in form:
            for part in form.split("-"):
                lexicon.code("exact", part)
    if not singles:
        return []
    if item.exact:
        return [lexicon.code("exact", f) for f in singles]
    return [lexicon.code("forms", item.text)]


_GAP_AND_WORD = re.compile(r"(\W*)(\w+(?:'\w+)*)")
_SEPARATOR_BYTE = re.compile(b"[+ ,.]")


class Words:
    """A text as the token string patterns are matched on (``tokens``, Latin-1 bytes), and,
    when a match must be reported, as words with their places in the text (``detail``). Short
    forms are read as their words: shouldn't is should + not. ``people``: who a blaming phrase
    can be about (in a story), or None (anyone)."""

    __slots__ = ("_detail", "_offsets", "_tokens", "_version", "_vocab", "lexicon", "people", "text")

    def __init__(self, text: str, lexicon: Lexicon, people: People | None = None,
                 vocab: set[str] | None = None) -> None:
        self.text, self.lexicon, self.people = text, lexicon, people
        self._vocab = vocab  # index_words(text.lower()), when the caller has it already
        self._tokens: bytes | None = None
        self._version = -1
        self._offsets: list[int] | None = None
        self._detail: tuple[list[tuple[int, int]], list[int], list[bool]] | None = None

    @property
    def tokens(self) -> bytes:
        """The token string, written with every code the lexicon has handed out so far."""
        if self._tokens is None or self._version != self.lexicon.version:
            self._version = self.lexicon.version
            self._tokens = self._write()
            self._offsets = None
        return self._tokens

    def _write(self) -> bytes:
        # Most words are written the same for everyone; a pronoun, a name or a word with 's
        # depends on who the young person is, so is kept for these people only.
        plain, mine = self.lexicon.spelled(_EVERYONE), self.lexicon.spelled(self.people)
        parts: list[str] = []
        append = parts.append
        sep = "."
        for gap, word in _GAP_AND_WORD.findall(self.text):
            got = plain.get(word)
            if got is None:
                got = mine.get(word)
                if got is None:
                    got, theirs = self._spell(word)
                    (mine if theirs else plain)[word] = got
            if parts:
                sep = " " if gap == " " else _SEPARATORS.get(gap) or _separator(gap)
            append(sep)
            append(got)
        append(".")
        return "".join(parts).encode("latin-1")

    def _spell(self, word: str) -> tuple[str, bool]:
        """The token(s) of one written word, with "+" between the parts of a short form, and
        whether they depend on the people (slots)."""
        low = word.lower()
        if "'" in low or low in _WITHOUT_APOSTROPHE:
            pieces: Iterable[tuple[str, int, int]] = split_word(low)
        else:
            pieces = ((low, 0, len(low)),)
        out = []
        theirs = False
        for piece, s, e in pieces:
            codes = self.lexicon.write(piece)
            if piece in _PRONOUNS or word[s:s + 1].isupper() or piece.endswith("'s"):
                codes += _slots(word[s:e], piece, self.people)
                theirs = True
            out.append(codes)
        return "+".join(out), theirs

    @property
    def offsets(self) -> list[int]:
        """Where each word's codes start in the token string: just after a separator
        (worked out only for a text with a match)."""
        tokens = self.tokens
        if self._offsets is None:
            self._offsets = [m.end() for m in _SEPARATOR_BYTE.finditer(tokens)][:-1]
        return self._offsets

    def detail(self) -> tuple[list[tuple[int, int]], list[int], list[bool]]:
        """For each word, in the same order as the tokens: its (start, end) in the text, where
        its whole written word starts, and whether it continues the word before (the n't of
        didn't). Worked out only for a text with a match to report."""
        if self._detail is None:
            spans: list[tuple[int, int]] = []
            starts: list[int] = []
            cont: list[bool] = []
            for m in _TEXT_WORD.finditer(self.text):
                at = m.start()
                for k, (_piece, s, e) in enumerate(split_word(m.group().lower())):
                    spans.append((at + s, at + e))
                    starts.append(at)
                    cont.append(k > 0)
            self._detail = (spans, starts, cont)
        return self._detail

    def vocab(self) -> set[str]:
        """The text's words as the word index knows them (``index_words``)."""
        if self._vocab is None:
            self._vocab = index_words(self.text.lower())
        return self._vocab


_SEPARATORS: dict[str, str] = {}  # what stands between two words -> its separator (see _separator)


def _separator(between: str) -> str:
    """What stands between two words, as one character of the token string."""
    spaces = not between.strip(" \t\r\n\u00a0-")
    got = " " if spaces else "." if any(c in between for c in ".!?") else ","
    if len(_SEPARATORS) < 10_000:
        _SEPARATORS[between] = got
    return got
