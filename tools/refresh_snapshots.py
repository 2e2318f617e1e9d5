"""Rewrite the screenshot tests' PNGs (tests/snapshots/) from what the game draws now.

    python tools/refresh_snapshots.py

Run it after a deliberate change to how a screen looks, then view the PNGs before committing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def main() -> int:
    from tests.test_ui_snapshots import refresh

    written = refresh()
    total = sum(p.stat().st_size for p in written)
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    print(f"{len(written)} snapshots, {total / 1024:.0f} KB in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
