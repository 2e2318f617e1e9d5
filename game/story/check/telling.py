"""Rules about telling, the help every route leads to.

    E080  an ending says nobody was told, on a route where the friend told a trusted adult
    W082  an urgent moment (a sign marked urgent in signs.yaml) with no choice to tell a trusted adult now
    W085  a line or feedback that says not telling is OK

A choice "tells" when it practises a skill marked `tells: true` in scenes/skills.yaml
(telling a trusted adult, using Report Remove or CEOP). For E080, in a story that tags no
skills at all, every `helps: true` choice counts too (a helping choice may well have told);
W082 wants the telling choice tagged, since "helps" also covers asking and checking in. E080
and W082 follow the story as pupils play it (the exploration in explore.py), so conditions are
taken into account; W085 reads the words only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from game.story.check.context import Context
from game.story.check.routes import StoryContext
from game.story.diagnostics import Diagnostic
from game.story.explore import replay
from game.story.runtime import available_choices
from game.story.story import Choice, Story

_PEOPLE = r"(?:anyone|anybody|any\s+adults?|an?\s+(?:trusted\s+)?adult|a\s+grown-?up|someone|a\s+soul)"
NOBODY_TOLD = re.compile(
    rf"(?:n't|\bnot|\bnever)\s+(?:yet\s+)?(?:told|tell)\s+{_PEOPLE}\b"
    r"|\b(?:nobody|no\s+one|no\s+adult)\s+(?:else\s+)?(?:knows|has\s+been\s+told|was\s+told)\b",
    re.IGNORECASE)
SAID_OK = re.compile(r"\b(?:that's|that\s+is|it's|it\s+is)\s+(?:ok|okay|fine|alright|all\s+right)\b", re.IGNORECASE)


def _plain(text: str) -> str:
    return text.replace("\u2019", "'")


def _quote(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def telling_test(story: Story, helps_counts: bool = True) -> Callable[[Choice], bool]:
    """Whether a choice tells a trusted adult (see the module's notes). In a story that tags no skills,
    ``helps_counts`` says whether a helping choice counts (E080: yes; W082 asks for a tagged one)."""
    telling = story.shared.telling_skills
    if helps_counts and not any(c.skills for scene in story.scenes.values() for c in scene.choices):
        return lambda choice: choice.helps
    return lambda choice: bool(telling.intersection(choice.skills))


def _choice(story: Story, choice_id: str) -> Choice:
    sid, _, index = choice_id.rpartition(".c")
    return story.scenes[sid].choices[int(index)]


# --- E080: the ending fits the route ------------------------------------------------------


def endings_fit_the_route(sc: StoryContext) -> Iterator[Diagnostic]:
    story = sc.story
    claims = {eid: [ln for ln in ending.lines if NOBODY_TOLD.search(_plain(ln.text))]
              for eid, ending in story.endings.items()}
    claims = {eid: lines for eid, lines in claims.items() if lines}
    if not claims:
        return
    tells = telling_test(story)
    reported: set[str] = set()
    for route in sc.found.routes:
        if route.ending not in claims:
            continue
        told = next((cid for cid in route.choices if tells(_choice(story, cid))), None)
        if told is None:
            continue
        shown = {ln.id for ln in replay(story, route).lines}
        for line in claims[route.ending]:
            if line.id in shown and line.id not in reported:
                reported.add(line.id)
                index = int(line.id.rpartition(".")[2])
                yield sc.ctx.src.diag(
                    sc.ctx.src.text_path(("endings", route.ending, "lines", index), "text"), "E080",
                    f"the ending {route.ending!r} says {_quote(line.text)}, but a pupil reaches it after telling "
                    f"({_quote(_choice(story, told).text)}): {' > '.join(route.parts)}",
                    "an ending must say what happened on the route that reached it: give this line an if: that is "
                    "true only when nobody was told (e.g. if: not told_adult, with set: {told_adult: true} on every "
                    "choice that tells), or write words that hold on every route")


# --- W082: urgent moments offer telling now -----------------------------------------------


def urgent_moments_offer_telling(sc: StoryContext) -> Iterator[Diagnostic]:
    story = sc.story
    urgent = {sid for sid, info in story.shared.signs.items() if info.urgent}
    if not urgent or not sc.found.complete:
        return
    tells = telling_test(story, helps_counts=False)  # "help now" is specific: a choice tagged as telling
    states = _states_by_part(sc)
    for sid, scene in story.scenes.items():
        line = next((ln for ln in scene.lines if ln.sign in urgent), None)
        if line is None or sid not in sc.found.scenes_reached:
            continue
        point = _choice_point(story, sid)
        if point is None:
            where = "it leads straight to an ending"
        else:
            lacking = [s for s in states.get(point, []) if not any(tells(c) for c in
                                                                   available_choices(story.scenes[point], s))]
            if not lacking:
                continue
            where = (f"no choice in {point!r} tells a trusted adult" if point == sid else
                     f"the next choice, in {point!r}, has none that tells a trusted adult")
            if len(lacking) < len(states.get(point, [])):
                where += " every time (the ones that do have an if: that is not always true)"
        name = story.shared.sign_name(line.sign or "")
        index = int(line.id.rpartition(".")[2])
        yield sc.ctx.src.diag(
            ("scenes", sid, "lines", index, "sign"), "W082",
            f"the scene {sid!r} shows an urgent moment ({name}), but {where}",
            "when someone is in immediate danger (meeting alone, being taken somewhere, asked for images, "
            "threatened, missing), one choice is to tell or call a trusted adult now: add one, tagged "
            "skills: [tell-adult]", severity="warning")


def _choice_point(story: Story, sid: str) -> str | None:
    """The first scene from ``sid`` that has real choices (following Continue), or None at an ending."""
    seen: set[str] = set()
    while sid in story.scenes and sid not in seen:
        scene = story.scenes[sid]
        if not scene.choices[0].is_continue:
            return sid
        seen.add(sid)
        sid = scene.choices[0].go
    return None


def _states_by_part(sc: StoryContext) -> dict[str, list[dict[str, Any]]]:
    names = sc.found.names
    out: dict[str, list[dict[str, Any]]] = {}
    for part, values in sc.found.reached:
        out.setdefault(part, []).append(dict(zip(names, values, strict=True)))
    return out


# --- W085: not telling is never "OK" ---------------------------------------------------------


def not_telling_is_never_ok(ctx: Context) -> Iterator[Diagnostic]:
    sc = ctx.scenario
    texts: list[tuple[tuple[Any, ...], str]] = []
    for section, parts in (("scenes", sc.scenes), ("endings", sc.endings)):
        for pid, part in parts.items():
            texts += [(ctx.src.text_path((section, pid, "lines", i), "text"), ln.text)
                      for i, ln in enumerate(part.lines)]
    for sid, scene in sc.scenes.items():
        texts += [(("scenes", sid, "choices", i, "feedback"), c.feedback) for i, c in enumerate(scene.choices)
                  if c.feedback]
    for path, text in texts:
        plain = _plain(text)
        claim = NOBODY_TOLD.search(plain)
        ok = SAID_OK.search(plain, claim.end()) if claim else None
        if ok is not None:
            begin = plain.rfind(" ", 0, claim.start()) + 1  # from the start of the word ("haven't", not "n't")
            yield ctx.src.diag(path, "W085", f"this says not telling is OK ({plain[begin:ok.end()]!r})",
                               "say it is understandable, that this is too big to keep, and who to tell: e.g. "
                               "\"Lots of people wait. This is too big to keep to yourself. Tomorrow you could "
                               "tell ...\"",
                               severity="warning", offset=begin)


TELLING_RULES = (endings_fit_the_route, urgent_moments_offer_telling)
TELLING_LINT_RULES = (not_telling_is_never_ok,)
