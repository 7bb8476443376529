"""The programme's calendar: working days, programme weeks, phases, half-days and the time grid."""
from __future__ import annotations

import datetime as dt
from functools import cached_property

import holidays as holidays_lib

from scheduler.core.domain import Closure, FixedEvent, Programme, Window

MAX_EMPTY_WEEKS = 104
"""How far past the nominal end the programme may run on when weeks have no working day (SPEC §1
`Semaines`: a week with no working day left does not count and the programme runs on). The checker's
own calendar runs on as far (scheduler/checker.py EXTRA_WEEKS); tests/test_properties.py compares them."""

NO_HOLIDAYS = {"", "AUCUN", "NONE"}


def parse_holiday_code(code: str) -> tuple[str, str | None] | None:
    """'FR' -> ('FR', None); 'FR-57' -> ('FR', '57'); 'aucun' -> None."""
    text = code.strip().upper()
    if text in NO_HOLIDAYS:
        return None
    country, _, subdivision = text.partition("-")
    return country, (subdivision or None)


def public_holidays(code: str, years: range, lang: str = "fr") -> dict[dt.date, str]:
    """Public holidays of `code` ('FR', 'FR-57', 'aucun') in `years`, named in French or English."""
    parsed = parse_holiday_code(code)
    if parsed is None:
        return {}
    country, subdivision = parsed
    calendar = holidays_lib.country_holidays(country, subdiv=subdivision, years=years,
                                             language="en_US" if lang == "en" else "fr")
    return dict(calendar.items())


class ProgrammeCalendar:
    """Working days and weeks of one programme."""

    def __init__(self, programme: Programme, closures: tuple[Closure, ...] = ()):
        self.programme = programme
        self.closures = closures

    @property
    def years(self) -> range:
        first = self.programme.start_date.year
        return range(first, first + 2 + (self.programme.weeks + MAX_EMPTY_WEEKS) // 52)

    @cached_property
    def holidays(self) -> dict[dt.date, str]:
        """Public holidays with their French names."""
        return public_holidays(self.programme.holidays, self.years)

    @cached_property
    def holidays_en(self) -> dict[dt.date, str]:
        return public_holidays(self.programme.holidays, self.years, "en")

    def closure_of(self, day: dt.date) -> Closure | None:
        return next((c for c in self.closures if c.first <= day <= c.last), None)

    def non_working_reason(self, day: dt.date, lang: str = "fr") -> str | None:
        """Why `day` is not worked (holiday name, closure reason), or None if it is a working weekday."""
        if day in self.holidays:
            return self.holidays_en.get(day, self.holidays[day]) if lang == "en" else self.holidays[day]
        closure = self.closure_of(day)
        if closure is not None:
            return closure.reason or ("Closure" if lang == "en" else "Fermeture")
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return (day >= self.programme.start_date and day.weekday() in self.programme.weekdays
                and day not in self.holidays and self.closure_of(day) is None)

    @cached_property
    def weeks(self) -> dict[int, tuple[dt.date, ...]]:
        """Programme week number (1..N) -> its working days; weeks without one do not count."""
        weeks: dict[int, tuple[dt.date, ...]] = {}
        monday = self.programme.start_date - dt.timedelta(days=self.programme.start_date.weekday())
        number = 0
        for _ in range(self.programme.weeks + MAX_EMPTY_WEEKS):
            if number >= self.programme.weeks:
                break
            days = tuple(d for d in (monday + dt.timedelta(days=i) for i in range(7)) if self.is_working_day(d))
            if days:
                number += 1
                weeks[number] = days
            monday += dt.timedelta(days=7)
        return weeks

    @cached_property
    def week_of(self) -> dict[dt.date, int]:
        return {day: week for week, days in self.weeks.items() for day in days}

    @cached_property
    def working_days(self) -> tuple[dt.date, ...]:
        return tuple(sorted(self.week_of))

    @property
    def first_day(self) -> dt.date:
        return self.programme.start_date

    @property
    def last_day(self) -> dt.date:
        return self.working_days[-1] if self.working_days else self.programme.start_date

    def week_monday(self, week: int) -> dt.date:
        first = self.weeks[week][0]
        return first - dt.timedelta(days=first.weekday())

    def phase_of_week(self, week: int) -> int:
        return 1 if week <= self.programme.phase1_weeks else 2

    def phase_of_day(self, day: dt.date) -> int:
        return self.phase_of_week(self.week_of[day])

    def weeks_of_phase(self, phase: int) -> tuple[int, ...]:
        return tuple(w for w in self.weeks if self.phase_of_week(w) == phase)

    @property
    def half_days(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """(morning, afternoon), each as (start, end) minutes."""
        return self.programme.morning, self.programme.afternoon

    def half_day_of(self, start: int, end: int) -> int | None:
        """0 for the morning, 1 for the afternoon, None when [start, end) fits in neither."""
        for index, (first, last) in enumerate(self.half_days):
            if first <= start and end <= last:
                return index
        return None

    def grid_starts(self, half_day: int, duration: int) -> list[int]:
        """Start times on the grid at which a session of `duration` minutes fits in the half-day."""
        first, last = self.half_days[half_day]
        step = self.programme.slot_minutes
        return list(range(first, last - duration + 1, step))

    def days_between(self, first: dt.date | None, last: dt.date | None, weekday: int | None = None,
                     date: dt.date | None = None) -> list[dt.date]:
        """Working days on `date`, or on `weekday` from `first` to `last` (default: the whole programme)."""
        if date is not None:
            return [date] if date in self.week_of else []
        return [d for d in self.working_days
                if (weekday is None or d.weekday() == weekday)
                and (first is None or d >= first) and (last is None or d <= last)]

    def window_days(self, window: Window) -> list[dt.date]:
        return self.days_between(window.first, window.last, window.weekday, window.date)

    def event_days(self, event: FixedEvent) -> list[dt.date]:
        return self.days_between(event.first, event.last, event.weekday, event.date)

    def window_span(self, window: Window) -> tuple[int, int]:
        """The window's hours, an empty start or end meaning the whole working day."""
        start = self.programme.morning[0] if window.start is None else window.start
        end = self.programme.afternoon[1] if window.end is None else window.end
        return start, end
