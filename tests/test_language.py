"""The language rules: the avoid list of scenes/language.yaml (E040-E041, W040-W041), blaming lines
that must be answered (W042), language.yaml itself (E043, W043) and documents (W044)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.check.language import check_document
from game.story.check_files import check_paths
from game.story.load import load_language
from game.story.phrase_match import compile_pattern
from game.story.phrases import PatternError, parse
from game.story.word_forms import forms

ROOT = Path(__file__).resolve().parent.parent
SCENES = ROOT / "scenes"


@pytest.fixture(scope="session")
def book(shared):
    assert shared.language is not None, "scenes/language.yaml did not load"
    return shared.language


def phrases(book, text: str, place: str = "narration", manipulator: bool = True) -> list[str]:
    return [f.phrase for f in book.find(text, place, manipulator)]


# --- the avoid list finds the wording in the issue, however it is inflected -------------------

FLAGGED = [
    ("She put herself at risk.", "put herself at risk"),
    ("He keeps putting himself at risk.", "putting himself at risk"),
    ("They were putting themselves at risk by going.", "putting themselves at risk"),
    ("You're putting yourself in danger.", "putting yourself in danger"),
    ("Mia puts herself at risk every time.", "puts herself at risk"),
    ("Her risky behaviour worried everyone.", "risky behaviour"),
    ("a lot of risk-taking", "risk-taking"),
    ("He's a risk taker.", "risk taker"),
    ("She made some bad choices.", "bad choices"),
    ("a poor decision", "poor decision"),
    ("It was her choice.", "was her choice"),
    ("That's his own choice.", "That's his own choice"),
    ("It was Mia's decision.", "was Mia's decision"),
    ("It was their choice to go.", "was their choice"),
    ("She chose to go with him.", "She chose to go with"),
    ("He decided to meet Jay at the park.", "He decided to meet"),
    ("Zara is choosing to stay at his flat.", "Zara is choosing to stay"),
    ("her chaotic lifestyle", "lifestyle"),
    ("She should have known.", "She should have known"),
    ("I should've told someone.", "I should've told"),
    ("You should have told me sooner.", "You should have told"),
    ("She shouldn't have gone.", "She shouldn't have gone"),
    ("She should know better.", "should know better"),
    ("What she should have done was tell.", "What she should have done"),
    ("Why didn't she tell anyone?", "Why didn't she tell"),
    ("Why didn't you just tell me?", "Why didn't you just tell"),
    ("Why didn't Mia say something?", "Why didn't Mia say something"),
    ("why did not he leave", "why did not he leave"),
    ("She was a child prostitute.", "child prostitute"),
    ("Teenagers involved in prostitution", "involved in prostitution"),
    ("an underage sex worker", "underage sex worker"),
    ("Zara was involved in CSE.", "involved in CSE"),
    ("She is engaged in CSE.", "engaged in CSE"),
    ("Jamal was involved in county lines.", "involved in county lines"),
    ("He got involved with older boys.", "got involved with"),
    ("She is sexually active.", "sexually active"),
    ("She consented to it.", "consented"),
    ("It was consensual.", "consensual"),
    ("She was willing.", "She was willing"),
    ("He went willingly.", "willingly"),
    ("She agreed to meet him.", "She agreed to meet"),
    ("She's been contacting adults on the app.", "contacting adults"),
    ("He was messaging older men.", "messaging older men"),
    ("She's been sending pictures to older men.", "sending pictures to older men"),
    ("He traded pictures for credit.", "traded pictures"),
    ("She exchanged photos for a phone.", "exchanged photos"),
    ("She was given somewhere to stay in return for sex.", "in return for sex"),
    ("It was transactional.", "transactional"),
    ("She was quite flirty.", "flirty"),
    ("He's streetwise.", "streetwise"),
    ("She was promiscuous.", "promiscuous"),
    ("Zara is mature for her age.", "mature for her age"),
    ("He is far too grown-up for his age.", "grown-up for his age"),
    ("It was the way she dressed.", "the way she dressed"),
    ("the way she was dressed", "the way she was dressed"),
    ("He got recruited.", "recruited"),
    ("She was working for them.", "working for them"),
    ("He's a money mule now.", "money mule"),
    ("child porn", "child porn"),
    ("child pornography", "child pornography"),
    ("He showed her porn.", "porn"),
    ("She fell for it.", "fell for it"),
    ("He's falling for the trick.", "falling for the"),
    ("She was so naive.", "She was so naive"),
    ("She was so naïve.", "naïve"),
    ("She's so gullible.", "She's so gullible"),
    ("I feel so stupid.", "so stupid"),
    ("She was asking for it.", "was asking for it"),
    ("You're making it up.", "making it up"),
    ("She slept with him.", "slept with him"),
]


@pytest.mark.parametrize(("text", "phrase"), FLAGGED)
def test_the_avoid_list_finds_the_phrase(book, text, phrase):
    assert phrases(book, text) == [phrase]


SAFE = [
    "I chose the blue one.",
    "She decided to draw a dragon.",
    "a risky jump on the skateboard",  # risky alone is fine: only risky behaviour/choices/lifestyle
    "Work experience at the café",
    "a school relationship education lesson",
    "healthy relationships",
    "Relationships and sex education",
    "Pornsak lives next door, and he loves sport.",
    "Is that weird?",
    "You're the first person I've shown.",
    "Jay wants a photo. Just of my face, they said.",
    "It isn't your fault, Mia. Not one bit.",
    "Children cannot consent to their own abuse.",
    "She didn't consent.",
    "It wasn't consensual.",
    "The age of consent is 16.",
    "Marcus put her at risk.",
    "Jay is putting Mia at risk.",
    "Put yourself in Zara's shoes.",
    "She put her phone away.",
    "Being given things never makes it Leo's fault.",
    "You decide to go and find Harj.",
    "We agreed to tell Ms Okafor together.",
    "Ellie agreed to come on Saturday.",
    "That was a bad day.",
    "There's no wrong answer.",
    "It wasn't her choice.",
    "Pizza or chips? Your choice!",
    "It was her choice of film.",
    "Choose a partner for the first game.",
    "We should tell someone.",
    "You should tell Harj tomorrow.",
    "You shouldn't have to keep secrets.",
    "Why didn't the bus come?",
    "Why didn't you say hi?",
    "She fell over in the playground.",
    "Mum works for the NHS.",
    "The club recruited new volunteers.",
    "We traded stickers at break.",
    "Ash wants something in return for the coins.",
    "He wanted pictures in return for the coins.",
    "Talk to adults you trust.",
    "She sent a photo of her drawing to the group chat.",
    "He looked older than 14.",
    "She's mature and kind.",
    "Harj was willing to listen.",
    "a healthy lifestyle",
    "He's tall for his age.",
    "She dressed up as a pirate.",
    "I'll make it up to you.",
    "The bus is late again, stupid thing.",
    "sexual health",
    "a naval base",
    "She slept with the light on.",
]


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_sentences_are_not_flagged(book, text):
    assert phrases(book, text) == []


def test_matching_ignores_capitals_and_curly_apostrophes(book):
    assert phrases(book, "WHY DIDN’T SHE TELL ANYONE?") == ["WHY DIDN’T SHE TELL"]
    assert phrases(book, "She SHOULD’VE known") == ["She SHOULD’VE known"]


def test_a_phrase_split_over_a_line_break_is_still_found(book):
    assert phrases(book, "She put herself\n   at risk.") == ["put herself\n   at risk"]


def test_several_phrases_in_one_text_are_all_found_in_order(book):
    assert phrases(book, "She was naive and made bad choices.") == ["She was naive", "bad choices"]


def test_punctuation_between_the_words_breaks_a_phrase(book):
    assert phrases(book, "It was her, choice or not, to make.") == []


def test_a_word_also_finds_its_possessive(book):
    assert phrases(book, "the child prostitute's story") == ["child prostitute's"]


def test_a_name_with_an_accent_counts_as_a_name(book):
    assert phrases(book, "It was Zoë's choice.") == ["was Zoë's choice"]


def test_an_unless_phrase_only_excuses_the_match_it_overlaps(book):
    text = "Healthy relationships matter. But Kai thinks it is a relationship."
    assert phrases(book, text) == ["relationship"]
    assert book.find(text, "narration", True)[0].start == text.rindex("relationship")


def test_overlapping_entries_give_one_finding(book):
    # "risky choices" is in two entries' reach; the writer sees it once
    assert phrases(book, "She made risky choices.") == ["risky choices"]


# --- the pattern syntax --------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "form"), [
    ("put", "putting"), ("put", "puts"), ("choose", "chose"), ("choose", "chosen"), ("choose", "choosing"),
    ("consent", "consented"), ("consent", "consenting"), ("know", "knew"), ("know", "known"),
    ("choice", "choices"), ("try", "tries"), ("try", "tried"), ("stop", "stopped"), ("dress", "dresses"),
    ("fall", "fell"), ("tell", "told"), ("man", "men"),
])
def test_a_plain_word_finds_its_other_forms(word, form):
    assert form in forms(word)


def test_little_words_and_words_with_endings_are_not_given_more_endings():
    assert forms("her") == ("her",)
    assert forms("accepted") == ("accepted",)


@pytest.mark.parametrize(("pattern", "text", "hit"), [
    ("=naive", "naive", True),
    ("=naive", "naives", False),
    ("(bad|poor) choice", "a poor choice", True),
    ("(bad|poor) choice", "a good choice", False),
    ("[bad] choice", "a choice", True),
    ("[bad] choice", "a bad choice", True),
    ("put {themselves} at risk", "put themself at risk", True),
    ("put {themselves} at risk", "put him at risk", False),
    ("{their} fault", "Mia's fault", True),
    ("{name}'s choice", "Mia's choice", True),
    ("{name}'s choice", "mia's choice", False),  # a name starts with a capital letter
    ("why didn't {they} tell", "why didn't Jamal tell", True),
    ("not ... fault", "It's not one bit your fault", True),
    ("not ... fault", "It's not fair. Your fault.", False),  # never across a sentence
    ("not ... fault", "not one two three four five six fault", False),  # at most five words between
    ("risk-taking", "risk taking", True),
    ("money mule", "money-mule", True),
    ("porn", "pornography", False),  # whole words only
    ("a b | c d", "c d", True),
])
def test_pattern_syntax(pattern, text, hit):
    assert bool(compile_pattern(pattern).search(text)) is hit


@pytest.mark.parametrize(("pattern", "problem"), [
    ("(bad|poor choice", "no closing ')'"),
    ("bad) choice", "closes nothing"),
    ("[bad|poor choice", "no closing ']'"),
    ("put {themself} at risk", "is not a slot"),
    ("(bad||poor) choice", "empty choice"),
    ("= naive", "'=' with no word"),
    ("... fault", "between two words"),
    ("[bad] [poor]", "optional"),
    ("()", "empty group"),
])
def test_a_pattern_that_cannot_be_read_says_why(pattern, problem):
    with pytest.raises(PatternError) as info:
        parse(pattern)
    assert problem in str(info.value)
    assert info.value.hint


# --- language.yaml: loaded like signs.yaml, and checked itself ------------------------------------


def test_the_shipped_language_file_passes_its_own_examples():
    book, problems = load_language(SCENES / "language.yaml", self_test=True)
    assert book is not None and problems == [], [d.format() for d in problems]


def test_the_shipped_language_file_covers_the_guide(book):
    # every row of the guide's avoid table has at least one entry
    for words in ("child prostitute", "involved in CSE", "putting themselves at risk", "bad choices",
                  "lifestyle", "consented", "sexually active", "contacting adults", "in return for sex",
                  "promiscuous", "recruited", "child pornography", "should have known", "fell for it"):
        assert phrases(book, words), words


def write_language(tmp_path: Path, entry: str, corrections: str = "corrections: [not ... fault]") -> Path:
    path = tmp_path / "language.yaml"
    path.write_text(f"avoid:\n{entry}\n{corrections}\n", encoding="utf-8")
    return path


def test_a_bad_pattern_in_language_yaml_is_reported_at_the_pattern(tmp_path):
    path = write_language(tmp_path, "  - pattern: put {themself} at risk\n    why: w\n    prefer: p")
    diags, files = check_paths([path])
    assert files == 1
    assert [(d.code, d.line, d.col) for d in diags] == [("E043", 2, 18)]
    assert "{themself}" in diags[0].message and "{themselves}" in diags[0].hint


def test_a_bad_unless_or_correction_is_reported_too(tmp_path):
    path = write_language(tmp_path, "  - pattern: naive\n    why: w\n    prefer: p\n    unless: ['(a|b']",
                          corrections="corrections: ['not ...']")
    diags, _ = check_paths([path])
    assert [(d.code, d.line) for d in diags] == [("E043", 5), ("E043", 6)]


def test_an_entry_with_both_pattern_and_regex_is_refused(tmp_path):
    path = write_language(tmp_path, "  - pattern: naive\n    regex: naive\n    why: w\n    prefer: p")
    diags, _ = check_paths([path])
    assert [d.code for d in diags] == ["E013"]
    assert "either 'pattern:' or 'regex:'" in diags[0].message


def test_a_regex_that_cannot_be_read_is_reported(tmp_path):
    path = write_language(tmp_path, "  - regex: 'nai(ve'\n    why: w\n    prefer: p")
    diags, _ = check_paths([path])
    assert [d.code for d in diags] == ["E043"]


def test_a_regex_entry_works_like_a_pattern(tmp_path):
    path = write_language(tmp_path, "  - regex: '\\bnaiv(e|ety)\\b'\n    why: w\n    prefer: p")
    book, problems = load_language(path)
    assert problems == [] and [f.phrase for f in book.find("so naive", "speech")] == ["naive"]


def test_an_example_the_pattern_misses_is_a_warning_at_the_example(tmp_path):
    path = write_language(tmp_path, "  - pattern: naive\n    why: w\n    prefer: p\n"
                                    "    examples: [so naive, so gullible]\n    fine: [a naive plan]")
    diags, _ = check_paths([path])
    assert [(d.code, d.line) for d in diags] == [("W043", 5), ("W043", 6)]
    assert "so gullible" in diags[0].message and "a naive plan" in diags[1].message


def test_a_scenes_folder_with_a_broken_language_file_reports_it(tmp_path):
    (tmp_path / "language.yaml").write_text("avoid:\n  - pattern: '(a'\n    why: w\n    prefer: p\n", encoding="utf-8")
    (tmp_path / "example.yaml").write_text((SCENES / "example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    diags, _ = check_paths([tmp_path], fallback_shared=SCENES)
    assert "E043" in [d.code for d in diags]


def test_a_school_can_add_its_own_entry(tmp_path, example_text):
    write_language(tmp_path, "  - pattern: (troubled|difficult) (kid|child)\n    why: labels the child\n"
                             "    prefer: describe what happened", corrections="corrections: [(not|isn't) ... fault]")
    (tmp_path / "example.yaml").write_text(
        example_text.replace("Mia is quiet.", "Mia is a troubled kid."), encoding="utf-8")
    diags, _ = check_paths([tmp_path], fallback_shared=SCENES)
    assert [(d.code, d.message) for d in diags] == [("E040", "avoid 'troubled kid': labels the child")]


# --- in a story: every place a pupil or teacher reads ---------------------------------------------


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def one(result, code: str):
    found = [d for d in result.diagnostics if d.code == code]
    assert len(found) == 1, [d.format() for d in result.diagnostics]
    return found[0]


def test_the_example_story_has_no_language_problems(load, example_text):
    assert codes(load(example_text)) == []


def test_a_blaming_line_is_an_error_pointing_at_the_phrase(load, changed, locate):
    text = changed("      - At the bus stop after school, you can't stop thinking about Mia.",
                   "      - At the bus stop, you think Mia put herself at risk.")
    result = load(text)
    d = one(result, "E040")
    assert result.story is None and d.severity == "error"
    assert (d.line, d.col) == locate(text, "put herself at risk")
    assert d.message == ("avoid 'put herself at risk': it says the young person caused the harm; "
                         "the abuser targeted them")
    assert d.hint == "say instead: was targeted; the abuser exploited their situation"


def test_a_phrase_in_quoted_text_with_escapes_is_located(load, changed, locate):
    text = changed('"Say: \\"I don\'t know what to do.\\""',
                   '"Say: \\"It was your own choice.\\" Why didn\'t you tell?"')
    d = one(load(text), "E040")
    assert (d.line, d.col) == locate(text, "Why didn't you tell")


def test_a_phrase_in_folded_text_points_at_the_start_of_the_text(load, changed, locate):
    text = changed("          Good thinking. A safe friend doesn't ask for secrets.",
                   "          Good thinking. She should have known a safe friend doesn't ask for secrets.")
    d = one(load(text), "E040")
    assert (d.line, d.col) == locate(text, ">-\n          Good thinking. She")


def test_a_character_saying_it_gets_a_hint_about_voice(load, changed):
    text = changed("      - mia: You said the secret stuff felt wrong.", "      - mia: I should have known.")
    d = one(load(text), "E040")
    assert "if Mia says this on purpose, add 'voice: misinformed'" in d.hint


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("        feedback: Telling a trusted adult is the most helpful thing a friend can do.",
     "        feedback: Mia made a bad choice. Telling a trusted adult is the most helpful thing a friend can do.",
     "bad choice"),
    ("      - text: Say nothing for now.", "      - text: Say she fell for it.", "fell for it"),
    ("    discuss: What has changed about Mia this week", "    discuss: Why didn't Mia tell anyone this week",
     "Why didn't Mia tell"),
    ("        why: Someone new who suddenly likes", "        why: Mia is naive. Someone new who suddenly likes",
     "Mia is naive"),
    ("    title: It's not too late", "    title: She should have known", "She should have known"),
    ("      - Mia's mum and Ms Okafor", "      - Mia was sexually active. Mia's mum and Ms Okafor", "sexually active"),
    ("pupil_summary: Mia's art", "pupil_summary: Mia is flirty. Mia's art", "flirty"),
    ("  - A request for a photo", "  - Mia consented to a request for a photo", "consented"),
    ("  - Know that it is never", "  - Know why Mia fell for it, and know that it is never", "fell for it"),
    ("  - ask: Who could Mia and Sam talk to", "  - ask: Why didn't Mia tell? Who could Mia and Sam talk to",
     "Why didn't Mia tell"),
    ("    notes: Listening, saying", "    notes: Mia was naive. Listening, saying", "Mia was naive"),
    ("  - Look at how to report", "  - Discuss her risky behaviour. Look at how to report", "risky behaviour"),
    ("title: Mia's new follower", "title: Mia's risky choices", "risky choices"),
    ("    discuss_notes: >-\n      She hides her phone,",
     "    discuss_notes: She was asking for it. She hides her phone,", "was asking for it"),
    ("content_notes:\n", "teacher_notes:\n  - Mia should have told someone sooner.\ncontent_notes:\n",
     "Mia should have told"),
])
def test_every_place_pupils_and_teachers_read_is_checked(load, changed, locate, old, new, needle):
    text = changed(old, new)
    d = one(load(text), "E040")
    assert (d.line, d.col) == locate(text, needle)


def test_the_manipulators_own_lines_are_exempt(load, changed):
    text = changed("      - jay: ur family wouldn't get ur art like I do",
                   "      - jay: ur so mature for ur age. ur family wouldn't get ur art like I do")
    assert codes(load(text)) == []  # it has a sign:, which the debrief explains


def test_a_line_tagged_voice_misinformed_is_exempt(load, changed):
    text = changed("      - mia: I thought I'd get in trouble. I thought it was my fault.",
                   "      - mia: I should have known. I thought it was my fault.")
    assert codes(load(text)) == []


def test_the_why_of_an_exempt_line_is_still_checked(load, changed):
    text = changed("        sign: only-i-understand\n",
                   "        sign: only-i-understand\n        why: Mia is naive, so Jay says this.\n")
    assert codes(load(text)) == ["E040"]


def test_sense_dependent_words_are_a_warning_with_check_in_the_message(load, changed, locate):
    text = changed("      - At the bus stop after school,",
                   "      - Mia decided to meet Jay. At the bus stop after school,")
    result = load(text)
    d = one(result, "W040")
    assert result.story is not None and d.severity == "warning"
    assert d.message.startswith("check 'Mia decided to meet':")
    assert "reword" in d.hint
    assert (d.line, d.col) == locate(text, "Mia decided to meet")


# --- boyfriend, girlfriend, relationship: the abuser is not a partner -------------------------------


def test_boyfriend_in_narration_is_an_error_when_there_is_a_manipulator(load, changed, locate):
    text = changed("      - The next day, Mia shows you", "      - The next day, Mia's boyfriend texts. Mia shows you")
    d = one(load(text), "E041")
    assert (d.line, d.col) == locate(text, "boyfriend")
    assert "the person grooming them" in d.hint


def test_relationship_in_teacher_notes_is_a_warning(load, changed):
    text = changed("    notes: Listening, saying", "    notes: Mia thinks it is a relationship. Listening, saying")
    assert codes(load(text)) == ["W041"]


def test_a_character_may_say_boyfriend_in_their_own_words(load, changed):
    text = changed("      - mia: Jay's really nice to me.", "      - mia: Jay's like my boyfriend.")
    assert codes(load(text)) == []


def test_boyfriend_is_fine_in_a_story_without_a_manipulator(load, changed):
    text = changed("    role: manipulator", "    role: other")
    text = text.replace("themes: [online-contact", "themes: [healthy-friendship, online-contact")
    text = text.replace("      - The next day, Mia shows you",
                        "      - The next day, Mia's boyfriend waves. Mia shows you")
    assert "E041" not in codes(load(text))


def test_relationships_education_is_fine_even_with_a_manipulator(load, changed):
    text = changed("  - Look at how to report",
                   "  - Link this to your relationships education lessons. Look at how to report")
    assert codes(load(text)) == []


# --- W042: a deliberately blaming line must be shown to be wrong ----------------------------------


UNANSWER = ("      - ms-okafor: It isn't your fault, Mia. Not one bit. Jay is the one doing something wrong.",
            "      - ms-okafor: Let's sit down, Mia.")


def test_a_misinformed_line_that_nothing_answers_is_a_warning_at_the_line(load, changed, locate):
    text = changed(*UNANSWER)
    d = one(load(text), "W042")
    assert (d.line, d.col) == locate(text, "I thought I'd get in trouble")
    assert d.message == "Mia speaks with voice: misinformed, but nothing in the scene shows it is wrong"
    assert "It's not your fault" in d.hint


def test_a_correction_in_a_later_line_answers_it(load, changed):
    text = changed(*UNANSWER).replace("      - ms-okafor: Let's sit down, Mia.",
                                      "      - ms-okafor: Nobody deserves this, Mia.")
    assert codes(load(text)) == []


def test_a_correction_in_an_earlier_line_does_not_answer_it(load, changed):
    text = changed(*UNANSWER).replace("      - ms-okafor: Thank you both for telling me. You did the right thing.",
                                      "      - ms-okafor: It's not your fault.")
    assert codes(load(text)) == ["W042"]


def test_a_correction_in_the_ending_the_scene_leads_to_answers_it(load, changed):
    text = changed(*UNANSWER).replace("      - Mia's mum and Ms Okafor make a plan to keep her safe.",
                                      "      - Ms Okafor tells Mia again that it was never her fault.")
    assert codes(load(text)) == []


def test_a_correction_in_a_choice_feedback_answers_it(load, changed):
    text = changed("      - mia: You're the first person I've shown.\n        if: asked\n",
                   "      - mia: It's my own fault. I replied to Jay.\n        voice: misinformed\n")
    text = text.replace("Noticing is a good start, and it's never too late to speak up.",
                        "Noticing is a good start. And it's not Mia's fault.")
    assert codes(load(text)) == []


def test_a_manipulator_using_avoid_list_words_must_be_answered(load, changed):
    text = changed("      - jay: dont tell anyone about us ok? they'd just be jealous\n        sign: secrecy\n",
                   "      - jay: its ur choice. u chose to go on Whisper\n")
    text = text.replace("Noticing is a good start, and it's never too late to speak up.", "Noticing is a good start.")
    d = one(load(text), "W042")
    assert d.message == "Jay says 'u chose to go', but nothing in the scene shows it is wrong"


def test_a_manipulator_line_with_no_avoid_words_needs_no_answer(load, changed):
    text = changed("      - jay: dont tell anyone about us ok? they'd just be jealous\n        sign: secrecy\n",
                   "      - jay: see u on Whisper\n")
    assert codes(load(text)) == []


def test_a_voice_line_in_an_ending_needs_a_later_line_there(load, changed):
    text = changed("      - mia: I'm glad I told you, Sam.\n        mood: happy\n",
                   "      - mia: I still think I was stupid.\n        voice: misinformed\n")
    assert codes(load(text)) == ["W042"]
    text = text.replace("        voice: misinformed\n  mum-listens:",
                        "        voice: misinformed\n      - sam: You're not stupid. Jay tricked you.\n  mum-listens:")
    assert codes(load(text)) == []


# --- documents: .md and .txt ------------------------------------------------------------------------


def doc(book, text: str):
    return [(d.code, d.line, d.col) for d in check_document("notes.md", text, book)]


def test_a_document_is_checked_with_line_and_column(book):
    assert doc(book, "# Notes\n\nPupils may say she fell for it.\n") == [("E040", 3, 20)]


def test_a_phrase_over_two_lines_of_a_paragraph_is_found_where_it_starts(book):
    assert doc(book, "She put herself\nat risk.\n") == [("E040", 1, 5)]


def test_code_blocks_and_inline_code_are_not_checked(book):
    text = "```yaml\n- mia: I should have known.\n```\nUse `voice: misinformed` for `I was naive`.\n~~~\nnaive\n~~~\n"
    assert doc(book, text) == []


def test_the_allow_marker_skips_one_line(book):
    text = "| naive | was deceived | <!-- language: allow -->\n| gullible | was deceived |\n"
    assert doc(book, text) == [("E040", 2, 3)]


def test_an_allow_block_skips_every_line_inside(book):
    text = "<!-- language: allow start -->\nnaive\n\ngullible\n<!-- language: allow end -->\nstreetwise\n"
    assert doc(book, text) == [("E040", 6, 1)]


def test_an_allow_block_that_is_never_ended_is_a_warning(book):
    assert doc(book, "ok\n<!-- language: allow start -->\nnaive\n") == [("W044", 2, 1)]


def test_an_allow_end_without_a_start_is_a_warning(book):
    assert doc(book, "ok\n<!-- language: allow end -->\nnaive\n") == [("W044", 2, 1), ("E040", 3, 1)]


def test_blockquote_markers_do_not_hide_a_phrase(book):
    assert doc(book, "> She should have\n> known better.\n") == [("E040", 1, 3)]


def test_documents_never_get_the_manipulator_only_entries(book):
    assert doc(book, "Her boyfriend is older.\n") == []


def test_check_accepts_md_and_txt_files(tmp_path):
    (tmp_path / "notes.md").write_text("She made bad choices.\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("All fine here.\n", encoding="utf-8")
    diags, files = check_paths([tmp_path / "notes.md", tmp_path / "notes.txt"], fallback_shared=SCENES)
    assert files == 2
    assert [(Path(d.path).name, d.code, d.line, d.col) for d in diags] == [("notes.md", "E040", 1, 10)]


def test_the_projects_safeguarding_statement_passes_its_own_checker():
    diags, _ = check_paths([ROOT / "docs" / "safeguarding.md"], fallback_shared=SCENES)
    assert diags == [], [d.format() for d in diags]


def test_the_check_command_reports_a_document_with_line_and_column(tmp_path):
    import os
    import subprocess
    import sys

    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nPupils may say she fell for it.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "game", "check", str(notes)], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert out.returncode == 1
    assert f"{notes}:3:20: error[E040]: avoid 'fell for it'" in out.stdout
    assert "1 file checked: 1 error, 0 warnings." in out.stdout
