"""`spot-the-signs coverage`: which signs and themes the scenarios cover, and what the library lacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.story.coverage import MARKDOWN_COMMAND, library_coverage, md_cell, to_json, to_markdown, to_text
from game.story.explore import explore

ROOT = Path(__file__).resolve().parent.parent
MIA = "    pronouns: she\n    look: {skin: 2"
JAY = "    role: manipulator\n    pronouns: they\n"


@pytest.fixture
def story_of(load):
    def _story(text: str, name: str = "example.yaml"):
        result = load(text.replace("id: example", f"id: {Path(name).stem}"), name=name)
        assert result.story is not None, result.diagnostics
        return result.story

    return _story


@pytest.fixture
def cover(shared):
    def _cover(*stories):
        return library_coverage([(s, explore(s)) for s in stories], shared)

    return _cover


def test_each_sign_shows_on_how_many_routes_a_pupil_meets_it(story_of, cover, example_text):
    story = story_of(example_text)
    routes = explore(story).routes
    sc = cover(story).scenarios[0]
    assert sc.routes == len(routes) > 1 and sc.routes_complete
    assert sc.sign_routes["flattery"] == len(routes)  # on the first scene: every route
    through_teacher = sum("teacher" in r.parts for r in routes)
    assert 0 < sc.sign_routes["fake-identity"] == through_teacher < len(routes)
    assert sc.cell("fake-identity") == f"{through_teacher}/{len(routes)}"
    assert sc.cell("gifts") == ""


def test_a_sign_on_a_line_no_route_shows_counts_zero_and_is_not_covered(story_of, cover, changed):
    hidden = "      - mia: Look! Someone called Jay followed my art account.\n"
    never = "      - mia: Jay sent me game credit.\n        sign: gifts\n        if: trust >= 5\n"  # trust stops at 2
    text = changed(hidden, hidden + never)
    cov = cover(story_of(text))
    assert cov.scenarios[0].sign_routes["gifts"] == 0
    assert "gifts" in cov.signs_lacking


def test_the_library_lists_the_taxonomy_signs_and_themes_no_scenario_covers(story_of, cover, example_text, shared):
    cov = cover(story_of(example_text))
    assert "targeting" in cov.signs_lacking and "flattery" not in cov.signs_lacking
    assert set(cov.signs_lacking) == set(shared.signs) - {
        "flattery", "special-status", "only-i-understand", "private-chat", "secrecy", "secretive-phone",
        "image-request", "boundary-test", "fake-identity"}
    assert "peer-on-peer" in cov.themes_lacking and "online-contact" not in cov.themes_lacking
    assert cov.taxonomy_signs.index("bring-friends") < cov.taxonomy_signs.index("going-missing")  # tactics first


def test_who_is_targeted_is_read_from_the_target_characters_pronouns(story_of, cover, changed):
    girl = story_of(changed(MIA, MIA))
    boy = story_of(changed(MIA, MIA.replace("she", "he")), "boy.yaml")
    other = story_of(changed(MIA, MIA.replace("she", "they")), "other.yaml")
    cov = cover(girl, boy, other)
    assert [sc.targeted for sc in cov.scenarios] == [("girls",), ("boys",), ("other",)]
    assert cov.targeted() == {"boys": 1, "girls": 1, "other": 1}


def test_boys_and_girls_must_each_be_targeted_in_three_scenarios(story_of, cover, changed):
    girls = [story_of(changed(MIA, MIA), f"g{i}.yaml") for i in range(3)]
    boys = [story_of(changed(MIA, MIA.replace("she", "he")), f"b{i}.yaml") for i in range(2)]
    rules = {r.text: r for r in cover(*girls, *boys).rules()}
    assert rules["girls are targeted in at least 3 scenarios"].met
    assert not rules["boys are targeted in at least 3 scenarios"].met
    boys.append(story_of(changed(MIA, MIA.replace("she", "he")), "b3.yaml"))
    assert {r.text: r for r in cover(*girls, *boys).rules()}["boys are targeted in at least 3 scenarios"].met


def test_abusers_are_counted_by_pronouns_and_age_with_peers_and_groups(story_of, cover, changed):
    peer = story_of(changed(JAY, JAY.replace("they", "he") + "    age: 15\n"), "peer.yaml")
    group = story_of(changed("characters:\n", "characters:\n  kim:\n    name: Kim\n    role: manipulator\n"
                                              "    pronouns: she\n    age: 19\n"), "group.yaml")
    cov = cover(peer, group)
    assert [p.describe() for p in cov.scenarios[1].manipulators] == ["Kim (she, 19)", "Jay (they)"]
    abusers = cov.abusers()
    assert abusers["pronouns"] == {"he": 1, "she": 1, "they": 1} and abusers["ages"] == [15, 19]
    assert abusers["peer_scenarios"] == ["peer"] and abusers["group_scenarios"] == ["group"]
    assert all(r.met for r in cov.rules() if "abusers" in r.text or "peer" in r.text)


def test_markdown_has_a_scenario_by_theme_and_a_scenario_by_sign_table(story_of, cover, example_text):
    cov = cover(story_of(example_text))
    text = to_markdown(cov)
    assert text.startswith("# What the scenario library covers\n") and MARKDOWN_COMMAND in text
    assert "| theme | example | scenarios |" in text
    assert "| Online and mobile contact (`online-contact`) | ✓ | 1 |" in text
    assert "| Peer-on-peer exploitation (`peer-on-peer`) |  | 0 |" in text
    assert "| sign | example | scenarios |" in text
    assert f"(`fake-identity`) | {cov.scenarios[0].cell('fake-identity')} | 1 |" in text
    assert "| **no** |" in text  # one scenario cannot meet the library rules


def test_skills_are_counted_by_story_with_a_table_and_the_library_rules(story_of, cover, example_text):
    cov = cover(story_of(example_text))
    sc = cov.scenarios[0]
    assert sc.skills == {"check-in": 1, "tell-adult": 4}
    text = to_markdown(cov)
    assert "## Skills by scenario" in text and "| skill | example | scenarios |" in text
    assert "| Telling a trusted adult (`tell-adult`) | 4 | 1 |" in text
    assert "| Using Report Remove or CEOP (`report-remove-ceop`) |  | 0 |" in text
    rules = {r.text: r for r in cov.rules()}
    assert not rules["every skill is practised in at least one scenario"].met
    assert "lacking: save-evidence" in rules["every skill is practised in at least one scenario"].detail
    assert rules["every scenario practises at least 2 skills"].met
    assert to_json(cov)["scenarios"][0]["skills"] == {"check-in": 1, "tell-adult": 4}
    assert "skills:   check-in (1), tell-adult (4)" in to_text(cov)


def test_a_story_with_one_skill_fails_the_library_rule(story_of, cover, example_text):
    one = story_of(example_text.replace("        skills: [check-in]\n", ""))
    rule = next(r for r in cover(one).rules() if r.text.startswith("every scenario practises"))
    assert not rule.met and rule.detail == "example: 1"


def test_a_pipe_in_a_title_does_not_break_the_markdown_table():
    assert md_cell("Jay | Mia\nagain") == "Jay \\| Mia again"


def test_text_and_json_say_the_same_things(story_of, cover, example_text):
    cov = cover(story_of(example_text))
    data = to_json(cov)
    assert data["scenarios"][0]["signs"]["flattery"] == data["scenarios"][0]["routes"]
    assert data["library"]["signs"]["flattery"] == ["example"] and "targeting" in data["library"]["signs_lacking"]
    assert data["library"]["targeted"] == {"boys": 0, "girls": 1, "other": 0}
    assert any(not r["met"] for r in data["rules"])
    text = to_text(cov)
    assert f"example  (11-13, both, {cov.scenarios[0].routes} routes)" in text and "[NOT MET] boys are targeted" in text


# --- the command ------------------------------------------------------------------------------


def test_the_committed_coverage_page_is_up_to_date(capsys):
    # When this fails, a scenario changed: run  spot-the-signs coverage --format md -o docs/coverage.md
    assert main(["coverage", "--check", str(ROOT / "docs" / "coverage.md")]) == 0, capsys.readouterr().err


def test_a_stale_coverage_page_is_reported_with_the_command_that_remakes_it(tmp_path, capsys):
    stale = tmp_path / "coverage.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert main(["coverage", "--check", str(stale)]) == 1
    assert f"make it again with: spot-the-signs coverage --format md -o {stale}" in capsys.readouterr().err


def test_coverage_json_for_a_folder(capsys):
    assert main(["coverage", str(ROOT / "scenes"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "example" in [s["id"] for s in data["scenarios"]]


def test_coverage_writes_markdown_to_a_file(tmp_path):
    out = tmp_path / "coverage.md"
    assert main(["coverage", "--format", "md", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")


def test_a_broken_scenario_is_left_out_and_said_so(tmp_path, changed, example_text, capsys):
    (tmp_path / "example.yaml").write_text(example_text, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(changed("go: told-teacher", "go: nowhere").replace(
        "id: example", "id: broken"), encoding="utf-8")
    assert main(["coverage", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "example  (11-13" in captured.out and "broken" not in captured.out
    assert "1 scenario file could not be loaded" in captured.err and "broken.yaml" in captured.err


def test_strict_fails_when_a_library_rule_is_not_met(tmp_path, example_text, capsys):
    (tmp_path / "example.yaml").write_text(example_text, encoding="utf-8")
    assert main(["coverage", str(tmp_path)]) == 0
    assert main(["coverage", str(tmp_path), "--strict"]) == 1  # the example alone covers few signs


def test_a_missing_path_is_a_usage_error(tmp_path, capsys):
    assert main(["coverage", str(tmp_path / "nope")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
