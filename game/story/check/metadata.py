"""Rules about what teachers rely on: notes, objectives and questions for every scenario."""

from __future__ import annotations

from collections.abc import Iterator

from game.story.check.context import Context
from game.story.diagnostics import Diagnostic

_WANTED = (
    ("content_notes", "content notes", "list what the story touches on, so teachers can prepare pupils"),
    ("objectives", "learning objectives", "say what pupils will be able to do afterwards"),
    ("questions", "discussion questions", "ask what the abuser did and how a friend or trusted adult could help"),
    ("pupil_summary", "one-line summary for pupils", "shown on the scenario's card in the picker"),
)


def teacher_notes_present(ctx: Context) -> Iterator[Diagnostic]:
    for key, what, why in _WANTED:
        if not getattr(ctx.scenario, key):
            yield ctx.src.diag((), "W002", f"the scenario has no {what} ('{key}:')", why, severity="warning")


METADATA_RULES = (teacher_notes_present,)
