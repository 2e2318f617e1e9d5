"""Opening the window: `open_window` (used by `spot-the-signs play`) and `python -m game.ui`.

    python -m game.ui [--size WxH] [--text-scale N] [--fullscreen] [--classroom FILE]   # the title

This module imports only the standard library at the top: `game.commands.play` reads the
size rules from here without importing pygame; pygame is imported inside `open_window`.

Two switches exist for tests and bench/frame.py, not for pupils:
- ``exit_after_first_frame``: draw the first frame, then close (exit 0): does the window work?
- ``idle_seconds``: once the window is at rest, sit idle for that long, then print one JSON line
  with the CPU seconds used while idle and the peak memory (VmHWM) of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)  # the same as game.ui.app.MIN_SIZE (a test checks), without importing pygame
MAX_SIZE = (7680, 4320)  # the largest screens made (8K): a window past this would only take memory
INVISIBLE_DRIVERS = ("offscreen", "dummy")  # only when asked for with SDL_VIDEODRIVER (tests, benches)


def parse_size(text: str) -> tuple[int, int]:
    """'1280x720' -> (1280, 720); an argparse.ArgumentTypeError with one sentence when it is not
    WxH, is smaller than the smallest window the screens are laid out for, or larger than any screen."""
    from game.story.values import preview

    try:
        w, h = (int(part) if len(part.strip()) <= 6 else 0 for part in text.lower().strip().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--size needs WIDTHxHEIGHT in pixels, like 1280x720, not {preview(text)}"
                                         ) from None
    if not (MIN_SIZE[0] <= w <= MAX_SIZE[0] and MIN_SIZE[1] <= h <= MAX_SIZE[1]):
        raise argparse.ArgumentTypeError(f"the window must be at least {MIN_SIZE[0]}x{MIN_SIZE[1]}, so every screen "
                                         f"fits, and at most {MAX_SIZE[0]}x{MAX_SIZE[1]}, not {preview(text.strip())}")
    return w, h


def peak_memory_kb() -> int | None:
    """The most memory this process has held (VmHWM, Linux); None elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def open_window(size: tuple[int, int] = DEFAULT_SIZE, *, fullscreen: bool = False, text_scale: float | None = None,
                root=None, exit_after_first_frame: bool = False, idle_seconds: float | None = None,
                program: str = "spot-the-signs", classroom: str | os.PathLike[str] | None = None) -> int:
    """Run the window until the pupil quits (root: the first screen, the title if None).

    ``classroom``: the classroom file (game/classroom.py) for this run; by default the one in the
    settings folder. Its settings are the defaults the pupil's own settings sit on.

    Returns 0, or 1 with one sentence on stderr when there is no display to open a window on.
    """
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.ui.app import App

    class Window(App):
        """The app, plus what happens once its first frame is on the screen."""

        opened = False
        idle_from: tuple[float, float] | None = None

        def start(self) -> None:
            super().start()
            driver = pygame.display.get_driver()
            if driver in INVISIBLE_DRIVERS and driver not in os.environ.get("SDL_VIDEODRIVER", "").lower():
                raise pygame.error("no display was found")  # SDL fell back to drawing where nobody sees it
            self.opened = True
            if fullscreen:
                self.toggle_fullscreen()
            self.render()
            if exit_after_first_frame:
                self.running = False
            else:
                self.begin_idle()

        idle_frames = 0

        def begin_idle(self) -> None:
            """Start the idle clock once the window is at rest (its scene faded in, its line typed):
            from then on only a change should draw (bench/frame.py)."""
            if idle_seconds is None or self.idle_from is not None or self.wake_after_ms() is not None:
                return
            pygame.time.set_timer(pygame.QUIT, max(1, round(idle_seconds * 1000)), loops=1)
            times = os.times()
            self.idle_from, self.idle_frames = (times.user + times.system, times.elapsed), self.frames

        def tick(self) -> None:
            super().tick()
            self.begin_idle()

    from game.classroom_path import classroom_path, use_file
    from game.settings import layered_defaults, read_settings

    if classroom is not None:
        use_file(classroom)
    defaults: dict = {}  # the layer under the pupil's own settings
    if classroom_path().exists():  # no file, no need to load the classroom model at start-up
        from game.classroom import classroom_defaults

        defaults = classroom_defaults()
    found = read_settings(classroom=defaults)
    app = Window(size=size, root=root, text_scale=text_scale, settings=found.settings, notice=found.notice)
    app.ui.defaults = layered_defaults(defaults)  # what "Delete my data" goes back to
    try:
        app.run()
    except pygame.error as exc:
        if app.opened:
            raise
        print(f"{program}: the window could not open here ({exc}); "
              "to play in the terminal instead, use: spot-the-signs play --text", file=sys.stderr)
        return 1
    if app.idle_from is not None:
        times = os.times()
        cpu, wall = times.user + times.system - app.idle_from[0], times.elapsed - app.idle_from[1]
        print(json.dumps({"idle_cpu_s": round(cpu, 4), "idle_wall_s": round(wall, 3), "frames": app.frames,
                          "frames_while_idle": app.frames - app.idle_frames,
                          "screen": type(app.root).__name__, "peak_rss_kb": peak_memory_kb()}), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.ui", description="Open the Spot the Signs window.")
    parser.add_argument("--size", type=parse_size, default=DEFAULT_SIZE,
                        help=f"window size, WxH (default {DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]})")
    parser.add_argument("--text-scale", type=float, default=None,
                        help="text size, 1.0 to 2.0 (default: the one chosen in Settings)")
    parser.add_argument("--fullscreen", action="store_true", help="fill the screen (F11 switches back)")
    parser.add_argument("--classroom", metavar="FILE", help="the classroom file to use (see docs/classroom.md)")
    parser.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    return open_window(args.size, fullscreen=args.fullscreen, text_scale=args.text_scale,
                       exit_after_first_frame=args.exit_after_first_frame, program=parser.prog,
                       classroom=args.classroom)


if __name__ == "__main__":
    raise SystemExit(main())
