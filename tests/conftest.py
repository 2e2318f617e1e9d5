"""Fixtures shared by the test suite: kept small and general on purpose."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.story.load import LoadResult, load_shared, load_text
from game.story.safe_yaml import Limits
from game.story.shared import Shared

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"
EXAMPLE = SCENES / "example.yaml"


@pytest.fixture(scope="session")
def shared() -> Shared:
    """The signs, help routes and themes from the shipped scenes/ folder, loaded once."""
    data, problems = load_shared(SCENES, lint=True)
    assert not problems, problems
    return data


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    """Every test has its own empty user folder: no test reads or writes a real pupil's
    settings, saves or classroom file."""
    monkeypatch.setenv("SPOT_THE_SIGNS_HOME", str(tmp_path))


@pytest.fixture(scope="session")
def story():
    """scenes/example.yaml as a checked Story, loaded once (modules may define their own)."""
    from game.story.library import Library

    found = Library(SCENES).load(EXAMPLE).story
    assert found is not None
    return found


@pytest.fixture(scope="session")
def example_text() -> str:
    """The text of scenes/example.yaml: the starting point for building bad inputs."""
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def load(shared: Shared) -> Callable[..., LoadResult]:
    """load(text, name="example.yaml", limits=Limits()) -> LoadResult, with the shipped shared data."""

    def _load(text: str | bytes, name: str = "example.yaml", limits: Limits = Limits()) -> LoadResult:
        return load_text(text, name, shared, limits, lint=True)

    return _load


@pytest.fixture
def changed(example_text: str) -> Callable[..., str]:
    """changed(old, new, text=example) -> the text with ``old`` (which must occur exactly once) replaced."""

    def _changed(old: str, new: str, text: str | None = None) -> str:
        text = example_text if text is None else text
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times, not once"
        return text.replace(old, new)

    return _changed


@pytest.fixture(scope="session")
def locate() -> Callable[[str, str], tuple[int, int]]:
    """locate(text, needle) -> the 1-based (line, column) where ``needle`` first starts in ``text``."""

    def _locate(text: str, needle: str) -> tuple[int, int]:
        at = text.index(needle)
        return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1

    return _locate


@pytest.fixture(autouse=True)
def _silent_speech(monkeypatch):
    """No test ever talks out loud: read aloud gets an engine that is never there (tests of
    read aloud itself pass their own fake speakers)."""
    import sys

    if "game.ui.read_aloud" not in sys.modules and "pygame" not in sys.modules:
        return  # this test never opens the window
    from game import speech
    from game.ui import read_aloud

    def no_engine():
        raise speech.SpeechUnavailable("no speech engine in the tests")

    monkeypatch.setattr(read_aloud, "SPEAKER_FACTORY", lambda: speech.Speaker(no_engine))


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    """The shipped library published as a site (spot-the-signs publish --all), once per run."""
    from game.cli import main

    folder = tmp_path_factory.mktemp("site")
    assert main(["publish", "--all", "-o", str(folder)]) == 0
    return folder


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium through Playwright, or the test skipped with the reason (tests/webtools.py)."""
    from webtools import launch

    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with playwright.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
