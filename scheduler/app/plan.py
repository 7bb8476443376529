"""Use-case `plan`: workbook → prepared instance → counting checks → solve → independent check → exports."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scheduler.app.check import load_workbook, workbook_warnings
from scheduler.app.errors import BrokenTimetable
from scheduler.app.verify import state_warnings
from scheduler.core.domain import Problem, Timetable
from scheduler.core.errors import Message, NoTimetable
from scheduler.core.instance import prepare
from scheduler.solver.solve import Result, SolveOptions

__all__ = ["PlanResult", "SolveOptions", "checked", "plan"]


@dataclass(frozen=True)
class PlanResult:
    """The solved timetable, what was offered, and the project groups' summary and notes."""

    problem: Problem
    solved: Result
    offered: int  # sessions offered (sum of the offers' counts)
    wish_summary: Message | None  # None when the programme has no project groups
    group_notes: tuple[Message, ...]
    written: tuple[Path, ...]

    @property
    def timetable(self) -> Timetable:
        return self.solved.timetable


def checked(problem: Problem, timetable: Timetable) -> Timetable:
    """The timetable, once the independent checker found nothing in it. Raises BrokenTimetable."""
    from scheduler.checker import violations

    found = violations(problem, timetable)
    if found:
        raise BrokenTimetable(found)
    return timetable


def plan(workbook: Path, out_dir: Path, options: SolveOptions = SolveOptions(), lang: str = "fr",
         on_warnings: Callable[[tuple], None] | None = None) -> PlanResult:
    """Plan the cohort of `workbook` and write every export into `out_dir`.

    `on_warnings` receives the workbook's warnings once they are known, before the solve starts.
    The folder is replaced whole, or left as it was (scheduler.app.output).
    Raises OutputOverlapsInput (exit 2), FileRefused (exit 1), NoTimetable (exit 3), BrokenTimetable (exit 3).
    """
    from scheduler.app.output import guard, write_set
    from scheduler.exports import write_all
    from scheduler.solver.diagnose import counting_checks
    from scheduler.solver.groups import wish_summary
    from scheduler.solver.solve import solve

    guard(out_dir, [workbook])
    problem = load_workbook(workbook)
    instance = prepare(problem)  # once per run: the counting checks and the model share it
    obvious = counting_checks(problem, instance.candidates)  # certain conflicts, found by counting
    if obvious:
        raise NoTimetable(obvious)  # stated once, as errors (the same facts are `check` warnings)
    if on_warnings is not None:
        on_warnings((*workbook_warnings(problem), *state_warnings(out_dir)))
    solved = solve(problem, options, instance)
    checked(problem, solved.timetable)
    written = write_set(out_dir, lambda folder: write_all(problem, solved.timetable, folder, lang))
    assignment = solved.groups
    return PlanResult(problem, solved, sum(offer.count for offer in problem.offers),
                      wish_summary(assignment) if assignment.groups else None, tuple(assignment.notes),
                      tuple(written or ()))
