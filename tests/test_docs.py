"""The docs are held to what they show: every YAML example presented as passing passes
`check --strict`, every failing one gives its code and the messages shown, every command a writer
is shown is one the game accepts, every transcript prints what it says, and the writer's docs say
nothing stale (or send a teacher into the source code). The project's own documents also follow
its language rules: the checker reads .md files too.

What each code block claims is written in its first line (tests/doc_examples.py, and
docs/codes/README.md for writers).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from doc_examples import ROOT, SCENES, Block, blocks, check_file, matches, messages_after, read_part, run

DOCS = sorted((ROOT / "docs").rglob("*.md"))
ALL = [ROOT / "README.md", *DOCS]
# What a writer reads, where a teacher who has never programmed must not be sent into the code.
WRITERS = [ROOT / "docs" / "quickstart.md", ROOT / "docs" / "writing.md",
           *sorted((ROOT / "docs" / "codes").glob("*.md"))]
STALE = ["not yet", "being built", "drafts/", "ask the maintainers", "pydantic", "json schema draft", "draft-07",
         "us grade", "model.py", "kept_for_older", "until the game window", "terminal only"]
EXAMPLE_ROOTS = ("scenes/", "docs/", "art/", "schema/", "audio/")


def _all_blocks() -> list[Block]:
    return [b for doc in ALL for b in blocks(doc)]


def _ids(found: list[Block]) -> list[str]:
    return [b.where for b in found]


STORIES = [b for b in _all_blocks() if b.is_story]
FAILING = [b for b in _all_blocks() if b.fails]
PARTS = [b for b in _all_blocks() if b.lang == "yaml" and b.is_part and not b.fails]
TRANSCRIPTS = [b for b in _all_blocks() if b.is_transcript and b.doc.name != "quickstart.md"]


def test_the_docs_and_readme_pass_the_language_checks():
    out = subprocess.run([sys.executable, "-m", "game", "check", "--strict", *map(str, ALL)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_the_docs_hold_examples_of_every_kind():
    assert len(STORIES) >= 2 and len(FAILING) >= 60 and len(PARTS) >= 20


@pytest.mark.parametrize("block", STORIES, ids=_ids(STORIES))
def test_every_example_shown_as_passing_passes_check_strict(block, tmp_path):
    diags, shown = check_file(block, tmp_path)
    assert not diags, f"{block.where} is shown as a story that passes, but `check --strict` says:\n{shown}"


@pytest.mark.parametrize("block", FAILING, ids=_ids(FAILING))
def test_every_failing_example_gives_its_code_and_the_messages_shown(block, tmp_path):
    diags, shown = read_part(block) if block.is_part else check_file(block, tmp_path)
    given = {d.code for d in diags}
    assert set(block.fails) <= given, (f"{block.where} should give {', '.join(block.fails)}, but check says:\n"
                                       f"{shown or 'no problems'}")
    messages = messages_after(blocks(block.doc), block)
    if messages is not None:
        actual = "\n".join(d.format() for d in sorted(diags, key=lambda d: (d.line or 0, d.col or 0))
                           if d.code in block.fails)
        actual = actual.replace(f"{tmp_path}/", "")
        assert messages.text.rstrip("\n") == actual, (
            f"{messages.where} should show the messages {block.where} gives, exactly as printed:\n{actual}")


@pytest.mark.parametrize("block", PARTS, ids=_ids(PARTS))
def test_every_part_of_a_file_is_read_without_a_problem(block):
    diags, shown = read_part(block)
    assert not diags, f"{block.where} is shown as correct, but reading it gives:\n{shown}"


@pytest.mark.parametrize("block", TRANSCRIPTS, ids=_ids(TRANSCRIPTS))
def test_every_transcript_prints_what_it_shows(block):
    command, _, shown = block.text.partition("\n")
    out = run(command.removeprefix("$ "), ROOT)
    assert matches(shown, out.stdout + out.stderr), f"{block.where}: {command} prints:\n{out.stdout}{out.stderr}"


def _commands(doc: Path) -> list[tuple[str, str]]:
    found = []
    for b in blocks(doc):
        lines = b.text.split("\n")
        if b.lang == "sh":
            found += [(b.where, ln) for ln in lines if ln.strip().startswith("spot-the-signs")]
        elif b.is_transcript:
            found.append((b.where, lines[0].removeprefix("$ ")))
    return found


COMMANDS = [c for doc in WRITERS for c in _commands(doc)]


@pytest.mark.parametrize(("where", "command"), COMMANDS, ids=[f"{w} {c}" for w, c in COMMANDS])
def test_every_command_a_writer_is_shown_is_one_the_game_accepts(where, command):
    from game.cli import _parser

    words = shlex.split(command, comments=True)
    try:
        _parser().parse_args(words[1:])
    except SystemExit as exc:  # --version and --help exit 0 once they have printed
        if exc.code != 0:
                pytest.fail(f"{where}: the game refuses `{command}` (exit {exc.code})")


def _prose(doc: Path) -> list[tuple[int, str]]:
    """The lines of a doc outside code blocks and HTML comments, with their numbers."""
    out, fence, comment = [], None, False
    for n, line in enumerate(doc.read_text(encoding="utf-8").split("\n"), start=1):
        m = re.match(r"^ *(`{3,}|~{3,})", line)
        if m and (fence is None or m.group(1).startswith(fence)):
            fence = m.group(1) if fence is None else None
            continue
        if fence is not None:
            continue
        if comment or "<!--" in line:
            comment = "-->" not in line.split("<!--")[-1]
            line = re.sub(r"<!--.*?(-->|$)", "", line)
        out.append((n, line))
    return out


@pytest.mark.parametrize("doc", WRITERS, ids=[d.relative_to(ROOT).as_posix() for d in WRITERS])
def test_the_writers_docs_say_nothing_stale_and_send_no_one_into_the_code(doc):
    found = []
    for n, line in _prose(doc):
        low = line.lower()
        found += [f"{n}: '{phrase}' in: {line.strip()}" for phrase in STALE if phrase in low]
        found += [f"{n}: a path into the game's code in: {line.strip()}"
                  for _ in re.finditer(r"(?<![\w./-])game/\S", line)]
    assert not found, f"{doc.relative_to(ROOT)} says what is no longer true, or sends a writer into the code:\n" + \
        "\n".join(found)


def _new_story_ids() -> set[str]:
    """The stories the docs tell writers to make with `new`: their files need not exist."""
    return {w.split()[2] for _, w in COMMANDS if w.startswith("spot-the-signs new ")} | {"your-story"}


@pytest.mark.parametrize("doc", WRITERS, ids=[d.relative_to(ROOT).as_posix() for d in WRITERS])
def test_every_file_the_writers_docs_name_is_where_they_say(doc):
    made = _new_story_ids()
    missing = []
    for n, line in _prose(doc):
        for path in re.findall(r"`([\w./-]+\.(?:yaml|md|json|svg|png))`", line):
            made_by_writer = path.startswith("scenes/") and Path(path).stem in made
            if path.startswith(EXAMPLE_ROOTS) and not (ROOT / path).exists() and not made_by_writer:
                missing.append(f"{n}: {path}")
        for target in re.findall(r"\]\(([^)\s]+)\)", line):
            if target.startswith(("http://", "https://", "#")):
                continue
            file, _, anchor = target.partition("#")
            where = (doc.parent / file).resolve()
            if not where.exists():
                missing.append(f"{n}: a link to {target}")
            elif anchor and where.suffix == ".md" and anchor not in _anchors(where):
                missing.append(f"{n}: a link to a heading that is not in {file}: #{anchor}")
    for n, line in _prose(doc):
        for anchor in re.findall(r"\]\(#([^)\s]+)\)", line):
            if anchor not in _anchors(doc):
                missing.append(f"{n}: a link to a heading that is not here: #{anchor}")
    assert not missing, f"{doc.relative_to(ROOT)} names files or headings that are not there:\n" + "\n".join(missing)


def _anchors(doc: Path) -> set[str]:
    """GitHub's anchors for a page's headings."""
    out = set()
    for _, line in _prose(doc):
        if line.startswith("#"):
            words = line.lstrip("#").strip().lower()
            out.add(re.sub(r"[^\w\- ]", "", words).replace(" ", "-"))
    return out


def _table(doc: Path, header: str) -> list[list[str]]:
    """The rows of the table whose header line is ``header``, cells without their backticks."""
    lines = doc.read_text(encoding="utf-8").split("\n")
    start = lines.index(header) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return rows


def test_the_guides_table_of_signs_is_the_games_list_of_signs():
    signs = yaml.safe_load((SCENES / "signs.yaml").read_text(encoding="utf-8"))["signs"]
    shown = {row[0]: row for row in _table(ROOT / "docs" / "writing.md",
                                           "| id | name pupils see | kind | bands | what it looks like |")}
    assert list(shown) == list(signs), "docs/writing.md's table of signs must list scenes/signs.yaml's, in order"
    for sid, sign in signs.items():
        _, name, kind, bands, looks = shown[sid]
        assert (name, kind, looks) == (sign["name"], sign["kind"], sign["looks_like"]), sid
        assert bands == ("14-16 only" if sign.get("bands") == ["14-16"] else "both"), sid


def test_the_guides_table_of_themes_is_the_games_list_of_themes():
    themes = yaml.safe_load((SCENES / "themes.yaml").read_text(encoding="utf-8"))["themes"]
    shown = _table(ROOT / "docs" / "writing.md", "| id | theme |")
    assert [(t, n) for t, n in shown] == [(t, v["name"]) for t, v in themes.items()]


def test_the_guides_list_of_backgrounds_is_the_games_pictures():
    text = (ROOT / "docs" / "writing.md").read_text(encoding="utf-8")
    listed = re.search(r"The backgrounds are (.*?)\(\[W059\]", text, re.DOTALL).group(1)
    names = re.findall(r"`([\w-]+)`", listed)
    assert names == sorted(p.stem for p in (ROOT / "art" / "backgrounds").glob("*.svg"))


def test_a_story_saved_as_a_text_file_is_found_when_its_folder_is_checked(tmp_path):
    (tmp_path / "my-story.yaml.txt").write_text("id: my-story\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "game", "check", str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "error[E000]" in out.stdout and "rename it to my-story.yaml" in out.stdout


def test_the_failing_examples_really_fail_only_as_shown_when_checked_as_files():
    """A part that fails is read as the loader reads a file; checked as a file it fails the same way."""
    for block in [b for b in FAILING if b.is_part]:
        with tempfile.TemporaryDirectory() as tmp:
            diags, _ = check_file(block, Path(tmp))
        assert set(block.fails) <= {d.code for d in diags}, block.where
