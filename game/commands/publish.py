"""spot-the-signs publish: the library (or the stories named) as a static web site, or one story as one file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import EXIT_OK, EXIT_PROBLEMS, ProblemsFound, UsageError, library, load_story

HTML_SUFFIXES = (".html", ".htm")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "publish", help="write the stories as web pages that play in any browser (a site, or one file)",
        description="Write the stories as static web pages that play in any web browser with nothing to install, "
                    "offline from a shared drive, from a VLE or from any web host. With --all (or several "
                    "SCENARIOs) and -o DIR: a site in DIR: index.html (the catalogue), lessons/ID.html (each "
                    "lesson pack, with Play and Present to the class) and stories/ID.html (each story). With one "
                    "SCENARIO and -o FILE.html: that story as one file. Pages fetch nothing and keep nothing; "
                    "nothing uses the network.")
    p.add_argument("scenarios", nargs="*", metavar="SCENARIO", help="story ids or file paths")
    p.add_argument("--all", action="store_true", help="every story in the library")
    p.add_argument("-o", "--output", required=True, metavar="DIR|FILE.html",
                   help="the folder to write the site in, or the .html file for one story")
    p.add_argument("--classroom", metavar="FILE",
                   help="a classroom file (docs/classroom.md) whose school contact every help screen and debrief shows")


def run(args: argparse.Namespace) -> int:
    if args.all and args.scenarios:
        raise UsageError("give either SCENARIOs or --all, not both")
    if not args.all and not args.scenarios:
        raise UsageError("say which stories to publish, or use --all")
    out = Path(args.output)
    one_file = out.suffix.lower() in HTML_SUFFIXES
    if one_file and (args.all or len(args.scenarios) != 1):
        raise UsageError(f"{out.name!r} is one file, which holds one story: name a folder to publish several")
    if not out.parent.is_dir():
        raise UsageError(f"the folder {str(out.parent)!r} does not exist")
    if not one_file and out.exists() and not out.is_dir():
        raise UsageError(f"{str(out)!r} is a file; to publish a site, -o names a folder")
    contact = _contact(args.classroom) if args.classroom else None
    if one_file:
        return _one(args, out, contact)
    return _site(args, out, contact)


def _one(args: argparse.Namespace, out: Path, contact) -> int:
    from game.story.diagnostics import Diagnostic
    from game.web.graph import compile_graph
    from game.web.page import story_page

    story = load_story(args, args.scenarios[0])
    compiled = compile_graph(story)
    if isinstance(compiled, Diagnostic):
        print(compiled.format(), file=sys.stderr)
        raise ProblemsFound(f"{story.path} cannot be published")
    out.write_text(story_page(compiled, contact), encoding="utf-8")
    print(f"wrote {out}")
    return EXIT_OK


def _site(args: argparse.Namespace, folder: Path, contact) -> int:
    from game.story.diagnostics import format_text
    from game.web.site import build_site

    if args.all:
        stories, failed = [], 0
        for path, result in library(args).load_all():
            if result.story is None:
                print(format_text(result.diagnostics), file=sys.stderr)
                print(f"spot-the-signs: {path} has problems, so it is not published.", file=sys.stderr)
                failed += 1
            else:
                stories.append(result.story)
    else:
        stories, failed = [load_story(args, name) for name in dict.fromkeys(args.scenarios)], 0
    site = build_site(stories, contact)
    for problem in site.problems:
        print(problem.format(), file=sys.stderr)
        print(f"spot-the-signs: {problem.path} cannot be published.", file=sys.stderr)
    folder.mkdir(exist_ok=True)
    site.write(folder)
    published = len(stories) - len(site.problems)
    print(f"wrote {published} {'story' if published == 1 else 'stories'} to {folder}: open {folder / 'index.html'}")
    return EXIT_PROBLEMS if failed or site.problems else EXIT_OK


def _contact(name: str):  # -> game.classroom.Contact | None
    from game.classroom import read_classroom
    from game.story.diagnostics import format_text, has_errors

    path = Path(name)
    if not path.is_file():
        raise UsageError(f"there is no classroom file at {name!r}")
    state = read_classroom(path)
    if has_errors(state.diagnostics):
        print(format_text(state.diagnostics), file=sys.stderr)
        raise ProblemsFound(f"{path} has problems, so nothing was published")
    if state.classroom is None or state.classroom.contact is None:
        raise UsageError(f"the classroom file {name!r} names no school contact (see docs/classroom.md)")
    return state.classroom.contact
