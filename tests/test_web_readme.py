"""The README's "Put it on your school's network or VLE": every command it shows runs and does what it
says, and its pictures of the published site exist and are the ones tools/web_gallery.py makes."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section() -> str:
    found = re.search(r"## Put it on your school's network or VLE\n(.*?)\n## ", README, re.S)
    assert found is not None
    return found.group(1)


def test_every_command_in_the_section_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "classroom.yaml").write_text("contact:\n  name: Mrs Patel\n", encoding="utf-8")
    commands = [line.strip() for block in re.findall(r"```sh\n(.*?)```", section(), re.S)
                for line in block.splitlines() if line.strip()]
    assert len(commands) == 3
    for command in commands:
        argv = shlex.split(command)
        assert argv[0] == "spot-the-signs"
        assert main(argv[1:]) == 0, command
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "stories" / "art-account.html").is_file()  # the path the section gives
    assert (tmp_path / "art-account.html").is_file()
    assert "Mrs Patel" in (tmp_path / "site" / "stories" / "art-account.html").read_text(encoding="utf-8")


def test_the_readme_shows_the_published_site_on_a_phone_and_a_laptop():
    listed = subprocess.run([sys.executable, str(ROOT / "tools" / "web_gallery.py"), "--list"], capture_output=True,
                            text=True, check=True).stdout.split()
    shown = re.findall(r"!\[[^\]]*\]\((docs/web/[^)]+\.png)\)", README)
    assert sorted(shown) == ["docs/web/desktop.png", "docs/web/phone.png"]
    for picture in shown:
        assert picture in listed
        data = (ROOT / picture).read_bytes()
        assert data.startswith(b"\x89PNG")
