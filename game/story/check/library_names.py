"""W080: one name, one person, across the library.

Pupils meet the same names in several stories: Priya as a target in one story should not be a
social worker in the next, nor a safeguarding lead called Kowalski in two schools. A personal
name (see people.name_key: "Mr Kowalski" is Kowalski, "Mum" and "Kofi's dad" are relations,
not names) is reported when another story has a character with it, and when a story's own
words mention it (an off-stage "Ms Kowalski") while it belongs to another story's character.

`check` runs this on a folder (every story against the others) and on a single file (against
the other stories in its folder).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from game.story.check.people import name_key, personal_word
from game.story.diagnostics import Diagnostic
from game.story.model import Scenario
from game.story.source import Source


@dataclass(frozen=True, slots=True)
class Person:
    story: str
    cid: str
    role: str
    word: str  # the name as written ("Kowalski")

    def describe(self) -> str:
        return f"{self.story} ({self.role})"


def people(scenario: Scenario) -> dict[str, Person]:
    """The story's characters with a personal name, by name key."""
    out: dict[str, Person] = {}
    for cid, c in scenario.characters.items():
        word = personal_word(c.name)
        if word is not None:
            out.setdefault(name_key(c.name)[0], Person(scenario.id, cid, c.role, word))
    return out


def _texts(scenario: Scenario) -> Iterator[tuple[tuple[Any, ...], str | None, str]]:
    """(model path, field, text) of what pupils read, where a name could be mentioned."""
    if scenario.pupil_summary:
        yield ("pupil_summary",), None, scenario.pupil_summary
    for section, parts in (("scenes", scenario.scenes), ("endings", scenario.endings)):
        for pid, part in parts.items():
            for i, line in enumerate(part.lines):
                yield (section, pid, "lines", i), "text", line.text
                if line.why:
                    yield (section, pid, "lines", i), "why", line.why
    for sid, scene in scenario.scenes.items():
        for i, choice in enumerate(scene.choices):
            yield ("scenes", sid, "choices", i, "text"), None, choice.text
            if choice.feedback:
                yield ("scenes", sid, "choices", i, "feedback"), None, choice.feedback


def names_across_the_library(checked: Iterable[tuple[Source, Scenario]], others: Iterable[Scenario] = ()
                             ) -> list[Diagnostic]:
    """W080 for each of ``checked``, against every other story (checked or not)."""
    checked = list(checked)
    everyone: dict[str, list[Person]] = {}
    for scenario in [s for _src, s in checked] + list(others):
        for key, person in people(scenario).items():
            everyone.setdefault(key, []).append(person)
    key_of = {p.word: key for key, ps in everyone.items() for p in ps}  # every name in the library
    firsts: dict[str, set[str]] = {}  # the first run of letters of each name -> the names' keys
    for word, key in key_of.items():
        if (run := _RUN.match(word)) is not None:
            firsts.setdefault(run.group(), set()).add(key)
    found: list[Diagnostic] = []
    for src, scenario in checked:
        mine = people(scenario)
        for key, person in mine.items():
            elsewhere = [p for p in everyone[key] if p.story != scenario.id]
            if elsewhere:
                found.append(src.diag(
                    ("characters", person.cid, "name"), "W080",
                    f"{person.word!r} is also a character in {_list(p.describe() for p in elsewhere)}",
                    "one name, one person, across the library: pupils meet these stories side by side, so give "
                    "this character a name no other story uses", severity="warning"))
        found += _mentions(src, scenario, mine, everyone, key_of, firsts)
    return found


def _mentions(src: Source, scenario: Scenario, mine: dict[str, Any], everyone: dict[str, list[Person]],
              key_of: dict[str, str], firsts: dict[str, set[str]]) -> list[Diagnostic]:
    """W080 where the story's words mention another story's character: at each place a word
    starts, the longest name of another story's that ends there at a word's end. Names are looked
    up in ``key_of`` (every name in the library) and ``firsts`` (the first run of letters of each
    name, and the keys of the names that start with it), rather than matched by a pattern of them
    all, which costs as much as there are names at every letter: a library of a thousand stories
    has four thousand."""

    def theirs(word: str) -> list[Person]:
        key = key_of.get(word)
        if key is None or key in mine:
            return []
        return [p for p in everyone[key] if p.story != scenario.id]

    found: list[Diagnostic] = []
    said: set[str] = set()
    for path, key, text in _texts(scenario):
        # a name found starts with a run of letters that is a whole run of the text's: only the
        # runs that start another story's name are looked at (most texts have none)
        wanted = {r for r in firsts.keys() & set(_RUN.findall(text)) if firsts[r] - mine.keys()}
        if not wanted:
            continue
        at = 0
        for run in _RUN.finditer(text):
            first = run.start()
            if first < at or run.group() not in wanted or (first and _NAME_LETTER.match(text, first - 1)):
                continue
            gap = _GAP.search(text, first)
            last = gap.start() if gap else len(text)  # a name holds no space
            # where a name could end: before a mark that ends a word ("O'Hara" holds "O" and "Hara")
            ends = sorted({last, *(m.start() for m in _WORD_ENDS.finditer(text, first, last))}, reverse=True)
            word, owners = "", []
            for end in ends:  # the longest name first
                if end > first and (owners := theirs(text[first:end])):
                    word = text[first:end]
                    break
            if not word:
                continue
            at = first + len(word)
            if word in said:
                continue
            said.add(word)
            found.append(src.diag(
                src.text_path(path, key), "W080",
                f"{word!r} is mentioned here, but it is the name of a character in "
                f"{_list(p.describe() for p in owners)}",
                "one name, one person, across the library: use a name no other story uses", severity="warning",
                offset=first))
    return found


_RUN = re.compile(r"\w+")  # a run of letters (and digits)
_NAME_LETTER = re.compile(r"[\w-]")  # a name starts where none of these comes before
_WORD_ENDS = re.compile(r"[^\w-]")  # and ends where one of these comes after
_GAP = re.compile(r"\s")
MOST_LISTED = 8  # stories named in one message; the rest are counted


def _list(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) > MOST_LISTED:
        items = [*items[:MOST_LISTED - 1], f"{len(items) - MOST_LISTED + 1} more stories"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
