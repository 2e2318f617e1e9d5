"""Controls: every key the game answers to, in one list (from Settings and from How to play).

No action needs the mouse, two keys at once, speed or precise timing: every row here is one
key, and where a pair of keys is shown, either one does the job.
"""

from __future__ import annotations

from game.ui.screen import Pop
from game.ui.screens.content_note import ReadingScreen
from game.ui.screens.howto import KeyTable
from game.ui.widgets import Button, ScrollText

INTRO = "Every key the game uses. Nothing needs the mouse, two keys at once, or speed."
CONTROLS: list[tuple[tuple[str, ...], str]] = [
    ((), "On every screen"),
    (("Tab", "Down"), "Move to the next button."),
    (("Up",), "Move to the button before."),
    (("Enter", "Space"), "Use the button you are on."),
    (("Esc",), "Go back, or pause the story."),
    (("H",), "Get help. It is always one key away."),
    (("B",), "Take a break. The story waits for you."),
    (("C",), "Copy the words on the screen, for a screen reader."),
    (("F11",), "Full screen, and back."),
    ((), "In a story"),
    (("Space", "Enter"), "Show the next line."),
    (("S",), "Flag the line you are reading if it looks like a warning sign."),
    (("Up", "Down"), "Go back to an earlier line of this part (and forward again)."),
    (("1", "2", "3"), "Choose what to say or do."),
    (("Up", "Down", "Tab"), "When the choices show: pick one, then Enter to take it."),
    (("Page Up", "Page Down"), "Read on in a long line, or through the messages on a phone."),
    (("Backspace", "Z"), "Undo your last choice."),
    (("L",), "Look back at everything so far."),
    (("V",), "Show this part of the story as plain text."),
    (("Esc",), "Pause the story."),
    ((), "In lists and long text"),
    (("Up", "Down"), "Scroll, or move through the list."),
    (("Page Up", "Page Down"), "Scroll a page at a time."),
    (("Home", "End"), "Go to the top or the bottom."),
    ((), "In Settings"),
    (("Up", "Down"), "Choose a setting."),
    (("Left", "Right"), "Change it. Changes are kept at once."),
]
OUTRO = "You can use the mouse too: click a button, and scroll with the wheel."


class ControlsScreen(ReadingScreen):
    heading_text = "Controls"

    def body(self) -> ScrollText:
        return KeyTable(INTRO, CONTROLS, OUTRO)

    def actions(self) -> list[Button]:
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape", variant="primary")
        return [self.back]

