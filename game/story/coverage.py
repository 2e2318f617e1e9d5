"""What a library of scenarios covers: signs (and on how many routes), themes, skills, who is targeted, who abuses.

``scenario_coverage`` summarises one compiled Story with its Exploration (the routes come
from ``game.story.explore``); ``LibraryCoverage`` puts them beside the taxonomy of signs and
themes and answers the library-wide rules: every sign covered, every theme covered, every
skill practised and at least two in each scenario, boys
and girls each targeted in at least three scenarios, abusers of more than one gender,
a peer and a group among them. ``to_text``, ``to_json`` and ``to_markdown`` render it; the
Markdown is the committed docs/coverage.md.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from game.story.explore import Exploration
from game.story.shared import Shared
from game.story.story import Character, Story

GROUPS = {"he": "boys", "she": "girls"}  # anything else (they, or not given) counts as "other"
MIN_TARGETED = 3  # boys and girls each targeted in at least this many scenarios
PEER_AGE = 18  # an abuser whose age is given and under this is a peer
MIN_SKILLS = 2  # skills each scenario practises (the checker's W084 asks the same)
MARKDOWN_COMMAND = "spot-the-signs coverage --format md -o docs/coverage.md"


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    pronouns: str | None
    age: int | None

    @classmethod
    def of(cls, c: Character) -> Person:
        return cls(c.name, c.pronouns, c.age)

    def describe(self) -> str:
        extra = ", ".join(str(x) for x in (self.pronouns, self.age) if x is not None)
        return f"{self.name} ({extra})" if extra else self.name


@dataclass(frozen=True, slots=True)
class ScenarioCoverage:
    id: str
    title: str
    band: str
    setting: str
    minutes: int
    themes: tuple[str, ...]
    signs: tuple[str, ...]  # every sign written in the story, in order of first appearance
    routes: int
    routes_complete: bool  # False: the route search stopped at its bound, counts are lower bounds
    sign_routes: Mapping[str, int]  # sign -> on how many routes a pupil meets it
    targets: tuple[Person, ...]
    manipulators: tuple[Person, ...]
    skills: Mapping[str, int] = field(default_factory=dict)  # skill -> how many choices practise it

    @property
    def targeted(self) -> tuple[str, ...]:
        """"boys", "girls" and/or "other": who this story's targeted young people are."""
        return tuple(dict.fromkeys(GROUPS.get(p.pronouns or "", "other") for p in self.targets))

    def routes_text(self) -> str:
        return f"{self.routes}" if self.routes_complete else f"{self.routes}+"

    def cell(self, sign: str) -> str:
        """'12/16' (met on 12 of 16 routes); '' when the story never shows it."""
        if sign not in self.sign_routes:
            return ""
        return f"{self.sign_routes[sign]}/{self.routes_text()}"


def scenario_coverage(story: Story, exploration: Exploration) -> ScenarioCoverage:
    on_routes: Counter[str] = Counter()
    for route in exploration.routes:
        on_routes.update(route.signs)
    skills: Counter[str] = Counter(s for scene in story.scenes.values() for c in scene.choices for s in c.skills)
    signs = story.signs
    return ScenarioCoverage(
        id=story.id, title=story.title, band=story.band, setting=story.setting, minutes=story.minutes,
        themes=story.themes, signs=signs, routes=len(exploration.routes),
        routes_complete=exploration.routes_complete,
        sign_routes={s: on_routes[s] for s in (*signs, *sorted(set(on_routes) - set(signs)))},
        targets=tuple(Person.of(c) for c in story.characters_with("target")),
        manipulators=tuple(Person.of(c) for c in story.characters_with("manipulator")),
        skills={s: skills[s] for s in story.skills},
    )


@dataclass(frozen=True, slots=True)
class Rule:
    text: str
    met: bool
    detail: str


@dataclass(frozen=True, slots=True)
class LibraryCoverage:
    scenarios: tuple[ScenarioCoverage, ...]
    shared: Shared

    # --- signs and themes ---

    @property
    def taxonomy_signs(self) -> tuple[str, ...]:
        """Tactics first, then signs noticed in the young person, each in signs.yaml order."""
        signs = self.shared.signs
        return tuple(sorted(signs, key=lambda s: signs[s].kind != "tactic"))

    def sign_scenarios(self, sign: str) -> tuple[str, ...]:
        """The scenarios in which a pupil meets this sign on at least one route."""
        return tuple(s.id for s in self.scenarios if s.sign_routes.get(sign, 0) > 0)

    @property
    def signs_lacking(self) -> tuple[str, ...]:
        return tuple(s for s in self.taxonomy_signs if not self.sign_scenarios(s))

    @property
    def signs_unknown(self) -> tuple[str, ...]:
        return tuple(sorted({s for sc in self.scenarios for s in sc.sign_routes} - set(self.shared.signs)))

    def skill_scenarios(self, skill: str) -> tuple[str, ...]:
        """The scenarios with a choice that practises this skill."""
        return tuple(s.id for s in self.scenarios if s.skills.get(skill, 0) > 0)

    @property
    def skills_lacking(self) -> tuple[str, ...]:
        return tuple(s for s in self.shared.skills if not self.skill_scenarios(s))

    @property
    def skills_unknown(self) -> tuple[str, ...]:
        return tuple(sorted({s for sc in self.scenarios for s in sc.skills} - set(self.shared.skills)))

    def theme_scenarios(self, theme: str) -> tuple[str, ...]:
        return tuple(s.id for s in self.scenarios if theme in s.themes)

    @property
    def themes_lacking(self) -> tuple[str, ...]:
        return tuple(t for t in self.shared.themes if not self.theme_scenarios(t))

    @property
    def themes_unknown(self) -> tuple[str, ...]:
        return tuple(sorted({t for sc in self.scenarios for t in sc.themes} - set(self.shared.themes)))

    # --- people and settings ---

    def targeted(self) -> dict[str, int]:
        """How many scenarios target boys, girls and others (a story with both counts for both)."""
        counts = {"boys": 0, "girls": 0, "other": 0}
        for sc in self.scenarios:
            for group in sc.targeted:
                counts[group] += 1
        return counts

    def abusers(self) -> dict[str, Any]:
        people = [p for sc in self.scenarios for p in sc.manipulators]
        ages = sorted(p.age for p in people if p.age is not None)
        return {
            "total": len(people),
            "pronouns": dict(sorted(Counter(p.pronouns or "not given" for p in people).items())),
            "ages": ages,
            "peer_scenarios": [sc.id for sc in self.scenarios
                               if any(p.age is not None and p.age < PEER_AGE for p in sc.manipulators)],
            "group_scenarios": [sc.id for sc in self.scenarios if len(sc.manipulators) > 1],
        }

    @property
    def few_skills(self) -> dict[str, int]:
        """Scenarios practising fewer than MIN_SKILLS skills, with how many they do."""
        return {sc.id: len(sc.skills) for sc in self.scenarios if len(sc.skills) < MIN_SKILLS}

    def counts(self, field: str) -> dict[str, int]:
        return dict(sorted(Counter(getattr(sc, field) for sc in self.scenarios).items()))

    def rules(self) -> tuple[Rule, ...]:
        signs, themes, skills = self.taxonomy_signs, tuple(self.shared.themes), tuple(self.shared.skills)
        targeted, abusers = self.targeted(), self.abusers()
        genders = [g for g in abusers["pronouns"] if g in ("he", "she")]
        return (
            Rule("every warning sign appears in at least one scenario", not self.signs_lacking,
                 f"{len(signs) - len(self.signs_lacking)} of {len(signs)}"
                 + (f"; lacking: {', '.join(self.signs_lacking)}" if self.signs_lacking else "")),
            Rule("every theme is covered by at least one scenario", not self.themes_lacking,
                 f"{len(themes) - len(self.themes_lacking)} of {len(themes)}"
                 + (f"; lacking: {', '.join(self.themes_lacking)}" if self.themes_lacking else "")),
            Rule("every skill is practised in at least one scenario", not self.skills_lacking,
                 f"{len(skills) - len(self.skills_lacking)} of {len(skills)}"
                 + (f"; lacking: {', '.join(self.skills_lacking)}" if self.skills_lacking else "")),
            Rule(f"every scenario practises at least {MIN_SKILLS} skills", not self.few_skills,
                 "; ".join(f"{sc}: {n}" for sc, n in self.few_skills.items()) or "all"),
            Rule(f"boys are targeted in at least {MIN_TARGETED} scenarios", targeted["boys"] >= MIN_TARGETED,
                 f"{targeted['boys']}"),
            Rule(f"girls are targeted in at least {MIN_TARGETED} scenarios", targeted["girls"] >= MIN_TARGETED,
                 f"{targeted['girls']}"),
            Rule("abusers of more than one gender (by pronouns)", len(genders) > 1,
                 ", ".join(f"{g}: {n}" for g, n in abusers["pronouns"].items()) or "none"),
            Rule(f"a peer abuser (age given, under {PEER_AGE}) in at least one scenario",
                 bool(abusers["peer_scenarios"]), ", ".join(abusers["peer_scenarios"]) or "none"),
            Rule("a group of abusers (two or more) in at least one scenario", bool(abusers["group_scenarios"]),
                 ", ".join(abusers["group_scenarios"]) or "none"),
        )


def library_coverage(items: Iterable[tuple[Story, Exploration]], shared: Shared) -> LibraryCoverage:
    return LibraryCoverage(tuple(scenario_coverage(story, ex) for story, ex in items), shared)


# --- text -----------------------------------------------------------------------------------


def to_text(cov: LibraryCoverage) -> str:
    out: list[str] = []
    for sc in cov.scenarios:
        out.append(f"{sc.id}  ({sc.band}, {sc.setting}, {sc.routes_text()} routes)")
        out.append(f"  targeted: {_people(sc.targets)} [{', '.join(sc.targeted) or 'nobody'}]")
        out.append(f"  abusers:  {_people(sc.manipulators)}")
        out += _wrapped("  signs:    ", ", ".join(f"{s}\xa0{sc.cell(s)}" for s in sc.sign_routes) or "none")
        out += _wrapped("  themes:   ", ", ".join(sc.themes) or "none")
        out += _wrapped("  skills:   ", ", ".join(f"{s}\xa0({n})" for s, n in sc.skills.items()) or "none")
    n = len(cov.scenarios)
    abusers = cov.abusers()
    ages = abusers["ages"]
    out += [
        "",
        f"Library: {n} scenario{'s' if n != 1 else ''}; bands {_pairs(cov.counts('band'))}; "
        f"settings {_pairs(cov.counts('setting'))}",
        f"  targeted: {_pairs(cov.targeted())}",
        f"  abusers:  {abusers['total']} ({_pairs(abusers['pronouns'])}); "
        f"ages {f'{ages[0]} to {ages[-1]}' if ages else 'not given'}",
    ]
    out += _wrapped("  signs lacking:  ", ", ".join(cov.signs_lacking) or "none")
    out += _wrapped("  themes lacking: ", ", ".join(cov.themes_lacking) or "none")
    out += _wrapped("  skills lacking: ", ", ".join(cov.skills_lacking) or "none")
    unknown = (*cov.signs_unknown, *cov.themes_unknown, *cov.skills_unknown)
    if unknown:
        out.append(f"  not in signs.yaml, themes.yaml or skills.yaml: {', '.join(unknown)}")
    out += ["", "Library rules:"]
    for r in cov.rules():
        out += _wrapped(f"  [{'ok' if r.met else 'NOT MET'}] ", f"{r.text}: {r.detail}")
    return "\n".join(out)


def _wrapped(first: str, text: str, width: int = 100) -> list[str]:
    """Lines of at most ``width``; a no-break space (\\xa0) keeps two words together."""
    lines = textwrap.wrap(text, width, initial_indent=first, subsequent_indent=" " * len(first),
                          break_on_hyphens=False, break_long_words=False)
    return [ln.replace("\xa0", " ") for ln in lines]


def _people(people: tuple[Person, ...]) -> str:
    return ", ".join(p.describe() for p in people) or "none"


def _pairs(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"


# --- JSON -----------------------------------------------------------------------------------


def to_json(cov: LibraryCoverage) -> dict[str, Any]:
    return {
        "scenarios": [
            {"id": sc.id, "title": sc.title, "band": sc.band, "setting": sc.setting, "minutes": sc.minutes,
             "routes": sc.routes, "routes_complete": sc.routes_complete, "signs": dict(sc.sign_routes),
             "themes": list(sc.themes), "skills": dict(sc.skills), "targeted": list(sc.targeted),
             "targets": [_person_json(p) for p in sc.targets],
             "manipulators": [_person_json(p) for p in sc.manipulators]}
            for sc in cov.scenarios
        ],
        "library": {
            "signs": {s: list(cov.sign_scenarios(s)) for s in cov.taxonomy_signs},
            "signs_lacking": list(cov.signs_lacking),
            "themes": {t: list(cov.theme_scenarios(t)) for t in cov.shared.themes},
            "themes_lacking": list(cov.themes_lacking),
            "skills": {s: list(cov.skill_scenarios(s)) for s in cov.shared.skills},
            "skills_lacking": list(cov.skills_lacking),
            "unknown": {"signs": list(cov.signs_unknown), "themes": list(cov.themes_unknown),
                        "skills": list(cov.skills_unknown)},
            "bands": cov.counts("band"),
            "settings": cov.counts("setting"),
            "targeted": cov.targeted(),
            "abusers": cov.abusers(),
        },
        "rules": [{"rule": r.text, "met": r.met, "detail": r.detail} for r in cov.rules()],
    }


def _person_json(p: Person) -> dict[str, Any]:
    return {"name": p.name, "pronouns": p.pronouns, "age": p.age}


# --- Markdown (docs/coverage.md) ------------------------------------------------------------


def md_cell(text: str) -> str:
    """Text inside a Markdown table cell: pipes escaped, no line breaks."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(md_cell(h) for h in head) + " |",
            "|" + "|".join("---" for _ in head) + "|",
            *("| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows)]


def to_markdown(cov: LibraryCoverage) -> str:
    ids = [sc.id for sc in cov.scenarios]
    out = [
        "# What the scenario library covers",
        "",
        f"Generated from the scenario files by `{MARKDOWN_COMMAND}`. Do not edit it by hand: "
        "a test fails when this page no longer matches the scenarios.",
        "",
        "## Library rules",
        "",
        *_table(["rule", "met", "detail"], [[r.text, "yes" if r.met else "**no**", r.detail] for r in cov.rules()]),
        "",
        "## Scenarios",
        "",
        *_table(["scenario", "title", "band", "setting", "minutes", "who is targeted", "who abuses", "routes"],
                [[f"`{sc.id}`", sc.title, sc.band, sc.setting, str(sc.minutes), _people(sc.targets),
                  _people(sc.manipulators), sc.routes_text()] for sc in cov.scenarios]),
        "",
        "A route is one way through a story from its start to an ending; two routes that pass the same "
        "scenes but remember different things (flags and counters) count separately. "
        "A number ending in + means the count stopped at its limit.",
        "",
        "## Themes by scenario",
        "",
        *_table(["theme", *ids, "scenarios"],
                [[f"{cov.shared.themes[t].name} (`{t}`)", *("✓" if t in sc.themes else "" for sc in cov.scenarios),
                  str(len(cov.theme_scenarios(t)))] for t in cov.shared.themes]),
        "",
        _lacking("Themes no scenario covers", cov.themes_lacking),
        "",
        "## Skills by scenario",
        "",
        "What the friend practises besides noticing (scenes/skills.yaml). Each cell says how many of the "
        "scenario's choices practise the skill; an empty cell means none do.",
        "",
        *_table(["skill", *ids, "scenarios"],
                [[f"{cov.shared.skills[k].name} (`{k}`)", *(str(sc.skills.get(k, "")) for sc in cov.scenarios),
                  str(len(cov.skill_scenarios(k)))] for k in cov.shared.skills]),
        "",
        _lacking("Skills no scenario practises", cov.skills_lacking),
        "",
        "## Warning signs by scenario",
        "",
        "Each cell says on how many of the scenario's routes a pupil meets the sign (12/16: on 12 of 16 routes); "
        "an empty cell means the scenario never shows it.",
        "",
    ]
    for kind, heading in (("tactic", "Tactics a manipulative \"friend\" uses"),
                          ("noticed", "Signs a friend might notice in the young person")):
        signs = [s for s in cov.taxonomy_signs if cov.shared.signs[s].kind == kind]
        out += [f"### {heading}", "",
                *_table(["sign", *ids, "scenarios"],
                        [[f"{cov.shared.signs[s].name} (`{s}`)", *(sc.cell(s) for sc in cov.scenarios),
                          str(len(cov.sign_scenarios(s)))] for s in signs]),
                ""]
    out.append(_lacking("Signs no scenario shows", cov.signs_lacking))
    unknown = (*cov.signs_unknown, *cov.themes_unknown, *cov.skills_unknown)
    if unknown:
        out += ["", _lacking("Used by a scenario but missing from signs.yaml, themes.yaml or skills.yaml", unknown)]
    return "\n".join(out) + "\n"


def _lacking(label: str, ids: Iterable[str]) -> str:
    ids = list(ids)
    return f"{label}: " + (", ".join(f"`{i}`" for i in ids) if ids else "none") + "."
