"""About and privacy (from Settings): what the game keeps on this computer, that nothing is
ever sent anywhere, how it follows the UK Children's Code, and a "Delete my data" button.

Deleting asks once (the safe answer, "No", has the focus), then deletes the settings and the
saved place (game.privacy.delete_my_data), puts the settings back to the defaults at once, and
says what happened. The classroom file is the school's and is kept.
"""

from __future__ import annotations

from game.privacy import delete_my_data, kept_files
from game.ui.screen import Action, Pop, Push, Replace
from game.ui.screens.content_note import ReadingScreen
from game.ui.widgets import Button, Paragraph, ScrollText

ABOUT = [
    Paragraph("Spot the Signs is a free game for PSHE lessons. It helps young people notice when someone "
              "is not being a real friend, and know where to find help."),
    Paragraph("What the game keeps on this computer", "subheading", space_before="l"),
    Paragraph("Your settings (like text size, font, colours and sound), and one place to carry on a story "
              "you have not finished. That is all."),
    Paragraph("It never asks for your name, and it keeps no scores and no record of your choices. When you "
              "finish or leave a story, its saved place is deleted.", space_before="m"),
    Paragraph("Nothing is ever sent anywhere", "subheading", space_before="l"),
    Paragraph("The game does not use the internet at all. It cannot send, upload or share anything, and it "
              "has no adverts and no tracking."),
    Paragraph("The Children's Code", "subheading", space_before="l"),
    Paragraph("The game follows the UK's Age Appropriate Design Code. It keeps as little as it can. It never "
              "builds a picture of you. It never nudges you to keep playing. It never knows where you are. "
              "Its settings start at the most private choice."),
]
NOTHING_KEPT = "Right now the game keeps nothing on this computer."


def kept_now() -> list[Paragraph]:
    files = kept_files()
    if not files:
        return [Paragraph(NOTHING_KEPT, colour="text_muted", space_before="m")]
    out = [Paragraph("Kept right now", "subheading", space_before="l")]
    out += [Paragraph(f"{k.what}: {k.path}", "small", "text_muted", space_before="s") for k in files]
    return out


class AboutScreen(ReadingScreen):
    heading_text = "About and privacy"

    def body(self) -> ScrollText:
        return ScrollText([*ABOUT, *kept_now()])

    def actions(self) -> list[Button]:
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape", variant="primary")
        self.delete = Button("Delete my data", lambda: Push(ConfirmDeleteScreen()))
        return [self.back, self.delete]

    def attach(self, ui) -> None:
        first = self.ui is None
        super().attach(ui)
        if not first:  # back from deleting: show what is kept now
            self.text.paragraphs = [*ABOUT, *kept_now()]
            self.text.offset = 0


class ConfirmDeleteScreen(ReadingScreen):
    heading_text = "Delete your data?"

    def body(self) -> ScrollText:
        return ScrollText([
            Paragraph("This deletes your settings and your saved place on this computer."),
            Paragraph("Your settings go back to normal, and a story you have not finished will start again "
                      "from the beginning. This cannot be undone.", space_before="m"),
        ])

    def actions(self) -> list[Button]:
        self.no = Button("No, keep them (Esc)", lambda: Pop(), hotkey="escape", variant="primary")
        self.yes = Button("Yes, delete them", self.delete)
        return [self.no, self.yes]

    def delete(self) -> Action:
        assert self.ui is not None
        deleted, failed = delete_my_data()
        self.ui.apply(self.ui.defaults)
        return Replace(DeletedScreen(len(deleted), [str(p) for p in failed]))


class DeletedScreen(ReadingScreen):
    heading_text = "Done"

    def __init__(self, deleted: int, failed: list[str]) -> None:
        super().__init__()
        self.deleted, self.failed = deleted, failed

    def body(self) -> ScrollText:
        if self.failed:
            return ScrollText([
                Paragraph("Some files could not be deleted, because another program is using them:"),
                *(Paragraph(p, "small", space_before="s") for p in self.failed),
                Paragraph("Close the game, then ask a teacher to delete them.", space_before="m"),
            ])
        said = "Your settings and saved place are deleted." if self.deleted else "There was nothing to delete."
        return ScrollText([Paragraph(said), Paragraph("The game keeps nothing of yours now.", space_before="m")])

    def actions(self) -> list[Button]:
        self.ok = Button("OK (Enter)", lambda: Pop(), hotkey="escape", variant="primary")
        return [self.ok]
