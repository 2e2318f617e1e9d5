"""spot-the-signs schema: write the JSON Schema of a scenario file, for editors that check as you type."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_OK, check_output, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="write the JSON Schema of a scenario file (for editors such as VS Code)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="the file to write, e.g. schema/scenario.schema.json (default: print it)")


def run(args: argparse.Namespace) -> int:
    from game.story.schema import schema_text

    text = schema_text()
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    out = Path(args.output)
    check_output(out, "scenario.schema.json")
    write_output(out, text)
    print(f"Wrote {out}.")
    return EXIT_OK
