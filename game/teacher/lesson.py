"""A printable lesson pack for one scenario: the data (pure) and its HTML (a Jinja2 template).

``build_pack(story)`` walks a few routes through the story with a real ``Playthrough`` (the
routes come from ``explore``), so the script in the pack is exactly what pupils see: the
visible lines, the choices, their feedback and the debrief at each ending. ``render_pack``
and ``render_index`` turn the data into self-contained HTML (inline CSS, no scripts, no
external files).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.story.debrief import Debrief
from game.story.explore import Route, explore
from game.story.model import HelpRoute
from game.story.runtime import Playthrough
from game.story.story import Line, Story

MAX_ROUTES = 6  # routes printed in full; chosen to cover every ending and as many signs as possible
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True, slots=True)
class LineView:
    speaker: str | None  # display name; None for narration
    text: str
    sign: str | None = None
    sign_name: str | None = None
    sign_explain: str | None = None  # from scenes/signs.yaml, for the story's band
    why: str | None = None  # the writer's note on this line, if any


@dataclass(frozen=True, slots=True)
class StepView:
    part: str  # scene or ending id
    kind: str  # "scene" | "ending"
    title: str | None  # an ending's title
    lines: tuple[LineView, ...]
    choice: str | None = None
    feedback: str | None = None
    same_as: int | None = None  # this exact step was printed in full in that route number


@dataclass(frozen=True, slots=True)
class RouteView:
    number: int
    ending: str
    ending_title: str
    steps: tuple[StepView, ...]
    signs: tuple[str, ...]  # sign names met on this route
    debrief: Debrief


@dataclass(frozen=True, slots=True)
class SignView:
    id: str
    name: str
    explain: str


@dataclass(frozen=True, slots=True)
class LessonPack:
    story: Story  # title, band, minutes, summary, notes, objectives, questions, follow-up
    signs: tuple[SignView, ...]
    target: str  # the young person the story is about, for "It was not X's fault"
    routes: tuple[RouteView, ...]
    routes_total: int
    routes_complete: bool  # False if there were more routes than the explorer counts
    endings_total: int
    covers_endings: bool  # the printed routes reach every ending explored
    covers_signs: bool  # the printed routes meet every sign any route meets
    school_contact: HelpRoute | None
    help: tuple[HelpRoute, ...]
    friend_can_do: tuple[str, ...]


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
    pt = Playthrough(story)
    steps: list[StepView] = []
    for choice_id in route.choices:
        scene = pt.scene
        assert scene is not None
        index = next(i for i, c in enumerate(pt.choices) if c.id == choice_id)
        lines = pt.lines
        choice = pt.choose(index)
        key = (scene.id, tuple(ln.id for ln in lines), choice.id)
        steps.append(StepView(part=scene.id, kind="scene", title=None, lines=tuple(_line(story, ln) for ln in lines),
                              choice=None if choice.is_continue else choice.text,
                              feedback=choice.feedback, same_as=seen.get(key)))
        seen.setdefault(key, number)
    ending = pt.ending
    assert ending is not None and pt.finished
    steps.append(StepView(part=ending.id, kind="ending", title=ending.title,
                          lines=tuple(_line(story, ln) for ln in pt.lines)))
    debrief = pt.debrief()
    return RouteView(number=number, ending=ending.id, ending_title=ending.title, steps=tuple(steps),
                     signs=tuple(s.name for s in debrief.signs), debrief=debrief)


def build_pack(story: Story, cap: int = MAX_ROUTES) -> LessonPack:
    ex = explore(story)
    seen: dict[tuple, int] = {}
    picked = pick_routes(ex.routes, cap)
    routes = tuple(play_route(story, r, n, seen) for n, r in enumerate(picked, 1))
    shared = story.shared
    targets = [c.name for c in story.characters_with("target")]
    help_file = shared.help
    first = routes[0].debrief if routes else Playthrough(story).debrief()
    return LessonPack(
        story=story,
        signs=tuple(SignView(s, shared.sign_name(s), shared.explain(s, story.band)) for s in story.signs),
        target=" and ".join(targets) if targets else "the young person",
        routes=routes,
        routes_total=len(ex.routes),
        routes_complete=ex.routes_complete,
        endings_total=len(story.endings),
        covers_endings={r.ending for r in routes} >= {r.ending for r in ex.routes},
        covers_signs=set().union(*(r.signs for r in picked)) >= set().union(*(r.signs for r in ex.routes)),
        school_contact=help_file.school_contact if help_file else first.school_contact,
        help=tuple(help_file.routes) if help_file else first.help,
        friend_can_do=tuple(help_file.friend_can_do) if help_file else first.friend_can_do,
    )


def _environment():  # -> jinja2.Environment
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def render_pack(pack: LessonPack) -> str:
    return _environment().get_template("lesson.html.j2").render(pack=pack, index=None)


def render_index(packs: Sequence[tuple[LessonPack, str]]) -> str:
    """An index page linking each pack (pack, relative file name)."""
    return _environment().get_template("lesson.html.j2").render(pack=None, index=list(packs))
