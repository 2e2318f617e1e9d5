"""Chromium for the web tests: Debian's (or any Chromium-family browser found), driven by Playwright.

Where no browser can be found, or Playwright is not installed, the tests that need one are skipped
with the reason printed (.ci/run installs Chromium when it can).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-default-apps", "--no-first-run"]
HERE = Path(__file__).resolve().parent / "web"


def browser_path() -> Path | None:
    from game.teacher.pdf import find_browser

    return find_browser()


def launch(playwright):
    """A headless Chromium, or a pytest skip saying why there is none."""
    found = browser_path()
    if found is None:
        pytest.skip("no Chromium-family browser is installed here (.ci/run installs Debian's chromium when it can)")
    return playwright.chromium.launch(executable_path=str(found), args=ARGS)


def axe_source() -> str:
    return (HERE / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def walk_source() -> str:
    return (HERE / "walk.js").read_text(encoding="utf-8")
