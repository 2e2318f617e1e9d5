"""The read-through: a whole story as text, without playing it.

Every scene and ending in the order they are written, with every line (and when it is shown),
every choice with where it goes and its feedback, and the teacher notes indented under the line
they belong to: the warning sign and what to say about it, why a line matters, discussion questions.

    Up/Down, PageUp/PageDown, Home/End, the wheel   scroll
    N / Shift+N                                     the next / previous scene
    S                                               a list of the scenes, to jump to one
    F (or Ctrl+F, or /)                             find: type, and the first line with it is shown;
                                                    Enter the next one, Shift+Enter the one before, Esc stop
    P                                               play from the scene in view (or the one found)

Finding is a line a teacher types into: the teacher area is the only place in the game with one
(pupils type nothing). A list of scenes alone could not find "the line about the bus stop"; the
find line does, and nothing typed is kept. While it is open, H, B and C type letters; Esc closes it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.story.plain_words import condition_words, part_name, plain_name
from game.story.story import Choice, Line, Story
from game.ui.screen import MODIFIER_KEYS, Action, Pop
from game.ui.screens.catalogue_card import setting_label
from game.ui.screens.teacher_page import TeacherPage
from game.ui.widgets import Button, Paragraph, ScrollText, Ui


@dataclass(frozen=True)
class Note(Paragraph):
    """A paragraph set in from the left: a teacher note under the line it belongs to."""

    indent: int = 1


def _line(story: Story, line: Line) -> list[Paragraph]:
    speaker = story.speaker_name(line.speaker)
    out: list[Paragraph] = [Paragraph(f"{speaker}: {line.text}" if speaker else line.text, "body",
                                      "text" if speaker else "text_muted", space_before="s")]
    if line.condition:
        out.append(Note(f"Shown only if {condition_words(story, line.condition)}.", "small", "text_muted", "xs"))
    if line.sign:
        explain = story.shared.explain(line.sign, story.band)
        out.append(Note(f"Warning sign: {story.shared.sign_name(line.sign)}. {explain}".strip(), "small",
                        "text_muted", "xs"))
    if line.why:
        out.append(Note(f"Why it matters: {line.why}", "small", "text_muted", "xs"))
    if line.voice:
        out.append(Note("These words are wrong on purpose: the story shows why.", "small", "text_muted", "xs"))
    return out


def _where_it_goes(story: Story, choice: Choice) -> str:
    """Where a choice leads, whether it helps, what it adds to (the counters conditions test) and
    when it is offered."""
    out = [f"Goes to {part_name(story, choice.go)}."]
    if choice.helps:
        out.append("A helping action.")
    out.extend(f"{'Adds' if n > 0 else 'Takes'} {abs(n)} {'to' if n > 0 else 'from'} {plain_name(name)}."
               for name, n in choice.adds if n)
    if choice.condition:
        out.append(f"Offered only if {condition_words(story, choice.condition)}.")
    return " ".join(out)


def read_through(story: Story) -> tuple[list[Paragraph], dict[str, int]]:
    """The paragraphs of the whole story, and where each scene and ending begins among them."""
    out: list[Paragraph] = [
        Paragraph(f"Ages {story.band}, about {story.minutes} minutes, {setting_label(story.setting)}. "
                  f"It starts at {part_name(story, story.start)}.", "body", "text_muted"),
        Paragraph("Teacher notes are set in under the line they belong to.", "small", "text_muted", "xs"),
    ]
    anchors: dict[str, int] = {}
    for sid, scene in story.scenes.items():
        anchors[sid] = len(out)
        out.append(Paragraph(part_name(story, sid, heading=True) + (" (the start)" if sid == story.start else ""),
                             "subheading", space_before="xl"))
        if scene.kind == "chat":
            owner = story.speaker_name(scene.phone or "") or "someone"
            where = f"Messages on {owner}'s phone" + (f", in {scene.app}" if scene.app else "")
        else:
            where = "In person" + (f": {scene.background.replace('-', ' ')}" if scene.background else "")
        people = ", ".join(story.speaker_name(p) or p for p in scene.present)
        out.append(Paragraph(where + (f". With {people}." if people else "."), "small", "text_muted", "xs"))
        for line in scene.lines:
            out.extend(_line(story, line))
        if scene.discuss:
            out.append(Note(f"Discussion question: {scene.discuss}", "body", "text", "m", indent=0))
            if scene.discuss_notes:
                out.append(Note(f"Good answers: {scene.discuss_notes}", "small", "text_muted", "xs", indent=0))
        if len(scene.choices) == 1 and scene.choices[0].is_continue:
            out.append(Paragraph(f"Then on to {part_name(story, scene.choices[0].go)}.", "small", "text_muted",
                                 "m"))
            continue
        out.append(Paragraph("Choices", "small", "text", "m"))
        for i, choice in enumerate(scene.choices, 1):
            out.append(Paragraph(f"{i}. {choice.text}", "body", space_before="s"))
            out.append(Note(_where_it_goes(story, choice), "small", "text_muted", "xs"))
            if choice.feedback:
                out.append(Note(f"Feedback: {choice.feedback}", "small", "text_muted", "xs"))
    for eid, ending in story.endings.items():
        anchors[eid] = len(out)
        out.append(Paragraph(part_name(story, eid, heading=True), "subheading", space_before="xl"))
        out.append(Paragraph(f"A {ending.tone} ending. The debrief follows it.", "small", "text_muted", "xs"))
        for line in ending.lines:
            out.extend(_line(story, line))
    return out, anchors


class ReadThrough(ScrollText):
    """ScrollText with notes set in, a highlighted paragraph (the one found), and scrolling to a
    paragraph. Where each paragraph sits is measured once per width and text size."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        super().__init__(paragraphs)
        self.highlight: int | None = None
        self._cache: tuple[tuple, list[tuple[Paragraph, int, int, int, int]], int] | None = None

    def _indent(self, ui: Ui, p: Paragraph) -> int:
        return ui.theme.spacing.xl * getattr(p, "indent", 0)

    def _places(self, ui: Ui) -> tuple[list[tuple[Paragraph, int, int, int, int]], int]:
        """(paragraph, y, font size, indent, height) for each, and the content's height."""
        key = (self._text_width(ui), ui.layout_key(), id(self.paragraphs), len(self.paragraphs))
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1], self._cache[2]
        out, y, width = [], 0, self._text_width(ui)
        for i, p in enumerate(self.paragraphs):
            if i:
                y += getattr(ui.theme.spacing, p.space_before)
            size, indent = ui.theme.font_size(p.role), self._indent(ui, p)
            # rendered in its own colour: drawing it then finds it in the cache
            h = ui.text.render(p.text, size, getattr(ui.theme.colours, p.colour), max(1, width - indent)).get_height()
            out.append((p, y, size, indent, h))
            y += h
        self._cache = (key, out, y)
        return out, y

    def _placed(self, ui: Ui) -> list[tuple[Paragraph, int, int]]:
        return [(p, y, size) for p, y, size, _, _ in self._places(ui)[0]]

    def content_height(self, ui: Ui) -> int:
        return self._places(ui)[1]

    def paragraph_top(self, ui: Ui, index: int) -> int:
        return self._places(ui)[0][index][1]

    def first_visible(self, ui: Ui) -> int:
        """The first paragraph whose top is in view (or the last one above it)."""
        index = 0
        for i, place in enumerate(self._places(ui)[0]):
            if place[1] > self.offset + ui.theme.spacing.s:
                break
            index = i
        return index

    def in_view(self, ui: Ui, index: int) -> bool:
        top = self.paragraph_top(ui, index)
        return self.offset <= top < self.offset + self.rect.height

    def scroll_to_paragraph(self, ui: Ui, index: int, context: bool = False) -> bool:
        """Scroll so paragraph ``index`` is at the top, or a third of the way down (``context``:
        a line found, with what leads up to it above)."""
        above = self.rect.height // 3 if context else ui.theme.spacing.s
        return self.scroll_to(ui, self.paragraph_top(ui, index) - above)

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool = False, hovered: bool = False) -> None:
        self.scroll_to(ui, self.offset)  # stays valid after a resize
        c, sp = ui.theme.colours, ui.theme.spacing
        width = self._text_width(ui)
        old_clip = surface.get_clip()
        surface.set_clip(self.rect.clip(old_clip) if old_clip else self.rect)
        for i, (p, y, size, indent, h) in enumerate(self._places(ui)[0]):
            if y > self.offset + self.rect.height:
                break
            if y + h < self.offset:
                continue
            at = (self.rect.x + indent, self.rect.y + y - self.offset)
            found = i == self.highlight
            image = ui.text.render(p.text, size, c.text if found else getattr(c, p.colour), max(1, width - indent))
            if found:  # a lamp-glow mark, a little wider than the text (it may reach into the margin)
                mark = pygame.Rect(at, image.get_size()).inflate(2 * sp.s, sp.xs)
                surface.set_clip(self.rect.inflate(2 * sp.s, 0).clip(old_clip) if old_clip else None)
                pygame.draw.rect(surface, c.help, mark, border_radius=ui.theme.radii.small)
                pygame.draw.rect(surface, c.help_border, mark, width=ui.theme.border_width,
                                 border_radius=ui.theme.radii.small)
                surface.set_clip(self.rect.clip(old_clip) if old_clip else self.rect)
            surface.blit(image, at)
        surface.set_clip(old_clip)
        self.draw_scrollbar(surface, ui)


HINT = "N: next scene. F: find words. P: play from the scene at the top."
FIND_HINT = "Enter: next. Shift+Enter: back. Esc: stop finding."
FIND_KEYS = frozenset({pygame.K_f, pygame.K_SLASH})


class PreviewScreen(TeacherPage):
    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        self.heading_text = f"Read-through: {story.title}"
        self.finding = False
        self.query = ""
        self.matches: list[int] = []
        self.match = -1  # which of the matches is shown

    @property
    def global_keys(self) -> bool:  # type: ignore[override]
        """While the teacher types in the find line, H, B and C are letters."""
        return not self.finding

    def body(self) -> ScrollText:
        paragraphs, self.anchors = read_through(self.story)
        self.text = ReadThrough(paragraphs)
        return self.text

    def actions(self) -> list[Button]:
        self.find = Button("Find (F)", self.start_finding, hotkey="f", variant="primary")
        self.scenes = Button("Scenes (S)", self.choose_scene, hotkey="s")
        self.play = Button("Play from here (P)", self.play_here, hotkey="p")
        return [self.find, self.scenes, self.play]

    def compose(self) -> None:
        super().compose()
        self.set_hint(HINT, optional=True)

    def set_hint(self, text: str, optional: bool) -> None:
        """The hint line (or the find line, which stays on a short window); lay out again if its
        height or whether it may be left out changed."""
        assert self.ui is not None
        before = self.hint.preferred_size(self.ui, max(1, self.hint.rect.width))[1] if self.hint.rect.width else -1
        self.hint.text = text
        after = self.hint.preferred_size(self.ui, max(1, self.hint.rect.width))[1] if self.hint.rect.width else -1
        if before != after or optional != self.hint_optional or self.hint not in self.widgets:
            self.hint_optional = optional
            self.relayout()
        self.dirty = True

    # -- finding ----------------------------------------------------------------------------------
    def start_finding(self) -> None:
        self.finding = True
        self.show_find()

    def stop_finding(self) -> None:
        self.finding = False
        self.set_hint(HINT, optional=True)

    def show_find(self) -> None:
        found = ""
        if self.query:
            found = f"  {self.match + 1} of {len(self.matches)}." if self.matches else "  Not found."
        self.set_hint(f"Find: {self.query}|{found}  {FIND_HINT}", optional=False)

    def search(self, from_index: int) -> None:
        """Find the query again; show the first match at or after paragraph ``from_index``."""
        assert self.ui is not None
        needle = self.query.casefold().strip()
        self.matches = [i for i, p in enumerate(self.text.paragraphs) if needle and needle in p.text.casefold()]
        self.match = next((n for n, i in enumerate(self.matches) if i >= from_index), 0) if self.matches else -1
        self.show_match()

    def step_match(self, delta: int) -> None:
        if self.matches:
            self.match = (self.match + delta) % len(self.matches)
            self.show_match()

    def show_match(self) -> None:
        assert self.ui is not None
        self.text.highlight = self.matches[self.match] if self.matches else None
        if self.text.highlight is not None:
            self.text.scroll_to_paragraph(self.ui, self.text.highlight, context=True)
        self.show_find()

    def type_key(self, event: pygame.event.Event) -> Action | None:
        key, mod = event.key, event.mod
        current = self.text.highlight if self.text.highlight is not None else self.text.first_visible(self.ui)
        if key == pygame.K_ESCAPE:
            self.stop_finding()
        elif key == pygame.K_TAB:
            self.stop_finding()
            return super().handle_key(event)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.step_match(-1 if mod & pygame.KMOD_SHIFT else 1)
        elif key == pygame.K_BACKSPACE:
            self.query = self.query.rstrip().rpartition(" ")[0] if mod & pygame.KMOD_CTRL else self.query[:-1]
            self.search(current)
        elif key in self.text.SCROLL_KEYS:
            self.text.handle_key(self.ui, key)
        else:
            char = getattr(event, "unicode", "") or ""
            if len(char) == 1 and char.isprintable() and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
                if len(self.query) < 60:
                    self.query += char
                self.search(current)
        self.dirty = True
        return None

    # -- scenes -----------------------------------------------------------------------------------
    def part_in_view(self) -> str:
        """The scene or ending of the line found (or jumped to) while it is in view, else of the
        paragraph at the top of the view."""
        assert self.ui is not None
        index = self.text.first_visible(self.ui)
        if self.text.highlight is not None and self.text.in_view(self.ui, self.text.highlight):
            index = self.text.highlight
        part = self.story.start
        for part_id, at in self.anchors.items():
            if at <= index:
                part = part_id
        return part

    def jump(self, part: str) -> None:
        """Show a scene or ending chosen from the list, its heading marked."""
        assert self.ui is not None
        self.text.highlight = self.anchors[part]
        self.text.scroll_to_paragraph(self.ui, self.anchors[part])
        self.dirty = True

    def step_scene(self, delta: int) -> None:
        assert self.ui is not None
        order = sorted(self.anchors.values())
        here = self.text.offset + self.ui.theme.spacing.s
        tops = [self.text.paragraph_top(self.ui, i) for i in order]
        if delta > 0:
            target = next((i for i, y in zip(order, tops, strict=True) if y > here + 1), None)
        else:
            target = next((i for i, y in reversed(list(zip(order, tops, strict=True))) if y < here - 1), None)
        if target is not None:
            self.text.highlight = None
            self.text.scroll_to_paragraph(self.ui, target)

    def choose_scene(self) -> Action:
        from game.ui.screen import Push
        from game.ui.screens.teacher_scenario import SceneListScreen

        def go(part: str) -> Action:
            self.jump(part)
            return Pop()

        return Push(SceneListScreen(self.story, "Go to a scene", go, note="Enter shows it in the read-through."))

    def play_here(self) -> Action:
        from game.ui.screens.teacher_scenario import play_from

        return play_from(self.story, self.part_in_view())

    # -- input ------------------------------------------------------------------------------------
    def handle_key(self, event: pygame.event.Event) -> Action | None:
        if event.key in MODIFIER_KEYS:
            return None
        if self.finding:
            return self.type_key(event)
        if event.key in FIND_KEYS:
            self.dirty = True
            self.start_finding()
            return None
        return super().handle_key(event)

    def on_other_key(self, event: pygame.event.Event) -> Action | None:
        if event.key == pygame.K_n:
            self.step_scene(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        return None
