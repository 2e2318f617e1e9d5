"""Finding phrase patterns (game/story/phrases.py) in text, in time proportional to the text.

A text is written out as a string of tokens (game/story/phrase_tokens.py). A pattern's tree is
written out, once, as a regular expression over such strings, in which a choice of many words
is one class of codes, and run on RE2 (google-re2). RE2 never backtracks, so matching takes
time in step with the text whatever a school writes in language.yaml (nested brackets, long
lists, many ``...``), and it runs in C. Its leftmost-longest mode gives the longest match at
each place, as the pattern syntax promises.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from typing import Any

from game.story.phrase_tokens import (
    _SLOT_CODES,
    Lexicon,
    Words,
    _word_codes,
)
from game.story.phrases import PatternError, _Alt, _Ending, _Gap, _Slot, _Word, parse, requirements
from game.story.word_forms import normalise

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
