"""The checked, compiled, immutable story that a Playthrough runs.

Built from a validated ``Scenario`` model only after every check passed, so nothing here
needs to defend against bad references: conditions are already compiled closures,
every ``go`` names a scene or an ending that exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from game.story import conditions, model
from game.story.conditions import Test
from game.story.shared import Shared


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    role: str
    age: int | None
    pronouns: str | None
    look: model.Look


@dataclass(frozen=True, slots=True)
class Line:
    id: str  # stable: "<scene>.<position>", for saves, spotting and later translation
    speaker: str  # character id, or "narrator"
    text: str
    sign: str | None
    why: str | None
    test: Test | None
    voice: str | None
    mood: str | None
    condition: str | None = None  # the `if:` as written, for tools that reason about conditions
    via: str | None = None  # "phone": a message or call from someone who is not there in person


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: str
    test: Test | None
    sets: tuple[tuple[str, bool | int], ...]
    adds: tuple[tuple[str, int], ...]
    feedback: str | None
    go: str
    helps: bool
    ends: bool  # leads straight to an ending
    is_continue: bool = False
    condition: str | None = None  # the `if:` as written, for tools that reason about conditions
    skills: tuple[str, ...] = ()  # skills.yaml ids this choice practises


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    kind: str
    background: str | None
    app: str | None
    phone: str | None  # chat scenes: the character whose phone is shown
    present: tuple[str, ...]
    lines: tuple[Line, ...]
    choices: tuple[Choice, ...]
    discuss: str | None
    lines_vary: bool  # any line has a condition: only then is filtering needed
    choices_vary: bool
    time: str | None = None  # chat scenes: the phone's clock when the first message arrives ("21:40")
    discuss_notes: str | None = None  # for the teacher: good answers to discuss


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    title: str
    tone: str
    lines: tuple[Line, ...]
    lines_vary: bool
    present: tuple[str, ...] = ()  # who is there in person (the speakers)


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    path: str
    fingerprint: str
    title: str
    band: str
    minutes: int
    setting: str
    summary: str
    pupil_summary: str | None
    content_notes: tuple[str, ...]
    teacher_notes: tuple[str, ...]
    objectives: tuple[str, ...]
    questions: tuple[model.Question, ...]
    follow_up: tuple[str, ...]
    themes: tuple[str, ...]
    initial_state: Mapping[str, bool | int]
    start: str
    characters: Mapping[str, Character]
    scenes: Mapping[str, Scene]
    endings: Mapping[str, Ending]
    shared: Shared

    @property
    def signs(self) -> tuple[str, ...]:
        """Every sign id the story can show, in order of first appearance (derived, not written)."""
        seen: dict[str, None] = {}
        for part in (*self.scenes.values(), *self.endings.values()):
            for line in part.lines:
                if line.sign:
                    seen.setdefault(line.sign, None)
        return tuple(seen)

    @property
    def skills(self) -> tuple[str, ...]:
        """Every skill the story's choices practise, in order of first appearance (derived, not written)."""
        seen: dict[str, None] = {}
        for scene in self.scenes.values():
            for choice in scene.choices:
                for skill in choice.skills:
                    seen.setdefault(skill, None)
        return tuple(seen)

    def characters_with(self, role: str) -> tuple[Character, ...]:
        return tuple(c for c in self.characters.values() if c.role == role)

    def speaker_name(self, speaker: str) -> str | None:
        c = self.characters.get(speaker)
        return c.name if c else None

    def line(self, line_id: str) -> Line | None:
        part_id, _, index = line_id.rpartition(".")
        part = self.scenes.get(part_id) or self.endings.get(part_id)
        # only the id as written ("lunch.3"): not "lunch.03", a fullwidth digit or a thousand digits
        if part is None or not (index.isascii() and index.isdigit()) or len(index) > 6 \
                or int(index) >= len(part.lines):
            return None
        line = part.lines[int(index)]
        return line if line.id == line_id else None


@lru_cache(maxsize=4096)
def _test(source: str) -> Test:
    return conditions.compile_condition(conditions.parse(source))


def _lines(owner: str, lines: list[model.Line]) -> tuple[Line, ...]:
    return tuple(
        Line(
            id=f"{owner}.{i}",
            speaker=ln.speaker,
            text=ln.text,
            sign=ln.sign,
            why=ln.why,
            test=_test(ln.if_) if ln.if_ else None,
            voice=ln.voice,
            mood=ln.mood,
            condition=ln.if_,
            via=ln.via,
        )
        for i, ln in enumerate(lines)
    )


def _in_person(lines: list[model.Line]) -> tuple[str, ...]:
    """Who speaks in person (not the narrator, not a message on a phone), in order of first words."""
    return tuple(dict.fromkeys(ln.speaker for ln in lines if ln.speaker != model.NARRATOR and ln.via is None))


def compile_story(scenario: model.Scenario, shared: Shared, path: str, fingerprint: str) -> Story:
    player = next(cid for cid, c in scenario.characters.items() if c.role == "player")
    scenes: dict[str, Scene] = {}
    for sid, sc in scenario.scenes.items():
        lines = _lines(sid, sc.lines)
        if sc.choices:
            choices = tuple(
                Choice(
                    id=f"{sid}.c{i}",
                    text=ch.text,
                    test=_test(ch.if_) if ch.if_ else None,
                    sets=tuple(ch.set.items()),
                    adds=tuple(ch.add.items()),
                    feedback=ch.feedback,
                    go=ch.go,
                    helps=ch.helps,
                    ends=ch.go in scenario.endings,
                    condition=ch.if_,
                    skills=tuple(ch.skills),
                )
                for i, ch in enumerate(sc.choices)
            )
        else:
            assert sc.go is not None  # the checks refuse a scene with no way on
            choices = (Choice(f"{sid}.c0", "Continue", None, (), (), None, sc.go, False, sc.go in scenario.endings,
                              is_continue=True),)
        scenes[sid] = Scene(
            id=sid, kind=sc.kind, background=sc.background, app=sc.app,
            present=tuple(sc.present) or _in_person(sc.lines),
            phone=(sc.phone or player) if sc.kind == "chat" else None,
            lines=lines, choices=choices, discuss=sc.discuss,
            lines_vary=any(ln.test for ln in lines), choices_vary=any(c.test for c in choices), time=sc.time,
            discuss_notes=sc.discuss_notes,
        )
    endings = {}
    for eid, en in scenario.endings.items():
        lines = _lines(eid, en.lines)
        endings[eid] = Ending(eid, en.title, en.tone, lines, any(ln.test for ln in lines), _in_person(en.lines))
    characters = {
        cid: Character(cid, c.name, c.role, c.age, c.pronouns, c.look) for cid, c in scenario.characters.items()
    }
    return Story(
        id=scenario.id, path=path, fingerprint=fingerprint, title=scenario.title, band=scenario.band,
        minutes=scenario.minutes, setting=scenario.setting, summary=scenario.summary,
        pupil_summary=scenario.pupil_summary, content_notes=tuple(scenario.content_notes),
        teacher_notes=tuple(scenario.teacher_notes),
        objectives=tuple(scenario.objectives), questions=tuple(scenario.questions),
        follow_up=tuple(scenario.follow_up), themes=tuple(scenario.themes),
        initial_state=MappingProxyType(dict(scenario.state)),
        start=scenario.start or next(iter(scenario.scenes)),
        characters=MappingProxyType(characters), scenes=MappingProxyType(scenes),
        endings=MappingProxyType(endings), shared=shared,
    )
