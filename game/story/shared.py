"""The data every scenario shares: the sign taxonomy, help routes, themes, skills and the avoid list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

# SHARED_FILES, the shared data files in a scenes folder (by stem), never loaded as scenarios:
# defined in game/story/folder.py, which the library index reads without loading the engine
from game.story.folder import SHARED_FILES as SHARED_FILES
from game.story.model import HelpFile, SignInfo, SkillInfo, Theme

if TYPE_CHECKING:
    from game.story.phrasebook import Phrasebook


@dataclass(frozen=True, slots=True)
class Shared:
    signs: dict[str, SignInfo] = field(default_factory=dict)
    help: HelpFile | None = None
    themes: dict[str, Theme] = field(default_factory=dict)
    language: Phrasebook | None = None  # scenes/language.yaml, read (game/story/phrasebook.py)
    skills: dict[str, SkillInfo] = field(default_factory=dict)

    def explain(self, sign: str, band: str) -> str:
        info = self.signs.get(sign)
        if info is None:
            return ""
        return info.explain.get(band) or next(iter(info.explain.values()), "")  # type: ignore[arg-type]

    def sign_name(self, sign: str) -> str:
        info = self.signs.get(sign)
        return info.name if info else sign

    def skill_name(self, skill: str) -> str:
        info = self.skills.get(skill)
        return info.name if info else skill

    @property
    def telling_skills(self) -> frozenset[str]:
        """The skills that get a trusted adult's help (skills.yaml, tells: true)."""
        return frozenset(s for s, info in self.skills.items() if info.tells)
