"""Characters drawn from their look (game/art/characters.py), rasterised for the window
(game/ui/portraits.py) and shown in place scenes (game/ui/play/stage.py)."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import subprocess
import sys
import typing
import xml.etree.ElementTree as ET

import pygame
import pytest

from game.art.characters import FRAMINGS, HAIR, MOODS, NEUTRAL_TOP, SKIN, TOPS, character_svg, top_colour
from game.story.library import Library
from game.story.model import Look
from game.story.runtime import Playthrough
from game.ui import portraits
from game.ui.pilot import run_test
from game.ui.play.stage import stage_cast
from game.ui.screen import Push
from game.ui.screens.play import PlayScreen
from game.ui.widgets import Button
from tests.conftest import EXAMPLE, ROOT, SCENES

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SVG_NS = "{http://www.w3.org/2000/svg}"
ALLOWED_ELEMENTS = {"svg", "path", "circle", "ellipse", "rect", "g"}
BASE = Look(skin=3, hair="short", hair_colour="brown", top="teal", build="medium", age_cue="teen")


def options(field: str) -> list:
    """Every value the model allows for one Look field."""
    annotation = Look.model_fields[field].annotation
    if field == "accessories":
        (item,) = typing.get_args(annotation)
        return list(typing.get_args(item))
    return [v for v in typing.get_args(typing.get_args(annotation)[0]) if v is not None]


def every_option() -> list[Look]:
    """One look per value of every field (the others as in BASE), plus the common colour words."""
    looks = [BASE.model_copy(update={field: value})
             for field in ("skin", "hair", "hair_colour", "build", "age_cue") for value in options(field)]
    looks += [BASE.model_copy(update={"accessories": [a]}) for a in options("accessories")]
    looks += [BASE.model_copy(update={"top": word}) for word in ("navy", "light blue", "Mustard", "tartan", None)]
    return [*looks, Look()]


def load_svg(svg: str) -> pygame.Surface:
    return pygame.image.load(io.BytesIO(svg.encode("utf-8")), "test.svg")


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield


def test_the_look_options_are_the_ones_the_model_allows():
    assert options("skin") == [1, 2, 3, 4, 5, 6]
    assert set(options("accessories")) == {"glasses", "hijab", "turban", "cap", "hearing-aid", "wheelchair",
                                           "headphones", "beard"}
    assert set(SKIN) == set(options("skin"))


@pytest.mark.parametrize("framing", FRAMINGS)
@pytest.mark.parametrize("mood", MOODS)
def test_every_look_option_in_every_mood_is_valid_svg_that_pygame_loads(mood, framing):
    w, h = (80, 100) if framing == "bust" else (72, 72)
    for look in every_option():
        svg = character_svg(look, mood, w, h, framing)
        assert "<!DOCTYPE" not in svg and "<!ENTITY" not in svg
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG_NS}svg" and (root.get("width"), root.get("height")) == (str(w), str(h))
        surface = load_svg(svg)
        assert surface.get_size() == (w, h), look
        # something was drawn, and the corners of a bust stay see-through (no background box)
        assert surface.get_bounding_rect().width > w // 3
        if framing == "bust":
            assert surface.get_at((0, 0)).a == 0


def test_the_svg_has_no_scripts_images_text_or_links():
    for look in every_option():
        for mood in MOODS:
            svg = character_svg(look, mood, 100, 125)
            for element in ET.fromstring(svg).iter():
                name = local(element.tag)
                assert name in ALLOWED_ELEMENTS, name
                for attr, value in element.attrib.items():
                    attr_name = local(attr).lower()
                    assert not attr_name.startswith("on") and attr_name != "href", attr
                    assert "url(" not in value and not re.search(r"(https?|file|data|javascript):", value)
            assert "<text" not in svg and "<image" not in svg and "<script" not in svg


def test_the_art_package_does_not_need_pygame():
    code = "import sys, game.art.characters as c; c.character_svg(None, 'happy', 10, 10); " \
           "assert 'pygame' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


@pytest.mark.parametrize("framing", FRAMINGS)
@pytest.mark.parametrize("look", [BASE, Look(skin=6, hair="afro", hair_colour="black", top="navy", build="broad",
                                             age_cue="older-adult", accessories=["glasses", "beard"]),
                                  Look(skin=1, hair="covered", top="pink", age_cue="adult", accessories=["hijab"])],
                         ids=["base", "older-beard", "hijab"])
def test_each_mood_gives_a_different_face(look, framing):
    size = (160, 200) if framing == "bust" else (120, 120)
    drawn = {mood: pixels(load_svg(character_svg(look, mood, *size, framing))) for mood in MOODS}
    assert len(set(drawn.values())) == len(MOODS)
    assert character_svg(look, None, *size, framing) == character_svg(look, "neutral", *size, framing)
    assert character_svg(look, "furious", *size, framing) == character_svg(look, "neutral", *size, framing)


@pytest.mark.parametrize("accessory", options("accessories"))
def test_each_accessory_changes_the_picture(accessory):
    plain = pixels(load_svg(character_svg(BASE, "neutral", 160, 200)))
    face = pixels(load_svg(character_svg(BASE, "neutral", 120, 120, "face")))
    with_it = BASE.model_copy(update={"accessories": [accessory]})
    assert pixels(load_svg(character_svg(with_it, "neutral", 160, 200))) != plain
    assert pixels(load_svg(character_svg(with_it, "neutral", 120, 120, "face"))) != face


@pytest.mark.parametrize("field", ["skin", "hair", "hair_colour", "build", "age_cue"])
def test_each_value_of_each_field_draws_differently(field):
    drawn = {value: pixels(load_svg(character_svg(BASE.model_copy(update={field: value}), "neutral", 120, 150)))
             for value in options(field) if not (field == "hair" and value == "covered")}
    assert len(set(drawn.values())) == len(drawn)


def test_a_hijab_or_turban_covers_the_hair():
    red = HAIR["red"]
    for style in ("long", "short", "covered"):
        look = BASE.model_copy(update={"hair": style, "hair_colour": "red"})
        assert (red in character_svg(look, "happy", 100, 125)) == (style != "covered")
        for cover in ("hijab", "turban"):
            covered = look.model_copy(update={"accessories": [cover]})
            assert red not in character_svg(covered, "happy", 100, 125)  # only the eyebrows keep its tint


def test_older_adults_are_drawn_greying():
    young = character_svg(BASE.model_copy(update={"age_cue": "adult"}), "neutral", 100, 125)
    older = character_svg(BASE.model_copy(update={"age_cue": "older-adult"}), "neutral", 100, 125)
    hair = "#85593A"  # brown
    assert hair in young and hair not in older


def test_clothing_colour_words():
    assert top_colour("navy") == TOPS["navy"] and top_colour("Navy ") == TOPS["navy"]
    assert top_colour("light blue") not in (TOPS["blue"], NEUTRAL_TOP)
    assert top_colour("dark-green") not in (TOPS["green"], NEUTRAL_TOP)
    assert top_colour("tartan") == top_colour(None) == top_colour("") == NEUTRAL_TOP
    assert character_svg(BASE.model_copy(update={"top": "tartan"}), "neutral", 50, 60) == \
        character_svg(BASE.model_copy(update={"top": "grey-brown-ish"}), "neutral", 50, 60)


# -- the cache and the fallback ----------------------------------------------------------------

def test_portraits_are_cached_and_the_cache_is_bounded():
    cache = portraits.PortraitCache(max_entries=4, max_pixels=10**9)
    a = cache.figure(BASE, "happy", (80, 100))
    assert cache.figure(BASE, "happy", (80, 100)) is a and cache.renders == 1
    assert a.get_size() == (80, 100)
    for mood in MOODS:
        cache.figure(BASE, mood, (80, 100))
    assert len(cache) == 4
    small = portraits.PortraitCache(max_entries=100, max_pixels=3 * 80 * 100)
    for mood in MOODS:
        small.figure(BASE, mood, (80, 100))
    assert len(small) == 3 and small.pixels <= 3 * 80 * 100
    round_ = cache.avatar(BASE, "sad", 48, (234, 216, 191))
    assert round_.get_size() == (48, 48)
    assert round_.get_at((0, 0)).a == 0 and round_.get_at((24, 24)).a == 255  # round: the corners are clear


def test_a_failing_svg_load_falls_back_to_a_plain_figure(monkeypatch):
    def broken(*args, **kwargs):
        raise pygame.error("no SVG support in this build")

    monkeypatch.setattr(pygame.image, "load", broken)
    cache = portraits.PortraitCache()
    image = cache.figure(BASE, "happy", (80, 100))
    face = cache.avatar(BASE, "happy", 40, (234, 216, 191))
    assert image.get_size() == (80, 100) and face.get_size() == (40, 40)
    assert cache.failures == 2 and image.get_bounding_rect().width > 0


# -- the shipped stories -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def library():
    return Library(SCENES)


@pytest.fixture(scope="module")
def story(library):
    return library.load(EXAMPLE).story


def test_every_shipped_character_has_a_complete_look_and_the_library_is_varied(library):
    seen: dict[str, set] = {"skin": set(), "hair": set(), "build": set(), "age_cue": set(), "accessories": set(),
                            "pronouns": set()}
    for story in library.stories():
        for c in story.characters.values():
            look = c.look
            for field in ("skin", "hair", "hair_colour", "top", "build", "age_cue"):
                assert getattr(look, field) is not None, f"{story.id}: {c.id} has no look.{field}"
            for field in ("skin", "hair", "build", "age_cue"):
                seen[field].add(getattr(look, field))
            seen["accessories"].update(look.accessories)
            seen["pronouns"].add(c.pronouns)
    assert seen["skin"] == set(SKIN)
    assert {"slim", "medium", "broad"} <= seen["build"] and {"she", "he"} <= seen["pronouns"]
    assert {"teen", "adult", "older-adult"} <= seen["age_cue"]
    assert len(seen["hair"]) >= 8
    assert {"hearing-aid", "wheelchair", "glasses", "hijab"} <= seen["accessories"]


# -- the play screen ----------------------------------------------------------------------------

def play(pilot, story, revealed=None, scene=None) -> PlayScreen:
    pt = Playthrough.start_at(story, scene) if scene else None
    pilot.app.apply(Push(PlayScreen(story, pt, None, revealed)))
    pilot.step()
    for _ in range(50):  # the scene has faded in and its line typed out: nothing is still moving
        if pilot.screen.wake_after_ms() is None:
            break
        pilot.advance(500)
    return pilot.screen


def test_stage_cast_gives_the_speaker_their_mood_and_everyone_else_calm(story):
    scene = story.scenes["lunch"]
    lines = scene.lines
    happy = next(ln for ln in lines if ln.mood == "happy")
    cast = stage_cast(story.characters, scene.present, happy)
    assert [f.look for f in cast] == [story.characters[c].look for c in scene.present]
    for cid, figure in zip(scene.present, cast, strict=True):
        assert figure.speaking == (cid == happy.speaker)
        assert figure.mood == ("happy" if cid == happy.speaker else "neutral")
    narration = lines[0]
    assert narration.speaker == "narrator"
    assert all(f.mood == "neutral" and not f.speaking for f in stage_cast(story.characters, scene.present, narration))


def test_a_line_without_a_mood_is_calm_never_smiling(story):
    from game.art import characters

    plain = next(ln for ln in story.scenes["lunch"].lines if ln.speaker != "narrator" and ln.mood is None)
    (figure,) = [f for f in stage_cast(story.characters, story.scenes["lunch"].present, plain) if f.speaking]
    assert figure.mood == "neutral"
    assert characters.NEUTRAL_MOUTH_CURVE < 2  # a level mouth; a smile curves 4 or more
    look = story.characters[plain.speaker].look
    assert characters.character_svg(look, None, 200, 250) == characters.character_svg(look, "neutral", 200, 250)
    assert characters.character_svg(look, "neutral", 200, 250) != characters.character_svg(look, "happy", 200, 250)


def test_a_place_scene_draws_the_characters(story):
    with run_test(size=(1280, 720)) as pilot:
        screen = play(pilot, story, revealed=2)
        assert not screen.in_chat and screen.stage in screen.widgets
        rects = screen.stage.figure_rects(pilot.app.ui)
        assert len(rects) == 2, "room for both at 1280x720"
        assert min(r.height for r in rects) >= 720 * 2 // 5, "figures large enough to read from the back of a room"
        speaking = [f.speaking for f in screen.stage.cast]
        assert speaking.count(True) == 1
        big = rects[speaking.index(True)]
        assert all(r.height < big.height for r, s in zip(rects, speaking, strict=True) if not s)  # a step back
        with_them = pixels(pilot.snapshot())
        screen.stage.cast = []
        screen.dirty = True
        no_figures = pixels(pilot.snapshot())
    assert with_them != no_figures


def test_a_chat_shows_faces_beside_incoming_messages_only(story):
    with run_test(size=(1280, 720)) as pilot:
        screen = play(pilot, story, revealed=5, scene="messages")
        view, ui = screen.phone, pilot.app.ui
        assert screen.in_chat and view in screen.widgets
        face = view.avatar_size(ui)
        for i, item in enumerate(view.items):
            r = view.item_rect(ui, i)
            if item.speaker is not None and not item.mine:
                assert r.x - face >= view.rect.x  # the face fits on the bubble's left, inside the phone
            assert view.rect.x <= r.x and r.right <= view.rect.right


def test_the_role_does_not_change_the_drawing(story):
    player = next(c.id for c in story.characters.values() if c.role == "player")
    swapped = {cid: c if cid == player else dataclasses.replace(c, role="friend" if c.role != "friend" else "other")
               for cid, c in story.characters.items()}
    other = dataclasses.replace(story, characters=swapped)
    shots = []
    for s in (story, other):
        with run_test(size=(1280, 720)) as pilot:
            play(pilot, s)
            for _ in range(3):
                pilot.press("space")
            shots.append(pixels(pilot.snapshot()))
    assert shots[0] == shots[1]


@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 2.0), ((1024, 600), 1.0), ((1280, 720), 1.0),
                                             ((1920, 1080), 2.0)], ids=str)
def test_place_scenes_fit_the_window_with_faces_and_figures(library, size, scale):
    """Every place scene of two stories with the most people present, line by line: nothing
    overflows, figures stay between the top bar and the panel, faces stay inside the panel."""
    stories = {s.id: s for s in library.stories()}
    for sid, scene_id in (("the-car", "chicken-shop"), ("year-above", "form-room"), ("example", "lunch")):
        s = stories[sid]
        with run_test(size=size, text_scale=scale) as pilot:
            screen = play(pilot, s, scene=scene_id)
            ui, window = pilot.app.ui, pygame.Rect((0, 0), size)
            while True:
                for w in screen.widgets:
                    assert window.contains(w.rect), (sid, w, w.rect)
                    assert not w.overflows(ui), (sid, w)
                for r in screen.stage.figure_rects(ui):
                    assert window.contains(r), (sid, r)
                    assert not any(r.colliderect(b.rect) for b in screen.top_row.buttons), (sid, r)
                    assert r.bottom <= screen.box.rect.top + r.height // 10  # only the waist is tucked
                buttons = [w for w in screen.widgets if isinstance(w, Button)]
                for a in buttons:
                    for b in buttons:
                        assert a is b or not a.visible_rect.colliderect(b.visible_rect)
                pilot.snapshot()
                if not screen.reading:
                    break
                pilot.press("space")
