"""Reading back `annee.xlsx` (SPEC §6): the sheet `Année` split by its `Promotion` column, one timetable per cohort.

Each cohort's rows are handed to the ordinary `Planning` reader (`planning_reader.read_planning`) on
a temporary workbook that keeps every row at the row number the coordinator sees, so its messages
stay located; they are then said of the sheet `Année`.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.core.domain import Timetable
from scheduler.core.errors import InputError, InvalidWorkbook, quoted
from scheduler.core.year import YearProblem
from scheduler.core.text import key
from scheduler.workbook.labels import PLANNING_SHEETS, YEAR_COHORT_COLUMN
from scheduler.workbook.cells import filled_rows, text
from scheduler.workbook.planning_reader import read_planning, read_previous_planning
from scheduler.workbook.table import open_workbook

YEAR_SHEETS = (PLANNING_SHEETS["year"].fr, PLANNING_SHEETS["year"].en)  # the sheet `exports/year.py` writes
GROUPS_SHEETS = (PLANNING_SHEETS["groups"].fr, PLANNING_SHEETS["groups"].en)
COHORT_HEADERS = (YEAR_COHORT_COLUMN.fr, YEAR_COHORT_COLUMN.en)  # its cohort column, French and English
HEADER_SEARCH_ROWS = 10


def _split(sheet: Worksheet, year: YearProblem, errors: list[InputError]) -> tuple[int, int, dict[str, dict]]:
    """(header row, cohort column, cohort name -> {row: values without the cohort column})."""
    rows = filled_rows(sheet)
    sheet_fr, sheet_en = _canonical(sheet)
    wanted = {key(h) for h in COHORT_HEADERS}
    header = next((n for n in sorted(rows) if n <= HEADER_SEARCH_ROWS
                   and any(key(v) in wanted for v in rows[n].values())), None)
    if header is None:
        errors.append(InputError(sheet_fr, 1, COHORT_HEADERS[0], None,
                                 f"il manque la colonne {quoted(COHORT_HEADERS[0], 'fr')} : ajoutez-la à la ligne "
                                 "d'en-tête", f"column {quoted(COHORT_HEADERS[1], 'en')} is missing: add it to the "
                                 "header row", column_en=COHORT_HEADERS[1],
                                 sheet_en=sheet_en, sheet_written=sheet.title))
        return 0, 0, {}
    column = next(p for p, v in rows[header].items() if key(v) in wanted)
    names = {key(c.name): c.name for c in year.cohorts}
    split: dict[str, dict] = {c.name: {header: _without(rows[header], column)} for c in year.cohorts}
    for number in sorted(n for n in rows if n > header):
        written = text(rows[number].get(column))
        cohort = names.get(key(written))
        if cohort is None:
            known = ", ".join(c.name for c in year.cohorts)
            errors.append(InputError(sheet_fr, number, COHORT_HEADERS[0], written,
                                     f"promotion inconnue : écrivez l'une de {known}",
                                     f"unknown cohort: write one of {known}", column_en=COHORT_HEADERS[1],
                                     sheet_en=sheet_en, sheet_written=sheet.title,
                                     column_written=text(rows[header][column])))
            continue
        split[cohort][number] = _without(rows[number], column)
    return header, column, split


def _canonical(sheet: Worksheet) -> tuple[str, str]:
    """The sheet's French and English names: `Année` / `Year`, or `Groupes` / `Groups`."""
    return YEAR_SHEETS if key(sheet.title) in {key(name) for name in YEAR_SHEETS} else GROUPS_SHEETS


def _without(row: dict[int, object], column: int) -> dict[int, object]:
    """The row's cells, the cohort column taken out (the columns after it move one to the left)."""
    return {(p if p < column else p - 1): v for p, v in row.items() if p != column}


def _sheet_from(workbook: Workbook, title: str, rows: dict[int, dict[int, object]]) -> None:
    sheet = workbook.create_sheet(title)
    for number, cells in rows.items():
        for position, value in cells.items():
            sheet.cell(number, position + 1).value = value


def find_sheet(workbook, names: tuple[str, ...]):
    """The first sheet of `workbook` whose title is one of `names` (case, accents and spaces ignored)."""
    wanted = {key(name) for name in names}
    return next((workbook[title] for title in workbook.sheetnames if key(title) in wanted), None)


def read_year_planning(path: str | Path, year: YearProblem, previous: bool = False) -> tuple[Timetable, ...]:
    """One timetable per cohort of `year`, from the sheets `Année` (and `Groupes`) of `path`.

    `previous` (replan): a timetable planned before the workbook changed — rows of offers since removed
    are kept, as `read_previous_planning` keeps them for one cohort, so that they can be cancelled."""
    path = Path(path)
    workbook = open_workbook(path).values
    errors: list[InputError] = []
    sheet = find_sheet(workbook, YEAR_SHEETS)
    if sheet is None:
        raise InvalidWorkbook([InputError(path.name, None, None, None,
                                          f"ce classeur n'a pas de feuille {quoted(YEAR_SHEETS[0], 'fr')} : indiquez "
                                          "le fichier annee.xlsx écrit par « scheduler plan »",
                                          f"this workbook has no sheet {quoted(YEAR_SHEETS[0], 'en')}: give the "
                                          "annee.xlsx written by 'scheduler plan'", is_file=True)])
    _, _, sessions = _split(sheet, year, errors)
    groups_sheet = find_sheet(workbook, GROUPS_SHEETS)
    groups = _split(groups_sheet, year, errors)[2] if groups_sheet is not None else {}
    timetables = []
    for cohort, problem in zip(year.cohorts, year.problems):
        if cohort.name not in sessions:  # no row of this cohort: an empty timetable, for the checker to judge
            timetables.append(Timetable(()))
            continue
        part = Workbook()
        part.remove(part.active)
        _sheet_from(part, "Planning", sessions[cohort.name])
        if cohort.name in groups:
            _sheet_from(part, "Groupes", groups[cohort.name])
        with tempfile.TemporaryDirectory(prefix="scheduler-annee-") as folder:
            copy = Path(folder) / path.name
            part.save(copy)
            try:
                timetables.append((read_previous_planning if previous else read_planning)(copy, problem))
            except InvalidWorkbook as invalid:
                for error in invalid.errors:
                    if error.sheet == "Planning":  # said of the sheet `Année` the rows come from
                        error.sheet, error.sheet_en = YEAR_SHEETS
                        error.sheet_written = sheet.title
                errors += invalid.errors
    if errors:
        raise InvalidWorkbook(errors)
    return tuple(timetables)
