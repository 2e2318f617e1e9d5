"""Rules about what a teacher and a class get from a story beyond its lines.

    W083  a discussion prompt (a scene's discuss:, or a question) without notes for the teacher
    W084  a story whose choices practise fewer than two skills (scenes/skills.yaml)
"""

from __future__ import annotations

from collections.abc import Iterator

from game.story.check.context import Context
from game.story.diagnostics import Diagnostic

MIN_SKILLS = 2  # telling a trusted adult, and at least one more


def discussion_prompts_have_notes(ctx: Context) -> Iterator[Diagnostic]:
    for sid, scene in ctx.scenario.scenes.items():
        if scene.discuss and not scene.discuss_notes:
            yield ctx.src.diag(("scenes", sid, "discuss"), "W083",
                               f"the scene {sid!r} asks the class a question (discuss:) with no notes for the teacher",
                               "add discuss_notes: under it, saying what good answers include (what the abuser "
                               "did, how a friend or trusted adult could help)", severity="warning")
    for i, question in enumerate(ctx.scenario.questions):
        if not question.notes:
            yield ctx.src.diag(ctx.src.text_path(("questions", i), "ask"), "W083",
                               f"the discussion question {question.ask[:60]!r} has no notes for the teacher",
                               "write it as ask: and notes:, with what good answers include", severity="warning")


def story_practises_skills(ctx: Context) -> Iterator[Diagnostic]:
    if not ctx.shared.skills:
        return
    practised = {skill for scene in ctx.scenario.scenes.values() for c in scene.choices for skill in c.skills}
    if len(practised) < MIN_SKILLS:
        have = ", ".join(sorted(practised)) or "none"
        yield ctx.src.diag((), "W084", f"the choices practise {len(practised)} of the skills in scenes/skills.yaml "
                           f"({have}); a story should practise at least {MIN_SKILLS}",
                           "tag the choices that practise a skill, e.g. skills: [tell-adult] or [save-evidence], "
                           "and give pupils more to do than telling: "
                           + ", ".join(s for s in ctx.shared.skills if s not in practised),
                           severity="warning")


TEACHING_RULES = (discussion_prompts_have_notes, story_practises_skills)
