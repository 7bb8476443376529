"""Capacity analysis: what the calendar, the windows and the legal starts allow, counted without solving.

One home for the counts behind both the `check` warnings (workbook/likely_mistakes.py) and the
exit-3 diagnosis (the `count` of each rule in scheduler/rules/): where an offer can go, how many
phase-1 sessions a set of offers can give at most, fixed events that alone break a rule.
Solver-free; the legal starts come from `core.candidates`.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from scheduler.core import domain
from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.candidates import Candidate, all_candidates, event_occurrences


@dataclass
class Capacity:
    """What the counts look at: the problem, its calendar and every offer's legal starts."""

    problem: domain.Problem
    calendar: ProgrammeCalendar
    candidates: dict[str, list[Candidate]]

    @classmethod
    def of(cls, problem: domain.Problem, candidates: dict[str, list[Candidate]] | None = None) -> Capacity:
        calendar = ProgrammeCalendar(problem.programme, problem.closures)
        if candidates is None:
            candidates = all_candidates(problem, calendar, event_occurrences(problem, calendar))
        return cls(problem, calendar, candidates)

    def weeks_with_starts(self, offer: domain.Offer, phase: int | None = None) -> set[int]:
        """Programme weeks holding a legal start of `offer` (in `phase` only, when given)."""
        return {c.week for c in self.candidates.get(offer.id, []) if phase is None or c.phase == phase}

    def phase_one_possible(self, offer: domain.Offer) -> int:
        """How many of the offer's occurrences can fall in phase 1 (one per week)."""
        return min(offer.count, len(self.weeks_with_starts(offer, phase=1)))

    def capped_supply(self, offers: list[domain.Offer]) -> int:
        """Phase-1 sessions `offers` can give at most, with every cap applied."""
        return capped_phase_one_supply(self.problem, offers, self.phase_one_possible)

    def events_in_weeks(self, offer: domain.Offer, weeks: frozenset[int]) -> list[domain.FixedEvent]:
        """Fixed events of the offer's audience on working days of `weeks`, one per row."""
        rows: dict[int, domain.FixedEvent] = {}
        for event in self.problem.events:
            if offer.audience != domain.COHORT and event.audience not in (domain.COHORT, offer.audience):
                continue
            if any(self.calendar.week_of.get(day) in weeks for day in self.calendar.event_days(event)):
                rows.setdefault(event.row, event)
        return [rows[r] for r in sorted(rows)]


def capped_phase_one_supply(problem: domain.Problem, offers: list[domain.Offer],
                            possible: Callable[[domain.Offer], int]) -> int:
    """Phase-1 sessions `offers` can give at most: `possible(offer)` each, capped by each speaker's
    `Max séances` and each organisation's `Séances max par organisation`."""
    organisation_of = {s.name: s.organisation for s in problem.speakers}
    maximum = {s.name: s.max_sessions for s in problem.speakers}
    by_speaker: dict[str, int] = defaultdict(int)
    for offer in offers:
        by_speaker[offer.speaker] += possible(offer)
    by_organisation: dict[str, int] = defaultdict(int)
    for speaker, count in by_speaker.items():
        limit = maximum.get(speaker)
        by_organisation[organisation_of.get(speaker, speaker)] += count if limit is None else min(limit, count)
    cap = problem.programme.max_sessions_per_organisation
    return sum(min(cap, count) for count in by_organisation.values())


def required_sessions_by_speaker(problem: domain.Problem) -> dict[str, int]:
    """Speaker -> the sessions of their required offers."""
    required: dict[str, int] = defaultdict(int)
    for offer in problem.offers:
        if offer.required:
            required[offer.speaker] += offer.count
    return required


def speakers_over_max(problem: domain.Problem) -> list[tuple[domain.Speaker, int]]:
    """(speaker, required sessions) where required sessions exceed the speaker's `Max séances`."""
    required = required_sessions_by_speaker(problem)
    return [(s, required[s.name]) for s in problem.speakers
            if s.max_sessions is not None and required[s.name] > s.max_sessions]


def required_phase_one_by_organisation(problem: domain.Problem) -> dict[str, list[domain.Offer]]:
    """Organisation -> its required offers that must fall in phase 1."""
    organisation_of = {s.name: s.organisation for s in problem.speakers}
    found: dict[str, list[domain.Offer]] = defaultdict(list)
    for offer in problem.offers:
        if offer.required and offer.phase == 1:
            found[organisation_of.get(offer.speaker, "")].append(offer)
    return found


def organisations_over_cap(problem: domain.Problem) -> list[tuple[domain.Organisation, list[domain.Offer], int]]:
    """(organisation, its required phase-1 offers, their sessions) beyond `Séances max par organisation`."""
    cap = problem.programme.max_sessions_per_organisation
    required = required_phase_one_by_organisation(problem)
    found = []
    for organisation in problem.organisations:
        offers = required.get(organisation.name, [])
        total = sum(o.count for o in offers)
        if total > cap:
            found.append((organisation, offers, total))
    return found


def _events_by_day(problem: domain.Problem, calendar: ProgrammeCalendar) -> dict[dt.date, list[domain.FixedEvent]]:
    by_day: dict[dt.date, list[domain.FixedEvent]] = defaultdict(list)
    for event in problem.events:
        for day in calendar.event_days(event):
            by_day[day].append(event)
    return by_day


def fixed_event_overloads(problem: domain.Problem, calendar: ProgrammeCalendar
                          ) -> list[tuple[dt.date, str, list[domain.FixedEvent], int]]:
    """(day, audience, its fixed events, minutes) where fixed events alone exceed `Heures max par jour`."""
    audiences = [domain.COHORT, *(p.id for p in problem.projects)]
    by_day = _events_by_day(problem, calendar)
    found = []
    for day in sorted(by_day):
        for audience in audiences:
            events = [e for e in by_day[day] if e.audience in (domain.COHORT, audience)]
            minutes = sum(e.end - e.start for e in events)
            if minutes > problem.programme.max_minutes_per_day:
                found.append((day, audience, events, minutes))
                break  # one per day is enough to say
    return found


def fixed_event_clashes(problem: domain.Problem, calendar: ProgrammeCalendar
                        ) -> list[tuple[dt.date, domain.FixedEvent, domain.FixedEvent]]:
    """(day, first, second): two fixed events at overlapping times for people they share (one per pair of rows)."""
    by_day = _events_by_day(problem, calendar)
    seen: set[tuple[int, int]] = set()
    found = []
    for day in sorted(by_day):
        events = by_day[day]
        for index, first in enumerate(events):
            for second in events[index + 1:]:
                shared = domain.COHORT in (first.audience, second.audience) or first.audience == second.audience
                pair = (min(first.row, second.row), max(first.row, second.row))
                if shared and first.start < second.end and second.start < first.end and pair not in seen:
                    seen.add(pair)
                    found.append((day, first, second))
    return found


# ---------------------------------------------------------------------------------------------
# Where an offer can go, by its speaker's windows alone (to say why it has no legal start)


@dataclass(frozen=True)
class Usable:
    """Where an offer can go, as far as its speaker's windows and the calendar say."""

    weeks: frozenset[int]  # programme weeks holding at least one usable day
    blocked: tuple[str, ...]  # French reasons the other window days cannot be used
    blocked_en: tuple[str, ...]


def _fits(offer: domain.Offer, window: domain.Window, calendar: ProgrammeCalendar) -> bool:
    """A session of the offer's duration fits on the grid in one half-day inside the window's hours."""
    start, end = calendar.window_span(window)
    for half_day in (0, 1):
        if any(start <= begin and begin + offer.duration_minutes <= end
               for begin in calendar.grid_starts(half_day, offer.duration_minutes)):
            return True
    return False


def _window_dates(window: domain.Window, calendar: ProgrammeCalendar) -> list[dt.date]:
    """Every calendar date the window names inside the programme, worked or not."""
    if window.date is not None:
        return [window.date] if calendar.first_day <= window.date <= calendar.last_day else []
    first = max(window.first or calendar.first_day, calendar.first_day)
    last = min(window.last or calendar.last_day, calendar.last_day)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if window.weekday is None or d.weekday() == window.weekday]


def usable_weeks(offer: domain.Offer, problem: domain.Problem, calendar: ProgrammeCalendar) -> Usable:
    """The weeks where the offer fits a window of its speaker, and why the other window days do not count."""
    phase_weeks = set(calendar.weeks) if offer.phase is None else set(calendar.weeks_of_phase(offer.phase))
    weeks: set[int] = set()
    holidays: set[dt.date] = set()
    other_phase, too_short, outside = 0, 0, 0
    for window in (w for w in problem.windows if w.speaker == offer.speaker):
        dates = _window_dates(window, calendar)
        if not dates:
            outside += 1
        fits = _fits(offer, window, calendar)
        for day in dates:
            week = calendar.week_of.get(day)
            if week is None:
                if day.weekday() in problem.programme.weekdays:
                    holidays.add(day)
            elif week not in phase_weeks:
                other_phase += 1
            elif not fits:
                too_short += 1
            else:
                weeks.add(week)
    fr, en = [], []
    if holidays:
        shown, more = sorted(holidays)[:4], (" …" if len(holidays) > 4 else "")
        fr.append("jours fériés ou fermetures : " + ", ".join(
            f"{d:%d/%m/%Y} ({calendar.non_working_reason(d) or 'Fermeture'})" for d in shown) + more)
        en.append("public holidays or closures: " + ", ".join(
            f"{d.isoformat()} ({calendar.non_working_reason(d, 'en') or 'Closure'})" for d in shown) + more)
    if other_phase:
        fr.append(f"hors de la phase {offer.phase}")
        en.append(f"outside phase {offer.phase}")
    if too_short:
        hours = f"{offer.duration_minutes / 60:g}"
        fr.append(f"trop courtes pour {hours.replace('.', ',')} h dans une demi-journée")
        en.append(f"too short for {hours} h within a half-day")
    if outside:
        fr.append("hors des dates du programme")
        en.append("outside the programme's dates")
    return Usable(frozenset(weeks), tuple(fr), tuple(en))
