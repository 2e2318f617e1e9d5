"""Rules about the shape of the story: every route must end in a debrief.

These rules read the scene graph without conditions (every choice counted as possible).
The writers' toolkit adds a state-space exploration that does take conditions into account.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.story.check.context import Context
from game.story.diagnostics import Diagnostic
from game.story.scene_graph import reachable_from, reaching


def edges(ctx: Context) -> dict[str, list[str]]:
    """Scene id -> the scenes and endings it can lead to."""
    out: dict[str, list[str]] = {}
    for sid, scene in ctx.scenario.scenes.items():
        out[sid] = [c.go for c in scene.choices] if scene.choices else ([scene.go] if scene.go else [])
    return out


def every_part_is_reachable(ctx: Context) -> Iterator[Diagnostic]:
    sc = ctx.scenario
    graph = edges(ctx)
    start = sc.start or next(iter(sc.scenes))
    seen = reachable_from(start, graph)
    for sid in sc.scenes:
        if sid not in seen:
            yield ctx.src.diag(("scenes", sid), "W001", f"no route leads to the scene {sid!r}",
                               "lead a choice or a 'go:' to it, or delete it", severity="warning", key=True)
    for eid in sc.endings:
        if eid not in seen:
            yield ctx.src.diag(("endings", eid), "E029", f"no route leads to the ending {eid!r}",
                               "every ending must be reachable: lead a choice or a 'go:' to it, or delete it",
                               key=True)


def every_scene_reaches_an_ending(ctx: Context) -> Iterator[Diagnostic]:
    sc = ctx.scenario
    can_end = reaching(sc.endings, edges(ctx))
    for sid in sc.scenes:
        if sid not in can_end:
            yield ctx.src.diag(("scenes", sid), "E030",
                               f"from the scene {sid!r} no route reaches an ending: a pupil would be trapped",
                               "give it (or a scene after it) a way to an ending", key=True)


GRAPH_RULES = (every_part_is_reachable, every_scene_reaches_an_ending)
