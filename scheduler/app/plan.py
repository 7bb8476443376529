"""Use-case `plan`: workbook → prepared instance → counting checks → solve → independent check → exports."""
from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scheduler.app.read_ahead import read_workbook, taken
from scheduler.app.errors import BrokenTimetable, PlanExists
from scheduler.app.verify import state_warnings
from scheduler.core.domain import Problem, Timetable
from scheduler.core.errors import Message, NoTimetable
from scheduler.core.instance import prepare
from scheduler.exports import SECOND_PART_MODULES, second_process
from scheduler.solver.solve import Result, SolveOptions

__all__ = ["PlanResult", "SolveOptions", "checked", "plan", "refuse_planned"]


@dataclass(frozen=True)
class PlanResult:
    """The solved timetable, what was offered, and the project groups' summary and notes."""

    problem: Problem
    solved: Result
    offered: int  # sessions offered (sum of the offers' counts)
    wish_summary: Message | None  # None when the programme has no project groups
    group_notes: tuple[Message, ...]
    written: tuple[Path, ...]
    export_seconds: float = 0.0  # writing every file of the output folder

    @property
    def timetable(self) -> Timetable:
        return self.solved.timetable


AFTER_THE_SOLVE = ("scheduler.checker", "scheduler.exports.calendars", "scheduler.exports.messages",
                   "scheduler.exports.resolution", *SECOND_PART_MODULES)
"""What `plan` needs once the timetable is found: imported while CP-SAT searches (the workbooks'
modules last: on two cores the second process writes those, scheduler.exports.second_process)."""


def import_in_background(*modules: str) -> threading.Thread:
    """Import `modules` on a second thread: CP-SAT releases the interpreter while it searches, so the
    exports' libraries load on the other core instead of after the solve. A failure is left to the
    main thread's own import, which reports it."""

    def load() -> None:
        for module in modules:
            try:
                importlib.import_module(module)
            except Exception:  # noqa: BLE001 - imported again, and reported, by the main thread
                return

    thread = threading.Thread(target=load, name="imports-for-the-exports", daemon=True)
    thread.start()
    return thread


def checked(problem: Problem, timetable: Timetable) -> Timetable:
    """The timetable, once the independent checker found nothing in it. Raises BrokenTimetable."""
    from scheduler.checker import violations

    found = violations(problem, timetable)
    if found:
        raise BrokenTimetable(found)
    return timetable


def previous_plan(out_dir: Path) -> Path | None:
    """The file showing that `out_dir` already holds a plan (a year's annee.xlsx, a planning.xlsx or the
    calendars' state)."""
    from scheduler.exports.calendar_state import STATE_FILE

    for name in ("annee.xlsx", "planning.xlsx", STATE_FILE):
        if (out_dir / name).exists():
            return out_dir / name
    return None


def refuse_planned(out_dir: Path, workbook: Path, force: bool, previous: Path | None = None) -> None:
    """Refuse (PlanExists, exit 2) to replace a plan already in `out_dir`, unless `force`: a plan people may
    have imported, and its calendar tracking, are never silently replaced (`plan`, and `replan` of `previous`)."""
    found = previous_plan(out_dir)
    if found is not None and not force:
        raise PlanExists(out_dir, found, workbook, previous)


def plan(workbook: Path, out_dir: Path, options: SolveOptions = SolveOptions(), lang: str = "fr",
         on_warnings: Callable[[tuple], None] | None = None, force: bool = False) -> PlanResult:
    """Plan the cohort of `workbook` and write every export into `out_dir`.

    A folder that already holds a plan is refused (PlanExists) unless `force`: a plan that people
    may have imported is never silently reshuffled; `replan` keeps it as the reference.
    `on_warnings` receives the workbook's warnings once they are known, before the solve starts.
    The folder is replaced whole, or left as it was (scheduler.app.output).
    Raises PlanExists (exit 2), OutputOverlapsInput (exit 2), FileRefused (exit 1), NoTimetable (exit 3),
    BrokenTimetable (exit 3).
    """
    from scheduler.app.output import guard, write_set
    from scheduler.solver.diagnose import counting_checks
    from scheduler.solver.groups import wish_summary
    from scheduler.solver.solve import solve

    helper = taken(workbook)  # the second process reading the workbook (scheduler.app.read_ahead), if any
    try:
        guard(out_dir, [workbook])
        refuse_planned(out_dir, workbook, force)
        problem, warnings = helper.first_result() if helper is not None else read_workbook(workbook)
        instance = prepare(problem)  # once per run: the counting checks and the model share it
        obvious = counting_checks(problem, instance.candidates)  # certain conflicts, found by counting
        if obvious:
            raise NoTimetable(obvious)  # stated once, as errors (the same facts are `check` warnings)
        if helper is None:  # before any other thread: see second_process
            helper = second_process.start(*SECOND_PART_MODULES)
        if on_warnings is not None:
            on_warnings((*warnings, *state_warnings(out_dir)))
        warming = import_in_background(*(AFTER_THE_SOLVE[:-len(SECOND_PART_MODULES)] if helper else AFTER_THE_SOLVE))
        try:
            solved = solve(problem, options, instance)
        finally:
            warming.join()  # never left importing behind a run that stopped
        from scheduler.exports import write_all
        from scheduler.exports.resolution import write_resolution

        checked(problem, solved.timetable)
        offered = sum(offer.count for offer in problem.offers)
        timing: dict[str, float] = {}

        def write_everything(folder: Path) -> list[Path]:
            begun = time.monotonic()
            files = list(write_all(problem, solved.timetable, folder, lang, helper=helper) or ())
            timing["exported"] = time.monotonic() - begun
            return [*files, write_resolution(problem, solved.timetable, folder, offered, timing["exported"])]

        written = write_set(out_dir, write_everything)
    finally:
        if helper is not None:
            helper.stop()
    exported = timing["exported"]
    assignment = solved.groups
    return PlanResult(problem, solved, offered, wish_summary(assignment) if assignment.groups else None,
                      tuple(assignment.notes), tuple(written), exported)
