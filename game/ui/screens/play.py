"""Playing one story: lines one at a time, spotting signs, choices, kind feedback, the debrief.

    PlayScreen(story, playthrough=None, store=None)

Keys (no timers; the pupil goes at their own pace):
  Space / Enter      the next line (or the focused button); a click on the scene does the same
  Up / Down          pick a line shown so far;  S flags it as a warning sign (kind feedback at once)
  1-6                a choice;  Tab / Left / Right move between the buttons
  Backspace / Z      back a step (undo the last choice);  L the story so far;  Esc pause
  H / B              help and a break (the app handles them; the pupil comes back to this place)

Everything the pupil does goes through the Playthrough; the screen only keeps how many lines of
this scene are showing (``revealed``) and which one is picked. After every step the place is
autosaved (``store.write(pt, {"revealed": n})``), and the save is cleared when the story ends
or is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.saves import SaveStore
from game.story.runtime import Playthrough
from game.story.story import Story
from game.ui.screen import (
    ACTIVATE_KEYS,
    MODIFIER_KEYS,
    Action,
    Push,
    Replace,
    Screen,
    break_button,
    help_button,
)
from game.ui.screens.play_view import (
    CardPanel,
    ChoiceButton,
    LinesView,
    Panel,
    Shown,
    Stage,
    background_image,
    stage_cast,
)
from game.ui.widgets import Button, ButtonRow, Label, Paragraph, ScrollText, Widget

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 7)}
NUMBER_KEYS |= {getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 7)}
UNDO_KEYS = frozenset({pygame.K_BACKSPACE, pygame.K_z})
BUTTON_KEYS = frozenset({pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT})
READING_HINT = "Space: next line. Up and Down pick a line, S flags it as a warning sign."
CHOOSING_HINT = "Press a number, or Tab then Enter. S flags the picked line."


@dataclass
class Card:
    kind: str  # 'feedback' | 'spot-sign' | 'spot' | 'notice'
    title: str
    text: str
    then: Callable[[], Action | None]


class PlayScreen(Screen):
    def __init__(self, story: Story, playthrough: Playthrough | None = None, store: SaveStore | None = None,
                 revealed: int | None = None) -> None:
        super().__init__()
        self.story = story
        self.pt = playthrough if playthrough is not None else Playthrough(story)
        self.store = store
        self.revealed = min(len(self.pt.lines), max(1, revealed)) if revealed else min(1, len(self.pt.lines))
        self.picked = self.revealed - 1  # the line Up/Down moves over (for spotting)
        self.card: Card | None = None
        self.frozen = False  # a feedback card is up: the scene behind it stays as it was
        self.backdrop: str | None = None
        self.scene_id: str | None = None
        self.choice_buttons: list[Button] = []
        # False right after the last line appears: a pupil pressing Enter/Space to read on must
        # not pick choice 1 by accident. Any move (Tab, arrows, a number, a click) or one more
        # Enter arms the choices.
        self.choices_armed = True
        self.behind: list[Widget] = []  # the scene drawn under a card
        self.discussion_pauses = False  # the scene's discuss: question before its choices
        self.discussed: set[str] = set()  # scenes whose pause was shown on this visit
        if self.pt.notice:
            self.card = Card("notice", "Welcome back", self.pt.notice, self.close_card_only)

    # -- building -----------------------------------------------------------------------------
    def compose(self) -> None:
        self.menu = Button("Pause (Esc)", self.pause, hotkey="escape")
        self.help = help_button()
        self.rest = break_button()
        self.top_row = ButtonRow([self.menu, self.help, self.rest], gap="m")
        self.next = Button("Next (Space)", self.reveal_next, variant="primary")
        self.flag = Button("Flag this line (S)", self.spot_picked)
        self.history_button = Button("Story so far (L)", self.open_history)
        self.undo_button = Button("Back a step (Z)", self.undo)
        self.panel = Panel()
        self.actions_panel = Panel()  # a chat's choices and hint, when a picture is behind them
        self.stage = Stage()
        self.lines_view = LinesView(story=self.story)
        self.hint = Label("", role="small", colour="text_muted")
        self.card_panel = CardPanel()
        self.card_title = Label("", role="subheading")
        self.card_text = ScrollText([])
        self.card_button = Button("Continue (Enter)", self.close_card, variant="primary")
        self.sync()

    @property
    def reading(self) -> bool:
        return self.revealed < len(self.pt.lines)

    def shown(self) -> list[Shown]:
        scene, spotted = self.pt.scene, set(self.pt.spotted)
        owner = scene.phone if scene is not None else None
        return [Shown(line, self._speaker(line.speaker), line.speaker == owner, line.id in spotted)
                for line in self.pt.lines[:self.revealed]]

    def _speaker(self, speaker: str) -> str | None:
        name = self.story.speaker_name(speaker)
        character = self.story.characters.get(speaker)
        if name and character is not None and character.role == "player":
            return f"{name} (you)"
        return name

    def sync(self) -> None:
        """Bring the widgets in line with the playthrough (after any step)."""
        scene = self.pt.scene
        if scene is not None and scene.id != self.scene_id:
            self.scene_id = scene.id
            self.lines_view.mode = "chat" if scene.kind == "chat" else "place"
            self.lines_view.app_name = scene.app
            self.backdrop = scene.background
            self.choice_buttons = []
        if scene is not None and not self.choice_buttons:
            choices = self.pt.choices
            if len(choices) == 1 and choices[0].is_continue:
                self.choice_buttons = [Button("Continue (Enter)", lambda: self.choose(0), variant="primary")]
            else:
                self.choice_buttons = [ChoiceButton(f"{i + 1}.  {c.text}", self._chooser(i))
                                       for i, c in enumerate(choices)]
        self.picked = max(0, min(self.picked, self.revealed - 1))
        self.lines_view.items = self.shown()
        if scene is not None:
            self.stage.cast = stage_cast(self.story.characters, scene.present, self.pt.lines[:self.revealed])
        self.lines_view.focus_index = self.picked if self.revealed else None
        if self.card is not None:
            self.card_panel.kind = self.card.kind
            self.card_title.text = self.card.title
            self.card_text.paragraphs = [Paragraph(self.card.text)]
            self.card_text.offset = 0
        self.hint.text = READING_HINT if self.reading else CHOOSING_HINT
        if self.size != (0, 0):
            self.layout(self.size)

    def _chooser(self, index: int) -> Callable[[], Action | None]:
        return lambda: self.choose(index)

    # -- what the pupil does ------------------------------------------------------------------
    def autosave(self) -> None:
        if self.store is not None:
            self.store.write(self.pt, {"revealed": self.revealed})

    def reveal_next(self) -> Action | None:
        if self.reading:
            self.revealed += 1
            self.picked = self.revealed - 1
            self.choices_armed = self.reading or len(self.pt.choices) == 1
            self.autosave()
            self.sync()
        return None

    def spot_picked(self) -> Action | None:
        if not self.revealed:
            return None
        line = self.pt.lines[self.picked]
        spot = self.pt.spot(line.id)
        self.autosave()
        kind = "spot-sign" if spot.is_sign else "spot"
        self.card = Card(kind, spot.title, spot.text, self.close_card_only)
        self.sync()
        return None

    def choose(self, index: int) -> Action | None:
        if self.reading or self.card is not None or not 0 <= index < len(self.pt.choices):
            return None
        pause = self.discussion_pause()
        if pause is not None:
            return pause
        choice = self.pt.choose(index)
        if self.pt.finished:
            self.end_save()
        else:
            self.autosave_new_scene()
        if choice.feedback:
            self.card = Card("feedback", choice.text, choice.feedback, self.after_choice)
            self.frozen = True
            self.sync_card_only()
            return None
        return self.after_choice()

    def discussion_pause(self) -> Action | None:
        """The scene's ``discuss:`` question as a pause before its first choice, once per visit,
        when discussion pauses are on (presenter mode, or the classroom file)."""
        scene = self.pt.scene
        if not self.discussion_pauses or scene is None or not scene.discuss or scene.id in self.discussed:
            return None
        from game.ui.screens.discuss import DiscussScreen

        self.discussed.add(scene.id)
        return Push(DiscussScreen(scene.discuss))

    def autosave_new_scene(self) -> None:
        if self.store is not None:
            self.store.write(self.pt, {"revealed": min(1, len(self.pt.lines))})

    def sync_card_only(self) -> None:
        """Show the feedback card over the scene the choice was made in (the lines stay as they were)."""
        assert self.card is not None
        self.card_panel.kind = self.card.kind
        self.card_title.text = self.card.title
        self.card_text.paragraphs = [Paragraph(self.card.text)]
        self.card_text.offset = 0
        if self.size != (0, 0):
            self.layout(self.size)

    def after_choice(self) -> Action | None:
        self.card, self.frozen = None, False
        self.discussed.clear()  # a scene visited again gets its pause again
        if self.pt.finished:
            return self.finish()
        self.revealed = min(1, len(self.pt.lines))
        self.picked = 0
        self.scene_id = None
        self.sync()
        return None

    def finish(self) -> Action:
        from game.ui.screens.debrief import DebriefScreen

        self.end_save()
        return Replace(DebriefScreen(self.story, self.pt.debrief(), self.store))

    def end_save(self) -> None:
        if self.store is not None:
            self.store.clear()

    def undo(self) -> Action | None:
        if not self.pt.undo():
            return None
        self.card, self.frozen = None, False
        self.scene_id = None
        self.revealed = len(self.pt.lines)
        self.picked = self.revealed - 1
        self.autosave()
        self.sync()
        return None

    def close_card(self) -> Action | None:
        card, self.card = self.card, None
        self.frozen = False
        action = card.then() if card is not None else None
        if action is None:
            self.sync()
        return action

    def close_card_only(self) -> Action | None:
        return None

    def open_history(self) -> Action:
        from game.ui.screens.history import HistoryScreen

        return Push(HistoryScreen(self.pt.history()))

    def screen_text(self) -> str:
        """The scene so far as plain text (the clipboard and the text-only view): each line with
        who says it, then the open feedback card or the choices."""
        parts = [f"{item.speaker}: {item.line.text}" if item.speaker else item.line.text for item in self.shown()]
        if self.card is not None:
            parts += [self.card.title, self.card.text]
        elif not self.reading:
            parts += [b.label for b in self.choice_buttons]
        return "\n\n".join(parts)

    def open_text_view(self) -> Action:
        from game.ui.screens.text_view import TextViewScreen

        title = self.story.title if self.pt.scene is None else f"{self.story.title}: this part as text"
        return Push(TextViewScreen(title, self.screen_text()))

    def pause(self) -> Action:
        from game.ui.screens.pause import PauseScreen

        return Replace(PauseScreen(self))

    def leave(self) -> Action:
        """Leave early: help first, then the debrief (never "are you sure?")."""
        from game.ui.screens.debrief import DebriefScreen
        from game.ui.screens.pause import LeavingHelpScreen

        self.end_save()
        return Replace(LeavingHelpScreen(DebriefScreen(self.story, self.pt.debrief(), self.store)))

    # -- input --------------------------------------------------------------------------------
    def handle_key(self, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        key = event.key
        if key in MODIFIER_KEYS:
            return None
        self.dirty = True
        if key == pygame.K_ESCAPE:
            return self.pause()
        if key == pygame.K_l:
            return self.open_history()
        if key == pygame.K_v:
            return self.open_text_view()
        if key in UNDO_KEYS:
            return self.undo()
        if self.card is not None:
            if key in self.card_text.SCROLL_KEYS:
                self.card_text.handle_key(self.ui, key)
                return None
            if key in ACTIVATE_KEYS or key in BUTTON_KEYS:
                return super().handle_key(event)
            return None
        if key == pygame.K_s:
            return self.spot_picked()
        if key in (pygame.K_UP, pygame.K_DOWN):
            self.picked = max(0, min(self.revealed - 1, self.picked + (1 if key == pygame.K_DOWN else -1)))
            self.sync()
            return None
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.lines_view.scroll_by(self.ui, self.lines_view.rect.height * (1 if key == pygame.K_PAGEDOWN else -1))
            return None
        if key in NUMBER_KEYS:
            return self.choose(NUMBER_KEYS[key])
        if key in ACTIVATE_KEYS and not self.choices_armed and self.focus.focused in self.choice_buttons:
            self.choices_armed = True  # swallow the Enter that was meant for "next line"
            return None
        if key in BUTTON_KEYS:
            self.choices_armed = True
        if key in ACTIVATE_KEYS or key in BUTTON_KEYS:
            return super().handle_key(event)
        return None

    def handle(self, event: pygame.event.Event) -> Action | None:
        assert self.ui is not None
        if event.type == pygame.MOUSEWHEEL and self.card is None:
            self.dirty |= self.lines_view.scroll_by(self.ui, -event.y * 3 * self.ui.text.line_height(
                self.ui.theme.font_size("body")))
            return None
        return super().handle(event)

    def on_click_elsewhere(self, pos: tuple[int, int]) -> Action | None:
        assert self.ui is not None
        if self.card is not None:
            return None
        hit = self.lines_view.item_at(self.ui, pos) if self.lines_view in self.widgets else None
        if hit is not None:
            self.picked = hit
            self.sync()
            return None
        return self.reveal_next()

    # -- layout -------------------------------------------------------------------------------
    def _actions(self) -> tuple[list[Button], list[Button]]:
        """(the row of small actions, the stacked choices) for the current phase."""
        single = len(self.choice_buttons) == 1
        if self.reading:
            return [self.next, self.flag], []
        if single:
            return [self.choice_buttons[0], self.flag], []
        return [self.flag], list(self.choice_buttons)

    def _row_with_extras(self, row: list[Button], width: int) -> list[Button]:
        """Add "Story so far" and "Back a step" to the row when they fit on the same line."""
        assert self.ui is not None
        extras = [self.history_button] + ([self.undo_button] if self.pt.steps else [])
        one_row = ButtonRow(row).measure(self.ui, width)[1]
        for n in range(len(extras), 0, -1):
            if ButtonRow(row + extras[:n]).measure(self.ui, width)[1] <= one_row:
                return row + extras[:n]
        return row

    def _stack_actions(self, x: int, y: int, width: int, room: int) -> tuple[int, list[Widget]]:
        """Place the actions from ``y`` down; returns (their height, the widgets used). Leaves out
        the row of small actions and then the hint when the choices need the room."""
        assert self.ui is not None
        if self.frozen:
            return 0, []
        ui, sp = self.ui, self.ui.theme.spacing
        row, choices = self._actions()
        row = self._row_with_extras(row, width)
        hint_h = self.hint.preferred_size(ui, width)[1]
        choice_hs = [b.preferred_size(ui, width)[1] for b in choices]
        choices_h = sum(choice_hs) + sp.m * max(0, len(choices) - 1)
        row_h = ButtonRow(row, gap="m").measure(ui, width)[1]
        parts = [("choices", choices_h), ("row", row_h), ("hint", hint_h)]
        while len(parts) > 1 and sum(h for _, h in parts) + sp.m * (len(parts) - 1) > room:
            parts.pop()
        if not choices:
            parts = [p for p in parts if p[0] != "choices"]
        used: list[Widget] = []
        top = y
        for name, h in parts:
            if name == "choices":
                for b, bh in zip(choices, choice_hs, strict=True):
                    b.rect = pygame.Rect(x, y, width, bh)
                    y += bh + sp.m
                used += choices
            elif name == "row":
                ButtonRow(row, gap="m").place(ui, pygame.Rect(x, y, width, h))
                used += row
                y += h + sp.m
            else:
                self.hint.rect = pygame.Rect(x, y, width, h)
                used.append(self.hint)
                y += h + sp.m
        return max(0, y - sp.m - top), used

    def _measure_actions(self, width: int, room: int) -> int:
        return self._stack_actions(0, 0, width, room)[0]

    def _action_room(self, width: int, room: int, keep: int) -> int:
        """The room the actions may take: all of ``room`` but ``keep`` (for at least one line),
        unless the choices alone need more (then the lines give way)."""
        reserved = room - keep
        return reserved if self._measure_actions(width, reserved) <= reserved else room

    def _picked_height(self, width: int) -> int:
        """The height of the picked line (else the last) in the lines view at ``width``."""
        assert self.ui is not None
        boxes = self.lines_view._item_boxes(self.ui, width)
        if not boxes:
            return 0
        index = self.lines_view.focus_index if self.lines_view.focus_index is not None else len(boxes) - 1
        return boxes[min(index, len(boxes) - 1)][0].height + 2 * self.ui.theme.spacing.s

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        assert self.ui is not None
        ui, m, sp = self.ui, self.margin(), self.ui.theme.spacing
        top = self.place_top_bar(None, self.top_row)
        width, bottom = size[0] - 2 * m, size[1] - m
        view = self.lines_view
        one_line = ui.text.line_height(ui.theme.font_size("body")) + ui.text.line_height(
            ui.theme.font_size("small")) + sp.xs + 2 * sp.s  # the smallest useful view: one line
        content: list[Widget] = []
        if view.mode == "place":
            pw = min(width, 1240)
            px, pad = size[0] // 2 - pw // 2, sp.l
            inner = pw - 2 * pad
            room = bottom - top - 2 * pad
            # Keep room for the whole picked line (up to half the panel), not just one row, so
            # the line a pupil is reading or flagging is never shown cut in half.
            keep = (max(one_line, min(self._picked_height(inner + 2 * sp.m), room // 2)) + sp.m) if view.items else 0
            act_room = self._action_room(inner, room, keep)
            actions_h = self._measure_actions(inner, act_room)
            needed = view.content_height(ui, inner + 2 * sp.m) - 2 * sp.m
            lines_h = min(needed, room - actions_h - sp.m)
            # A single narration line (no name row) is shorter than `one_line`: it must still show.
            show_lines = bool(view.items) and lines_h >= min(one_line, needed)
            panel_h = 2 * pad + actions_h + ((lines_h + sp.m) if show_lines else 0)
            if not actions_h:
                panel_h -= sp.m
            self.panel.rect = pygame.Rect(px, bottom - panel_h, pw, panel_h)
            y = self.panel.rect.y + pad
            if show_lines:
                view.rect = pygame.Rect(px + pad - sp.m, y - sp.m, inner + 2 * sp.m, lines_h + 2 * sp.m)
                y += lines_h + sp.m
            _, used = self._stack_actions(px + pad, y, inner, act_room)
            self.stage.rect = pygame.Rect(px, top, pw, max(0, self.panel.rect.top - top))
            content = [self.stage, self.panel, *([view] if show_lines else []), *used]
        else:
            keep = one_line + view.header_height(ui) + 2 * sp.m
            side = width >= 2 * 460 + sp.xl and ui.theme.text_scale < 1.6
            if side:  # the phone on the left, the actions beside it
                phone_w = min(640, (width - sp.xl) // 2)
                act_w = min(720, width - phone_w - sp.xl)
                x0 = size[0] // 2 - (phone_w + sp.xl + act_w) // 2
                view.rect = pygame.Rect(x0, top, phone_w, bottom - top)
                actions_h = self._measure_actions(act_w, bottom - top)
                y = top + max(0, (bottom - top - actions_h) // 2)
                _, used = self._stack_actions(x0 + phone_w + sp.xl, y, act_w, bottom - top)
                content = [view, *used]
            else:  # the phone above the actions
                col_w = min(width, 900)
                x0 = size[0] // 2 - col_w // 2
                act_room = self._action_room(col_w, bottom - top, keep + sp.l)
                actions_h = self._measure_actions(col_w, act_room)
                phone_h = bottom - top - actions_h - (sp.l if actions_h else 0)
                used = self._stack_actions(x0, bottom - actions_h, col_w, act_room)[1]
                view.rect = pygame.Rect(x0, top, col_w, max(0, phone_h))
                content = [*([view] if phone_h >= keep else []), *used]
            if self.backdrop and used:  # text never sits on a picture: a panel behind the actions
                box = used[0].rect.unionall([w.rect for w in used[1:]])
                self.actions_panel.rect = box.inflate(2 * sp.m, 2 * sp.m)
                content.insert(content.index(used[0]), self.actions_panel)
        view.follow_focus(ui)
        card: list[Widget] = []
        if self.card is not None:
            card = self._layout_card(top, bottom, width)
        view.show_focus = self.card is None
        # Under a card the scene is only a picture: its buttons cannot be clicked through the veil.
        self.behind = content if self.card is not None else []
        self.set_focus_widgets((card if self.card is not None else content) + self.top_row.buttons)

    def _layout_card(self, top: int, bottom: int, width: int) -> list[Widget]:
        assert self.ui is not None
        ui, sp = self.ui, self.ui.theme.spacing
        cw = min(width, 900)
        pad = sp.xl if cw >= 700 else sp.l
        inner = cw - 2 * pad
        self.card_button.label = "Continue (Enter)" if self.card and self.card.kind == "feedback" \
            else "Back to the story (Enter)"
        title_h = self.card_title.preferred_size(ui, inner)[1]
        button_w, button_h = self.card_button.preferred_size(ui, inner)
        room = bottom - top - 2 * pad - sp.xs - title_h - 2 * sp.l - button_h
        self.card_text.rect = pygame.Rect(0, 0, inner, 10_000)
        text_h = max(0, min(self.card_text.content_height(ui), room))
        ch = 2 * pad + sp.xs + title_h + sp.l + text_h + sp.l + button_h
        x, y = self.size[0] // 2 - cw // 2, top + max(0, (bottom - top - ch) // 2)
        self.card_panel.rect = pygame.Rect(x, y, cw, ch)
        self.card_title.rect = pygame.Rect(x + pad, y + pad + sp.xs, inner, title_h)
        self.card_text.rect = pygame.Rect(x + pad, self.card_title.rect.bottom + sp.l, inner, text_h)
        self.card_button.rect = pygame.Rect(x + cw - pad - button_w, self.card_text.rect.bottom + sp.l,
                                            button_w, button_h)
        return [self.card_panel, self.card_title, self.card_text, self.card_button]

    def set_focus_widgets(self, widgets: list[Widget]) -> None:
        """Set the widgets, keeping the focused button when it is still there, else the first."""
        before = self.focus.focused
        if self.card is not None:
            order = [self.card_button, *self.top_row.buttons]
        else:
            order = [w for w in widgets if isinstance(w, Button) and w not in self.top_row.buttons]
            order += self.top_row.buttons
        self.set_widgets(widgets, order)
        self.scroll = self.card_text if self.card is not None else None
        if before in self.focus.widgets:
            self.focus.focus(before)

    # -- drawing ------------------------------------------------------------------------------
    def draw_decor(self, surface: pygame.Surface) -> None:
        assert self.ui is not None
        image = background_image(self.backdrop, self.size, self.ui.theme.colours.backdrop_wash)
        if image is not None:
            surface.blit(image, (0, 0))
        else:
            surface.fill(self.ui.theme.colours.rest_background)
        for w in self.behind:
            w.draw(surface, self.ui)
