"""The table of scenarios in docs/teaching.md, made from the library so it never goes stale.

The table sits between two HTML comments (``START`` and ``END``) in the page; everything else
in the page is written by hand. ``python -m game.teacher.teaching_doc`` rewrites the table in
docs/teaching.md, and a test fails when the page no longer matches the scenarios.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from game.story.story import Story

START = "<!-- scenario table: start (made by python -m game.teacher.teaching_doc; do not edit by hand) -->"
END = "<!-- scenario table: end -->"
COMMAND = "python -m game.teacher.teaching_doc"
SETTINGS = {"online": "online", "in-person": "in person", "both": "online and in person"}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def scenario_table(stories: Iterable[Story]) -> str:
    """A Markdown table: the younger band first, then by length and title."""
    rows = sorted(stories, key=lambda s: (s.band, s.minutes, s.title.casefold()))
    out = ["| story | id | ages | minutes | setting | themes |", "|---|---|---|---|---|---|"]
    for s in rows:
        themes = "; ".join(s.shared.themes[t].name if t in s.shared.themes else t for t in s.themes)
        out.append(f"| {_cell(s.title)} | `{s.id}` | {s.band} | {s.minutes} | {SETTINGS.get(s.setting, s.setting)} "
                   f"| {_cell(themes)} |")
    return "\n".join(out)


def with_table(page: str, table: str) -> str:
    """The page with the text between the markers replaced by ``table``."""
    if page.count(START) != 1 or page.count(END) != 1 or page.index(START) > page.index(END):
        raise ValueError("the page needs the scenario table's start and end markers, once each, in that order")
    head, rest = page.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{table}\n{END}{tail}"


def library_stories(scenes: Path | None = None) -> list[Story]:
    """Every scenario in the library that loads (one that does not is left out: `check` says why)."""
    from game.paths import scenes_dir
    from game.story.library import Library

    return [r.story for _, r in Library(scenes or scenes_dir()).load_all() if r.story is not None]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    page = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "docs" / "teaching.md"
    text = page.read_text(encoding="utf-8")
    try:
        new = with_table(text, scenario_table(library_stories()))
    except ValueError as exc:
        print(f"{page}: {exc}", file=sys.stderr)
        return 1
    if new != text:
        page.write_text(new, encoding="utf-8")
    print(f"{'updated' if new != text else 'already up to date:'} {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
