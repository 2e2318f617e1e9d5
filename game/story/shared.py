"""The data every scenario shares: the sign taxonomy, help routes, themes and the avoid list."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game.story.model import HelpFile, SignInfo, Theme

if TYPE_CHECKING:
    from game.story.phrasebook import Phrasebook


@dataclass(frozen=True, slots=True)
class Shared:
    signs: dict[str, SignInfo] = field(default_factory=dict)
    help: HelpFile | None = None
    themes: dict[str, Theme] = field(default_factory=dict)
    language: Phrasebook | None = None  # scenes/language.yaml, read (game/story/phrasebook.py)

    def explain(self, sign: str, band: str) -> str:
        info = self.signs.get(sign)
        if info is None:
            return ""
        return info.explain.get(band) or next(iter(info.explain.values()), "")  # type: ignore[arg-type]

    def sign_name(self, sign: str) -> str:
        info = self.signs.get(sign)
        return info.name if info else sign
