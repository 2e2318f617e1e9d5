"""One story's page in the teacher area: everything a teacher plans with, then

    R  the read-through (every scene and route as text, with teacher notes)
    P  play from a scene (any scene or ending; the pupil's saved place is not touched)
    K  present it to the class: presenter mode, with a class vote at each choice, nothing saved
    V  whether pupils see this story (saved in the classroom file at once)
"""

from __future__ import annotations

from collections.abc import Callable

from game.story.plain_words import part_name
from game.story.story import Story
from game.ui.screen import Action, Pop, Push
from game.ui.screens.card_list import CardListScreen, CardPart, TextCard
from game.ui.screens.catalogue_card import story_facts, theme_names
from game.ui.screens.teacher_page import TeacherPage
from game.ui.widgets import Button, ButtonRow, Label, Paragraph, ScrollText, Ui, Widget


def story_paragraphs(story: Story) -> list[Paragraph]:
    """The teacher's view of a story: summary, facts, themes, signs, skills, notes, objectives, questions."""
    out = [Paragraph(story_facts(story), "body", "text_muted"), Paragraph(story.summary, "body", space_before="s")]
    if story.pupil_summary:
        out.append(Paragraph(f"Pupils read on its card: {story.pupil_summary}", "body", "text_muted",
                             space_before="s"))
    if story.themes:
        out.append(Paragraph("Themes", "subheading", space_before="l"))
        out.extend(Paragraph(f"- {name}", space_before="xs") for name in theme_names(story))
    if story.signs:
        out.append(Paragraph("Warning signs in this story", "subheading", space_before="l"))
        for sign in story.signs:
            out.append(Paragraph(story.shared.sign_name(sign), space_before="s"))
            explain = story.shared.explain(sign, story.band)
            if explain:
                out.append(Paragraph(explain, "small", "text_muted", space_before="xs"))
    if story.skills:
        out.append(Paragraph("Skills pupils practise", "subheading", space_before="l"))
        out.extend(Paragraph(f"- {story.shared.skill_name(k)}", space_before="xs") for k in story.skills)
    for heading, items in (("Content notes", story.content_notes), ("Before the lesson", story.teacher_notes),
                           ("Learning objectives", story.objectives)):
        if items:
            out.append(Paragraph(heading, "subheading", space_before="l"))
            out.extend(Paragraph(f"- {item}", space_before="xs") for item in items)
    if story.questions:
        out.append(Paragraph("Discussion questions", "subheading", space_before="l"))
        for i, q in enumerate(story.questions, 1):
            out.append(Paragraph(f"{i}. {q.ask}", space_before="s"))
            if q.notes:
                out.append(Paragraph(f"Notes: {q.notes}", "small", "text_muted", space_before="xs"))
    if story.follow_up:
        out.append(Paragraph("Follow-up", "subheading", space_before="l"))
        out.extend(Paragraph(f"- {item}", space_before="xs") for item in story.follow_up)
    return out


class ScenarioScreen(TeacherPage):
    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        self.heading_text = story.title
        self.notice = ""

    def body(self) -> ScrollText:
        return ScrollText(story_paragraphs(self.story))

    def actions(self) -> list[Button]:
        self.read = Button("Read-through (R)", self.open_preview, hotkey="r", variant="primary")
        self.play = Button("Play a scene (P)", self.choose_scene, hotkey="p")
        self.present = Button("Present (K)", self.present_to_class, hotkey="k")
        self.visible = Button("", self.toggle_visible, hotkey="v")
        return [self.read, self.play, self.present, self.visible]

    def compose(self) -> None:
        super().compose()
        self.refresh()

    def attach(self, ui: Ui) -> None:
        first = self.ui is None
        super().attach(ui)
        if not first:
            self.refresh()

    def pupils_see(self) -> bool:
        from game.classroom import current

        return current().classroom.allows(self.story.id)

    def refresh(self) -> None:
        label = f"Pupils see it: {'Yes' if self.pupils_see() else 'No'} (V)"
        if label != self.visible.label:
            self.visible.label = label
            self.relayout()
        self.dirty = True

    def toggle_visible(self) -> None:
        """Show or hide this story in the pupils' picker, saved in the classroom file at once."""
        from game.classroom import current, known_story_ids, save_change, with_story

        state = current()
        _after, message = save_change(with_story(state.classroom, self.story.id, not self.pupils_see(),
                                                 known_story_ids()), state)
        self.show_notice(message if message != "Saved." else "")
        self.refresh()

    def show_notice(self, message: str) -> None:
        """A sentence above the story's notes (the file could not be saved, or its old copy was kept)."""
        paragraphs = story_paragraphs(self.story)
        if message:
            paragraphs.insert(0, Paragraph(message, "subheading"))
            paragraphs[1] = Paragraph(paragraphs[1].text, paragraphs[1].role, space_before="m")
        self.notice = message
        self.text.paragraphs = paragraphs
        self.text.offset = 0
        self.relayout()

    def open_preview(self) -> Action:
        from game.ui.screens.teacher_preview import PreviewScreen

        return Push(PreviewScreen(self.story))

    def present_to_class(self) -> Action:
        from game.ui.screens.present import PresentScreen

        return Push(PresentScreen(self.story))

    def choose_scene(self) -> Action:
        return Push(SceneListScreen(self.story, "Play from a scene", lambda part: play_from(self.story, part)))


def play_from(story: Story, part: str) -> Action:
    """The story from ``part``, as pupils would play it (discussion pauses as the classroom sets
    them), as a try-out: not saved as the pupil's place."""
    from game.story.runtime import Playthrough
    from game.ui.screens.picker import classroom_play

    return Push(classroom_play(story, Playthrough.start_at(story, part), None))


def part_cards(story: Story, on_choose: Callable[[str], Action | None]) -> list[TextCard]:
    """One card per scene and ending, in the order they are written, with its first line."""
    cards = []
    for part_id, part in [*story.scenes.items(), *story.endings.items()]:
        title = part_name(story, part_id, heading=True)
        if part_id == story.start:
            title += " (the start)"
        first = part.lines[0]
        speaker = story.speaker_name(first.speaker)
        card = TextCard([CardPart(title, "subheading", "text", "s"),
                         CardPart(f"{speaker}: {first.text}" if speaker else first.text, "small", "text_muted", "xs")],
                        lambda part_id=part_id: on_choose(part_id))
        card.part_id = part_id  # type: ignore[attr-defined]
        cards.append(card)
    return cards


class SceneListScreen(CardListScreen):
    """Every scene and ending of a story; Enter on one calls ``on_choose(part id)``."""

    def __init__(self, story: Story, title: str, on_choose: Callable[[str], Action | None],
                 note: str = "A try-out: it does not change any pupil's saved place.") -> None:
        super().__init__()
        self.story, self.title, self.on_choose, self.note = story, title, on_choose, note

    def compose(self) -> None:
        from game.ui.screen import break_button, help_button

        self.heading = Label(self.title, role="heading")
        self.back = Button("Back (Esc)", lambda: Pop(), hotkey="escape")
        self.top_row = ButtonRow([self.back, help_button(), break_button()])
        self.band_row = ButtonRow([])
        self.showing = Label(f"{self.story.title}. {self.note}", role="small", colour="text_muted")
        self.empty = Label("", role="body")
        cards: list[Widget] = list(part_cards(self.story, self.on_choose))
        self.show_cards(cards, [self.heading, self.showing, *self.top_row.buttons],
                        [*cards, *self.top_row.buttons])

