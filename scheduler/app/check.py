"""Use-case `check`: read and validate the workbook, gather its warnings; plan nothing."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scheduler.app.errors import FileRefused
from scheduler.core.domain import Problem
from scheduler.core.errors import InvalidWorkbook


@dataclass(frozen=True)
class CheckResult:
    """The validated problem, its warnings (legal but probably mistakes) and the project-group notes."""

    problem: Problem
    warnings: tuple  # InputError (located) or plain text
    group_notes: tuple  # Message: projects whose group will have no mentor


def load_workbook(workbook: Path) -> Problem:
    """The validated Problem of `workbook`. Raises FileRefused with every located error."""
    from scheduler.workbook.reading import load

    try:
        return load(workbook)
    except InvalidWorkbook as invalid:
        raise FileRefused(workbook, invalid) from invalid


def workbook_warnings(problem: Problem) -> tuple:
    """The reader's warnings, then what the workbook may say but probably does not mean."""
    from scheduler.workbook.likely_mistakes import likely_mistakes

    return (*problem.warnings, *likely_mistakes(problem))


def check(workbook: Path) -> CheckResult:
    """Read and validate `workbook`, list its warnings. Raises FileRefused."""
    from scheduler.solver.groups import mentoring_notes

    problem = load_workbook(workbook)
    return CheckResult(problem, workbook_warnings(problem), tuple(mentoring_notes(problem)))
