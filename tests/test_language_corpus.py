"""The language rules measured on tests/language/: the corpus is sound, the tuned half meets the
targets, and the library's own lines are never flagged. The held-out half is measured only by
bench/language.py (it must never become a set the rules are fitted to); nothing here is timed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "language.py"
BLAME = {"counterfactual", "modal", "agency", "set-phrase", "judging", "relationship", "terms", "promise"}
SAFE = {"near-miss", "advice", "preferred", "about-abuser"}


@pytest.fixture(scope="module")
def bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_language", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def halves(bench) -> dict[str, list[dict[str, Any]]]:
    return {half: bench.read_corpus(bench.CORPUS / f"{half}.yaml") for half in bench.HALVES}


def test_the_corpus_is_large_labelled_and_split(halves):
    every = [item for items in halves.values() for item in items]
    assert len(every) >= 200
    assert {item["class"] for item in every if item["label"] == "blame"} == BLAME
    assert {item["class"] for item in every if item["label"] == "safe"} == SAFE
    for items in halves.values():  # both halves have every class
        assert {item["class"] for item in items} == BLAME | SAFE
    # the same words may stand in a document and in a story, where they can be about the abuser
    texts = [(item["text"], item["people"] is None) for item in every]
    assert len(texts) == len(set(texts)), "a sentence is in the corpus twice"
    for item in every:
        assert isinstance(item["text"], str) and item["text"].strip()
        if item["people"] is not None:
            assert set(item["people"]) == {"target", "target_pronouns", "manipulator", "manipulator_pronouns"}


def test_the_rules_meet_the_targets_on_the_tuned_half(bench, shared, halves):
    got = bench.measure(shared.language, halves["tuned"])
    assert got["recall"] >= bench.RECALL_MIN, got["misses"]
    assert got["false_flags"] <= bench.FALSE_FLAGS_MAX, got["false_flagged"]


def test_no_line_of_the_library_is_flagged(bench, shared):
    got = bench.measure_library(shared.language, bench.library_contexts(shared.language))
    assert got["texts"] > 1000
    assert got["flagged"] == 0, got["false_flagged"]


def test_the_benchmark_reports_every_class_of_both_halves(bench, shared, halves):
    for items in halves.values():
        got = bench.measure(shared.language, items)
        assert set(got["classes"]) == BLAME | SAFE
        assert all(("recall" in c) != ("false_flags" in c) for c in got["classes"].values())
