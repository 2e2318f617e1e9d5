"""Rules about how a story looks on the stage.

    W070  a target's, friend's or the player's line shows a pressure sign (threats, debt, secrecy,
          a request for images ...) with a happy face

The window draws each speaker with their line's mood; a line without one is calm (neutral).
A young person smiling while they are threatened, in debt or hiding their phone tells pupils it
is fun, or that they do not mind: the face should show the pressure, or stay calm.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.story.check.context import Context
from game.story.diagnostics import Diagnostic

# Signs that mean the young person is under pressure when their own line shows them. Tactics like
# flattery or gifts can honestly make someone happy at first; these cannot.
PRESSURE_SIGNS = frozenset({
    "threats", "debt", "secrecy", "image-request", "sexual-talk", "isolation", "always-on", "boundary-test",
    "secretive-phone", "mood-change", "going-missing", "drifting", "picked-up",
})
SMILING = frozenset({"happy"})
YOUNG_ROLES = frozenset({"target", "friend", "player"})


def pressure_is_not_smiled_at(ctx: Context) -> Iterator[Diagnostic]:
    roles = {cid: c.role for cid, c in ctx.scenario.characters.items()}
    for section, parts in (("scenes", ctx.scenario.scenes), ("endings", ctx.scenario.endings)):
        for pid, part in parts.items():
            for i, line in enumerate(part.lines):
                if line.mood in SMILING and line.sign in PRESSURE_SIGNS and roles.get(line.speaker) in YOUNG_ROLES:
                    name = ctx.scenario.characters[line.speaker].name
                    sign = ctx.shared.sign_name(line.sign).strip('"\u201c\u201d')
                    yield ctx.src.diag(
                        (section, pid, "lines", i, "mood"), "W070",
                        f'{name} smiles (mood: {line.mood}) on a line that shows the warning sign "{sign}"',
                        "a young person under pressure should not look happy about it: use mood: worried, "
                        "uneasy or sad, or leave the mood out for a calm face", severity="warning")


STAGE_RULES = (pressure_is_not_smiled_at,)
