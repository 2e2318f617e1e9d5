"""What the play screen shows, from the Playthrough: the lines showing now (in the dialogue box
or on the phone), who says each one ("Sam (you)", "Mum (on the phone)"), the people on the stage
and the faces beside the phone with their moods. ``PlayWords`` is a part of PlayScreen
(game/ui/screens/play.py), kept apart so each stays small; nothing here reads the story's scenes
or conditions: it shows what ``pt.lines``, ``pt.scene`` and ``pt.ending`` give.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.ui.play.faces import Reaction
from game.ui.play.phone import Shown, message_time
from game.ui.play.stage import stage_cast

if TYPE_CHECKING:
    from game.story.story import Line
    from game.ui.screens.play import PlayScreen


class PlayWords:
    def display_name(self: PlayScreen, line: Line) -> str | None:
        name = self.story.speaker_name(line.speaker)
        character = self.story.characters.get(line.speaker)
        if name and line.via == "phone":
            return f"{name} (on the phone)"
        if name and character is not None and character.role == "player":
            return f"{name} (you)"
        return name

    def shown(self: PlayScreen) -> list[Shown]:
        """The lines showing now, as the Playthrough gives them (a chat's newest waits while its
        sender is typing)."""
        scene, spotted = self.pt.scene, set(self.pt.spotted)
        owner = scene.phone if scene is not None else None
        count = self.revealed - (1 if self.in_chat and self.typing else 0)
        out, messages = [], 0
        for line in self.pt.lines[:count]:
            name = self.display_name(line)
            time = message_time(scene.time, messages) if scene is not None and name else None
            messages += 1 if name else 0
            out.append(Shown(line, name, line.speaker == owner, line.id in spotted, time))
        return out

    def _sync_words(self: PlayScreen) -> None:
        shown = self.shown()
        if self.in_chat:
            scene = self.pt.scene
            assert scene is not None
            self.phone.items = shown
            self.phone.focus_index = self.picked if shown and self.picked < len(shown) else None
            self.phone.typing_from = self.pt.lines[self.revealed - 1] if self.typing else None
            self.phone.clock = scene.time
            people = [cid for cid in dict.fromkeys([self._player_id(), scene.phone]) if cid in self.story.characters]
            self.faces.people = [Reaction(self.story.characters[cid].look, self.story.characters[cid].name,
                                          self._mood_of(cid, shown)) for cid in people]
            return
        line = shown[self.picked].line if shown else None
        box = self.box
        box.plate.text = self.display_name(line) or "" if line is not None else ""
        box.line.set(line.text if line is not None else "", muted=line is not None and line.speaker == "narrator")
        box.line.typed = self.typed if line is not None and self.picked == self.revealed - 1 else None
        flagged = line is not None and line.id in self.pt.spotted
        box.earlier = self.picked < self.revealed - 1
        box.chip.flagged = flagged
        where = f"Earlier line, {self.picked + 1} of {self.revealed}" if box.earlier else ""
        box.chip.text = ", ".join(x for x in (where, "flagged" if where and flagged else "") if x) or (
            "Flagged" if flagged else "")
        part = self.pt.scene or self.pt.ending
        self.stage.cast = stage_cast(self.story.characters, part.present if part else (), line)

    def _player_id(self: PlayScreen) -> str | None:
        return next((cid for cid, c in self.story.characters.items() if c.role == "player"), None)

    @staticmethod
    def _mood_of(cid: str, shown: list[Shown]) -> str:
        said = next((s.line for s in reversed(shown) if s.line.speaker == cid), None)
        return (said.mood or "neutral") if said is not None else "neutral"
