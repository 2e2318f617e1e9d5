"""Reading an untrusted scenario file: bytes, characters and YAML syntax (E001-E010).

Each test changes one thing in a copy of scenes/example.yaml and checks what a writer
would see: the code, the line and column, and a hint where one helps.
"""

from __future__ import annotations

import pytest

from game.story.load import LoadResult, load_scenario
from game.story.safe_yaml import Limits


def only(result: LoadResult, code: str):
    """The single diagnostic of a result that must fail with exactly that one problem."""
    assert result.story is None
    assert [d.code for d in result.diagnostics] == [code], [d.format() for d in result.diagnostics]
    diag = result.diagnostics[0]
    assert diag.severity == "error"
    return diag


def test_the_example_scenario_loads_without_any_problem(load, example_text):
    result = load(example_text)
    assert result.ok
    assert result.diagnostics == []


# --- size, encoding and characters -----------------------------------------------------


def test_text_over_the_size_limit_is_refused_with_both_sizes(load, example_text):
    d = only(load(example_text, limits=Limits(max_bytes=100)), "E002")
    assert d.line is None
    assert "limit is 100" in d.message
    assert d.hint


def test_a_file_over_the_size_limit_is_refused_without_being_parsed(tmp_path, shared):
    path = tmp_path / "example.yaml"
    path.write_text("[" * 5000, encoding="utf-8")  # would be E005 if it were read
    d = only(load_scenario(path, shared, Limits(max_bytes=1000)), "E002")
    assert d.path == str(path)


def test_a_byte_that_is_not_utf8_is_reported_at_its_line_and_column(load, example_text, changed, locate):
    text = changed("title: Mia's new follower", "title: Mia@s new follower")
    line, col = locate(text, "@s new")
    d = only(load(text.encode().replace(b"Mia@s", b"Mia\x92s")), "E003")  # a Windows-1252 apostrophe
    assert (d.line, d.col) == (line, col)
    assert "0x92" in d.message
    assert "UTF-8" in d.hint


def test_the_column_of_a_bad_byte_counts_letters_not_bytes(load, changed):
    text = changed("title: Mia's new follower", "title: Café Mia@")
    d = only(load(text.encode().replace(b"Mia@", b"Mia\xff")), "E003")
    assert d.col == len("title: Café Mia") + 1


def test_a_utf8_byte_order_mark_is_accepted(load, example_text):
    assert load(b"\xef\xbb\xbf" + example_text.encode()).ok


def test_windows_line_endings_are_accepted(load, example_text):
    assert load(example_text.replace("\n", "\r\n")).ok


def test_a_nul_character_is_refused_with_its_line_and_column(load, changed, locate):
    text = changed("title: Mia's new follower", "title: Mia\x00s new follower")
    d = only(load(text), "E004")
    assert (d.line, d.col) == locate(text, "\x00")
    assert "U+0000" in d.message
    assert d.hint


@pytest.mark.parametrize("char", ["\x1b", "\x7f", "\x0c"])
def test_an_invisible_control_character_is_refused(load, changed, locate, char):
    text = changed("  - Look at how to report", f"  - Look at how{char} to report")
    d = only(load(text), "E004")
    assert (d.line, d.col) == locate(text, char)


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_a_unicode_line_separator_is_refused_so_line_numbers_stay_true(load, changed, locate, char):
    # YAML counts these as line breaks and editors do not: every later line number would be off
    text = changed("title: Mia's new follower", f"title: Mia's new{char}follower")
    d = only(load(text), "E004")
    assert (d.line, d.col) == locate(text, char)


# --- nesting -----------------------------------------------------------------------------


def test_a_30000_deep_flow_list_is_refused_as_too_deeply_nested(load):
    d = only(load("[" * 30_000 + "]" * 30_000), "E005")
    assert d.line == 1
    # the first bracket past our limit of 64; libyaml 0.2.5+ (PyYAML 6.0.4 wheels) stops the
    # scan itself at its own limit of 1,000 before we see that bracket's event
    assert d.col in (65, 1001)
    assert d.hint


def test_a_30000_deep_flow_mapping_is_refused_as_too_deeply_nested(load):
    d = only(load("{a: " * 30_000 + "1" + "}" * 30_000), "E005")
    assert d.line == 1


def test_a_30000_deep_block_list_on_one_line_is_refused_as_too_deeply_nested(load):
    d = only(load("- " * 30_000 + "x\n"), "E005")
    assert d.line == 1


def test_block_mappings_nested_as_deep_as_the_size_limit_allows_are_refused(load):
    # Each level is indented one more space, so a 30,000-deep block mapping would be a
    # 450 MB file (E002); ~1,400 levels is as deep as fits under the 1 MB limit.
    text = "".join(" " * i + "k:\n" for i in range(1_400))
    assert len(text.encode()) < Limits().max_bytes
    d = only(load(text), "E005")
    assert (d.line, d.col) == (65, 65)


def test_a_30000_deep_block_mapping_file_is_refused_by_its_size_before_it_is_read(tmp_path, shared):
    # 30,000 levels indented one space more each is ~450 MB: the size is checked before reading.
    levels = 30_000
    size = sum(i + len("k:\n") for i in range(levels))
    path = tmp_path / "example.yaml"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("".join(" " * i + "k:\n" for i in range(200)))
        fh.truncate(size)  # the rest stays sparse: the loader must not read it
    d = only(load_scenario(path, shared), "E002")
    assert f"{size:,} bytes" in d.message


def test_the_nesting_limit_can_be_lowered(load, example_text, locate):
    # root mapping, characters, sam, look: the fourth level is the first one refused
    d = only(load(example_text, limits=Limits(max_depth=3)), "E005")
    assert (d.line, d.col) == locate(example_text, "{skin: 4")


# --- anchors, aliases and tags -----------------------------------------------------------


def test_an_anchor_is_refused_with_its_line(load, changed, locate):
    text = changed("title: Mia's new follower", "title: &t Mia's new follower")
    d = only(load(text), "E006")
    assert (d.line, d.col) == locate(text, "&t")
    assert "quotes" in d.hint


def test_an_alias_is_refused_with_its_line(load, changed, locate):
    text = changed("  - Look at how to report", "  - *follow\n  - Look at how to report")
    d = only(load(text), "E006")
    assert (d.line, d.col) == locate(text, "*follow")


def test_text_starting_with_a_star_gets_a_hint_to_quote_it(load, changed, locate):
    text = changed("      - It's lunchtime.", "      - *sigh* It's lunchtime.")
    d = only(load(text), "E001")  # YAML reads *sigh as an alias, then trips over the rest
    assert d.line == locate(text, "*sigh*")[0]
    assert "put the whole text in quotes" in d.hint


def test_a_billion_laughs_alias_bomb_is_refused_at_the_first_anchor(load):
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, prev in zip("bcdefghij", "abcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    d = only(load("\n".join(bomb) + "\n"), "E006")
    assert (d.line, d.col) == (1, 4)


@pytest.mark.parametrize("tag", [
    '!!python/object/apply:os.system ["echo hi"]',
    '!!python/object/new:os.system ["echo hi"]',
    "!!python/name:os.system",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
])
def test_python_and_other_non_standard_yaml_tags_are_refused(load, changed, locate, tag):
    text = changed("title: Mia's new follower", f"title: {tag}")
    d = only(load(text), "E007")
    assert (d.line, d.col) == locate(text, "!!")
    assert d.hint


def test_a_custom_tag_is_refused_with_its_line(load, changed, locate):
    text = changed("setting: both", "setting: !foo both")
    d = only(load(text), "E007")
    assert (d.line, d.col) == locate(text, "!foo")
    assert "'!foo'" in d.message
    assert "quotes" in d.hint


def test_a_standard_tag_that_does_not_fit_its_value_is_refused(load, changed, locate):
    text = changed("minutes: 8", "minutes: !!int abc")
    d = only(load(text), "E007")
    assert (d.line, d.col) == locate(text, "!!int")
    assert d.hint == "remove the tag"


def test_a_list_tagged_as_a_number_is_refused(load, changed, locate):
    text = changed("themes: [", "themes: !!int [")
    d = only(load(text), "E007")
    assert (d.line, d.col) == locate(text, "!!int")


def test_a_standard_tag_that_fits_is_accepted(load, changed):
    assert load(changed("minutes: 8", "minutes: !!int 8")).ok


def test_a_number_too_long_to_read_is_reported_briefly(load, changed, locate):
    text = changed("minutes: 8", "minutes: " + "9" * 5000)
    d = only(load(text), "E013")
    assert (d.line, d.col) == locate(text, "9999")
    assert len(d.message) < 100
    assert d.hint


# --- documents and keys ------------------------------------------------------------------


def test_a_second_document_is_refused_at_its_separator(load, example_text):
    text = example_text + "---\nid: second\n"
    d = only(load(text), "E008")
    assert d.line == example_text.count("\n") + 1
    assert "---" in d.hint


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n", "---\n", "~\n"])
def test_an_empty_file_is_reported(load, text):
    d = only(load(text), "E008")
    assert d.line == 1
    assert "spot-the-signs new" in d.hint


def test_a_repeated_top_level_key_is_reported_at_the_second_with_the_first_line(load, changed, locate):
    text = changed("minutes: 8\n", "minutes: 8\nminutes: 9\n")
    d = only(load(text), "E009")
    assert (d.line, d.col) == locate(text, "minutes: 9")
    assert f"first on line {locate(text, 'minutes: 8')[0]}" in d.message
    assert d.hint


def test_a_repeated_scene_id_is_reported_at_the_second_scene(load, changed, locate):
    second = "  lunch:\n    lines: [Again.]\n    go: told-teacher\n\n  messages:\n"
    text = changed("  messages:\n", second)
    d = only(load(text), "E009")
    assert (d.line, d.col) == (locate(text, "  lunch:\n    lines: [Again")[0], 3)
    assert f"first on line {locate(text, '  lunch:')[0]}" in d.message


def test_a_repeated_key_deep_inside_a_character_is_reported(load, changed, locate):
    text = changed("    name: Mia\n", "    name: Mia\n    name: Mia-Rose\n")
    d = only(load(text), "E009")
    assert (d.line, d.col) == (locate(text, "name: Mia-Rose")[0], 5)


def test_a_repeated_key_inside_braces_is_reported_at_its_column(load, changed, locate):
    text = changed("{skin: 4, hair: curly,", "{skin: 4, hair: curly, skin: 5,")
    d = only(load(text), "E009")
    assert (d.line, d.col) == locate(text, "skin: 5")


def test_every_repeated_key_in_a_file_is_reported_together(load, changed):
    text = changed("minutes: 8\n", "minutes: 8\nminutes: 9\n")
    text = changed("    name: Mia\n", "    name: Mia\n    name: Mia-Rose\n", text)
    result = load(text)
    assert [d.code for d in result.diagnostics] == ["E009", "E009"]


@pytest.mark.parametrize("text", ["- id: example\n- title: Hi\n", "just some words\n", "42\n"])
def test_a_top_level_that_is_not_key_value_lines_is_refused(load, text):
    d = only(load(text), "E010")
    assert (d.line, d.col) == (1, 1)
    assert d.hint


# --- YAML syntax -------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new"), [
    ("    kind: chat\n    app: Sketchbook", "    kind: chat\n\tapp: Sketchbook"),  # inside a scene
    ("minutes: 8", "\tminutes: 8"),  # before a top-level key: YAML words this error differently
    ("      - It's lunchtime.", "\t  - It's lunchtime."),  # before a list item
])
def test_a_tab_in_the_indentation_is_reported_with_a_hint_to_use_spaces(load, changed, locate, old, new):
    text = changed(old, new)
    d = only(load(text), "E001")
    assert (d.line, d.col) == locate(text, "\t")
    assert "tab" in d.message and "spaces" in d.message
    assert "type spaces" in d.hint
    assert d.detail.startswith("YAML's own words: ")  # libyaml's wording, kept as a second line


def test_unquoted_text_containing_colon_space_gets_a_hint_to_quote_it(load, changed, locate):
    text = changed("title: Mia's new follower", "title: Mia: the new follower")
    d = only(load(text), "E001")
    assert (d.line, d.col) == locate(text, "Mia: the new")  # the text to put in quotes
    assert "': '" in d.message
    assert d.hint == 'put the whole text in quotes: title: "Mia: the new follower"'
    assert "mapping values are not allowed" in d.detail


def test_an_unclosed_quote_at_the_end_of_a_file_gets_a_hint_to_close_it(load, changed, locate):
    text = changed("      - Tomorrow you could", '      - "Tomorrow you could')
    d = only(load(text), "E001")
    assert (d.line, d.col) == locate(text, '"Tomorrow')  # where the quote opens, not the end of the file
    assert "never closed" in d.message
    assert 'add the closing "' in d.hint


def test_an_unclosed_quote_names_the_line_where_the_quoted_text_starts(load, changed, locate):
    # YAML reads on to the next quote mark (many lines later) and stumbles only there
    text = changed("  - Look at how to report", '  - "Look at how to report')
    d = only(load(text), "E001")
    assert (d.line, d.col) == locate(text, '"Look')  # the line to change, not where YAML stumbled
    stumbled = locate(text, '"This isn')[0]
    assert f"reads on to line {stumbled}" in d.message
    assert 'add the closing "' in d.hint


@pytest.mark.parametrize("symbol", ["@", "`", "%"])
def test_text_starting_with_a_reserved_symbol_gets_a_hint_to_quote_it(load, changed, locate, symbol):
    text = changed("      - It's lunchtime.", f"      - {symbol}mia it's lunchtime.")
    d = only(load(text), "E001")
    assert (d.line, d.col) == locate(text, f"{symbol}mia")
    assert f"cannot start with {symbol}" in d.message
    assert d.hint.startswith(f'put the whole text in quotes: - "{symbol}mia it\'s lunchtime.')


def test_text_starting_with_a_brace_gets_a_hint_to_quote_it(load, changed, locate):
    text = changed("title: Mia's new follower", "title: {Mia's new follower")
    d = only(load(text), "E001")
    assert d.line == locate(text, "{Mia")[0] + 1  # YAML notices only on the next line
    assert "must be in quotes" in d.hint


def test_text_after_a_bar_on_the_same_line_gets_a_hint(load, changed, locate):
    text = changed("title: Mia's new follower", "title: | Mia's new follower")
    d = only(load(text), "E001")
    assert (d.line, d.col) == locate(text, "Mia's")
    assert "next line" in d.hint


def test_a_line_indented_too_little_is_reported_at_that_line(load, changed, locate):
    text = changed("    app: Sketchbook", "   app: Sketchbook")
    d = only(load(text), "E001")
    assert (d.line, d.col) == locate(text, "app: Sketchbook")
    assert d.message == "this line is not lined up with the lines above it"
    assert "'app:' starts in column 4, and 'kind:' on line" in d.hint and "in column 5" in d.hint
