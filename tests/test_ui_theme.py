"""The design tokens: three themes, every text and control colour pair meets WCAG contrast, and
every screen draws its text only on a pair the theme lists (so the contrast checks cover it)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import fields, replace

import pygame
import pytest

from game import settings as game_settings
from game.settings import Settings
from game.story.runtime import Playthrough
from game.story.story import Story
from game.ui import captions
from game.ui.pilot import Pilot, run_test
from game.ui.screen import Push, Screen
from game.ui.screens.about import AboutScreen, ConfirmDeleteScreen
from game.ui.screens.controls import ControlsScreen
from game.ui.screens.crash import CrashScreen
from game.ui.screens.discuss import DiscussScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.present import ClassVoteScreen, PresentScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.text_view import TextViewScreen
from game.ui.screens.title import TitleScreen
from game.ui.theme import (
    CONTRAST,
    CONTROL_CONTRAST,
    DARK,
    ENHANCED_TEXT_CONTRAST,
    LIGHT,
    TEXT_CONTRAST,
    THEMES,
    Colour,
    Colours,
    contrast_ratio,
    hex_colour,
    over,
    relative_luminance,
    theme_for,
)
from tests.test_art import palette
from tests.test_ui_snapshots import SHOTS, example_story

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert contrast_ratio(hex_colour("#767676"), hex_colour("#FFFFFF")) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((10, 20, 30), (200, 210, 220)) == contrast_ratio((200, 210, 220), (10, 20, 30))


# -- the themes -----------------------------------------------------------------------------------


def test_there_is_a_theme_for_every_choice_the_settings_offer():
    assert list(THEMES) == list(game_settings.THEMES) == ["light", "dark", "contrast"]
    assert all(theme.name == name for name, theme in THEMES.items())
    assert THEMES["dark"] is DARK and THEMES["contrast"] is CONTRAST


@pytest.mark.parametrize("name", list(THEMES))
def test_the_settings_theme_picks_its_colours(name):
    theme = theme_for(Settings(theme=name, text_scale=1.5))
    assert theme.colours == THEMES[name].colours and theme.text_scale == 1.5


def test_the_themes_differ_only_in_colour():
    for theme in (DARK, CONTRAST):
        assert replace(theme, name="light", colours=LIGHT.colours) == LIGHT
        assert theme.colours != LIGHT.colours


def test_dark_is_warm_ink_with_cream_text_not_black_and_white():
    c = DARK.colours
    assert relative_luminance(c.background) < 0.03 and c.background != (0, 0, 0)
    r, g, b = c.background
    assert b > g and r > g  # plum-navy, not a grey
    assert c.text == LIGHT.colours.background  # the light theme's cream


def test_high_contrast_is_near_black_and_white_with_a_yellow_focus_ring():
    c = CONTRAST.colours
    assert relative_luminance(c.background) < 0.005 and relative_luminance(c.text) > 0.95
    r, g, b = c.focus_ring
    assert r > 240 and g > 200 and b < 60


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_every_text_pair_the_theme_uses_is_at_least_4_5_to_1_and_7_to_1_in_high_contrast(theme):
    needed = ENHANCED_TEXT_CONTRAST if theme.name == "contrast" else TEXT_CONTRAST
    assert theme.min_text_contrast == needed
    for name, (fg, bg) in theme.text_pairs().items():
        assert contrast_ratio(fg, bg) >= needed, f"{theme.name}: {name} is {contrast_ratio(fg, bg):.2f}:1"


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_focus_ring_and_control_borders_are_at_least_3_to_1(theme):
    for name, (fg, bg) in theme.control_pairs().items():
        assert contrast_ratio(fg, bg) >= CONTROL_CONTRAST, f"{theme.name}: {name} is {contrast_ratio(fg, bg):.2f}:1"


def art_palette() -> list[Colour]:
    return [hex_colour(h) for h in sorted(palette())]


@pytest.mark.parametrize("theme", [DARK, CONTRAST], ids=["dark", "contrast"])
def test_a_washed_place_picture_keeps_the_focus_ring_visible_on_any_of_its_colours(theme):
    # The top buttons of a place scene sit on the picture; these themes wash it, so their
    # light focus ring keeps 3:1 against every colour the art may use.
    wash = theme.colours.backdrop_wash
    assert wash[3] > 0
    for colour in art_palette():
        washed = over(wash, colour)
        assert contrast_ratio(theme.colours.focus_ring, washed) >= CONTROL_CONTRAST, (theme.name, colour)


def test_over_blends_like_pygame():
    pygame.init()
    under = pygame.Surface((1, 1))
    under.fill((200, 100, 50))
    veil = pygame.Surface((1, 1), pygame.SRCALPHA)
    veil.fill((20, 40, 60, 150))
    under.blit(veil, (0, 0))
    got = under.get_at((0, 0))[:3]
    want = over((20, 40, 60, 150), (200, 100, 50))
    assert all(abs(a - b) <= 1 for a, b in zip(got, want, strict=True))
    assert over((1, 2, 3, 0), (9, 9, 9)) == (9, 9, 9) and over((1, 2, 3, 255), (9, 9, 9)) == (1, 2, 3)


def test_text_scale_scales_every_type_role():
    big = LIGHT.scaled(2.0)
    assert big.font_size("body") == 2 * LIGHT.font_size("body")
    assert big.colours == LIGHT.colours


def test_the_palette_is_the_art_palette():
    c = LIGHT.colours
    assert c.background == hex_colour("#F5EBDD") and c.surface == hex_colour("#EAD8BF")
    assert c.text == hex_colour("#3F3B4A") and c.accent == hex_colour("#4E7372") and c.help == hex_colour("#FFE6B0")


# -- what the screens really draw -----------------------------------------------------------------


class RecordingSurface(pygame.Surface):
    """A window-sized surface that notes, for every text image blitted onto it, the text's colour
    and the colour that covers most of the area the text lands on (read just before the blit)."""

    def __init__(self, size: tuple[int, int], texts: dict[int, tuple[pygame.Surface, str, Colour]],
                 backgrounds: list[Colour]) -> None:
        super().__init__(size)
        self.texts = texts
        self.backgrounds = backgrounds
        self.drawn: list[tuple[str, Colour, Colour | None]] = []

    def blit(self, source, dest, area=None, special_flags=0):  # type: ignore[override]
        found = self.texts.get(id(source))
        if found is not None and found[0] is source and source.get_width() and source.get_height():
            x, y = (dest.x, dest.y) if isinstance(dest, pygame.Rect) else (int(dest[0]), int(dest[1]))
            rect = pygame.Rect(x, y, *source.get_size()).clip(self.get_clip())
            if rect.width and rect.height:
                self.drawn.append((found[1], found[2], self.background_under(rect)))
        return super().blit(source, dest, area, special_flags)

    def background_under(self, rect: pygame.Rect) -> Colour | None:
        """The theme colour covering most of ``rect``; None when none covers half of it (a picture)."""
        area = self.subsurface(rect)
        counts = {c: pygame.mask.from_threshold(area, c, (1, 1, 1, 255)).count() for c in self.backgrounds}
        best = max(counts, key=lambda c: counts[c])
        return best if counts[best] * 2 > rect.width * rect.height else None


def record_text(pilot: Pilot, screen: Screen) -> list[tuple[str, Colour, Colour | None]]:
    """Draw ``screen`` as it is and with the mouse over each control; (text, colour, background) of
    every text drawn."""
    ui = pilot.app.ui
    texts: dict[int, tuple[pygame.Surface, str, Colour]] = {}
    render = ui.text.render

    def recording_render(text: str, size: int, colour: Colour, *args, **kwargs):
        image = render(text, size, colour, *args, **kwargs)
        texts[id(image)] = (image, text, tuple(colour))
        return image

    backgrounds = sorted({getattr(ui.theme.colours, f.name) for f in fields(Colours)
                          if len(getattr(ui.theme.colours, f.name)) == 3})
    ui.text.render = recording_render  # type: ignore[method-assign]
    try:
        drawn = []
        for hover in [None, *screen.focus.widgets]:
            screen.hover = hover
            surface = RecordingSurface(pilot.app.size, texts, backgrounds)
            screen.draw(surface)
            pilot.app.toast.draw(surface, ui, pilot.app.clock())  # "Copied ...", over any screen
            captions = getattr(pilot.app, "captions", None)  # sounds in words, over any screen
            if captions is not None:
                captions.draw(surface, ui, pilot.app.clock(), screen)
            drawn += surface.drawn
        screen.hover = None
        return drawn
    finally:
        del ui.text.render


def _play(pilot: Pilot, story: Story, pt: Playthrough | None = None, revealed: int | None = None) -> PlayScreen:
    pilot.app.apply(Push(PlayScreen(story, pt, None, revealed)))
    pilot.step()
    assert isinstance(pilot.screen, PlayScreen)
    return pilot.screen


def _first_chat(story: Story) -> Playthrough:
    pt = Playthrough(story)
    while pt.scene is not None and pt.scene.kind != "chat":
        pt.choose(0)
    assert pt.scene is not None
    return pt


def place_picked_and_flagged(pilot: Pilot, story: Story) -> type:
    """A place: every line shown, a sign flagged, another line picked (not flagged)."""
    play = _play(pilot, story)
    while play.reading:
        pilot.press("space")
    sign = next(i for i, line in enumerate(play.pt.lines) if line.sign)
    play.picked = sign  # as if the pupil had stopped on it with Up while reading
    play.sync()
    pilot.press("s", "enter")
    play.picked = sign - 1 if sign else sign + 1
    play.sync()
    assert play.card is None and play.box.chip.text != "Flagged"
    return PlayScreen


def spot_card(pilot: Pilot, story: Story) -> type:
    play = _play(pilot, story)
    while not any(line.sign for line in play.pt.lines[:play.revealed]):
        pilot.press("space")
    pilot.press("s")
    assert play.card is not None and play.card.kind == "spot-sign"
    return PlayScreen


def chat_flagged_both_sides(pilot: Pilot, story: Story) -> type:
    """A chat: narration, their bubbles and mine, one of each side flagged, one picked."""
    pt = _first_chat(story)
    play = _play(pilot, story, pt, revealed=len(pt.lines))
    items = play.shown()
    mine = next(i for i, s in enumerate(items) if s.mine and s.speaker)
    theirs = max(i for i, s in enumerate(items[:mine]) if s.speaker)  # just before mine: both in view
    assert any(s.speaker is None for s in items), "the first chat has no narration"
    for index in (theirs, mine):
        pilot.advance(500)
        pilot.click(play.phone.item_rect(pilot.app.ui, index).center)  # a click picks a message
        assert play.picked == index
        pilot.press("s", "enter")
    assert play.shown()[mine].spotted and play.shown()[theirs].spotted
    return PlayScreen


def settings(pilot: Pilot, story: Story) -> type:
    pilot.app.apply(Push(SettingsScreen()))
    pilot.step()
    return SettingsScreen


def pause(pilot: Pilot, story: Story) -> type:
    _play(pilot, story)
    pilot.press("space", "escape")
    return PauseScreen


def history(pilot: Pilot, story: Story) -> type:
    play = _play(pilot, story)
    while play.reading:
        pilot.press("space")
    pilot.press("1")
    if play.card is not None:
        pilot.press("enter")
    pilot.press("l")
    return HistoryScreen


def crash(pilot: Pilot, story: Story) -> type:
    pilot.app.apply(Push(CrashScreen()))
    pilot.step()
    return CrashScreen


def from_settings(button: str, then: type) -> Callable[[Pilot, Story], type]:
    def reach(pilot: Pilot, story: Story) -> type:
        settings(pilot, story)
        pilot.screen.focus.focus(getattr(pilot.screen, button))
        pilot.press("enter")
        return then

    return reach


def confirm_delete(pilot: Pilot, story: Story) -> type:
    from_settings("about", AboutScreen)(pilot, story)
    pilot.click(pilot.screen.delete)
    return ConfirmDeleteScreen


def text_view(pilot: Pilot, story: Story) -> type:
    _play(pilot, story)
    pilot.press("space", "v")
    return TextViewScreen


def copied_notice(pilot: Pilot, story: Story) -> type:
    pilot.press("c")
    assert pilot.app.toast.visible(pilot.app.clock())
    return TitleScreen


def caption(pilot: Pilot, story: Story) -> type:
    """A scene with a sound's caption showing over it."""
    if not hasattr(pilot.app, "captions"):
        captions.install(pilot.app)
    play = _play(pilot, story)
    pilot.app.ui.emit("message", "Jay: hi")
    assert pilot.app.captions.visible(pilot.app.clock()) is not None
    return type(play)


def discuss(pilot: Pilot, story: Story) -> type:
    pilot.app.apply(Push(DiscussScreen("What could the friend say to Mia here?")))
    pilot.step()
    return DiscussScreen


def class_vote(pilot: Pilot, story: Story) -> type:
    present = PresentScreen(story)
    pilot.app.apply(Push(present))
    pilot.step()
    while present.reading:
        pilot.press("space")
    pilot.press("1", "1", "1", "2")  # the vote opens; three hands for choice 1, one for choice 2
    return ClassVoteScreen


SCREENS: dict[str, Callable[[Pilot, Story], type]] = {
    **SHOTS, "place-picked": place_picked_and_flagged, "spot-card": spot_card, "chat-flagged": chat_flagged_both_sides,
    "settings": settings, "pause": pause, "history": history, "crash": crash,
    "controls": from_settings("controls", ControlsScreen), "about": from_settings("about", AboutScreen),
    "confirm-delete": confirm_delete, "text-view": text_view, "copied-notice": copied_notice,
    "discuss": discuss, "class-vote": class_vote, "caption": caption,
}


@pytest.fixture(scope="module")
def story() -> Story:
    return example_story()


@pytest.fixture
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("SPOT_THE_SIGNS_HOME", str(tmp_path))


@pytest.mark.usefixtures("_home")
@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("name", list(SCREENS))
def test_every_screen_draws_text_only_on_a_listed_pair(name, theme, story):
    # reduced_motion: lines whole and nothing mid-fade (the pilot's clock only moves when told).
    with run_test(size=(1024, 600), settings=Settings(theme=theme, reduced_motion=True)) as pilot:
        expected = SCREENS[name](pilot, story)
        assert type(pilot.screen) is expected
        drawn = record_text(pilot, pilot.screen)
        pairs = set(THEMES[theme].text_pairs().values())
    assert drawn, f"{name}: no text was drawn"
    for text, colour, background in drawn:
        assert background is not None, f"{theme} {name}: {text!r} is drawn on a picture, not a theme colour"
        assert (colour, background) in pairs, (
            f"{theme} {name}: {text!r} is drawn in {colour} on {background}, a pair text_pairs() does not list")


@pytest.mark.usefixtures("_home")
@pytest.mark.parametrize("theme", list(THEMES))
def test_a_chat_with_a_picture_behind_it_keeps_its_text_off_the_picture(theme, load, changed):
    # Chats have no picture in the shipped stories, but a writer may give one a background.
    result = load(changed("    kind: chat\n", "    kind: chat\n    background: bedroom\n"))
    assert result.story is not None, result.diagnostics
    pt = _first_chat(result.story)
    assert pt.scene.background == "bedroom"
    for size, scale in (((1024, 600), 1.0), ((1024, 600), 2.0)):  # the phone beside the actions, and above
        with run_test(size=size, settings=Settings(theme=theme, text_scale=scale, reduced_motion=True)) as pilot:
            play = _play(pilot, result.story, pt, revealed=len(pt.lines))
            assert play.backdrop == "bedroom"
            drawn = record_text(pilot, play)
            pairs = set(THEMES[theme].text_pairs().values())
        assert scale > 1 or any(text == play.hint.text for text, _, _ in drawn)
        for text, colour, background in drawn:
            assert background is not None and (colour, background) in pairs, (theme, scale, text)


def test_the_recorder_catches_text_on_a_pair_that_is_not_listed(story):
    with run_test(size=(1024, 600)) as pilot:
        screen = pilot.screen
        heading = screen.title
        heading.colour = "decor"  # terracotta: ornaments only, never text
        drawn = record_text(pilot, screen)
        colours = LIGHT.colours
    assert ("Spot the Signs", colours.decor) in {(t, c) for t, c, _ in drawn}
    pairs = set(LIGHT.text_pairs().values())
    assert any((c, b) not in pairs for _, c, b in drawn)
