"""How hard a text is to read, as a US school grade, from letters, words and sentences alone.

The Automated Readability Index (Senter and Smith, 1967) needs no syllable counting and no
word lists, so it is exact, fast and has no dependency:

    grade = 4.71 * letters / words + 0.5 * words / sentences - 21.43

(letters: letters and digits). US grade + 5 is roughly the reader's age: grade 6 is a UK
Year 7 pupil (11-12), grade 9 a Year 10 pupil (14-15).

Why the ARI and not the Coleman-Liau index (the other formula that needs no syllables):
measured on the eight drafted scenarios, Coleman-Liau put 15 plain lines such as "Tomorrow
you could talk to a teacher, or call Childline together with Mia." above grade 9, because it
weighs word length heavily and a short line has few words to average over; the ARI, which
also weighs sentence length (the guide's "short sentences"), put none of them there.

Why not the ``textstat`` package: its current releases download nltk's CMU pronouncing
dictionary at run time (a network call from a classroom tool, and a failure offline), and the
older releases that do not cost about 0.13 s to import, more than half of the checker's whole
start-up. Syllable-based formulas (Flesch-Kincaid) would also have to guess syllables for the
names and chat spellings these stories are full of ("ur", "omg", "Moonchat").

An index on a single short line is noise, so callers judge only lines with at least
``MIN_WORDS`` words, and give a scenario's level over all its lines at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

MIN_WORDS = 12
# A word: letters or digits, with inner apostrophes (don't, Priya's) and hyphens (15-year-old).
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
# A sentence ends at . ! ? (or a run of them, or an ellipsis) before a space, a closing quote or the end.
_SENTENCE_END = re.compile(r"[.!?\u2026]+(?=[\s\"'\u201d\u2019)]|$)")


@dataclass(frozen=True, slots=True)
class TextCounts:
    letters: int
    words: int
    sentences: int

    def __add__(self, other: TextCounts) -> TextCounts:
        return TextCounts(self.letters + other.letters, self.words + other.words,
                          self.sentences + other.sentences)

    @property
    def grade(self) -> float | None:
        """The Automated Readability Index, a US school grade; None for text with no words."""
        if not self.words:
            return None
        return 4.71 * self.letters / self.words + 0.5 * self.words / self.sentences - 21.43


def counts(text: str) -> TextCounts:
    words = _WORD.findall(text)
    if not words:
        return TextCounts(0, 0, 0)
    letters = sum(ch.isalnum() for w in words for ch in w)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    # Words after the last . ! ? (chat messages often have none) make one more sentence.
    tail = not ends or _WORD.search(text, ends[-1]) is not None
    return TextCounts(letters, len(words), len(ends) + tail)


def total(texts: Iterable[str]) -> TextCounts:
    out = TextCounts(0, 0, 0)
    for text in texts:
        out = out + counts(text)
    return out


def grade(text: str) -> float | None:
    """The reading grade of ``text`` (the ARI); None when it has no words."""
    return counts(text).grade


# UK school years: Year 7 is the first year of secondary school (ages 11-12), Year 13 the last
# of sixth form (17-18). A US grade is one less than the UK year of the same pupils.
LAST_SCHOOL_YEAR = 13


def school_year(grade: float) -> int:
    """The UK school year whose pupils read at this US grade (grade 6 → Year 7), at least Year 1."""
    return max(1, math.floor(grade) + 1)


def reader(grade: float) -> str:
    """Who a text at this grade is written for, in a teacher's words: 'about age 15 (Year 10)'.

    The age is the one pupils reach during that school year (Year 10: 14 to 15)."""
    year = school_year(grade)
    if year > LAST_SCHOOL_YEAR:
        return "an adult reader"
    return f"about age {year + 5} (Year {year})"
