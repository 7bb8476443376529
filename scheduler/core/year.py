"""A year of cohorts (SPEC §6): several cohorts sharing the same partners and speakers.

A `YearProblem` holds one ordinary `Problem` per cohort (its offers, events, closures,
participants and projects, its `Programme` dates) plus what the cohorts share: the speakers
with their yearly caps and the organisations' yearly cap. Solver-free.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from scheduler.core.domain import Problem, Speaker
from scheduler.core.files import safe_file_name
from scheduler.core.text import slug
from scheduler.core.words import word


@dataclass(frozen=True)
class Cohort:
    """One row of sheet `Promotions`: empty cells (None, '') take the `Programme` values."""

    name: str
    start_date: dt.date
    weeks: int | None = None
    phase1_weeks: int | None = None
    location: str = ""
    row: int = 0

    @property
    def slug(self) -> str:
        """The cohort's folder name in the outputs (`Printemps 2027` -> `printemps-2027`)."""
        return safe_file_name(slug(self.name) or "promotion")


def unnamed_year(year: int, lang: str = "fr") -> str:
    """The name of a year of cohorts whose `Programme` gives no `Nom`: 'Année 2027' / 'Year 2027'."""
    return word("year.naming.unnamed", lang, year=year)


@dataclass(frozen=True)
class YearProblem:
    """Every cohort of the year, each as the `Problem` it would be alone, and what they share."""

    name: str  # `Nom` of `Programme`; without one, 'Année 2027' (see `named`, `title`)
    cohorts: tuple[Cohort, ...]
    problems: tuple[Problem, ...]  # one per cohort, in the same order
    speakers: tuple[Speaker, ...] = ()  # shared, with `max_sessions_per_year`
    max_sessions_per_organisation_per_year: int | None = None
    single: bool = False  # True: a workbook without `Promotions` rows (plans exactly as SPEC §1-5)
    warnings: tuple[str, ...] = ()
    named: bool = True  # False: `Programme` gives no `Nom`, `name` is the French default of `title`

    def __post_init__(self) -> None:
        if len(self.cohorts) != len(self.problems):
            raise ValueError("one Problem per cohort")

    def title(self, lang: str = "fr") -> str:
        """The year's name as people read it in `lang`: its `Nom`, else 'Année 2027' ('Year 2027')."""
        if self.named or not self.cohorts:
            return self.name
        return unnamed_year(self.cohorts[0].start_date.year, lang)

    @property
    def pairs(self) -> tuple[tuple[Cohort, Problem], ...]:
        return tuple(zip(self.cohorts, self.problems))

    def problem_of(self, cohort_name: str) -> Problem:
        return next(p for c, p in self.pairs if c.name == cohort_name)

    def yearly_cap(self, speaker_name: str) -> int | None:
        found = next((s for s in self.speakers if s.name == speaker_name), None)
        return found.max_sessions_per_year if found else None


def single_cohort_year(problem: Problem) -> YearProblem:
    """A one-cohort year holding `problem` untouched (a workbook without `Promotions` rows)."""
    programme = problem.programme
    cohort = Cohort(programme.name, programme.start_date, programme.weeks, programme.phase1_weeks,
                    programme.location)
    return YearProblem(programme.name, (cohort,), (problem,), problem.speakers, None, True, problem.warnings)


def cohort_programme(problem: Problem, cohort: Cohort) -> Problem:
    """`problem` with its `Programme` named, dated and located as `cohort` says (empty cells kept)."""
    programme = replace(problem.programme, name=cohort.name, start_date=cohort.start_date)
    if cohort.weeks is not None:
        programme = replace(programme, weeks=cohort.weeks)
    if cohort.phase1_weeks is not None:
        programme = replace(programme, phase1_weeks=cohort.phase1_weeks)
    if cohort.location:
        programme = replace(programme, location=cohort.location)
    return replace(problem, programme=programme)


def offered_sessions(problem: Problem) -> int:
    """The sessions a cohort is offered in all (each offer's `Séances`)."""
    return sum(offer.count for offer in problem.offers)


@dataclass(frozen=True)
class ThemeShortfall:
    """A theme whose speakers' yearly caps cannot give every cohort its minimum: `supply` < `need`."""

    theme: str
    need: int  # `Séances min par thème` summed over the cohorts offering the theme
    supply: int
    parts: tuple[tuple[str, int], ...]  # (speaker, sessions they can give the theme in the year)


def yearly_theme_shortfalls(year: YearProblem) -> list[ThemeShortfall]:
    """Themes that the speakers' yearly caps (and per-cohort `Max séances`) leave below the cohorts' minimums."""
    found = []
    themes = list(dict.fromkeys(t.name for problem in year.problems for t in problem.themes))
    for theme in themes:
        need, offered = 0, {}
        for problem in year.problems:
            mine = [o for o in problem.offers if o.theme == theme and o.phase in (1, None)]
            if mine and problem.programme.min_sessions_per_theme > 0:
                need += problem.programme.min_sessions_per_theme
            for speaker in {o.speaker for o in mine}:
                count = sum(o.count for o in mine if o.speaker == speaker)
                cap = problem.speaker(speaker).max_sessions
                offered[speaker] = offered.get(speaker, 0) + (count if cap is None else min(cap, count))
        parts = []
        for speaker, count in sorted(offered.items()):
            cap = year.yearly_cap(speaker)
            parts.append((speaker, count if cap is None else min(cap, count)))
        supply = sum(count for _, count in parts)
        if need and supply < need:
            found.append(ThemeShortfall(theme, need, supply, tuple(parts)))
    return found


@dataclass(frozen=True)
class RequiredOverCap:
    """Required sessions over the year above a yearly cap: a speaker's (`Max séances par an`) or, for phase-1
    sessions, an organisation's (`Séances max par organisation et par an`). No timetable can exist."""

    name: str  # the speaker or the organisation
    row: int | None  # the speaker's row in `Intervenants` (None for an organisation)
    offers: tuple[str, ...]  # the required offers' IDs
    per_cohort: tuple[tuple[str, int], ...]  # (cohort, required sessions in it)
    cap: int

    @property
    def need(self) -> int:
        return sum(count for _, count in self.per_cohort)


def required_over_yearly_caps(year: YearProblem) -> list[RequiredOverCap]:
    """The speakers, then the organisations, whose required sessions over the year exceed their yearly cap."""
    found = []
    for speaker in year.speakers:
        if speaker.max_sessions_per_year is None:
            continue
        mine = [[o for o in problem.offers if o.required and o.speaker == speaker.name] for problem in year.problems]
        per_cohort = tuple((c.name, sum(o.count for o in offers)) for c, offers in zip(year.cohorts, mine) if offers)
        if sum(count for _, count in per_cohort) > speaker.max_sessions_per_year:
            ids = tuple(dict.fromkeys(o.id for offers in mine for o in offers))
            found.append(RequiredOverCap(speaker.name, speaker.row or None, ids, per_cohort,
                                         speaker.max_sessions_per_year))
    cap = year.max_sessions_per_organisation_per_year
    if cap is not None:
        organisation_of = {s.name: s.organisation for s in year.speakers}
        organisations = list(dict.fromkeys(s.organisation for s in year.speakers))
        for organisation in organisations:
            mine = [[o for o in problem.offers if o.required and o.phase == 1
                     and organisation_of.get(o.speaker) == organisation] for problem in year.problems]
            per_cohort = tuple((c.name, sum(o.count for o in offers)) for c, offers in zip(year.cohorts, mine)
                               if offers)
            if sum(count for _, count in per_cohort) > cap:
                ids = tuple(dict.fromkeys(o.id for offers in mine for o in offers))
                found.append(RequiredOverCap(organisation, None, ids, per_cohort, cap))
    return found
