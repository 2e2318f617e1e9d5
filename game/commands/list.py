"""spot-the-signs list: the scenarios, with band, minutes and signs."""

from __future__ import annotations

import argparse
import json
import sys

from game.commands import EXIT_OK, scenes_folder


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the scenarios")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument("--band", choices=["11-13", "14-16"], help="only this age band")


def run(args: argparse.Namespace) -> int:
    from game.library_index import as_rows, catalogue
    from game.paths import scenes_dir

    # the library index (game/library_index.py): only files changed since the last listing are read
    found = catalogue(scenes_folder(args), fallback=scenes_dir())
    rows = as_rows(s for s in found.stories if not args.band or s.band == args.band)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        if not rows:
            print("No scenarios found.")
        width = max((len(r["id"]) for r in rows), default=2)
        for r in rows:
            print(f"{r['id']:<{width}}  {r['band']}  {r['minutes']:>3} min  {r['title']}  "
                  f"({len(r['signs'])} signs: {', '.join(r['signs'])})")
    broken = len(found.broken)
    if broken:
        print(f"{broken} scenario file{'s' if broken != 1 else ''} could not be loaded; "
              "run 'spot-the-signs check' to see why.", file=sys.stderr)
    return EXIT_OK
