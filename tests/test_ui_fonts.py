"""The shipped fonts (art/fonts/) and the pupil's font and line spacing.

Every font file loads; every character the stories and the window's own words use has a real
glyph in every font (not the empty .notdef box); line spacing changes how tall wrapped text is,
and `TextCache.line_height` agrees with what is drawn; a missing font file falls back to pygame's
font without an error; the licences sit beside the fonts. Then the key screens at 1024x600 with
text at 200 % and line spacing 2.0, in each font: nothing overflows its box or leaves the window.
"""

from __future__ import annotations

import ast
import functools
import itertools
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pygame
import pytest
import yaml

from game import paths
from game.settings import FONTS, Settings
from game.story.library import Library
from game.story.runtime import Playthrough
from game.story.story import Story
from game.ui import text as text_module
from game.ui.pilot import Pilot, run_test
from game.ui.screen import Push
from game.ui.screens.about import AboutScreen
from game.ui.screens.controls import ControlsScreen
from game.ui.screens.crash import CrashScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.picker import PickerScreen, StoryCard
from game.ui.screens.play import PlayScreen
from game.ui.screens.rest import RestScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.text import FONT_FILES, SIZE_ADJUST, TextCache, font_path, load_font
from game.ui.theme import LIGHT
from game.ui.widgets import Button

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = ROOT / "art" / "fonts"
WEIGHTS = [False, True]
LONG = ("Mia says Jay seems really nice and keeps sending her messages late at night, "
        "asking her not to tell anyone about the gifts. ") * 3
MISSING = "\uffff"  # a noncharacter: no font maps it, so it draws the font's .notdef box


@pytest.fixture(autouse=True)
def _fonts_ready(tmp_path, monkeypatch):
    monkeypatch.setenv("SPOT_THE_SIGNS_HOME", str(tmp_path))
    pygame.font.init()


# -- the files ---------------------------------------------------------------------------------

def test_every_settings_font_has_a_regular_and_a_bold_file():
    assert set(FONT_FILES) == set(FONTS)
    for name in FONTS:
        for bold in WEIGHTS:
            path = font_path(name, bold)
            assert path.parent == paths.art_dir() / "fonts" and path.is_file(), path


@pytest.mark.parametrize("bold", WEIGHTS, ids=["regular", "bold"])
@pytest.mark.parametrize("name", FONTS)
def test_every_font_file_loads_and_draws(name, bold):
    font = pygame.font.Font(font_path(name, bold), 40)  # the file itself, not the fallback
    assert font.get_height() > 0
    image = font.render("Spot the Signs", True, (0, 0, 0))
    assert image.get_bounding_rect().width > 100
    assert load_font(40, name, bold).size("Spot the Signs") != pygame.font.Font(None, 40).size("Spot the Signs")


def test_each_font_is_drawn_with_atkinsons_x_height():
    """SIZE_ADJUST keeps the type scale meaning the same size in every font (within a pixel)."""
    size = 2 * LIGHT.type.body
    heights = {name: load_font(size, name).metrics("x")[0][3] for name in FONTS}
    assert set(SIZE_ADJUST) == set(FONTS)
    assert all(abs(h - heights["atkinson"]) <= 1 for h in heights.values()), heights


def test_each_font_file_has_its_licence_beside_it_and_a_line_in_the_readme():
    readme = (FONT_DIR / "README.md").read_text(encoding="utf-8")
    licences = {
        "AtkinsonHyperlegible": ("AtkinsonHyperlegible-OFL.txt", "SIL Open Font License, Version 1.1"),
        "Lexend": ("Lexend-OFL.txt", "SIL Open Font License, Version 1.1"),
        "OpenDyslexic": ("OpenDyslexic-LICENSE.txt", "Creative Commons Attribution 3.0 Unported"),
    }
    shipped = sorted(p.name for p in FONT_DIR.iterdir() if p.suffix in (".ttf", ".otf"))
    assert shipped == sorted(f for pair in FONT_FILES.values() for f in pair)
    for file in shipped:
        family = file.split("-")[0]
        licence, says = licences[family]
        assert says in (FONT_DIR / licence).read_text(encoding="utf-8"), licence
        assert file in readme and licence in readme, file


# -- every character has a glyph ---------------------------------------------------------------

def _strings_in_yaml(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings_in_yaml(k) + _strings_in_yaml(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in_yaml(v)]
    return []


def _string_constants(path: Path) -> list[str]:
    """The string literals in a module, docstrings left out (nobody reads those in the window)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


# The modules whose words reach the window: the screens, and what they show from the story engine.
UI_MODULES = [*sorted((ROOT / "game" / "ui").rglob("*.py")),
              *(ROOT / "game" / name for name in ("settings.py", "saves.py", "watch.py")),
              *(ROOT / "game" / "story" / name for name in ("runtime.py", "debrief.py", "story.py"))]


@functools.cache
def characters_a_pupil_can_see() -> str:
    texts = []
    for scenario in sorted(paths.scenes_dir().glob("*.yaml")):
        texts += _strings_in_yaml(yaml.safe_load(scenario.read_text(encoding="utf-8")))
    for module in UI_MODULES:
        if module.exists():
            texts += _string_constants(module)
    return "".join(sorted({c for t in texts for c in t if c.isprintable() and not c.isspace()}))


def test_the_character_list_covers_the_stories_and_the_window():
    seen = characters_a_pupil_can_see()
    assert set("AZaz09.,!?'£é") <= set(seen)  # letters, figures and punctuation the stories use


@pytest.mark.parametrize("bold", WEIGHTS, ids=["regular", "bold"])
@pytest.mark.parametrize("name", FONTS)
def test_every_character_the_pupil_sees_has_a_real_glyph(name, bold):
    font = pygame.font.Font(font_path(name, bold), 32)

    def drawn(c: str) -> bytes:
        image = font.render(c, True, (0, 0, 0), (255, 255, 255))
        return bytes(image.get_size()) + pygame.image.tobytes(image, "RGB")

    notdef = drawn(MISSING)
    missing = [c for c in characters_a_pupil_can_see() if drawn(c) == notdef]
    assert not missing, f"{font_path(name, bold).name} has no glyph for {missing}"
    assert drawn("\U0001F600") == notdef  # the check can fail: an emoji none of these fonts has


# -- line spacing ------------------------------------------------------------------------------

def _cache(font: str, spacing: float) -> TextCache:
    cache = TextCache()
    cache.configure(font, spacing)
    return cache


def _alpha_rows(image: pygame.Surface) -> list[bytes]:
    """Each row's alpha values, top to bottom."""
    w, data = image.get_width(), pygame.image.tobytes(image, "RGBA")
    return [data[y * 4 * w + 3:(y + 1) * 4 * w:4] for y in range(image.get_height())]


@pytest.mark.parametrize("name", FONTS)
def test_line_spacing_changes_the_height_of_wrapped_text_only(name):
    size, width = LIGHT.type.body, 400
    tight, loose = _cache(name, 1.0), _cache(name, 2.0)
    assert loose.line_height(size) == round(2.0 * size) > tight.line_height(size)
    a, b = tight.measure(LONG, size, width), loose.measure(LONG, size, width)
    assert a.width == b.width and b.height > a.height * 1.3
    # A single line (a button's words) is as tall at any spacing.
    assert tight.measure("Get help (H)", size).height == loose.measure("Get help (H)", size).height


@pytest.mark.parametrize("spacing", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("name", FONTS)
def test_line_height_agrees_with_what_is_drawn(name, spacing):
    """n wrapped lines are (n - 1) line heights and one line tall, and the ink of line k starts
    k line heights below the ink of the first."""
    cache, size = _cache(name, spacing), 2 * LIGHT.type.body
    pitch, one = cache.line_height(size), cache.one_line(size)
    lines = "\n".join(["Hello"] * 4)
    image = cache.render(lines, size, (0, 0, 0), 600)
    assert image.get_height() == 3 * pitch + one
    ink_rows = [y for y, row in enumerate(_alpha_rows(image)) if max(row) > 128]
    tops = [ink_rows[0]] + [b for a, b in itertools.pairwise(ink_rows) if b - a > 1]
    assert [t - tops[0] for t in tops] == [k * pitch for k in range(4)]
    assert cache.measure(lines, size, 600).height == image.get_height()


@pytest.mark.parametrize("name", FONTS)
def test_lines_are_never_so_close_that_letters_touch(name):
    cache, size = _cache(name, 1.0), 2 * LIGHT.type.body
    image = cache.render("Happy\nbdfhkl\ngjpqy\nHappy", size, (0, 0, 0), 600)
    rows = [max(row) > 0 for row in _alpha_rows(image)]
    gaps = sum(1 for a, b in itertools.pairwise(rows) if a and not b)
    assert gaps >= 3  # four separate bands of ink


def test_configure_forgets_what_was_rendered_and_picks_the_new_font():
    cache = TextCache()
    before = cache.render("Childline", 30, (0, 0, 0))
    cache.configure("opendyslexic", 1.5)
    after = cache.render("Childline", 30, (0, 0, 0))
    assert after is not before and after.get_size() != before.get_size()
    assert cache.font_name == "opendyslexic"


def test_bold_is_drawn_with_the_bold_file():
    cache = TextCache()
    regular, bold = cache.render("Spot the Signs", 40, (0, 0, 0)), cache.render("Spot the Signs", 40, (0, 0, 0),
                                                                                  bold=True)
    assert bold.get_width() > regular.get_width()


# -- a missing font ----------------------------------------------------------------------------

def test_a_missing_font_file_falls_back_to_pygames_font(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(text_module, "art_dir", lambda: tmp_path)  # an art folder without fonts
    monkeypatch.setattr(text_module, "_warned", set())
    font = load_font(30, "lexend")
    assert font.render("Hello", True, (0, 0, 0)).get_width() > 0
    assert "could not be loaded" in caplog.text
    cache = TextCache()
    cache.configure("opendyslexic", 2.0)
    m = cache.measure(LONG, 30, 300)
    assert m.height >= 2 * cache.line_height(30) and not m.overflow


def test_a_broken_font_file_falls_back_too(tmp_path, monkeypatch):
    (tmp_path / "fonts").mkdir()
    for regular, bold in FONT_FILES.values():
        (tmp_path / "fonts" / regular).write_bytes(b"not a font")
        (tmp_path / "fonts" / bold).write_bytes(b"")
    monkeypatch.setattr(text_module, "art_dir", lambda: tmp_path)
    for name in FONTS:
        assert load_font(24, name, bold=True).size("Hi")[0] > 0


def test_an_unknown_font_name_means_the_default_font():
    assert font_path("comic-sans") == font_path("atkinson")


# -- the screens at 200 % text, spacing 2.0, in each font -------------------------------------

SIZE = (1024, 600)


def example_story() -> Story:
    story = next(s for s in Library(paths.scenes_dir()).stories() if s.id == "example")
    return story


def _play(pilot: Pilot, story: Story, pt: Playthrough | None = None, revealed: int | None = None) -> PlayScreen:
    pilot.app.apply(Push(PlayScreen(story, pt, None, revealed)))
    pilot.step()
    assert isinstance(pilot.screen, PlayScreen)
    return pilot.screen


def _read_to_the_end(pilot: Pilot, play: PlayScreen) -> None:
    for _ in range(60):
        if not play.reading:
            return
        pilot.press("space")
    pytest.fail("Space did not move the scene on: the Next button has no room")


def open_reading(pilot: Pilot, story: Story) -> None:
    play = _play(pilot, story)
    pilot.press("space")
    assert play.revealed == 2, "Space did not show the next line"


def open_choosing(pilot: Pilot, story: Story) -> None:
    _read_to_the_end(pilot, _play(pilot, story))


def open_chat(pilot: Pilot, story: Story) -> None:
    pt = Playthrough(story)
    for _ in range(50):
        if pt.finished or (pt.scene is not None and pt.scene.kind == "chat"):
            break
        pt.choose(0)
    _play(pilot, story, pt, revealed=len(pt.lines))


def open_feedback(pilot: Pilot, story: Story) -> None:
    play = _play(pilot, story)
    _read_to_the_end(pilot, play)
    for choice in range(len(play.pt.choices)):
        pilot.press(str(choice + 1))
        if play.card is not None:
            return
        pilot.press("backspace")
    pytest.fail("no feedback card")


def open_debrief(pilot: Pilot, story: Story) -> None:
    pt = Playthrough(story)
    for _ in range(200):
        if pt.finished:
            break
        line = next((x for x in pt.lines if x.sign), None)
        if line is not None and line.id not in pt.spotted:
            pt.spot(line.id)
        pt.choose(0)
    pilot.app.apply(Push(DebriefScreen(story, pt.debrief())))
    pilot.step()


def _push(screen: Callable[[], object]) -> Callable[[Pilot, Story], None]:
    def open_it(pilot: Pilot, story: Story) -> None:
        pilot.app.apply(Push(screen()))
        pilot.step()
    return open_it


SCREENS: dict[str, Callable[[Pilot, Story], None]] = {
    "title": lambda pilot, story: None,
    "content note": lambda pilot, story: pilot.press("enter"),
    "how to play": lambda pilot, story: pilot.press("enter", "enter"),
    "picker": _push(PickerScreen),
    "place, reading": open_reading,
    "place, choosing": open_choosing,
    "chat": open_chat,
    "feedback": open_feedback,
    "history": lambda pilot, story: (_read_to_the_end(pilot, _play(pilot, story)), pilot.press("l")),
    "debrief": open_debrief,
    "help": _push(HelpScreen),
    "break": _push(RestScreen),
    "crash": _push(CrashScreen),
    "pause": lambda pilot, story: (_play(pilot, story), pilot.press("escape")),
    "settings": _push(SettingsScreen),
    "controls": _push(ControlsScreen),
    "about": _push(AboutScreen),
}


@pytest.fixture(scope="module")
def story() -> Story:
    return example_story()


@pytest.mark.parametrize("name", FONTS)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_key_screens_fit_at_double_text_and_spacing_in_every_font(screen, name, story):
    # Reduced motion: lines appear whole, so Space moves on at once.
    settings = replace(Settings(), text_scale=2.0, line_spacing=2.0, font=name, reduced_motion=True)
    with run_test(size=SIZE, settings=settings) as pilot:
        SCREENS[screen](pilot, story)
        while (wake := pilot.app.wake_after_ms()) is not None and pilot.now < 60_000:
            pilot.advance(max(1, wake))  # at rest: nothing still moving in
        shown = pilot.screen
        ui, window = pilot.app.ui, pygame.Rect((0, 0), SIZE)
        assert ui.text.font_name == name and ui.text.line_spacing == 2.0
        if screen == "history":
            assert isinstance(shown, HistoryScreen)
        area = getattr(shown, "area", None)
        scrolled = {id(w) for w in getattr(area, "items", [])}
        for w in shown.widgets:
            assert not w.overflows(ui), (screen, w, w.rect)
            if isinstance(w, StoryCard):  # cards scroll in the list (a tall one scrolls through)
                view = shown.view
            elif id(w) in scrolled:  # a row of a scrolling list: it must fit in the list's window
                view = area.viewport
                assert w.rect.height <= view.height, (screen, w, w.rect, view)
            else:
                assert window.contains(w.rect), (screen, w, w.rect)
                continue
            assert window.contains(view) and view.left <= w.rect.left and w.rect.right <= view.right, (w, view)
        buttons = [w for w in shown.widgets if isinstance(w, Button)]
        for a in buttons:
            for b in buttons:
                assert a is b or not a.visible_rect.colliderect(b.visible_rect), (a, b)
        labels = {b.label for b in buttons}
        assert "Get help (H)" in labels or screen == "help", labels
