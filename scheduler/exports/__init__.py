"""Everything `plan` and `export` write into the output folder."""
from __future__ import annotations

from pathlib import Path

from scheduler.core.domain import Problem, Timetable
from scheduler.exports import second_process

# The two parts of the folder, balanced by their measured CPU time (tests/benchmarks/plan_profile.py):
# the workbooks and the page go to the second process, the calendars and the messages (which attach
# the calendars, so they come after them) stay here.
SECOND_PART_MODULES = ("scheduler.exports.planning_xlsx", "scheduler.exports.page", "scheduler.exports.attendance",
                       "scheduler.exports.network")
"""What the second process imports while it waits for its part (scheduler.exports.second_process)."""


def workbooks_and_page(problem: Problem, timetable: Timetable, folder: Path, lang: str,
                       changes: list | None) -> tuple[list[Path], list[Path]]:
    """planning.xlsx (with `Changements` when `changes` is given) and planning.html; the attendance
    sheets and reseau.xlsx: (the first two, the others)."""
    from scheduler.exports.attendance import write_attendance
    from scheduler.exports.network import write_network
    from scheduler.exports.page import PAGE_NAME, write_planning_page
    from scheduler.exports.planning_xlsx import write_planning_workbook

    planning = folder / "planning.xlsx"
    write_planning_workbook(problem, timetable, planning, lang, changes)
    page = folder / PAGE_NAME
    write_planning_page(problem, timetable, page, lang)
    people = [*write_attendance(problem, timetable, folder, lang), *write_network(problem, timetable, folder, lang)]
    return [planning, page], people


def calendars_and_messages(problem: Problem, timetable: Timetable, folder: Path, lang: str,
                           changes: list | None) -> tuple[list[Path], list[Path]]:
    """Every calendar, then the messages that attach them: (the calendars, the messages)."""
    from scheduler.exports.calendar_state import files_changed, load_state
    from scheduler.exports.calendars import write_calendars
    from scheduler.exports.messages import write_messages

    before = load_state(folder) if changes is not None else {}
    calendars = write_calendars(problem, timetable, folder, lang)
    changed = files_changed(before, load_state(folder)) if before else set()
    return calendars, write_messages(problem, timetable, folder, lang, changes, changed)


def write_all(problem: Problem, timetable: Timetable, folder: Path, lang: str = "fr",
              changes: list | None = None, helper: second_process.Helper | None = None) -> list[Path]:
    """Write planning.xlsx (with a `Changements` sheet when `changes` is given), every calendar, the
    attendance sheets, reseau.xlsx and the messages into `folder`.

    On two cores, a second process writes the workbooks and the page meanwhile: `helper` when the
    caller started it early (`second_process.start(*SECOND_PART_MODULES)`), else one forked here.
    The files are the same either way; an error of the second process is raised here.
    """
    folder.mkdir(parents=True, exist_ok=True)
    helper = helper if helper is not None else second_process.start()
    if helper is None:
        books, people = workbooks_and_page(problem, timetable, folder, lang, changes)
        calendars, messages = calendars_and_messages(problem, timetable, folder, lang, changes)
        return [*books, *calendars, *people, *messages]
    try:
        helper.send(workbooks_and_page, problem, timetable, folder, lang, changes)
        calendars, messages = calendars_and_messages(problem, timetable, folder, lang, changes)
        books, people = helper.result()
    finally:
        helper.stop()  # nothing once the result came; else the child ends before the folder is removed
    return [*books, *calendars, *people, *messages]
