"""The layout of one programme week as a grid, shared by the Excel week sheets and planning.html.

Days run across, time steps (half-hours) down. Sessions that overlap on one day (two project
groups at once) get side-by-side lanes. A day the programme does not work (public holiday,
closure) is one grey block named after its reason. With the `Travail en projet` setting, each
group's free phase-2 half-days are light dashed "project work" blocks in that group's own lane
(one lane per group on such a day); they are not sessions and nothing counts them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from math import gcd

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import COHORT, Problem, Session, Timetable
from scheduler.core.palette import colour, theme_palette
from scheduler.core.project_work import PROJECT_WORK_PREFIX, as_session, group_ids, project_work_blocks
from scheduler.core.text import format_time
from scheduler.core.words import date_span, day_label, word

DEFAULT_PALETTE = theme_palette()
"""Colours for themes whose `Couleur` is empty, in theme order (data/palette.toml; no grey: grey means closed)."""
EVENT_COLOUR = colour("event")
CLOSED_FILL = colour("closed")
LUNCH_FILL = colour("lunch")
NO_THEME_COLOUR = colour("no_theme")
WORK_COLOUR = colour("project_work")
WORK_WHITENESS = 0.85
"""Project-work blocks are paler than sessions (and drawn with a dashed border)."""


@dataclass(frozen=True)
class Block:
    """A rectangle of the grid: a session, a fixed event, a group's project work, or a closed day."""

    kind: str  # "session", "event", "work" (project work, not a session) or "closed"
    day_index: int
    lane: int
    first_row: int
    rows: int
    lines: tuple[str, ...]
    colour: str  # "RRGGBB", full strength
    session: Session | None = None  # None for project work and closed days
    lanes: int = 1  # lanes spanned: every lane of the day for a closed day or a whole-cohort session

    @property
    def fill(self) -> str:
        """Background: the pale tint of the colour, or flat grey for a closed day."""
        if self.kind == "closed":
            return CLOSED_FILL
        return tint(self.colour, WORK_WHITENESS) if self.kind == "work" else tint(self.colour)


@dataclass(frozen=True)
class DayColumn:
    day: dt.date
    lanes: int
    closed: str | None  # why the programme does not work that day, or None


@dataclass(frozen=True)
class WeekGrid:
    week: int
    phase: int
    monday: dt.date
    days: tuple[DayColumn, ...]
    times: tuple[int, ...]  # start minute of each row
    step: int
    lunch: tuple[int, int]
    blocks: tuple[Block, ...]

    def title(self, lang: str) -> str:
        first, last = self.days[0].day, self.days[-1].day
        phase = word("grid.phase1" if self.phase == 1 else "grid.phase2", lang)
        return word("grid.title", lang, week=self.week, span=date_span(first, last, lang), phase=phase)

    def day_header(self, index: int, lang: str) -> str:
        return day_label(self.days[index].day, lang)

    def is_lunch(self, row: int) -> bool:
        return self.lunch[0] <= self.times[row] < self.lunch[1]


def tint(colour: str, whiteness: float = 0.6) -> str:
    """`colour` mixed with white: a pale fill that prints well and keeps black text readable."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c + (255 - c) * whiteness):02X}" for c in (red, green, blue))


def theme_colours(problem: Problem, timetable: Timetable) -> dict[str, str]:
    """Theme -> 'RRGGBB': the workbook's `Couleur`, else the next colour of the default palette."""
    names = [t.name for t in problem.themes]
    names += sorted({s.theme for s in timetable.sessions if s.theme} - set(names))
    given = {t.name: t.colour.strip().lstrip("#").upper() for t in problem.themes}
    colours = {name: given[name] for name in names if _is_hex(given.get(name, ""))}
    for name in names:
        if name not in colours:
            colours[name] = _most_distinct(list(colours.values()))
    return {name: colours[name] for name in names}


def _most_distinct(used: list[str]) -> str:
    """The palette colour farthest from every colour already used (the first one on a tie)."""
    def rgb(colour: str) -> tuple[int, ...]:
        return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))

    def distance(colour: str) -> float:
        return min((sum((a - b) ** 2 for a, b in zip(rgb(colour), rgb(other))) for other in used), default=0)
    candidates = [c for c in DEFAULT_PALETTE if c not in used] or list(DEFAULT_PALETTE)
    return max(candidates, key=lambda c: (distance(c), -candidates.index(c)))


def _is_hex(colour: str) -> bool:
    return len(colour) == 6 and all(c in "0123456789ABCDEF" for c in colour)


def session_lines(session: Session, problem: Problem, lang: str) -> tuple[str, ...]:
    """What a block shows: hours, title, speaker and organisation, group and unusual place."""
    lines = [f"{format_time(session.start)}–{format_time(session.end)}", session.title]
    if session.speaker:
        lines.append(f"{session.speaker} ({session.organisation})" if session.organisation else session.speaker)
    if session.audience != COHORT:
        lines.append(word("grid.group", lang, group=session.audience))
    if session.location and session.location != problem.programme.location:
        lines.append(session.location)
    return tuple(lines)


def _lanes(sessions: list[Session]) -> list[int]:
    """A lane per session so that sessions in one lane never overlap (greedy, by start time)."""
    ends: list[int] = []
    lanes = []
    for session in sessions:
        lane = next((i for i, end in enumerate(ends) if end <= session.start), len(ends))
        if lane == len(ends):
            ends.append(session.end)
        else:
            ends[lane] = session.end
        lanes.append(lane)
    return lanes


def _group_lanes(items: list[Session], groups: list[str]) -> tuple[list[int], int] | None:
    """Each group in its own lane (the groups' order), cohort sessions in the first; None if a lane overlaps."""
    order = groups + sorted({s.audience for s in items if s.audience != COHORT} - set(groups))
    lanes = [order.index(s.audience) if s.audience != COHORT else 0 for s in items]
    for i, first in enumerate(items):
        for j in range(i + 1, len(items)):
            second = items[j]
            if lanes[i] == lanes[j] and first.start < second.end and second.start < first.end:
                return None
    return lanes, max(1, len(order))


def _spans_every_lane(session: Session, of_day: list[Session]) -> bool:
    """A whole-cohort session that nothing else overlaps is drawn across every lane of its day."""
    return session.audience == COHORT and not any(
        other is not session and other.start < session.end and session.start < other.end for other in of_day)


def _time_step(problem: Problem, sessions: tuple[Session, ...]) -> int:
    marks = [problem.programme.slot_minutes, 30, *problem.programme.morning, *problem.programme.afternoon]
    marks += [m for s in sessions for m in (s.start, s.end)]
    return max(5, reduce(gcd, marks))


def _closed_reason(calendar: ProgrammeCalendar, day: dt.date, lang: str) -> str | None:
    if calendar.is_working_day(day):
        return None
    reason = calendar.non_working_reason(day, lang)
    if reason is None:
        reason = word("grid.before_start" if day < calendar.programme.start_date else "grid.closure", lang)
    return reason


def _work_sessions(problem: Problem, timetable: Timetable, lang: str) -> dict[dt.date, list[Session]]:
    """The project-work blocks (none without the setting) as calendar entries, by day."""
    title = word("grid.project_work", lang)
    by_day: dict[dt.date, list[Session]] = {}
    for block in project_work_blocks(problem, timetable):
        by_day.setdefault(block.day, []).append(as_session(block, title, problem.programme.location))
    return by_day


def _day_lanes(of_day: list[Session], work: list[Session], groups: list[str]) -> tuple[list[Session], list[int], int]:
    """The day's entries (sessions, then project work) with their lanes and the day's lane count."""
    if work:
        items = sorted([*of_day, *work], key=lambda s: (s.start, s.audience, s.session_id))
        placed = _group_lanes(items, groups)
        if placed is not None:
            return items, placed[0], placed[1]
        of_day = items
    lanes = _lanes(of_day)
    return of_day, lanes, max(lanes, default=0) + 1


def week_grids(problem: Problem, timetable: Timetable, lang: str = "fr") -> list[WeekGrid]:
    """One grid per programme week, sessions placed by date whatever their `Semaine` cell says."""
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    work = _work_sessions(problem, timetable, lang)
    groups = group_ids(problem, timetable) if work else []
    colours = theme_colours(problem, timetable)
    sessions = timetable.sorted_sessions()
    step = _time_step(problem, sessions)
    first = min([problem.programme.morning[0], *(s.start for s in sessions)])
    last = max([problem.programme.afternoon[1], *(s.end for s in sessions)])
    first, last = first - first % step, last + (-last) % step
    times = tuple(range(first, last, step))
    lunch = (problem.programme.morning[1], problem.programme.afternoon[0])
    grids = []
    for week in calendar.weeks:
        monday = calendar.week_monday(week)
        in_week = [s for s in sessions if monday <= s.day < monday + dt.timedelta(days=7)]
        shown = sorted({monday + dt.timedelta(days=d) for d in problem.programme.weekdays} | {s.day for s in in_week})
        days, blocks = [], []
        for index, day in enumerate(shown):
            of_day = [s for s in in_week if s.day == day]
            closed = _closed_reason(calendar, day, lang) if not of_day else None
            items, lanes, width = _day_lanes(of_day, work.get(day, []) if closed is None else [], groups)
            days.append(DayColumn(day, width, closed))
            if closed is not None:
                blocks.append(Block("closed", index, 0, 0, len(times), (closed,), CLOSED_FILL, lanes=width))
            for session, lane in zip(items, lanes):
                kind = "work" if session.session_id.startswith(PROJECT_WORK_PREFIX) else "event" if session.is_event else "session"
                colour = {"work": WORK_COLOUR, "event": EVENT_COLOUR}.get(kind) or colours.get(session.theme,
                                                                                             NO_THEME_COLOUR)
                spans = _spans_every_lane(session, items)
                blocks.append(Block(kind, index, 0 if spans else lane,
                                    (session.start - first) // step, max(1, (session.end - session.start) // step),
                                    session_lines(session, problem, lang), colour,
                                    None if kind == "work" else session, lanes=width if spans else 1))
        grids.append(WeekGrid(week, calendar.phase_of_week(week), monday, tuple(days), times, step, lunch,
                              tuple(blocks)))
    return grids


def legend(problem: Problem, timetable: Timetable, lang: str) -> list[tuple[str, str, str]]:
    """(label, fill, border colour) for every theme, fixed events, project work (when shown), closed days."""
    entries = [(name, tint(colour), colour) for name, colour in theme_colours(problem, timetable).items()]
    entries.append((word("grid.fixed_event", lang), tint(EVENT_COLOUR), EVENT_COLOUR))
    if project_work_blocks(problem, timetable):
        entries.append((word("grid.project_work", lang), tint(WORK_COLOUR, WORK_WHITENESS), WORK_COLOUR))
    entries.append((word("grid.closed", lang), CLOSED_FILL, CLOSED_FILL))
    return entries
