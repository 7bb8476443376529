"""Use-cases `verify` and `export`: a (hand-edited) `Planning` sheet checked against every rule, then,
for `export`, written again with the calendars and what the edit changes in them."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from scheduler.app.check import load_workbook
from scheduler.app.errors import FileRefused
from scheduler.core.domain import Problem, Session, Timetable
from scheduler.core.errors import InvalidWorkbook, Message
from scheduler.core.words import both


@dataclass(frozen=True)
class VerifyResult:
    """The timetable read (weeks settled from the dates), the rows settled, and every violation."""

    problem: Problem
    timetable: Timetable
    settled: tuple[tuple[Session, Session], ...]  # (as read, as settled) for each row moved by hand
    violations: tuple  # the checker's Violation objects; () when the timetable obeys every rule
    rows: dict[str, list[int]]  # `Séance` -> the Excel rows of the `Planning` sheet holding it


class CalendarState(Enum):
    """What became of the calendar tracking (`.calendriers.json`) of the output folder."""

    CARRIED = "carried"  # brought from beside the previous planning
    PRESENT = "present"  # already in the output folder
    FRESH = "fresh"  # none anywhere: calendars start afresh


@dataclass(frozen=True)
class ExportResult:
    """The verification, and, when it found nothing, what was written."""

    verified: VerifyResult
    calendar_state: CalendarState | None = None  # None: nothing written (violations)
    changes: list | None = None  # Change objects for the calendars, when they held sessions before
    written: tuple[Path, ...] = field(default=())


def read_timetable(problem: Problem, planning: Path, previous: bool = False) -> Timetable:
    """The timetable of a `Planning` sheet. `previous`: read as the timetable planned before the workbook
    changed (rows of offers since removed are kept, to be cancelled). Raises FileRefused."""
    from scheduler.workbook.planning_reader import read_planning, read_previous_planning

    try:
        return (read_previous_planning if previous else read_planning)(planning, problem)
    except InvalidWorkbook as invalid:
        raise FileRefused(planning, invalid) from invalid


def planning_rows(timetable: Timetable) -> dict[str, list[int]]:
    """`Séance` -> the Excel rows of the `Planning` sheet holding it."""
    found: dict[str, list[int]] = {}
    for session in timetable.sessions:
        if session.row:
            found.setdefault(session.session_id, []).append(session.row)
    return found


def verify(workbook: Path, planning: Path) -> VerifyResult:
    """Check the `Planning` sheet of `planning` against every rule of `workbook`. Raises FileRefused."""
    from scheduler.checker import violations
    from scheduler.workbook.planning_reader import settle_weeks

    problem = load_workbook(workbook)
    read = read_timetable(problem, planning)
    timetable, settled = settle_weeks(problem, read)
    return VerifyResult(problem, timetable, tuple(settled), tuple(violations(problem, timetable)),
                        planning_rows(read))


def carry_calendar_state(previous_planning: Path, out_dir: Path) -> CalendarState:
    """SEQUENCE and cancellations follow into a new folder: bring `.calendriers.json` from beside the planning."""
    from scheduler.exports.calendars import STATE_FILE, carry_state

    if carry_state(previous_planning.parent, out_dir):
        return CalendarState.CARRIED
    return CalendarState.PRESENT if (out_dir / STATE_FILE).is_file() else CalendarState.FRESH


def export(workbook: Path, planning: Path, out_dir: Path, lang: str = "fr") -> ExportResult:
    """Once `planning` obeys every rule, write planning.xlsx and the calendars again into `out_dir`.

    Nothing is written when the verification finds violations. Raises FileRefused.
    """
    from scheduler.exports import write_all
    from scheduler.exports.calendars import tracked_sessions
    from scheduler.exports.changes import describe_changes

    verified = verify(workbook, planning)
    if verified.violations:
        return ExportResult(verified)
    state = carry_calendar_state(planning, out_dir)
    changes = None
    previous = tracked_sessions(out_dir)
    if previous:  # what the calendars held before: tell what the hand edit changes in them
        by_hand = Message(*both("replan.by_hand"))
        changes = describe_changes(previous, verified.timetable.sessions,
                                   {s.session_id: by_hand for s in previous}
                                   | {s.session_id: by_hand for s in verified.timetable.sessions})
    written = write_all(verified.problem, verified.timetable, out_dir, lang, changes)
    return ExportResult(verified, state, changes, tuple(written or ()))
