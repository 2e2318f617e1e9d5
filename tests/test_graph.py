"""The story map (`spot-the-signs graph`): what a writer sees in the picture, and the files it writes."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from game.cli import main
from game.story.explore import explore
from game.story.load import load_model
from game.story.model import Scenario
from game.story.storymap import build_map, choice_conditions, dot_string, mermaid_text, shorten, to_dot, to_mermaid

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "scenes" / "example.yaml"
DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz 'dot' is not installed (apt-get install graphviz)")

UNREACHABLE = """  attic:
    lines:
      - "Nobody comes here: <b>\\"odd\\"</b> & | # `x`"
    go: not-yet

endings:
"""


@pytest.fixture
def example_map(load, example_text):
    story = load(example_text).story
    scenario, _ = load_model(Scenario, EXAMPLE)
    return build_map(story, choice_conditions(scenario))


def node(smap, node_id):
    return next(n for n in smap.nodes if n.id == node_id)


def test_every_scene_and_ending_is_on_the_map_and_the_start_is_marked(example_map):
    ids = [n.id for n in example_map.nodes]
    assert ids == ["lunch", "messages", "corridor", "bus-stop", "teacher", "told-teacher", "mum-listens", "not-yet"]
    assert [n.id for n in example_map.nodes if n.start] == ["lunch"]


def test_a_scene_box_shows_its_first_line_and_its_warning_signs(example_map):
    messages = node(example_map, "messages")
    assert messages.heading == "messages (chat)"
    assert messages.text == "The next day, Mia shows you her messages from Jay."
    assert messages.signs == ("special-status", "only-i-understand", "private-chat", "secrecy")


def test_a_first_line_spoken_by_a_character_starts_with_their_name(example_map):
    assert node(example_map, "teacher").text.startswith("Ms Okafor: Thank you both")


def test_endings_show_their_title_and_are_coloured_by_tone(example_map):
    told, not_yet = node(example_map, "told-teacher"), node(example_map, "not-yet")
    assert (told.kind, told.text, told.style) == ("ending", "Mia is believed", "hopeful")
    assert not_yet.style == "open"


def test_choices_are_labelled_arrows_and_a_condition_is_shown_in_brackets(example_map):
    from_corridor = [e for e in example_map.edges if e.source == "corridor"]
    assert [e.target for e in from_corridor] == ["teacher", "teacher", "bus-stop"]
    assert from_corridor[1].condition == "trust >= 1 and not told_adult"
    assert from_corridor[1].helps and not from_corridor[2].helps
    assert "[if trust &gt;= 1 and not" in to_dot(example_map)


def test_a_scene_that_simply_goes_on_has_an_unlabelled_arrow(example_map):
    edge = next(e for e in example_map.edges if e.source == "teacher")
    assert (edge.target, edge.label) == ("told-teacher", "")


def test_a_scene_no_route_leads_to_is_drawn_in_the_warning_colour(load, changed):
    smap = build_map(load(changed("\nendings:\n", "\n" + UNREACHABLE)).story)
    attic = node(smap, "attic")
    assert attic.style == "warning" and attic.warnings == ("no route leads here",)
    assert [n.id for n in smap.trouble] == ["attic"]
    assert "no route leads here" in to_dot(smap) and "no route leads here" in to_mermaid(smap)


def test_a_scene_from_which_no_ending_can_be_reached_is_drawn_in_the_warning_colour(load, example_text):
    # The checker refuses such a story (E030), so build one by hand: the teacher scene loops on itself.
    story = load(example_text).story
    teacher = story.scenes["teacher"]
    scenes = {**story.scenes, "teacher": replace(teacher, choices=(replace(teacher.choices[0], go="teacher"),))}
    smap = build_map(replace(story, scenes=scenes))
    assert node(smap, "teacher").warnings == ("no way on to an ending",)
    assert node(smap, "told-teacher").warnings == ("no route leads here",)
    assert node(smap, "corridor").warnings == ()


def test_the_map_of_the_example_has_no_warnings(example_map):
    assert example_map.trouble == () and example_map.never_offered == ()


def never(state):
    return False


def with_choices(story, scene_id, change):
    """The story with scene_id's choices rebuilt by change(choice) (bypassing the checks, as a broken file would)."""
    scene = story.scenes[scene_id]
    scene = replace(scene, choices=tuple(change(c) for c in scene.choices), choices_vary=True)
    return replace(story, scenes={**story.scenes, scene_id: scene})


def test_a_choice_whose_condition_is_never_true_is_drawn_in_the_warning_colour(load, example_text):
    story = with_choices(load(example_text).story, "corridor",
                         lambda c: replace(c, test=never) if c.id == "corridor.c2" else c)
    smap = build_map(story, exploration=explore(story))
    assert [(e.source, e.target) for e in smap.never_offered] == [("corridor", "bus-stop")]
    assert "never offered" in to_dot(smap) and "never offered" in to_mermaid(smap)
    # and what only that choice leads to is reachable only in theory
    assert node(smap, "bus-stop").warnings == ("conditions never let a pupil get here",)
    assert node(smap, "not-yet").style == "warning" and node(smap, "teacher").warnings == ()


def test_a_scene_where_conditions_hide_every_choice_is_drawn_in_the_warning_colour(load, example_text):
    story = with_choices(load(example_text).story, "bus-stop", lambda c: replace(c, test=lambda s: s["asked"]))
    smap = build_map(story, exploration=explore(story))
    assert "conditions can hide every choice here" in node(smap, "bus-stop").warnings


def test_long_text_is_shortened_at_a_word():
    assert shorten("Say it's cool and talk about something else entirely today.", 30) == "Say it's cool and talk about…"
    assert shorten("Short  and\nsweet.", 30) == "Short and sweet."


def test_quotes_newlines_and_angle_brackets_are_escaped_for_graphviz(load, changed):
    smap = build_map(load(changed("\nendings:\n", "\n" + UNREACHABLE)).story)
    dot = to_dot(smap)
    assert "&lt;b&gt;&quot;odd&quot;&lt;/b&gt; &amp; | # `x`" in dot
    assert dot_string('say "hi"\\\nbye') == '"say \\"hi\\"\\\\\\nbye"'


def test_quotes_hashes_pipes_and_angle_brackets_are_escaped_for_mermaid(load, changed):
    smap = build_map(load(changed("\nendings:\n", "\n" + UNREACHABLE)).story)
    assert "#lt;b#gt;#quot;odd#quot;#lt;/b#gt; #amp; #124; #35; #96;x#96;" in to_mermaid(smap)
    assert mermaid_text('a "b" #1 | <c>\nd') == "a #quot;b#quot; #35;1 #124; #lt;c#gt; d"


def test_mermaid_node_ids_never_clash_with_mermaid_keywords(load, changed):
    smap = build_map(load(changed("go: told-teacher", "go: end", changed("told-teacher:", "end:"))).story)
    mmd = to_mermaid(smap)
    assert "n_end([" in mmd and "n_teacher --> n_end" in mmd


# --- the command ------------------------------------------------------------------------------


def test_graph_writes_a_dot_file(tmp_path, capsys):
    out = tmp_path / "map.dot"
    assert main(["graph", "example", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('digraph "example" {') and '"corridor" -> "bus-stop"' in text
    assert "5 scenes, 3 endings" in capsys.readouterr().out


def test_graph_writes_mermaid_for_pasting_into_docs(tmp_path):
    out = tmp_path / "map.mmd"
    assert main(["graph", "example", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "flowchart TB" in text and "n_corridor -.->" in text and "classDef hopeful" in text


@needs_dot
def test_the_dot_file_is_valid_graphviz_input(tmp_path):
    out = tmp_path / "map.dot"
    assert main(["graph", "example", "-o", str(out), "--direction", "LR"]) == 0
    done = subprocess.run([DOT, "-Tsvg", str(out)], capture_output=True, timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert b"<svg" in done.stdout


@needs_dot
def test_graph_draws_an_svg_picture(tmp_path):
    out = tmp_path / "map.svg"
    assert main(["graph", "example", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<svg" in text and "Mia is believed" in text


@needs_dot
def test_graph_draws_a_png_picture(tmp_path):
    out = tmp_path / "map.png"
    assert main(["graph", "example", "-o", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_graphviz_a_picture_is_refused_naming_the_package(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` here
    assert main(["graph", "example", "-o", str(tmp_path / "map.png")]) == 2
    err = capsys.readouterr().err
    assert "graphviz" in err and err.count("\n") == 1
    assert not (tmp_path / "map.png").exists()


def test_an_unknown_file_type_is_a_usage_error(tmp_path, capsys):
    assert main(["graph", "example", "-o", str(tmp_path / "map.jpg")]) == 2
    assert "'map.jpg'" in capsys.readouterr().err


def test_a_scenario_with_errors_prints_its_problems_and_draws_nothing(tmp_path, changed, capsys):
    bad = tmp_path / "broken.yaml"
    bad.write_text(changed("go: told-teacher", "go: told-teachr"), encoding="utf-8")
    assert main(["graph", str(bad), "-o", str(tmp_path / "map.dot")]) == 1
    err = capsys.readouterr().err
    assert "told-teachr" in err and "cannot be used yet" in err
    assert not (tmp_path / "map.dot").exists()
