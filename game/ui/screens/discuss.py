"""A discussion pause: a scene's ``discuss:`` question for the class, before its choices.

Shown in presenter mode, and to pupils when the teacher turns discussion pauses on (the
classroom file). It never blocks: Enter or Esc carries on to the choices.
"""

from __future__ import annotations

from game.ui.screen import Pop
from game.ui.screens.content_note import ReadingScreen
from game.ui.widgets import Button, Paragraph, ScrollText

DISTANCING = "Talk about the young person in the story, not about yourselves."


class DiscussScreen(ReadingScreen):
    """A pause for the class: the scene's question, then carry on."""

    heading_text = "Let's talk about it"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def body(self) -> ScrollText:
        return ScrollText([Paragraph(self.question, "subheading"),
                           Paragraph(DISTANCING, colour="text_muted", space_before="l")])

    def actions(self) -> list[Button]:
        self.go_on = Button("Carry on (Enter)", lambda: Pop(), hotkey="escape", variant="primary")
        return [self.go_on]
