"""The YAML mistakes writers make, in plain words, on the line the writer must change.

Each test makes one mistake in a copy of scenes/example.yaml, as a writer would, and checks
the one E001 it gives: the line and column to change, a message without YAML's jargon, a hint
with the fix written out, and YAML's own wording kept only as the second line (``detail``).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.story.yaml_errors import plain_words


@pytest.fixture
def mistake(load, changed, locate):
    """mistake(old, new, at) -> (the only diagnostic, the (line, col) of ``at`` in the changed text)."""

    def _mistake(old: str, new: str, at: str):
        text = changed(old, new)
        result = load(text)
        assert result.story is None
        assert [d.code for d in result.diagnostics] == ["E001"], [d.format() for d in result.diagnostics]
        d = result.diagnostics[0]
        assert d.detail.startswith("YAML's own words: ")
        for jargon in ("mapping", "scalar", "token", "indicator", "block"):
            assert jargon not in d.message and jargon not in d.hint, d.format()
        return d, locate(text, at)

    return _mistake


def test_a_colon_in_text_points_at_the_text_and_writes_it_out_in_quotes(mistake):
    d, at = mistake("      - mia: Look! Someone called Jay followed my art account.",
                    "      - mia: Look! Jay said: you're special.", "Look! Jay")
    assert (d.line, d.col) == at
    assert d.message == "this text has a colon and a space (': ') in it, which YAML reads as the start of a new key"
    assert d.hint == "put the whole text in quotes: - mia: \"Look! Jay said: you're special.\""
    assert d.detail == "YAML's own words: mapping values are not allowed in this context"


def test_a_sign_under_bare_narration_points_at_the_narration_not_the_sign(mistake):
    d, at = mistake("      - narrator: A week later, Mia is quiet.", "      - A week later, Mia is quiet.",
                    "A week later")
    assert (d.line, d.col) == at  # the line above the sign: that is the one to change
    assert d.message == "narration that has 'sign:' under it must start with 'narrator:'"
    assert d.hint == ("write it as: - narrator: A week later, Mia is quiet. She turns her phone away when you "
                      "walk over.")


def test_a_missing_space_after_the_dash_is_named(mistake):
    d, at = mistake("      - sam: That dragon drawing", "      -sam: That dragon drawing", "-sam")
    assert (d.line, d.col) == at
    assert d.message == "a list item needs a space after its '-'"
    assert d.hint.startswith("write it as: - sam: That dragon drawing")


def test_a_missing_space_after_the_dash_of_the_first_item_is_named(mistake):
    d, at = mistake("      - It's lunchtime.", "      -It's lunchtime.", "-It's")
    assert (d.line, d.col) == at
    assert d.hint.startswith("write it as: - It's lunchtime.")


def test_a_tab_is_named_where_it_is(mistake):
    d, at = mistake("        mood: happy\n      - sam:", "\tmood: happy\n      - sam:", "\tmood")
    assert (d.line, d.col) == at
    assert d.message == "this line is indented with a tab: YAML needs spaces, never tabs"


def test_an_unclosed_quote_points_at_the_opening_quote(mistake):
    d, at = mistake("      - text: Ask Mia what else Jay has said.", '      - text: "Ask Mia what else Jay has said.',
                    '"Ask Mia')
    assert (d.line, d.col) == at
    assert d.message.startswith('the text in quotes that starts here has no closing ", so YAML reads on to line ')
    assert d.hint == 'add the closing " at the end of the text on this line'


def test_an_apostrophe_inside_single_quotes_is_named(mistake):
    d, at = mistake("title: Mia's new follower", "title: 'Mia's new follower'", "'Mia's")
    assert (d.line, d.col) == at
    assert d.message == "this text is in single quotes ('), so the apostrophe inside it ends the text early"
    assert d.hint == "write it as: title: \"Mia's new follower\""


@pytest.mark.parametrize(("new", "words"), [
    ("         mood: happy", "this line is indented further than 'mia:' on line"),  # one space too far
    ("       mood: happy", "this line is not lined up with the lines above it"),  # one space short
])
def test_wrong_indentation_is_named_on_the_line_that_moved(mistake, new, words):
    d, at = mistake("        mood: happy\n      - sam:", f"{new}\n      - sam:", new)
    assert d.line == at[0]
    assert d.message.startswith(words)
    assert "column 9" in d.hint  # where 'mood:' belongs, under 'mia:'


def test_a_missing_space_after_a_colon_points_at_that_line(mistake):
    d, at = mistake("        mood: happy\n      - sam:", "        mood:happy\n      - sam:", "mood:happy")
    assert d.line == at[0]
    assert d.message == "'mood:happy' needs a space after the colon"
    assert d.hint == "write it as: mood: happy"


def test_a_star_at_the_start_of_text_is_named(mistake):
    d, at = mistake("      - It's lunchtime.", "      - *sigh* It's lunchtime.", "*sigh*")
    assert (d.line, d.col) == at
    assert d.message.startswith("text cannot start with * unless it is in quotes")
    assert d.hint.startswith('put the whole text in quotes: - "*sigh* It\'s lunchtime.')


def test_the_second_line_is_shown_after_the_hint(mistake):
    d, _ = mistake("      - It's lunchtime.", "\t  - It's lunchtime.", "\t")
    assert d.format().splitlines()[1:] == [f"    hint: {d.hint}", f"    ({d.detail})"]


@given(st.text(alphabet=st.sampled_from(list(" \t-:'\"#*abc\n")), max_size=80),
       st.sampled_from(["mapping values are not allowed in this context", "did not find expected key",
                        "did not find expected '-' indicator", "could not find expected ':'",
                        "found character that cannot start any token", "found unexpected end of stream"]),
       st.sampled_from(["", "while scanning a simple key", "while parsing a block mapping",
                        "while scanning a quoted scalar", "while scanning an alias"]),
       st.integers(1, 8), st.integers(1, 30), st.integers(1, 8), st.integers(1, 30))
def test_plain_words_never_fail_whatever_the_marks_and_text(text, problem, context, line, col, cline, ccol):
    plain = plain_words(problem, context, (line, col), (cline, ccol), text, (cline, line))
    assert plain is None or (plain.line >= 1 and plain.col >= 1 and plain.message and plain.hint)
