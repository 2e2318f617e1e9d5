"""A playthrough: all the mutable state of one pupil's journey through a Story.

Shaped like ink's runtime: the Story never changes; a Playthrough holds the current place,
flags and counters, what was shown, what the pupil spotted, and can be saved to JSON and
restored. The window, the terminal mode and the tests all drive this same object:

    pt = Playthrough(story)
    pt.lines, pt.choices          # what to show now (the choices in the order the pupil sees)
    pt.choose(0)                  # -> the Choice made (its feedback, where it led, ends)
    pt.spot("lunch.3")            # -> Spot (kind feedback either way)
    pt.undo()                     # rollback: replays the choices minus the last one
    pt.finished, pt.debrief()

The choices of each choice point come in an order shuffled per playthrough, from its seed (a
pupil who always presses 1 meets the helping choice no more often than chance); the order is part
of the save, so Continue and undo show the same order. Writers' tools that need the file's own
order (lesson packs, --auto first) pass ``shuffle=False``.

Nothing here scores the targeted young person. What is counted is what the pupil noticed
(signs spotted) and how often the friend helped.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game.story.debrief import ContactLines, Debrief, build_debrief
from game.story.save_check import check_fields, walks
from game.story.story import Choice, Ending, Line, Scene, Story
from game.story.values import preview

SAVE_FORMAT = 2  # 2: choices are shuffled, and the save says so ("shuffle") and keeps the order shown
SAVE_READABLE_FROM = 2  # the oldest code that can read this save: format 1 replayed indices unshuffled


SAVE_PART_LOST = "Part of your save could not be read, but your place was kept."
ALREADY_FLAGGED = "You've already flagged this one"  # praise once: a second flag is not a second find


class SaveError(ValueError):
    """A save that cannot be used at all (corrupt, another scenario, a newer format)."""


@dataclass(frozen=True, slots=True)
class Spot:
    line: Line
    is_sign: bool
    sign: str | None
    title: str
    text: str
    already: bool


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the pupil saw, for history views and transcripts."""

    kind: str  # "line" | "choice" | "ending"
    text: str
    speaker: str | None = None  # display name; None for narration
    line: Line | None = None
    feedback: str | None = None


class Playthrough:
    def __init__(self, story: Story, seed: int = 0, *, shuffle: bool = True, _enter: bool = True) -> None:
        self.story = story
        self.seed = seed
        self.shuffle = shuffle  # False: the writer's order (format-1 saves, lesson packs, --auto first)
        self.notice: str | None = None  # a message for the pupil after a restore
        self._parts: Mapping[str, Scene] = story.scenes
        self._state: dict[str, bool | int] = dict(story.initial_state)
        self._actions: list[int | str] = []  # choice indices and spotted line ids, in order
        self._origin: tuple[str, dict[str, bool | int]] | None = None  # set by start_at: replay from here
        # one visit per scene or ending entered: [part id, visible lines, choice made]
        self._trail: list[list[Any]] = []
        self._choices: tuple[Choice, ...] = ()
        self._spotted: dict[str, None] = {}
        self._helped = 0
        self._ending: Ending | None = None
        if _enter:
            self._enter(story.start)

    # --- what to show --------------------------------------------------------------

    @property
    def scene(self) -> Scene | None:
        return None if self._ending else self._parts[self._trail[-1][0]]

    @property
    def ending(self) -> Ending | None:
        return self._ending

    @property
    def lines(self) -> tuple[Line, ...]:
        return self._trail[-1][1]

    @property
    def choices(self) -> tuple[Choice, ...]:
        return self._choices

    @property
    def finished(self) -> bool:
        return self._ending is not None

    @property
    def state(self) -> Mapping[str, bool | int]:
        return dict(self._state)

    @property
    def spotted(self) -> tuple[str, ...]:
        return tuple(self._spotted)

    @property
    def helped(self) -> int:
        return self._helped

    @property
    def steps(self) -> int:
        return len(self._trail) - 1

    def shown_lines(self) -> list[Line]:
        """Every line shown so far, in order (a line shown twice appears twice)."""
        return [line for visit in self._trail for line in visit[1]]

    def history(self) -> list[Entry]:
        story = self.story
        out: list[Entry] = []
        for part_id, lines, choice in self._trail:
            ending = story.endings.get(part_id)
            if ending is not None:
                out.append(Entry("ending", ending.title))
            for line in lines:
                out.append(Entry("line", line.text, story.speaker_name(line.speaker), line))
            if choice is not None:
                out.append(Entry("choice", choice.text, None, None, choice.feedback))
        return out

    # --- what the pupil does -------------------------------------------------------

    def choose(self, index: int) -> Choice:
        """Make a choice; returns it (its feedback, where it led, and whether that is an ending)."""
        choices = self._choices
        if not 0 <= index < len(choices):
            raise ValueError(f"there is no choice {index + 1} here")
        choice = choices[index]
        if choice.sets or choice.adds:
            state = self._state
            for name, value in choice.sets:
                state[name] = value
            for name, amount in choice.adds:
                state[name] += amount  # type: ignore[operator]
        if choice.helps:
            self._helped += 1
        self._trail[-1][2] = choice
        self._actions.append(index)
        self._enter(choice.go)
        return choice

    def spot(self, line_id: str) -> Spot:
        """Flag a line shown so far as a warning sign; the feedback is kind either way."""
        line = self.story.line(line_id)
        if line is None or not any(line is shown for visit in self._trail for shown in visit[1]):
            raise ValueError(f"the line {line_id!r} has not been shown")
        already = line_id in self._spotted
        if not already:
            self._spotted[line_id] = None
            self._actions.append(line_id)
        shared = self.story.shared
        if line.sign:
            title = ALREADY_FLAGGED if already else f"Well spotted: {shared.sign_name(line.sign)}"
            return Spot(line, True, line.sign, title, line.why or shared.explain(line.sign, self.story.band), already)
        gentle = shared.help.spot_not_a_sign if shared.help else "On its own, this line is not a warning sign."
        text = f"{line.why} {gentle}" if line.why else gentle
        return Spot(line, False, None, ALREADY_FLAGGED if already else "Not a warning sign on its own", text, already)

    def undo(self) -> bool:
        """Step back before the last choice. Spots on lines still shown are kept."""
        last = max((i for i, a in enumerate(self._actions) if isinstance(a, int)), default=None)
        if last is None:
            return False
        later_spots = [a for a in self._actions[last + 1:] if isinstance(a, str)]
        try:
            fresh = self._fresh()
            fresh._replay(self._actions[:last])
        except (ValueError, KeyError):
            return False  # the story changed under a restored save: nothing safe to go back to
        shown = {line.id for line in fresh.shown_lines()}
        for line_id in later_spots:
            if line_id in shown:
                fresh.spot(line_id)
        self._take(fresh)
        return True

    def debrief(self, contact: ContactLines | None = None) -> Debrief:
        """The debrief: not their fault, what helps, where help is, the signs met on this route.

        Before the end (leaving early) it still gives the signs met so far and all the help.
        ``contact``: the school's own contact (who, where) from the classroom file, if one is set.
        """
        met: dict[str, list[Line]] = {}
        for line in self.shown_lines():
            if line.sign:
                met.setdefault(line.sign, []).append(line)
        return build_debrief(self.story, self._ending, met, set(self._spotted), self._helped, contact)

    # --- starting elsewhere (writers' tools, recovering saves) ------------------------

    @classmethod
    def start_at(cls, story: Story, part: str, state: Mapping[str, Any] | None = None, seed: int = 0,
                 *, shuffle: bool = True) -> Playthrough:
        """Begin at any scene or ending, with chosen flags and counters."""
        if part not in story.scenes and part not in story.endings:
            raise KeyError(part)
        pt = cls(story, seed, shuffle=shuffle, _enter=False)
        for name, value in (state or {}).items():
            default = story.initial_state.get(name)
            if default is not None and isinstance(value, bool) == isinstance(default, bool) \
                    and isinstance(value, int):
                pt._state[name] = value
        pt._origin = (part, dict(pt._state))
        pt._enter(part)
        return pt

    def _fresh(self) -> Playthrough:
        """A new playthrough from where this one began (undo replays from there)."""
        if self._origin is None:
            return Playthrough(self.story, self.seed, shuffle=self.shuffle)
        return Playthrough.start_at(self.story, self._origin[0], self._origin[1], self.seed, shuffle=self.shuffle)

    # --- save and restore --------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "format": SAVE_FORMAT,
            "readable_from": SAVE_READABLE_FROM,
            "scenario": self.story.id,
            "fingerprint": self.story.fingerprint,
            "seed": self.seed,
            "shuffle": self.shuffle,
            "order": [c.id for c in self._choices],  # as the pupil sees them now
            "actions": list(self._actions),
            "trail": [[part, _indices(self.story, part, lines), choice.id if choice else None]
                      for part, lines, choice in self._trail],
            "state": dict(self._state),
            "spotted": list(self._spotted),
            "helped": self._helped,
            "origin": list(self._origin) if self._origin else None,
        }

    @classmethod
    def from_json(cls, story: Story, data: Any) -> Playthrough:
        """Restore a save. Every field is checked against the story first (game/story/save_check.py);
        if one does not fit, or the scenario changed since, recover the place as well as possible
        and say so in ``notice``. Raise SaveError only for a save that cannot be used at all (not
        a save, another story, a newer format)."""
        _check_save(story, data)
        # A format-1 save came from before choices were shuffled: its indices are in the file's order.
        shuffle = data["format"] >= 2 and data.get("shuffle", True) is not False
        data, wrong = check_fields(story, data)
        if "trail" in wrong and "actions" in wrong:
            raise SaveError(f"the save's place cannot be read ({', '.join(wrong)} damaged)")
        if not wrong and data["fingerprint"] == story.fingerprint:
            if not walks(story, data["trail"]):
                wrong = ("trail",)
            else:
                try:
                    return cls._restore_exact(story, data, shuffle)
                except ValueError:
                    wrong = ("actions",)  # each field fits, but not with the others: replay instead
        return cls._recover(story, data, wrong, shuffle)

    @classmethod
    def _recover(cls, story: Story, data: dict[str, Any], wrong: tuple[str, ...], shuffle: bool) -> Playthrough:
        """The place in a save that cannot be restored as it is: by replaying its steps, else at
        the scene it was in, else from the start; ``notice`` says which, and why."""
        damaged = bool(wrong)
        try:
            origin = data["origin"]
            pt = cls(story, data["seed"], shuffle=shuffle) if not origin else cls.start_at(
                story, origin[0], origin[1], data["seed"], shuffle=shuffle)
            pt._replay(data["actions"])
            # The replay counts only if it walked the same route: same scenes, same order (when
            # the route in the save could not be read, a replay of the same story is the route).
            route = [visit[0] for visit in data["trail"]]
            same_story = data["fingerprint"] == story.fingerprint
            if [visit[0] for visit in pt._trail] == route or (same_story and "trail" in wrong):
                pt.notice = (SAVE_PART_LOST if damaged else
                             "This story was updated since you last played. Your place was kept.")
                return pt
        except (KeyError, IndexError, TypeError, ValueError):
            pass
        here = data["trail"][-1][0] if data["trail"] else None
        if here in story.scenes or here in story.endings:
            pt = cls.start_at(story, here, data["state"], data["seed"], shuffle=shuffle)
            pt.notice = ("Part of your save could not be read, so some earlier steps could not be kept. "
                         "You are back where you left off." if damaged else
                         "This story was changed since you last played, so some earlier steps could not be "
                         "kept. You are back where you left off.")
            return pt
        pt = cls(story, data["seed"], shuffle=shuffle)
        pt.notice = ("Your save could not be read, so the story starts again from the beginning." if damaged else
                     "This story was changed since you last played, so it starts again from the beginning.")
        return pt

    @classmethod
    def _restore_exact(cls, story: Story, data: dict[str, Any], shuffle: bool) -> Playthrough:
        """A save whose every field fits the story (check_fields), whose trail walks it (walks),
        and whose fields agree (ValueError if not)."""
        pt = cls(story, data["seed"], shuffle=shuffle, _enter=False)
        for part, indices, choice_id in data["trail"]:
            owner = story.scenes.get(part) or story.endings[part]  # walks(): every part is there
            lines = owner.lines if indices is None else tuple(owner.lines[i] for i in indices)
            choice = None
            if choice_id is not None:
                choice = next(c for c in story.scenes[part].choices if c.id == choice_id)
            pt._trail.append([part, lines, choice])
        actions = data["actions"]
        choices_made = sum(not isinstance(a, str) for a in actions)
        if choices_made != len(pt._trail) - 1 or data["helped"] > choices_made \
                or set(data["spotted"]) != {a for a in actions if isinstance(a, str)}:
            raise ValueError("the save's steps, route and spots do not agree")
        pt._state = dict(data["state"])
        pt._actions = list(actions)
        pt._spotted = dict.fromkeys(data["spotted"])
        pt._helped = data["helped"]
        origin = data["origin"]  # None in saves from before start_at remembered it
        pt._origin = (origin[0], dict(origin[1])) if origin else None
        here = pt._trail[-1][0]
        pt._ending = story.endings.get(here)
        pt._choices = () if pt._ending else pt._offer(story.scenes[here])
        order = data["order"]  # check_fields: the choices' ids, or None
        if order is not None and sorted(order) == sorted(c.id for c in pt._choices):
            by_id = {c.id: c for c in pt._choices}
            pt._choices = tuple(by_id[cid] for cid in order)  # exactly as the pupil saw them
        return pt

    # --- internals -----------------------------------------------------------------------

    def _enter(self, target: str) -> None:
        scene = self._parts.get(target)
        if scene is not None:
            # the helpers are called only when something varies: this runs on every step
            lines = visible_lines(scene, self._state) if scene.lines_vary else scene.lines
            self._trail.append([target, lines, None])
            self._choices = self._offer(scene)
            return
        ending = self.story.endings[target]
        lines = visible_lines(ending, self._state) if ending.lines_vary else ending.lines
        self._trail.append([target, lines, None])
        self._choices = ()
        self._ending = ending

    def _offer(self, scene: Scene) -> tuple[Choice, ...]:
        """The choices available in ``scene`` now, in the order this pupil sees them: shuffled from
        the seed and the visit (the same visit always gets the same order, so undo and replay agree)."""
        choices = available_choices(scene, self._state) if scene.choices_vary else scene.choices
        if not self.shuffle or len(choices) < 2:
            return choices
        order = list(choices)
        random.Random(f"{self.seed}/{len(self._trail)}/{scene.id}").shuffle(order)
        return tuple(order)

    def _replay(self, actions: list[Any]) -> None:
        for action in actions:
            if isinstance(action, bool) or not isinstance(action, (int, str)):
                raise ValueError(f"bad action {action!r}")
            if isinstance(action, int):
                self.choose(action)
            else:
                self.spot(action)

    def _take(self, other: Playthrough) -> None:
        self._state, self._actions, self._trail = other._state, other._actions, other._trail
        self._choices, self._spotted, self._helped = other._choices, other._spotted, other._helped
        self._ending = other._ending


def new_seed() -> int:
    """A seed for a pupil's new playthrough: each game shows the choices in a new order."""
    return random.SystemRandom().randrange(2**31)


def visible_lines(part: Scene | Ending, state: Mapping[str, bool | int]) -> tuple[Line, ...]:
    """The lines of a scene or ending shown with these flags and counters (conditions at entry)."""
    if not part.lines_vary:
        return part.lines
    # a list comprehension, not a generator: this runs on every step
    return tuple([ln for ln in part.lines if ln.test is None or ln.test(state)])


def available_choices(scene: Scene, state: Mapping[str, bool | int]) -> tuple[Choice, ...]:
    """The choices offered in ``scene`` with these flags and counters.

    Shared by the Playthrough and the writers' path exploration (game/story/explore.py), so
    both always agree on what a pupil can do.
    """
    if not scene.choices_vary:
        return scene.choices
    choices = tuple([c for c in scene.choices if c.test is None or c.test(state)])
    # Never trap a pupil: if a writer's conditions hide every choice, offer the
    # unconditional ones, or else all of them. The writers' path exploration reports this case.
    return choices or tuple(c for c in scene.choices if c.test is None) or scene.choices


def _indices(story: Story, part: str, lines: tuple[Line, ...]) -> list[int] | None:
    owner = story.scenes.get(part) or story.endings[part]
    if len(lines) == len(owner.lines):
        return None  # all lines: the common case, kept short
    return [int(line.id.rpartition(".")[2]) for line in lines]


def _check_save(story: Story, data: Any) -> None:
    if not isinstance(data, dict):
        raise SaveError("the save is not a JSON object")
    fmt = data.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise SaveError("the save has no format version")
    readable_from = data.get("readable_from", fmt)
    if fmt > SAVE_FORMAT and (not isinstance(readable_from, int) or readable_from > SAVE_FORMAT):
        raise SaveError("the save was made by a newer version of the game")
    if data.get("scenario") != story.id:
        raise SaveError(f"the save is for another story ({preview(data.get('scenario'))})")
