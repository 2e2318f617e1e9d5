"""Language benchmark: how well scenes/language.yaml catches victim-blaming wording, and what it costs.

Run from anywhere:  python bench/language.py  [--show-held-out]

The corpus is tests/language/: tuned.yaml (the sentences the rules were written against) and
held_out.yaml (sentences the rules are never adjusted to, so its figures say how the rules do
on wording they have not seen). Each sentence is labelled blame (by class: counterfactual,
modal, agency, set-phrase, judging, relationship, terms, promise) or safe (near-miss, advice,
preferred, about-abuser). The library's own lines are measured live as the safe class
"library": every line, choice, feedback and note of every shipped story that is not a
manipulator's or a misinformed character's own words.

Targets, on each half of the corpus: recall >= 95% (blaming sentences flagged, as an error or
a warning) and false flags <= 2% (safe sentences flagged); none in the library; and the
language checks' share of `check` on the whole library, checked again unchanged (reading
language.yaml, and the notes the checks keep on each story: check/language_notes.py), no
more than 20% of the 0.3 s the whole check took before the rules grew. The first check of
the library, before any note is kept, is reported too: it searches every line for every entry
and costs more (see docs/safeguarding.md).

Prints one JSON object to stdout; exits 1 if any target is missed. Misses and false flags of
the tuned half are listed; the held-out half's only with --show-held-out, so that nobody tunes
the rules to them by accident.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from game.paths import HOME_ENV  # noqa: E402
from game.story.check import language as rules  # noqa: E402
from game.story.check.context import Context  # noqa: E402
from game.story.library import scenario_files  # noqa: E402
from game.story.load import load_language, read_source  # noqa: E402
from game.story.model import Scenario  # noqa: E402
from game.story.phrase_tokens import People  # noqa: E402
from game.story.phrasebook import Phrasebook  # noqa: E402
from game.story.safe_yaml import Limits  # noqa: E402
from game.story.shared import Shared  # noqa: E402
from game.story.validate import validate  # noqa: E402

SCENES = ROOT / "scenes"
CORPUS = ROOT / "tests" / "language"
HALVES = ("tuned", "held_out")
RECALL_MIN = 0.95
FALSE_FLAGS_MAX = 0.02
CHECK_BEFORE_S = 0.3  # `check scenes`, median, before the rules grew (issue 17)
LANGUAGE_SHARE_MAX_S = 0.2 * CHECK_BEFORE_S
REPEATS = 7


def read_corpus(path: Path) -> list[dict[str, Any]]:
    """Every sentence of one half: text, label (blame/safe), class, and the story's people."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for label, classes in data.get("documents", {}).items():
        for cls, texts in classes.items():
            out += [{"text": t, "label": label, "class": cls, "people": None} for t in texts]
    for story in data.get("stories", []):
        for label in ("blame", "safe"):
            for cls, texts in story.get(label, {}).items():
                out += [{"text": t, "label": label, "class": cls, "people": story["people"]} for t in texts]
    return out


def people_of(spec: dict[str, str]) -> People:
    """The People of a corpus story: its target is the young person, its manipulator is not."""
    return People([spec["target_pronouns"]], [spec["manipulator"].lower()])


def flagged(book: Phrasebook, item: dict[str, Any]) -> list[str]:
    spec = item["people"]
    if spec is None:
        found = book.find(item["text"], "docs")
    else:
        found = book.find(item["text"], "feedback", manipulator=True, people=people_of(spec))
    return [f.phrase for f in found]


def measure(book: Phrasebook, items: list[dict[str, Any]]) -> dict[str, Any]:
    classes: dict[str, dict[str, Any]] = {}
    misses, false_flags = [], []
    for item in items:
        phrases = flagged(book, item)
        c = classes.setdefault(item["class"], {"label": item["label"], "n": 0, "flagged": 0})
        c["n"] += 1
        c["flagged"] += bool(phrases)
        if item["label"] == "blame" and not phrases:
            misses.append(f"{item['class']}: {item['text']}")
        if item["label"] == "safe" and phrases:
            false_flags.append(f"{item['class']}: {item['text']}  <- {phrases}")
    for c in classes.values():
        key = "recall" if c["label"] == "blame" else "false_flags"
        c[key] = round(c["flagged"] / c["n"], 3)
    blame = [c for c in classes.values() if c["label"] == "blame"]
    safe = [c for c in classes.values() if c["label"] == "safe"]
    n_blame, n_safe = sum(c["n"] for c in blame), sum(c["n"] for c in safe)
    return {
        "blaming_sentences": n_blame,
        "safe_sentences": n_safe,
        "recall": round(sum(c["flagged"] for c in blame) / n_blame, 3),
        "false_flags": round(sum(c["flagged"] for c in safe) / n_safe, 3),
        "classes": {name: {k: v for k, v in c.items() if k != "label"} for name, c in sorted(classes.items())},
        "misses": misses,
        "false_flagged": false_flags,
    }


def library_contexts(book: Phrasebook | None) -> list[Context]:
    shared = Shared(signs={}, help=None, themes={}, language=book)
    out = []
    for path in scenario_files(SCENES):
        src, _raw, _diags = read_source(path, Limits())
        if src is None:
            continue
        scenario, _problems = validate(Scenario, src)
        if scenario is not None:
            out.append(Context(src, scenario, shared, Limits(), path.stem))
    return out


def library_texts(ctxs: list[Context]) -> list[tuple[Context, str, str]]:
    """Every text of the library the avoid list applies to: (story, text, place)."""
    return [(ctx, text, place) for ctx in ctxs for _where, text, place, line in rules._texts(ctx)
            if not rules._exempt(ctx, line)]


def measure_library(book: Phrasebook, ctxs: list[Context]) -> dict[str, Any]:
    texts = library_texts(ctxs)
    flags = []
    for ctx, text, place in texts:
        found = book.find(text, place, rules._has_manipulator(ctx), rules.people(ctx))
        flags += [f"{ctx.stem}: {f.phrase!r} in {text[:90]!r}" for f in found]
    return {"texts": len(texts), "flagged": len(flags), "false_flags": round(len(flags) / len(texts), 4),
            "false_flagged": flags}


def time_language_share(ctxs: list[Context], repeats: int) -> float:
    """Median CPU seconds of what the language checks add to `check` of the library: reading
    language.yaml and running them on every story (with the notes they keep, see
    check/language_notes.py, in this process's own user folder)."""
    runs = []
    for _ in range(repeats):
        start = time.process_time()
        book, _problems = load_language(SCENES / "language.yaml")
        shared = Shared(signs={}, help=None, themes={}, language=book)
        for ctx in ctxs:
            ctx.shared = shared
            for rule in rules.LANGUAGE_RULES:
                list(rule(ctx))
        runs.append(time.process_time() - start)
    return statistics.median(runs)


def main(argv: list[str]) -> int:
    # Notes go to a folder of this run's own, so that the first timing is a first check ever.
    os.environ[HOME_ENV] = tempfile.mkdtemp(prefix="bench-language-")
    timing_ctxs = library_contexts(None)
    first = time_language_share(timing_ctxs, 1)  # nothing compiled, no notes: a story's first check
    again = time_language_share(timing_ctxs, REPEATS)  # the same stories again: from the notes
    book, problems = load_language(SCENES / "language.yaml", self_test=True)
    if book is None or problems:
        print(json.dumps({"ok": False, "language.yaml": [d.format() for d in problems]}, indent=2))
        return 1
    report: dict[str, Any] = {}
    ok = True
    for half in HALVES:
        got = measure(book, read_corpus(CORPUS / f"{half}.yaml"))
        got["ok"] = got["recall"] >= RECALL_MIN and got["false_flags"] <= FALSE_FLAGS_MAX
        if half == "held_out" and "--show-held-out" not in argv:
            got["misses"] = len(got["misses"])
            got["false_flagged"] = len(got["false_flagged"])
        report[half] = got
        ok &= got["ok"]
    ctxs = library_contexts(book)
    library = measure_library(book, ctxs)
    library["ok"] = library["flagged"] == 0
    report["library"] = library
    report["timing"] = {"language_first_check_s": round(first, 4), "language_again_s": round(again, 4),
                        "target_again_s": LANGUAGE_SHARE_MAX_S, "ok": again <= LANGUAGE_SHARE_MAX_S}
    ok &= library["ok"] and report["timing"]["ok"]
    report["targets"] = {"recall_min": RECALL_MIN, "false_flags_max": FALSE_FLAGS_MAX}
    report["ok"] = ok
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
