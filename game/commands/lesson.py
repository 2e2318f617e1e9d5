"""spot-the-signs lesson: a printable lesson pack (HTML, PDF or both) for one scenario, or for all of them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    ProblemsFound,
    UsageError,
    check_output,
    check_output_folder,
    library,
    load_story,
    output_error,
    write_output,
)

HTML_SUFFIXES = (".html", ".htm")
BROWSERS = "Chromium, Google Chrome or Microsoft Edge"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lesson", help="write a printable lesson pack (HTML or PDF) for a scenario, or for all of them",
        description="Write a lesson pack for teachers: objectives, ground rules, content notes, a baseline "
                    "activity, the script by route with the warning signs highlighted, the debriefs, discussion "
                    "questions, an end-of-lesson assessment, what to do if a pupil discloses, help routes and "
                    "follow-up ideas. -o pack.html writes the page to print "
                    "from any browser; -o pack.pdf writes a PDF; -o pack.html --pdf writes both (pack.html and "
                    "pack.pdf). A PDF is printed by " + BROWSERS + " running headless, found on PATH or where "
                    "it is usually installed (or named with --browser); without one, no PDF is made and the "
                    "command exits 2 (any HTML asked for is still written). Nothing uses the network.")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario id or a file path")
    p.add_argument("--all", action="store_true",
                   help="one pack per scenario, plus index.html, in the folder -o DIR (with --pdf: a .pdf beside "
                        "each .html)")
    p.add_argument("-o", "--output", required=True, metavar="FILE|DIR",
                   help="the .html or .pdf file to write (with --all: the folder to write the packs in)")
    p.add_argument("--pdf", action="store_true", help="also print each pack to a .pdf beside its .html")
    p.add_argument("--browser", metavar="PATH", help=f"the browser to print PDFs with ({BROWSERS}); "
                                                    "found by itself if not given")


def run(args: argparse.Namespace) -> int:
    if args.all and args.scenario:
        raise UsageError("give either a SCENARIO or --all, not both")
    if not args.all and not args.scenario:
        raise UsageError("say which scenario to make a lesson pack for, or use --all")
    if args.browser and not Path(args.browser).is_file():
        raise UsageError(f"there is no browser at {args.browser!r}")
    if args.all:
        return _run_all(args, Path(args.output))
    from game.teacher.lesson import build_pack, render_pack

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (*HTML_SUFFIXES, ".pdf"):
        raise UsageError(f"a lesson pack is written as an .html or a .pdf file; {out.name!r} is neither")
    html_out = out if suffix in HTML_SUFFIXES else None
    pdf_out = out if suffix == ".pdf" else (out.with_suffix(".pdf") if args.pdf else None)
    for target in (html_out, pdf_out):
        if target is not None:
            check_output(target, f"lesson{target.suffix}")
    browser = _browser(args) if pdf_out else None
    if pdf_out and browser is None and html_out is None:
        raise UsageError(f"making a PDF needs {BROWSERS} and none was found (name one with --browser PATH); "
                         f"write the pack with -o {out.with_suffix('.html').name} and print it from any browser")
    story = load_story(args, args.scenario)
    html = render_pack(build_pack(story))
    if html_out:
        write_output(html_out, html)
        print(f"wrote {html_out}")
    if pdf_out is None:
        return EXIT_OK
    if browser is None:
        assert html_out is not None  # without HTML to fall back on, this was refused before writing anything
        return _no_browser(html_out)
    from game.teacher.pdf import PrintFailed, print_html_to_pdf

    try:
        print_html_to_pdf(browser, html, pdf_out)
    except PrintFailed as exc:
        print(f"spot-the-signs: {exc}.", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:  # the folder refused the browser's working copy
        raise ProblemsFound(output_error(pdf_out, exc)) from None
    print(f"wrote {pdf_out}")
    return EXIT_OK


def _browser(args: argparse.Namespace) -> Path | None:
    from game.teacher.pdf import find_browser

    return Path(args.browser) if args.browser else find_browser()


def _no_browser(html: Path) -> int:
    print(f"spot-the-signs: no PDF was made because {BROWSERS} was not found (name one with --browser PATH); "
          f"{html} is written, so open it in a browser and print it.", file=sys.stderr)
    return EXIT_USAGE


def _run_all(args: argparse.Namespace, folder: Path) -> int:
    from game.story.diagnostics import format_text
    from game.teacher.lesson import build_pack, render_index, render_pack

    check_output_folder(folder)  # with --all, -o names a folder
    lib = library(args)
    browser = _browser(args) if args.pdf else None
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ProblemsFound(output_error(folder, exc)) from None
    written = []
    failed = 0
    for path, result in lib.load_all():
        if result.story is None:
            print(format_text(result.diagnostics), file=sys.stderr)
            print(f"spot-the-signs: {path} has problems, so it has no lesson pack.", file=sys.stderr)
            failed += 1
            continue
        pack = build_pack(result.story)
        name = f"{pack.story.id}.html"
        html = folder / name
        write_output(html, render_pack(pack))
        pdf = _print_one(browser, html) if browser else None
        failed += bool(browser) and pdf is None
        written.append((pack, name, pdf))
    write_output(folder / "index.html", render_index(written))
    pdfs = sum(pdf is not None for _, _, pdf in written)
    also = f" ({_count(pdfs, 'PDF')})" if pdfs else ""
    print(f"wrote {_count(len(written), 'lesson pack')}{also} and index.html to {folder}")
    if args.pdf and browser is None:
        print(f"spot-the-signs: no PDFs were made because {BROWSERS} was not found (name one with --browser "
              f"PATH); open the .html packs in {folder} in a browser and print them.", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_PROBLEMS if failed else EXIT_OK


def _print_one(browser: Path, html: Path) -> str | None:
    """Print one pack beside its HTML; the PDF's file name, or None (said on stderr) if it failed."""
    from game.teacher.pdf import PrintFailed, print_to_pdf

    pdf = html.with_suffix(".pdf")
    try:
        print_to_pdf(browser, html, pdf)
    except PrintFailed as exc:
        print(f"spot-the-signs: {exc}.", file=sys.stderr)
        return None
    return pdf.name


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
