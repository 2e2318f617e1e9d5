"""`spot-the-signs lesson`: the printable lesson pack a teacher prints before the lesson."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.story.explore import explore
from game.story.library import scenario_files
from game.teacher.lesson import build_pack, pick_routes, render_index, render_pack

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"
HEADINGS = ("Learning objectives", "Suggested ground rules", "Content notes and preparing pupils", "Summary",
            "Baseline activity", "The full script by route", "Discussion questions", "End-of-lesson assessment",
            "If a pupil discloses", "Help routes", "Follow-up ideas")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=env)


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.unclosed: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "link", "img", "hr", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.unclosed.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Parsed:
    p = _Parsed()
    p.feed(html)
    p.close()
    return p


@pytest.fixture(scope="module")
def example(shared):
    from game.story.load import load_scenario

    story = load_scenario(SCENES / "example.yaml", shared).story
    assert story is not None
    return story


@pytest.fixture(scope="module")
def html(example) -> str:
    return render_pack(build_pack(example))


def test_pack_has_every_section_and_the_stories_own_teaching_text(html, example):
    for heading in HEADINGS:
        assert re.search(rf"<h2[^>]*>{re.escape(heading)}</h2>", html), heading
    text = " ".join(parse(html).text)
    for item in (*example.objectives, *example.content_notes, *example.follow_up, example.summary):
        assert item in text
    for q in example.questions:
        assert q.ask in text
        if q.notes:
            assert q.notes in text
    assert "not Mia's fault" in text
    assert "0800 1111" in text
    assert "Talk about \"a young person\", not yourself" in text
    for words in ("Do not promise secrecy", "Do not ask leading questions", "Record what was said", "Listen",
                  "Stay calm", "designated safeguarding lead (DSL) at once"):
        assert words in text, words


def test_sign_lines_are_highlighted_with_their_name_and_explanation(html, example):
    explain = example.shared.explain("secrecy", example.band)
    name = example.shared.sign_name("secrecy")
    parsed = parse(html)
    assert ("li", {"class": "sign"}) in parsed.tags
    text = " ".join(parsed.text)
    assert f"Warning sign: {name}." in text
    assert explain in text


def test_pack_is_self_contained_and_parses(html):
    parsed = parse(html)
    assert not parsed.stack and not parsed.unclosed
    assert [t for t, _ in parsed.tags].count("title") == 1
    assert "<script" not in html.lower()
    for _, attrs in parsed.tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not re.match(r"\s*(https?:)?//", value, re.I), value
    assert "@media print" in html and "page-break-before" in html
    assert "@import" not in html and "url(" not in html


def test_text_is_escaped(example):
    from dataclasses import replace

    pack = build_pack(example)
    pack = replace(pack, story=replace(pack.story, summary="<script>alert(1)</script>"))
    out = render_pack(pack)
    assert "<script" not in out and "&lt;script&gt;" in out


def test_routes_cover_every_ending_and_say_how_many_there_are(example):
    ex = explore(example)
    pack = build_pack(example)
    assert pack.routes_total == len(ex.routes)
    assert {r.ending for r in pack.routes} == {r.ending for r in ex.routes}
    assert pack.covers_endings and pack.covers_signs
    assert all(r.debrief.not_fault.startswith("What happened was not Mia's fault") for r in pack.routes)
    assert f"There are {len(ex.routes)} routes" in render_pack(pack)


def test_route_cap_keeps_big_stories_short(shared):
    from game.story.load import load_scenario

    for path in scenario_files(SCENES):
        story = load_scenario(path, shared).story
        assert story is not None
        pack = build_pack(story)
        assert 1 <= len(pack.routes) <= 6
        assert pack.routes_total >= len(pack.routes)
        assert pick_routes(explore(story).routes, cap=1)[:1] == pick_routes(explore(story).routes)[:1]


def test_index_links_each_pack_and_its_pdf_when_there_is_one(example):
    pack = build_pack(example)
    out = render_index([(pack, "example.html", None)])
    assert '<a href="example.html">' in out and ".pdf" not in out and "<script" not in out
    out = render_index([(pack, "example.html", "example.pdf")])
    assert '<a href="example.pdf">PDF</a>' in out


def test_each_choice_pupils_see_is_listed_with_its_feedback_and_the_route_taken_is_marked(example):
    pack = build_pack(example)
    first = pack.routes[0].steps[0]
    scene = example.scenes[first.part]
    assert [o.text for o in first.options] == [c.text for c in scene.choices if not c.is_continue]
    assert [o.feedback for o in first.options] == [c.feedback for c in scene.choices if not c.is_continue]
    assert [o.text for o in first.options if o.taken] == [first.choice]
    text = " ".join(parse(render_pack(pack)).text)
    for option in first.options:
        assert option.text in text and option.feedback in text


def test_a_scene_printed_before_is_referred_back_to_with_the_choice_this_route_takes(example):
    pack = build_pack(example)
    later = pack.routes[1]
    assert later.lead >= 1 and all(s.same_as == 1 for s in later.steps[:later.lead])
    assert later.steps[later.lead].same_as is None
    html = render_pack(pack)
    step = later.steps[0]
    assert f'Scene "{step.part}": <em>the same as in route 1.</em> This route takes: <strong>' in html


def test_pause_to_discuss_questions_are_in_the_script(example):
    discuss = [s.discuss for s in example.scenes.values() if s.discuss]
    assert discuss
    text = re.sub(r"\s+", " ", " ".join(parse(render_pack(build_pack(example))).text))
    for question in discuss:
        assert f"Pause to discuss: {question}" in text


def test_every_pause_to_discuss_has_its_notes_in_the_script_and_with_the_questions(example):
    text = re.sub(r"\s+", " ", " ".join(parse(render_pack(build_pack(example))).text))
    prompts = [(s.discuss, s.discuss_notes) for s in example.scenes.values() if s.discuss]
    assert prompts and all(notes for _q, notes in prompts)
    for question, notes in prompts:
        notes = " ".join(notes.split())
        assert f"Pause to discuss: {question} Good answers: {notes}" in text
        assert text.count(notes) == 2  # in the script, and in the discussion section


def test_the_baseline_comes_first_and_the_assessment_returns_to_it_with_the_storys_signs_and_skills(example):
    pack = build_pack(example)
    html = render_pack(pack)
    text = re.sub(r"\s+", " ", " ".join(parse(html).text))
    assert html.index('id="baseline"') < html.index('id="script"') < html.index('id="assessment"')
    baseline = text[text.index("Baseline activity"):text.index("The full script by route")]
    assert "on their own" in baseline and "nothing is collected" in baseline
    assessment = text[text.index("End-of-lesson assessment"):text.index("If a pupil discloses")]
    assert "baseline sheet" in assessment and "a friend in Mia's place" in assessment
    for sign in pack.signs:
        assert sign.name in baseline and sign.name in assessment
    assert [k.id for k in pack.skills] == ["check-in", "tell-adult"]
    for skill in pack.skills:
        assert skill.name in assessment and skill.looks_like in text


def test_teacher_notes_are_printed_with_the_content_notes(shared):
    from game.story.load import load_scenario

    story = load_scenario(SCENES / "somewhere-to-stay.yaml", shared).story
    html = render_pack(build_pack(story))
    preparing = " ".join(parse(html[html.index('id="preparing"'):html.index('id="summary"')]).text)
    assert story.teacher_notes and all(note in preparing for note in story.teacher_notes)
    assert "Teacher note" not in html[html.index('id="follow-up"'):]


@pytest.mark.parametrize("path", scenario_files(SCENES), ids=lambda p: p.stem)
def test_no_pack_sends_the_teacher_to_a_document_it_does_not_include(shared, path):
    from game.story.load import load_scenario

    story = load_scenario(path, shared).story
    text = " ".join(parse(render_pack(build_pack(story))).text)
    assert not re.search(r"\bsee (?:the |our |your )?[\w ]*(?:guide|document|policy document)\b", text, re.I)
    assert all(p.notes for p in build_pack(story).prompts), "a pause to discuss without notes"


def test_a_story_without_teacher_notes_still_gets_a_full_pack(example):
    from dataclasses import replace

    from game.teacher.lesson import GENERAL_OBJECTIVES, GENERAL_QUESTIONS

    bare = replace(example, objectives=(), questions=(), content_notes=(), follow_up=())
    html = render_pack(build_pack(bare))
    for heading in HEADINGS:
        assert re.search(rf"<h2[^>]*>{re.escape(heading)}</h2>", html), heading
    text = " ".join(parse(html).text)
    for item in GENERAL_OBJECTIVES:
        assert item in text
    for q in GENERAL_QUESTIONS:
        assert q.ask in text and q.notes in text
    assert "gave no content notes" in text
    assert "<li>Play another route" in html  # follow-up ideas always has ideas
    assert not re.search(r"<(ul|ol)>\s*</\1>", html)  # no empty list anywhere


def test_command_writes_one_pack(tmp_path):
    out = tmp_path / "pack.html"
    r = run("lesson", "example", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "not Mia&#39;s fault" in out.read_text(encoding="utf-8")


def test_command_all_writes_every_shipped_scenario_and_an_index(tmp_path):
    folder = tmp_path / "packs"
    r = run("lesson", "--all", "-o", str(folder))
    assert r.returncode == 0, r.stderr
    ids = {p.stem for p in scenario_files(SCENES)}
    assert {p.stem for p in folder.glob("*.html")} == ids | {"index"}
    index = (folder / "index.html").read_text(encoding="utf-8")
    hrefs = {a.get("href") for t, a in parse(index).tags if t == "a"}
    assert hrefs == {f"{i}.html" for i in ids}


@pytest.mark.parametrize("args", [
    ("lesson", "no-such-story", "-o", "x.html"),
    ("lesson", "-o", "x.html"),
    ("lesson", "example", "--all", "-o", "x"),
    ("lesson", "example", "-o", "x.txt"),
    ("lesson", "example", "-o", "x.pdf", "--browser", "no-such-browser"),
])
def test_bad_calls_exit_2_with_one_sentence(args, tmp_path):
    args = tuple(str(tmp_path / a) if a in ("x.html", "x", "x.txt", "x.pdf") else a for a in args)
    r = run(*args)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("spot-the-signs: ")
    assert "Traceback" not in r.stderr
    assert not list(tmp_path.iterdir())


def test_the_packs_own_words_pass_the_language_checks(tmp_path, capsys):
    """The template's fixed text and the general objectives and questions, checked like any document."""
    from game.cli import main
    from game.teacher.lesson import GENERAL_OBJECTIVES, GENERAL_QUESTIONS, TEMPLATES

    template = (TEMPLATES / "lesson.html.j2").read_text(encoding="utf-8")
    text = re.sub(r"<style>.*?</style>|\{#.*?#\}", "", template, flags=re.S)
    text = re.sub(r"\{[%{].*?[%}]\}|<[^>]+>", " ", text, flags=re.S)
    words = tmp_path / "pack-words.txt"
    words.write_text("\n".join([text, *GENERAL_OBJECTIVES, *(f"{q.ask} {q.notes}" for q in GENERAL_QUESTIONS)]),
                     encoding="utf-8")
    assert "Do not promise secrecy" in text
    assert main(["check", "--strict", str(words)]) == 0, capsys.readouterr().out
