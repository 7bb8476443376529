"""What a use-case refuses, for the CLI to print with the contract's exit code."""
from __future__ import annotations

from pathlib import Path

from scheduler.core.errors import InvalidWorkbook


class FileRefused(Exception):
    """A workbook or a `Planning` sheet with located errors (exit 1); `path` is the file at fault."""

    def __init__(self, path: Path, invalid: InvalidWorkbook):
        super().__init__(f"{path}: {len(invalid.errors)} error(s)")
        self.path = path
        self.invalid = invalid


class BrokenTimetable(Exception):
    """The independent checker found violations in a timetable the solver made: our bug (exit 3)."""

    def __init__(self, violations: list):
        super().__init__(f"{len(violations)} violation(s) in a computed timetable")
        self.violations = violations


class PlanExists(Exception):
    """`plan` or `replan` into a folder that already holds a plan, without `force` (exit 2): `replan` keeps it;
    `previous` is the planning given to `replan` (None for `plan`)."""

    def __init__(self, folder: Path, found: Path, workbook: Path | None = None, previous: Path | None = None):
        super().__init__(f"{found} already holds a timetable")
        self.folder = folder
        self.found = found
        self.workbook = workbook  # the workbook given to `plan`, for the `replan` command the message proposes
        self.previous = previous
