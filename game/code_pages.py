"""The reference page of each checker code (docs/codes/E024.md ...), found and shown in a terminal.

The pages are the one source: `spot-the-signs explain` prints them, the docs link to them, and
the tests check that every code the checker can give has one whose example really gives it.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.paths import project_dir

_CODE = re.compile(r"^([EW])0*(\d{1,3})$", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_COMMENT = re.compile(r"<!--.*?-->")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def pages_dir() -> Path:
    return project_dir("docs") / "codes"


def normalise(code: str) -> str | None:
    """'e24', 'E024' and 'w4' as the checker writes them ('E024', 'W004'); None if not a code."""
    m = _CODE.match(code.strip().strip("[]"))
    if not m or len(m.group(2)) > 3:
        return None
    return f"{m.group(1).upper()}{int(m.group(2)):03d}"


def page(code: str) -> Path | None:
    path = pages_dir() / f"{code}.md"
    return path if path.is_file() else None


def titles() -> list[tuple[str, str]]:
    """(code, title) of every page, in code order: the first line is '# E024: a title'."""
    found = []
    for path in sorted(pages_dir().glob("[EW][0-9][0-9][0-9].md")):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        found.append((path.stem, first.partition(": ")[2].strip() or first.lstrip("# ")))
    return found


def for_terminal(markdown: str) -> str:
    """A page as plain text: headings underlined, code set in, links as the command or file to open."""
    out: list[str] = []
    in_code = False
    for line in _COMMENT.sub("", markdown).split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            out.append(f"    {line}" if line else "")
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            heading = _inline(line.lstrip("#").strip())
            out += [heading, ("=" if level == 1 else "-") * len(heading)]
            continue
        out.append(_inline(line))
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def _inline(text: str) -> str:
    text = _LINK.sub(_link, text)
    return re.sub(r"`+([^`]+)`+", r"'\1'", text).replace("**", "")


def _link(m: re.Match[str]) -> str:
    words, target = m.group(1), m.group(2)
    code = re.fullmatch(r"([EW]\d{3})\.md", target)
    if code:
        return words if words == code.group(1) else f"{words} ({code.group(1)})"
    if target.startswith(("http://", "https://")):
        return f"{words} ({target})"
    name = target.split("#", 1)[0]
    if name.startswith("../"):
        name = f"docs/{name[3:]}"
    return f"{words} ({name})"
