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
        found += _mentions(src, scenario, mine, everyone)
    return found


def _mentions(src: Source, scenario: Scenario, mine: dict[str, Any], everyone: dict[str, list[Person]]
              ) -> list[Diagnostic]:
    words = {p.word: key for key, ps in everyone.items() if key not in mine for p in ps if p.story != scenario.id}
    if not words:
        return []
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                         + r")(?![\w-])")
    found: list[Diagnostic] = []
    said: set[str] = set()
    for path, key, text in _texts(scenario):
        for m in pattern.finditer(text):
            word = m.group(1)
            if word in said:
                continue
            said.add(word)
            owners = [p for p in everyone[words[word]] if p.story != scenario.id]
            found.append(src.diag(
                src.text_path(path, key), "W080",
                f"{word!r} is mentioned here, but it is the name of a character in "
                f"{_list(p.describe() for p in owners)}",
                "one name, one person, across the library: use a name no other story uses", severity="warning",
                offset=m.start()))
    return found


def _list(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
