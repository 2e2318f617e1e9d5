"""spot-the-signs graph: draw a scenario's story map (.dot, .svg, .png or Mermaid .mmd)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_OK, EXIT_PROBLEMS, UsageError, check_output, load_story, write_output

FORMATS = (".dot", ".svg", ".png", ".mmd")
DOT_TIMEOUT = 60  # seconds; a story map takes well under one
MISSING_DOT = ("drawing a {kind} picture needs Graphviz's 'dot' program, which is not installed: install the "
               "package 'graphviz' (Debian or Ubuntu: sudo apt-get install graphviz), or write a .dot or .mmd file")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("graph", help="draw a scenario's story map: scenes, choices, endings and signs")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a file path")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="where to write the map: .png or .svg (a picture, needs Graphviz), "
                        ".dot (Graphviz text) or .mmd (Mermaid text, for docs)")
    p.add_argument("--direction", choices=["LR", "TB"], default="TB",
                   help="top to bottom (default) or left to right")


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    kind = out.suffix.lower()
    if kind not in FORMATS:
        raise UsageError(f"the map can be written as .png, .svg, .dot or .mmd; {out.name!r} ends in none of them")
    check_output(out, "map.svg")
    dot = None
    if kind in (".svg", ".png"):
        import shutil

        dot = shutil.which("dot")
        if dot is None:
            raise UsageError(MISSING_DOT.format(kind=kind))

    from game.story.explore import explore
    from game.story.load import load_model
    from game.story.model import Scenario
    from game.story.storymap import build_map, choice_conditions, to_dot, to_mermaid

    story = load_story(args, args.scenario)
    scenario, _ = load_model(Scenario, story.path)
    smap = build_map(story, choice_conditions(scenario) if scenario else None, explore(story))
    if kind == ".mmd":
        write_output(out, to_mermaid(smap, args.direction))
    elif kind == ".dot":
        write_output(out, to_dot(smap, args.direction))
    else:
        assert dot is not None
        problem = render(dot, to_dot(smap, args.direction), kind[1:], out)
        if problem:
            print(f"spot-the-signs: {problem}", file=sys.stderr)
            return EXIT_PROBLEMS
    scenes = sum(n.kind == "scene" for n in smap.nodes)
    print(f"Wrote {out}: {scenes} scenes, {len(smap.nodes) - scenes} endings, {len(smap.edges)} arrows.")
    for node in smap.trouble:
        print(f"  {node.id}: {' and '.join(node.warnings)} (drawn in red)")
    for edge in smap.never_offered:
        print(f"  {edge.source} -> {edge.target}: this choice is never offered (drawn in red)")
    return EXIT_OK


def render(dot: str, source: str, fmt: str, out: Path) -> str | None:
    """Run Graphviz; None when the picture was written, else one sentence saying what went wrong."""
    import subprocess

    try:
        done = subprocess.run([dot, f"-T{fmt}", "-o", str(out)], input=source.encode("utf-8"),
                              capture_output=True, timeout=DOT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return f"Graphviz took more than {DOT_TIMEOUT} seconds to draw the map, so it was stopped"
    except OSError as exc:
        return f"Graphviz could not be started: {exc.strerror or exc}"
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return "Graphviz could not draw the map" + (f": {detail[0]}" if detail else "")
    return None
