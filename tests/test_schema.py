"""The JSON Schema that editors use: current, and agreeing with the checker on real and bad files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from game.story.safe_yaml import Limits, parse
from game.story.schema import MODELINE, REFRESH, SCHEMA_FILE, scenario_schema, schema_text

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / SCHEMA_FILE
SCENES = ROOT / "scenes"
SHARED = ("signs", "help", "themes", "language", "skills")


@pytest.fixture(scope="module")
def validator():
    schema = scenario_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _data(text: str):
    parsed = parse(text, "test.yaml", Limits())
    assert parsed.ok, parsed.diagnostics
    return parsed.data


def _errors(validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(_data(text))]


def _scenarios(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.stem not in SHARED)


def test_committed_schema_is_the_same_as_a_fresh_export():
    assert COMMITTED.is_file(), f"{SCHEMA_FILE} is missing: run `{REFRESH}`"
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        f"{SCHEMA_FILE} is out of date with game/story/model.py: run `{REFRESH}` and commit it")


def test_schema_is_draft_07_for_the_vs_code_yaml_extension():
    schema = scenario_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] and schema["title"] and schema["description"]
    assert "$defs" not in json.dumps(schema)  # draft-07 keeps them under "definitions"


def test_a_ref_never_has_sibling_keywords_that_draft_07_would_ignore():
    def walk(node):
        if isinstance(node, dict):
            assert "$ref" not in node or len(node) == 1, node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(scenario_schema())


def test_the_condition_key_is_written_if_not_if_underscore():
    line = scenario_schema()["definitions"]["LineFull"]["properties"]
    assert "if" in line and "if_" not in line


@pytest.mark.parametrize("path", _scenarios(SCENES), ids=lambda p: p.name)
def test_every_shipped_scenario_is_valid_against_the_schema(validator, path):
    assert _errors(validator, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", _scenarios(SCENES), ids=lambda p: p.name)
def test_shipped_scenarios_start_with_the_schema_modeline(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE


@pytest.mark.parametrize(("old", "new"), [
    ('band: "11-13"', 'band: "11-14"'),  # a band that does not exist
    ('band: "11-13"', "band: 11"),  # a number, not the band's text
    ("minutes: 8", "minuets: 8"),  # an unknown key at the top
    ("    tone: open", "    tone: doomed"),  # never a doomed ending
    ("        sign: flattery", "        sing: flattery"),  # a misspelt key on a spoken line
    ("      - mia: You're the first person I've shown.\n        if: asked",
     "      - mia: You're the first person I've shown.\n        jay: hi"),  # two speakers on one line
    ("        mood: worried", "        mood: angry"),  # a mood that does not exist
    ("        feedback: Mia trusts you because you listened. Now you can help her get help.",
     "        feedback: 5"),
    ("    kind: chat", "    kind: phone"),
    ("    lines:\n      - It's lunchtime.", "    lines: []\n    old_lines:\n      - It's lunchtime."),
    ("  - ask: Who could Mia and Sam talk to, in school and outside it?", "  - ask: 12"),  # a question that is a number
    ("    name: Mia", "    name: Mia\n    role2: friend"),
])
def test_a_file_the_checker_refuses_is_refused_by_the_schema_too(validator, load, changed, old, new):
    text = changed(old, new)
    assert load(text).story is None  # pydantic (or a check) refuses it ...
    assert _errors(validator, text), "... and so must the schema"


@pytest.mark.parametrize("lines", [
    "    lines: It's lunchtime.",  # one line, not a list
    "    lines:\n      - text: It's lunchtime.\n        speaker: mia\n        mood: happy",  # the full form
    "    lines:\n      - mia: Hi.\n        sign: flattery\n        why: Because.\n        if: asked\n"
    "        voice: misinformed\n        mood: sad",  # every optional key on a spoken line
    "    lines:\n      - narrator: It's lunchtime.",
])
def test_every_way_of_writing_a_line_is_valid_in_the_schema(validator, load, changed, lines):
    text = changed("    lines:\n      - At the bus stop after school, you can't stop thinking about Mia.\n"
                   "      - narrator: Jay asked for a secret photo. That isn't OK, whatever Mia says or does.\n"
                   "        sign: image-request\n"
                   "        why: Asking a 12-year-old for a photo, and to keep it secret, is never OK. "
                   "It is never Mia's fault.\n",
                   lines + "\n")
    assert load(text).story is not None
    assert _errors(validator, text) == []


def test_schema_command_writes_the_file(tmp_path, capsys):
    from game.cli import main

    out = tmp_path / "scenario.schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()
    capsys.readouterr()
    assert main(["schema"]) == 0  # no -o: printed, for piping
    assert capsys.readouterr().out == schema_text()


def test_schema_command_refuses_a_missing_folder_in_one_sentence(tmp_path, capsys):
    from game.cli import main

    assert main(["schema", "-o", str(tmp_path / "nope" / "s.json")]) == 1  # an output that cannot be written
    err = capsys.readouterr().err
    assert "does not exist" in err and err.count("\n") == 1


def test_building_the_schema_never_imports_pygame():
    import subprocess

    code = "import sys, game.story.schema as s; s.scenario_schema(); print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
