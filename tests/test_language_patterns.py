"""The pattern language of scenes/language.yaml beyond plain phrases: short forms, word lists,
*endings, the target-aware slots, the limits that keep every pattern quick, and the RE2 matcher
that no pattern or regex a school writes can make hang (issue 15, class 6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.story.check_files import check_paths
from game.story.load import load_language
from game.story.phrase_match import Phrase, compile_pattern
from game.story.phrase_tokens import Lexicon, People, Words
from game.story.phrases import MAX_DEPTH, PatternError, parse, read_lists

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"


def finds(pattern: str, text: str, people: People | None = None, lists: dict[str, list[str]] | None = None) -> bool:
    made, problems = read_lists(lists or {})
    assert not problems
    phrase = Phrase(parse(pattern, made))
    lexicon = Lexicon()
    lexicon.learn([phrase.tree])
    phrase.use(lexicon)
    from game.story.word_forms import normalise

    return phrase.search(text, Words(normalise(text), lexicon, people)) is not None


# --- short forms are the words they stand for -------------------------------------------------------


@pytest.mark.parametrize(("pattern", "text", "hit"), [
    ("should not have", "She shouldn't have gone.", True),
    ("should not have", "She shouldn’t’ve gone.", True),
    ("should not have", "She should not have gone.", True),
    ("should have", "She shouldn't have gone.", False),  # the not stands between
    ("shouldn't have", "she should not have", True),  # a pattern's short form reads the same way
    ("can not", "I can't.", True),
    ("can not", "I cannot.", True),
    ("will not", "He won't.", True),
    ("did not", "she didnt reply", True),
    ("{they} had gone", "she'd gone", True),
    ("{they} would go", "she'd go", True),
    ("it is her choice", "It's her choice.", True),
    ("it's her choice", "It is her choice.", True),
    ("let us", "let's go", True),
    ("was =willing", "She wasn't willing.", False),
    ("{name}'s choice", "It was Mia's choice.", True),  # a name's 's stays with the name
])
def test_short_forms_are_the_words_they_stand_for(pattern, text, hit):
    assert finds(pattern, text) is hit


def test_a_match_never_ends_inside_a_written_word():
    # "it is" is the start of "it isn't": a match may not stop between is and n't
    assert not finds("it is", "It isn't.")
    assert finds("it is", "It is.")


def test_a_match_is_reported_as_whole_written_words():
    phrase = compile_pattern("not have")
    text = "She shouldn't have."
    start, end = phrase.search(text)
    assert text[start:end] == "shouldn't have"


# --- *endings and exact words ----------------------------------------------------------------------


@pytest.mark.parametrize(("pattern", "text", "hit"), [
    ("should have *ed", "You should have noticed.", True),
    ("should have *ed", "You should have red.", False),  # at least two letters before the ending
    ("=chose", "She chose.", True),
    ("=chose", "She chooses.", False),
    ("chose", "She chooses.", True),  # a plain word finds every form of its family
])
def test_endings_and_exact_words(pattern, text, hit):
    assert finds(pattern, text) is hit


@pytest.mark.parametrize(("pattern", "problem"), [
    ("should have *e", "at least two letters"),
    ("should have *e1", "at least two letters"),
    ("na*ive", "'*' inside"),
    ("a ... [b] ... c", "only optional words between two '...'"),
    ("(" * (MAX_DEPTH + 2) + "a" + ")" * (MAX_DEPTH + 2), "deep"),
])
def test_a_pattern_the_matcher_would_not_take_says_why(pattern, problem):
    with pytest.raises(PatternError) as info:
        parse(pattern)
    assert problem in str(info.value)


# --- lists of words under words: --------------------------------------------------------------------


LISTS = {"young-person": ["{they}", "[the|a] (child|girl|boy)", "young people"],
         "kid-or-teen": ["{young-person}", "teenagers"]}


@pytest.mark.parametrize(("text", "hit"), [
    ("The child should have known.", True),
    ("She should have known.", True),
    ("Young people should have known.", True),
    ("Teenagers should have known.", True),  # a list may use another list
    ("Someone should have noticed.", False),  # Someone is not a name, though it has a capital
    ("The school should have known.", False),
])
def test_a_list_is_one_of_its_words_or_phrases(text, hit):
    assert finds("{kid-or-teen} should have known", text, lists=LISTS) is hit


def test_an_unknown_list_names_the_slots_and_lists():
    made, _ = read_lists(LISTS)
    with pytest.raises(PatternError) as info:
        parse("{young-persons} should", made)
    assert "is not a slot or a list under words:" in str(info.value)
    assert "{young-person}" in info.value.hint and "{they}" in info.value.hint


def test_lists_that_use_each_other_in_a_circle_are_refused():
    made, problems = read_lists({"a": ["{b}"], "b": ["x {a}"], "c": ["fine"]})
    assert sorted(name for name, _j, _e in problems) == ["a", "b"]
    assert list(made) == ["c"]


def write_language(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "language.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_list_is_reported_at_its_name_or_item(tmp_path):
    path = write_language(tmp_path, "words:\n  Bad Name: [x]\n  kid: [child, '(boy']\n"
                                    "avoid:\n  - pattern: '{kid} fault'\n    why: w\n    prefer: p\n")
    diags, _ = check_paths([path])
    found = sorted((d.code, d.line) for d in diags)
    assert ("E043", 2) in found  # the name
    assert ("E043", 3) in found  # the item '(boy'
    assert ("E043", 5) in found  # the pattern using {kid}, which could not be made
    assert "is not a usable list name" in next(d.message for d in diags if d.line == 2)


# --- the young person, not the abuser -----------------------------------------------------------------

MIA = People(["she"], ["jay", "ms", "okafor"])  # Mia (she) is the target; Jay, Ms Okafor are not


@pytest.mark.parametrize(("text", "hit"), [
    ("She knew what she was doing.", True),
    ("Mia knew what she was doing.", True),
    ("You knew what you were doing.", True),  # you could be the young person
    ("He knew what he was doing.", False),  # he is only ever the manipulator here
    ("Jay knew what they were doing.", False),
    ("Ms Okafor knew what she was doing.", False),
])
def test_in_a_story_they_is_only_the_young_person(text, hit):
    assert finds("{they} knew what {they} (was|were) doing", text, people=MIA) is hit


def test_in_a_document_anyone_could_be_the_young_person():
    assert finds("{they} knew what {they} (was|were) doing", "He knew what he was doing.")
    assert finds("{they} knew what {they} (was|were) doing", "Jay knew what they were doing.")


@pytest.mark.parametrize(("text", "hit"), [
    ("It was her own fault.", True),
    ("It was Mia's own fault.", True),
    ("It was his own fault.", False),
    ("It was Jay's own fault.", False),
])
def test_their_and_themselves_follow_the_young_person_too(text, hit):
    assert finds("{their} own fault", text, people=MIA) is hit


def test_the_shipped_list_finds_the_young_person_in_a_story(load, changed):
    text = changed("      - At the bus stop after school, you can't stop thinking about Mia.",
                   "      - At the bus stop after school, you think Mia should have told her mum.")
    assert [d.code for d in load(text).diagnostics] == ["E040"]
    text = changed("      - At the bus stop after school, you can't stop thinking about Mia.",
                   "      - At the bus stop after school, you think Jay should never have messaged her.")
    assert [d.code for d in load(text).diagnostics] == []


# --- no pattern or regex can hang the checker (issue 15, class 6) ---------------------------------

# A regex that makes a backtracking engine (Python's re) take exponential time on a run of a's
# that does not end the text, and a phrase pattern that a matcher trying every way of fitting
# it to a run of words "a" would too. The text holds both runs, within a line's size limit.
NESTED_REGEX = "(a+)+$"
NESTED_PATTERN = " ... ".join(["(a|a a)"] * 8) + " ... b"
LONG_TEXT = "a" * 60 + "! " + "a " * 800 + "c b"


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    # A generous guard, not a speed target: a backtracking matcher would still be running.
    return subprocess.run([sys.executable, "-m", "game", "check", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("entry", [f"regex: '{NESTED_REGEX}'", f"pattern: '{NESTED_PATTERN}'"])
def test_a_nested_pattern_does_not_hang_check_on_a_story_or_a_document(tmp_path, example_text, entry):
    write_language(tmp_path, f"avoid:\n  - {entry}\n    why: w\n    prefer: p\n")
    (tmp_path / "example.yaml").write_text(
        example_text.replace("Mia is quiet.", f"Mia is quiet. {LONG_TEXT}"), encoding="utf-8")
    (tmp_path / "notes.md").write_text(LONG_TEXT + "\n", encoding="utf-8")
    out = run_check(str(tmp_path), str(tmp_path / "notes.md"))  # before issue 17, both ran for ever
    assert "3 files checked:" in out.stdout, out.stdout + out.stderr
    found = {d.split("[")[1].split("]")[0] for d in out.stdout.splitlines() if ": error[" in d}
    assert found <= {"E040"}  # the pattern does fit "... c b"; nothing else went wrong


@pytest.mark.parametrize(("regex", "problem"), [
    ("(a)\\\\1", "backreferences"),
    ("(?=a)b", "lookarounds"),
    ("(?<!a)b", "lookarounds"),
])
def test_a_regex_that_needs_backtracking_is_a_located_error(tmp_path, regex, problem):
    path = write_language(tmp_path, f'avoid:\n  - regex: "{regex}"\n    why: w\n    prefer: p\n')
    diags, _ = check_paths([path])
    assert [(d.code, d.line, d.col) for d in diags] == [("E043", 2, 12)]  # at the regex
    assert problem in diags[0].hint


def test_a_regex_too_big_for_re2_is_a_located_error(tmp_path):
    huge = "(?:\\pL\\pN){1000}"  # short to write, too big for RE2's memory bound once compiled
    path = write_language(tmp_path, f"avoid:\n  - regex: '{huge}'\n    why: w\n    prefer: p\n")
    diags, _ = check_paths([path])
    assert [(d.code, d.line) for d in diags] == [("E043", 2)]
    assert "cannot be used" in diags[0].message


_TOO_LONG_LISTS = "".join(f"  l{n}: ['{{l{n - 1}}} {{l{n - 1}}}']\n" for n in range(1, 12))


@pytest.mark.parametrize(("words", "pattern", "line", "message"), [
    # a pattern too long to check quickly, once its lists are written out
    ("l0: [" + ", ".join(f"w{i}" for i in range(400)) + "]\n" + _TOO_LONG_LISTS, "{l11} x", 15, "too long"),
    # more different words than the matcher has codes for
    ("many: [" + ", ".join(f"w{i}" for i in range(4200)) + "]\n", "{many} x", 3, "different words"),
])
def test_a_pattern_the_matcher_cannot_take_is_a_located_error(tmp_path, words, pattern, line, message):
    path = write_language(tmp_path, f"words:\n  {words}avoid:\n  - pattern: '{pattern}'\n    why: w\n    prefer: p\n")
    diags, _ = check_paths([path])
    assert [(d.code, d.line) for d in diags] == [("E043", line)]
    assert message in diags[0].message


def test_the_regex_escape_hatch_runs_on_re2(tmp_path):
    path = write_language(tmp_path, "avoid:\n  - regex: '\\bnaiv(e|ety)\\b'\n    why: w\n    prefer: p\n")
    book, problems = load_language(path)
    assert problems == []
    assert [f.phrase for f in book.find("so NAIVE, such naivety", "docs")] == ["NAIVE", "naivety"]
