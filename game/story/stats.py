"""A scenario in figures, for writers and teachers: size, routes, signs, reading level, time.

    stats = story_stats(story, explore(story))
    stats["minutes"]["estimate"]

The time estimate is deliberately simple, and says how it was made:

    minutes = words on an average route / reading speed for the band
              + choices on an average route * SECONDS_PER_CHOICE / 60
              + DEBRIEF_MINUTES

An "average route" is the mean over the routes exploration found (every route counted once,
however likely). Reading speeds are for reading a screen in class, below silent-reading
norms on purpose: pupils read aloud, re-read, and the teacher pauses to discuss.
"""

from __future__ import annotations

from typing import Any

from game.story import readability
from game.story.explore import Exploration
from game.story.story import Story

WORDS_PER_MINUTE = {"11-13": 120, "14-16": 150}
SECONDS_PER_CHOICE = 20  # reading the options, deciding, reading the feedback
DEBRIEF_MINUTES = 1  # the debrief the game adds at every ending: signs met, not their fault, help


def story_stats(story: Story, found: Exploration) -> dict[str, Any]:
    parts = (*story.scenes.values(), *story.endings.values())
    lines = [ln for part in parts for ln in part.lines]
    continues = {c.id for scene in story.scenes.values() for c in scene.choices if c.is_continue}
    real_choices = sum(len(scene.choices) for scene in story.scenes.values()) - len(continues)

    level = readability.total(ln.text for ln in lines).grade
    hardest: tuple[float, str] | None = None
    for ln in lines:
        counts = readability.counts(ln.text)
        if counts.words >= readability.MIN_WORDS and counts.grade is not None \
                and (hardest is None or counts.grade > hardest[0]):
            hardest = (counts.grade, ln.id)

    routes = found.routes
    n = len(routes)
    route_words = [r.words for r in routes]
    route_choices = [sum(c not in continues for c in r.choices) for r in routes]
    avg_words = sum(route_words) / n if n else 0.0
    avg_choices = sum(route_choices) / n if n else 0.0
    wpm = WORDS_PER_MINUTE[story.band]
    estimate = avg_words / wpm + avg_choices * SECONDS_PER_CHOICE / 60 + DEBRIEF_MINUTES if n else None

    return {
        "id": story.id,
        "title": story.title,
        "band": story.band,
        "path": story.path,
        "words": sum(len(ln.text.split()) for ln in lines),
        "scenes": len(story.scenes),
        "choices": real_choices,
        "endings": len(story.endings),
        "states": found.states,
        "states_complete": found.complete,
        "routes": n,
        "routes_complete": found.routes_complete,
        "signs": list(story.signs),
        "signs_per_route": {"fewest": min((len(r.signs) for r in routes), default=0),
                            "most": max((len(r.signs) for r in routes), default=0)},
        "reading_level": {
            "index": "ARI (Automated Readability Index), a US school grade",
            "grade": round(level, 1) if level is not None else None,
            "hardest_line": {"id": hardest[1], "grade": round(hardest[0], 1)} if hardest else None,
        },
        "minutes": {
            "estimate": round(estimate) if estimate is not None else None,
            "declared": story.minutes,
            "route_words": {"average": round(avg_words), "fewest": min(route_words, default=0),
                            "most": max(route_words, default=0)},
            "route_choices_average": round(avg_choices, 1),
            "words_per_minute": wpm,
            "seconds_per_choice": SECONDS_PER_CHOICE,
            "debrief_minutes": DEBRIEF_MINUTES,
        },
    }


def to_text(stats: dict[str, Any]) -> str:
    def at_least(count: int, complete: bool) -> str:
        return f"{count:,}" if complete else f"at least {count:,}"

    level = stats["reading_level"]
    minutes = stats["minutes"]
    words = minutes["route_words"]
    out = [
        f"{stats['title']} ({stats['id']}, {stats['band']})",
        f"  words        {stats['words']:,} in all; {words['average']:,} on an average route "
        f"({words['fewest']:,} to {words['most']:,})",
        f"  scenes       {stats['scenes']}",
        f"  choices      {stats['choices']}",
        f"  endings      {stats['endings']}",
        f"  routes       {at_least(stats['routes'], stats['routes_complete'])}",
        f"  states       {at_least(stats['states'], stats['states_complete'])} (places x flags and counters)",
        f"  signs        {len(stats['signs'])}: {', '.join(stats['signs']) or 'none'}",
        f"               {stats['signs_per_route']['fewest']} to {stats['signs_per_route']['most']} on a route",
    ]
    if level["grade"] is not None:
        hardest = level["hardest_line"]
        extra = (f"; hardest line {hardest['id']}: {readability.reader(hardest['grade'])}" if hardest else "")
        grade = (f"like a text for {readability.reader(level['grade'])}" if level["grade"] >= 1
                 else "very easy, like a text for age 6 or younger")
        out.append(f"  reading      {grade} over all lines{extra}")
    if minutes["estimate"] is not None:
        out.append(f"  minutes      about {minutes['estimate']} to play (declared: {minutes['declared']}, "
                   "which may include discussion)")
        out.append(f"               {words['average']:,} words at {minutes['words_per_minute']} a minute, "
                   f"{minutes['route_choices_average']:g} choices at {minutes['seconds_per_choice']} s each, "
                   f"{minutes['debrief_minutes']} min for the debrief")
    return "\n".join(out)
