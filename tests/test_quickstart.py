"""docs/quickstart.md, followed literally in a copy of the project: every command it shows runs,
in order, and prints what the page says it prints; the one edit it asks for gives the message it
shows, and the fix the hint gives passes. The install and set-up lines are the README's own.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from doc_examples import ROOT, Block, blocks, matches, run

QUICKSTART = ROOT / "docs" / "quickstart.md"
WRITING = ROOT / "docs" / "writing.md"
README = ROOT / "README.md"
# The step that makes a mistake on purpose: where it tells the writer to add its lines.
AFTER_LINE = "      - It's lunchtime. You and Leo are sitting together.\n"


def _readme_install() -> str:
    first = re.search(r"```sh\n(python3 -m venv[^\n]*)\n```", README.read_text(encoding="utf-8")).group(1)
    return first.removesuffix(" && .venv/bin/spot-the-signs play")


def _lines(block: Block) -> list[str]:
    return [ln.strip() for ln in block.text.split("\n") if ln.strip()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project as a teacher has it: the game, its stories and its schema."""
    for name in ("game", "scenes", "schema", "docs", "art"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_the_quick_start_is_short():
    words = len(QUICKSTART.read_text(encoding="utf-8").split())
    assert words <= 1500, f"docs/quickstart.md has {words} words; the quick start must stay at most 1,500"


def test_the_writing_guide_is_short():
    words = len(WRITING.read_text(encoding="utf-8").split())
    assert words <= 8000, f"docs/writing.md has {words} words; the guide must stay at most about 8,000"


def test_the_readme_sends_writers_to_the_quick_start_first():
    text = README.read_text(encoding="utf-8")
    start = text.index("- **Writers**")
    writers = text[start:text.index("\n- ", start)]
    links = re.findall(r"\]\(([^)]+)\)", writers)
    assert links and links[0] == "docs/quickstart.md", writers


def test_the_install_and_set_up_lines_are_the_readmes():
    shown = [ln for b in blocks(QUICKSTART) if b.lang in ("sh", "bat") for ln in _lines(b)
             if not ln.startswith("spot-the-signs")]
    install = _readme_install()
    assert shown == [
        install,  # Mac and Linux: the README's own first command, without starting the game
        install.replace("python3", "py").replace(".venv/bin/", ".venv\\Scripts\\"),  # the same on Windows
        "source .venv/bin/activate",
        ".venv\\Scripts\\activate",
    ]
    assert (Path(sys.prefix) / "bin" / "activate").is_file() or os.name == "nt"  # what `python -m venv` makes


def test_every_command_in_the_quick_start_runs_as_it_says(project):
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    story = project / "scenes" / "my-story.yaml"
    ran = []
    for block in blocks(QUICKSTART):
        if block.lang == "yaml" and block.fails:  # the mistake made on purpose, added where the page says
            assert f"After the line\n`{AFTER_LINE.strip()}`" in QUICKSTART.read_text(encoding="utf-8")
            text = story.read_text(encoding="utf-8")
            assert text.count(AFTER_LINE) == 1
            story.write_text(text.replace(AFTER_LINE, AFTER_LINE + block.text), encoding="utf-8")
            continue
        if block.is_transcript:
            command, _, shown = block.text.partition("\n")
            out = run(command.removeprefix("$ "), project, env=env)
            assert matches(shown, out.stdout + out.stderr), f"{block.where}: {command}\n{out.stdout}{out.stderr}"
            ran.append(command)
            if "error[E001]" in shown:  # then do what the hint says, and check again
                hint = re.search(r"hint: write it as: (.*)", shown).group(1)
                text = story.read_text(encoding="utf-8")
                wrong = block_line(text, "Leo shows you a new game skin")
                story.write_text(text.replace(wrong, wrong[:wrong.index("-")] + hint), encoding="utf-8")
                again = run(command.removeprefix("$ "), project, env=env)
                assert again.returncode == 0 and "no problems found" in again.stdout, again.stdout
            continue
        if block.lang != "sh":
            continue
        for command in _lines(block):
            if not command.startswith("spot-the-signs"):
                continue
            ran.append(command)
            if command.startswith("spot-the-signs play") and "--text" not in command:
                # the window: it waits for the pupil, so here only the story it opens is loaded
                out = run(command.replace("play", "play --text", 1), project, stdin="q\n", env=env)
            elif command.startswith("spot-the-signs graph") and shutil.which("dot") is None:
                out = run(command, project, env=env)
                assert out.returncode == 2 and "Graphviz" in out.stderr, out.stderr
                continue
            else:
                out = run(command, project, stdin="q\n", env=env)
            assert out.returncode == 0, f"{block.where}: {command}\n{out.stdout}{out.stderr}"
            assert "Traceback" not in out.stderr
    assert story.is_file()
    assert (project / "my-story.png").is_file() or shutil.which("dot") is None
    assert len(ran) >= 8, ran


def block_line(text: str, words: str) -> str:
    return next(ln for ln in text.split("\n") if words in ln)


def test_a_new_story_is_found_by_check_list_and_play_without_flags(project):
    """One place for a writer's stories: `new` writes into the scenes folder, where the rest look."""
    assert run("spot-the-signs new leo-and-max", project).returncode == 0
    assert (project / "scenes" / "leo-and-max.yaml").is_file()
    listed = run("spot-the-signs list", project)
    assert re.search(r"^leo-and-max +11-13", listed.stdout, re.MULTILINE), listed.stdout
    checked = run("spot-the-signs check --strict", project)
    assert checked.returncode == 0, checked.stdout
    played = run("spot-the-signs play --text leo-and-max --auto first", project)
    assert played.returncode == 0 and "Leo is believed" in played.stdout, played.stdout + played.stderr
