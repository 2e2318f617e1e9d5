"""Choose a story: one card per scenario the classroom lets pupils see, filtered by age band.

Cards sit in a scrolling list (card_list.py) under the heading and the age filter. Up/Down move
between cards (a card taller than the list scrolls through first), Tab walks every control, Enter
or a click starts the story.
"""

from __future__ import annotations

from pathlib import Path

from game.library_index import StoryInfo, open_story
from game.story.story import Story
from game.ui.screen import Action, Pop, Push, break_button, help_button
from game.ui.screens.card_list import CardListScreen, CardPart, TextCard
from game.ui.widgets import Button, ButtonRow, Label

BANDS = ("All", "11-13", "14-16")


def band_label(band: str, short: bool = False) -> str:
    if short:
        return "All" if band == "All" else band.replace("-", "\u2013")
    return "All ages" if band == "All" else f"Ages {band}"


def load_stories() -> list[Story]:
    """The shipped library, loaded without the writers' linter (the teacher area's catalogue)."""
    from game.paths import scenes_dir
    from game.story.library import Library

    return Library(scenes_dir()).stories()


def pupil_stories(folder: Path | None = None) -> list[StoryInfo]:
    """The stories pupils may choose: those the classroom file lists (every story without one).
    Their cards come from the library index (game/library_index.py): only files changed since the
    picker last opened are read; a story is loaded in full when it is chosen."""
    from game.classroom_path import classroom_path
    from game.library_index import catalogue
    from game.paths import scenes_dir

    stories = catalogue(folder or scenes_dir(), fallback=scenes_dir()).stories
    if not classroom_path().exists():  # no classroom file: no need to load the classroom model
        return stories
    from game.classroom import current

    return current().classroom.visible(stories)


def classroom_play(story: Story, playthrough=None, store=None, revealed: int | None = None):  # -> PlayScreen
    """A pupil's play screen as the classroom file sets it up (discussion pauses on or off)."""
    from game.classroom import current
    from game.ui.screens.play import PlayScreen

    screen = PlayScreen(story, playthrough, store, revealed)
    screen.discussion_pauses = current().classroom.discussion_pauses
    return screen


class StoryCard(TextCard):
    """A focusable card: title, age band and minutes, the pupils' summary and the content notes
    (of a Story, or of its entry in the library index: they hold the same fields)."""

    def __init__(self, story: Story | StoryInfo, on_activate) -> None:
        parts = [
            CardPart(story.title, "subheading", "text", "s"),
            CardPart(f"{band_label(story.band)}  -  about {story.minutes} minutes", "small", "text_muted", "xs"),
        ]
        if story.pupil_summary:
            parts.append(CardPart(story.pupil_summary, "body", "text", "s"))
        if story.content_notes:
            parts.append(CardPart("What this story includes", "small", "text", "m"))
            parts.extend(CardPart(f"- {note}", "small", "text_muted", "xs") for note in story.content_notes)
        # made shorter on a short window: first without the list of what it includes, then the summary too
        super().__init__(parts, lambda: on_activate(story), brief=(3, 2) if story.pupil_summary else (2,))
        self.story = story

    def __repr__(self) -> str:
        return f"StoryCard({self.story.id!r})"


class PickerScreen(CardListScreen):
    """``stories``: the cards to show (default: the stories this classroom lets pupils see, from
    ``folder``, the shipped scenes folder if None)."""

    def __init__(self, stories: list[Story] | list[StoryInfo] | None = None, band: str = "All",
                 folder: Path | None = None) -> None:
        super().__init__()
        self.stories = stories
        self.band = band
        self.folder = folder
        self.problem = ""  # a sentence shown above the cards (a story that could not be opened)

    # -- building ----------------------------------------------------------------------------
    def compose(self) -> None:
        if self.stories is None:
            self.stories = pupil_stories(self.folder)
        self.heading = Label("Choose a story", role="heading")
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape")
        self.help = help_button()
        self.rest = break_button()
        self.top_row = ButtonRow([self.back, self.help, self.rest])
        self.band_buttons = {band: Button(band_label(band), self._chooser(band)) for band in BANDS}
        self.band_row = ButtonRow(list(self.band_buttons.values()), gap="m")
        self.showing = Label("", role="small", colour="text_muted")
        self.empty = Label("", role="body")
        self.all_cards = [StoryCard(s, self.start_story) for s in self.stories]
        self.filter(self.band)

    def short_labels(self, short: bool) -> None:
        for band, button in self.band_buttons.items():
            button.label = band_label(band, short)

    def _chooser(self, band: str):
        def choose() -> Action | None:
            self.filter(band)
            self.focus.focus(self.band_buttons[band])
            return None

        return choose

    def filter(self, band: str) -> None:
        self.band = band
        cards = [c for c in self.all_cards if band == "All" or c.story.band == band]
        for b, button in self.band_buttons.items():
            button.variant = "primary" if b == band else "default"
        n = len(cards)
        who = "for all ages" if band == "All" else f"for ages {band}"
        self.showing.text = f"Showing {n} {'story' if n == 1 else 'stories'} {who}."
        if self.problem:
            self.empty.text = self.problem
        elif not self.all_cards:
            self.empty.text = "No stories could be found. Please ask your teacher."
        else:
            self.empty.text = "" if cards else "There are no stories for this age group yet."
        others = [self.heading, self.showing, *self.band_row.buttons, *self.top_row.buttons]
        if self.empty.text:
            others.append(self.empty)
        self.show_cards(cards, others, [*cards, *self.band_row.buttons, *self.top_row.buttons])

    def start_story(self, chosen: Story | StoryInfo) -> Action | None:
        from game.saves import SaveStore

        story = chosen if not isinstance(chosen, StoryInfo) else open_story(chosen)
        if story is None:  # the file changed since the picker opened, and no longer loads
            self.problem = "Sorry, that story could not be opened. Please choose another, or ask your teacher."
            self.filter(self.band)
            return None
        return Push(classroom_play(story, store=SaveStore()))
