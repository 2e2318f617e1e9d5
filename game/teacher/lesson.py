"""A printable lesson pack for one scenario: the data (pure) and its HTML (a Jinja2 template).

``build_pack(story)`` walks a few routes through the story with a real ``Playthrough`` (the
routes come from ``explore``), so the script in the pack is exactly what pupils see: the
visible lines, the choices, their feedback and the debrief at each ending. ``render_pack``
and ``render_index`` turn the data into self-contained HTML (inline CSS, no scripts, no
external files).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.story.debrief import Debrief, HelpEntry
from game.story.explore import Route, explore
from game.story.model import HelpRoute, Question
from game.story.runtime import Playthrough
from game.story.story import Line, Story

MAX_ROUTES = 6  # routes printed in full; chosen to cover every ending and as many signs as possible
TEMPLATES = Path(__file__).resolve().parent / "templates"

# Printed when a story has none of its own (the checker warns about that, W002, but such a
# story still loads): a pack never has an empty section.
GENERAL_OBJECTIVES = (
    "Recognise some of the warning signs that someone is grooming a young person",
    "Explain that it is never the young person's fault, and that the person grooming them is responsible",
    "Name trusted adults and services that a young person, or a worried friend, can go to for help",
)
GENERAL_QUESTIONS = (
    Question(ask="What did the person grooming do to win trust?",
             notes="Look for the tactics: attention and compliments, gifts, secrets, moving to a private chat, "
                   "making the young person feel special or that only they understand them."),
    Question(ask="Which warning signs could a friend notice?",
             notes="Changes in mood, secrecy about a phone, a much older friend, drifting away from friends. "
                   "Signs are not proof; several together are a reason to talk to a trusted adult."),
    Question(ask="How could a friend or a trusted adult help?",
             notes="Listen and believe them, say it is not their fault, and tell a trusted adult even if asked "
                   "not to. A friend does not have to sort it out alone."),
)


@dataclass(frozen=True, slots=True)
class LineView:
    speaker: str | None  # display name; None for narration
    text: str
    sign: str | None = None
    sign_name: str | None = None
    sign_explain: str | None = None  # from scenes/signs.yaml, for the story's band
    why: str | None = None  # the writer's note on this line, if any


@dataclass(frozen=True, slots=True)
class OptionView:
    text: str
    feedback: str | None
    taken: bool  # the choice this route makes


@dataclass(frozen=True, slots=True)
class StepView:
    part: str  # scene or ending id
    kind: str  # "scene" | "ending"
    title: str | None  # an ending's title
    lines: tuple[LineView, ...]
    choice: str | None = None  # the choice this route makes (None for "Continue")
    feedback: str | None = None
    options: tuple[OptionView, ...] = ()  # every choice pupils see here, with its feedback
    discuss: str | None = None  # the scene's pause-to-discuss question for the class
    same_as: int | None = None  # this scene, with the same lines and choices, was printed in full in that route
    discuss_notes: str | None = None  # for the teacher: what good answers to it include


@dataclass(frozen=True, slots=True)
class RouteView:
    number: int
    ending: str
    ending_title: str
    steps: tuple[StepView, ...]
    debrief: Debrief  # its signs are the ones met on this route

    @property
    def lead(self) -> int:
        """How many steps at the start of the route only refer back to an earlier route (printed with its heading)."""
        return next((i for i, step in enumerate(self.steps) if not step.same_as), len(self.steps))


@dataclass(frozen=True, slots=True)
class SignView:
    id: str
    name: str
    explain: str


@dataclass(frozen=True, slots=True)
class SkillView:
    id: str
    name: str
    looks_like: str


@dataclass(frozen=True, slots=True)
class Prompt:
    """A scene's pause-to-discuss question, with the teacher's notes on good answers."""

    scene: str
    ask: str
    notes: str | None


@dataclass(frozen=True, slots=True)
class LessonPack:
    story: Story  # title, band, minutes, summary, notes, objectives, questions, follow-up
    signs: tuple[SignView, ...]
    skills: tuple[SkillView, ...]  # what the friend practises in this story (scenes/skills.yaml)
    prompts: tuple[Prompt, ...]  # every pause-to-discuss a pupil can reach, in story order
    target: str  # the targeted young person's name, for the assessment ("a friend in Mia's place")
    routes: tuple[RouteView, ...]
    routes_total: int
    routes_complete: bool  # False if there were more routes than the explorer counts
    endings_total: int
    covers_endings: bool  # the printed routes reach every ending explored
    covers_signs: bool  # the printed routes meet every sign any route meets
    school_contact: HelpRoute | None  # help.yaml's, if the school set one
    help: tuple[HelpEntry, ...]  # as the debrief lists them, the school's contact second
    friend_can_do: tuple[str, ...]

    @property
    def objectives(self) -> tuple[str, ...]:
        return self.story.objectives or GENERAL_OBJECTIVES

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.story.questions or GENERAL_QUESTIONS


def pick_routes(routes: Sequence[Route], cap: int = MAX_ROUTES) -> list[Route]:
    """Up to ``cap`` routes that together reach every ending and as many signs as possible."""
    chosen: list[Route] = []
    endings: set[str] = set()
    signs: set[str] = set()
    left = list(routes)

    def gain(r: Route) -> tuple[int, int, int, int]:
        return (r.ending not in endings, len(r.signs - signs), r.sign_lines, -len(r.parts))

    while left and len(chosen) < cap:
        best = max(left, key=gain)
        if chosen and gain(best)[:2] == (False, 0):
            break
        chosen.append(best)
        left.remove(best)
        endings.add(best.ending)
        signs.update(best.signs)
    return chosen


def _line(story: Story, line: Line) -> LineView:
    sign = line.sign
    return LineView(
        speaker=story.speaker_name(line.speaker),
        text=line.text,
        sign=sign,
        sign_name=story.shared.sign_name(sign) if sign else None,
        sign_explain=story.shared.explain(sign, story.band) if sign else None,
        why=line.why if sign else None,
    )


def play_route(story: Story, route: Route, number: int, seen: dict[tuple, int]) -> RouteView:
    """Play one route with a Playthrough; steps already printed in an earlier route refer back to it."""
    pt = Playthrough(story, shuffle=False)  # the pack lists each point's choices in the writer's order
    steps: list[StepView] = []
    for choice_id in route.choices:
        scene = pt.scene
        assert scene is not None
        offered = pt.choices
        index = next(i for i, c in enumerate(offered) if c.id == choice_id)
        lines = pt.lines
        choice = pt.choose(index)
        key = (scene.id, tuple(ln.id for ln in lines), tuple(c.id for c in offered))
        options = tuple(OptionView(c.text, c.feedback, c.id == choice.id) for c in offered if not c.is_continue)
        steps.append(StepView(part=scene.id, kind="scene", title=None, lines=tuple(_line(story, ln) for ln in lines),
                              choice=None if choice.is_continue else choice.text, feedback=choice.feedback,
                              options=options, discuss=scene.discuss, same_as=seen.get(key),
                              discuss_notes=scene.discuss_notes))
        seen.setdefault(key, number)
    ending = pt.ending
    assert ending is not None and pt.finished
    steps.append(StepView(part=ending.id, kind="ending", title=ending.title,
                          lines=tuple(_line(story, ln) for ln in pt.lines)))
    debrief = pt.debrief()
    return RouteView(number=number, ending=ending.id, ending_title=ending.title, steps=tuple(steps),
                     debrief=debrief)


def build_pack(story: Story, cap: int = MAX_ROUTES) -> LessonPack:
    ex = explore(story)
    seen: dict[tuple, int] = {}
    picked = pick_routes(ex.routes, cap)
    routes = tuple(play_route(story, r, n, seen) for n, r in enumerate(picked, 1))
    shared = story.shared
    first = routes[0].debrief if routes else Playthrough(story).debrief()  # help is the same at every ending
    targets = story.characters_with("target")
    return LessonPack(
        story=story,
        signs=tuple(SignView(s, shared.sign_name(s), shared.explain(s, story.band)) for s in story.signs),
        skills=tuple(SkillView(k, shared.skill_name(k), shared.skills[k].looks_like if k in shared.skills else "")
                     for k in story.skills),
        prompts=tuple(Prompt(sid, scene.discuss, scene.discuss_notes) for sid, scene in story.scenes.items()
                      if scene.discuss and sid in ex.scenes_reached),
        target=targets[0].name if targets else "the young person",
        routes=routes,
        routes_total=len(ex.routes),
        routes_complete=ex.routes_complete,
        endings_total=len(story.endings),
        covers_endings={r.ending for r in routes} >= {r.ending for r in ex.routes},
        covers_signs=set().union(*(r.signs for r in picked)) >= set().union(*(r.signs for r in ex.routes)),
        school_contact=shared.help.school_contact if shared.help else None,
        help=first.help,
        friend_can_do=first.friend_can_do,
    )


@functools.cache  # one for every pack: --all compiles the template once
def _environment():  # -> jinja2.Environment
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def render_pack(pack: LessonPack) -> str:
    return _environment().get_template("lesson.html.j2").render(pack=pack, index=None)


def render_index(packs: Sequence[tuple[LessonPack, str, str | None]]) -> str:
    """An index page linking each pack: (pack, its .html file name, its .pdf file name or None)."""
    return _environment().get_template("lesson.html.j2").render(pack=None, index=list(packs))
