"""Presenter mode: one story on the projector for the whole class.

    spot-the-signs play SCENARIO --present      (or Present (K) on a story's page, teacher area)

Both open the same `PresentScreen`. The story plays as it does for a pupil, with these differences:
- the text is at least PRESENTER_TEXT_SCALE (150%) while presenter mode lasts: for the story and
  everything shown over it or after it (the vote, feedback, the debrief). The teacher's own text
  size is not changed, and is back when they leave presenter mode (game/ui/app.py);
- nothing is saved: no autosave, and the class vote is forgotten when the screen goes;
- choosing opens the **class vote** (`ClassVoteScreen`), headed by the scene's ``discuss:``
  question (or "What should Sam do? Why?"), with the choices in the order the class saw them:
  the teacher presses a choice's number (or clicks it) once for each raised hand, the tally shows
  as bars, the ring moves to the most votes, and "Follow choice 2 (12 votes)" goes on with the
  choice the ring is on (usually, not always, the most popular: the feedback on every choice is kind).

A scene whose only way on is Continue shows its ``discuss:`` question as a pause instead
(game/ui/screens/discuss.py). Outside presenter mode the same pauses can be turned on for pupils
(`PlayScreen.discussion_pauses`, from the classroom file).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.classroom_path import contact_lines
from game.ui.app import EndPresenting
from game.ui.play.keys import NUMBER_KEYS
from game.ui.screen import MODIFIER_KEYS, Action, Pop, Push, Replace, break_button, help_button
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.play import PlayScreen
from game.ui.scroll_area import ScrollArea, ScrollingScreen
from game.ui.theme import PRESENTER_TEXT_SCALE  # noqa: F401 (presenter mode's scale, told here too)
from game.ui.widgets import Button, ButtonRow, Label, Ui

if TYPE_CHECKING:
    from game.story.runtime import Playthrough
    from game.story.story import Story

VOTE_HINT = ("Press a choice's number, or click it, once for each raised hand. Backspace takes the last vote "
             "back. The ring moves to the most votes; Up and Down pick another. Enter follows the choice "
             "with the ring.")
NO_VOTES = "Follow a choice (no votes yet)"
TIED = "Follow a choice (it's a tie)"
DEFAULT_PROMPT = "What should {player} do? Why?"
MAX_VOTES = 99  # per choice: a class, not a stadium


class VoteRow(Button):
    """One choice in the vote: its words, a bar for its votes and the count."""

    def __init__(self, number: int, text: str, on_activate) -> None:
        super().__init__(f"{number}.  {text}", on_activate)
        self.align = "left"
        self.votes = 0
        self.most = 1  # the biggest count of any row, so bars compare
        self.picked = False  # the row the follow button follows: marked even when the focus is elsewhere

    def _bar_height(self, ui: Ui) -> int:
        return ui.theme.spacing.m

    def preferred_size(self, ui: Ui, max_width: int) -> tuple[int, int]:
        w, h = super().preferred_size(ui, max_width - self._count_width(ui))
        sp = ui.theme.spacing
        return (w + self._count_width(ui), h + self._bar_height(ui) + sp.s)

    def _count_width(self, ui: Ui) -> int:
        return ui.text.measure("99 votes", ui.theme.font_size("button")).width + 2 * ui.theme.spacing.l

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        t, c, sp = ui.theme, ui.theme.colours, ui.theme.spacing
        count_w = self._count_width(ui)
        words = self.rect.copy()
        words.width -= count_w
        words.height -= self._bar_height(ui) + sp.s
        fill = c.surface_hover if hovered else c.surface
        pygame.draw.rect(surface, fill, self.rect, border_radius=t.radii.medium)
        edge = (c.primary, 2 * t.border_width + 1) if self.picked else (c.accent, t.border_width)
        pygame.draw.rect(surface, edge[0], self.rect, width=edge[1], border_radius=t.radii.medium)
        px, _ = self._padding(ui)
        image = ui.text.render(self.label, t.font_size("button"), c.text, max(1, words.width - 2 * px))
        surface.blit(image, image.get_rect(midleft=(words.x + px, words.centery)))
        said = f"{self.votes} vote" + ("" if self.votes == 1 else "s")
        count = ui.text.render(said, t.font_size("button"), c.text)
        surface.blit(count, count.get_rect(midright=(self.rect.right - px, words.centery)))
        track = pygame.Rect(self.rect.x + px, words.bottom, self.rect.width - 2 * px, self._bar_height(ui))
        pygame.draw.rect(surface, c.scroll_track, track, border_radius=t.radii.small)
        if self.votes:
            bar = track.copy()
            bar.width = max(track.height, track.width * self.votes // max(1, self.most))
            pygame.draw.rect(surface, c.primary, bar, border_radius=t.radii.small)
        if focused:
            grow = 2 * (t.focus_gap + t.focus_width)
            pygame.draw.rect(surface, c.focus_ring, self.rect.inflate(grow, grow), width=t.focus_width,
                             border_radius=t.radii.medium + t.focus_gap + t.focus_width)

    def overflows(self, ui: Ui) -> bool:
        px, py = self._padding(ui)
        width = self.rect.width - self._count_width(ui) - 2 * px
        height = self.rect.height - self._bar_height(ui) - ui.theme.spacing.s - 2 * py
        return ui.text.measure(self.label, ui.theme.font_size("button"), width, height).overflow


class ClassVoteScreen(ScrollingScreen):
    """The class votes with raised hands; the teacher keys them in and picks the choice to follow.

    The rows are the choices in the order the class saw them (the playthrough's shuffled order).
    A number key, a click or a tap on a row, or Space on it, adds a vote: nothing goes ahead by
    accident. After each vote the focus moves to the most-voted choice (a tie, or no votes:
    nothing has the focus). Up and Down pick another row (the class may be persuaded by the
    fewer). Going ahead is its own button under the rows, "Follow choice 2 (12 votes)": it follows
    the picked row, the one with the ring (what a teacher reads as "this one"), and so does Enter
    on a row. With nothing picked the button is greyed and Enter does nothing.
    """

    max_width = 1400

    def __init__(self, play: PresentScreen, prompt: str) -> None:
        super().__init__()
        self.play = play
        self.prompt_text = prompt
        self.order: list[int] = []  # the choice of each vote, in the order keyed in (for Backspace)
        self.picked: int | None = None  # the row the class will follow: the most-voted, or the one picked
        self.heading_shown = True  # False on a short window where it would push the choices down

    def compose(self) -> None:
        self.heading = Label("Class vote", role="heading")
        self.prompt = Label(self.prompt_text, role="subheading")
        self.hint = Label(VOTE_HINT, role="small", colour="text_muted")
        self.rows = [VoteRow(i + 1, c.text, self._voter(i)) for i, c in enumerate(self.play.pt.choices)]
        self.go = Button("", self.follow_picked, variant="primary")
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape")
        self.top_row = ButtonRow([self.back, help_button(), break_button()], gap="m")
        self.area = ScrollArea([self.prompt, self.hint, *self.rows], self.gap_before)
        self.show_picked()

    def _voter(self, index: int):
        return lambda: self.add_vote(index)

    @property
    def tally(self) -> list[int]:
        return [row.votes for row in self.rows]

    # -- votes --------------------------------------------------------------------------------------
    def add_vote(self, index: int) -> None:
        """One more hand for choice ``index`` (its number key, a click or a tap, Space on it)."""
        self.vote(index)
        self.order.append(index)
        assert self.ui is not None
        self.ui.emit("select", f"{self.rows[index].label}: {self.rows[index].votes}")

    def vote(self, index: int, change: int = 1) -> None:
        row = self.rows[index]
        row.votes = max(0, min(MAX_VOTES, row.votes + change))
        most = max(1, *self.tally)
        for r in self.rows:
            r.most = most
        leaders = [i for i, votes in enumerate(self.tally) if votes == max(self.tally)]
        self.picked = leaders[0] if len(leaders) == 1 and self.tally[leaders[0]] else None
        self.show_picked(focus=True)

    def take_back(self) -> None:
        """Backspace: the last vote keyed in is taken back."""
        if self.order:
            self.vote(self.order.pop(), -1)

    def show_picked(self, focus: bool = False) -> None:
        """The follow button says the picked row (greyed when none is); with ``focus`` the ring
        moves to the picked row too (or leaves every row on a tie)."""
        focused = self.focus.focused
        if self.picked is None:
            self.go.label = NO_VOTES if not sum(self.tally) else TIED
        else:
            n = self.rows[self.picked].votes
            self.go.label = f"Follow choice {self.picked + 1} ({n} vote{'' if n == 1 else 's'})"
        self.go.enabled = self.picked is not None
        for i, row in enumerate(self.rows):
            row.picked = i == self.picked
        heading = [self.heading] if self.heading_shown else []
        self.set_widgets([*heading, self.prompt, self.hint, *self.rows, self.go, *self.top_row.buttons],
                         [*self.rows, self.go, *self.top_row.buttons])
        if focus:
            focused = self.rows[self.picked] if self.picked is not None else None
        if focused is not None and focused.focusable:
            self.focus.focus(focused)
        else:
            self.focus.clear()  # nothing picked: Enter and Space press nothing
        self.dirty = True  # nothing moves (the button keeps one height): a teacher clicks a row again for the next hand

    # -- going ahead ----------------------------------------------------------------------------------
    def follow_picked(self) -> Action | None:
        return self.follow(self.picked) if self.picked is not None else None

    def follow(self, index: int) -> Action:
        """Back to the story, which then takes choice ``index`` (feedback and all) as if a pupil had."""
        self.play.pending = index
        return Pop()

    # -- input ----------------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> Action | None:
        action = super().handle(event)
        focused = self.focus.focused
        if event.type == pygame.KEYDOWN and focused in self.rows and self.rows.index(focused) != self.picked:
            self.picked = self.rows.index(focused)  # Up, Down or Tab onto a row picks it
            self.show_picked()
        return action

    def handle_key(self, event: pygame.event.Event) -> Action | None:
        key = event.key
        if key in MODIFIER_KEYS:
            return None
        if key in NUMBER_KEYS and NUMBER_KEYS[key] < len(self.rows):
            self.add_vote(NUMBER_KEYS[key])
            return None
        if key in (pygame.K_BACKSPACE, pygame.K_MINUS, pygame.K_KP_MINUS):
            self.take_back()
            return None
        focused = self.focus.focused
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and (focused is None or focused in self.rows):
            return self.follow(self.rows.index(focused)) if focused is not None else None
        if key in (pygame.K_UP, pygame.K_DOWN):
            self.dirty = True
            self.focus.move(1 if key == pygame.K_DOWN else -1)
            return None
        return super().handle_key(event)

    # -- layout ---------------------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        # "Class vote" beside the top bar, or left out where it would sit under it: the question
        # for the class heads the list anyway, and the choices need the room.
        room = size[0] - 2 * self.margin()
        beside = (self.heading.preferred_size(self.ui, room)[0] + self.ui.theme.spacing.l
                  + self.top_row.measure(self.ui, room)[0] <= room)
        if beside != self.heading_shown:
            self.heading_shown = beside
            self.show_picked()
        top = self.place_top_bar(self.heading if beside else None, self.top_row)
        x, width = self.column()
        # One height whatever it says, so nothing moves as its words change.
        longest = (self.go.label, NO_VOTES, TIED, f"Follow choice {len(self.rows)} ({MAX_VOTES} votes)")
        go_h = max(Button(label, self.follow_picked).preferred_size(self.ui, width)[1] for label in longest)
        bottom = size[1] - self.margin() - go_h
        self.go.rect = pygame.Rect(x, bottom, width, go_h)
        self.layout_area(top, bottom - self.ui.theme.spacing.l)

    def gap_before(self, widget) -> int:
        assert self.ui is not None
        return self.ui.theme.spacing.l if widget is self.rows[0] else self.ui.theme.spacing.m


class PresentScreen(PlayScreen):
    """The play screen for the whole class: no saves, discussion pauses, a class vote at choices,
    and text at least PRESENTER_TEXT_SCALE (``presenting``: the app keeps the larger text for all
    that follows it, and gives the teacher's own size back when they leave it)."""

    presenting = True

    def __init__(self, story: Story, playthrough: Playthrough | None = None) -> None:
        super().__init__(story, playthrough, store=None)
        self.discussion_pauses = True
        self.voting: ClassVoteScreen | None = None
        self.pending: int | None = None  # the choice the class vote picked, taken on the next tick

    def wake_after_ms(self) -> int | None:
        return 0 if self.pending is not None else super().wake_after_ms()

    def tick(self, now_ms: int) -> Action | None:  # type: ignore[override]
        if self.pending is not None:
            index, self.pending = self.pending, None
            return PlayScreen.choose(self, index)  # the debrief Replaces this screen at the end
        return super().tick(now_ms)

    def finish(self) -> Action:
        return Replace(self.debrief_screen())

    def leave(self) -> Action:
        """Leaving early in front of the class: help first, then the debrief, as for a pupil."""
        from game.ui.screens.pause import LeavingHelpScreen

        return Replace(LeavingHelpScreen(self.debrief_screen()))

    def debrief_screen(self) -> PresenterDebrief:
        return PresenterDebrief(self.story, self.pt.debrief(contact_lines()), None,
                                again=lambda: PresentScreen(self.story))

    def prompt(self) -> str:
        scene = self.pt.scene
        if scene is not None and scene.discuss:
            return scene.discuss
        player = next((c.name for c in self.story.characters.values() if c.role == "player"), "the friend")
        return DEFAULT_PROMPT.format(player=player)

    def choose(self, index: int) -> Action | None:
        """Choosing in front of the class opens the vote (a single Continue just goes on)."""
        if self.reading or self.typing or self.card is not None or not 0 <= index < len(self.pt.choices):
            return None
        if len(self.pt.choices) == 1 and self.pt.choices[0].is_continue:
            return super().choose(index)
        if self.pt.scene is not None:
            self.discussed.add(self.pt.scene.id)  # the vote asks the scene's question itself
        self.voting = ClassVoteScreen(self, self.prompt())
        return Push(self.voting)


class PresenterDebrief(DebriefScreen):
    """The debrief in front of the class, with "Finish presenting" in place of "Title": back to
    where presenter mode began (the story's page in the teacher area, or the title), at the
    teacher's own text size."""

    def compose(self) -> None:
        super().compose()
        self.title.label = "Finish presenting"
        self.title.on_activate = lambda: EndPresenting()
