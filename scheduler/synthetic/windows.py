"""Availability: windows around the planted sessions, plus noise; rows and speaker caps."""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, TypeVar

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import Problem, Session, Speaker, Timetable, Window

T = TypeVar("T")


@dataclass(frozen=True)
class _Context:
    calendar: ProgrammeCalendar
    rng: random.Random
    preferred_share: float

    def half_span(self, half: int) -> tuple[int, int]:
        return self.calendar.half_days[half]

    def preferred(self) -> bool:
        return self.rng.random() < self.preferred_share


def availability(problem: Problem, timetable: Timetable, rng: random.Random,
                 noise: tuple[int, int] = (1, 3), preferred_share: float = 0.25) -> tuple[Window, ...]:
    """Windows for every speaker: each planted session lies in one of them; `noise` extra windows each."""
    context = _Context(ProgrammeCalendar(problem.programme, problem.closures), rng, preferred_share)
    by_speaker: dict[str, list[Session]] = defaultdict(list)
    for session in timetable.sessions:
        if session.offer_id:
            by_speaker[session.speaker].append(session)
    windows: list[Window] = []
    for speaker in problem.speakers:
        own = sorted(by_speaker[speaker.name], key=lambda s: (s.day, s.start))
        phases = {o.phase for o in problem.offers if o.speaker == speaker.name}
        found = _covering_windows(speaker.name, own, context)
        found += _noise_windows(speaker.name, phases, rng.randint(*noise), context)
        windows.extend(_unique(found))
    return tuple(windows)


def _covering_windows(speaker: str, sessions: list[Session], context: _Context) -> list[Window]:
    """One window per session, or one weekly window for an offer's sessions on the same weekday and half-day."""
    groups: dict[tuple[str, int, int], list[Session]] = defaultdict(list)
    for session in sessions:
        half = context.calendar.half_day_of(session.start, session.end)
        groups[(session.offer_id, session.day.weekday(), half)].append(session)
    windows = []
    for (_, weekday, half), members in groups.items():
        if len(members) >= 2:
            windows.append(_weekly_window(speaker, weekday, half, members[0].day, members[-1].day, context))
        else:
            windows.extend(_window_around(speaker, s, half, context) for s in members)
    return windows


def _weekly_window(speaker: str, weekday: int, half: int, first: dt.date, last: dt.date,
                   context: _Context) -> Window:
    """Every `weekday` from `first` to `last` (or the whole programme), on the half-day or the whole day."""
    rng = context.rng
    start, end = context.half_span(half) if rng.random() < 0.7 else (None, None)
    whole_programme = rng.random() < 0.3
    return Window(speaker, weekday=weekday, start=start, end=end,
                  first=None if whole_programme else first - dt.timedelta(days=7 * rng.randint(0, 1)),
                  last=None if whole_programme else last + dt.timedelta(days=7 * rng.randint(0, 1)),
                  preferred=context.preferred())


def _window_around(speaker: str, session: Session, half: int, context: _Context) -> Window:
    """A window holding one session: its half-day, its whole day, a tighter span, or a weekly row."""
    rng = context.rng
    style = rng.choices(("half", "day", "tight", "weekly"), weights=(35, 15, 20, 30))[0]
    half_start, half_end = context.half_span(half)
    if style == "weekly":
        return _weekly_window(speaker, session.day.weekday(), half, session.day, session.day, context)
    if style == "day":
        return Window(speaker, date=session.day, preferred=context.preferred())
    if style == "tight":
        step = context.calendar.programme.slot_minutes
        start = max(half_start, session.start - step * rng.randint(0, 2))
        end = min(half_end, session.end + step * rng.randint(0, 2))
        return Window(speaker, date=session.day, start=start, end=end, preferred=context.preferred())
    return Window(speaker, date=session.day, start=half_start, end=half_end, preferred=context.preferred())


def _noise_windows(speaker: str, phases: set[int | None], count: int, context: _Context) -> list[Window]:
    """Extra windows on random working days of the phases the speaker's offers belong to."""
    calendar, rng = context.calendar, context.rng
    weeks = [w for w in calendar.weeks if not phases or None in phases or calendar.phase_of_week(w) in phases]
    days = [d for w in weeks for d in calendar.weeks[w]]
    windows = []
    for _ in range(count if days else 0):
        day = rng.choice(days)
        half = rng.randint(0, 1)
        start, end = context.half_span(half)
        if rng.random() < 0.25:
            windows.append(Window(speaker, weekday=day.weekday(), start=start, end=end, first=day,
                                  last=day + dt.timedelta(days=7 * rng.randint(1, 3)), preferred=context.preferred()))
        else:
            windows.append(Window(speaker, date=day, start=start, end=end, preferred=context.preferred()))
    return windows


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))


def numbered(items: Iterable[T]) -> tuple[T, ...]:
    """Items with `row` set to the Excel row each will have under a header row."""
    return tuple(replace(item, row=index) for index, item in enumerate(items, start=2))


def with_rows(problem: Problem) -> Problem:
    """`problem` with every table's `row` numbered as the written workbook will show it."""
    return replace(problem, themes=numbered(problem.themes), organisations=numbered(problem.organisations),
                   speakers=numbered(problem.speakers), offers=numbered(problem.offers),
                   windows=numbered(problem.windows), closures=numbered(problem.closures),
                   events=numbered(problem.events), projects=numbered(problem.projects),
                   participants=numbered(problem.participants))


def cap_some_speakers(problem: Problem, timetable: Timetable, rng: random.Random, share: float = 0.2) -> Problem:
    """Give some speakers a `Max séances`: their planted count when they offer more, else one spare."""
    planted = Counter(s.speaker for s in timetable.sessions if s.offer_id)
    offered: Counter = Counter()
    for offer in problem.offers:
        offered[offer.speaker] += offer.count

    def capped(speaker: Speaker) -> Speaker:
        given = planted[speaker.name]
        if speaker.max_sessions is not None or not given or rng.random() >= share:
            return speaker
        return replace(speaker, max_sessions=given if given < offered[speaker.name] else given + 1)

    return replace(problem, speakers=tuple(capped(s) for s in problem.speakers))
