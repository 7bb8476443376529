"""On two cores, `plan` reads the workbook in a second process while this one loads the solver
(importing OR-Tools takes about as long as reading the workbook); that process then stays to write
its part of the exports (scheduler.exports.second_process). Light on purpose: the command line
imports this module before anything else of `plan`."""
from __future__ import annotations

import gc
import html
import os
import re
import zipfile
from pathlib import Path

from scheduler.core.words import catalogue
from scheduler.exports import SECOND_PART_MODULES, second_process

_WAITING: dict[str, second_process.Helper] = {}
_SHEET = re.compile(r"""<(?:\w+:)?sheet\b[^>]*?\bname=(["'])(.*?)\1""")


def sheet_names(path: Path) -> list[str] | None:
    """The sheet names of an .xlsx file read from its index alone; None when the file has no such index."""
    try:
        with zipfile.ZipFile(path) as archive:
            index = archive.read("xl/workbook.xml").decode("utf-8")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None
    return [html.unescape(match.group(2)) for match in _SHEET.finditer(index)] or None


def has_no_cohorts_sheet(path: Path) -> bool:
    """Whether `path` is surely not a year workbook: an .xlsx file without a `Promotions` / `Cohorts` sheet."""
    from scheduler.workbook.labels import SHEETS, find

    names = sheet_names(path)
    return names is not None and not any(find(SHEETS, name) == "cohorts" for name in names)


def read_workbook(workbook: Path) -> tuple:
    """What `plan` needs of the file: the validated Problem and its warnings. Raises FileRefused."""
    from scheduler.app.check import load_workbook, workbook_warnings

    problem = load_workbook(workbook)
    return problem, workbook_warnings(problem)


COLLECTION_THRESHOLDS = (20_000, 20, 20)
"""Python's cyclic garbage collector, for a run that allocates millions of short-lived objects (the
solver's libraries loading, the workbook read, the model built): a young-object collection every
20 000 allocations instead of 700 (0.1 s less of collections in `plan`; cycles are still collected)."""


def read_ahead(workbook: Path) -> None:
    """Start reading `workbook` in a second process, for `plan` to take (`taken`); nothing for a
    year workbook (read otherwise) or where no second process can help. Both processes collect
    their garbage less often from here on (COLLECTION_THRESHOLDS)."""
    gc.set_threshold(*COLLECTION_THRESHOLDS)
    for helper in _WAITING.values():  # left by a command that stopped before planning
        helper.stop()
    _WAITING.clear()
    if has_no_cohorts_sheet(workbook):
        catalogue()  # read once, before the fork: both processes use it
        helper = second_process.start(*SECOND_PART_MODULES, first=(read_workbook, (workbook,)))
        if helper is not None:
            _WAITING[os.path.abspath(workbook)] = helper


def taken(workbook: Path) -> second_process.Helper | None:
    """The second process reading `workbook`, if one was started (then it is the caller's to stop)."""
    return _WAITING.pop(os.path.abspath(workbook), None)
