"""A story compiled into the data its web page walks: the reachable state graph and the debrief's parts.

    compiled = compile_graph(story)        # a CompiledStory, or a Diagnostic (W052, as an error) when it cannot be
    compiled.data                          # JSON-ready: what the page's script reads
    compiled.states                        # how many states

Every fact comes from the engine, never from reading the story's conditions here:

- the explorer (game/story/explore.py) finds every reachable state (a place with its flags and
  counters, counters capped where no condition can tell values apart) and says whether it found
  them all; a story whose exploration hit its bound cannot be published: the checker's own W052
  ("exploration stopped early"), which publishing treats as an error;
- for each state a ``Playthrough`` started there gives the lines shown, the choices offered and,
  choosing each, the state it leads to; flagging each line gives its kind feedback;
- the debrief's parts come from the engine's ``Debrief``: the parts every route shares, each
  ending's title, the "you spotted ..." summary for every count of signs met and spotted, and
  each sign's explanation (the writer's ``why:`` on a line, else the sign's own text).

The page's script then only follows the graph and puts the debrief together from these parts:
the signs met on its route, in order, marked spotted or not. Nothing in it evaluates a
condition. Choices are kept in the order the story gives them; the page may shuffle them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from game.story.debrief import Debrief, build_debrief
from game.story.diagnostics import Diagnostic
from game.story.explore import StateKey, cap_state, explore
from game.story.runtime import Playthrough
from game.story.story import Line, Story

FORMAT = 1  # the data's shape; the page's script checks it

ChoiceRow = list[Any]  # [choice id, text, feedback or None, is a Continue (0/1)]


@dataclass(frozen=True, slots=True)
class CompiledStory:
    story: Story
    data: dict[str, Any]
    states: int


def compile_graph(story: Story, max_states: int | None = None) -> CompiledStory | Diagnostic:
    """The page's data for ``story``, or W052 as an error when its exploration stops at the state bound."""
    found = explore(story) if max_states is None else explore(story, max_states=max_states)
    if not found.complete:
        return unpublishable(story, found.states)
    names, caps = found.names, found.caps

    def key_of(part: str, state: Mapping[str, bool | int]) -> StateKey:
        capped = cap_state(state, caps)
        return (part, tuple(capped[n] for n in names))

    parts = [*story.scenes, *story.endings]
    part_index = {pid: i for i, pid in enumerate(parts)}
    line_index: dict[str, int] = {}
    lines: list[list[Any]] = []
    for pid in parts:
        owner = story.scenes.get(pid) or story.endings[pid]
        for line in owner.lines:
            line_index[line.id] = len(lines)
            speaker = line.speaker if line.speaker in story.characters else None
            lines.append([speaker, line.text, line.mood, line.sign])
    choice_index: dict[str, int] = {}
    choices: list[ChoiceRow] = []
    for scene in story.scenes.values():
        for choice in scene.choices:
            choice_index[choice.id] = len(choices)
            choices.append([choice.id, choice.text, choice.feedback, int(choice.is_continue)])

    texts = _Texts()
    spots: list[list[int] | None] = [None] * len(lines)
    shown_sets: dict[tuple[int, ...], int] = {}
    start = key_of(story.start, story.initial_state)
    order: list[StateKey] = [start]
    number = {start: 0}
    rows: list[list[Any]] = []
    i = 0
    while i < len(order):
        part, values = order[i]
        state = dict(zip(names, values, strict=True))
        here = Playthrough.start_at(story, part, state)
        shown = tuple(line_index[line.id] for line in here.lines)
        for line in here.lines:
            at = line_index[line.id]
            if spots[at] is None:
                spot = here.spot(line.id)
                again = here.spot(line.id)  # flagged a second time: the engine says so, kindly
                spots[at] = [texts.add(spot.title), texts.add(spot.text), texts.add(again.title)]
        ways: list[tuple[int, int]] = []
        for choice in here.choices:
            after = Playthrough.start_at(story, part, state)
            after.choose(next(j for j, c in enumerate(after.choices) if c.id == choice.id))
            target = key_of(_place(after), after.state)
            if target not in number:
                number[target] = len(order)
                order.append(target)
            ways.append((choice_index[choice.id], number[target]))
        ways.sort()
        # [part, shown lines, choice, next state, choice, next state ...]: flat, as most of a page's bytes are here
        flat = [n for way in ways for n in way]
        rows.append([part_index[part], shown_sets.setdefault(shown, len(shown_sets)), *flat])
        i += 1
    if len(order) != found.states:  # the explorer and the playthroughs must agree on what is reachable
        raise AssertionError(f"{story.id}: {len(order)} states walked, {found.states} explored")

    data = {
        "format": FORMAT,
        "story": _about(story),
        "characters": {cid: {"name": c.name, "you": c.role == "player"} for cid, c in story.characters.items()},
        "parts": [_part(story, pid) for pid in parts],
        "lines": lines,
        "spots": spots,
        "texts": texts.items,
        "choices": choices,
        "shown": [list(s) for s in shown_sets],
        "states": rows,
        "debrief": debrief_parts(story, part_index, line_index),
    }
    return CompiledStory(story, data, len(order))


def unpublishable(story: Story, states: int) -> Diagnostic:
    line = _document_start(story.path)
    # The checker's W052 names the same cause (and `check --strict`, which every story in the library
    # passes, fails on it); publishing cannot go on past it, so here it is an error.
    return Diagnostic(story.path, line, 1 if line else None, "error", "W052",
                      f"this story cannot be published as a web page: exploring it stopped at {states:,} states, "
                      "so the page could not hold every place the story can reach",
                      "a counter that goes both up and down round a loop makes endless states: give the loop a way "
                      "out that does not add, or use a flag (spot-the-signs explain W052)")


def debrief_parts(story: Story, part_index: Mapping[str, int], line_index: Mapping[str, int]) -> dict[str, Any]:
    """What the page puts a debrief together from, every part made by the engine's own Debrief.

    ``summaries[summary[met][spotted]]`` is the "you spotted ..." sentence for that many signs met
    and spotted, with ``{met}`` and ``{spotted}`` where the engine wrote those numbers (so the dozens
    of sentences a story with many signs has are kept as the few the engine words them by);
    ``explanations`` (by line number) the explanation a sign gets when that line is the first of
    its lines met that has its own ``why:``; ``signs`` the name and the explanation otherwise.
    """
    sign_lines = _one_line_per_sign(story)
    first = _debrief(story, None, {}, set())
    sentences = _Texts()
    summary: list[list[int]] = []
    for total in range(len(sign_lines) + 1):
        met = dict(list(sign_lines.items())[:total])
        row = []
        for found in range(total + 1):
            spotted = {line.id for line in list(met.values())[:found]}
            said = _debrief(story, None, {s: [ln] for s, ln in met.items()}, spotted).spotted_summary
            row.append(sentences.add(_with_counts(said, total, found)))
        summary.append(row)
    signs: dict[str, dict[str, str]] = {}
    own: dict[str, str] = {}  # JSON keys are text
    for sign, line in sign_lines.items():
        plain = _debrief(story, None, {sign: [replace(line, why=None)]}, set()).signs[0]
        signs[sign] = {"name": plain.name, "explanation": plain.explanation}
    for part in (*story.scenes.values(), *story.endings.values()):
        for line in part.lines:
            if line.sign and line.why:
                own[str(line_index[line.id])] = _debrief(story, None, {line.sign: [line]}, set()).signs[0].explanation
    ending_parts = {}
    for eid, ending in story.endings.items():
        d = _debrief(story, ending, {}, set())
        ending_parts[str(part_index[eid])] = {"title": d.ending_title, "tone": d.ending_tone}
    help_file = story.shared.help
    return {
        "not_fault": first.not_fault,
        "responsible": first.responsible,
        "friend_can_do": list(first.friend_can_do),
        "help": [entry.name for entry in first.help],  # the page shows them from the same help_entries
        "summary": summary,
        "summaries": sentences.items,
        "signs": signs,
        "explanations": own,
        "endings": ending_parts,
        "leaving_early": help_file.leaving_early if help_file else None,
    }


def _debrief(story: Story, ending: Any, met: dict[str, list[Line]], spotted: set[str]) -> Debrief:
    """The engine's debrief for signs ``met`` (sign -> its lines, in order) of which ``spotted``."""
    return build_debrief(story, ending, met, spotted, 0)


def _place(pt: Playthrough) -> str:
    """The scene or ending a playthrough is at."""
    here = pt.ending or pt.scene
    assert here is not None
    return here.id


def _with_counts(sentence: str, met: int, spotted: int) -> str:
    """``sentence`` with the numbers ``met`` and ``spotted`` written as ``{met}`` and ``{spotted}``,
    if the page filling them in again gives back exactly the same words (else unchanged)."""
    def slot(match: re.Match[str]) -> str:
        number = int(match.group())
        return "{met}" if number == met else "{spotted}" if number == spotted else match.group()

    template = re.sub(r"\b\d+\b", slot, sentence)
    filled = template.replace("{met}", str(met)).replace("{spotted}", str(spotted))
    return template if filled == sentence and "{" not in sentence else sentence


def _one_line_per_sign(story: Story) -> dict[str, Line]:
    out: dict[str, Line] = {}
    for part in (*story.scenes.values(), *story.endings.values()):
        for line in part.lines:
            if line.sign:
                out.setdefault(line.sign, line)
    return out


def _about(story: Story) -> dict[str, Any]:
    player = next((c.name for c in story.characters.values() if c.role == "player"), None)
    targets = story.characters_with("target")
    return {
        "id": story.id, "title": story.title, "band": story.band, "minutes": story.minutes,
        "summary": story.pupil_summary or "", "player": player,
        "target": targets[0].name if len(targets) == 1 else None,
    }


def _part(story: Story, pid: str) -> dict[str, Any]:
    scene = story.scenes.get(pid)
    if scene is None:
        return {"id": pid, "kind": "ending"}
    return {"id": pid, "kind": scene.kind, "background": scene.background, "app": scene.app,
            "phone": scene.phone, "present": [c for c in scene.present if c in story.characters],
            "discuss": scene.discuss}


class _Texts:
    """Feedback texts, each kept once (most lines share the same gentle "not a sign" text)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._at: dict[str, int] = {}

    def add(self, text: str) -> int:
        at = self._at.get(text)
        if at is None:
            at = self._at[text] = len(self.items)
            self.items.append(text)
        return at


def _document_start(path: str) -> int | None:
    """The line of a scenario file's first key (where the checker puts story-wide findings)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number
    return None
