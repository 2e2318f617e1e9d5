"""spot-the-signs publish and what it writes, without a browser: the graph is the engine's, pages hold
everything they need and nothing else, and a story that cannot be explored fully is refused (the
checker's W052, as an error)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.paths import scenes_dir
from game.story.explore import cap_state, explore
from game.story.library import Library, scenario_files
from game.story.runtime import Playthrough
from game.web.csp import hashes, with_csp
from game.web.graph import compile_graph

ROOT = Path(__file__).resolve().parent.parent
STORIES = [p.stem for p in scenario_files(scenes_dir())]


def page_data(html: str, block: str = "story-data") -> dict:
    found = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_the_web_package_never_imports_pygame():
    code = ("import sys, game.web.graph, game.web.page, game.web.site, game.commands.publish; "
            "assert 'pygame' not in sys.modules, 'pygame imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.parametrize("story_id", STORIES)
def test_the_graph_is_every_state_the_explorer_finds_with_what_a_playthrough_shows_there(story_id):
    story = Library(scenes_dir()).load(scenes_dir() / f"{story_id}.yaml").story
    compiled = compile_graph(story)
    found = explore(story)
    assert compiled.states == found.states
    data = compiled.data
    line_ids = [line.id for part in (*story.scenes.values(), *story.endings.values()) for line in part.lines]
    choice_ids = [row[0] for row in data["choices"]]
    # Walk the first choice from every state reached by always taking the last: the graph's words are the engine's.
    pt, state = Playthrough(story), 0
    while True:
        row = data["states"][state]
        here = (pt.ending or pt.scene).id
        assert data["parts"][row[0]]["id"] == here
        assert [line_ids[i] for i in data["shown"][row[1]]] == [ln.id for ln in pt.lines]
        ways = list(zip(row[2::2], row[3::2], strict=True))
        assert sorted(choice_ids[c] for c, _ in ways) == sorted(c.id for c in pt.choices)
        assert found.visits(here, pt.state)
        if pt.finished:
            break
        choice, state = ways[-1]
        pt.choose([c.id for c in pt.choices].index(choice_ids[choice]))
        capped = cap_state(pt.state, found.caps)
        assert capped == cap_state(capped, found.caps)


LOOPING = """\
id: looping
title: Round and round
band: "11-13"
minutes: 5
setting: online
summary: A story whose counter goes up and down round a loop, so it has endless states.
state: {trust: 0}
characters:
  sam: {name: Sam, role: player}
  mia: {name: Mia, role: target}
  jay: {name: Jay, role: manipulator, age: 30}
scenes:
  chat:
    lines:
      - mia: Jay keeps messaging me.
      - jay: ur so mature
        sign: flattery
    choices:
      - text: Ask Mia about it.
        add: {trust: 1}
        go: chat
      - text: Say nothing.
        add: {trust: -1}
        go: chat
      - text: Tell a teacher together.
        if: trust > 1
        helps: true
        go: told
endings:
  told:
    title: Mia is believed
    tone: hopeful
    lines:
      - Ms Okafor listens and helps.
"""


def test_a_story_whose_exploration_stops_at_its_bound_is_refused_with_w052_as_an_error(tmp_path, capsys):
    (tmp_path / "looping.yaml").write_text(LOOPING, encoding="utf-8")
    story = Library(tmp_path, fallback=scenes_dir()).load(tmp_path / "looping.yaml").story
    assert story is not None
    problem = compile_graph(story, max_states=200)
    assert problem.code == "W052" and problem.severity == "error"
    assert (problem.line, problem.col) == (1, 1)
    assert "cannot be published" in problem.message and problem.hint
    code = main(["--scenes", str(tmp_path), "publish", "looping", "-o", str(tmp_path / "looping.html")])
    err = capsys.readouterr().err
    assert code == 1
    assert "error[W052]" in err and err.strip().endswith("cannot be published.")
    assert not (tmp_path / "looping.html").exists()


def test_a_story_explored_to_its_end_is_published_without_w052(tmp_path, capsys):
    fixed = LOOPING.replace("add: {trust: -1}", "set: {trust: 0}")  # no longer up and down: it ends
    (tmp_path / "looping.yaml").write_text(fixed, encoding="utf-8")
    assert main(["--scenes", str(tmp_path), "publish", "looping", "-o", str(tmp_path / "looping.html")]) == 0
    assert "W052" not in capsys.readouterr().err
    assert (tmp_path / "looping.html").stat().st_size > 0


def test_publish_all_writes_the_catalogue_a_lesson_page_and_a_story_file_for_every_story(published):
    names = sorted(str(p.relative_to(published)) for p in published.rglob("*.html"))
    assert names == sorted(["index.html", *(f"lessons/{s}.html" for s in STORIES),
                            *(f"stories/{s}.html" for s in STORIES)])
    index = (published / "index.html").read_text(encoding="utf-8")
    for story in STORIES:
        assert f'href="stories/{story}.html"' in index and f'href="lessons/{story}.html"' in index


def test_every_page_is_self_contained_and_allows_only_its_own_script_and_styles(published):
    for path in published.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta is not None, path
        found = hashes(html)
        for digest in found["script"] + found["style"]:
            assert digest in meta.group(1), path
        assert meta.group(1).startswith("default-src 'none'")
        assert not re.search(r"""(src|href)=["']?(https?:)?//|url\((['"]?)(https?:)?//|@import""", html), path
        assert "<iframe" not in html and "localStorage" not in html and "document.cookie" not in html


def test_a_lesson_page_is_the_lesson_pack_itself_with_play_and_present(published):
    from game.teacher.lesson import build_pack, render_pack

    story = Library(scenes_dir()).load(scenes_dir() / "example.yaml").story
    pack = render_pack(build_pack(story))
    page = (published / "lessons" / "example.html").read_text(encoding="utf-8")
    main_part = re.search(r"<main>.*</main>", pack, re.S).group(0)
    assert main_part in page  # the pack's own words, from its own template
    assert 'href="../stories/example.html"' in page and 'href="../stories/example.html#present"' in page
    web_templates = ROOT / "game" / "web" / "templates"
    for template in web_templates.glob("*.j2"):  # never a second copy of the pack
        assert "If a pupil discloses" not in template.read_text(encoding="utf-8")


def test_the_school_contact_from_a_classroom_file_is_on_every_help_screen(tmp_path, capsys):
    classroom = tmp_path / "classroom.yaml"
    classroom.write_text("contact:\n  name: Mrs Patel\n  role: designated safeguarding lead\n  where: Room 12\n",
                         encoding="utf-8")
    out = tmp_path / "example.html"
    assert main(["publish", "example", "-o", str(out), "--classroom", str(classroom)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.count("Mrs Patel, designated safeguarding lead") == 2  # help, and the debrief's help
    assert html.count("Where to find them: Room 12") == 2


@pytest.mark.parametrize(("argv", "says"), [
    (["publish", "-o", "site"], "say which stories to publish"),
    (["publish", "example", "--all", "-o", "site"], "either SCENARIOs or --all"),
    (["publish", "--all", "-o", "all.html"], "holds one story"),
    (["publish", "nothing-here", "-o", "x.html"], "there is no scenario called 'nothing-here'"),
    (["publish", "example", "-o", "no/such/folder/x.html"], "does not exist"),
    (["publish", "example", "-o", "x.html", "--classroom", "missing.yaml"], "no classroom file"),
])
def test_publish_mistakes_get_one_sentence_and_exit_2(argv, says, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_one_story_as_one_file_holds_its_graph_art_and_fonts(tmp_path):
    out = tmp_path / "story.html"
    assert main(["publish", "example", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    data, art = page_data(html), page_data(html, "art-data")
    assert data["story"]["id"] == "example" and data["format"] == 1
    story = Library(scenes_dir()).load(scenes_dir() / "example.yaml").story
    assert set(art["characters"]) == set(story.characters)  # every character, drawn from their look
    backgrounds = {s.background for s in story.scenes.values() if s.background and s.kind != "chat"}
    assert set(art["backgrounds"]) == backgrounds | {"park"}  # and each place's picture, once
    assert html.count("@font-face") == 4 and "data:font/woff2;base64," in html


def test_the_policy_follows_the_charset_and_names_every_inline_block():
    html = '<html><head><meta charset="utf-8"><style>a{}</style></head><body><script>1</script>' \
           '<script type="application/json">{}</script></body></html>'
    out = with_csp(html)
    assert out.index("Content-Security-Policy") < out.index("<style>")
    found = hashes(out)
    assert len(found["script"]) == 1 and len(found["style"]) == 1  # the JSON block is data, never run
    with pytest.raises(ValueError):
        with_csp("<html><head></head></html>")
