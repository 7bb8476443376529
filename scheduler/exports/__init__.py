"""Everything `plan` and `export` write into the output folder."""
from __future__ import annotations

from pathlib import Path

from scheduler.domain import Problem, Timetable
from scheduler.exports.calendars import write_calendars
from scheduler.exports.planning_xlsx import write_planning_workbook


def write_all(problem: Problem, timetable: Timetable, folder: Path, lang: str = "fr") -> list[Path]:
    """Write planning.xlsx and every calendar into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    planning = folder / "planning.xlsx"
    write_planning_workbook(problem, timetable, planning, lang)
    return [planning, *write_calendars(problem, timetable, folder, lang)]
