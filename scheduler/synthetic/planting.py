"""Planting: a valid timetable laid out by hand, one occurrence at a time, keeping every hard rule."""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Sequence

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import (COHORT, VISIT, FixedEvent, Offer, Problem, Project, Session, Timetable)


def audiences_meet(first: str, second: str) -> bool:
    """Two audiences share a participant: the cohort meets everyone, a group only itself."""
    return first == COHORT or second == COHORT or first == second


@dataclass(frozen=True)
class _Item:
    """Something on a day of the planted timetable: a session or a fixed event."""

    start: int
    end: int
    audience: str
    halves: frozenset[int]
    visit: bool = False

    @property
    def minutes(self) -> int:
        return self.end - self.start


class Planter:
    """Places occurrences of offers one at a time, keeping every hard rule of SPEC §2."""

    def __init__(self, problem: Problem, rng: random.Random):
        self.problem = problem
        self.rng = rng
        self.calendar = ProgrammeCalendar(problem.programme, problem.closures)
        self.organisation_of = {s.name: s.organisation for s in problem.speakers}
        self.speaker_cap = {s.name: s.max_sessions for s in problem.speakers}
        self.items: dict[dt.date, list[_Item]] = defaultdict(list)
        self.speaker_busy: dict[tuple[str, dt.date], list[tuple[int, int]]] = defaultdict(list)
        self.speaker_count: Counter = Counter()
        self.organisation_count: Counter = Counter()  # phase-1 sessions
        self.offer_weeks: dict[str, set[int]] = defaultdict(set)
        self.habits: dict[str, tuple[int, int]] = {}  # offer -> (weekday, half-day) of its first session
        self.sessions: list[Session] = []
        for index, event in enumerate(problem.events):
            for day in self.calendar.event_days(event):
                self._add_event(index, event, day)

    def _halves(self, start: int, end: int) -> frozenset[int]:
        return frozenset(i for i, (first, last) in enumerate(self.calendar.half_days) if start < last and first < end)

    def _add_event(self, index: int, event: FixedEvent, day: dt.date) -> None:
        self.items[day].append(_Item(event.start, event.end, event.audience, self._halves(event.start, event.end)))
        week = self.calendar.week_of[day]
        location = event.location or self.problem.programme.location
        self.sessions.append(Session(f"EV{index + 1:02d}-{day:%Y%m%d}", "", day, event.start, event.end, week,
                                     self.calendar.phase_of_week(week), event.title, audience=event.audience,
                                     location=location))

    def place(self, offer: Offer, limit: int | None = None, phase: int | None = None) -> int:
        """Place up to `limit` more occurrences of `offer` (default: all it offers), each in its own week,
        in `phase` if given; how many were placed."""
        wanted = offer.count - len(self.offer_weeks[offer.id])
        wanted = wanted if limit is None else min(wanted, limit)
        placed = 0
        for week in self._weeks_for(offer, phase):
            if placed >= wanted:
                break
            spot = self._find_spot(offer, week)
            if spot is not None:
                self._commit(offer, *spot)
                placed += 1
        return placed

    def _weeks_for(self, offer: Offer, phase: int | None) -> list[int]:
        """The offer's phase weeks not used by it yet, shuffled (only `phase`'s weeks if given)."""
        weeks = list(self.calendar.weeks) if offer.phase is None else list(self.calendar.weeks_of_phase(offer.phase))
        self.rng.shuffle(weeks)
        return [w for w in weeks if w not in self.offer_weeks[offer.id]
                and (phase is None or self.calendar.phase_of_week(w) == phase)]

    def theme_count(self, theme: str) -> int:
        """Phase-1 sessions of `theme` placed so far."""
        return sum(1 for s in self.sessions if s.offer_id and s.phase == 1 and s.theme == theme)

    def _find_spot(self, offer: Offer, week: int) -> tuple[dt.date, int] | None:
        for day, half in self._day_halves(offer, week):
            for start in self._starts(half, offer.duration_minutes):
                if self.fits(offer, day, start):
                    return day, start
        return None

    def _day_halves(self, offer: Offer, week: int) -> list[tuple[dt.date, int]]:
        """Days and half-days of the week in random order, the offer's habit (same weekday) first."""
        pairs = [(day, half) for day in self.calendar.weeks[week] for half in (0, 1)]
        self.rng.shuffle(pairs)
        habit = self.habits.get(offer.id)
        if habit is not None:
            pairs.sort(key=lambda pair: (pair[0].weekday(), pair[1]) != habit)
        return pairs

    def _starts(self, half: int, duration: int) -> list[int]:
        """Grid starts, the half-day's first and last first (they leave room for another session)."""
        starts = self.calendar.grid_starts(half, duration)
        if len(starts) <= 2:
            return starts
        middle = starts[1:-1]
        self.rng.shuffle(middle)
        return [starts[0], starts[-1], *middle]

    def fits(self, offer: Offer, day: dt.date, start: int) -> bool:
        """Whether one occurrence of `offer` on `day` at `start` keeps the timetable valid."""
        end = start + offer.duration_minutes
        half = self.calendar.half_day_of(start, end)
        if half is None or day not in self.calendar.week_of or self.calendar.week_of[day] in self.offer_weeks[offer.id]:
            return False
        audience = offer.audience
        visit = offer.format == VISIT
        for item in self.items[day]:
            if not audiences_meet(audience, item.audience):
                continue
            if item.start < end and start < item.end:
                return False
            if (visit or item.visit) and half in item.halves:
                return False
        return (self._speaker_free(offer.speaker, day, start, end)
                and self._within_daily_hours(day, audience, end - start)
                and self._within_organisation_cap(offer, day))

    def _speaker_free(self, speaker: str, day: dt.date, start: int, end: int) -> bool:
        cap = self.speaker_cap.get(speaker)
        if cap is not None and self.speaker_count[speaker] >= cap:
            return False
        return all(end <= first or last <= start for first, last in self.speaker_busy[(speaker, day)])

    def _within_daily_hours(self, day: dt.date, audience: str, minutes: int) -> bool:
        """Cohort minutes plus the busiest group's stay within the daily limit."""
        totals: Counter = Counter()
        for item in self.items[day]:
            totals[item.audience] += item.minutes
        totals[audience] += minutes
        groups = [total for name, total in totals.items() if name != COHORT]
        return totals[COHORT] + max(groups, default=0) <= self.problem.programme.max_minutes_per_day

    def _within_organisation_cap(self, offer: Offer, day: dt.date) -> bool:
        if self.calendar.phase_of_day(day) != 1:
            return True
        organisation = self.organisation_of[offer.speaker]
        return self.organisation_count[organisation] < self.problem.programme.max_sessions_per_organisation

    def _commit(self, offer: Offer, day: dt.date, start: int) -> None:
        end = start + offer.duration_minutes
        half = self.calendar.half_day_of(start, end)
        week = self.calendar.week_of[day]
        phase = self.calendar.phase_of_week(week)
        self.items[day].append(_Item(start, end, offer.audience, frozenset({half}), offer.format == VISIT))
        self.speaker_busy[(offer.speaker, day)].append((start, end))
        self.speaker_count[offer.speaker] += 1
        organisation = self.organisation_of[offer.speaker]
        if phase == 1:
            self.organisation_count[organisation] += 1
        self.offer_weeks[offer.id].add(week)
        self.habits.setdefault(offer.id, (day.weekday(), half))
        self.sessions.append(Session("", offer.id, day, start, end, week, phase, offer.title, offer.theme,
                                     offer.format, offer.speaker, organisation, offer.audience,
                                     offer.location or self.problem.programme.location))

    def timetable(self) -> Timetable:
        """The planted timetable, occurrences numbered `<offer>-<k>` in date order."""
        ordered: list[Session] = []
        seen: Counter = Counter()
        for session in sorted(self.sessions, key=lambda s: (s.day, s.start, s.audience, s.offer_id)):
            if session.offer_id:
                seen[session.offer_id] += 1
                session = replace(session, session_id=f"{session.offer_id}-{seen[session.offer_id]}")
            ordered.append(session)
        return Timetable(tuple(ordered), groups=assign_groups(self.problem))


def planting_order(problem: Problem, rng: random.Random) -> list[Offer]:
    """Required offers first (most occurrences first), then the others, themes taking turns."""
    required = sorted((o for o in problem.offers if o.required), key=lambda o: -o.count)
    by_theme: dict[str, list[Offer]] = defaultdict(list)
    for offer in problem.offers:
        if not offer.required:
            by_theme[offer.theme].append(offer)
    for offers in by_theme.values():
        rng.shuffle(offers)
    interleaved: list[Offer] = []
    while any(by_theme.values()):
        for theme in sorted(by_theme):
            if by_theme[theme]:
                interleaved.append(by_theme[theme].pop())
    return required + interleaved


def plant(problem: Problem, rng: random.Random) -> Timetable:
    """A valid timetable for `problem` (its windows ignored): fixed events, required offers,
    then enough phase-1 sessions for each theme's minimum, then everything else that fits."""
    planter = Planter(problem, rng)
    order = planting_order(problem, rng)
    for offer in order:
        if offer.required:
            planter.place(offer)
    for theme in problem.themes:
        for offer in (o for o in order if o.theme == theme.name and o.phase in (1, None)):
            if planter.theme_count(theme.name) >= problem.programme.min_sessions_per_theme:
                break
            planter.place(offer, limit=1, phase=1)
    for offer in order:
        planter.place(offer)
    return planter.timetable()


def planted_offer_counts(timetable: Timetable) -> Counter:
    return Counter(s.offer_id for s in timetable.sessions if s.offer_id)


def theme_shortfalls(problem: Problem, timetable: Timetable) -> dict[str, int]:
    """Theme -> how many phase-1 sessions it lacks to reach the minimum (only themes that lack some)."""
    counts = Counter(s.theme for s in timetable.sessions if s.offer_id and s.phase == 1)
    minimum = problem.programme.min_sessions_per_theme
    return {t.name: minimum - counts[t.name] for t in problem.themes if counts[t.name] < minimum}


def missing_required(problem: Problem, timetable: Timetable) -> list[str]:
    """IDs of required offers the planted timetable does not hold in full."""
    counts = planted_offer_counts(timetable)
    return [o.id for o in problem.offers if o.required and counts[o.id] < o.count]


def assign_groups(problem: Problem) -> tuple[tuple[str, str], ...]:
    """Participants to projects: first wish with room, then the smallest group; sizes kept."""
    if not problem.projects:
        return ()
    members: dict[str, list[str]] = {p.id: [] for p in problem.projects}
    limit = {p.id: p.max_size or len(problem.participants) for p in problem.projects}
    for participant in problem.participants:
        wish = next((w for w in participant.wishes if w in members and len(members[w]) < limit[w]), None)
        chosen = wish or min(members, key=lambda p: (len(members[p]) >= limit[p], len(members[p])))
        members[chosen].append(participant.name)
    _fill_minimums(problem.projects, members)
    return tuple((name, project) for project, names in members.items() for name in names)


def _fill_minimums(projects: Sequence[Project], members: dict[str, list[str]]) -> None:
    for project in projects:
        while len(members[project.id]) < (project.min_size or 0):
            donors = [p for p in projects if len(members[p.id]) > (p.min_size or 0) and p.id != project.id]
            if not donors:
                return
            donor = max(donors, key=lambda p: len(members[p.id]))
            members[project.id].append(members[donor.id].pop())
