"""The code blocks of the docs, and what each one claims, so the tests can hold the docs to it.

What a fenced block's info string says (docs/codes/README.md shows writers the same):

    ```yaml                     a whole story file that passes `check --strict`
    ```yaml fails E024          a whole file that gives E024 (several codes may follow "fails")
    ```yaml part                a part of a file: YAML reads it without a problem
    ```yaml part fails E001     a part of a file that YAML cannot read: gives E001
    ```text                     after a "fails" block: the messages it gives, exactly as printed
    ```text  starting "$ "      a command and its output ("..." stands for any lines)

Options after the words, for files a code block cannot hold as they are:
    file=NAME           the file's name (default: the story's id + .yaml, or story.yaml)
    encoding=cp1252     written in that encoding instead of UTF-8
    control-pictures    each control picture (␋ U+240B ...) written as the invisible character it shows
    repeat-last=N       the last line written N more times
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from game.story.diagnostics import Diagnostic, format_text

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"
CODE = re.compile(r"^[EW]\d{3}$")
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_ID = re.compile(r"^id:\s*(\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    doc: Path
    line: int  # the line of the opening fence, 1-based
    lang: str
    words: tuple[str, ...]
    text: str

    @property
    def where(self) -> str:
        return f"{self.doc.relative_to(ROOT).as_posix()}:{self.line}"

    @property
    def fails(self) -> tuple[str, ...]:
        if "fails" not in self.words:
            return ()
        return tuple(w for w in self.words[self.words.index("fails") + 1:] if CODE.match(w))

    @property
    def is_part(self) -> bool:
        return "part" in self.words

    @property
    def is_story(self) -> bool:
        """A whole file presented as passing `check --strict`."""
        return self.lang == "yaml" and not self.is_part and not self.fails

    @property
    def is_transcript(self) -> bool:
        return self.lang == "text" and self.text.startswith("$ ")

    def option(self, name: str) -> str | None:
        for word in self.words:
            if word.startswith(f"{name}="):
                return word.split("=", 1)[1]
        return None

    def file_name(self) -> str:
        named = self.option("file")
        if named:
            return named
        m = _ID.search(self.text)
        return f"{m.group(1)}.yaml" if m else "story.yaml"

    def file_bytes(self) -> bytes:
        text = self.text
        if "control-pictures" in self.words:
            text = "".join(chr(ord(ch) - 0x2400) if 0x2400 <= ord(ch) <= 0x241F else ch for ch in text)
        repeat = self.option("repeat-last")
        if repeat:
            last = text.rstrip("\n").rsplit("\n", 1)[-1]
            text += (last + "\n") * int(repeat)
        return text.encode(self.option("encoding") or "utf-8")


def blocks(doc: Path) -> list[Block]:
    """Every fenced block of a Markdown file, indented ones (in lists) included."""
    found: list[Block] = []
    lines = doc.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence = len(m.group("indent")), m.group("fence")
        words = tuple(m.group("info").split())
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not re.match(rf"^ {{0,{indent + 3}}}{re.escape(fence[0])}{{{len(fence)},}}\s*$",
                                               lines[j]):
            body.append(lines[j][indent:] if lines[j][:indent].strip() == "" else lines[j])
            j += 1
        found.append(Block(doc, i + 1, words[0] if words else "", words[1:], "\n".join(body) + "\n"))
        i = j + 1
    return found


def messages_after(all_blocks: list[Block], block: Block) -> Block | None:
    """The messages a failing example gives: the first text block after it, before the next example."""
    for nxt in all_blocks[all_blocks.index(block) + 1:]:
        if nxt.fails or nxt.is_story:
            return None
        if nxt.lang == "text" and not nxt.is_transcript:
            return nxt
    return None


def check_file(block: Block, folder: Path) -> tuple[list[Diagnostic], str]:
    """Write the block as its file in ``folder`` and check it as `spot-the-signs check` does:
    the diagnostics, and the text the writer would see (paths relative to the folder)."""
    from game.story.check_files import check_paths

    path = folder / block.file_name()
    path.write_bytes(block.file_bytes())
    diags, _files = check_paths([path], fallback_shared=SCENES)
    return diags, format_text(diags).replace(f"{folder}/", "")


def read_part(block: Block) -> tuple[list[Diagnostic], str]:
    """Read a part of a file as the loader reads a whole one: bytes, characters, YAML."""
    from game.story.load import parse_bytes
    from game.story.safe_yaml import Limits

    name = block.file_name()
    _src, diags = parse_bytes(block.file_bytes(), name, Limits())
    return diags, format_text(diags)


def run(command: str, cwd: Path, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """A `spot-the-signs ...` command line as the docs show it, run with this checkout's game."""
    words = shlex.split(command)
    assert words[0] == "spot-the-signs", command
    return subprocess.run([sys.executable, "-m", "game", *words[1:]], cwd=cwd, input=stdin, env=env,
                          capture_output=True, text=True, timeout=120)


def matches(shown: str, actual: str) -> bool:
    """Output as a doc shows it: every line as printed, '...' standing for any number of lines."""
    want = shown.rstrip("\n").split("\n")
    got = actual.rstrip("\n").split("\n")
    return _match(want, got)


def _match(want: list[str], got: list[str]) -> bool:
    if not want:
        return not got
    if want[0].strip() == "...":
        return any(_match(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and want[0].rstrip() == got[0].rstrip() and _match(want[1:], got[1:])
