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
    data, problems = load_shared(SCENES)
    assert not problems, problems
    return data


@pytest.fixture(scope="session")
def example_text() -> str:
    """The text of scenes/example.yaml: the starting point for building bad inputs."""
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def load(shared: Shared) -> Callable[..., LoadResult]:
    """load(text, name="example.yaml", limits=Limits()) -> LoadResult, with the shipped shared data."""

    def _load(text: str | bytes, name: str = "example.yaml", limits: Limits = Limits()) -> LoadResult:
        return load_text(text, name, shared, limits)

    return _load
