"""docs/teaching.md: its table of scenarios is made from the library and must match it."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from game.story.library import scenario_files
from game.teacher.teaching_doc import (
    COMMAND,
    END,
    SETTINGS,
    START,
    library_stories,
    main,
    scenario_table,
    with_table,
)

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "teaching.md"


@pytest.fixture(scope="module")
def stories():
    return library_stories(ROOT / "scenes")


def test_the_scenario_table_in_teaching_md_matches_the_library(stories):
    page = PAGE.read_text(encoding="utf-8")
    assert page == with_table(page, scenario_table(stories)), (
        f"docs/teaching.md's scenario table is out of date; make it again with: {COMMAND}")


def test_the_table_has_every_scenario_with_its_band_and_minutes(stories):
    rows = scenario_table(stories).splitlines()[2:]
    assert len(rows) == len(scenario_files(ROOT / "scenes")) == len(stories)
    for story in stories:
        (row,) = [r for r in rows if f"| `{story.id}` |" in r]
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[:5] == [story.title, f"`{story.id}`", story.band, str(story.minutes), SETTINGS[story.setting]]
        assert story.shared.themes[story.themes[0]].name in cells[5]
    bands = [re.search(r"\| (1[14]-1[36]) \|", r).group(1) for r in rows]
    assert bands == sorted(bands)  # the younger band first


def test_a_bar_in_a_title_does_not_break_the_table(stories):
    odd = replace(stories[0], title="Yes | no")
    assert r"| Yes \| no |" in scenario_table([odd])


def test_only_the_text_between_the_markers_is_replaced():
    page = f"# Title\n\nBefore.\n\n{START}\nold table\n{END}\n\nAfter.\n"
    assert with_table(page, "| new |") == f"# Title\n\nBefore.\n\n{START}\n| new |\n{END}\n\nAfter.\n"
    for broken in ("no markers at all", f"{END}\n{START}", f"{START}\n{START}\n{END}"):
        with pytest.raises(ValueError, match="markers"):
            with_table(broken, "| new |")


def test_the_command_rewrites_a_stale_table_and_then_has_nothing_to_do(tmp_path, capsys):
    page = tmp_path / "teaching.md"
    page.write_text(f"# Teaching\n\n{START}\n| stale |\n{END}\n", encoding="utf-8")
    assert main([str(page)]) == 0
    assert "| stale |" not in page.read_text(encoding="utf-8") and "`example`" in page.read_text(encoding="utf-8")
    assert main([str(page)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"updated {page}", f"already up to date: {page}"]


def test_a_page_without_the_markers_is_left_alone_with_one_line_on_stderr(tmp_path, capsys):
    page = tmp_path / "teaching.md"
    page.write_text("# Teaching\n", encoding="utf-8")
    assert main([str(page)]) == 1
    assert page.read_text(encoding="utf-8") == "# Teaching\n"
    assert capsys.readouterr().err.count("\n") == 1
