"""The benchmark's scenario generator must keep producing valid scenarios.

bench/engine.py is a script, not a package, so it is loaded from its path. Nothing is timed
here: speed targets live only in the benchmark.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from game.story.shared import Shared

BENCH = Path(__file__).resolve().parent.parent / "bench" / "engine.py"


def test_generated_scenario_loads_cleanly(shared: Shared) -> None:
    spec = importlib.util.spec_from_file_location("bench_engine", BENCH)
    assert spec is not None and spec.loader is not None
    engine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(engine)

    text, story = engine.load_generated(100, seed=3, shared=shared)  # raises on any diagnostic

    assert engine.generate(100, engine.band_signs(shared), seed=3) == text  # seeded: the same every time
    assert len(story.scenes) == 100 and len(story.endings) == 3
    assert story.signs and all("11-13" in shared.signs[s].bands for s in story.signs)
    assert "\n        if: " in text and "\n        set: " in text and "\n        add: " in text
