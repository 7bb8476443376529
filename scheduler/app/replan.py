"""Use-case `replan`: plan again after the workbook changed, moving as few sessions as possible."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scheduler.app.check import load_workbook, workbook_warnings
from scheduler.app.errors import FileRefused
from scheduler.app.plan import checked, refuse_planned
from scheduler.app.verify import CalendarState, carry_calendar_state, read_timetable, state_warnings
from scheduler.core.domain import Problem, Timetable
from scheduler.core.errors import InvalidWorkbook, NoTimetable
from scheduler.core.instance import prepare
from scheduler.solver.replan import Replan
from scheduler.solver.solve import SolveOptions


@dataclass(frozen=True)
class ReplanResult:
    """The previous and new timetables, every change with its reason, and the counts."""

    problem: Problem
    before: Timetable
    replanned: Replan
    changes: list  # Change objects (moved, added, cancelled), in date order
    counts: dict[str, int]  # 'moved', 'added', 'cancelled'
    calendar_state: CalendarState
    written: tuple[Path, ...]


def refuse_foreign(problem: Problem, before: Timetable, previous: Path) -> None:
    """Refuse (FileRefused, exit 1) a previous timetable of another programme: one whose sessions
    all lie outside the programme's weeks, or none of which is an offer of the workbook."""
    from scheduler.workbook.planning_reader import belongs, foreign_planning

    rows = [(session.day, session.offer_id) for session in before.sessions]
    if not belongs(problem, rows):
        raise FileRefused(previous, InvalidWorkbook([foreign_planning(problem, "Planning", len(rows), previous=True)]))


def moved_by_hand(before: Timetable, folder: Path) -> set[str]:
    """The `Séance` IDs of `before` that are not where the calendars of `folder` last published them (moved or
    added by hand); none when the folder tracks no calendar (then nothing tells)."""
    from scheduler.exports.calendars import tracked_sessions

    published = {s.session_id: (s.day, s.start, s.end) for s in tracked_sessions(folder)}
    if not published:
        return set()
    return {s.session_id for s in before.sessions
            if not s.is_event and published.get(s.session_id) != (s.day, s.start, s.end)}


def replan(workbook: Path, previous: Path, out_dir: Path, options: SolveOptions = SolveOptions(),
           lang: str = "fr", on_warnings: Callable[[tuple], None] | None = None, force: bool = False) -> ReplanResult:
    """Replan `workbook` from the timetable of `previous`, write everything into `out_dir`.

    A folder that already holds another plan is refused unless `force`, as `plan` does (the folder of
    `previous` is an input: refused by `guard`). The folder is replaced whole, or left as it was
    (scheduler.app.output). Raises PlanExists (exit 2), OutputOverlapsInput (exit 2), FileRefused (exit 1),
    NoTimetable (exit 3), BrokenTimetable (exit 3).
    """
    from scheduler.app.output import guard, write_set
    from scheduler.exports import write_all
    from scheduler.exports.calendars import known_session_ids
    from scheduler.exports.changes import change_counts, describe_changes
    from scheduler.solver.diagnose import counting_checks
    from scheduler.solver.replan import replan as replan_timetable

    guard(out_dir, [workbook, previous])
    refuse_planned(out_dir, workbook, force, previous)
    problem = load_workbook(workbook)
    instance = prepare(problem)  # once per run: the counting checks and the model share it
    obvious = counting_checks(problem, instance.candidates)  # certain conflicts, found by counting
    if obvious:
        raise NoTimetable(obvious)  # stated once, as errors (as `plan`; the same facts are `check` warnings)
    if on_warnings is not None:
        on_warnings((*workbook_warnings(problem), *state_warnings(previous.parent, out_dir)))
    before = read_timetable(problem, previous, previous=True)
    refuse_foreign(problem, before, previous)
    taken = known_session_ids(previous.parent) | known_session_ids(out_dir)
    result = replan_timetable(problem, before, options, taken, moved_by_hand(before, previous.parent), instance)
    checked(problem, result.timetable)
    changes = describe_changes(before.sessions, result.timetable.sessions, result.reasons)
    states: list[CalendarState] = []

    def build(folder: Path) -> list[Path]:
        states.append(carry_calendar_state(previous, folder))
        return write_all(problem, result.timetable, folder, lang, changes)

    written = write_set(out_dir, build)
    return ReplanResult(problem, before, result, changes, change_counts(changes), states[0], written)
