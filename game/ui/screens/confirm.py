"""A question with two answers, the safe one focused: "Start again from the beginning?" after a
debrief, "Quit the game?" from the pause. Esc and the safe answer go back to where the pupil was.

    ConfirmScreen("Start again from the beginning?", "Your place ...", "Yes, start again", then)
"""

from __future__ import annotations

from collections.abc import Callable

from game.ui.screen import Action, Pop
from game.ui.screens.content_note import ReadingScreen
from game.ui.widgets import Button, Paragraph, ScrollText


class ConfirmScreen(ReadingScreen):
    def __init__(self, question: str, explain: str, yes: str, then: Callable[[], Action | None],
                 no: str = "No, go back") -> None:
        super().__init__()
        self.heading_text, self.explain, self.yes_text, self.no_text, self.then = question, explain, yes, no, then

    def body(self) -> ScrollText:
        return ScrollText([Paragraph(self.explain)])

    def actions(self) -> list[Button]:
        self.no = Button(f"{self.no_text} (Esc)", lambda: Pop(), hotkey="escape", variant="primary")
        self.yes = Button(self.yes_text, self.then)
        return [self.no, self.yes]
