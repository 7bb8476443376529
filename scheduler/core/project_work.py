"""Project-work blocks: the half-days of phase 2 a project group has free, shown as "Travail en projet".

They are not sessions: they are not in the `Planning` sheet, the solver and the checker never see
them; only the calendars (and views) of the group and its participants show them, so that phase 2
does not look empty. With the `Programme` setting `Travail en projet` = `auto`, every half-day of
a phase-2 working day on which a group has nothing (no cohort or group session, no fixed event)
becomes one block for that group; empty (the default), there is none.
"""
from __future__ import annotations

from dataclasses import dataclass

import datetime as dt

from scheduler.core.calendar import ProgrammeCalendar
from scheduler.core.domain import COHORT, Problem, Session, Timetable

PROJECT_WORK_PREFIX = "TRAVAIL-"
"""The start of a block's identifier (never the ID of an offer's session nor of a fixed event)."""


@dataclass(frozen=True)
class WorkBlock:
    """One free half-day of one project group in phase 2."""

    group: str
    day: dt.date
    start: int
    end: int
    week: int

    @property
    def block_id(self) -> str:
        """Stable for the same group, day and half-day in every run."""
        return f"{PROJECT_WORK_PREFIX}{self.group}-{self.day:%Y%m%d}-{self.start // 60:02d}{self.start % 60:02d}"


def group_ids(problem: Problem, timetable: Timetable) -> list[str]:
    """The project groups that exist: those participants were put in, else the projects listed."""
    assigned = sorted({project for _, project in timetable.groups})
    return assigned or [project.id for project in problem.projects]


def project_work_blocks(problem: Problem, timetable: Timetable) -> tuple[WorkBlock, ...]:
    """Every free phase-2 half-day of every group, in date order; none unless the setting is `auto`."""
    if problem.programme.project_work != "auto":
        return ()
    calendar = ProgrammeCalendar(problem.programme, problem.closures)
    blocks = []
    for week in calendar.weeks_of_phase(2):
        for day in calendar.weeks[week]:
            today = [s for s in timetable.sessions if s.day == day]
            for start, end in calendar.half_days:
                for group in group_ids(problem, timetable):
                    busy = any(s.audience in (COHORT, group) and s.start < end and start < s.end for s in today)
                    if not busy:
                        blocks.append(WorkBlock(group, day, start, end, week))
    return tuple(sorted(blocks, key=lambda b: (b.day, b.start, b.group)))


def as_session(block: WorkBlock, title: str, location: str = "") -> Session:
    """The block as a calendar entry of its group (`title` in the reader's language)."""
    return Session(session_id=block.block_id, offer_id="", day=block.day, start=block.start, end=block.end,
                   week=block.week, phase=2, title=title, audience=block.group, location=location)
