"""The teacher area and the classroom file in the window, driven by the keyboard alone: T on the
title, the catalogue and its filters, a story's page, the read-through and its find line, playing
from a scene, classroom settings; and what pupils then see (the picker, help, the debrief)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pygame
import pytest

from game.classroom import CLASSROOM_ENV, Classroom, classroom_path, save_classroom
from game.classroom_path import contact_lines
from game.paths import scenes_dir
from game.story.debrief import IN_SCHOOL
from game.story.library import Library
from game.story.runtime import Playthrough
from game.ui.pilot import run_test
from game.ui.screen import Pop, Push
from game.ui.screens.content_note import ContentNoteScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.picker import PickerScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.teacher_catalogue import CatalogueScreen
from game.ui.screens.teacher_classroom import ClassroomScreen
from game.ui.screens.teacher_home import TeacherScreen
from game.ui.screens.teacher_preview import PreviewScreen, read_through
from game.ui.screens.teacher_scenario import ScenarioScreen, SceneListScreen
from game.ui.screens.teacher_widgets import TextField, ValueButton
from game.ui.screens.title import TitleScreen
from game.ui.widgets import Button

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

CONTACT = {"name": "Mrs Patel", "role": "designated safeguarding lead", "where": "Room 12"}


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("SPOT_THE_SIGNS_HOME", str(tmp_path))
    monkeypatch.delenv(CLASSROOM_ENV, raising=False)


@pytest.fixture(scope="module")
def stories():
    return Library(scenes_dir()).stories()


def story(stories, story_id):
    return next(s for s in stories if s.id == story_id)


def write_classroom(text: str) -> Path:
    path = classroom_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def type_text(pilot, text: str) -> None:
    for ch in text:
        pilot.press("space" if ch == " " else f"shift+{ch.lower()}" if ch.isupper() else ch)


def focused_story(screen) -> str | None:
    story = getattr(screen.focus.focused, "story", None)
    return story.id if story is not None else None


def three_plain_words(text: str) -> list[str]:
    """Three words in a row with letters only (so the pilot can type them), if the text has them."""
    words = text.split()
    return [" ".join(words[i:i + 3]) for i in range(len(words) - 2) if all(w.isalpha() for w in words[i:i + 3])]


def press_until(pilot, key: str, done, limit: int = 60) -> None:
    for _ in range(limit):
        if done():
            return
        pilot.press(key)
    assert done(), f"pressed {key!r} {limit} times"


def to_teacher_area(pilot) -> TeacherScreen:
    assert isinstance(pilot.screen, TitleScreen)
    pilot.press("t")
    assert isinstance(pilot.screen, TeacherScreen)
    return pilot.screen


# -- the way in ------------------------------------------------------------------------------------


def test_t_on_the_title_opens_the_teacher_area_which_pupils_are_not_shown():
    with run_test() as pilot:
        title = pilot.screen
        said = " ".join(w.label for w in title.widgets if isinstance(w, Button)) + title.screen_text()
        assert "teacher" not in said.lower()
        pilot.press("ctrl+t")
        assert pilot.screen is title
        to_teacher_area(pilot)
        pilot.press("escape")
        assert pilot.screen is title


def test_the_teacher_area_says_where_the_classroom_file_is_and_how_it_is():
    with run_test() as pilot:
        home = to_teacher_area(pilot)
        text = home.screen_text()
        assert str(classroom_path()) in text and "no classroom file yet" in text
        pilot.press("2")
        pilot.press("down", "enter")  # hide the first story: the file now exists
        pilot.press("escape")
        assert pilot.screen is home and "in use and has no problems" in home.screen_text()


# -- the acceptance route -------------------------------------------------------------------------------


def test_a_teacher_filters_previews_finds_and_hides_a_story_then_pupils_no_longer_see_it(stories):
    target = story(stories, "new-friend")
    words = next(w for scene in list(target.scenes.values())[1:] for ln in scene.lines if ln.sign
                 for w in three_plain_words(ln.text))
    paragraphs, anchors = read_through(target)
    first = next(i for i, p in enumerate(paragraphs) if words.casefold() in p.text.casefold())
    expected_part = max((at, part) for part, at in anchors.items() if at <= first)[1]
    assert expected_part != target.start
    with run_test(size=(1280, 720)) as pilot:
        to_teacher_area(pilot)
        pilot.press("1")
        catalogue = pilot.screen
        assert isinstance(catalogue, CatalogueScreen) and len(catalogue.cards) == len(stories)
        pilot.press("a")  # ages: 11-13
        assert {c.story.band for c in catalogue.cards} == {"11-13"} and target.band == "11-13"
        assert len(catalogue.cards) < len(stories)
        pilot.press("shift+tab")
        press_until(pilot, "up", lambda: focused_story(catalogue) == target.id)
        pilot.press("enter")
        page = pilot.screen
        assert isinstance(page, ScenarioScreen) and page.story.id == target.id
        pilot.press("r")
        preview = pilot.screen
        assert isinstance(preview, PreviewScreen)
        pilot.press("f")
        type_text(pilot, words)
        found = preview.text.highlight
        assert found is not None and words.casefold() in preview.text.paragraphs[found].text.casefold()
        top = preview.text.paragraph_top(pilot.app.ui, found)
        assert preview.text.offset <= top < preview.text.offset + preview.text.rect.height
        assert found == first and preview.part_in_view() == expected_part
        pilot.press("escape")  # stop finding
        assert not preview.finding and isinstance(pilot.screen, PreviewScreen)
        pilot.press("escape", "escape", "escape")  # the story's page, the catalogue, the teacher area
        assert isinstance(pilot.screen, TeacherScreen)
        pilot.press("2")
        settings = pilot.screen
        assert isinstance(settings, ClassroomScreen)
        row = settings.story_rows[target.id]
        press_until(pilot, "down", lambda: settings.focus.focused is row)
        assert row.label.startswith("Shown")
        pilot.press("enter")
        assert row.label.startswith("Hidden")
        pilot.press("escape", "escape")
        assert isinstance(pilot.screen, TitleScreen)
        pilot.press("enter")
        assert isinstance(pilot.screen, ContentNoteScreen)
        pilot.press("enter", "enter")
        picker = pilot.screen
        assert isinstance(picker, PickerScreen)
        ids = [c.story.id for c in picker.cards]
        assert target.id not in ids and len(ids) == len(stories) - 1


# -- what pupils see ----------------------------------------------------------------------------------------


def test_the_picker_shows_only_the_stories_the_classroom_lists(stories):
    write_classroom("scenarios: [owe-me, example]\n")
    with run_test() as pilot:
        pilot.app.apply(Push(PickerScreen()))
        pilot.step()
        assert [c.story.id for c in pilot.screen.cards] == ["example", "owe-me"]  # the library's order


def test_a_classroom_that_hides_every_story_asks_pupils_to_see_their_teacher():
    write_classroom("scenarios: []\n")
    with run_test() as pilot:
        pilot.app.apply(Push(PickerScreen()))
        pilot.step()
        assert pilot.screen.cards == [] and "ask your teacher" in pilot.screen.empty.text


def test_a_classroom_file_that_cannot_be_read_still_shows_every_story(stories):
    write_classroom("scenarios: [owe-me\n")
    with run_test() as pilot:
        pilot.app.apply(Push(PickerScreen()))
        pilot.step()
        assert len(pilot.screen.cards) == len(stories)


def help_text(screen) -> list[str]:
    return [p.text for p in screen.text.paragraphs]


def test_help_shows_the_schools_contact_after_talk_to_a_trusted_adult():
    assert save_classroom(Classroom().changed(contact=CONTACT), classroom_path()) is None
    with run_test() as pilot:
        pilot.press("h")
        assert isinstance(pilot.screen, HelpScreen)
        text = help_text(pilot.screen)
        at = text.index(IN_SCHOOL)
        assert text[at - 2] == "Talk to a trusted adult"
        assert text[at + 1] == "Mrs Patel, designated safeguarding lead"
        assert text[at + 2] == "Where to find them: Room 12"
        assert "Your school's safeguarding lead" not in text  # help.yaml's general line gives way to the name


def test_without_a_contact_help_keeps_the_general_school_line():
    with run_test() as pilot:
        pilot.press("h")
        text = help_text(pilot.screen)
        assert IN_SCHOOL not in text and "Your school's safeguarding lead" in text


def test_the_debrief_shows_the_schools_contact_where_to_get_help(stories):
    assert save_classroom(Classroom().changed(contact={"name": "Mr Cole"}), classroom_path()) is None
    example = story(stories, "example")
    pt = Playthrough(example)
    with run_test() as pilot:
        pilot.app.apply(Push(DebriefScreen(example, pt.debrief(contact_lines()))))  # as the play screen does
        pilot.step()
        text = help_text(pilot.screen)
        assert text[text.index("Where to get help") + 3:text.index("Where to get help") + 5] == [IN_SCHOOL, "Mr Cole"]


# -- the catalogue --------------------------------------------------------------------------------------------


def test_a_catalogue_card_is_short_and_the_storys_page_has_the_rest(stories):
    from game.ui.screens.catalogue_card import first_sentence
    from game.ui.screens.teacher_scenario import story_paragraphs

    write_classroom("scenarios: [example]\n")
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(CatalogueScreen()))
        pilot.step()
        cards = {c.story.id: c for c in pilot.screen.cards}
        for s in stories:
            card = cards[s.id]
            text = card.text
            assert s.title in text and f"Ages {s.band}" in text and f"{s.minutes} minutes" in text
            sentence = first_sentence(s.summary)
            assert card.sentence == sentence and s.summary.startswith(sentence.rstrip("."))
            assert sentence != " ".join(s.summary.split())  # every shipped summary has more: it stays off the card
            assert card.tags == [s.shared.themes[t].tag for t in s.themes]  # every shipped theme has a short tag
            assert all(len(tag) <= 24 for tag in card.tags)
            assert not any(note in text for note in (*s.content_notes, *s.objectives))
            assert ("pupils see it" in text) == (s.id == "example") != ("hidden from pupils" in text)
            page = "\n".join(p.text for p in story_paragraphs(s))  # the rest is on the story's page
            assert s.summary in page and all(s.shared.sign_name(sign) in page for sign in s.signs)
            assert all(note in page for note in (*s.content_notes, *s.objectives))
        assert "Pupils see 1." in pilot.screen.showing.text


@pytest.mark.parametrize("theme", ["light", "contrast"])
def test_three_stories_show_whole_in_the_catalogue_at_1280x720(stories, theme):
    from game.settings import Settings

    with run_test(size=(1280, 720), settings=Settings(theme=theme)) as pilot:
        pilot.app.apply(Push(CatalogueScreen()))
        pilot.step()
        screen = pilot.screen
        whole = [c for c in screen.cards if screen.view.contains(c.rect)]
        assert len(whole) >= 3, [c.rect for c in screen.cards[:4]]
        assert not any(c.overflows(pilot.app.ui) for c in screen.cards)
        for first, third in zip(screen.cards, screen.cards[2:], strict=False):  # any three in a row fit
            assert screen.card_y[third] + third.rect.height - screen.card_y[first] <= screen.view.height, first


def test_catalogue_filters_by_theme_and_length_and_sorts(stories):
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(CatalogueScreen()))
        pilot.step()
        screen = pilot.screen
        pilot.press("t")
        theme = screen.filters.theme
        assert theme is not None and all(theme in c.story.themes for c in screen.cards)
        assert screen.theme_button.label.startswith("Theme: ") and "all" not in screen.theme_button.label
        pilot.press("shift+t")
        assert screen.filters.theme is None and len(screen.cards) == len(stories)
        pilot.press("l")
        assert screen.filters.length == 10 and all(c.story.minutes <= 10 for c in screen.cards) and screen.cards
        pilot.press("l", "l", "l", "l")
        assert screen.filters.length is None
        titles = [c.story.title.casefold() for c in screen.cards]
        assert titles == sorted(titles)
        pilot.press("o", "o")
        minutes = [c.story.minutes for c in screen.cards]
        assert screen.filters.sort == "shortest first" and minutes == sorted(minutes)
        pilot.press("a", "a")
        assert screen.filters.band == "14-16"
        pilot.press("l")
        assert screen.cards == [] and "No story matches" in screen.empty.text


# -- a story's page, the read-through, playing from a scene --------------------------------------------------


def test_the_read_through_holds_every_line_choice_and_feedback_of_every_story(stories):
    for s in stories:
        paragraphs, anchors = read_through(s)
        text = "\n".join(p.text for p in paragraphs)
        assert set(anchors) == {*s.scenes, *s.endings}
        for part in (*s.scenes.values(), *s.endings.values()):
            assert all(line.text in text for line in part.lines)
        for scene in s.scenes.values():
            for choice in scene.choices:
                assert choice.is_continue or choice.text in text
                assert not choice.feedback or choice.feedback in text
            assert not scene.discuss or scene.discuss in text
            assert not scene.discuss_notes or f"Good answers: {scene.discuss_notes}" in text
        for sign in s.signs:
            assert f"Warning sign: {s.shared.sign_name(sign)}." in text


def test_the_read_through_speaks_a_teachers_language(stories):
    """Parts and conditions in words from the engine (game/story/plain_words.py): no scene id, no
    flag name, no "Shown only when: checked_in"."""
    from game.story.plain_words import condition_words

    for s in stories:
        paragraphs, _ = read_through(s)
        text = "\n".join(p.text for p in paragraphs)
        ids = {pid for pid in (*s.scenes, *s.endings) if "-" in pid or "_" in pid}
        assert not any(pid in text for pid in ids), s.id
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), (s.id, re.search(r"\b[a-z]+_[a-z_]+\b", text))
        assert "Scene: " not in text and "only when" not in text
        headings = [p.text for p in paragraphs if p.role == "subheading"]
        assert headings[:len(s.scenes)] == ["Part 1 (the start)" if sid == s.start else f"Part {i}"
                                            for i, sid in enumerate(s.scenes, 1)]
        for part in (*s.scenes.values(), *s.endings.values()):
            for line in part.lines:
                assert not line.condition or f"Shown only if {condition_words(s, line.condition)}." in text
        for scene in s.scenes.values():
            for choice in scene.choices:
                assert not choice.condition or f"Offered only if {condition_words(s, choice.condition)}." in text
    car = story(stories, "the-car")
    text = "\n".join(p.text for p in read_through(car)[0])
    assert "Shown only if you chose “Text Chloe later to check she's OK”." in text
    assert "Adds 1 to trust." in text  # what the "trust is 2 or more" conditions count


def test_the_read_through_jumps_between_scenes_and_to_a_chosen_scene(stories):
    target = story(stories, "example")
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(PreviewScreen(target)))
        pilot.step()
        preview = pilot.screen
        parts = list(target.scenes)
        pilot.press("n")
        assert preview.part_in_view() == parts[0]
        pilot.press("n")
        assert preview.part_in_view() == parts[1]
        pilot.press("shift+n")
        assert preview.part_in_view() == parts[0]
        pilot.press("s")
        assert isinstance(pilot.screen, SceneListScreen)
        last = list(target.endings)[-1]
        press_until(pilot, "down", lambda: getattr(pilot.screen.focus.focused, "part_id", None) == last)
        pilot.press("enter")
        assert pilot.screen is preview and preview.part_in_view() == last


def test_while_finding_h_and_b_are_letters_and_esc_stops(stories):
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(PreviewScreen(story(stories, "example"))))
        pilot.step()
        preview = pilot.screen
        pilot.press("f", "h", "b", "c")
        assert pilot.screen is preview and preview.query == "hbc" and preview.global_keys is False
        pilot.press("backspace", "backspace", "backspace")
        type_text(pilot, "zzqq")
        assert preview.matches == [] and "Not found" in preview.hint.text
        pilot.press("escape")
        assert not preview.finding and preview.global_keys
        pilot.press("h")
        assert isinstance(pilot.screen, HelpScreen)


def test_enter_finds_the_next_line_with_the_words(stories):
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(PreviewScreen(story(stories, "example"))))
        pilot.step()
        preview = pilot.screen
        pilot.press("f")
        type_text(pilot, "mia")
        assert len(preview.matches) > 2
        first = preview.text.highlight
        pilot.press("enter")
        assert preview.text.highlight == preview.matches[1] != first
        pilot.press("shift+enter")
        assert preview.text.highlight == first


def test_play_from_a_scene_starts_there_and_keeps_no_pupils_place(stories):
    target = story(stories, "example")
    second = list(target.scenes)[1]
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(ScenarioScreen(target)))
        pilot.step()
        pilot.press("p")
        assert isinstance(pilot.screen, SceneListScreen)
        press_until(pilot, "down", lambda: getattr(pilot.screen.focus.focused, "part_id", None) == second)
        pilot.press("enter")
        play = pilot.screen
        assert isinstance(play, PlayScreen) and play.pt.scene.id == second and play.store is None


def test_from_the_title_a_teacher_presents_a_story_and_the_class_votes(stories, tmp_path):
    from game.settings import Settings
    from game.ui.screens.present import ClassVoteScreen, PresentScreen

    target = story(stories, "example")
    with run_test(size=(1280, 720), settings=Settings(reduced_motion=True)) as pilot:
        to_teacher_area(pilot)
        pilot.press("1")
        catalogue = pilot.screen
        press_until(pilot, "down", lambda: focused_story(catalogue) == target.id)
        pilot.press("enter", "k")
        present = pilot.screen
        assert isinstance(present, PresentScreen) and present.store is None
        while present.reading:
            pilot.press("space")
        pilot.press("1")
        vote = pilot.screen
        assert isinstance(vote, ClassVoteScreen)
        pilot.press("1", "2", "2")
        assert vote.tally[:2] == [1, 2]
        pilot.press("enter")  # the focus followed the last vote: the class follows choice 2
        assert pilot.screen is present and present.pt.steps == 1
        assert not list(tmp_path.rglob("autosave*.json"))


def test_play_from_here_in_the_read_through_plays_the_scene_found(stories):
    target = story(stories, "example")
    last_scene = list(target.scenes)[-1]
    words = target.scenes[last_scene].lines[0].text.split()[:2]
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(PreviewScreen(target)))
        pilot.step()
        pilot.press("f")
        type_text(pilot, " ".join(words).rstrip(".,!?"))
        pilot.press("escape")
        assert pilot.screen.part_in_view() == last_scene
        pilot.press("p")
        assert isinstance(pilot.screen, PlayScreen) and pilot.screen.pt.scene.id == last_scene


def test_the_story_page_lists_the_skills_and_the_notes_for_before_the_lesson(stories):
    from game.ui.screens.teacher_scenario import story_paragraphs

    story = next(s for s in stories if s.id == "somewhere-to-stay")
    text = "\n".join(p.text for p in story_paragraphs(story))
    assert "Skills pupils practise" in text and "- Telling a trusted adult" in text
    assert "Before the lesson" in text and all(f"- {note}" in text for note in story.teacher_notes)


def test_the_story_page_shows_and_hides_the_story_for_pupils(stories):
    target = story(stories, "owe-me")
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(ScenarioScreen(target)))
        pilot.step()
        page = pilot.screen
        text = page.screen_text()
        assert all(q.ask in text for q in target.questions) and target.summary in text
        assert page.visible.label == "Pupils see it: Yes (V)"
        pilot.press("v")
        assert page.visible.label == "Pupils see it: No (V)"
        assert "owe-me" not in (classroom_path().read_text(encoding="utf-8"))
        pilot.press("v")
        assert "owe-me" in classroom_path().read_text(encoding="utf-8")


# -- classroom settings --------------------------------------------------------------------------------------


def test_the_contact_typed_in_classroom_settings_is_saved_and_shown_on_help():
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(ClassroomScreen()))
        pilot.step()
        screen = pilot.screen
        name = screen.fields["name"]
        press_until(pilot, "down", lambda: screen.focus.focused is name)
        assert pilot.screen.global_keys is False
        type_text(pilot, "Mr Bhatt")
        pilot.press("down")  # leaving the field keeps what was typed
        type_text(pilot, "Head of Year 8")
        pilot.press("enter")
        saved = classroom_path().read_text(encoding="utf-8")
        assert "name: Mr Bhatt" in saved and "role: Head of Year 8" in saved
        pilot.press("tab", "tab")  # past "where to find them"
        assert pilot.screen.global_keys
        pilot.press("h")
        text = help_text(pilot.screen)
        assert text[text.index(IN_SCHOOL) + 1] == "Mr Bhatt, Head of Year 8"


def test_a_role_without_a_name_is_not_saved_and_says_why():
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(ClassroomScreen()))
        pilot.step()
        screen = pilot.screen
        press_until(pilot, "down", lambda: screen.focus.focused is screen.fields["role"])
        type_text(pilot, "Head of Year")
        pilot.press("enter")
        assert "name too" in screen.showing.text and not classroom_path().exists()


def test_classroom_settings_set_default_text_size_and_discussion_pauses():
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(ClassroomScreen()))
        pilot.step()
        screen = pilot.screen
        size_row = screen.setting_rows["text_scale"]
        press_until(pilot, "down", lambda: screen.focus.focused is size_row)
        pilot.press("right")
        assert pilot.app.ui.settings.text_scale == 1.25 and "(this classroom)" in size_row.label
        assert pilot.app.ui.defaults.text_scale == 1.25  # what "Delete my data" goes back to
        assert "text_scale: 1.25" in classroom_path().read_text(encoding="utf-8")
        pilot.press("left")
        assert "text_scale" not in classroom_path().read_text(encoding="utf-8")  # the built-in value again
        assert pilot.app.ui.settings.text_scale == 1.0 and "(built in)" in size_row.label
        press_until(pilot, "up", lambda: screen.focus.focused is screen.pauses)
        pilot.press("enter")
        assert "discussion_pauses: true" in classroom_path().read_text(encoding="utf-8")


def test_mistakes_in_the_file_are_shown_where_they_are_and_a_change_keeps_the_old_file():
    path = write_classroom("# ours\nscenarios: [owe-me, new-freind]\ncontcat:\n  name: Mrs Patel\n")
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(ClassroomScreen()))
        pilot.step()
        screen = pilot.screen
        assert screen.cards[0] is screen.problems and screen.focus.focused is screen.problems
        text = screen.problems.text
        assert "Line 2, column 21: there is no story called 'new-freind'" in text
        assert "Hint: did you mean 'new-friend'?" in text and "Line 3, column 1: unknown key 'contcat'" in text
        assert "2 mistakes" in screen.showing.text
        pilot.press("down", "down")  # past "every story" to the first story
        assert isinstance(screen.focus.focused, ValueButton)
        pilot.press("enter")
        assert "classroom.yaml.bak" in screen.showing.text
        assert screen.problems not in screen.cards and screen.state.ok
        assert (path.parent / "classroom.yaml.bak").read_text(encoding="utf-8").startswith("# ours\nscenarios")
        assert path.read_text(encoding="utf-8").startswith("# ours\n")


# -- how the new screens look ----------------------------------------------------------------------------------


def open_each(pilot, stories):
    target = story(stories, "example")
    yield "home", TeacherScreen()
    yield "catalogue", CatalogueScreen()
    yield "story page", ScenarioScreen(target)
    yield "read-through", PreviewScreen(target)
    yield "scenes", SceneListScreen(target, "Play from a scene", lambda part: None)
    yield "classroom", ClassroomScreen()


@pytest.mark.parametrize("size, scale", [((1280, 720), 1.0), ((1024, 600), 2.0), ((1920, 1080), 1.0),
                                         ((1024, 600), 1.0)])
def test_every_teacher_screen_fits_with_help_and_break_in_view(stories, size, scale):
    with run_test(size=size, text_scale=scale) as pilot:
        window = pygame.Rect((0, 0), size)
        for name, screen in open_each(pilot, stories):
            pilot.app.apply(Push(screen))
            pilot.step()
            if isinstance(screen, PreviewScreen):
                pilot.press("f", "m")  # the find line too
            cards = getattr(screen, "card_y", {})
            for w in screen.widgets:
                if w in cards:
                    assert w.rect.width <= window.width and not w.overflows(pilot.app.ui), (name, w)
                    continue
                assert window.contains(w.rect), (name, w, w.rect)
                assert not w.overflows(pilot.app.ui), (name, w)
            buttons = [w for w in screen.widgets if isinstance(w, Button) and w not in cards]
            for a in buttons:
                assert all(a is b or not a.rect.colliderect(b.rect) for b in buttons), (name, a)
            assert {"Get help (H)", "Take a break (B)"} <= {b.label for b in buttons}, name
            text = getattr(screen, "text", None)
            if text is not None:  # the reading pages keep room to read at large text
                assert text.rect.height >= min(text.content_height(pilot.app.ui), size[1] * 0.4 - 1), name
            else:
                assert screen.view.height >= size[1] * 0.35, name
            pilot.app.apply(Pop())
            pilot.step()


def test_typing_in_a_field_shows_a_caret_and_never_overflows(stories):
    with run_test(size=(1024, 600), text_scale=2.0) as pilot:
        pilot.app.apply(Push(ClassroomScreen()))
        pilot.step()
        screen = pilot.screen
        where = screen.fields["where"]
        press_until(pilot, "down", lambda: screen.focus.focused is where)
        type_text(pilot, "Room 12 next to the library on the first floor or ask at the office")
        assert isinstance(screen.focus.focused, TextField) and not where.overflows(pilot.app.ui)
        assert where._shown(True)[0].endswith("|")


def test_help_still_opens_if_reading_the_classroom_file_goes_wrong(monkeypatch):
    def broken():
        raise RuntimeError("a bug in reading the classroom file")

    monkeypatch.setattr("game.classroom.current", broken)
    with run_test() as pilot:
        pilot.press("h")
        assert isinstance(pilot.screen, HelpScreen) and pilot.app.crashes == 0
        assert "Childline" in help_text(pilot.screen)


@pytest.mark.parametrize("pauses", [True, False])
def test_stories_pupils_start_follow_the_classrooms_discussion_pauses(pauses):
    write_classroom(f"discussion_pauses: {str(pauses).lower()}\n")
    with run_test(size=(1280, 720)) as pilot:
        pilot.app.apply(Push(PickerScreen()))
        pilot.step()
        pilot.press("enter")
        assert isinstance(pilot.screen, PlayScreen) and pilot.screen.discussion_pauses is pauses
