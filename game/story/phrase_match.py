"""Finding phrase patterns (game/story/phrases.py) in text, in time proportional to the text.

A text is cut into words, short forms read as the words they stand for (shouldn't is should +
not), and written out once as a string of tokens. Each token is the separator before the word
and then one character for each thing a pattern could ask of it: "this exact word", "one of
the forms of this pattern word" (chose is a form of choose), "ends in ed", "{they}" ... Those
characters are handed out by a ``Lexicon`` made from the patterns of the phrasebook, so
"She shouldn't've gone." is, roughly::

    .[she, {they}] [should]+[not]+[have] [a form of go].

Separators: '+' inside a written word (should|n't), ' ' spaces or a hyphen, ',' other
punctuation, '.' the end of a sentence (and the start and end of the text). In a story, who
the young person is (``People``) decides which words {they}, {their} and {themselves} accept:
only the target, never the manipulator.

A pattern's tree is written out, once, as a regular expression over such strings, in which a
choice of many words is one character class, and run on RE2 (google-re2). RE2 never
backtracks, so matching takes time in step with the text whatever a school writes in
language.yaml (nested brackets, long lists, many ``...``), and it runs in C. Its
leftmost-longest mode gives the longest match at each place, as the pattern syntax promises.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

from game.story.phrases import (
    _SUBJECT_OF,
    _SUBJECT_OF_POSSESSIVE,
    _WITHOUT_APOSTROPHE,
    SLOTS,
    PatternError,
    _Alt,
    _Ending,
    _Gap,
    _Slot,
    _Word,
    index_words,
    is_name,
    normalise,
    parse,
    requirements,
    split_word,
    word_item,
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
    """The characters that stand for what patterns ask of a word, and which of them each word
    of a text gets. A character is handed out when a pattern that needs it is first written
    out as a regular expression; ``version`` counts them, so a text written out before a new
    one was handed out is written again (see Words)."""

    __slots__ = ("_endings", "_exact", "_forms", "_spelled", "_written", "codes", "regexes")

    def __init__(self) -> None:
        self.codes: dict[tuple[str, str], str] = {}  # ("exact"|"forms"|"ending", word) -> its character
        self._exact: dict[str, str] = {}  # a word of a text -> the "exactly this word" character
        self._forms: dict[str, list[str]] = {}  # a word of a text -> the characters of the words it is a form of
        self._endings: list[tuple[str, str]] = []  # (ending, character)
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


# --- a pattern's tree as a regular expression over token strings ---------------------------------

_ANY = "(?:[\\x80-\\xbf][\\xc0-\\xff])*"  # one word, whatever its codes
_JOIN = "[+ ]"  # the words of a phrase: only spaces, line breaks or a hyphen between them
_GAP = f"[+ ,](?:{_ANY}[+ ,]){{0,5}}"  # ...: up to five words, same sentence
_LEAD = "[+ ,.]"  # the separator before the first word of a match
# A pattern that, with its lists written out, has more words and slots than this cannot be
# used (E043): it would be slow to compile and could pass RE2's memory bound.
MAX_SIZE = 20_000


def written_size(tree: tuple[Any, ...]) -> int:
    """How many words and slots a pattern has with every list written out where it is used."""
    def size(item: Any) -> int:
        if not isinstance(item, _Alt):
            return 1
        if item.size is None:
            item.size = 0  # lists are never circular (read_lists); this only guards the count
            item.size = sum(size(part) for option in item.options for part in option)
        return item.size
    return sum(size(item) for item in tree)


def _has(codes: Iterable[str]) -> str:
    """A word with one of these codes (two bytes each), as a regex over Latin-1 bytes."""
    by_first: dict[str, list[str]] = {}
    for code in sorted(set(codes)):
        by_first.setdefault(code[0], []).append(code[1])
    parts = []
    for first, seconds in by_first.items():
        second = _hex(seconds[0]) if len(seconds) == 1 else "[" + "".join(map(_hex, seconds)) + "]"
        parts.append(_hex(first) + second)
    return f"{_ANY}{parts[0] if len(parts) == 1 else '(?:' + '|'.join(parts) + ')'}{_ANY}"


def _hex(char: str) -> str:
    return f"\\x{ord(char):02x}"


def _item_regex(item: Any, lexicon: Lexicon) -> str:
    if isinstance(item, _Alt):
        made = item.regex  # written out once per lexicon, however many patterns use it (a list)
        if made is None or made[0] is not lexicon:
            made = item.regex = (lexicon, _alt_regex(item, lexicon))
        return made[1]
    got = lexicon.regexes.get(item)  # words are shared by every pattern (phrases.word_item)
    if got is None:
        if isinstance(item, _Slot):
            got = _has([_SLOT_CODES["name's" if item.possessive else item.name]])
        elif isinstance(item, _Ending):
            got = _has([lexicon.code("ending", item.ending)])
        else:
            got = _word_regex(item, lexicon)
        lexicon.regexes[item] = got
    return got


def _alt_regex(item: _Alt, lexicon: Lexicon) -> str:
    """A choice: its one-word options as one class of codes, then its other options."""
    singles = [option[0] for option in item.options if len(option) == 1 and isinstance(option[0], _Word)
               and all("-" not in form for form in option[0].words())]
    single_ids = {id(word) for word in singles}
    others = [option for option in item.options if not (len(option) == 1 and id(option[0]) in single_ids)]
    parts = [_has([c for w in singles for c in _word_codes(w, lexicon)])] if singles else []
    parts += [_seq_regex(option, lexicon) for option in others]
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def _word_regex(item: _Word, lexicon: Lexicon) -> str:
    options = []
    codes = _word_codes(item, lexicon)
    if codes:
        options.append(_has(codes))
    for form in item.words():
        if "-" in form:  # risk-taking: two words of the text, joined by a space or a hyphen
            options.append(_JOIN.join(_has([lexicon.code("exact", part)]) for part in form.split("-")))
    return options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"


def _optional(item: Any) -> bool:
    return isinstance(item, _Alt) and item.optional


def _seq_regex(items: tuple[Any, ...], lexicon: Lexicon) -> str:
    """A sequence: runs of words joined by spaces, runs parted by ``...``. In each run an
    optional part carries its separator on the side of the run's first required part, so that
    leaving it out leaves the right separator."""
    runs: list[list[Any]] = [[]]
    for item in items:
        if isinstance(item, _Gap):
            runs.append([])
        else:
            runs[-1].append(item)
    out = []
    for run in runs:
        first = next(k for k, item in enumerate(run) if not _optional(item))  # _checked makes sure
        parts = [f"(?:{_item_regex(item, lexicon)}{_JOIN})?" for item in run[:first]]
        parts.append(_item_regex(run[first], lexicon))
        for item in run[first + 1:]:
            body = f"{_JOIN}{_item_regex(item, lexicon)}"
            parts.append(f"(?:{body})?" if _optional(item) else body)
        out.append("".join(parts))
    return _GAP.join(out)


def tree_regex(tree: tuple[Any, ...], lexicon: Lexicon) -> str:
    """The regular expression (RE2 syntax) for a parsed pattern, with this lexicon's characters."""
    return _LEAD + _seq_regex(tree, lexicon)


class Phrase:
    """A parsed pattern, ready to find in text."""

    __slots__ = ("_needs", "_rx", "lexicon", "tree")

    def __init__(self, tree: tuple[Any, ...], lexicon: Lexicon | None = None) -> None:
        self.tree = tree
        if written_size(tree) > MAX_SIZE:
            raise PatternError("the pattern, with its lists written out, is too long to check quickly", 0,
                               "split it into several entries, or use shorter lists")
        self.lexicon = lexicon  # the phrasebook's, or made from this pattern when first needed
        self._rx: Any = None  # written out and compiled when first needed: most entries never are
        self._needs: tuple[tuple[frozenset[str], ...], ...] | None = None

    def use(self, lexicon: Lexicon) -> None:
        self.lexicon, self._rx = lexicon, None

    def compiled(self) -> Any:
        if self._rx is None:
            if self.lexicon is None:
                self.lexicon = Lexicon()
            self._rx = _compile(tree_regex(self.tree, self.lexicon).encode("ascii"), longest=True, latin1=True)
        return self._rx

    def possible(self, vocab: set[str]) -> bool:
        """Whether a text with these words (``index_words``) could match: for some top-level
        choice of the pattern, every word set it needs has a word in the text."""
        if self._needs is None:
            self._needs = requirements(self.tree)
        return any(all(not need.isdisjoint(vocab) for need in option) for option in self._needs)

    def spans(self, text: str, words: Words | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) in ``text`` of each match: the longest at each place, none overlapping,
        never ending inside a written word. A match covers whole written words: "shouldn't"."""
        rx = self.compiled()
        w = words if words is not None else Words(normalise(text), self.lexicon)
        if not self.possible(w.vocab()):
            return
        tokens = w.tokens
        pos = 0
        while True:
            m = rx.search(tokens, pos)
            if m is None:
                return
            a, b = m.span()
            offsets = w.offsets
            first, last = bisect_right(offsets, a + 1) - 1, bisect_right(offsets, b - 1) - 1
            spans, starts, cont = w.detail()
            if last + 1 < len(cont) and cont[last + 1]:
                pos = b  # it ends inside a written word (should|n't): look further on
                continue
            yield starts[first], spans[last][1]
            pos = b  # the separator after the match may begin the next one

    def search(self, text: str, words: Words | None = None) -> tuple[int, int] | None:
        return next(self.spans(text, words), None)


class RegexPhrase:
    """A `regex:` entry, the escape hatch: a regular expression on the text itself, run on RE2."""

    __slots__ = ("rx",)

    def __init__(self, rx: Any) -> None:
        self.rx = rx

    def possible(self, vocab: set[str]) -> bool:
        return True

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
REGEX_MEMORY = 16 << 20


def _compile(regex: str | bytes, longest: bool = False, case_sensitive: bool = True, latin1: bool = False) -> Any:
    import re2  # loaded only by the language checks: playing and listing never need it

    options = re2.Options()
    if latin1:
        options.encoding = re2.Options.Encoding.LATIN1
    options.case_sensitive = case_sensitive
    options.longest_match = longest
    options.log_errors = False
    options.never_capture = True
    options.max_mem = REGEX_MEMORY
    return re2.compile(regex, options)


def compile_regex(regex: str) -> RegexPhrase:
    """A `regex:` entry on RE2 (google-re2): it runs in time proportional to the text and never
    backtracks, so no regex a school writes can hang the checker. RE2 has no backreferences or
    lookarounds (the features that need backtracking); a regex using them cannot be used."""
    import re2

    try:
        rx = _compile(regex, case_sensitive=False)
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        detail = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        unsupported = any(s in regex for s in ("(?=", "(?!", "(?<", "\\1", "\\2")) or "perl operator" in detail
        hint = ("backreferences (\\1) and lookarounds ((?=, (?!, (?<=, (?<!) are not supported: they can make a "
                "regex take far too long; a pattern: is easier to write" if unsupported
                else "check the brackets and backslashes; a pattern: is easier to write")
        raise PatternError(f"the regex cannot be used: {detail}", 0, hint) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise PatternError(f"the regex cannot be used: {exc}", 0, "a pattern: is easier to write") from None
    if rx.search("") is not None:
        raise PatternError("the regex matches empty text, so it would match everywhere", 0,
                           "make at least one part of it required")
    return RegexPhrase(rx)
