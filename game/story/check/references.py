"""Rules about names: every id a scenario uses must exist, be well formed and fit its band."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.story import conditions
from game.story.check.context import Context
from game.story.diagnostics import Diagnostic
from game.story.model import NARRATOR, RESERVED_IDS, Line, is_id
from game.story.shared import SHARED_FILES

_ID_HINT = "ids use lowercase letters, numbers, - and _ only, e.g. bus-stop"


def file_name_matches_id(ctx: Context) -> Iterator[Diagnostic]:
    shared_name = ctx.scenario.id in SHARED_FILES
    if ctx.scenario.id != ctx.stem:
        yield ctx.src.diag(("id",), "E020", f"the id {ctx.scenario.id!r} is not the file's name {ctx.stem!r}",
                           f"use id: {ctx.stem}"
                           + ("" if shared_name else f", or rename the file to {ctx.scenario.id}.yaml"))
    if shared_name:
        yield ctx.src.diag(("id",), "E020", f"{ctx.scenario.id!r} is the name of a shared data file",
                           "choose another id and file name")


def ids_are_well_formed(ctx: Context) -> Iterator[Diagnostic]:
    sc = ctx.scenario
    for section, table in (("characters", sc.characters), ("scenes", sc.scenes), ("endings", sc.endings),
                           ("state", sc.state)):
        for key in table:
            if not is_id(key) or (section == "state" and (key in conditions.KEYWORDS or "-" in key)):
                hint = "state names use lowercase letters, numbers and _, e.g. told_adult" if section == "state" \
                    else _ID_HINT
                yield ctx.src.diag((section, key), "E014", f"{key!r} cannot be used as a name in {section}",
                                   hint, key=True)
    for cid in sc.characters:
        if cid in RESERVED_IDS:
            yield ctx.src.diag(("characters", cid), "E036", f"{cid!r} is a reserved word and cannot be a character id",
                               f"call the character something else, e.g. {cid}2 or their name", key=True)
    for sid in sc.scenes:
        if sid in sc.endings:
            yield ctx.src.diag(("endings", sid), "E028", f"{sid!r} is the id of both a scene and an ending",
                               "rename one of them", key=True)


def start_exists(ctx: Context) -> Iterator[Diagnostic]:
    start = ctx.scenario.start
    if start is not None and start not in ctx.scenario.scenes:
        yield ctx.src.diag(("start",), "E027", f"the start scene {start!r} is not defined",
                           ctx.did_you_mean(start, ctx.scenario.scenes) or "name one of the scenes under 'scenes:'")


def roles_are_cast(ctx: Context) -> Iterator[Diagnostic]:
    roles = [c.role for c in ctx.scenario.characters.values()]
    if roles.count("player") != 1:
        yield ctx.src.diag(("characters",), "E032",
                           f"a scenario needs exactly one character with role: player (found {roles.count('player')})",
                           "the player is the friend who notices, played by the pupil", key=True)
    if "target" not in roles:
        yield ctx.src.diag(("characters",), "E032", "a scenario needs a character with role: target",
                           "the target is the young person being targeted; the debrief names them", key=True)
    if "manipulator" not in roles and "healthy-friendship" not in ctx.scenario.themes:
        yield ctx.src.diag(("characters",), "W003", "no character has role: manipulator",
                           "the debrief says who is responsible; add the role, or the theme healthy-friendship",
                           severity="warning", key=True)


def _lines(ctx: Context) -> Iterator[tuple[tuple[Any, ...], Line]]:
    for sid, scene in ctx.scenario.scenes.items():
        for i, line in enumerate(scene.lines):
            yield ("scenes", sid, "lines", i), line
    for eid, ending in ctx.scenario.endings.items():
        for i, line in enumerate(ending.lines):
            yield ("endings", eid, "lines", i), line


def speakers_exist(ctx: Context) -> Iterator[Diagnostic]:
    chars = ctx.scenario.characters
    speakers = [*chars, NARRATOR]
    known = ", ".join(chars)

    def hint(who: str, words: str, choices: list[str]) -> str:
        # a renamed character is the usual cause: say which ids there are when none is close
        return ctx.did_you_mean(who, choices) or f"{words}the characters' ids are {known}"

    for path, line in _lines(ctx):
        if line.speaker != NARRATOR and line.speaker not in chars:
            yield ctx.src.diag(path, "E022", f"the speaker {line.speaker!r} is not one of the characters",
                               hint(line.speaker, f"add {line.speaker!r} under 'characters:', or write narration "
                                    "as plain text; ", speakers))
    for sid, scene in ctx.scenario.scenes.items():
        for i, who in enumerate(scene.present):
            if who not in chars:
                yield ctx.src.diag(("scenes", sid, "present", i), "E022", f"{who!r} is not one of the characters",
                                   hint(who, "", list(chars)))
        if scene.phone is not None and scene.phone not in chars:
            yield ctx.src.diag(("scenes", sid, "phone"), "E022", f"the phone's owner {scene.phone!r} is not one of "
                               "the characters", hint(scene.phone, "", list(chars)))


def signs_are_known(ctx: Context) -> Iterator[Diagnostic]:
    signs = ctx.shared.signs
    band = ctx.scenario.band
    for path, line in _lines(ctx):
        if line.sign is None:
            continue
        info = signs.get(line.sign)
        if info is None:
            yield ctx.src.diag((*path, "sign"), "E023", f"{line.sign!r} is not a warning sign in scenes/signs.yaml",
                               ctx.did_you_mean(line.sign, signs)
                               or "the list of signs is in docs/writing.md, section 9, and scenes/signs.yaml")
        elif band not in info.bands:
            yield ctx.src.diag((*path, "sign"), "E038",
                               f"the sign {line.sign!r} is only for the {' and '.join(info.bands)} band, "
                               f"not {band}",
                               "the safeguarding guide keeps parties, alcohol, drugs, cars and debt for 14-16")


def skills_are_known(ctx: Context) -> Iterator[Diagnostic]:
    skills = ctx.shared.skills
    if not skills:
        return
    for sid, scene in ctx.scenario.scenes.items():
        for i, choice in enumerate(scene.choices):
            for j, skill in enumerate(choice.skills):
                if skill not in skills:
                    yield ctx.src.diag(("scenes", sid, "choices", i, "skills", j), "E083",
                                       f"{skill!r} is not a skill in scenes/skills.yaml",
                                       ctx.did_you_mean(skill, skills) or "the skills are: " + ", ".join(skills))


def themes_are_known(ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.shared.themes:
        return
    for i, theme in enumerate(ctx.scenario.themes):
        if theme not in ctx.shared.themes:
            yield ctx.src.diag(("themes", i), "E034", f"{theme!r} is not a theme in scenes/themes.yaml",
                               ctx.did_you_mean(theme, ctx.shared.themes)
                               or "the themes are: " + ", ".join(ctx.shared.themes))


def ways_on_exist(ctx: Context) -> Iterator[Diagnostic]:
    sc = ctx.scenario
    targets = {*sc.scenes, *sc.endings}
    for sid, scene in sc.scenes.items():
        if not scene.choices and scene.go is None:
            yield ctx.src.diag(("scenes", sid), "E033", f"the scene {sid!r} has no choices and no 'go:'",
                               "add 'go: <next scene or ending>' or a list of choices", key=True)
        if scene.choices and scene.go is not None:
            yield ctx.src.diag(("scenes", sid, "go"), "E033", f"the scene {sid!r} has both choices and 'go:'",
                               "remove 'go:'; each choice says where it goes", key=True)
        if len(scene.choices) > ctx.limits.max_choices:
            yield ctx.src.diag(("scenes", sid, "choices"), "E035",
                               f"the scene {sid!r} has {len(scene.choices)} choices; at most "
                               f"{ctx.limits.max_choices} fit on screen", "split it into two scenes", key=True)
        if scene.go is not None and scene.go not in targets:
            yield ctx.src.diag(("scenes", sid, "go"), "E021", f"{scene.go!r} is not a scene or an ending",
                               ctx.did_you_mean(scene.go, targets))
        for i, choice in enumerate(scene.choices):
            if choice.go not in targets:
                yield ctx.src.diag(("scenes", sid, "choices", i, "go"), "E021",
                                   f"{choice.go!r} is not a scene or an ending", ctx.did_you_mean(choice.go, targets))


def conditions_parse(ctx: Context) -> Iterator[Diagnostic]:
    state = ctx.scenario.state
    # `if: ""` is an empty condition (an error); a bare `if:` is YAML's null, meaning none at all
    places: list[tuple[tuple[Any, ...], str]] = [((*p, "if"), ln.if_) for p, ln in _lines(ctx) if ln.if_ is not None]
    for sid, scene in ctx.scenario.scenes.items():
        for i, choice in enumerate(scene.choices):
            if choice.if_ is not None:
                places.append((("scenes", sid, "choices", i, "if"), choice.if_))
    for path, source in places:
        try:
            conditions.check_types(conditions.parse(source), state)
        except conditions.ConditionError as exc:
            hint = exc.hint
            code = "E024"
            if "not declared" in exc.message:
                code = "E025"
                name = exc.message.split("'")[1]
                if name.lower() in ("yes", "no", "on", "off"):
                    hint = "write true or false, e.g. told_adult == true, or just told_adult"
                else:
                    hint = ctx.did_you_mean(name, state) or f"declare it under 'state:', e.g. {name}: false"
            elif "compare" in exc.message:
                code = "E025"
            shown = source if len(source) <= 60 else source[:57] + "..."
            yield ctx.src.diag(path, code, f"condition {shown!r}: {exc.message}", hint, offset=exc.offset)
        except RecursionError:  # the parser recurses once per '(': a wall of brackets must not crash the check
            yield ctx.src.diag(path, "E024", "the condition has too many brackets inside each other",
                               "use at most a few pairs of ( ), e.g. (asked or told_adult) and trust >= 2")


def effects_fit_state(ctx: Context) -> Iterator[Diagnostic]:
    state = ctx.scenario.state
    for sid, scene in ctx.scenario.scenes.items():
        for i, choice in enumerate(scene.choices):
            for verb, table in (("set", choice.set), ("add", choice.add)):
                for name, value in table.items():
                    path = ("scenes", sid, "choices", i, verb, name)
                    if name not in state:
                        hint = ctx.did_you_mean(name, state) or f"declare it under 'state:', e.g. {name}: 0"
                        yield ctx.src.diag(path, "E026", f"{name!r} is not declared in this scenario's state",
                                           hint, key=True)
                    elif verb == "add" and isinstance(state[name], bool):
                        yield ctx.src.diag(path, "E026", f"cannot add to {name!r}: it is a flag (true/false)",
                                           f"use 'set: {{{name}: true}}'", key=True)
                    elif verb == "set" and isinstance(state[name], bool) != isinstance(value, bool):
                        kind = "a flag (true/false)" if isinstance(state[name], bool) else "a counter (a number)"
                        yield ctx.src.diag(path, "E026", f"{name!r} is {kind}; {value!r} does not fit it",
                                           "flags take true or false; counters take whole numbers")


def asset_names_are_plain(ctx: Context) -> Iterator[Diagnostic]:
    for sid, scene in ctx.scenario.scenes.items():
        if scene.background is not None and not is_id(scene.background):
            yield ctx.src.diag(("scenes", sid, "background"), "E015",
                               f"the background {scene.background!r} must be a plain name",
                               "write the file's name without folder or .svg, e.g. bus-stop")


def size_within_limits(ctx: Context) -> Iterator[Diagnostic]:
    lim = ctx.limits
    if len(ctx.scenario.scenes) > lim.max_scenes:
        yield ctx.src.diag(("scenes",), "E039", f"{len(ctx.scenario.scenes)} scenes is more than the limit of "
                           f"{lim.max_scenes}", "split the story into more than one scenario", key=True)
    for sid, scene in ctx.scenario.scenes.items():
        if len(scene.lines) > lim.max_lines_per_scene:
            yield ctx.src.diag(("scenes", sid, "lines"), "E039", f"the scene {sid!r} has more than "
                               f"{lim.max_lines_per_scene} lines", "split it into shorter scenes", key=True)


REFERENCE_RULES = (
    file_name_matches_id, ids_are_well_formed, start_exists, roles_are_cast, speakers_exist, signs_are_known,
    skills_are_known, themes_are_known, ways_on_exist, conditions_parse, effects_fit_state, asset_names_are_plain,
    size_within_limits,
)
