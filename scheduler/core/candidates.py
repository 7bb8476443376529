"""Every legal start of every offer, enumerated before the model is built.

A candidate already obeys what depends on it alone: the speaker's windows, working days,
phase weeks, half-days, the time grid, and the fixed events of its audience. The model then
only has to choose among candidates so that they do not clash with each other.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import COHORT, VISIT, FixedEvent, Offer, Problem


@dataclass(frozen=True)
class Candidate:
    """One way to place one occurrence of an offer."""

    offer_id: str
    day: dt.date
    start: int
    end: int
    half_day: int  # 0 morning, 1 afternoon
    week: int
    phase: int
    preferred: bool  # inside a window the speaker marked as preferred


@dataclass(frozen=True)
class EventOccurrence:
    """A fixed event on one day."""

    event: FixedEvent
    day: dt.date
    week: int
    phase: int

    @property
    def audience(self) -> str:
        return self.event.audience

    @property
    def start(self) -> int:
        return self.event.start

    @property
    def end(self) -> int:
        return self.event.end


def audiences_meet(first: str, second: str) -> bool:
    """Whether two audiences share a participant: the cohort meets everyone, a group itself."""
    return first == COHORT or second == COHORT or first == second


def event_occurrences(problem: Problem, calendar: ProgrammeCalendar) -> list[EventOccurrence]:
    """Every fixed event on every working day it falls on."""
    occurrences = []
    for event in problem.events:
        for day in calendar.event_days(event):
            week = calendar.week_of[day]
            occurrences.append(EventOccurrence(event, day, week, calendar.phase_of_week(week)))
    return sorted(occurrences, key=lambda o: (o.day, o.start, o.event.row))


def _offer_weeks(offer: Offer, calendar: ProgrammeCalendar) -> set[int]:
    """Programme weeks where the offer's phase allows it (rule: phase)."""
    if offer.phase is None:
        return set(calendar.weeks)
    return set(calendar.weeks_of_phase(offer.phase))


def _clashes_with_events(offer: Offer, day: dt.date, start: int, end: int, half_day: int,
                         calendar: ProgrammeCalendar,
                         events_by_day: dict[dt.date, list[EventOccurrence]]) -> bool:
    """Overlaps a fixed event of its audience, or shares a visit's half-day with one."""
    half_start, half_end = calendar.half_days[half_day]
    for occurrence in events_by_day.get(day, ()):
        if not audiences_meet(offer.audience, occurrence.audience):
            continue
        if occurrence.start < end and start < occurrence.end:
            return True
        if offer.format == VISIT and occurrence.start < half_end and half_start < occurrence.end:
            return True
    return False


def _exceeds_daily_hours_alone(offer: Offer, day: dt.date, problem: Problem,
                               events_by_day: dict[dt.date, list[EventOccurrence]]) -> bool:
    """The session plus the fixed events its audience already has that day exceed the daily limit."""
    audiences = [offer.audience] if offer.audience != COHORT else [COHORT, *(p.id for p in problem.projects)]
    limit = problem.programme.max_minutes_per_day
    for audience in audiences:
        fixed = sum(o.end - o.start for o in events_by_day.get(day, ()) if o.audience in (COHORT, audience))
        if fixed + offer.duration_minutes > limit:
            return True
    return False


def offer_candidates(offer: Offer, problem: Problem, calendar: ProgrammeCalendar,
                     events_by_day: dict[dt.date, list[EventOccurrence]]) -> list[Candidate]:
    """Legal starts of one offer, each once, earliest first."""
    weeks = _offer_weeks(offer, calendar)
    found: dict[tuple[dt.date, int], Candidate] = {}
    for window in (w for w in problem.windows if w.speaker == offer.speaker):
        window_start, window_end = calendar.window_span(window)
        for day in calendar.window_days(window):
            week = calendar.week_of[day]
            if week not in weeks or _exceeds_daily_hours_alone(offer, day, problem, events_by_day):
                continue
            for half_day in (0, 1):
                for start in calendar.grid_starts(half_day, offer.duration_minutes):
                    end = start + offer.duration_minutes
                    if start < window_start or end > window_end:
                        continue
                    known = found.get((day, start))
                    if known is not None and (known.preferred or not window.preferred):
                        continue
                    if _clashes_with_events(offer, day, start, end, half_day, calendar, events_by_day):
                        continue
                    found[(day, start)] = Candidate(offer.id, day, start, end, half_day, week,
                                                    calendar.phase_of_week(week), window.preferred)
    return sorted(found.values(), key=lambda c: (c.day, c.start))


def all_candidates(problem: Problem, calendar: ProgrammeCalendar,
                   events: list[EventOccurrence]) -> dict[str, list[Candidate]]:
    """Offer ID -> its legal starts."""
    events_by_day: dict[dt.date, list[EventOccurrence]] = defaultdict(list)
    for occurrence in events:
        events_by_day[occurrence.day].append(occurrence)
    return {offer.id: offer_candidates(offer, problem, calendar, events_by_day) for offer in problem.offers}
