"""spot-the-signs stats: a scenario in figures (words, scenes, routes, signs, reading level, minutes)."""

from __future__ import annotations

import argparse

from game.commands import EXIT_OK, load_story


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="a scenario in figures: words, routes, signs, reading level, minutes")
    p.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a file path")
    p.add_argument("--json", action="store_true", help="print a JSON object")


def run(args: argparse.Namespace) -> int:
    from game.story.explore import explore
    from game.story.stats import story_stats, to_text

    story = load_story(args, args.scenario)
    stats = story_stats(story, explore(story))
    if args.json:
        import json

        print(json.dumps(stats, indent=2, ensure_ascii=False))
    else:
        print(to_text(stats))
    return EXIT_OK
