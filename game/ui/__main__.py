"""python -m game.ui [--size WxH] [--text-scale N]: open the window (for looking at it)."""

from __future__ import annotations

import argparse
import os


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = text.lower().split("x")
        return int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WxH, like 1280x720, not {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.ui", description="Open the Spot the Signs window.")
    parser.add_argument("--size", type=parse_size, default=(1280, 720), help="window size, WxH (default 1280x720)")
    parser.add_argument("--text-scale", type=float, default=1.0, help="text size, 1.0 to 2.0")
    args = parser.parse_args(argv)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.ui.app import App

    App(size=args.size, text_scale=args.text_scale).run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
