"""Draw the screenshot gallery in docs/screenshots/ (used by the README) from the game as it is.

    python tools/gallery.py            # rewrite every picture
    python tools/gallery.py --list     # the pictures it makes, one a line

Each picture is drawn headless by the pilot (SDL's dummy driver) with an empty user folder,
at a real window size, in the theme, font and text size named in GALLERY. Run it after a change
to how the game looks and look at the pictures before committing them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
OUT = ROOT / "docs" / "screenshots"


@dataclass(frozen=True)
class Picture:
    name: str  # the file is docs/screenshots/<name>.png
    shot: str  # a tests/test_ui_snapshots.py SHOTS name, or one of EXTRA_SHOTS
    caption: str
    size: tuple[int, int] = (1280, 720)
    settings: dict = field(default_factory=dict)


GALLERY: list[Picture] = [
    Picture("title", "title", "The title screen"),
    Picture("stage", "stage", "A place: the people on the stage, the speaker in front, a line in the dialogue box"),
    Picture("choices", "choices", "The choices, over the stage, in this pupil's order and none picked for them"),
    Picture("place", "place", "A scene in a place: a line flagged as a warning sign"),
    Picture("chat", "chat", "A chat scene on a phone, in the dark theme", settings={"theme": "dark"}),
    Picture("feedback", "feedback", "Kind feedback after a choice"),
    Picture("debrief", "debrief", "The debrief at the end of every route, in high contrast",
            settings={"theme": "contrast"}),
    Picture("picker", "picker", "Choosing a story"),
    Picture("settings", "settings", "Settings, in OpenDyslexic at 150% text",
            settings={"font": "opendyslexic", "text_scale": 1.5}),
    Picture("help", "help", "Help, one key away on every screen"),
    Picture("class-vote", "class-vote", "Presenter mode: the class vote, with raised hands counted"),
    Picture("small-large-text", "place", "The smallest window (1024x600) at 200% text", size=(1024, 600),
            settings={"text_scale": 2.0}),
]


def shot_settings(pilot, story) -> type:
    from game.ui.screen import Push
    from game.ui.screens.settings import SettingsScreen

    pilot.app.apply(Push(SettingsScreen()))
    pilot.step()
    return SettingsScreen


def _chicken_shop(pilot, lines: int | None):
    """The Car's first scene: four people at a table, a text from Mum on the phone."""
    from game.paths import scenes_dir
    from game.story.library import Library
    from game.story.runtime import Playthrough
    from game.ui.screen import Push
    from game.ui.screens.play import PlayScreen

    story = next(s for s in Library(scenes_dir()).stories() if s.id == "the-car")
    pt = Playthrough(story, 2)
    screen = PlayScreen(story, pt, None, revealed=lines or len(pt.lines))
    pilot.app.apply(Push(screen))
    pilot.step()
    return screen


def shot_stage(pilot, story) -> type:
    from game.ui.screens.play import PlayScreen

    _chicken_shop(pilot, 5)  # Chloe, about the trainers
    return PlayScreen


def shot_choices(pilot, story) -> type:
    from game.ui.screens.play import PlayScreen

    _chicken_shop(pilot, None)
    pilot.press("down")  # the pupil picks one with an arrow
    return PlayScreen


def shot_class_vote(pilot, story) -> type:
    from game.story.runtime import Playthrough
    from game.ui.screen import Push
    from game.ui.screens.present import ClassVoteScreen, PresentScreen

    screen = PresentScreen(story, Playthrough(story, 2))
    pilot.app.apply(Push(screen))
    pilot.step()
    while screen.reading:
        pilot.press("space")
    pilot.press("1")
    for key in "2121122":  # hands up: seven votes keyed in
        pilot.press(key)
    return ClassVoteScreen


EXTRA_SHOTS: dict[str, Callable] = {"settings": shot_settings, "stage": shot_stage, "choices": shot_choices,
                                    "class-vote": shot_class_vote}


def draw(picture: Picture, story):
    from game.settings import Settings
    from game.ui.pilot import run_test
    from tests.test_ui_snapshots import SHOTS, at_rest

    shot = EXTRA_SHOTS.get(picture.shot) or SHOTS[picture.shot]
    with tempfile.TemporaryDirectory(prefix="spot-gallery-") as home:
        os.environ["SPOT_THE_SIGNS_HOME"] = home
        # At rest (reduced motion): lines whole, nothing caught mid-fade; it looks the same once still.
        still = Settings.from_dict({"reduced_motion": True, **picture.settings})
        with run_test(size=picture.size, settings=still) as pilot:
            expected = shot(pilot, story)
            if type(pilot.screen) is not expected:
                raise SystemExit(f"{picture.name}: reached {type(pilot.screen).__name__}, not {expected.__name__}")
            at_rest(pilot)
            return pilot.snapshot()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/gallery.py", description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the pictures' file names and stop")
    args = parser.parse_args(argv)
    if args.list:
        for picture in GALLERY:
            print(f"docs/screenshots/{picture.name}.png  {picture.caption}")
        return 0
    import pygame

    from tests.test_ui_snapshots import example_story

    OUT.mkdir(parents=True, exist_ok=True)
    story = example_story()
    for picture in GALLERY:
        path = OUT / f"{picture.name}.png"
        pygame.image.save(draw(picture, story), str(path))
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB  {picture.caption}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
