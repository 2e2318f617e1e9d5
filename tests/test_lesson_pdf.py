"""Lesson packs as PDF: finding a browser, printing with it, the command, and the pack in a real browser.

Most tests use a stand-in browser (a small script that writes a PDF where it is told to), so
they run everywhere. The last ones print the example pack with the real headless Chromium,
Chrome or Edge and read the PDF back with pypdf; they are skipped when there is none.
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.story.library import scenario_files
from game.teacher import pdf
from game.teacher.lesson import build_pack, render_pack

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"
posix_only = pytest.mark.skipif(os.name != "posix", reason="the stand-in browser is a script with a #! line")

FAKE_BROWSER = """#!{python}
# A stand-in for Chromium: writes a small PDF to --print-to-pdf=, and notes its arguments.
import pathlib, sys, time
args = sys.argv[1:]
pathlib.Path({log!r}).open("a").write(repr(args) + "\\n")
mode = {mode!r}
if mode == "hang":
    time.sleep(600)
if mode == "fail":
    print("something went wrong", file=sys.stderr)
    sys.exit(3)
out = next(a.split("=", 1)[1] for a in args if a.startswith("--print-to-pdf="))
page = pathlib.Path(args[-1].removeprefix("file://")).read_text(encoding="utf-8")
pathlib.Path(out).write_bytes(b"%PDF-1.4\\n% " + str(len(page)).encode() + b"\\n" if mode == "ok" else b"<html>")
"""


def fake_browser(folder: Path, mode: str = "ok", name: str = "chromium") -> tuple[Path, Path]:
    """A stand-in browser called ``name`` in ``folder`` ("ok", "fail", "hang" or "junk"); and its log."""
    log = folder / f"{name}.log"
    path = folder / name
    path.write_text(FAKE_BROWSER.format(python=sys.executable, log=str(log), mode=mode), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path, log


def calls(log: Path) -> list[list[str]]:
    import ast

    return [ast.literal_eval(line) for line in log.read_text().splitlines()] if log.exists() else []


# Finding a browser ---------------------------------------------------------------------------


@posix_only
def test_a_browser_on_path_is_found_by_any_of_its_usual_names(tmp_path):
    assert pdf.find_browser(path=str(tmp_path), extra=[]) is None
    browser, _ = fake_browser(tmp_path, name="google-chrome")
    assert pdf.find_browser(path=str(tmp_path), extra=[]) == browser
    chromium, _ = fake_browser(tmp_path, name="chromium")
    assert pdf.find_browser(path=str(tmp_path), extra=[]) == chromium  # most specific name first


@posix_only
def test_a_browser_in_an_install_folder_is_found_when_none_is_on_path(tmp_path):
    app, _ = fake_browser(tmp_path, name="Google Chrome")
    assert pdf.find_browser(path=str(tmp_path / "empty"), extra=[tmp_path / "nothing-here", app]) == app


def test_the_usual_install_folders_on_windows_and_macos():
    win = pdf.install_paths("win32", {"PROGRAMFILES": r"C:\Program Files", "LOCALAPPDATA": r"C:\Users\t\AppData\Local"})
    names = [str(p).replace("\\", "/") for p in win]
    assert "C:/Program Files/Google/Chrome/Application/chrome.exe" in names
    assert "C:/Users/t/AppData/Local/Google/Chrome/Application/chrome.exe" in names
    assert any(n.endswith("Microsoft/Edge/Application/msedge.exe") for n in names)
    mac = [str(p) for p in pdf.install_paths("darwin", {})]
    assert "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" in mac
    assert any(p.endswith("Microsoft Edge.app/Contents/MacOS/Microsoft Edge") for p in mac)
    assert pdf.install_paths("linux", {}) == []  # on Linux the browsers are on PATH


# The browser's command line ------------------------------------------------------------------


def test_the_command_prints_headless_without_header_footer_or_network(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "_running_as_root", lambda: False)
    html = tmp_path / "pack.html"
    args = pdf.command(Path("/usr/bin/chromium"), html, tmp_path / "pack.pdf", tmp_path / "profile")
    assert args[0] == "/usr/bin/chromium" and args[-1] == html.resolve().as_uri()
    for flag in ("--headless", "--disable-gpu", "--no-pdf-header-footer", f"--user-data-dir={tmp_path / 'profile'}",
                 f"--print-to-pdf={tmp_path / 'pack.pdf'}", "--disable-background-networking",
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--no-first-run"):
        assert flag in args, flag
    assert "--no-sandbox" not in args


def test_the_sandbox_is_turned_off_only_when_running_as_root(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "_running_as_root", lambda: True)
    args = pdf.command(Path("chromium"), tmp_path / "a.html", tmp_path / "a.pdf", tmp_path)
    assert "--no-sandbox" in args


# Printing ------------------------------------------------------------------------------------


@posix_only
def test_printing_writes_the_pdf_from_a_page_beside_it_and_leaves_nothing_else(tmp_path):
    browser, log = fake_browser(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    pdf.print_html_to_pdf(browser, "<p>hello</p>", out / "pack.pdf")
    assert (out / "pack.pdf").read_bytes().startswith(b"%PDF-")
    assert [p.name for p in out.iterdir()] == ["pack.pdf"]
    (args,) = calls(log)
    page = Path(args[-1].removeprefix("file://"))
    assert page.parent == out.resolve()  # beside the output, not in /tmp (a snap browser cannot see /tmp)
    profile = next(a.split("=", 1)[1] for a in args if a.startswith("--user-data-dir="))
    assert not Path(profile).exists()  # the temporary profile is removed


@posix_only
@pytest.mark.parametrize(("mode", "words"), [("fail", "exit code 3: something went wrong"),
                                              ("junk", "it wrote no PDF")])
def test_a_browser_that_fails_says_so_in_one_sentence_and_leaves_no_file(tmp_path, mode, words):
    browser, _ = fake_browser(tmp_path, mode)
    out = tmp_path / "out"
    out.mkdir()
    (out / "pack.pdf").write_bytes(b"%PDF- an older pack")
    with pytest.raises(pdf.PrintFailed, match=re.escape(words)):
        pdf.print_html_to_pdf(browser, "<p>hello</p>", out / "pack.pdf")
    assert [p.name for p in out.iterdir()] == ["pack.pdf"]
    assert (out / "pack.pdf").read_bytes() == b"%PDF- an older pack"  # an older pack is not half-replaced


@posix_only
def test_a_browser_that_hangs_is_stopped_at_the_time_limit(tmp_path):
    browser, log = fake_browser(tmp_path, "hang")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(pdf.PrintFailed, match=r"took longer than 0\.5 seconds"):
        pdf.print_html_to_pdf(browser, "<p>hello</p>", out / "pack.pdf", timeout=0.5)
    assert list(out.iterdir()) == []
    assert len(calls(log)) == 1


# The command ---------------------------------------------------------------------------------


@pytest.fixture
def no_browser(monkeypatch):
    monkeypatch.setattr(pdf, "find_browser", lambda *a, **k: None)


def test_without_a_browser_a_pdf_alone_is_refused_in_one_sentence_and_nothing_is_written(no_browser, tmp_path,
                                                                                          capsys):
    assert main(["lesson", "example", "-o", str(tmp_path / "pack.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("spot-the-signs: making a PDF needs Chromium")
    assert "-o pack.html" in err
    assert list(tmp_path.iterdir()) == []


def test_without_a_browser_the_html_asked_for_is_still_written(no_browser, tmp_path, capsys):
    assert main(["lesson", "example", "-o", str(tmp_path / "pack.html"), "--pdf"]) == 2
    out, err = capsys.readouterr()
    assert [p.name for p in tmp_path.iterdir()] == ["pack.html"]
    assert f"wrote {tmp_path / 'pack.html'}" in out
    assert err.count("\n") == 1 and "no PDF was made" in err and "pack.html is written" in err


def test_without_a_browser_all_packs_are_still_written_as_html(no_browser, tmp_path, capsys):
    folder = tmp_path / "packs"
    assert main(["lesson", "--all", "--pdf", "-o", str(folder)]) == 2
    assert not list(folder.glob("*.pdf"))
    assert {p.stem for p in folder.glob("*.html")} == {p.stem for p in scenario_files(SCENES)} | {"index"}
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no PDFs were made" in err


@posix_only
def test_html_and_pdf_are_both_written_with_pdf(tmp_path, capsys):
    browser, log = fake_browser(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["lesson", "example", "-o", str(out / "pack.html"), "--pdf", "--browser", str(browser)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["pack.html", "pack.pdf"]
    printed = (out / "pack.pdf").read_bytes()
    assert printed == b"%PDF-1.4\n% " + str(len((out / "pack.html").read_text(encoding="utf-8"))).encode() + b"\n"
    assert capsys.readouterr().out.splitlines() == [f"wrote {out / 'pack.html'}", f"wrote {out / 'pack.pdf'}"]
    assert len(calls(log)) == 1


@posix_only
def test_a_pdf_output_writes_only_the_pdf(tmp_path):
    browser, _ = fake_browser(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["lesson", "example", "-o", str(out / "pack.pdf"), "--browser", str(browser)]) == 0
    assert [p.name for p in out.iterdir()] == ["pack.pdf"]


@posix_only
def test_all_with_pdf_makes_one_pdf_per_scenario_and_links_them(tmp_path):
    browser, log = fake_browser(tmp_path)
    folder = tmp_path / "packs"
    assert main(["lesson", "--all", "--pdf", "-o", str(folder), "--browser", str(browser)]) == 0
    ids = {p.stem for p in scenario_files(SCENES)}
    assert {p.stem for p in folder.glob("*.pdf")} == ids
    assert len(calls(log)) == len(ids)
    index = (folder / "index.html").read_text(encoding="utf-8")
    for i in ids:
        assert f'<a href="{i}.pdf">PDF</a>' in index


@posix_only
def test_a_browser_that_fails_makes_the_command_exit_1_with_one_sentence(tmp_path, capsys):
    browser, _ = fake_browser(tmp_path, "fail")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["lesson", "example", "-o", str(out / "pack.pdf"), "--browser", str(browser)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("spot-the-signs: chromium could not print pack.pdf")
    assert list(out.iterdir()) == []


# The pack in a real browser -------------------------------------------------------------------

BROWSER = pdf.find_browser()
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no Chromium, Chrome or Edge here to print with")

# Each section of the pack, as printed, starts on a new page with its heading.
SECTIONS = ("The full script by route", "Discussion questions", "If a pupil discloses", "Help routes")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _section_starts(pages: list[str]) -> list[int]:
    """The page on which each of SECTIONS starts (the first page that begins with its heading)."""
    starts = []
    for heading in SECTIONS:
        found = [i for i, text in enumerate(pages) if text.startswith(heading)]
        assert found, f"no printed page starts with {heading!r}"
        starts.append(found[0])
    return starts


@pytest.fixture(scope="module")
def example(shared):
    from game.story.load import load_scenario

    story = load_scenario(SCENES / "example.yaml", shared).story
    assert story is not None
    return story


@pytest.fixture(scope="module")
def printed(example, tmp_path_factory):
    """The example pack printed by the real browser: (pypdf reader, each page's text)."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf (in the test extra) reads the printed PDF back")
    out = tmp_path_factory.mktemp("printed") / "example.pdf"
    pdf.print_html_to_pdf(BROWSER, render_pack(build_pack(example)), out)
    reader = pypdf.PdfReader(out)
    return reader, [_flat(page.extract_text()) for page in reader.pages]


@needs_browser
def test_the_printed_pack_is_a4_and_each_section_starts_a_new_page(printed, example):
    reader, pages = printed
    assert 5 <= len(pages) <= 12  # one page at least per section; the example is short
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)  # A4, in mm
    assert pages[0].startswith(example.title)
    starts = _section_starts(pages)
    assert starts == sorted(starts) and starts[0] > 0
    assert starts[-1] == len(pages) - 1  # help routes and follow-up ideas: one page to hand out


@needs_browser
def test_every_section_of_the_printed_pack_has_its_key_text(printed, example):
    _, pages = printed
    starts = [0, *_section_starts(pages), len(pages)]
    section = [" ".join(pages[a:b]) for a, b in itertools.pairwise(starts)]
    before, script, discussion, disclosure, help_ = section
    pack = build_pack(example)
    first = pack.routes[0].steps[0]
    expected = {
        "before": [example.title, "Ages 11-13", f"About {example.minutes} minutes", *example.objectives,
                   'Talk about "a young person", not yourself', *example.content_notes, "Before the lesson:",
                   _flat(example.summary)],
        "script": [first.lines[0].text, *(o.text for o in first.options), *(o.feedback for o in first.options),
                   "Warning sign: Too good to be true.", "not Mia's fault", "Jay is responsible",
                   *(f'Route {r.number}: ending "{r.ending_title}"' for r in pack.routes)],
        "discussion": [*(q.ask for q in example.questions), *(_flat(q.notes) for q in example.questions if q.notes)],
        "disclosure": ["Follow your school's safeguarding policy", "designated safeguarding lead (DSL)",
                       "Do not promise secrecy", "call 999"],
        "help": ["Childline: Call 0800 1111", "CEOP Safety Centre", "NSPCC helpline: Call 0808 800 5000",
                 "Follow-up ideas", *example.follow_up],
    }
    for (name, wanted), text in zip(expected.items(), section, strict=True):
        for words in wanted:
            assert _flat(words) in text, f"{words!r} is not in the printed {name} section"
    assert script.count("not Mia's fault") == len(pack.routes)  # the debrief at every ending printed
    assert before and discussion and disclosure and help_
