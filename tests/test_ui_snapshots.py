"""Screenshot tests: the main screens at 1024x600, with text at 1.0 and at 2.0, compared with the
PNGs in tests/snapshots/.

Each shot is drawn by the pilot (SDL's dummy driver, a fixed window size, the default font, no
real time, an empty user folder) and compared with a tolerant pixel check: it fails when more
than 0.5% of the pixels differ by more than 8 in any colour channel. On a failure the image the
game drew is saved to a temp folder named in the message, next to the expected one.

After a deliberate change to how a screen looks, look at the failure images, then rewrite the
PNGs with:

    python tools/refresh_snapshots.py

and view the new PNGs before committing them. A missing PNG fails (it is never written by the
test run itself).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pygame
import pytest

from game.paths import scenes_dir
from game.settings import Settings
from game.story.library import Library
from game.story.runtime import Playthrough
from game.story.story import Story
from game.ui.pilot import Pilot, run_test
from game.ui.screen import Push
from game.ui.screens.content_note import ContentNoteScreen
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.howto import HowToScreen
from game.ui.screens.picker import PickerScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.rest import RestScreen
from game.ui.screens.title import TitleScreen

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
SIZE = (1024, 600)
SCALES = (1.0, 2.0)
CHANNEL_TOLERANCE = 8  # a pixel differs when any channel is more than this apart
MAX_DIFFERING = 0.005  # the fraction of pixels that may differ
STORY_ID = "example"
# Screens at rest: lines whole, nothing mid-animation, no caption still showing (the pilot's
# clock only moves when told). Reduced motion changes how things move, never how they look once still.
AT_REST = Settings(reduced_motion=True)


def example_story() -> Story:
    story = next((s for s in Library(scenes_dir()).stories() if s.id == STORY_ID), None)
    assert story is not None, f"scenes/ has no story {STORY_ID!r}"
    return story


def _play(pilot: Pilot, story: Story, pt: Playthrough | None = None, revealed: int | None = None) -> PlayScreen:
    """The play screen on a fixed seed (a pupil's game draws a new seed: a snapshot must not)."""
    pt = pt if pt is not None else Playthrough(story)
    pilot.app.apply(Push(PlayScreen(story, pt, None, revealed)))
    pilot.step()
    assert isinstance(pilot.screen, PlayScreen)
    return pilot.screen


def shot_title(pilot: Pilot, story: Story) -> type:
    return TitleScreen


def shot_content_note(pilot: Pilot, story: Story) -> type:
    pilot.press("enter")
    return ContentNoteScreen


def shot_howto(pilot: Pilot, story: Story) -> type:
    pilot.press("enter", "enter")
    return HowToScreen


def shot_picker(pilot: Pilot, story: Story) -> type:
    pilot.press("enter", "enter", "enter")
    return PickerScreen


def close_card(pilot: Pilot, play: PlayScreen) -> None:
    """Enter until the card goes (a long one reads on a page at a time first)."""
    for _ in range(20):
        if play.card is None:
            return
        pilot.press("enter")
    raise AssertionError("the card did not close")


def shot_place(pilot: Pilot, story: Story) -> type:
    """The first scene (a place), its sign flagged as it showed, then every line read: the choices."""
    play = _play(pilot, story)
    assert play.pt.scene.kind == "place"
    while True:
        if play.pt.lines[play.picked].sign:
            pilot.press("s")
            close_card(pilot, play)
        if not play.reading:
            break
        pilot.press("space")
    return PlayScreen


def shot_chat(pilot: Pilot, story: Story) -> type:
    """The first chat scene on the first route, every line shown."""
    pt = Playthrough(story)
    for _ in range(50):
        if pt.finished or (pt.scene is not None and pt.scene.kind == "chat"):
            break
        pt.choose(0)
    assert pt.scene is not None and pt.scene.kind == "chat", "the example's first route has no chat scene"
    _play(pilot, story, pt, revealed=len(pt.lines))
    return PlayScreen


def shot_feedback(pilot: Pilot, story: Story) -> type:
    """The kind feedback card after the first choice of the first scene."""
    play = _play(pilot, story)
    while play.reading:
        pilot.press("space")
    for choice in range(len(play.pt.choices)):
        pilot.press(str(choice + 1))
        if play.card is not None:
            break
        pilot.press("backspace")
    assert play.card is not None and play.card.kind == "feedback", "no choice in the first scene has feedback"
    return PlayScreen


def shot_debrief(pilot: Pilot, story: Story) -> type:
    """The debrief at the end of the first route, the first sign flagged."""
    pt = Playthrough(story)
    flagged = False
    for _ in range(200):
        if pt.finished:
            break
        if not flagged:
            line = next((x for x in pt.lines if x.sign), None)
            if line is not None:
                pt.spot(line.id)
                flagged = True
        pt.choose(0)
    assert pt.finished
    pilot.app.apply(Push(DebriefScreen(story, pt.debrief())))
    pilot.step()
    return DebriefScreen


def shot_help(pilot: Pilot, story: Story) -> type:
    pilot.press("h")
    return HelpScreen


def shot_break(pilot: Pilot, story: Story) -> type:
    pilot.press("b")
    return RestScreen


SHOTS: dict[str, Callable[[Pilot, Story], type]] = {
    "title": shot_title,
    "content-note": shot_content_note,
    "howto": shot_howto,
    "picker": shot_picker,
    "place": shot_place,
    "chat": shot_chat,
    "feedback": shot_feedback,
    "debrief": shot_debrief,
    "help": shot_help,
    "break": shot_break,
}


def snapshot_path(name: str, scale: float) -> Path:
    return SNAPSHOTS / f"{name}-text{scale:.1f}.png"


@contextmanager
def _empty_home() -> Iterator[None]:
    """An empty user folder, so no autosave or settings change what the title shows."""
    old = os.environ.get("SPOT_THE_SIGNS_HOME")
    with tempfile.TemporaryDirectory(prefix="spot-home-") as home:
        os.environ["SPOT_THE_SIGNS_HOME"] = home
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("SPOT_THE_SIGNS_HOME", None)
            else:
                os.environ["SPOT_THE_SIGNS_HOME"] = old


def render(name: str, scale: float, story: Story | None = None) -> pygame.Surface:
    """The shot ``name`` at text ``scale``, drawn headless from a fresh app."""
    story = story or example_story()
    with _empty_home(), run_test(size=SIZE, text_scale=scale, settings=AT_REST) as pilot:
        expected = SHOTS[name](pilot, story)
        assert type(pilot.screen) is expected, f"{name}: {type(pilot.screen).__name__}, not {expected.__name__}"
        at_rest(pilot)
        return pilot.snapshot()


def at_rest(pilot: Pilot, limit_ms: int = 60_000) -> None:
    """Let the virtual clock run until nothing asks for a frame (a caption has gone, say)."""
    while (wake := pilot.app.wake_after_ms()) is not None and pilot.now < limit_ms:
        pilot.advance(max(1, wake))


def differing_fraction(a: pygame.Surface, b: pygame.Surface, tolerance: int = CHANNEL_TOLERANCE) -> float:
    """The fraction of pixels where any colour channel differs by more than ``tolerance``."""
    if a.get_size() != b.get_size():
        return 1.0
    a, b = a.convert(24) if a.get_bitsize() != 24 else a, b.convert(24) if b.get_bitsize() != 24 else b
    diff = a.copy()
    diff.blit(b, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(a - b, 0)
    other = b.copy()
    other.blit(a, (0, 0), special_flags=pygame.BLEND_RGB_SUB)  # max(b - a, 0)
    diff.blit(other, (0, 0), special_flags=pygame.BLEND_RGB_ADD)  # |a - b| per channel
    t = tolerance + 1
    same = pygame.mask.from_threshold(diff, (0, 0, 0, 255), (t, t, t, 255)).count()
    total = a.get_width() * a.get_height()
    return (total - same) / total


def refresh(out: Path = SNAPSHOTS) -> list[Path]:
    """Rewrite every snapshot PNG; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    story = example_story()
    written = []
    for scale in SCALES:
        for name in SHOTS:
            path = out / snapshot_path(name, scale).name
            pygame.image.save(render(name, scale, story), str(path))
            written.append(path)
    return written


@pytest.fixture(scope="module")
def story() -> Story:
    return example_story()


def test_the_pixel_check_is_tolerant_but_not_blind():
    a = pygame.Surface((100, 100))
    a.fill((200, 200, 200))
    b = a.copy()
    b.fill((205, 195, 200), (0, 0, 100, 50))  # small colour drift everywhere in the top half
    assert differing_fraction(a, b) == 0
    b.fill((0, 0, 0), (0, 0, 10, 10))  # a real change: 1% of the pixels
    assert differing_fraction(a, b) == pytest.approx(0.01)
    assert differing_fraction(a, pygame.Surface((50, 50))) == 1.0


@pytest.mark.parametrize("scale", SCALES, ids=[f"text{s:.1f}" for s in SCALES])
@pytest.mark.parametrize("name", list(SHOTS))
def test_snapshot(name, scale, story):
    expected_path = snapshot_path(name, scale)
    actual = render(name, scale, story)
    out = Path(tempfile.gettempdir()) / "spot-the-signs-snapshots"
    if not expected_path.exists():
        out.mkdir(parents=True, exist_ok=True)
        pygame.image.save(actual, str(out / expected_path.name))
        pytest.fail(f"no snapshot {expected_path}: the drawn image is at {out / expected_path.name}; "
                    "run `python tools/refresh_snapshots.py` to write it")
    expected = pygame.image.load(str(expected_path))
    fraction = differing_fraction(actual, expected)
    if fraction > MAX_DIFFERING:
        out.mkdir(parents=True, exist_ok=True)
        pygame.image.save(actual, str(out / expected_path.name))
        pytest.fail(f"{name} at text {scale}: {fraction:.2%} of the pixels differ (more than "
                    f"{MAX_DIFFERING:.1%}). Drawn now: {out / expected_path.name}; expected: {expected_path}. "
                    "If the change is wanted, run `python tools/refresh_snapshots.py`.")
