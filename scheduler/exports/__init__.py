"""Everything `plan` and `export` write into the output folder."""
from __future__ import annotations

from pathlib import Path

from scheduler.core.domain import Problem, Timetable


def write_all(problem: Problem, timetable: Timetable, folder: Path, lang: str = "fr",
              changes: list | None = None) -> list[Path]:
    """Write planning.xlsx (with a `Changements` sheet when `changes` is given), every calendar, the
    attendance sheets, reseau.xlsx and the messages into `folder`."""
    # imported here, not with the package: reading the calendars' state (before a solve) needs none of them
    from scheduler.exports.attendance import write_attendance
    from scheduler.exports.calendars import write_calendars
    from scheduler.exports.messages import write_messages
    from scheduler.exports.network import write_network
    from scheduler.exports.page import PAGE_NAME, write_planning_page
    from scheduler.exports.planning_xlsx import write_planning_workbook

    folder.mkdir(parents=True, exist_ok=True)
    planning = folder / "planning.xlsx"
    write_planning_workbook(problem, timetable, planning, lang, changes)
    page = folder / PAGE_NAME
    write_planning_page(problem, timetable, page, lang)
    calendars = write_calendars(problem, timetable, folder, lang)
    people = [*write_attendance(problem, timetable, folder, lang), *write_network(problem, timetable, folder, lang)]
    return [planning, page, *calendars, *people, *write_messages(problem, timetable, folder, lang, changes)]
