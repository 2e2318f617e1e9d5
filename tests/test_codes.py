"""Every code the checker can give has its page in docs/codes/, in one format, and
`spot-the-signs explain` prints it. (The pages' examples are run by test_docs.py.)

The list of codes is read from the source, never kept by hand: every string in game/ that is
a whole code ("E024") is one the checker can give.
"""

from __future__ import annotations

import ast
import re
from functools import cache

import pytest
from doc_examples import CODE, ROOT, blocks

from game import code_pages
from game.cli import main

PAGES = ROOT / "docs" / "codes"
SECTIONS = ["What it means", "Example", "The message", "How to fix it"]
SEVERITY = {"E": "**Error**: `spot-the-signs check` fails until this is fixed.",
            "W": "**Warning**: the story still works, but `check --strict` fails until this is fixed, and a "
                 "story goes into the library only when `check --strict` passes."}


@cache
def checker_codes() -> frozenset[str]:
    found = set()
    for path in (ROOT / "game").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
                found.add(node.value)
    return frozenset(found)


def page_codes() -> set[str]:
    return {p.stem for p in PAGES.glob("*.md") if CODE.match(p.stem)}


def _format() -> str:
    """The page format, as docs/codes/README.md shows it to contributors."""
    text = (PAGES / "README.md").read_text(encoding="utf-8")
    return text[text.index("````markdown") + len("````markdown\n"):text.rindex("````")]


def test_the_codes_are_found_in_the_source():
    assert {"E001", "E024", "E040", "W041", "W057", "E060"} <= checker_codes()
    assert len(checker_codes()) >= 60


def test_every_code_the_checker_can_give_has_its_page():
    missing = sorted(checker_codes() - page_codes())
    assert not missing, (
        f"The checker can give {', '.join(missing)}, but there is no page for "
        f"{'it' if len(missing) == 1 else 'them'}. Add one file per code: "
        f"{', '.join(f'docs/codes/{c}.md' for c in missing)}, in this format (docs/codes/README.md "
        f"explains it; the example must really give the code, and the message be as printed):\n\n"
        f"{_format().replace('E072', missing[0]).replace(SEVERITY['E'], SEVERITY[missing[0][0]])}")


def test_every_page_is_for_a_code_the_checker_can_give():
    stale = sorted(page_codes() - checker_codes())
    assert not stale, (f"No code in game/ gives {', '.join(stale)} any more: delete "
                       f"{', '.join(f'docs/codes/{c}.md' for c in stale)}, or write the code out whole "
                       "(\"E072\") where its diagnostic is made, so the tests can find it")


@pytest.mark.parametrize("code", sorted(page_codes()))
def test_every_page_follows_the_format(code):
    path = PAGES / f"{code}.md"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    how = f"docs/codes/{code}.md does not follow the format in docs/codes/README.md"
    assert re.fullmatch(rf"# {code}: \S.*", lines[0]), f"{how}: its first line must be '# {code}: a short title'"
    assert lines[2] == SEVERITY[code[0]], f"{how}: its third line must be: {SEVERITY[code[0]]}"
    headings = [ln[3:] for ln in _outside_code(lines) if ln.startswith("## ")]
    assert headings[:4] == SECTIONS and set(headings[4:]) <= {"More examples"}, (
        f"{how}: its sections must be {', '.join(SECTIONS)} (then, if you like, More examples)")
    found = blocks(path)
    example = text.index("## Example\n")
    message = text.index("## The message\n")
    assert any(code in b.fails for b in found if example < _offset(text, b.line) < message), (
        f"{how}: '## Example' must hold a block that starts ```yaml fails {code} (or another file type)")
    assert any(b.lang == "text" for b in found if _offset(text, b.line) > message), (
        f"{how}: '## The message' must hold a ```text block with the message as printed")


def _outside_code(lines: list[str]) -> list[str]:
    out, fence = [], None
    for ln in lines:
        m = re.match(r"^ *(`{3,}|~{3,})", ln)
        if m and (fence is None or m.group(1).startswith(fence)):
            fence = m.group(1) if fence is None else None
        elif fence is None:
            out.append(ln)
    return out


def _offset(text: str, line: int) -> int:
    return sum(len(ln) + 1 for ln in text.split("\n")[:line - 1])


def test_explain_prints_a_codes_page_in_plain_text(capsys):
    assert main(["explain", "e24"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("E024: a condition that cannot be read\n======")
    assert "```" not in out and "**" not in out and "<!--" not in out
    assert "    story.yaml:" in out  # the message, set in like the example
    assert "How to fix it\n-------------" in out


@pytest.mark.parametrize("code", sorted(page_codes()))
def test_explain_covers_every_code(code, capsys):
    assert main(["explain", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{code}: ")
    assert f"[{code}]" in out  # its message, as check prints it


def test_explain_with_no_code_lists_every_code_with_its_title(capsys):
    assert main(["explain"]) == 0
    out = capsys.readouterr().out
    listed = re.findall(r"^([EW]\d{3})  \S", out, re.MULTILINE)
    assert listed == sorted(page_codes())


@pytest.mark.parametrize("word", ["E031", "X12", "E1234", "hello"])
def test_explain_refuses_what_is_not_a_code_in_one_sentence(word, capsys):
    assert main(["explain", word]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"spot-the-signs: {word!r} is not a code the checker gives")
    assert "spot-the-signs explain" in err and "Traceback" not in err


def test_codes_are_read_as_the_checker_writes_them():
    assert [code_pages.normalise(w) for w in ("e24", "E024", "[W4]", "w053", "E1234", "024")] == [
        "E024", "E024", "W004", "W053", None, None]


def test_links_to_other_pages_become_commands_and_files():
    shown = code_pages.for_terminal("See [W059](W059.md), [the guide](../writing.md#signs) and `if:`.\n")
    assert shown == "See W059, the guide (docs/writing.md) and 'if:'.\n"
