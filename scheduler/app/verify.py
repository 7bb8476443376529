"""Use-cases `verify` and `export`: a (hand-edited) `Planning` sheet checked against every rule, then,
for `export`, written again with the calendars and what the edit changes in them."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from scheduler.app.check import load_workbook
from scheduler.app.errors import FileRefused
from scheduler.core.domain import Problem, Session, Timetable
from scheduler.core.errors import InputError, InvalidWorkbook, Message
from scheduler.core.words import both


@dataclass(frozen=True)
class VerifyResult:
    """The timetable read (weeks settled from the dates), the rows settled, and every violation."""

    problem: Problem
    timetable: Timetable
    settled: tuple[tuple[Session, Session], ...]  # (as read, as settled) for each row moved by hand
    violations: tuple  # the checker's Violation objects; () when the timetable obeys every rule
    rows: dict[str, list[int]]  # `Séance` -> the Excel rows of the `Planning` sheet holding it

    @property
    def soft_scores(self) -> dict[str, int]:
        """Each soft rule's score of the (hand-edited) timetable, by the solver-free scorer."""
        from scheduler.core.scoring import soft_scores

        return soft_scores(self.problem, self.timetable)

    @property
    def penalty(self) -> int:
        """The weighted soft-rule penalty `plan` minimises, of this timetable."""
        from scheduler.core.scoring import weighted_penalty

        return weighted_penalty(self.problem, self.soft_scores)


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
    warnings: tuple = ()  # located warnings about the output folder (a damaged calendar tracking)


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


def state_warnings(*folders: Path) -> tuple[InputError, ...]:
    """A located warning for each damaged `.calendriers.json` among `folders` (calendars then start afresh)."""
    from scheduler.core.words import word
    from scheduler.exports.calendar_state import STATE_FILE, state_damage

    found = []
    for folder in dict.fromkeys(Path(f) for f in folders):
        damage = state_damage(folder)
        if damage is not None:
            found.append(InputError(str(folder / STATE_FILE), None, None, None,
                                    word("run.state_damaged", "fr", why=damage.fr),
                                    word("run.state_damaged", "en", why=damage.en), warning=True, is_file=True))
    return tuple(found)


def carry_calendar_state(previous_planning: Path, out_dir: Path) -> CalendarState:
    """SEQUENCE and cancellations follow into a new folder: bring `.calendriers.json` from beside the planning."""
    from scheduler.exports.calendars import STATE_FILE, carry_state

    if carry_state(previous_planning.parent, out_dir):
        return CalendarState.CARRIED
    return CalendarState.PRESENT if (out_dir / STATE_FILE).is_file() else CalendarState.FRESH


def export(workbook: Path, planning: Path, out_dir: Path, lang: str = "fr") -> ExportResult:
    """Once `planning` obeys every rule, write planning.xlsx and the calendars again into `out_dir`.

    Nothing is written when the verification finds violations; otherwise the folder is replaced
    whole, or left as it was. Raises OutputOverlapsInput (exit 2), FileRefused (exit 1).
    """
    from scheduler.app.output import guard, write_set
    from scheduler.exports import write_all
    from scheduler.exports.calendars import tracked_sessions
    from scheduler.exports.changes import describe_changes

    guard(out_dir, [workbook, planning])
    verified = verify(workbook, planning)
    if verified.violations:
        return ExportResult(verified)
    found: dict = {}
    damaged = state_warnings(planning.parent, out_dir)  # read before the folder is replaced

    def build(folder: Path) -> list[Path]:
        found["state"] = carry_calendar_state(planning, folder)
        previous = tracked_sessions(folder)
        found["changes"] = None
        if previous:  # what the calendars held before: tell what the hand edit changes in them
            by_hand = Message(*both("replan.by_hand"))
            found["changes"] = describe_changes(previous, verified.timetable.sessions,
                                                {s.session_id: by_hand for s in previous}
                                                | {s.session_id: by_hand for s in verified.timetable.sessions})
        return write_all(verified.problem, verified.timetable, folder, lang, found["changes"])

    written = write_set(out_dir, build)
    return ExportResult(verified, found["state"], found["changes"], written, damaged)
