"""The rules from reading the library as a safeguarding lead would (E080-E083, W080-W085).

Each rule has a story that breaks it (built from scenes/example.yaml) and the example, which
keeps it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.story.check.people import name_key
from game.story.check.sign_cues import cue_regex
from game.story.check_files import check_paths
from game.story.load import LoadResult, load_scenario
from game.story.shared import SHARED_FILES

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"
LIBRARY = [p for p in sorted(SCENES.glob("*.yaml")) if p.stem not in SHARED_FILES]
TELL_THEN_WAIT = ("feedback: Yes. It's never too late to tell, and you don't have to wait until you're sure.\n"
                  "        skills: [tell-adult]\n        go: teacher")


def found(result: LoadResult, code: str):
    return [d for d in result.diagnostics if d.code == code]


def test_the_example_keeps_every_rule(load, example_text):
    result = load(example_text)
    assert result.story is not None
    assert [d.format() for d in result.diagnostics if re.match(r"[EW]08", d.code)] == []


# --- E080: the ending fits the route ---------------------------------------------------------


def test_an_ending_that_says_nobody_was_told_is_refused_on_a_route_that_told(load, changed, locate):
    text = changed(TELL_THEN_WAIT, TELL_THEN_WAIT.replace("go: teacher", "go: not-yet"))
    [d] = found(load(text), "E080")
    assert (d.line, d.col) == locate(text, "You haven't told an adult yet.")
    assert "'not-yet'" in d.message and "Text Mia that you want to tell" in d.message
    assert "bus-stop > not-yet" in d.message and "if:" in d.hint


def test_the_same_ending_with_an_if_for_the_routes_that_did_not_tell_passes(load, changed):
    text = changed(TELL_THEN_WAIT, TELL_THEN_WAIT.replace("go: teacher", "go: not-yet"))
    waiting = "You haven't told an adult yet. Lots of people wait, because it's hard to know what to do."
    text = changed(f"      - {waiting}\n", f"      - narrator: {waiting}\n        if: not told_adult\n", text)
    result = load(text)
    assert result.story is not None and found(result, "E080") == []


def test_without_any_skills_a_helping_choice_counts_as_telling(load, changed, example_text):
    text = re.sub(r"\n        skills: \[[a-z, -]+\]", "", example_text)
    text = changed("      - text: Wait and see what happens.\n",
                   "      - text: Wait and see what happens.\n        helps: true\n", text)
    assert [d.code for d in load(text).diagnostics if d.code == "E080"] == ["E080"]


# --- E081: the abuser never speaks to the pupil's character ----------------------------------


def test_a_manipulator_chat_on_the_players_own_phone_is_refused_once(load, changed, locate):
    text = changed("    phone: mia\n", "")
    [d] = found(load(text), "E081")
    assert (d.line, d.col) == locate(text, "ur drawings are amazing")
    assert "Sam's own phone (4 messages)" in d.message and "phone:" in d.hint


def test_a_manipulator_line_that_names_the_player_is_refused(load, changed, locate):
    text = changed("jay: dont tell anyone about us ok?", "jay: dont tell sam about us ok?")
    [d] = found(load(text), "E081")
    assert (d.line, d.col) == locate(text, "sam about us")
    assert "Jay speaks to Sam" in d.message


def test_a_manipulator_speaking_to_the_target_on_her_phone_passes(load, example_text):
    assert found(load(example_text), "E081") == []


# --- E082: one name, one person, in a story ---------------------------------------------------


def test_two_characters_with_one_name_are_refused(load, changed, locate):
    text = changed("    name: Ms Okafor", "    name: Ms Jay")
    [d] = found(load(text), "E082")
    assert (d.line, d.col) == locate(text, "Ms Jay")
    assert "'Jay' (jay, manipulator)" in d.message


@pytest.mark.parametrize("a, b, same", [
    ("Mr Kowalski", "Ms Kowalski", True),
    ("Priya", "Priya", True),
    ("Kofi", "Kofi's dad", False),
    ("Mum", "Mum", True),
    ("Auntie Bea", "Bea", True),
    ("Mr Osei", "Mr Lewis", False),
])
def test_names_compare_without_titles_and_keep_relations_whole(a, b, same):
    assert (name_key(a)[0] == name_key(b)[0]) is same


# --- E083: an unknown skill ---------------------------------------------------------------------


def test_an_unknown_skill_is_refused_with_a_suggestion(load, changed, locate):
    text = changed("        skills: [check-in]", "        skills: [chek-in]")
    [d] = found(load(text), "E083")
    assert (d.line, d.col) == locate(text, "chek-in")
    assert d.hint == "did you mean 'check-in'?"


# --- W080: one name, one person, across the library ---------------------------------------------


def _library(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "scenes"
    folder.mkdir()
    for stem in SHARED_FILES:
        shutil.copy(SCENES / f"{stem}.yaml", folder)
    shutil.copy(SCENES / "example.yaml", folder)
    (folder / "other.yaml").write_text(extra, encoding="utf-8")
    return folder


def _other(example_text: str, keep: tuple[str, ...] = (), extra: dict[str, str] | None = None) -> str:
    """The example as another story, "other", with its people renamed except those in ``keep``."""
    text = example_text.replace("id: example", "id: other")
    for old, new in {"Sam": "Ash", "Mia": "Ruby", "Jay": "Lou", "Okafor": "Hart"}.items():
        if old not in keep:
            text = re.sub(rf"\b{old}\b", new, text)
    for old, new in (extra or {}).items():
        text = text.replace(old, new)
    return text


def test_a_name_used_by_two_stories_is_reported_in_both(tmp_path, example_text):
    text = _other(example_text, keep=("Okafor",))
    diags, _ = check_paths([_library(tmp_path, text)])
    w080 = sorted((Path(d.path).name, d.message) for d in diags if d.code == "W080")
    assert w080 == [("example.yaml", "'Okafor' is also a character in other (trusted-adult)"),
                    ("other.yaml", "'Okafor' is also a character in example (trusted-adult)")]


def test_a_name_mentioned_in_another_story_is_reported_where_it_is_mentioned(tmp_path, example_text):
    text = _other(example_text, extra={"ms-okafor: Thank you both for telling me.":
                                       "ms-okafor: Thank you both for telling me. Ms Okafor says hello."})
    diags, _ = check_paths([_library(tmp_path, text)])
    [d] = [d for d in diags if d.code == "W080"]
    assert Path(d.path).name == "other.yaml" and d.message.startswith("'Okafor' is mentioned here")


def test_checking_one_file_compares_it_with_the_stories_beside_it(tmp_path, example_text):
    text = _other(example_text, keep=("Mia",))
    folder = _library(tmp_path, text)
    diags, _ = check_paths([folder / "other.yaml"])
    assert [(Path(d.path).name, d.message) for d in diags if d.code == "W080"] == [
        ("other.yaml", "'Mia' is also a character in example (target)")]


def test_stories_with_names_of_their_own_pass(tmp_path, example_text):
    diags, _ = check_paths([_library(tmp_path, _other(example_text))])
    assert [d for d in diags if d.code == "W080"] == []


def test_a_name_of_its_own_that_holds_another_storys_name_still_finds_it(tmp_path, example_text):
    """One pattern serves the whole library: where it finds a story's own name, another story's
    shorter name at the same place, or starting inside it, is still found (as if the story's own
    names were not in the pattern at all)."""
    text = _other(example_text, extra={"name: Ms Hart": "name: Ms O'Okafor",
                                       "ms-okafor: Thank you both for telling me.":
                                       "ms-okafor: Thank you both for telling me. I'm Ms O'Okafor, and Mia Jay."})
    diags, _ = check_paths([_library(tmp_path, text)])
    said = sorted(d.message.split(" is ")[0] for d in diags if d.code == "W080" and Path(d.path).name == "other.yaml")
    assert said == ["'Jay'", "'Mia'", "'Okafor'"]


# --- W081: a line that reads like a sign is tagged, or says why not ------------------------------


def test_an_untagged_line_that_reads_like_a_sign_is_reported(load, changed, locate):
    text = changed("        sign: image-request\n        why: Asking a 12-year-old for a photo, and to keep it secret, "
                   "is never OK. It is never Mia's fault.\n", "")
    [d] = found(load(text), "W081")
    assert (d.line, d.col) == locate(text, "secret photo. That")
    assert "'\"Keep this between us\"'" in d.message and "sign: secrecy" in d.hint


def test_a_why_says_a_line_is_not_a_sign_and_trusted_adults_are_not_read(load, changed):
    text = changed("      - ms-okafor: Thank you both for telling me. You did the right thing.",
                   "      - ms-okafor: Thank you both for telling me. Jay should never have asked for a photo.")
    assert found(load(text), "W081") == []


@pytest.mark.parametrize("cue, text, matches", [
    ("photo*", "She sent a photo.", True),
    ("photo*", "Photos again", True),
    ("photo*", "a photocopy", True),
    ("pic", "a picnic", False),
    ("don't tell", "Don\u2019t tell Mum", True),
    ("owe*", "he owed them", True),
    ("owe*", "the flowers", False),
])
def test_a_cue_matches_whole_words_with_a_star_for_any_ending(cue, text, matches):
    assert (re.search(cue_regex(cue), text.replace("\u2019", "'"), re.IGNORECASE) is not None) is matches


# --- W082: an urgent moment offers telling now ------------------------------------------------


def test_an_urgent_moment_without_a_choice_to_tell_now_is_reported(load, example_text, locate):
    text = example_text.replace("        skills: [tell-adult]\n        go: teacher", "        go: teacher")
    [d] = found(load(text), "W082")
    assert (d.line, d.col) == locate(text, "image-request\n        mood: worried")
    assert "'corridor'" in d.message and "Asking for pictures" in d.message and "tell-adult" in d.hint


def test_an_urgent_moment_whose_telling_choice_is_after_a_continue_counts_it(load, example_text):
    # park-talk style: the urgent line in a scene with only Continue, the telling choice in the next
    text = example_text.replace("        sign: secretive-phone\n", "        sign: threats\n", 1)
    assert found(load(text), "W082") == []


def test_without_skills_a_helping_choice_is_not_enough_at_an_urgent_moment(load, example_text):
    # "helps" also covers asking and checking in: help now must be a choice tagged as telling
    text = re.sub(r"\n        skills: \[[a-z, -]+\]", "", example_text)
    assert {re.search(r"'([a-z-]+)'", d.message).group(1) for d in found(load(text), "W082")} == {"corridor",
                                                                                                "bus-stop"}


# --- W083: notes for every discussion prompt ----------------------------------------------------


def test_a_pause_to_discuss_without_notes_is_reported(load, changed, locate):
    text = changed("    discuss_notes: >-\n      She hides her phone, Jay wants a photo, and Jay makes saying no feel "
                   "babyish. Each is a\n      sign; together they are a reason to tell a trusted adult. None of it is "
                   "Mia's fault.\n", "")
    [d] = found(load(text), "W083")
    assert (d.line, d.col) == locate(text, "What has changed about Mia")
    assert "discuss_notes:" in d.hint


def test_a_question_without_notes_is_reported(load, changed, locate):
    text = changed("  - ask: Who could Mia and Sam talk to, in school and outside it?\n    notes: >-\n      A teacher "
                   "such as Ms Okafor, the school's safeguarding lead, a parent or carer, Childline\n      "
                   "(0800 1111). CEOP takes reports of online grooming, with an adult's help.\n",
                   "  - Who could Mia and Sam talk to, in school and outside it?\n")
    [d] = found(load(text), "W083")
    assert (d.line, d.col) == locate(text, "Who could Mia")


# --- W084: skills beyond telling ------------------------------------------------------------------


def test_a_story_practising_fewer_than_two_skills_is_reported(load, changed):
    text = changed("        skills: [check-in]\n", "")
    [d] = found(load(text), "W084")
    assert "1 of the skills" in d.message and "(tell-adult)" in d.message and "save-evidence" in d.hint


# --- W085: not telling is never "OK" ----------------------------------------------------------------


def test_an_ending_that_says_not_telling_is_ok_is_reported(load, changed, locate):
    text = changed("You haven't told an adult yet. Lots of people wait,",
                   "You haven't told anyone yet. That's OK. Lots of people wait,")
    [d] = found(load(text), "W085")
    assert (d.line, d.col) == locate(text, "haven't told anyone yet")
    assert "(\"haven't told anyone yet. That's OK\")" in d.message
    assert "understandable" in d.hint


# --- the shipped library ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_no_shipped_story_breaks_a_review_rule(shared, path):
    result = load_scenario(path, shared, lint=True)
    assert [d.format() for d in result.diagnostics if re.match(r"[EW]08", d.code)] == []


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: p.stem)
def test_every_shipped_character_has_a_complete_look(shared, path):
    story = load_scenario(path, shared).story
    assert story is not None
    for c in story.characters.values():
        missing = [f for f in ("skin", "hair", "hair_colour", "top", "build", "age_cue") if getattr(c.look, f) is None]
        assert missing == [], (c.id, missing)


def test_the_library_names_no_person_twice(shared):
    diags, _ = check_paths([SCENES])
    assert [d.format() for d in diags if d.code == "W080"] == []


def test_the_library_has_the_two_new_stories_for_todays_threats(shared):
    stories = {p.stem: load_scenario(p, shared).story for p in LIBRARY}
    extortion, send = stories["deadline"], stories["jets-rules"]
    assert extortion.band == "14-16" and "sexual-extortion" in extortion.themes
    assert [c.pronouns for c in extortion.characters_with("target")] == ["he"]
    assert send.band == "11-13" and "disability-send" in send.themes
