"""`plan` on a year workbook (SPEC §6), as a library function the command line will call.

A workbook without `Promotions` rows is planned exactly as SPEC §1-5 say (`solve`, then
`write_all` into the folder); a year is planned jointly, checked by the year checker, then
written with `write_year`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scheduler.checker_year import YearViolation, year_violations
from scheduler.core.domain import Timetable
from scheduler.core.year import YearProblem
from scheduler.exports import write_all
from scheduler.exports.year import write_year
from scheduler.solver.solve import SolveOptions, solve
from scheduler.solver.year import solve_year
from scheduler.workbook.year_reading import load_year


@dataclass(frozen=True)
class YearPlan:
    """What `plan_year` did: the year read, one timetable per cohort, what the checker found, the files."""

    year: YearProblem
    timetables: tuple[Timetable, ...]
    status: str
    placed: int
    violations: tuple[YearViolation, ...]
    files: tuple[Path, ...]


def plan_year(workbook: str | Path, folder: str | Path, options: SolveOptions = SolveOptions(),
              lang: str = "fr") -> YearPlan:
    """Read, plan, check and write; raises InvalidWorkbook or NoTimetable as `plan` does."""
    from scheduler.app.output import guard, write_set

    folder = Path(folder)
    guard(folder, [Path(workbook)])
    year = load_year(workbook)
    if year.single:
        result = solve(year.problems[0], options)
        timetables = (result.timetable,)
        status, placed = result.status, result.placed
        files = write_set(folder, lambda staging: write_all(year.problems[0], result.timetable, staging, lang))
    else:
        joint = solve_year(year, options)
        timetables, status, placed = joint.timetables, joint.status, joint.placed
        files = write_set(folder, lambda staging: write_year(year, timetables, staging, lang))
    return YearPlan(year, timetables, status, placed, tuple(year_violations(year, timetables)), tuple(files))
