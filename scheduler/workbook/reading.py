"""Reading the input workbook (SPEC §1) into a validated `Problem`: the entry point `load`.

Every mistake in the workbook is collected, located (sheet, Excel row, column) and raised at the
end as one `InvalidWorkbook`; nothing stops at the first mistake. Sheets are read in the order of
their references (organisations before the speakers naming them, and so on), so that a reference
is checked against every name of the sheet it points to, even names on rows that hold another
mistake: one mistake gives one error, not a cascade.

The parts: `table` (the one table reader), `programme` (the settings), `rows` (one builder per
sheet), `cross_checks` (checks across sheets); `context` carries the log and names between them.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from scheduler.core import domain
from scheduler.core.errors import InvalidWorkbook, Notice
from scheduler.workbook import rows
from scheduler.workbook.context import Context, ErrorLog, SheetLog, located, read_rows
from scheduler.workbook.cross_checks import availability_warnings, check_group_sizes, check_in_programme
from scheduler.workbook.labels import COLUMNS, SHEETS
from scheduler.workbook.programme import read_programme
from scheduler.workbook.table import Book, Table, find_worksheets, open_workbook, read_table, written_names

__all__ = ["load", "located", "open_workbook"]

_DEFINITIONS = {
    "organisations": "organisation", "themes": "theme", "projects": "id", "speakers": "speaker",
    "offers": "id", "participants": "participant", "weights": "rule",
}
"""The column of each sheet whose cells are names other rows refer to (and must be unique)."""


def load(path: str | Path) -> domain.Problem:
    """Read and validate the workbook at `path`; raise InvalidWorkbook listing every mistake in it."""
    log = ErrorLog()
    context = Context(log, read_tables(open_workbook(Path(path)), log))
    for sheet, column in _DEFINITIONS.items():
        context.define(sheet, column)
    programme = read_programme(context)
    # In the order of references: a sheet is read after every sheet it names things from.
    organisations = read_rows(context, "organisations", rows.organisation_row)
    themes = read_rows(context, "themes", rows.theme_row)
    projects = read_rows(context, "projects", rows.project_row)
    speakers = read_rows(context, "speakers", rows.speaker_row)
    offers = read_rows(context, "offers", rows.offer_row)
    windows = read_rows(context, "availability", rows.window_row)
    closures = read_rows(context, "closures", rows.closure_row)
    events = read_rows(context, "events", rows.event_row)
    participants = read_rows(context, "participants", rows.participant_row)
    weights = read_rows(context, "weights", rows.weight_row)
    check_group_sizes(context, projects, participants)
    if programme is not None and not any(sheet == "closures" for sheet, _ in log.errors):
        check_in_programme(context, programme, closures, windows, events)
    names = written_names(context.tables)
    if log.errors or programme is None:
        raise InvalidWorkbook([names.name(e) for e in log.sorted_errors()], [names.name(w) for w in log.warnings])
    problem = domain.Problem(programme, themes, organisations, speakers, offers, windows, closures, events,
                             projects, participants, weights, names=names)
    warnings = log.warnings + availability_warnings(problem)
    return replace(problem, warnings=tuple(Notice(names.name(w)) for w in warnings))


def read_tables(book: Book, log: ErrorLog) -> dict[str, Table]:
    """Sheet key -> its table, for the sheets of SPEC §1 found by name; a missing required sheet is a mistake."""
    worksheets = find_worksheets(book.values, SHEETS,
                                 lambda sheet, title, fr, en: log.add(sheet, None, None, title, fr, en))
    for sheet, label in SHEETS.items():
        if label.required and sheet not in worksheets:
            log.add(sheet, None, None, None, f"feuille manquante : ajoutez une feuille « {label.fr} »",
                    f"missing sheet: add a sheet named '{label.en}'")
    return {sheet: read_table(sheet, worksheet, COLUMNS[sheet], SheetLog(log, sheet), book.formulas_of(worksheet),
                              required_sheet=SHEETS[sheet].required)
            for sheet, worksheet in worksheets.items()}
