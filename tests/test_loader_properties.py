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
