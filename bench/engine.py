"""Engine benchmark: load, runtime, save/restore, memory and CLI start-up, against floors.

Run from anywhere:  python bench/engine.py

Every target is a ratio against a floor measured in the same run (or an absolute bound that
is generous on a 2-core machine), so a slow machine does not fail the run on its own.
Prints one JSON object to stdout; exits 1 if any target is missed. Speed targets live here
only, never in the unit tests.

The scenarios are synthetic but shaped like real ones: 4-8 lines a scene in the shorthand
forms, warning signs valid for the 11-13 band, 2-3 choices with feedback, flags and counters
set, added and tested. Scene i always leads on to scene i+1 and the last scene to an ending,
so every scene is reachable and can reach an ending; extra random edges add loops and
shortcuts to the endings.
"""

from __future__ import annotations

import gc
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from game.story.load import load_shared, load_text  # noqa: E402
from game.story.runtime import Playthrough  # noqa: E402
from game.story.safe_yaml import Limits  # noqa: E402
from game.story.shared import Shared  # noqa: E402
from game.story.story import Story  # noqa: E402

SCENES = ROOT / "scenes"
BAND = "11-13"
# Room for the 10k-scene file; every other limit stays at its default.
LIMITS = Limits(max_bytes=32 * 1024 * 1024, max_scenes=20_000)

# --- the synthetic scenario --------------------------------------------------------------

_FLAGS = ("asked", "worried_aloud", "told_adult", "noticed")
_COUNTERS = ("trust", "courage")
_CONDITIONS = (
    "asked", "not told_adult", "trust >= 1", "trust >= 2", "courage > 0", "asked and trust >= 1",
    "noticed or worried_aloud", "not (asked and told_adult)",
)
_ENDINGS = {
    "told-teacher": ("Mia is believed", "hopeful"),
    "mum-listens": ("A trusted adult helps", "hopeful"),
    "not-yet": ("It's not too late", "open"),
}
_NARRATION = (
    "It's lunchtime and the hall is loud.", "Mia checks her phone again.", "The bus is late today.",
    "You walk home the long way.", "Mia goes quiet when you sit down.", "Rain taps on the window.",
    "The bell rings for the next lesson.", "Mia hides her screen from you.", "Nobody else seems to notice.",
    "A new message pops up.", "Mia smiles at her phone.", "The corridor is nearly empty.",
)
_SAYS = {
    "mia": ("Jay says I'm really mature.", "Look, Jay liked my drawing again.", "I'm fine, honestly.",
            "Jay wants to chat somewhere else.", "Can you keep a secret?", "I don't want to go home yet.",
            "Jay said nobody gets me like they do.", "I think I'm in trouble."),
    "sam": ("That sounds a bit odd to me.", "Are you OK? You seem quiet.", "Who is Jay, really?",
            "I'm here if you want to talk.", "Your drawings are great.", "We could ask Ms Okafor."),
    "jay": ("ur so mature for ur age", "dont tell anyone about us ok", "lets use Whisper instead",
            "send me a pic, just ur face", "ur family wouldnt understand", "I got you a little present"),
    "ms-okafor": ("Thank you for telling me.", "It isn't your fault.", "You did the right thing.",
                  "Let's make a plan together."),
}
_SPEAKERS = tuple(_SAYS)
_CHOICES = (
    "Ask Mia what Jay said.", "Say it doesn't feel right.", "Talk about something else.",
    "Tell Ms Okafor after class.", "Say nothing for now.", "Text Mia later to check in.",
    "Tell your mum tonight.", "Offer to go with Mia.",
)
_FEEDBACK = (
    "Asking kindly keeps Mia talking.", "Noticing is a good start.", "It's never too late to tell.",
    "A trusted adult can help.", "That's a normal thing to do.", "Going together makes it easier.",
)


def band_signs(shared: Shared, band: str = BAND) -> list[str]:
    """The sign ids that a scenario of ``band`` may use, in the order of signs.yaml."""
    return [sid for sid, info in shared.signs.items() if band in info.bands]


def generate(n_scenes: int, signs: Sequence[str], seed: int = 1) -> str:
    """A valid scenario of ``n_scenes`` scenes as YAML text, the same for the same seed."""
    rng = random.Random(seed)
    out: list[str] = [
        "id: bench", "title: Benchmark story", 'band: "11-13"', "minutes: 30", "setting: both",
        "summary: A synthetic story for the engine benchmark.", "pupil_summary: A long day for Mia.",
        "content_notes: [Online grooming]", "objectives: [Recognise warning signs]",
        "questions: [What did Jay do?]", "themes: [online-contact]", "state:",
    ]
    out += [f"  {f}: false" for f in _FLAGS] + [f"  {c}: 0" for c in _COUNTERS]
    out += [
        "characters:",
        "  sam: {name: Sam, role: player}",
        "  mia: {name: Mia, role: target, age: 12}",
        "  jay: {name: Jay, role: manipulator}",
        "  ms-okafor: {name: Ms Okafor, role: trusted-adult}",
        "start: s0",
        "scenes:",
    ]
    endings = list(_ENDINGS)
    for i in range(n_scenes):
        out.append(f"  s{i}:")
        if rng.random() < 0.3:
            out.append("    kind: chat")
        out.append("    lines:")
        for _ in range(rng.choice((4, 4, 5, 5, 6, 7, 8))):
            roll = rng.random()
            if roll < 0.3:
                out.append(f"      - {rng.choice(_NARRATION)}")
                continue
            who = "narrator" if roll < 0.35 else rng.choice(_SPEAKERS)
            text = rng.choice(_NARRATION) if who == "narrator" else rng.choice(_SAYS[who])
            out.append(f"      - {who}: {text}")
            if who == "narrator" or rng.random() < 0.2:
                out.append(f"        sign: {rng.choice(signs)}")
            if rng.random() < 0.08:
                out.append(f"        if: {rng.choice(_CONDITIONS)}")
        out.append("    choices:")
        last = i == n_scenes - 1
        for c in range(rng.choice((2, 2, 3))):
            if c == 0:  # the spine: every scene reachable, every scene able to end
                go = endings[0] if last else f"s{i + 1}"
            elif last:
                go = endings[c]
            elif rng.random() < 0.04:
                go = rng.choice(endings)
            else:
                go = f"s{rng.randrange(n_scenes)}"
            out.append(f"      - text: {rng.choice(_CHOICES)}")
            out.append(f"        go: {go}")
            out.append(f"        feedback: {rng.choice(_FEEDBACK)}")
            if c > 0 and rng.random() < 0.1:  # the spine stays unconditional: never a dead end
                out.append(f"        if: {rng.choice(_CONDITIONS)}")
            roll = rng.random()
            if roll < 0.2:
                out.append(f"        set: {{{rng.choice(_FLAGS)}: true}}")
            elif roll < 0.35:
                out.append(f"        add: {{{rng.choice(_COUNTERS)}: 1}}")
            if rng.random() < 0.1:
                out.append("        helps: true")
    out.append("endings:")
    for eid, (title, tone) in _ENDINGS.items():
        out += [f"  {eid}:", f"    title: {title}", f"    tone: {tone}", "    lines:",
                "      - Ms Okafor helps Mia report the account.", "      - mia: I'm glad I told you, Sam."]
    out.append("")
    return "\n".join(out)


def load_generated(n_scenes: int, seed: int = 1, shared: Shared | None = None) -> tuple[str, Story]:
    """Generate and load a scenario; raise if it does not load cleanly (no errors, no warnings)."""
    if shared is None:
        shared = load_shared(SCENES)[0]
    text = generate(n_scenes, band_signs(shared), seed)
    result = load_text(text, "bench.yaml", shared, LIMITS)
    if result.story is None or result.diagnostics:
        problems = "; ".join(f"{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics[:5])
        raise RuntimeError(f"the {n_scenes}-scene synthetic scenario does not load cleanly: {problems}")
    return text, result.story


# --- timing helpers --------------------------------------------------------------------------


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (the minimum is the least noisy estimate)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def target(value: float, limit: float, **figures: object) -> dict[str, object]:
    return {**figures, "value": round(value, 4), "target": limit, "ok": value <= limit}
