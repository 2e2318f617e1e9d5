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

from game.story.word_forms import (
    _COMMON,
    _SHORT_FOR,
    _SHORT_MEANS,
    _VERY_COMMON,
    SLOTS,
    WORD_RUN,
    forms,
    normalise,
    split_word,
)

# The name a list under `words:` may have: small letters, digits and hyphens.
_LIST_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class PatternError(ValueError):
    """A pattern that cannot be read: ``at`` is the 0-based position of the problem in it."""

    def __init__(self, message: str, at: int, hint: str) -> None:
        super().__init__(message)
        self.at = at
        self.hint = hint


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
    the codes game/story/phrase_tokens.py hands out for it) are worked out once."""
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
