"""The README's screenshots are real pictures of the game, made by one command (tools/gallery.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def gallery_names() -> list[str]:
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "gallery.py"), "--list"], capture_output=True,
                         text=True, check=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def test_every_gallery_picture_exists_and_is_a_png_of_a_window():
    import pygame

    names = gallery_names()
    assert len(names) >= 6
    for name in names:
        path = ROOT / name
        assert path.is_file(), f"{name} is missing: run python tools/gallery.py"
        width, height = pygame.image.load(str(path)).get_size()
        assert width >= 1024 and height >= 600


def test_the_readme_shows_gallery_pictures_and_only_ones_that_exist():
    shown = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", README.read_text(encoding="utf-8"))
    assert len([s for s in shown if s.startswith("docs/screenshots/")]) >= 3
    for picture in shown:
        assert (ROOT / picture).is_file(), picture
    assert set(s for s in shown if s.startswith("docs/screenshots/")) <= set(gallery_names())
