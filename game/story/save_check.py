"""A Playthrough's save, checked field by field against the story it belongs to.

A save is a file on the pupil's computer: anything may be in it. Before the Playthrough uses
one, every field is checked for its type and its range *against this story* (a scene that
exists, a choice of that scene, a line index inside that scene, a counter that is a whole
number of sensible size...). A field that does not fit is replaced by its safe default and
named, so ``Playthrough.from_json`` recovers the place another way and says so; nothing that
does not fit is ever passed on, so a save can never make a later step fail.

To add a field to the save: add one line to ``FIELDS`` (its check and its default).

    data, wrong = check_fields(story, data)     # wrong: the names of the fields replaced
    walks(story, data["trail"])                 # the route, against the story, before restoring it as it is
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from game.story.story import Story
from game.story.values import counter_problem

MAX_STEPS = 100_000  # choices and spots in one save: far more than any lesson, far less than 1 MiB allows
MAX_SEED = 2**63
MAX_FINGERPRINT = 64
MAX_LINES = 200  # lines in a scene (the loader's own limit)


@dataclass(frozen=True, slots=True)
class Field:
    fits: Callable[[Story, Any], bool]
    default: Callable[[Story], Any]
    optional: bool = False  # absent in saves written before the field existed: the default, no notice


def _whole(low: int, high: int) -> Callable[[Story, Any], bool]:
    return lambda story, v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _is_list(v: Any, most: int) -> bool:
    return isinstance(v, list) and len(v) <= most


def state_fits(story: Story, state: Any) -> bool:
    """The story's own flags and counters, every one, each of its kind and of sensible size."""
    initial = story.initial_state
    if not isinstance(state, dict) or len(state) != len(initial):
        return False
    for name, start in initial.items():
        if name not in state:
            return False
        value = state[name]
        if isinstance(start, bool):
            if not isinstance(value, bool):
                return False
        elif counter_problem(value) is not None:
            return False
    return True


def actions_fit(story: Story, actions: Any) -> bool:
    """Choice numbers within the most any scene offers, and ids of lines in the story."""
    if not _is_list(actions, MAX_STEPS):
        return False
    most = max((len(s.choices) for s in story.scenes.values()), default=0)
    for a in actions:
        if isinstance(a, str):
            if story.line(a) is None:
                return False
        elif isinstance(a, bool) or not isinstance(a, int) or not 0 <= a < most:
            return False
    return True


def trail_fits(story: Story, trail: Any) -> bool:
    """[part id, shown line indices or null, choice id or null] per visit. Only the shape here:
    a story edited since the save may have lost a part the trail names, and the recovery still
    uses the rest; ``walks`` checks the trail against the story before it is restored as it is."""
    if not _is_list(trail, MAX_STEPS + 1) or not trail:
        return False
    for visit in trail:
        if not isinstance(visit, list) or len(visit) != 3:
            return False
        part, indices, choice_id = visit
        if not isinstance(part, str) or not (choice_id is None or isinstance(choice_id, str)):
            return False
        owner = story.scenes.get(part) or story.endings.get(part)
        if not _indices_fit(indices, len(owner.lines) if owner is not None else MAX_LINES):
            return False
    return True


def walks(story: Story, trail: list[list[Any]]) -> bool:
    """Whether a trail (that fits) is a walk through this story: every part in it, each visit
    but the last left by one of its scene's choices, which leads to the next visit."""
    last = len(trail) - 1
    for i, (part, _indices, choice_id) in enumerate(trail):
        if part not in story.scenes and part not in story.endings:
            return False
        if i == last:
            return choice_id is None
        scene = story.scenes.get(part)  # an ending is only ever the last visit
        choice = next((c for c in scene.choices if c.id == choice_id), None) if scene else None
        if choice is None or choice.go != trail[i + 1][0]:
            return False
    return True


def _indices_fit(indices: Any, count: int) -> bool:
    """None (every line shown) or the positions of the lines shown: in order, each once, in range."""
    if indices is None:
        return True
    if not _is_list(indices, count):
        return False
    before = -1
    for i in indices:
        if isinstance(i, bool) or not isinstance(i, int) or not before < i < count:
            return False
        before = i
    return True


def spotted_fit(story: Story, spotted: Any) -> bool:
    """Ids of lines in the story, each once."""
    if not _is_list(spotted, MAX_STEPS) or len(set(map(repr, spotted))) != len(spotted):
        return False
    return all(isinstance(s, str) and story.line(s) is not None for s in spotted)


def origin_fits(story: Story, origin: Any) -> bool:
    """None (from the start) or [a scene or ending, the flags and counters there]."""
    if origin is None:
        return True
    if not isinstance(origin, list) or len(origin) != 2 or not isinstance(origin[0], str):
        return False
    return (origin[0] in story.scenes or origin[0] in story.endings) and state_fits(story, origin[1])


FIELDS: Mapping[str, Field] = {
    "fingerprint": Field(lambda story, v: isinstance(v, str) and len(v) <= MAX_FINGERPRINT, lambda story: ""),
    "seed": Field(_whole(-MAX_SEED, MAX_SEED), lambda story: 0),
    "actions": Field(actions_fit, lambda story: []),
    "trail": Field(trail_fits, lambda story: []),
    "state": Field(state_fits, lambda story: dict(story.initial_state)),
    "spotted": Field(spotted_fit, lambda story: []),
    "helped": Field(_whole(0, MAX_STEPS), lambda story: 0),
    "origin": Field(origin_fits, lambda story: None, optional=True),
    # the order the choices showed in (format 2): their ids; a replay from the seed gives it again
    "order": Field(lambda story, v: isinstance(v, list) and len(v) <= 6 and all(isinstance(c, str) and len(c) <= 200
                                                                               for c in v),
                   lambda story: None, optional=True),
    "shuffle": Field(lambda story, v: isinstance(v, bool), lambda story: True, optional=True),
}


def check_fields(story: Story, data: Mapping[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """``data`` with every field of FIELDS that does not fit ``story`` replaced by its default,
    and the names of the fields replaced (an optional field left out is not one of them)."""
    out = dict(data)
    wrong: list[str] = []
    for name, field in FIELDS.items():
        if name not in data and field.optional:
            out[name] = field.default(story)
        elif name not in data or not field.fits(story, data[name]):
            out[name] = field.default(story)
            wrong.append(name)
    return out, tuple(wrong)
