"""The avoid list of scenes/language.yaml, ready to search text with (game/story/phrases.py
holds the pattern language itself)."""

from __future__ import annotations

import hashlib
from typing import Any

from game.story.diagnostics import Diagnostic
from game.story.phrase_match import Phrase, RegexPhrase, compile_regex
from game.story.phrase_tokens import Lexicon, People, Words
from game.story.phrases import PatternError, anchors, parse, rarity, read_lists, requirements
from game.story.word_forms import index_words, normalise

# The places a piece of text can stand. `applies_to: all` (the default) means every one.
PLACES = ("narration", "speech", "choices", "feedback", "why", "discuss", "titles", "metadata", "docs")


class Avoid:
    """One compiled entry of the avoid list."""

    __slots__ = ("at", "index", "label", "only_with_manipulator", "places", "prefer", "rx", "severity",
                 "unless", "why")

    def __init__(self, index: int, label: str, rx: Phrase | RegexPhrase, why: str, prefer: str,
                 places: frozenset[str], severity: str, only_with_manipulator: bool, unless: tuple[Phrase, ...]
                 ) -> None:
        self.index = index
        self.label = label  # the pattern (or regex) as written
        self.rx = rx
        self.why = why
        self.prefer = prefer
        self.places = places
        self.severity = severity
        self.only_with_manipulator = only_with_manipulator
        self.unless = unless
        self.at = index  # its position in language.yaml (entries that cannot be read are left out)

    @property
    def code(self) -> str:
        # each code written out whole: the docs tests find the codes the checker can give by these
        if self.only_with_manipulator:
            return "E041" if self.severity == "error" else "W041"
        return "E040" if self.severity == "error" else "W040"


class Found:
    __slots__ = ("avoid", "end", "phrase", "start")

    def __init__(self, avoid: Avoid, start: int, end: int, phrase: str) -> None:
        self.avoid, self.start, self.end = avoid, start, end
        self.phrase = phrase  # the words as written in the text

    def __repr__(self) -> str:
        return f"Found({self.phrase!r}, {self.start}, {self.end})"


class Phrasebook:
    """The avoid list and the corrections, ready to search text with."""

    __slots__ = ("_always", "_bits", "_first", "_fix_always", "_fix_index", "_plan", "avoid", "corrections",
                 "fingerprint", "lexicon")

    def __init__(self) -> None:
        self.avoid: list[Avoid] = []
        self.corrections: list[Phrase] = []
        self._fix_index: dict[str, list[int]] = {}  # a word -> the corrections that need it
        self._fix_always: list[int] = []
        # for each entry: (its index, a mask one of whose words it needs, the masks of each
        # choice of it); worked out when first needed (see _needs_as_bits)
        self._plan: list[tuple[int, int, tuple[tuple[int, ...], ...] | None]] | None = None
        self._bits: dict[str, int] = {}  # a word -> its bit
        self._always: list[int] = []  # the entries tried on every text
        self._first: dict[str, list[int]] = {}  # a word -> the entries whose first mask has it
        self.lexicon = Lexicon()  # how words are written for every pattern here (see finish)
        self.fingerprint = ""  # a digest of the language.yaml it was read from (check/language_notes.py)

    def finish(self) -> None:
        """Give every pattern in the book the book's lexicon, so that one token string of a
        text serves them all."""
        phrases = [a.rx for a in self.avoid if isinstance(a.rx, Phrase)]
        phrases += [u for a in self.avoid for u in a.unless] + self.corrections
        self.lexicon.learn(phrase.tree for phrase in phrases)
        for phrase in phrases:
            phrase.use(self.lexicon)

    def add(self, avoid: Avoid) -> None:
        self.avoid.append(avoid)

    def _may_match(self, vocab: set[str]) -> list[int]:
        """The entries that may match a text with these words (``index_words``): for some
        choice of the entry, every word set it needs (``requirements``) has a word in the
        text. Tested as bit masks, one bit for each word any entry needs."""
        if self._plan is None:
            self._plan, self._bits = _needs_as_bits(self.avoid)
            self._always = [i for i, _, options in self._plan if options is None]  # tried on every text
            word_of = list(self._bits)  # bit k is the k-th word given a bit
            self._first = {}  # a word -> the entries with it in their first mask
            for i, first, options in self._plan:
                while options is not None and first:
                    low = first & -first
                    self._first.setdefault(word_of[low.bit_length() - 1], []).append(i)
                    first ^= low
        bits, by_word = self._bits, self._first
        have = 0
        touched: set[int] = set()
        for word in bits.keys() & vocab:
            have |= bits[word]
            if word in by_word:
                touched.update(by_word[word])
        out = list(self._always)
        plan = self._plan
        for i in touched:
            for option in plan[i][2] or ():
                for need in option:
                    if not need & have:
                        break
                else:
                    out.append(i)
                    break
        out.sort()
        return out

    def find(self, text: str, place: str, manipulator: bool = False, people: People | None = None) -> list[Found]:
        """Every avoid-list phrase in ``text`` for ``place``, in order, none overlapping another.

        ``manipulator``: the story has a character with role manipulator (entries marked
        ``only_with: manipulator`` are skipped otherwise). ``people``: in a story, who could be
        the young person ({they} and {themselves} find only them); None: anyone could be.
        """
        normal = normalise(text)
        vocab = index_words(normal.lower())
        candidates = self._may_match(vocab)
        cut: Words | None = None
        found: list[Found] = []
        for i in candidates:
            entry = self.avoid[i]
            if place not in entry.places or (entry.only_with_manipulator and not manipulator):
                continue
            if cut is None:
                cut = Words(normal, self.lexicon, people, vocab)
            for start, end in _kept_spans(entry, text, cut):
                found.append(Found(entry, start, end, text[start:end]))
        found.sort(key=lambda f: (f.start, -f.end, f.avoid.index))
        kept: list[Found] = []
        for f in found:
            if not kept or f.start >= kept[-1].end:
                kept.append(f)
        return kept

    def corrects(self, text: str) -> bool:
        """Whether ``text`` says a blaming claim is wrong (one of the corrections matches)."""
        normal = normalise(text)
        in_text = index_words(normal.lower())
        words = self._fix_index.keys() & in_text
        tried = {i for w in words for i in self._fix_index[w]}.union(self._fix_always)
        if not tried:
            return False
        cut = Words(normal, self.lexicon, vocab=in_text)
        return any(self.corrections[i].search(text, cut) for i in sorted(tried))

    def add_correction(self, tree: tuple[Any, ...]) -> None:
        i = len(self.corrections)
        self.corrections.append(Phrase(tree))
        words = anchors(tree)
        if words is None:
            self._fix_always.append(i)
        else:
            for w in words:
                self._fix_index.setdefault(w, []).append(i)


def _needs_as_bits(entries: list[Avoid]) -> tuple[list[tuple[int, int, tuple[tuple[int, ...], ...] | None]],
                                                  dict[str, int]]:
    """Each entry's ``requirements`` as bit masks, and each word's bit. An entry's first mask
    holds the rarest word set of each choice: a text with none of them cannot match it. A
    regex: entry, or a choice that needs no word, is tried on every text (first mask -1)."""
    bits: dict[str, int] = {}

    def mask(words: frozenset[str]) -> int:
        out = 0
        for word in words:
            out |= bits.setdefault(word, 1 << len(bits))
        return out

    plan: list[tuple[int, int, tuple[tuple[int, ...], ...] | None]] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry.rx, Phrase):
            plan.append((i, -1, None))
            continue
        options = requirements(entry.rx.tree)
        if not all(options):
            plan.append((i, -1, None))
            continue
        first = 0
        for option in options:
            first |= mask(min(option, key=rarity))
        plan.append((i, first, tuple(tuple(mask(need) for need in option) for option in options)))
    return plan, bits


def _kept_spans(entry: Avoid, text: str, cut: Words) -> list[tuple[int, int]]:
    """Where the entry matches, less the matches an `unless:` phrase overlaps ("relationships
    education"). One pass over both lists, so a long text stays linear."""
    spans = list(entry.rx.spans(text, cut))  # in order, not overlapping
    if not spans or not entry.unless:
        return spans
    excuses = sorted(span for phrase in entry.unless for span in phrase.spans(text, cut))
    kept = []
    j, reach = 0, -1  # reach: the furthest end of the excuses that start before this match ends
    for start, end in spans:
        while j < len(excuses) and excuses[j][0] < end:
            reach = max(reach, excuses[j][1])
            j += 1
        if reach <= start:
            kept.append((start, end))
    return kept


# --- building a Phrasebook from language.yaml ---------------------------------------------------


def build(model: Any, src: Any) -> tuple[Phrasebook, list[Diagnostic]]:
    """Read a validated LanguageFile; every pattern that cannot be read is a located E043."""
    book = Phrasebook()
    book.fingerprint = hashlib.sha256(src.text.encode("utf-8", "surrogatepass")).hexdigest()
    diags: list[Diagnostic] = []

    def bad(path: tuple[Any, ...], exc: PatternError, text: str) -> Diagnostic:
        return src.diag(path, "E043", f"this pattern cannot be used: {exc}", exc.hint, offset=_offset(text, exc.at))

    lists, problems = read_lists(model.words)
    for name, j, exc in problems:
        if j < 0:
            diags.append(src.diag(("words", name), "E043", f"the list {name!r} cannot be used: {exc}", exc.hint))
        else:
            diags.append(bad(("words", name, j), exc, model.words[name][j]))
    for i, entry in enumerate(model.avoid):
        key = "pattern" if entry.pattern is not None else "regex"
        text = entry.pattern if entry.pattern is not None else entry.regex
        try:
            rx = Phrase(parse(text, lists)) if entry.pattern is not None else compile_regex(text)
        except PatternError as exc:
            diags.append(bad(("avoid", i, key), exc, text))
            continue
        unless: list[Phrase] = []
        for j, u in enumerate(entry.unless):
            try:
                unless.append(Phrase(parse(u, lists)))
            except PatternError as exc:
                diags.append(bad(("avoid", i, "unless", j), exc, u))
        places = frozenset(PLACES) if "all" in entry.applies_to else frozenset(entry.applies_to)
        avoid = Avoid(len(book.avoid), text, rx, entry.why, entry.prefer, places, entry.severity,
                      entry.only_with == "manipulator", tuple(unless))
        avoid.at = i
        book.add(avoid)
    for i, correction in enumerate(model.corrections):
        try:
            book.add_correction(parse(correction, lists))
        except PatternError as exc:
            diags.append(bad(("corrections", i), exc, correction))
    try:
        book.finish()
    except PatternError as exc:  # more different words than the token string has codes for
        diags.append(src.diag(("avoid",), "E043", f"the avoid list cannot be used: {exc}", exc.hint, key=True))
        book = Phrasebook()
    return book, diags


def self_test(model: Any, book: Phrasebook, src: Any) -> list[Diagnostic]:
    """W043 for every entry that misses one of its own examples: or finds one of its fine: ones.

    Run by ``check scenes/language.yaml`` (and the test suite), not on every load: trying every
    example takes longer than checking a whole story.
    """
    diags: list[Diagnostic] = []
    for avoid in book.avoid:
        entry = model.avoid[avoid.at]
        key = "pattern" if entry.pattern is not None else "regex"
        for j, example in enumerate(entry.examples):
            if not _matches_alone(book, avoid, example):
                diags.append(src.diag(("avoid", avoid.at, "examples", j), "W043",
                                      f"the {key} does not find anything in its own example {example!r}",
                                      "change the pattern so it finds the example, or fix the example",
                                      severity="warning"))
        for j, example in enumerate(entry.fine):
            if _matches_alone(book, avoid, example):
                diags.append(src.diag(("avoid", avoid.at, "fine", j), "W043",
                                      f"the {key} finds something in {example!r}, which is listed under fine:",
                                      "narrow the pattern, or add the safe phrase under unless:",
                                      severity="warning"))
    return diags


def _matches_alone(book: Phrasebook, avoid: Avoid, text: str) -> bool:
    """Whether this entry finds something in ``text``, through the same word index the checker uses."""
    normal = normalise(text)
    if avoid.index not in book._may_match(index_words(normal.lower())):
        return False
    return bool(_kept_spans(avoid, text, Words(normal, book.lexicon)))


def _offset(text: str, at: int) -> int:
    return max(0, min(at, len(text)))
