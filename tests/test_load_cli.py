"""`python -m game check` as a writer runs it: exit codes, the report's format, and that no
scenario file can run code, hang the checker or make it print a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)\[(?P<code>[EW]\d{3})\]: ")


def check(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", "check", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=20,
    )


def no_traceback(run: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in run.stdout + run.stderr


def scenario(tmp_path: Path, text: str, stem: str = "example") -> Path:
    path = tmp_path / f"{stem}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_file_exits_1_with_located_errors_and_hints(tmp_path, changed):
    path = scenario(tmp_path, changed("    go: told-teacher\n", "    go: told-teachr\n"))
    run = check(path)
    assert run.returncode == 1
    no_traceback(run)
    first, hint, summary, explain = run.stdout.splitlines()
    m = LOCATED.match(first)
    assert m is not None, first
    assert (m["path"], m["severity"], m["code"]) == (str(path), "error", "E021")
    assert int(m["line"]) >= 1 and int(m["col"]) >= 1
    assert hint == "    hint: did you mean 'told-teacher'?"
    assert summary == "1 file checked: 1 error, 0 warnings."
    assert explain == "What a message means, with an example and the fix: spot-the-signs explain E021"


def test_the_shipped_scenes_folder_checks_clean(tmp_path):
    run = check(ROOT / "scenes")
    assert run.returncode == 0, run.stdout
    no_traceback(run)
    assert "no problems found" in run.stdout


def test_json_format_gives_a_list_with_every_field(tmp_path, changed):
    path = scenario(tmp_path, changed("        sign: secrecy\n", "        sign: secrets\n"))
    run = check("--format", "json", path)
    assert run.returncode == 1
    [item] = json.loads(run.stdout)
    assert set(item) == {"path", "line", "col", "severity", "code", "message", "hint", "detail"}
    assert (item["path"], item["severity"], item["code"]) == (str(path), "error", "E023")
    assert isinstance(item["line"], int) and isinstance(item["col"], int)
    assert item["hint"] == "did you mean 'secrecy'?"


def test_json_format_of_a_clean_file_is_an_empty_list(tmp_path, example_text):
    run = check("--format", "json", scenario(tmp_path, example_text))
    assert run.returncode == 0
    assert json.loads(run.stdout) == []


def test_a_warning_alone_exits_0(tmp_path, changed):
    run = check(scenario(tmp_path, changed("    role: manipulator", "    role: other")))
    assert run.returncode == 0
    assert "warning[W003]" in run.stdout


def test_strict_turns_a_warning_only_file_into_exit_1(tmp_path, changed):
    run = check("--strict", scenario(tmp_path, changed("    role: manipulator", "    role: other")))
    assert run.returncode == 1
    assert "error[W003]" in run.stdout


def test_a_missing_path_exits_2_with_one_sentence(tmp_path):
    run = check(tmp_path / "nope.yaml")
    assert run.returncode == 2
    no_traceback(run)
    assert "no such file or folder" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_a_binary_file_is_reported_not_crashed_on(tmp_path):
    path = tmp_path / "example.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    run = check(path)
    assert run.returncode == 1
    no_traceback(run)
    assert "error[E003]" in run.stdout


def test_a_30000_deep_nesting_is_refused_quickly(tmp_path):
    run = check(scenario(tmp_path, "[" * 30_000 + "]" * 30_000))
    assert run.returncode == 1
    no_traceback(run)
    assert LOCATED.match(run.stdout)["code"] == "E005"


def test_an_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, prev in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    run = check(scenario(tmp_path, "\n".join(lines) + "\n"))
    assert run.returncode == 1
    no_traceback(run)
    assert LOCATED.match(run.stdout)["code"] == "E006"


def test_a_wall_of_brackets_in_a_condition_is_reported_not_crashed_on(tmp_path, changed):
    text = changed("        if: asked\n", '        if: "' + "(" * 240 + "asked" + ")" * 240 + '"\n')
    run = check(scenario(tmp_path, text))
    assert run.returncode == 1
    no_traceback(run)
    assert "error[E024]" in run.stdout


PAYLOADS = [
    '!!python/object/apply:os.system ["touch {marker}"]',
    '!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
    '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
    "!!python/name:os.system",
]


def test_the_payload_would_run_under_an_unsafe_loader(tmp_path):
    # a control: the same text really does run a command when a loader honours python tags
    marker = tmp_path / "pwned"
    yaml.unsafe_load("title: " + PAYLOADS[0].format(marker=marker))
    assert marker.exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_python_tag_runs_nothing(tmp_path, changed, payload):
    marker = tmp_path / "pwned"
    text = changed("title: Mia's new follower", "title: " + payload.format(marker=marker))
    run = check(scenario(tmp_path, text))
    assert not marker.exists()
    assert run.returncode == 1
    no_traceback(run)
    assert LOCATED.match(run.stdout)["code"] == "E007"


def test_a_python_tag_deep_inside_a_scene_runs_nothing(tmp_path, changed):
    marker = tmp_path / "pwned"
    payload = PAYLOADS[0].format(marker=marker)
    text = changed("      - It's lunchtime.", f"      - {payload}\n      - It's lunchtime.")
    run = check(scenario(tmp_path, text))
    assert not marker.exists()
    assert "error[E007]" in run.stdout
