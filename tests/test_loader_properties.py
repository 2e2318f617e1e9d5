"""Property tests: whatever text arrives, the loader answers with a story or with located
errors, and nothing else escapes. The condition language is held to the same promise.

Runs are derandomized, so a failure found once is found every time.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story import conditions
from game.story.load import LoadResult, load_text
from game.story.safe_yaml import Limits
from game.story.shared import Shared

EXAMPLE = (Path(__file__).resolve().parent.parent / "scenes" / "example.yaml").read_text(encoding="utf-8")
EXAMPLE_LINES = EXAMPLE.splitlines(keepends=True)
CODE = re.compile(r"[EW]\d{3}")

FAST = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def assert_well_formed(result: LoadResult) -> None:
    assert isinstance(result, LoadResult)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert (result.story is None) == bool(errors), [d.format() for d in result.diagnostics]
    for d in result.diagnostics:
        assert isinstance(d.path, str)
        assert d.line is None or (isinstance(d.line, int) and d.line >= 1)
        assert d.col is None or (isinstance(d.col, int) and d.col >= 1)
        assert CODE.fullmatch(d.code), d.code
        assert d.severity in ("error", "warning")
        assert isinstance(d.message, str) and d.message
        d.format()  # printable


# --- (a) anything at all -----------------------------------------------------------------

YAMLISH = st.sampled_from([*" \t\n\r:-#&*!|>'\"{}[],?%@`~", "\x00", "\ufeff", "é", "😀", "\u2028"])


@FAST
@given(st.text(max_size=300))
def test_any_text_gives_a_story_or_located_errors(shared: Shared, text: str) -> None:
    assert_well_formed(load_text(text, "example.yaml", shared))


@FAST
@given(st.text(alphabet=st.one_of(YAMLISH, st.characters(codec="utf-8")), max_size=300))
def test_text_made_of_yaml_punctuation_gives_a_story_or_located_errors(shared: Shared, text: str) -> None:
    assert_well_formed(load_text(text, "example.yaml", shared))


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_give_a_story_or_located_errors(shared: Shared, raw: bytes) -> None:
    assert_well_formed(load_text(raw, "example.yaml", shared))


# --- (b) a real scenario, damaged --------------------------------------------------------

INSERTS = st.sampled_from(["\t", ":", ": ", "'", '"', "&", "&a ", "*", "*a", "!", "!!int ", "!foo ", "{", "}",
                           "[", "]", "- ", "#", "|", ">", "%", "@", "\n", "  ", "---\n", "? ", "\x00", "~", "yes"])


@st.composite
def damaged_example(draw: st.DrawFn) -> str:
    lines = list(EXAMPLE_LINES)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "dedent", "truncate"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(INSERTS) + lines[i][at:]
        elif action == "indent":
            lines[i] = draw(st.sampled_from([" ", "  ", "\t"])) + lines[i]
        elif action == "dedent":
            lines[i] = lines[i].lstrip(" ")
        elif action == "truncate":
            lines = [*lines[:i], lines[i][: draw(st.integers(0, len(lines[i])))]]
    return "".join(lines)


@settings(FAST, max_examples=250)
@given(damaged_example())
def test_a_damaged_example_gives_a_story_or_located_errors(shared: Shared, text: str) -> None:
    assert_well_formed(load_text(text, "example.yaml", shared))


@FAST
@given(damaged_example(), st.integers(1, 80))
def test_a_damaged_example_under_tight_limits_gives_a_story_or_located_errors(
        shared: Shared, text: str, depth: int) -> None:
    limits = Limits(max_depth=depth, max_scenes=3, max_lines_per_scene=3, max_choices=2)
    assert_well_formed(load_text(text, "example.yaml", shared, limits))


@FAST
@given(st.sampled_from(["id", "band", "minutes", "setting", "start", "go", "sign", "if", "set", "add", "role",
                        "tone", "kind", "lines", "choices", "characters", "scenes", "endings", "state", "themes"]),
       st.one_of(st.just(""), st.sampled_from(["~", "yes", "no", "0", "-1", "1e9", "[]", "{}", "[x]", "{a: 1}",
                                               "'x'", "0x1F", "1:30", ".nan", "2001-12-14", "null", "x y",
                                               "trust >= 2", "(asked", "told-teacher"])))
def test_any_key_given_an_odd_value_gives_a_story_or_located_errors(shared: Shared, key: str, value: str) -> None:
    text = re.sub(rf"(^\s*-? *{re.escape(key)}:) .*$", rf"\1 {value}", EXAMPLE, count=1, flags=re.M)
    assert_well_formed(load_text(text, "example.yaml", shared))


# --- (c) the condition language ----------------------------------------------------------

STATE = {"told_adult": False, "asked": True, "trust": 0, "count_2": 3}
TOKENS = st.sampled_from([
    "told_adult", "asked", "trust", "count_2", "undeclared", "and", "or", "not", "true", "false",
    "(", ")", "==", "!=", "<", "<=", ">", ">=", "0", "2", "-1", "99999999999999999999",
    "&", "&&", "|", "!", "=", "@", "é", "1a", "a-b", "--", ".", ",", "'", '"', "\t", "",
])


@settings(FAST, max_examples=300)
@given(st.lists(TOKENS, max_size=12), st.sampled_from([" ", "", "  "]),
       st.fixed_dictionaries({"told_adult": st.booleans(), "asked": st.booleans(),
                              "trust": st.integers(-5, 5), "count_2": st.integers(-5, 5)}))
def test_a_condition_parses_and_runs_to_a_bool_or_fails_with_an_offset(
        tokens: list[str], sep: str, state: dict[str, bool | int]) -> None:
    source = sep.join(tokens)
    try:
        node = conditions.parse(source)
        conditions.check_types(node, STATE)
    except conditions.ConditionError as exc:
        assert 0 <= exc.offset <= len(source), (source, exc.offset)
        assert exc.message
        return
    assert isinstance(conditions.compile_condition(node)(state), bool)


@FAST
@given(st.text(max_size=60))
def test_any_text_as_a_condition_parses_or_fails_with_an_offset(source: str) -> None:
    try:
        node = conditions.parse(source)
        conditions.check_types(node, STATE)
    except conditions.ConditionError as exc:
        assert 0 <= exc.offset <= len(source), (source, exc.offset)
        return
    assert isinstance(conditions.compile_condition(node)(STATE), bool)


def test_a_wall_of_brackets_is_a_condition_error_not_a_recursion_error():
    from game.story.conditions import ConditionError, parse

    with pytest.raises(ConditionError, match="too many brackets"):
        parse("(" * 200 + "asked" + ")" * 200)
    assert parse("((((asked))))")


# --- (d) numbers and text no file may hold ------------------------------------------------

HOSTILE = st.sampled_from([
    "9" * 5000, "0x" + "f" * 5000, "1" + ":0" * 3000, "-" + "9" * 400, "1e400", ".inf", ".nan", "0b" + "1" * 9000,
    '"\\0"', '"\\e[31m"', '"\\a"', '"\\x1b"', '"\\u0000"', '"\\N"', '"\\L"', '"\\ud800"', '"\\r"',
    "'" + "x" * 5000 + "'", "１", "0017", "1_000_000_000",
])


@settings(FAST, max_examples=200)
@given(st.sampled_from(["id", "title", "minutes", "trust", "asked", "age", "skin", "go", "sign", "if", "text",
                        "feedback", "name", "summary", "app", "background", "tone"]), HOSTILE, st.booleans())
def test_a_hostile_value_anywhere_gives_a_story_or_located_errors(shared: Shared, key: str, value: str,
                                                                   as_key: bool) -> None:
    """Huge numbers in every YAML 1.1 form, control characters written as escapes, very long text:
    as a value or as a key, the answer is a story or located errors, each message short."""
    if as_key:
        def as_a_key(m: re.Match[str]) -> str:
            return f"{m.group(1)}? {value}\n{m.group(1)}: 1\n{m.group(1)}{key}:"

        text = re.sub(rf"^(\s*){re.escape(key)}:", as_a_key, EXAMPLE, count=1, flags=re.M)
    else:
        text = re.sub(rf"(^\s*-? *{re.escape(key)}:) .*$", lambda m: f"{m.group(1)} {value}", EXAMPLE, count=1,
                      flags=re.M)
    result = load_text(text, "example.yaml", shared, lint=True)
    assert_well_formed(result)
    for d in result.diagnostics:
        assert len(d.message) <= 700 and d.line is not None, d.format()[:300]
    if result.story is not None:
        import json

        from game.story.runtime import Playthrough

        json.dumps(Playthrough(result.story).to_json(), allow_nan=False)


# --- (e) the classroom file ---------------------------------------------------------------

CLASSROOM = """\
scenarios: [example, new-friend]
contact:
  name: Mrs Patel
  role: designated safeguarding lead
  where: Room 12
discussion_pauses: true
settings: {text_scale: 1.25, theme: dark, mute: false, text_speed: 60}
"""
CLASSROOM_LINES = CLASSROOM.splitlines(keepends=True)


@st.composite
def damaged_classroom(draw: st.DrawFn) -> str:
    lines = list(CLASSROOM_LINES)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "insert", "delete", "key"]))
        if action == "value" and ":" in lines[i]:
            head = lines[i].split(":", 1)[0]
            lines[i] = f"{head}: {draw(st.one_of(HOSTILE, INSERTS))}\n"
        elif action == "key":
            lines[i] = f"? {draw(HOSTILE)}\n: 1\n" + lines[i]
        elif action == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.one_of(INSERTS, HOSTILE)) + lines[i][at:]
        elif len(lines) > 1:
            del lines[i]
    return "".join(lines)


def assert_classroom_usable(found) -> None:
    from game.classroom import ClassroomFile
    from game.settings import Settings
    from game.story.values import clean_text

    assert isinstance(found, ClassroomFile)
    for d in found.diagnostics:
        assert CODE.fullmatch(d.code) and d.message and len(d.message) <= 700
        assert d.line is None or d.line >= 1
        d.format()
    room = found.classroom
    if room.contact is not None:
        assert all(clean_text(t) for t in (room.contact.name, room.contact.role or "", room.contact.where or ""))
        room.contact.lines()
    Settings.from_dict(room.settings_layer())
    assert room.scenarios is None or all(isinstance(s, str) for s in room.scenarios)
    found.status()


@settings(FAST, max_examples=200)
@given(damaged_classroom())
def test_a_damaged_classroom_file_gives_a_classroom_and_located_diagnostics(text: str) -> None:
    from game.classroom import parse_classroom

    assert_classroom_usable(parse_classroom(text, known=["example", "new-friend"], lint=True))


@FAST
@given(st.text(alphabet=st.one_of(YAMLISH, st.characters(codec="utf-8")), max_size=200))
def test_any_text_as_a_classroom_file_gives_a_classroom_and_located_diagnostics(text: str) -> None:
    from game.classroom import parse_classroom

    assert_classroom_usable(parse_classroom(text, known=["example"]))


def test_a_control_character_in_the_contact_loses_the_contact_but_not_the_list_of_stories() -> None:
    from game.classroom import parse_classroom

    found = parse_classroom(CLASSROOM.replace("Mrs Patel", '"Mrs\\0Patel"'), known=["example", "new-friend"])
    assert found.classroom.contact is None
    assert found.classroom.scenarios == ["example", "new-friend"]
    assert found.diagnostics[0].code == "E004"
