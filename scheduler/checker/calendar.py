"""The programme's calendar, recomputed by the checker on its own (it shares no code with
``scheduler.core.calendar``), so that a mistake in one is caught by the other."""
from __future__ import annotations

import datetime as dt
from functools import cached_property

import holidays as holidays_lib

from scheduler.checker.base import date_fr
from scheduler.core.domain import Problem, Programme

EXTRA_WEEKS = 104
"""How many calendar weeks past the nominal end the programme may run on when weeks are empty."""

NO_HOLIDAY_CODES = {"", "AUCUN", "NONE"}

def public_holidays(programme: Programme, language: str = "fr") -> dict[dt.date, str]:
    """Public holidays of the programme's calendar code ('FR', 'FR-57', '' for none), by date, named
    in `language` ('fr' or 'en_US')."""
    code = programme.holidays.strip().upper()
    if code in NO_HOLIDAY_CODES:
        return {}
    country, _, subdivision = code.partition("-")
    first = programme.start_date.year
    years = list(range(first, first + 3 + (programme.weeks + EXTRA_WEEKS) // 52))
    found = holidays_lib.country_holidays(country, subdiv=subdivision or None, years=years, language=language)
    return {day: str(label) for day, label in found.items()}


class Calendar:
    """Working days, programme weeks and half-days of one problem's programme."""

    def __init__(self, problem: Problem):
        self.programme = problem.programme
        self.closures = problem.closures
        self.holidays = public_holidays(problem.programme)

    def closure_reason(self, day: dt.date) -> str | None:
        for closure in self.closures:
            if closure.first <= day <= closure.last:
                return closure.reason or "fermeture"
        return None

    def is_open(self, day: dt.date) -> bool:
        """A working weekday, from the start date on, neither a public holiday nor closed."""
        return (day >= self.programme.start_date and day.weekday() in self.programme.weekdays
                and day not in self.holidays and self.closure_reason(day) is None)

    @cached_property
    def weeks(self) -> dict[int, tuple[dt.date, ...]]:
        """Programme week number (1..N) -> its working days; calendar weeks without one are skipped."""
        start = self.programme.start_date
        monday = start - dt.timedelta(days=start.weekday())
        numbered: dict[int, tuple[dt.date, ...]] = {}
        for _ in range(self.programme.weeks + EXTRA_WEEKS):
            if len(numbered) >= self.programme.weeks:
                break
            days = tuple(d for d in (monday + dt.timedelta(days=k) for k in range(7)) if self.is_open(d))
            if days:
                numbered[len(numbered) + 1] = days
            monday += dt.timedelta(days=7)
        return numbered

    @cached_property
    def week_of(self) -> dict[dt.date, int]:
        """Every working day within the programme weeks -> its programme week."""
        return {day: week for week, days in self.weeks.items() for day in days}

    def phase_of_week(self, week: int) -> int:
        return 1 if week <= self.programme.phase1_weeks else 2

    def phase_of_day(self, day: dt.date) -> int | None:
        week = self.week_of.get(day)
        return None if week is None else self.phase_of_week(week)

    def half_days(self) -> tuple[tuple[int, int], tuple[int, int]]:
        return self.programme.morning, self.programme.afternoon

    def half_day_of(self, start: int, end: int) -> tuple[int, int] | None:
        """The morning or afternoon that holds [start, end], or None."""
        return next((h for h in self.half_days() if h[0] <= start and end <= h[1]), None)

    def half_day_starting(self, start: int) -> tuple[int, int] | None:
        """The morning or afternoon in which `start` falls, or None."""
        return next((h for h in self.half_days() if h[0] <= start < h[1]), None)

    def repeats_on(self, day: dt.date, date: dt.date | None, weekday: int | None,
                   first: dt.date | None, last: dt.date | None) -> bool:
        """Whether a dated or weekly item (window, event) occurs on `day`; weekly ones on working days only."""
        if date is not None:
            return day == date
        if weekday is not None and day.weekday() != weekday:
            return False
        return (first is None or first <= day) and (last is None or day <= last) and self.is_open(day)

    def why_not_working(self, day: dt.date) -> tuple[str, str]:
        """Why `day` is not a working day of the programme, in French and English."""
        p = self.programme
        if day < p.start_date:
            return (f"il précède le début du programme ({date_fr(p.start_date)})",
                    f"it is before the programme starts ({p.start_date.isoformat()})")
        if day.weekday() not in p.weekdays:
            return "ce jour de la semaine n'est pas travaillé", "that weekday is not a working day"
        if day in self.holidays:
            english = public_holidays(p, "en_US").get(day, self.holidays[day])
            return f"c'est un jour férié ({self.holidays[day]})", f"it is a public holiday ({english})"
        reason = self.closure_reason(day)
        if reason is not None:
            closed = next(c for c in self.closures if c.first <= day <= c.last)
            return f"le programme est fermé ({reason})", f"the programme is closed ({closed.reason or 'closure'})"
        last = max(self.weeks) if self.weeks else 0
        return (f"il tombe après la dernière semaine du programme (semaine {last})",
                f"it falls after the programme's last week (week {last})")
